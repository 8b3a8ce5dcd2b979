"""The command's side of the warm grader: find it (or start it), hand it a file, read the report.

Everything here is cheap to import: the command pays for the grading pipeline only when it has
to grade in its own process.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import stat
import struct
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ENABLE_VARIABLE = "CURRICULUM_WARM_GRADER"
IDLE_VARIABLE = "CURRICULUM_WARM_GRADER_IDLE"
RUNTIME_VARIABLE = "CURRICULUM_RUNTIME_DIR"
DEFAULT_IDLE_SECONDS = 300.0
START_WAIT = 60.0  # seconds a new warm grader has to open its socket
MAX_REQUEST_BYTES = 1024**2
MAX_RESPONSE_BYTES = 64 * 1024**2
HEADER = struct.Struct(">I")
OFF_VALUES = ("0", "false", "no", "off")


class WarmGraderUnavailable(Exception):
    """The warm grader cannot be used here; the command grades in its own process."""


def warm_grader_enabled() -> bool:
    """False when ``CURRICULUM_WARM_GRADER`` says off, or the platform lacks what it needs."""
    if os.environ.get(ENABLE_VARIABLE, "1").strip().lower() in OFF_VALUES:
        return False
    return hasattr(socket, "AF_UNIX") and hasattr(socket, "SO_PEERCRED") and os.name == "posix"


def idle_seconds() -> float:
    """How long a warm grader waits for the next file before it exits."""
    try:
        return max(1.0, float(os.environ.get(IDLE_VARIABLE, DEFAULT_IDLE_SECONDS)))
    except ValueError:
        return DEFAULT_IDLE_SECONDS


def runtime_dir(create: bool = True) -> Path:
    """This user's private folder for warm-grader sockets (mode 0700, owned by the user).

    Raises WarmGraderUnavailable if the folder exists but another user could reach into it: a
    socket there could be someone else's process posing as the grader.
    """
    configured = os.environ.get(RUNTIME_VARIABLE)
    if configured:
        folder = Path(configured)
    elif os.environ.get("XDG_RUNTIME_DIR"):
        folder = Path(os.environ["XDG_RUNTIME_DIR"]) / "curriculum"
    else:
        folder = Path(tempfile.gettempdir()) / f"curriculum-{os.getuid()}"
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700, parents=True)
    try:
        info = folder.lstat()
    except OSError as error:
        raise WarmGraderUnavailable(f"{folder}: {error.strerror}") from None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise WarmGraderUnavailable(f"{folder} is not a private folder of this user")
    return folder


def grader_key() -> str:
    """What a warm grader must share with the command to grade as it would: the interpreter,
    the installed packages, this package's code and the ``CURRICULUM_*`` settings."""
    import curriculum

    digest = hashlib.sha256()
    digest.update(sys.executable.encode())
    digest.update(curriculum.__version__.encode())
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        # pip adds and removes folders here on every install: its time changes with them
        with contextlib.suppress(OSError):
            digest.update(f"{folder}:{os.stat(folder).st_mtime_ns}".encode())
    package = Path(curriculum.__file__).parent
    for source in sorted(package.rglob("*.py")):
        with contextlib.suppress(OSError):
            info = source.stat()
            digest.update(f"{source}:{info.st_mtime_ns}:{info.st_size}".encode())
    controls = (ENABLE_VARIABLE, IDLE_VARIABLE, RUNTIME_VARIABLE)
    for name in sorted(os.environ):
        if (name.startswith("CURRICULUM_") and name not in controls) or name == "PYTHONPATH":
            digest.update(f"{name}={os.environ[name]}".encode())
    return digest.hexdigest()[:16]


def socket_path(folder: Path, key: str) -> Path:
    return folder / f"grader-{key}.sock"


def send_message(connection: socket.socket, message: Mapping[str, Any]) -> None:
    data = json.dumps(message).encode()
    connection.sendall(HEADER.pack(len(data)) + data)


def receive_message(connection: socket.socket, limit: int) -> Any:
    """One length-prefixed JSON message; ConnectionError if the peer went away or lied."""
    header = _receive_exactly(connection, HEADER.size)
    (size,) = HEADER.unpack(header)
    if size > limit:
        raise ConnectionError(f"message of {size} bytes is over the {limit}-byte limit")
    try:
        return json.loads(_receive_exactly(connection, size))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConnectionError(f"unreadable message: {error}") from None


