"""Fresh, limited interpreters for learner code, forked from a pre-imported parent.

Starting a Jupyter kernel and importing NumPy and scikit-learn in it costs about a second per
submission. Instead, one *zygote* process (multiprocessing's forkserver) imports the scientific
stack once and never runs learner code; every submission runs in a child forked from it, so it
starts from the same clean interpreter state in milliseconds. Each child runs under limits:

- a per-cell time limit (an alarm inside the child, then SIGKILL from the parent if ignored),
- a whole-notebook time limit,
- an address-space cap (allocations beyond it raise MemoryError instead of swapping the host),
- an output cap per cell (the parent never holds more than that).

A child that dies (``os._exit``, SIGKILL, a segfault) is noticed by the parent, which reports the
cell and starts a new child that skips it: each dying cell is skipped once, so the work is
bounded by the notebook.

The child runs learner code, so what it sends is untrusted: cell reports travel as JSON (never
pickle) and the parent only reads their fields.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import multiprocessing.spawn
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

# What the zygote imports when it serves many submissions (a class), whatever their exercises.
# skops.io comes in with the warm-up: see there why.
PRELOAD = [
    "curriculum.zygote_signals",  # first: see its docstring
    "numpy",
    "scipy.linalg",
    "pandas",
    "sklearn.base",
    "sklearn.datasets",
    "sklearn.linear_model",
    "sklearn.model_selection",
    "sklearn.pipeline",
    "sklearn.preprocessing",
    "sklearn.metrics",
    "matplotlib.pyplot",
    "IPython.core.interactiveshell",
    "curriculum.exercises",
    "curriculum.learner",
    "curriculum.mistakes",
    "curriculum.grading.collect",
    "curriculum.grading.zygote_warmup",  # last: see its docstring
]

# What it imports for a known exercise (``start_zygote(..., lean=True)``: one file, or the warm
# grader started for one): what
# every grading needs; the warm-up adds what the exercise's spec, setup and solutions import.
# Anything else the learner imports is imported by their own kernel.
LEAN_PRELOAD = [
    "curriculum.zygote_signals",
    "numpy",
    "IPython.core.interactiveshell",
    "curriculum.exercises",
    "curriculum.learner",
    "curriculum.mistakes",
    "curriculum.grading.collect",
    "curriculum.grading.zygote_warmup",
]

# One thread for BLAS: parallelism comes from grading several submissions at once, and a
# single-threaded zygote is what makes fork safe.
SANDBOX_ENV = {
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "MPLBACKEND": "Agg",
    "PYTHONHASHSEED": "0",
}

# The exercises a zygote prepares when it starts (comma-separated ids or slugs).
ZYGOTE_EXERCISES_VARIABLE = "CURRICULUM_ZYGOTE_EXERCISES"

HARD_KILL_GRACE = 3.0  # seconds a child may ignore its alarm before the parent kills it
MAX_MESSAGE_BYTES = 16 * 1024**2  # a cell report: outputs are capped well below this

TIMEOUT_ENAME = "CellTimeoutError"
NOTEBOOK_TIMEOUT_ENAME = "NotebookTimeoutError"
DEAD_KERNEL_ENAME = "DeadKernelError"

_context_lock = threading.Lock()
_start_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None
_preload = PRELOAD


def sandbox_context() -> multiprocessing.context.BaseContext:
    """The forkserver context; its server starts on first use with the stack imported."""
    global _context
    with _context_lock:
        if _context is None:
            os.environ.update(SANDBOX_ENV)
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(_preload)
            _context = ctx
        return _context


_starting = threading.local()  # set while this thread starts a child of the zygote


def _preparation_data(name: str) -> dict[str, Any]:
    """multiprocessing's data for a new child, without the main module when we start it.

    By default every child re-runs the parent's main script (as ``__mp_main__``) before its
    target: for ``curriculum grade`` that is importing the whole CLI, about 0.25 s per child
    and two children per submission. Our targets live in modules the zygote has imported, so
    the children never need the main module.
    """
    data = _stdlib_preparation_data(name)
    if getattr(_starting, "child", False):
        data.pop("init_main_from_name", None)
        data.pop("init_main_from_path", None)
    return data


_stdlib_preparation_data = multiprocessing.spawn.get_preparation_data
multiprocessing.spawn.get_preparation_data = _preparation_data


def start_process(process: Any) -> None:
    """Start a child of the zygote; serialised because batch grading uses threads.

    The process's target must live in an importable module, not in ``__main__``: the child
    does not re-run the main script (see :func:`_preparation_data`). If the zygote has died
    (it should not: children close their way to it, see :func:`close_inherited_channels`), a
    new one is started and the start tried again.
    """
    with _start_lock:
        deadline = time.monotonic() + 30
        while True:
            _start_zygote()
            _starting.child = True
            try:
                process.start()
                return
            except OSError:  # the zygote's socket refuses: it is gone or going
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # let it exit, so that the next check sees it dead
            finally:
                _starting.child = False


def close_inherited_channels() -> None:
    """In a child about to run learner code: close the descriptors it inherited from the
    zygote's machinery. One of them tells the zygote that the grader is alive, and a single
    byte written to it kills the zygote; another feeds multiprocessing's resource tracker,
    which prints a traceback for every garbled line."""
    from multiprocessing import forkserver, resource_tracker

    server = forkserver._forkserver
    tracker = resource_tracker._resource_tracker
    for owner, attribute in ((server, "_forkserver_alive_fd"), (tracker, "_fd")):
        fd = getattr(owner, attribute, None)
        if isinstance(fd, int) and fd > 2:
            with contextlib.suppress(OSError):
                os.close(fd)
        setattr(owner, attribute, None)


def _start_zygote() -> None:
    """Spawn the zygote now if it is not running, with SIGINT ignored while it is spawned.

    An ignored signal stays ignored across exec, which closes the few milliseconds before the
    zygote's first import (``curriculum.zygote_signals``) ignores SIGINT itself. Only the main
    thread may change a handler; elsewhere that import alone protects it.
    """
    from multiprocessing import forkserver

    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()  # returns once spawned; the preload runs on in the zygote
    finally:
        signal.signal(signal.SIGINT, previous)


def expect_exercises(keys: Iterable[str | None]) -> None:
    """Name the exercises about to be graded, so that a zygote not yet started prepares their
    specs and data once for all its children (:mod:`curriculum.grading.zygote_warmup`)."""
    names = sorted({key for key in keys if key})
    if names:
        os.environ[ZYGOTE_EXERCISES_VARIABLE] = ",".join(names)


def start_zygote(exercises: Iterable[str | None] = (), *, lean: bool = False) -> None:
    """Begin starting the zygote and return at once: its imports run while the caller works.

    ``exercises`` are the ones it should prepare (see :func:`expect_exercises`). With ``lean``
    and at least one of them named, a zygote not yet configured imports only what those
    exercises need (:data:`LEAN_PRELOAD` and their specs): right for grading one file, where
    the zygote's start is most of the wait."""
    global _preload
    exercises = [name for name in exercises if name]
    expect_exercises(exercises)
    with _context_lock:
        if lean and exercises and _context is None:
            _preload = LEAN_PRELOAD
    sandbox_context()
    with _start_lock:
        _start_zygote()


