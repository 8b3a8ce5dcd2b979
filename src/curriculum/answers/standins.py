"""What the checks hold instead of learner code: stand-ins that call across a boundary.

A :class:`LearnerFunction` looks like the learner's function to a check: calling it sends the
arguments (as data) to where the learner's code lives, runs the call there under the question's
time budget, and returns the value (as data). Anything else — an exception, a timeout, a
process that died, a return value that is not data — raises :class:`LearnerCallFailed`, a
check failure whose message says what happened in the learner's terms. The first calls are
recorded so that a failing check can be compared with the question's known mistakes.
"""

from __future__ import annotations

import select
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from curriculum.answers import learner_side
from curriculum.answers.wire import BadFrame, decode, encode
from curriculum.checks import CheckFailed
from curriculum.results import Status

MAX_FRAME_BYTES = 256 * 1024**2
REPLY_GRACE = 3.0  # seconds the checker waits beyond a call's own limit before giving up
RECORDED_CALLS = 4  # per function and check: the first few calls, plus always the last


class LearnerCallFailed(CheckFailed):
    """A call into learner code did not return data; ``status`` says how it ended."""

    def __init__(self, message: str, status: Status = Status.FAILED) -> None:
        super().__init__(message)
        self.status = status


class Budget:
    """The time a question's learner calls may take in total."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


class Transport:
    """Carries one request frame to the learner's side and brings back its reply frame."""

    def exchange(self, frame: bytes, wait: float) -> bytes:
        raise NotImplementedError


class InProcess(Transport):
    """The learner's code in this very process (``check()`` in a notebook, and tests)."""

    def __init__(self, namespace: Mapping[str, Any]) -> None:
        self.namespace = namespace

    def exchange(self, frame: bytes, wait: float) -> bytes:
        return learner_side.handle_request(self.namespace, frame)


class ChannelLost(Exception):
    """The learner's process stopped answering (it died, or is stuck past its limit)."""


