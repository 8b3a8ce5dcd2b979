"""Timed practice outside a workspace: the latest ``start_timer()`` per folder and module.

Inside a workspace the timers live in its progress database. Anywhere else (a clone's
``exercises/`` folder, a file a teacher handed out) they go in one small JSON file in the user's
state folder, keyed by the folder the notebook's kernel runs in, which is the folder
``curriculum grade FILE`` looks up from FILE. Best effort, like all progress: an unwritable state
folder costs the report, never the learner's notebook.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

STATE_ENV = "CURRICULUM_STATE_DIR"
# The grader writes this into the folder it runs a submission in: the submission's own
# start_timer() then runs again while it is graded, and must not restart the learner's clock.
GRADING_MARKER = ".curriculum-grading"
KEEP = 200  # timers kept; older ones are dropped so the file stays small


def state_file() -> Path:
    """Where the timers are kept: $CURRICULUM_STATE_DIR, else $XDG_STATE_HOME/curriculum."""
    if os.environ.get(STATE_ENV):
        return Path(os.environ[STATE_ENV]).expanduser() / "timers.json"
    base = os.environ.get("XDG_STATE_HOME") or "~/.local/state"
    return Path(base).expanduser() / "curriculum" / "timers.json"


def being_graded(folder: Path | None = None) -> bool:
    """True in the folder where the grader runs a submission."""
    return ((folder or Path.cwd()) / GRADING_MARKER).exists()


def _key(folder: Path, module_id: str) -> str:
    return f"{module_id}:{folder.resolve()}"


def _read(path: Path) -> dict[str, list[float]]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_start(module_id: str, minutes: float, folder: Path | None = None) -> bool:
    """Note that a timed practice of ``module_id`` begins now in ``folder`` (default: here)."""
    folder = folder or Path.cwd()
    path = state_file()
    try:
        timers = _read(path)
        timers.pop(_key(folder, module_id), None)  # re-inserted last: the newest
        timers[_key(folder, module_id)] = [time.time(), float(minutes)]
        timers = dict(list(timers.items())[-KEEP:])
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_text(json.dumps(timers))
        os.replace(partial, path)  # a reader never sees half a file
        return True
    except OSError:
        return False


def elapsed(module_id: str, folder: Path) -> tuple[float, float] | None:
    """(minutes since the latest start in ``folder``, its limit in minutes), or None."""
    entry = _read(state_file()).get(_key(folder, module_id))
    try:
        started, minutes = float(entry[0]), float(entry[1])
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return (time.time() - started) / 60, minutes
