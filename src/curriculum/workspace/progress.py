"""The learner's progress along the path, kept in ``.curriculum/progress.sqlite``.

Every ``check()`` run inside a workspace and every ``curriculum grade`` of a workspace file adds
rows; :func:`path_progress` reads them back as one :class:`ModuleProgress` per module, and
:func:`next_module` says where to go next. Recording is best effort: a read-only or locked
database must never break a learner's ``check()``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from curriculum import practice_timer
from curriculum.results import GradeReport, QuestionResult, Status
from curriculum.syllabus import SYLLABUS, content_root, find_module
from curriculum.workspace.layout import Workspace, find_workspace

PASS_FRACTION = 0.8  # a module is passed when its latest grade reaches 80 % of the points

SCHEMA = """
CREATE TABLE IF NOT EXISTS checks (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    module TEXT NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS grades (
    id INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    module TEXT NOT NULL,
    file TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
    id INTEGER PRIMARY KEY,
    module TEXT NOT NULL,
    started REAL NOT NULL,
    minutes REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS grade_questions (
    grade_id INTEGER NOT NULL REFERENCES grades(id),
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL
);
"""


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def _connect(workspace: Workspace) -> sqlite3.Connection:
    workspace.state_dir.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(workspace.progress_db, timeout=2.0)
    connection.executescript(SCHEMA)
    return connection


def record_check(exercise_stem: str, result: QuestionResult, where: Path | None = None) -> bool:
    """Store one ``check()`` outcome if ``where`` (default: the current folder) is in a
    workspace; True when stored."""
    workspace = find_workspace(where)
    if workspace is None:
        return False
    try:
        module = find_module(exercise_stem)
        with _connect(workspace) as db:
            db.execute(
                "INSERT INTO checks (time, module, question, status, points, max_points)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _now(),
                    module.id,
                    result.id,
                    str(result.status),
                    result.points,
                    result.max_points,
                ),
            )
        return True
    except (sqlite3.Error, OSError, LookupError):
        return False


def record_grade(path: Path, report: GradeReport) -> bool:
    """Store a ``curriculum grade`` of ``path`` if the file lies in a workspace."""
    workspace = find_workspace(path.resolve().parent)
    if workspace is None or not report.graded:
        return False
    try:
        module = find_module(report.exercise)
        with _connect(workspace) as db:
            cursor = db.execute(
                "INSERT INTO grades (time, module, file, score, max_score) VALUES (?, ?, ?, ?, ?)",
                (
                    _now(),
                    module.id,
                    workspace.relative(path.resolve()),
                    report.score,
                    report.max_score,
                ),
            )
            db.executemany(
                "INSERT INTO grade_questions (grade_id, question, status, points, max_points)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (cursor.lastrowid, q.id, str(q.status), q.points, q.max_points)
                    for q in report.questions
                ],
            )
        return True
    except (sqlite3.Error, OSError, LookupError):
        return False


def record_timer_start(exercise_stem: str, minutes: float, where: Path | None = None) -> bool:
    """A timed practice begins now (``start_timer()`` in a notebook): in the workspace's
    database, or outside one in the user's timers file. Never while the grader runs it."""
    folder = where or Path.cwd()
    if practice_timer.being_graded(folder):
        return False
    try:
        module = find_module(exercise_stem)
    except LookupError:
        return False
    workspace = find_workspace(folder)
    if workspace is None:
        return practice_timer.record_start(module.id, minutes, folder)
    try:
        with _connect(workspace) as db:
            db.execute(
                "INSERT INTO timers (module, started, minutes) VALUES (?, ?, ?)",
                (module.id, time.time(), float(minutes)),
            )
        return True
    except (sqlite3.Error, OSError, LookupError):
        return False


def practice_time(path: Path, exercise_stem: str) -> tuple[float, float] | None:
    """(minutes since the latest ``start_timer()`` for the notebook at ``path``, its limit),
    or None when no timer was started for it."""
    try:
        module = find_module(exercise_stem)
    except LookupError:
        return None
    workspace = find_workspace(path.resolve().parent)
    if workspace is None:
        return practice_timer.elapsed(module.id, path.resolve().parent)
    if not workspace.progress_db.is_file():
        return None
    try:
        with _connect(workspace) as db:
            row = db.execute(
                "SELECT started, minutes FROM timers WHERE module = ? ORDER BY id DESC LIMIT 1",
                (module.id,),
            ).fetchone()
    except (sqlite3.Error, OSError, LookupError):
        return None
    return None if row is None else ((time.time() - row[0]) / 60, row[1])


@dataclass
class ModuleProgress:
    """Where the learner stands on one module."""

    id: str
    stem: str
    title: str
    available: bool  # the workspace has this module's notebooks
    lesson_opened: bool
    exercise_attempted: bool
    checks_passed: int  # questions whose latest check() passed
    questions: int
    score: float | None  # the latest `curriculum grade`, if any
    max_score: float | None
    passed: bool
    prerequisites: tuple[str, ...] = ()

    @property
    def state(self) -> str:
        if not self.available:
            return "not available yet"
        if self.passed:
            return "passed"
        if self.exercise_attempted or self.lesson_opened:
            return "in progress"
        return "not started"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["prerequisites"] = list(self.prerequisites)
        data["state"] = self.state
        return data


def _differs(copy: Path, pristine: Path) -> bool:
    try:
        return copy.read_bytes() != pristine.read_bytes()
    except OSError:
        return False


def _checkpointed(path: Path) -> bool:
    """JupyterLab keeps a checkpoint of a notebook once it has opened it."""
    return (path.parent / ".ipynb_checkpoints" / f"{path.stem}-checkpoint{path.suffix}").is_file()


def path_progress(workspace: Workspace, source: Path | None = None) -> list[ModuleProgress]:
    """One entry per syllabus module, in order."""
    from curriculum.exercises import has_exercise, load_exercise

    source = source or content_root()
    latest_checks: dict[str, dict[str, str]] = {}
    latest_grade: dict[str, tuple[float, float]] = {}
    if workspace.progress_db.is_file():
        try:
            with _connect(workspace) as db:
                for module, question, status in db.execute(
                    "SELECT module, question, status FROM checks ORDER BY id"
                ):
                    latest_checks.setdefault(module, {})[question] = status
                for module, score, max_score in db.execute(
                    "SELECT module, score, max_score FROM grades ORDER BY id"
                ):
                    latest_grade[module] = (score, max_score)
        except sqlite3.Error:
            pass
    rows = []
    for module in SYLLABUS:
        lesson, exercise = workspace.lesson(module), workspace.exercise(module)
        available = lesson.is_file() or exercise.is_file()
        checks = latest_checks.get(module.id, {})
        grade = latest_grade.get(module.id)
        questions = (
            len(load_exercise(module.id).questions)
            if exercise.is_file() and has_exercise(module)
            else 0
        )
        attempted = (
            any(status != Status.NOT_ATTEMPTED for status in checks.values())
            or grade is not None
            or (exercise.is_file() and _differs(exercise, source / module.exercise_path))
        )
        opened = lesson.is_file() and (
            _checkpointed(lesson) or _differs(lesson, source / module.lesson_path)
        )
        rows.append(
            ModuleProgress(
                id=module.id,
                stem=module.stem,
                title=module.title,
                available=available,
                lesson_opened=opened,
                exercise_attempted=attempted,
                checks_passed=sum(status == Status.PASSED for status in checks.values()),
                questions=questions,
                score=grade[0] if grade else None,
                max_score=grade[1] if grade else None,
                passed=bool(grade and grade[1] and grade[0] >= PASS_FRACTION * grade[1]),
                prerequisites=module.prerequisites,
            )
        )
    return rows


def next_module(rows: Iterable[ModuleProgress]) -> ModuleProgress | None:
    """The first available module not yet passed whose available prerequisites are passed."""
    rows = list(rows)
    by_id = {row.id: row for row in rows}
    for row in rows:
        if not row.available or row.passed:
            continue
        prerequisites = [by_id[p] for p in row.prerequisites if p in by_id]
        if all(p.passed or not p.available for p in prerequisites):
            return row
    return None
