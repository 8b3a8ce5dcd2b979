"""The warm grader process: ``python -m curriculum.warm.server SOCKET IDLE_SECONDS``.

It takes a lock next to its socket (a second grader for the same socket exits at once), opens
the socket before its slow start so that the first command's request waits in the backlog, starts
its zygote, and then grades the files it is handed, a few at a time, until it has been idle for
IDLE_SECONDS or is asked to stop. Only processes of its own user may talk to it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from curriculum.warm.client import (
    MAX_REQUEST_BYTES,
    WarmGraderUnavailable,
    peer_uid,
    receive_message,
    send_message,
)

REQUEST_WAIT = 10.0  # seconds a client has to send its request once connected
OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "parameters": (dict, type(None)),
    "cell_timeout": (int, float),
    "question_timeout": (int, float),
    "timeout": (int, float),
    "memory": (int,),
    "out_dir": (str, type(None)),
}


class BadRequest(ValueError):
    """A request that is not a grade, status or stop message of the expected shape."""


def grade_options(request: dict[str, Any]) -> tuple[Path, str | None, dict[str, Any]]:
    """The path, exercise and grade_notebook options of a grade request, checked."""
    path, exercise, options = request.get("grade"), request.get("exercise"), request.get("options")
    if not isinstance(path, str) or not os.path.isabs(path):
        raise BadRequest("grade needs an absolute path")
    if exercise is not None and not isinstance(exercise, str):
        raise BadRequest("exercise must be a string")
    if not isinstance(options, dict) or not set(options) <= set(OPTION_TYPES):
        raise BadRequest(f"options must be among {sorted(OPTION_TYPES)}")
    for name, value in options.items():
        if not isinstance(value, OPTION_TYPES[name]) or isinstance(value, bool):
            raise BadRequest(f"option {name} has the wrong type")
    return Path(path), exercise, options


class WarmGrader:
    """Accepts this user's requests on ``address`` and grades them with a warm zygote."""

    def __init__(self, address: Path, idle: float, workers: int | None = None) -> None:
        self.address = address
        self.idle = idle
        self.started = time.time()
        self.graded = 0
        self.active = 0
        self.last_activity = time.monotonic()
        self.stopping = threading.Event()
        self.state = threading.Lock()
        self.slots = threading.BoundedSemaphore(workers or os.cpu_count() or 1)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    def open(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.address)  # a socket left by a grader that was killed
        previous = os.umask(0o177)
        try:
            self.listener.bind(str(self.address))
        finally:
            os.umask(previous)
        self.listener.listen(64)

    def warm_up(self, exercises: Sequence[str] = ()) -> None:
        """Start the zygote, prepared for ``exercises``, and the grading pipeline.

        The zygote is lean (only what those exercises need), as for one file graded in a
        command: the first command of a session waits for it. Files of other exercises are
        graded as well, their kernels importing what the zygote lacks (measured: 12, 10 and
        18 keys grade no slower than with the full preload)."""
        from curriculum.grading.sandbox import start_zygote, warm_up
        from curriculum.lean_imports import skip_unused_optional_imports

        skip_unused_optional_imports()
        start_zygote(exercises, lean=True)
        import curriculum.grading.pipeline  # noqa: F401 - imported while the zygote imports

        warm_up()

    def serve(self) -> None:
        """Answer requests until idle for ``idle`` seconds with nothing running, or stopped."""
        self.listener.settimeout(0.5)
        while not self.stopping.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                with self.state:
                    idle_for = time.monotonic() - self.last_activity
                    if self.active == 0 and idle_for > self.idle:
                        break
                continue
            if peer_uid(connection) != os.getuid():
                connection.close()
                continue
            with self.state:
                self.active += 1
                self.last_activity = time.monotonic()
            threading.Thread(target=self.answer, args=(connection,), daemon=True).start()
        self.close()
        while True:  # a stop lets the grades already handed in finish and reach their commands
            with self.state:
                if self.active == 0:
                    return
            time.sleep(0.05)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.close()
        with contextlib.suppress(OSError):
            os.unlink(self.address)

    def answer(self, connection: socket.socket) -> None:
        try:
            with connection:
                connection.settimeout(REQUEST_WAIT)
                request = receive_message(connection, MAX_REQUEST_BYTES)
                connection.settimeout(None)
                send_message(connection, self.reply(request))
        except (OSError, ConnectionError):
            pass  # the command went away (Ctrl-C): its grade is simply not delivered
        finally:
            with self.state:
                self.active -= 1
                self.last_activity = time.monotonic()

    def reply(self, request: Any) -> dict[str, Any]:
        if not isinstance(request, dict):
            return {"error": "a request is a JSON object"}
        if request.get("status") is True:
            with self.state:
                return {
                    "pid": os.getpid(),
                    "started": self.started,
                    "graded": self.graded,
                    "active": self.active - 1,
                    "idle_seconds": self.idle,
                }
        if request.get("stop") is True:
            self.stopping.set()
            return {"stopping": True}
        try:
            path, exercise, options = grade_options(request)
        except BadRequest as error:
            return {"error": str(error)}
        from curriculum.grading.pipeline import grade_notebook

        with self.slots:
            report = grade_notebook(path, exercise=exercise, **options)
        with self.state:
            self.graded += 1
        return {"report": report.to_dict()}


def main(argv: list[str]) -> int:
    address, idle = Path(argv[0]), float(argv[1])
    exercises = [name for name in (argv[2] if len(argv) > 2 else "").split(",") if name]
    lock = open(address.with_suffix(".lock"), "a")  # noqa: SIM115 - held for the process's life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0  # another grader serves this socket
    os.chdir(address.parent)
    grader = WarmGrader(address, idle)
    grader.open()
    try:
        grader.warm_up(exercises)
        grader.serve()
    except (WarmGraderUnavailable, KeyboardInterrupt):
        grader.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