class Channel(Transport):
    """The learner's code in another process, over a connection (the grader)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.lost: str | None = None
        self.poller = select.poll()  # cheaper per call than Connection.poll's selector
        self.poller.register(connection.fileno(), select.POLLIN | select.POLLHUP)

    def receive(self, wait: float) -> bytes:
        if self.lost:
            raise ChannelLost(self.lost)
        try:
            if not self.poller.poll(max(wait, 0.0) * 1000):
                self.lost = "timeout"
                raise ChannelLost(self.lost)
            return self.connection.recv_bytes(MAX_FRAME_BYTES)
        except (EOFError, ConnectionError) as exc:
            self.lost = "died"
            raise ChannelLost(self.lost) from exc
        except OSError as exc:  # recv_bytes refuses a frame above the size limit
            self.lost = "too large" if "length" in str(exc) else "died"
            raise ChannelLost(self.lost) from exc

    def exchange(self, frame: bytes, wait: float) -> bytes:
        if self.lost:
            raise ChannelLost(self.lost)
        try:
            self.connection.send_bytes(frame)
        except OSError as exc:
            self.lost = "died"
            raise ChannelLost(self.lost) from exc
        return self.receive(wait)


@dataclass
class RecordedCall:
    args: tuple
    kwargs: dict
    outcome: tuple  # ("return", value) or ("raise", exception name, message)
    modules: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


class Remote:
    """Shared plumbing of the stand-ins: one connection, one budget, numbered requests."""

    def __init__(self, transport: Transport, budget: Budget) -> None:
        self.transport = transport
        self.budget = budget
        self.next_id = 0

    def call(self, name: str, path: list[str], args: tuple, kwargs: dict, trace: bool) -> tuple:
        return self._send(name, lambda i, seconds: (i, "call", path, args, kwargs, seconds, trace))

    def getattr(self, name: str, path: list[str]) -> tuple:
        return self._send(name, lambda i, seconds: (i, "getattr", path, seconds))

    def _send(self, name: str, make_request: Any) -> tuple:
        seconds = self.budget.remaining()
        if seconds <= 0:
            raise _timeout(name, self.budget.seconds)
        self.next_id += 1
        call_id = self.next_id
        frame = encode(make_request(call_id, seconds))
        try:
            reply = decode(self.transport.exchange(frame, seconds + REPLY_GRACE))
        except ChannelLost as lost:
            if str(lost) == "timeout":
                raise _timeout(name, self.budget.seconds) from None
            if str(lost) == "too large":
                raise LearnerCallFailed(
                    f"`{name}` returned more data than the grader accepts "
                    f"({MAX_FRAME_BYTES >> 20} MiB).",
                    Status.ERROR,
                ) from None
            raise LearnerCallFailed(
                f"calling `{name}` ended the process it ran in (os._exit, a kill or a crash).",
                Status.ERROR,
            ) from None
        except BadFrame as bad:
            raise LearnerCallFailed(
                f"the reply from `{name}` could not be read ({bad}).", Status.ERROR
            ) from None
        if type(reply) is not tuple or len(reply) < 2 or reply[0] != call_id:
            raise LearnerCallFailed(f"the reply from `{name}` was not understood.", Status.ERROR)
        return reply[1:]


def _timeout(name: str, seconds: float) -> LearnerCallFailed:
    return LearnerCallFailed(
        f"timeout: `{name}` ran past the {seconds:g} s this question allows; "
        "is there an endless loop?",
        Status.TIMEOUT,
    )


class LearnerFunction:
    """Stands in for a learner's function (or a method of a learner's object)."""

    def __init__(self, name: str, remote: Remote, path: list[str]) -> None:
        self.name = name
        self._remote = remote
        self._path = path
        self.calls: list[RecordedCall] = []
        self.seen = 0
        self.changed_inputs: set[str] = set()  # arguments any call modified in place

    def start_recording(self) -> None:
        """Forget earlier calls: a failing check is compared on its own calls only."""
        self.calls = []
        self.seen = 0
        self.changed_inputs = set()

    @property
    def modules_used(self) -> set[str]:
        return {m for call in self.calls for m in call.modules}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.seen += 1
        trace = self.seen <= RECORDED_CALLS
        reply = self._remote.call(self.name, self._path, args, kwargs, trace)
        kind = reply[0]
        record = RecordedCall(args, kwargs, ("raise", "", ""))
        if kind == "return":
            _, value, modules, changed = reply
            record = RecordedCall(args, kwargs, ("return", value), list(modules), list(changed))
            self.changed_inputs.update(changed)
            self._record(record)
            return value
        if kind == "raise":
            _, ename, message = reply
            record.outcome = ("raise", ename, message)
            self._record(record)
            raise LearnerCallFailed(f"calling `{self.name}` raised {ename}: {message}")
        if kind == "timeout":
            raise _timeout(self.name, self._remote.budget.seconds)
        if kind == "not_data":
            raise LearnerCallFailed(
                f"`{self.name}` returned something that is not data: {reply[1]}; "
                "expected a number, a NumPy array or a plain Python value."
            )
        raise LearnerCallFailed(f"calling `{self.name}` failed: {reply[-1]}", Status.ERROR)

    def _record(self, record: RecordedCall) -> None:
        if len(self.calls) < RECORDED_CALLS:
            self.calls.append(record)
        elif self.seen > RECORDED_CALLS:
            self.calls[-1] = record  # keep the latest: it is usually the one that failed

    def __repr__(self) -> str:
        return f"<your function `{self.name}`>"


class LearnerObject:
    """Stands in for a learner's object that is not data: attributes are fetched, methods
    called, across the boundary."""

    def __init__(self, name: str, remote: Remote, path: list[str], description: dict) -> None:
        self._name = name
        self._remote = remote
        self._path = path
        self._description = description

    @property
    def type_name(self) -> str:
        return str(self._description.get("type", "object"))

    @property
    def text(self) -> str:
        return str(self._description.get("text", f"a {self.type_name} object"))

    def __getattr__(self, attribute: str) -> Any:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        name, path = f"{self._name}.{attribute}", [*self._path, attribute]
        reply = self._remote.getattr(name, path)
        if reply[0] == "value":
            return decode(reply[1])
        if reply[0] == "remote":
            return standin(name, self._remote, path, reply[1])
        if reply[0] == "raise":
            raise AttributeError(f"`{name}` raised {reply[1]}: {reply[2]}")
        raise LearnerCallFailed(f"reading `{name}` timed out.", Status.TIMEOUT)

    def __repr__(self) -> str:
        return f"<your {self.type_name} object `{self._name}`>"


class CallableLearnerObject(LearnerObject):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return LearnerFunction(self._name, self._remote, self._path)(*args, **kwargs)


def standin(name: str, remote: Remote, path: list[str], description: dict) -> Any:
    if description.get("kind") == "function":
        return LearnerFunction(name, remote, path)
    if description.get("callable"):
        return CallableLearnerObject(name, remote, path, description)
    return LearnerObject(name, remote, path, description)


@dataclass
class Answers:
    """A question's answers as the checks see them: data, or stand-ins for learner code."""

    values: dict[str, Any]
    blank: set[str] = field(default_factory=set)  # left as ____, or never defined
    problems: dict[str, str] = field(default_factory=dict)  # could not be read at all

    def functions(self) -> list[LearnerFunction]:
        return [v for v in self.values.values() if isinstance(v, LearnerFunction)]


def answers_from_manifest(manifest: Mapping[str, tuple], remote: Remote) -> Answers:
    """Turn the learner side's description of each name into values and stand-ins."""
    answers = Answers(values={})
    for name, entry in manifest.items():
        kind = entry[0]
        if kind in ("missing", "blank"):
            answers.blank.add(name)
        elif kind == "data":
            try:
                answers.values[name] = decode(entry[1])
            except BadFrame as bad:
                answers.problems[name] = f"`{name}` could not be read for grading: {bad}"
        elif kind == "remote":
            answers.values[name] = standin(name, remote, [name], dict(entry[1]))
        else:
            answers.problems[name] = str(entry[-1])
    return answers


def local_answers(namespace: Mapping[str, Any], names: tuple[str, ...], seconds: float) -> Answers:
    """Answers read from a namespace in this process, exactly as the grader would see them."""
    manifest = learner_side.describe_answers(namespace, names)
    return answers_from_manifest(manifest, Remote(InProcess(namespace), Budget(seconds)))


def channel_answers(connection: Any, seconds: float) -> Answers:
    """Answers sent by a learner-side process (its first frame is the manifest)."""
    channel = Channel(connection)
    message = decode(channel.receive(REPLY_GRACE * 3))
    if type(message) is not tuple or len(message) != 2 or message[0] != "answers":
        raise BadFrame("the answers were not sent")
    manifest = message[1]
    if type(manifest) is not dict:
        raise BadFrame("the answers were not sent")
    return answers_from_manifest(manifest, Remote(channel, Budget(seconds)))
