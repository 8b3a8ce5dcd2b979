"""JupyterLab on a workspace, started and stopped as one command.

The server runs in its own session so that a Ctrl-C reaches only this command, which then
stops the server with SIGTERM (Jupyter's clean shutdown: kernels stopped, port released) and
kills it if it does not stop. SIGTERM to this command does the same.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

STOP_GRACE_S = 10.0


@dataclass(frozen=True)
class LabCommand:
    argv: list[str]
    url: str
    port: int
    token: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _option(args: Sequence[str], name: str) -> str | None:
    """The value of ``--name=V`` or ``--name V`` in ``args``."""
    for index, arg in enumerate(args):
        if arg.startswith(f"{name}="):
            return arg.split("=", 1)[1]
        if arg == name and index + 1 < len(args):
            return args[index + 1]
    return None


def lab_command(
    root: Path,
    open_path: str | None,
    *,
    port: int | None = None,
    no_browser: bool = False,
    allow_root: bool = False,
    extra: Sequence[str] = (),
) -> LabCommand:
    """The JupyterLab command line for ``root``, opening ``open_path`` (relative to root)."""
    extra = list(extra)
    port = port or int(_option(extra, "--port") or 0) or free_port()
    token = _option(extra, "--IdentityProvider.token") or secrets.token_hex(24)
    default_url = "/lab/tree/" + urllib.parse.quote(open_path) if open_path else "/lab"
    argv = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.default_url={default_url}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        "--ServerApp.log_level=WARN",  # our own line gives the URL; warnings and errors still show
    ]
    if no_browser:
        argv.append("--no-browser")
    if allow_root or (hasattr(os, "geteuid") and os.geteuid() == 0):
        argv.append("--allow-root")
    argv += [a for a in extra if not a.startswith(("--port", "--IdentityProvider.token"))]
    url = f"http://127.0.0.1:{port}{default_url}?token={token}"
    return LabCommand(argv, url, port, token)


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def run_lab(
    command: LabCommand,
    on_ready: Callable[[str], None],
    *,
    startup_timeout: float = 120.0,
) -> int:
    """Run the server until it exits, Ctrl-C or SIGTERM; always leave no server behind."""
    server = subprocess.Popen(command.argv, start_new_session=True, preexec_fn=_die_with_parent)
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {
        sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    try:
        deadline = time.monotonic() + startup_timeout
        ready = False
        while server.poll() is None and not stopping:
            if not ready and _port_open(command.port):
                ready = True
                on_ready(command.url)
            if not ready and time.monotonic() > deadline:
                stopping = True
                break
            time.sleep(0.1)
        return _stop(server) if stopping else server.returncode
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server.poll() is None:
            _stop(server)


def _die_with_parent() -> None:
    """In the server, before exec (Linux): SIGTERM when this command dies, even by SIGKILL,
    so that no server is left serving the workspace behind it."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(server: subprocess.Popen) -> int:
    """SIGTERM the server's whole session, then SIGKILL what is left; 0 when it stopped."""
    if server.poll() is None:
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            server.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(server.pid, signal.SIGKILL)  # the kernels it started, if any outlived it
    except (ProcessLookupError, PermissionError):
        pass
    if server.poll() is None:
        server.wait()
    return 0