def _receive_exactly(connection: socket.socket, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = connection.recv(min(left, 1024**2))
        if not chunk:
            raise ConnectionError("the other side closed the connection")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def peer_uid(connection: socket.socket) -> int:
    credentials = connection.getsockopt(
        socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")
    )
    return struct.unpack("3i", credentials)[1]


def _connect(path: Path, timeout: float | None = 5.0) -> socket.socket:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(timeout)
    try:
        connection.connect(str(path))
        if peer_uid(connection) != os.getuid():
            raise ConnectionRefusedError(f"{path} is served by another user")
    except BaseException:
        connection.close()
        raise
    return connection


def _start_server(folder: Path, key: str, exercises: Sequence[str]) -> subprocess.Popen:
    """Start a warm grader in its own session (Ctrl-C in the terminal is not for it), its
    zygote prepared for ``exercises``."""
    log = open(folder / f"grader-{key}.log", "wb")  # noqa: SIM115 - handed to the child
    with log:
        return subprocess.Popen(
            [sys.executable, "-m", "curriculum.warm.server", str(socket_path(folder, key))]
            + [str(idle_seconds()), ",".join(exercises)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            close_fds=True,
            cwd=folder,  # `-m` puts the working folder on sys.path: make it this private one
        )


def connect_or_start(exercises: Sequence[str] = ()) -> socket.socket:
    """A connection to this user's warm grader, starting one (prepared for ``exercises``) if
    none is running."""
    folder = runtime_dir()
    key = grader_key()
    path = socket_path(folder, key)
    if len(str(path)) >= 100:
        raise WarmGraderUnavailable(f"{path} is too long for a Unix socket")
    with contextlib.suppress(OSError):
        return _connect(path)
    server = _start_server(folder, key, exercises)
    deadline = time.monotonic() + START_WAIT
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            return _connect(path)
        code = server.poll()
        if code is not None:  # 0: another command's grader won the start; it is the one
            with contextlib.suppress(OSError):
                return _connect(path)
            if code != 0:
                raise WarmGraderUnavailable(f"the warm grader exited with status {code}")
        time.sleep(0.02)
    raise WarmGraderUnavailable("the warm grader did not open its socket in time")


def grade_warm(path: Path, *, exercise: str | None = None, **options: Any) -> Any | None:
    """Grade ``path`` in the warm grader: a GradeReport, or None if it could not be used
    (then the caller grades in its own process, so that no grade is ever lost to it)."""
    from curriculum.results import GradeReport
    from curriculum.syllabus import module_named_by_file

    request = {
        "grade": str(path.absolute()),
        "exercise": exercise,
        "options": {
            name: str(Path(value).absolute()) if name == "out_dir" and value else value
            for name, value in options.items()
            if name != "engine"  # the warm grader is the fork engine
        },
    }
    named = exercise or getattr(module_named_by_file(path), "stem", None)
    try:
        connection = connect_or_start([named] if named else [])
    except (WarmGraderUnavailable, OSError):
        return None
    with connection:
        try:
            connection.settimeout(None)  # the grader's own limits bound how long a grade takes
            send_message(connection, request)
            reply = receive_message(connection, MAX_RESPONSE_BYTES)
            report = GradeReport.from_dict(reply["report"])
        except (OSError, ConnectionError, KeyError, TypeError, ValueError):
            return None
    report.notebook = str(path)
    return report


def running_graders() -> list[dict[str, Any]]:
    """The warm graders of this user that answer, each with what it says about itself."""
    try:
        folder = runtime_dir(create=False)
    except WarmGraderUnavailable:
        return []
    found = []
    for path in sorted(folder.glob("grader-*.sock")):
        try:
            with _connect(path) as connection:
                send_message(connection, {"status": True})
                status = receive_message(connection, MAX_REQUEST_BYTES)
        except (OSError, ConnectionError):
            continue
        if isinstance(status, dict):
            found.append({**status, "socket": str(path)})
    return found


def stop_graders() -> int:
    """Ask every warm grader of this user to exit once its current grades are done."""
    stopped = 0
    for grader in running_graders():
        try:
            with _connect(Path(grader["socket"])) as connection:
                send_message(connection, {"stop": True})
                receive_message(connection, MAX_REQUEST_BYTES)
        except (OSError, ConnectionError):
            continue
        stopped += 1
    return stopped