def warm_up(exercises: Iterable[str | None] = ()) -> None:
    """Start the zygote now rather than on the first submission."""
    expect_exercises(exercises)
    ctx = sandbox_context()
    process = ctx.Process(target=_noop)
    start_process(process)
    process.join()


def _noop() -> None:
    pass


@dataclass(frozen=True)
class Limits:
    cell_timeout: float = 30.0
    notebook_timeout: float = 600.0
    memory_bytes: int = 2 * 1024**3
    output_bytes: int = 1024**2


def limit_memory(extra_bytes: int) -> None:
    """Cap the address space at what the process uses now plus ``extra_bytes``."""
    import resource

    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        current = 0
    limit = current + extra_bytes
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def silence_standard_streams() -> None:
    """Point fds 0-2 at /dev/null so C-level writes cannot flood anything."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


class CappedStream(io.TextIOBase):
    """A text stream that keeps what its shared character ``budget`` allows; counts the rest."""

    def __init__(self, name: str, budget: list[int]):
        self.name = name
        self.parts: list[str] = []
        self.budget = budget  # shared between stdout and stderr of one cell
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            text = str(text)
        keep = text[: max(self.budget[0], 0)]
        if keep:
            self.parts.append(keep)
            self.budget[0] -= len(keep)
        self.dropped += len(text) - len(keep)
        return len(text)

    def value(self) -> str:
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n[output truncated: {self.dropped:,} more characters not kept]\n"
        return text


# -- the child: a minimal kernel -----------------------------------------------------------------


class CellTimeout(KeyboardInterrupt):
    """Raised in the child when a cell runs past its limit (IPython treats it as an interrupt)."""


class NotebookTimeout(KeyboardInterrupt):
    """Raised in the child when the whole notebook runs past its limit."""


class _ChildState:
    in_cell = False
    out_of_time = False


def _raise_cell_timeout(signum: int, frame: Any) -> None:
    if _ChildState.in_cell:
        raise CellTimeout


def _raise_notebook_timeout(signum: int, frame: Any) -> None:
    _ChildState.out_of_time = True
    if _ChildState.in_cell:
        raise NotebookTimeout


def _make_shell() -> Any:
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # its saving thread and sqlite file are not wanted
    config.InteractiveShell.colors = "nocolor"
    shell = InteractiveShell.instance(config=config)
    shell.showtraceback = lambda *args, **kwargs: None  # errors are reported as outputs
    shell.showsyntaxerror = lambda *args, **kwargs: None
    return shell


def _error_fields(error: BaseException) -> tuple[str, str, list[str]]:
    if isinstance(error, CellTimeout):
        return TIMEOUT_ENAME, "", []
    if isinstance(error, NotebookTimeout):
        return NOTEBOOK_TIMEOUT_ENAME, "", []
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    # drop the frames of IPython's own machinery: the learner's cell is what matters
    trimmed = [line for line in lines if "site-packages/IPython" not in line]
    return type(error).__name__, str(error)[:2000], trimmed[-20:]


def _send(connection: Any, *message: Any) -> None:
    connection.send_bytes(json.dumps(message).encode())


def kernel_main(
    connection: Any,
    cells: Sequence[tuple[str, str]],
    skip: Sequence[str],
    always_run: Sequence[str],
    limits: Limits,
    cwd: str,
) -> None:
    """Run ``cells`` in order, reporting each; never returns normally."""
    try:
        os.chdir(cwd)
        close_inherited_channels()
        silence_standard_streams()
        limit_memory(limits.memory_bytes)
        shell = _make_shell()
        signal.signal(signal.SIGALRM, _raise_cell_timeout)
        signal.signal(signal.SIGUSR1, _raise_notebook_timeout)
        for cell_id, source in cells:
            out_of_time = _ChildState.out_of_time
            if cell_id in skip or (out_of_time and cell_id not in always_run):
                _send(connection, "skipped", cell_id, out_of_time)
                continue
            _send(connection, "start", cell_id)
            budget = [limits.output_bytes]
            stdout = CappedStream("stdout", budget)
            stderr = CappedStream("stderr", budget)
            sys.stdout, sys.stderr = stdout, stderr
            error: BaseException | None = None
            started = time.perf_counter()
            try:
                _ChildState.in_cell = True
                signal.setitimer(signal.ITIMER_REAL, limits.cell_timeout)
                result = shell.run_cell(source, store_history=False)
                error = result.error_in_exec or result.error_before_exec
            except (NotebookTimeout, CellTimeout) as exc:  # raised outside IPython's guard
                error = exc
            finally:
                _ChildState.in_cell = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            ename, evalue, trace = _error_fields(error) if error else ("", "", [])
            outputs = [(s.name, s.value()) for s in (stdout, stderr) if s.parts or s.dropped]
            duration = time.perf_counter() - started
            _send(connection, "done", cell_id, ename, evalue, trace, outputs, duration)
        _send(connection, "finished")
        connection.close()
    except BaseException:  # anything here is the grader's problem, not the learner's
        pass
    os._exit(0)  # skip interpreter teardown: learner objects may misbehave in __del__


# -- the parent: drive a child, survive its death ------------------------------------------------


@dataclass
class CellRun:
    """How one cell ended in the sandbox."""

    ename: str = ""
    evalue: str = ""
    traceback: list[str] = field(default_factory=list)
    outputs: list[tuple[str, str]] = field(default_factory=list)
    duration: float = 0.0
    ran: bool = False


@dataclass
class SandboxRun:
    cells: dict[str, CellRun] = field(default_factory=dict)
    restarts: int = 0


_SIGNAL_WORDS = {
    signal.SIGKILL: "it was killed (SIGKILL)",
    signal.SIGSEGV: "it crashed with a segmentation fault",
    signal.SIGABRT: "it aborted",
    signal.SIGBUS: "it crashed (bus error)",
}


def describe_exit(exitcode: int | None) -> str:
    if exitcode is None:
        return "it stopped responding"
    if exitcode < 0:
        sig = signal.Signals(-exitcode)
        return _SIGNAL_WORDS.get(sig, f"it was stopped by {sig.name}")
    return f"it exited with status {exitcode}"


def run_cells(
    cells: Sequence[tuple[str, str]],
    *,
    limits: Limits,
    cwd: str,
    always_run: Sequence[str] = (),
    on_start: Callable[[str], None] | None = None,
    on_done: Callable[[str, CellRun], None] | None = None,
) -> SandboxRun:
    """Execute code cells ``(id, source)`` in a forked child; see the module docstring."""
    ctx = sandbox_context()
    run = SandboxRun()
    skip: list[str] = []
    notebook_deadline = time.monotonic() + limits.notebook_timeout
    while True:
        receiver, sender = ctx.Pipe(duplex=False)
        process = ctx.Process(
            target=kernel_main,
            args=(sender, list(cells), list(skip), list(always_run), limits, cwd),
            daemon=True,
        )
        start_process(process)
        sender.close()
        try:
            killer = _drive(
                [c for c, _ in cells],
                process,
                receiver,
                run,
                limits,
                notebook_deadline,
                on_start,
                on_done,
            )
        finally:
            receiver.close()
            if process.is_alive():
                process.kill()
            process.join()
        if killer is None:
            return run
        killed_cell, reason = killer
        if reason == NOTEBOOK_TIMEOUT_ENAME:
            return run  # out of time: nothing more may run
        if reason == TIMEOUT_ENAME:
            run.cells[killed_cell] = CellRun(TIMEOUT_ENAME, "", ran=True)
        else:
            run.cells[killed_cell] = CellRun(
                DEAD_KERNEL_ENAME, describe_exit(process.exitcode), ran=True
            )
        if on_done:
            on_done(killed_cell, run.cells[killed_cell])
        if killed_cell in skip:  # cannot happen for an honest child; never loop on it
            return run
        skip.append(killed_cell)
        run.restarts += 1
        if time.monotonic() >= notebook_deadline:
            return run


_MESSAGE_SHAPES = {"start": 2, "done": 7, "skipped": 3, "finished": 1}


def _read_message(receiver: Any) -> list | None:
    """One cell report from the child, or None if it is not one (it is never unpickled)."""
    try:
        message = json.loads(receiver.recv_bytes(MAX_MESSAGE_BYTES))
    except ValueError:
        return None
    if not isinstance(message, list) or not message or not isinstance(message[0], str):
        return None
    if _MESSAGE_SHAPES.get(message[0]) != len(message):
        return None
    if message[0] != "finished" and not isinstance(message[1], str):
        return None
    if message[0] == "done":
        _, _, ename, evalue, trace, outputs, duration = message
        if not (isinstance(ename, str) and isinstance(evalue, str)):
            return None
        if not isinstance(trace, list) or not isinstance(duration, (int, float)):
            return None
        if not all(isinstance(o, list) and len(o) == 2 for o in outputs):
            return None
        message[4] = [str(line) for line in trace]
        message[5] = [(str(name), str(text)) for name, text in outputs]
    return message


def _drive(
    cell_ids: Sequence[str],
    process: Any,
    receiver: Any,
    run: SandboxRun,
    limits: Limits,
    notebook_deadline: float,
    on_start: Callable[[str], None] | None,
    on_done: Callable[[str, CellRun], None] | None,
) -> tuple[str, str] | None:
    """Follow one child; return (cell id, why) if it had to die or died, None when finished."""
    known = set(cell_ids)
    current: str | None = None
    cell_deadline = float("inf")
    notebook_signalled = False
    while True:
        now = time.monotonic()
        if now >= notebook_deadline and not notebook_signalled:
            notebook_signalled = True
            cell_deadline = now + HARD_KILL_GRACE
            try:
                os.kill(process.pid, signal.SIGUSR1)
            except ProcessLookupError:
                pass
        if receiver.poll(0.1):
            try:
                message = _read_message(receiver)
            except (EOFError, OSError):
                return (current, "died") if current else None
            if message is None or (message[0] != "finished" and message[1] not in known):
                continue  # not a report about one of our cells: learner code wrote it
            kind = message[0]
            if kind == "start":
                current = message[1]
                cell_deadline = time.monotonic() + limits.cell_timeout + HARD_KILL_GRACE
                if notebook_signalled:
                    cell_deadline = min(cell_deadline, time.monotonic() + HARD_KILL_GRACE * 3)
                if on_start:
                    on_start(current)
            elif kind == "done":
                _, cell_id, ename, evalue, trace, outputs, duration = message
                cell = CellRun(ename, evalue, trace, outputs, duration, ran=True)
                run.cells[cell_id] = cell
                current, cell_deadline = None, float("inf")
                if on_done:
                    on_done(cell_id, cell)
            elif kind == "skipped":
                _, cell_id, out_of_time = message
                if out_of_time:
                    run.cells[cell_id] = CellRun(NOTEBOOK_TIMEOUT_ENAME, "", ran=False)
            elif kind == "finished":
                return None
            continue
        if time.monotonic() >= cell_deadline and current is not None:
            # the child ignored its alarm (e.g. stuck in C code): kill it and move on
            process.kill()
            if notebook_signalled:
                run.cells[current] = CellRun(NOTEBOOK_TIMEOUT_ENAME, "", ran=True)
                return (current, NOTEBOOK_TIMEOUT_ENAME)
            return (current, TIMEOUT_ENAME)
        if not process.is_alive() and not receiver.poll(0):
            return (current, "died") if current else None
