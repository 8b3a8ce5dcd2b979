"""Grade a class: every submission in a folder, in parallel, into the gradebook.

Layout: ``SUBMISSIONS/<student>/<NN_slug>.ipynb`` (the file name names the exercise), or a flat
folder ``SUBMISSIONS/<student>.ipynb`` (the notebook's metadata names the exercise).
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curriculum.gradebook import Gradebook
from curriculum.grading import grade_notebook
from curriculum.grading.sandbox import warm_up
from curriculum.results import GradeReport
from curriculum.syllabus import UnknownModuleError, find_module


@dataclass(frozen=True)
class Submission:
    student: str
    source: str  # path relative to the submissions folder: the gradebook's key
    path: Path
    exercise: str | None  # what the file name says, if anything

    def sha256(self) -> str:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return "unreadable"


def _exercise_from_name(path: Path) -> str | None:
    try:
        return find_module(path.stem).stem
    except UnknownModuleError:
        return None


def discover_submissions(folder: Path) -> list[Submission]:
    """Every notebook in ``folder`` (flat) or one level below it (one folder per student)."""
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            for notebook in sorted(entry.glob("*.ipynb")):
                found.append(
                    Submission(
                        entry.name,
                        f"{entry.name}/{notebook.name}",
                        notebook,
                        _exercise_from_name(notebook),
                    )
                )
        elif entry.suffix == ".ipynb":
            found.append(Submission(entry.stem, entry.name, entry, None))
    return found


@dataclass
class BatchSummary:
    total: int = 0
    skipped: int = 0
    graded: int = 0
    errors: int = 0
    interrupted: bool = False
    duration_s: float = 0.0
    reports: list[tuple[Submission, GradeReport]] = field(default_factory=list)


def grade_batch(
    folder: str | Path,
    gradebook: Gradebook,
    *,
    workers: int | None = None,
    regrade: bool = False,
    exercise: str | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[Submission, GradeReport], None] | None = None,
    **grade_options: Any,
) -> BatchSummary:
    """Grade every submission in ``folder`` not already in ``gradebook`` (all with ``regrade``).

    Each result is written to the gradebook as soon as it is known, from this thread only.
    """
    started = time.perf_counter()
    submissions = discover_submissions(Path(folder))
    summary = BatchSummary(total=len(submissions))
    todo: list[tuple[Submission, str]] = []
    for submission in submissions:
        digest = submission.sha256()
        if not regrade and gradebook.is_graded(submission.student, submission.source, digest):
            summary.skipped += 1
        else:
            todo.append((submission, digest))
    if on_start:
        on_start(len(todo), summary.skipped)
    if not todo:
        summary.duration_s = time.perf_counter() - started
        return summary
    warm_up()
    workers = max(1, workers or os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade")
    pending: dict[Future, tuple[Submission, str]] = {}
    queue = iter(todo)

    def submit_next() -> None:
        item = next(queue, None)
        if item is not None:
            submission, _ = item
            future = pool.submit(
                grade_notebook,
                submission.path,
                exercise=exercise or submission.exercise,
                **grade_options,
            )
            pending[future] = item

    try:
        for _ in range(workers):  # keep exactly `workers` in flight: Ctrl-C loses at most those
            submit_next()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                submission, digest = pending.pop(future)
                report = future.result()
                report.notebook = str(submission.path)
                gradebook.record(
                    submission.student, submission.source, digest, report, submission.exercise
                )
                summary.graded += report.graded
                summary.errors += not report.graded
                summary.reports.append((submission, report))
                if on_result:
                    on_result(submission, report)
                submit_next()
    except KeyboardInterrupt:
        summary.interrupted = True
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=not summary.interrupted)
        summary.duration_s = time.perf_counter() - started
    return summary
