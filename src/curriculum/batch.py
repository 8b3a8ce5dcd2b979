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
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from curriculum.gradebook import Gradebook
from curriculum.grading import grade_notebook
from curriculum.grading.errors import SubmissionError
from curriculum.grading.load import load_submission
from curriculum.grading.sandbox import warm_up
from curriculum.notebook_builder import cell_role
from curriculum.results import GradeReport
from curriculum.syllabus import module_named_by_file


@dataclass(frozen=True)
class Submission:
    student: str
    source: str  # path relative to the submissions folder: the gradebook's key
    path: Path
    exercise: str | None  # what the file name says, if anything

    def modified_at(self) -> str | None:
        """When the file was last written (ISO 8601, UTC): when it was handed in."""
        try:
            stamp = self.path.stat().st_mtime
        except OSError:
            return None
        return datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="seconds")

    def sha256(self) -> str:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return "unreadable"


def _exercise_from_name(path: Path) -> str | None:
    module = module_named_by_file(path)
    return module.stem if module else None


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


def submitted_code(path: Path) -> list[dict[str, Any]]:
    """The learner's own code cells (answer cells and cells they added), for feedback pages:
    setup, context and check cells are the spec's and are left out."""
    try:
        nb = load_submission(path)
    except SubmissionError:
        return []
    cells = []
    for cell in nb.cells:
        role, question = cell_role(cell)
        if cell.cell_type == "code" and role in (None, "answer"):
            cells.append({"question": question, "role": role or "own", "source": cell.source})
    return cells


@dataclass(frozen=True)
class Preparation:
    """What to grade one submission with: papermill parameters and flags for the instructor."""

    parameters: dict[str, Any] | None = None
    flags: tuple[str, ...] = ()


@dataclass
class BatchSummary:
    total: int = 0
    skipped: int = 0
    graded: int = 0
    errors: int = 0
    interrupted: bool = False
    duration_s: float = 0.0
    reports: list[tuple[Submission, GradeReport]] = field(default_factory=list)
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # source -> flags


@dataclass(frozen=True)
class Job:
    """One submission to grade: what it is, the hash it is stored under, how to grade it."""

    submission: Submission
    digest: str
    preparation: Preparation

    def grade_options(self, base: dict[str, Any]) -> dict[str, Any]:
        """``base`` with this submission's own parameters; executed notebooks (``out_dir``) are
        kept under the submission's own relative path, so that students' files never collide."""
        options = dict(base)
        if self.preparation.parameters is not None:
            options["parameters"] = self.preparation.parameters
        if options.get("out_dir") is not None:
            options["out_dir"] = executed_path(options["out_dir"], self.submission).parent
        return options


def executed_path(out_dir: str | Path, submission: Submission) -> Path:
    """Where the executed notebook of ``submission`` is kept: ``out_dir/<source>``."""
    return Path(out_dir) / submission.source


def plan_batch(
    folder: str | Path,
    gradebook: Gradebook,
    *,
    regrade: bool = False,
    prepare: Callable[[Submission], Preparation] | None = None,
) -> tuple[BatchSummary, list[Job]]:
    """The submissions in ``folder`` still to grade (all of them with ``regrade``), and a
    summary that counts the ones the gradebook already holds under the same hash."""
    submissions = discover_submissions(Path(folder))
    summary = BatchSummary(total=len(submissions))
    jobs: list[Job] = []
    for submission in submissions:
        digest = submission.sha256()
        if not regrade and gradebook.is_graded(submission.student, submission.source, digest):
            summary.skipped += 1
        else:
            jobs.append(Job(submission, digest, prepare(submission) if prepare else Preparation()))
    return summary, jobs


def record_result(
    gradebook: Gradebook,
    summary: BatchSummary,
    job: Job,
    report: GradeReport,
    grade_options: dict[str, Any],
    on_result: Callable[[Submission, GradeReport], None] | None = None,
) -> None:
    """Store one finished submission (a single transaction) and count it in ``summary``."""
    submission, preparation = job.submission, job.preparation
    report.notebook = str(submission.path)
    gradebook.record(
        submission.student,
        submission.source,
        job.digest,
        report,
        submission.exercise,
        flags=preparation.flags,
        parameters=preparation.parameters or grade_options.get("parameters"),
        cells=submitted_code(submission.path),
        submitted_at=submission.modified_at(),
    )
    if preparation.flags:
        summary.flags[submission.source] = preparation.flags
    summary.graded += report.graded
    summary.errors += not report.graded
    summary.reports.append((submission, report))
    if on_result:
        on_result(submission, report)


def grade_batch(
    folder: str | Path,
    gradebook: Gradebook,
    *,
    workers: int | None = None,
    regrade: bool = False,
    exercise: str | None = None,
    on_start: Callable[[int, int], None] | None = None,
    on_result: Callable[[Submission, GradeReport], None] | None = None,
    prepare: Callable[[Submission], Preparation] | None = None,
    **grade_options: Any,
) -> BatchSummary:
    """Grade every submission in ``folder`` not already in ``gradebook`` (all with ``regrade``).

    ``prepare`` (e.g. per-student variants) gives each submission its own parameters and
    flags. Each result is written to the gradebook as soon as it is known, from this thread
    only. :func:`curriculum.cluster.grade_batch_on_dask` does the same on a Dask cluster.
    """
    started = time.perf_counter()
    summary, todo = plan_batch(folder, gradebook, regrade=regrade, prepare=prepare)
    if on_start:
        on_start(len(todo), summary.skipped)
    if not todo:
        summary.duration_s = time.perf_counter() - started
        return summary
    warm_up(exercise or job.submission.exercise for job in todo)
    workers = max(1, workers or os.cpu_count() or 1)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade")
    pending: dict[Future, Job] = {}
    queue = iter(todo)

    def submit_next() -> None:
        job = next(queue, None)
        if job is not None:
            future = pool.submit(
                grade_notebook,
                job.submission.path,
                exercise=exercise or job.submission.exercise,
                **job.grade_options(grade_options),
            )
            pending[future] = job

    try:
        for _ in range(workers):  # keep exactly `workers` in flight: Ctrl-C loses at most those
            submit_next()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                record_result(gradebook, summary, job, future.result(), grade_options, on_result)
                submit_next()
    except KeyboardInterrupt:
        summary.interrupted = True
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=not summary.interrupted)
        summary.duration_s = time.perf_counter() - started
    return summary
