"""Where the learner's code lives: describe answers, and run calls to learner code under limits.

The checks never hold a learner function or object. They hold a stand-in
(:mod:`curriculum.answers.standins`) that sends a *request frame* here; :func:`handle_request`
runs the call under a time limit and answers with a *reply frame*, both in the data codec of
:mod:`curriculum.answers.wire`. In the notebook (``q1.check()``) that happens in the same
process; in the grader it happens in a process forked from the executed notebook, one per
question, so one question's calls cannot change another's state (see :func:`serve_questions`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import types
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from curriculum.answers.wire import BadFrame, NotData, decode, describe, encode

PLACEHOLDER_NAME = "____"


def _code_mentions_placeholder(code: types.CodeType) -> bool:
    if PLACEHOLDER_NAME in code.co_names:
        return True
    return any(
        isinstance(const, types.CodeType) and _code_mentions_placeholder(const)
        for const in code.co_consts
    )


def is_placeholder(value: Any, _depth: int = 0) -> bool:
    """True for ``____`` itself, a function whose body still contains ``____``, or a list,
    tuple, set or dict that still holds one (``{name: ____ for name in names}``)."""
    if type(value).__name__ == "Blank":
        return True
    code = getattr(value, "__code__", None)
    if isinstance(code, types.CodeType):
        return _code_mentions_placeholder(code)
    if _depth < 3 and type(value) in (list, tuple, set, frozenset):
        return any(is_placeholder(item, _depth + 1) for item in list(value)[:1000])
    if _depth < 3 and type(value) is dict:
        items = list(value.items())[:1000]
        return any(is_placeholder(k, _depth + 1) or is_placeholder(v, _depth + 1) for k, v in items)
    return False


def remote_description(value: Any, reason: str = "") -> dict[str, Any]:
    """What the checks learn about a value that stays here: its kind, never its contents."""
    text = describe(value)
    if type(value) in (list, tuple, dict, set, frozenset) and reason.startswith("it is "):
        text = f"{text[:-7]} that holds {reason[6:]}"  # "a list object" -> "a list that holds"
    return {
        "kind": "function" if callable(value) and hasattr(value, "__code__") else "object",
        "type": type(value).__name__,
        "callable": callable(value),
        "text": text,
    }


def describe_answers(namespace: Mapping[str, Any], names: Iterable[str]) -> dict[str, tuple]:
    """The answer manifest: each name as ``("data", frame)``, ``("remote", description)``,
    ``("blank",)`` or ``("missing",)``."""
    manifest: dict[str, tuple] = {}
    for name in names:
        if name not in namespace:
            manifest[name] = ("missing",)
            continue
        value = namespace[name]
        try:
            if is_placeholder(value):
                manifest[name] = ("blank",)
                continue
            manifest[name] = ("data", encode(value))
        except NotData as problem:
            manifest[name] = ("remote", remote_description(value, str(problem)))
        except Exception as exc:  # a learner object whose attributes raise while we look
            manifest[name] = ("problem", f"`{name}` could not be read: {type(exc).__name__}")
    return manifest


# -- running one call ---------------------------------------------------------------------------


class CallTimedOut(BaseException):
    """Raised by the alarm inside a learner call; a BaseException so ``except Exception``
    in learner code does not swallow it."""


@contextmanager
def time_limit(seconds: float):
    """Raise CallTimedOut in the main thread after ``seconds``; restores any outer timer.

    If an outer timer (the grader's cell limit) is due first, its own handler runs instead.
    Outside the main thread there is no alarm: the caller's own limit has to do.
    """
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return
    outer_handler = signal.getsignal(signal.SIGALRM)
    outer_delay, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    outer_first = 0 < outer_delay <= seconds

    def on_alarm(signum: int, frame: Any) -> None:
        if outer_first and callable(outer_handler):
            signal.signal(signal.SIGALRM, outer_handler)
            outer_handler(signum, frame)
        raise CallTimedOut

    started = time.monotonic()
    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, outer_delay if outer_first else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, outer_handler)
        if outer_delay > 0:
            left = max(outer_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


@contextmanager
def modules_recorded(into: set[str]):
    """Record the top-level package of every function the call enters (for "NumPy only")."""

    def profile(frame: Any, event: str, arg: Any) -> None:
        if event == "call":
            into.add(str(frame.f_globals.get("__name__", "")).partition(".")[0])
        elif event == "c_call":
            into.add(str(getattr(arg, "__module__", None) or "").partition(".")[0])

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(previous)
        into.discard("")


def _snapshot(args: tuple, kwargs: dict) -> dict[str, Any]:
    """Copies of the mutable array-like arguments, to see whether the call changed them."""
    found: dict[str, Any] = {}
    for key, value in [*enumerate(args), *kwargs.items()]:
        if type(value) is np.ndarray:
            found[str(key)] = value.copy()
        elif type(value) is list:
            found[str(key)] = list(value)
    return found


def _changed(before: dict[str, Any], args: tuple, kwargs: dict) -> list[str]:
    changed = []
    for key, old in before.items():
        new = args[int(key)] if key.isdigit() else kwargs[key]
        same = (
            _same_array(old, new)
            if isinstance(old, np.ndarray)
            else len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=False))
        )
        if not same:
            changed.append(key)
    return changed


def _same_array(old: np.ndarray, new: Any) -> bool:
    if type(new) is not np.ndarray or new.shape != old.shape or new.dtype != old.dtype:
        return False
    if old.dtype.kind in "fc":  # NaN == NaN here: an unchanged NaN is unchanged
        return bool(np.array_equal(old, new, equal_nan=True))
    return bool(np.array_equal(old, new))  # text, integers, booleans: no NaN to speak of


def _resolve(namespace: Mapping[str, Any], path: list[str]) -> Any:
    target = namespace[path[0]]
    for attribute in path[1:]:
        target = getattr(target, attribute)
    return target


def run_call(
    namespace: Mapping[str, Any],
    path: list[str],
    args: tuple,
    kwargs: dict,
    seconds: float,
    trace: bool,
) -> tuple:
    """Call ``namespace[path[0]].path[1]...(*args, **kwargs)``; the outcome as a reply tuple:
    ``("return", value, modules, changed_args)``, ``("raise", ename, message)`` or
    ``("timeout", seconds)``."""
    modules: set[str] = set()
    before = _snapshot(args, kwargs)
    try:
        with time_limit(seconds):
            if trace:
                with modules_recorded(modules):
                    value = _resolve(namespace, path)(*args, **kwargs)
            else:
                value = _resolve(namespace, path)(*args, **kwargs)
    except CallTimedOut:
        return ("timeout", seconds)
    except RecursionError:
        return ("raise", "RecursionError", "maximum recursion depth exceeded")
    except SystemExit as exc:  # sys.exit() in a function fails its check, not the process
        return ("raise", "SystemExit", _exit_text(exc))
    except Exception as exc:  # the learner's code: any error is theirs to see
        return ("raise", type(exc).__name__, error_text(exc))
    return ("return", value, sorted(modules), _changed(before, args, kwargs))


def error_text(exc: BaseException) -> str:
    """An error's message as the learner sees it (at most 300 characters)."""
    try:
        return str(exc)[:300]
    except Exception:
        return "(its message could not be shown)"


def _exit_text(exc: SystemExit) -> str:
    code = exc.code if isinstance(exc.code, (int, str, type(None))) else "..."
    return f"sys.exit({code!r}) was called; a function should return its result"[:300]


def get_attribute(namespace: Mapping[str, Any], path: list[str], seconds: float) -> tuple:
    """An attribute of a learner object: ``("value", data)`` if it is data, else
    ``("remote", description)``; or ``("raise", ...)`` / ``("timeout", ...)``."""
    try:
        with time_limit(seconds):
            value = _resolve(namespace, path)
            try:
                return ("value", encode(value))
            except NotData:
                return ("remote", remote_description(value))
    except CallTimedOut:
        return ("timeout", seconds)
    except SystemExit as exc:  # a property that calls sys.exit()
        return ("raise", "SystemExit", _exit_text(exc))
    except Exception as exc:
        return ("raise", type(exc).__name__, error_text(exc))


def reply_frame(call_id: int, reply: tuple) -> bytes:
    """Encode a reply; a return value that is not data becomes a ``not_data`` reply."""
    try:
        return encode((call_id, *reply))
    except NotData as problem:
        return encode((call_id, "not_data", str(problem)))


def handle_request(namespace: Mapping[str, Any], frame: bytes) -> bytes:
    """Answer one request frame: ``(call_id, "call", path, args, kwargs, seconds, trace)`` or
    ``(call_id, "getattr", path, seconds)``."""
    try:
        request = decode(frame)
        call_id, kind, path = request[0], request[1], list(request[2])
        if kind == "call":
            _, _, _, args, kwargs, seconds, trace = request
            return reply_frame(call_id, run_call(namespace, path, args, kwargs, seconds, trace))
        if kind == "getattr":
            return reply_frame(call_id, get_attribute(namespace, path, request[3]))
        return encode((call_id, "bad", f"unknown request {kind!r}"))
    except (BadFrame, ValueError, TypeError, IndexError, KeyError) as exc:
        return encode((-1, "bad", f"{type(exc).__name__}: {exc}"))


# -- the grader's learner side: one forked process per question ---------------------------------


INLINE_ANSWER_BYTES = 64 * 1024  # well under a Unix socket's send buffer (about 208 KiB)


def serve_questions(
    namespace: Mapping[str, Any],
    questions: Mapping[str, Iterable[str]],
    address: str,
    cpu_seconds: float,
) -> None:
    """Send each question's answers to the grader at ``address``; fork a process per question
    whose answers include learner code, to answer the checks' calls to it.

    Runs as the last cell of the grading notebook, in whatever kernel executed it. Each child
    starts from the state the notebook ended in, so a call that changes global state changes
    it only for its own question; the grader kills the children when it is done with them.
    A question whose answers are all small data needs no process: its answers are sent from
    here (a fork of a process holding the scientific stack costs milliseconds). Large answers
    (a fitted model with many support vectors) are sent from a fork too: the grader reads them
    only once every question has connected, and a send larger than the socket's buffer would
    block this loop before the later questions could connect.
    """
    from multiprocessing.connection import Client

    for question_id, names in questions.items():
        manifest = describe_answers(namespace, names)
        answers = encode(("answers", manifest))
        data_only = all(entry[0] != "remote" for entry in manifest.values())
        if data_only and len(answers) <= INLINE_ANSWER_BYTES:
            connection = Client(address, family="AF_UNIX")
            connection.send_bytes(encode(("hello", question_id)))
            connection.send_bytes(answers)
            connection.close()
            continue
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            try:
                _serve_one(namespace, question_id, answers, address, cpu_seconds)
            finally:
                os._exit(0)


def _serve_one(
    namespace: Mapping[str, Any],
    question_id: str,
    answers: bytes,
    address: str,
    cpu_seconds: float,
) -> None:
    import resource
    from multiprocessing.connection import Client

    os.setsid()  # out of the kernel's process group: its shutdown must not take us with it
    signal.setitimer(signal.ITIMER_REAL, 0)
    for signum in (signal.SIGALRM, signal.SIGUSR1, signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as we do
    limit = max(int(cpu_seconds) + 1, 1)
    resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
    connection = Client(address, family="AF_UNIX")
    connection.send_bytes(encode(("hello", question_id)))
    connection.send_bytes(answers)
    while True:
        try:
            frame = connection.recv_bytes()
        except (EOFError, OSError):
            return
        connection.send_bytes(handle_request(namespace, frame))
