"""Where one submission's learner-side processes call in: one connection per question.

The grading notebook's last cell forks a process per question that connects to this listener
(a Unix socket in the submission's private temporary folder) and says which question it
serves. The kernel tells us who connected (``SO_PEERCRED``), so when grading is over the
listener kills exactly those processes, whatever they claimed about themselves.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import struct
import time
import uuid
from multiprocessing.connection import Connection
from pathlib import Path

from curriculum.answers.wire import BadFrame, decode

HELLO_BYTES = 4096


def socket_address(workdir: Path) -> str:
    """A socket path in ``workdir``; an abstract address if that path would be too long."""
    path = str(workdir / "answers.sock")
    return path if len(path) < 100 else f"\0curriculum-{uuid.uuid4().hex}"


class AnswerListener:
    """Accepts the learner-side processes of one submission and cleans up after them."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.bind(address)
        self.socket.listen(128)
        self.pids: list[int] = []
        self.connections: list[Connection] = []

    def __enter__(self) -> AnswerListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def collect(self, expected: set[str], wait: float) -> dict[str, Connection]:
        """Accept connections until every question in ``expected`` has one or ``wait`` ends."""
        found: dict[str, Connection] = {}
        deadline = time.monotonic() + wait
        while len(found) < len(expected):
            remaining = deadline - time.monotonic()
            self.socket.settimeout(max(remaining, 0.01))
            try:
                peer, _ = self.socket.accept()
            except (TimeoutError, OSError):
                break
            self.pids.append(_peer_pid(peer))
            peer.settimeout(None)
            connection = Connection(peer.detach())
            self.connections.append(connection)
            question = _hello(connection, min(max(remaining, 0.5), 5.0))
            if question in expected and question not in found:
                found[question] = connection
            else:
                connection.close()
        return found

    def close(self) -> None:
        """Close every connection and kill every process that connected."""
        with contextlib.suppress(OSError):
            self.socket.close()
        if not self.address.startswith("\0"):
            with contextlib.suppress(OSError):
                os.unlink(self.address)
        for connection in self.connections:
            with contextlib.suppress(OSError):
                connection.close()
        for pid in self.pids:
            _kill(pid)


def _peer_pid(peer: socket.socket) -> int:
    credentials = peer.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", credentials)[0]


def _hello(connection: Connection, wait: float) -> str | None:
    try:
        if not connection.poll(wait):
            return None
        message = decode(connection.recv_bytes(HELLO_BYTES))
    except (BadFrame, EOFError, OSError):
        return None
    if type(message) is tuple and len(message) == 2 and message[0] == "hello":
        return message[1] if type(message[1]) is str else None
    return None


def _kill(pid: int) -> None:
    if pid <= 0 or pid == os.getpid():
        return
    try:
        # a learner-side process leads its own group (setsid); kill what it started too
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)
