"""What CI checks for each module: lesson runs, key scores 100%, blank scores 0, files are clean."""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import re
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import numpy as np

from curriculum.exercises import has_exercise, load_exercise
from curriculum.grading import grade_notebook
from curriculum.notebook_builder import build_exercise_notebook
from curriculum.questions import Exercise
from curriculum.results import Status
from curriculum.syllabus import Module

# Anything that would reach the network from a notebook: loaders that download, URLs (but this
# machine's own: module 17 serves a model on localhost), installs.
FORBIDDEN = re.compile(
    r"\bfetch_\w+|\bfetch_openml\b|https?://(?!(?:127\.0\.0\.1|localhost)[:/])|\burlopen\b|"
    r"\brequests\.(get|post)\b|"
    r"\bpip install\b|%pip\b|!pip\b|\bwget\b|\bcurl\b"
)

# CONTENT.md's bar: a lesson runs in at most 30 s (kernel start included) on CI's 2 cores.
LESSON_BUDGET_S = 30.0


@dataclass
class ModuleValidation:
    module: Module
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    duration_s: float = 0.0
    lesson_s: float | None = None
    key_s: float | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.ok:
            done = ", ".join(self.checked) if self.checked else "nothing to check yet"
            parts = [f"{self.duration_s:.1f}s"]
            if self.lesson_s is not None:
                parts.append(f"lesson {self.lesson_s:.1f}s")
            if self.key_s is not None:
                parts.append(f"key {self.key_s:.1f}s")
            return f"ok    {self.module.stem}: {done} ({'; '.join(parts)})"
        return f"FAIL  {self.module.stem}: " + "; ".join(self.problems)


def check_committed_notebook(path: Path) -> list[str]:
    """Valid nbformat 4, no outputs or execution counts, nothing that downloads."""
    problems = []
    try:
        nb = nbformat.read(str(path), as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
    except Exception as exc:
        return [f"{path.name}: not a valid notebook ({type(exc).__name__}: {exc})"[:200]]
    if nb.nbformat != 4:
        problems.append(f"{path.name}: nbformat {nb.nbformat}, expected 4")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            problems.append(f"{path.name}: cell {index} has outputs; clear them before committing")
            break
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            match = FORBIDDEN.search(cell.source)
            if match:
                problems.append(
                    f"{path.name}: cell {index} reaches the network ({match.group()!r})"
                )
    return problems


def check_lesson_parameters(path: Path) -> list[str]:
    """A lesson starts with a ``parameters``-tagged cell that sets ``seed`` (CONTENT.md)."""
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    if not tagged:
        return [f"{path.name}: no cell tagged 'parameters' (it must set `seed`)"]
    if not re.search(r"^seed\s*=", tagged[0].source, re.MULTILINE):
        return [f"{path.name}: its 'parameters' cell does not set `seed`"]
    return []


def run_lesson(path: Path, timeout: float = 600) -> list[str]:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with tempfile.TemporaryDirectory(prefix="curriculum-lesson-") as workdir:
        try:
            papermill.execute_notebook(
                str(path),
                str(Path(workdir) / path.name),
                kernel_name="python3",
                progress_bar=False,
                cwd=workdir,
                execution_timeout=timeout,
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except PapermillExecutionError as exc:
            return [f"{path.name}: cell {exc.cell_index} raised {exc.ename}: {exc.evalue}"[:200]]
        except Exception as exc:
            return [f"{path.name}: could not run ({type(exc).__name__}: {exc})"[:200]]
    return []


def _same_cells(committed: nbformat.NotebookNode, expected: nbformat.NotebookNode) -> bool:
    def shape(nb: nbformat.NotebookNode) -> list[tuple]:
        return [(c.cell_type, c.get("id"), c.source, c.metadata) for c in nb.cells]

    return shape(committed) == shape(expected) and committed.metadata.get(
        "curriculum"
    ) == expected.metadata.get("curriculum")


def check_known_mistakes(exercise: Exercise, seed: int = 0) -> list[str]:
    """Each known mistake must fail its question with its own message (public and hidden
    checks), or the message it promises can never reach a learner."""
    problems = []
    params = exercise.params({"seed": seed})
    for question in exercise.questions:
        for number, mistake in enumerate(question.mistakes, start=1):
            namespace = exercise.run_context(**params)
            # A wrong answer warns (log of 0, failed CV folds): expected here, and noise that
            # would bury the one line that matters, so the replay runs quietly.
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                try:
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(
                            compile(mistake.code, f"<{question.id} mistake {number}>", "exec"),
                            namespace,
                        )
                except Exception as exc:
                    problems.append(f"{question.id} mistake {number} does not run: {exc!r}"[:200])
                    continue
                result = question.evaluate(namespace, params, include_hidden=True)
            if result.status == Status.PASSED:
                problems.append(f"{question.id} mistake {number} passes every check")
            elif mistake.message not in result.message:
                problems.append(
                    f"{question.id} mistake {number} is not named; the learner sees: "
                    f"{result.message[:120]!r}"
                )
    return problems


def validate_module(
    module: Module,
    root: Path,
    *,
    on_step: Callable[[str], None] | None = None,
    lesson_budget_s: float = LESSON_BUDGET_S,
) -> ModuleValidation:
    """Run every check CI runs for one module."""
    started = time.perf_counter()
    report = ModuleValidation(module)
    step = on_step or (lambda _: None)
    lesson = root / module.lesson_path
    exercise_file = root / module.exercise_path
    if lesson.is_file():
        step(f"{module.stem}: lesson")
        report.problems += check_committed_notebook(lesson) or check_lesson_parameters(lesson)
        lesson_started = time.perf_counter()
        report.problems += run_lesson(lesson)
        report.lesson_s = time.perf_counter() - lesson_started
        if report.lesson_s > lesson_budget_s:
            report.problems.append(
                f"{lesson.name}: ran in {report.lesson_s:.1f}s, "
                f"over the {lesson_budget_s:g}s budget"
            )
        report.checked.append("lesson runs")
    if exercise_file.is_file() and not has_exercise(module):
        report.problems.append(f"{exercise_file.name} exists but has no question spec")
    if has_exercise(module):
        exercise = load_exercise(module.id)
        if not exercise_file.is_file():
            report.problems.append(f"{module.exercise_path} is missing (run `curriculum build`)")
        else:
            report.problems += check_committed_notebook(exercise_file)
            committed = nbformat.read(str(exercise_file), as_version=4)
            if not _same_cells(committed, build_exercise_notebook(exercise)):
                report.problems.append(
                    f"{exercise_file.name} differs from its spec (run `curriculum build`)"
                )
            step(f"{module.stem}: blank exercise")
            blank = grade_notebook(exercise_file)
            if not blank.graded:
                report.problems.append(f"blank exercise could not be graded: {blank.error}")
            elif blank.score != 0 or any(q.status != Status.NOT_ATTEMPTED for q in blank.questions):
                odd = [f"{q.id}={q.status}" for q in blank.questions if q.status != "not_attempted"]
                report.problems.append(f"blank exercise is not all 'not attempted': {odd}")
        with tempfile.TemporaryDirectory(prefix="curriculum-key-") as workdir:
            key_path = Path(workdir) / f"{module.stem}.ipynb"
            nbformat.write(build_exercise_notebook(exercise, "solution"), str(key_path))
            step(f"{module.stem}: answer key")
            key_started = time.perf_counter()
            key = grade_notebook(key_path)
            report.key_s = time.perf_counter() - key_started
        if not key.graded:
            report.problems.append(f"answer key could not be graded: {key.error}")
        elif key.score != key.max_score:
            failed = [f"{q.id}: {q.message}" for q in key.questions if q.status != Status.PASSED]
            report.problems.append(f"answer key scores {key.score:g}/{key.max_score:g}: {failed}")
        report.problems += check_known_mistakes(exercise)
        report.checked += ["key 100%", "blank 0%", "known mistakes named"]
    report.duration_s = time.perf_counter() - started
    return report


def validate_modules(
    modules: Sequence[Module],
    root: Path,
    *,
    workers: int = 1,
    on_done: Callable[[ModuleValidation], None] | None = None,
) -> list[ModuleValidation]:
    """Validate ``modules``, ``workers`` at a time, each in its own process when parallel; the
    reports in syllabus order. ``on_done`` gets each report as its module finishes."""
    done = on_done or (lambda _: None)
    if workers <= 1 or len(modules) <= 1:
        reports = []
        for module in modules:
            reports.append(_validate_safely(module, root))
            done(reports[-1])
        return reports
    by_stem: dict[str, ModuleValidation] = {}
    # spawn: a fresh interpreter per worker, not a fork of a caller that may hold threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(modules)), mp_context=context) as pool:
        futures = {pool.submit(_validate_safely, module, root): module for module in modules}
        for future in as_completed(futures):
            module = futures[future]
            try:
                report = future.result()
            except BrokenProcessPool:
                report = ModuleValidation(module, ["its validation process died"])
            by_stem[module.stem] = report
            done(report)
    return [by_stem[module.stem] for module in modules]


def _validate_safely(module: Module, root: Path) -> ModuleValidation:
    apply_offline_environment()
    try:
        return validate_module(module, root)
    except Exception as exc:  # one module's crash is its own failure, not the run's
        return ModuleValidation(module, [f"validation crashed: {type(exc).__name__}: {exc}"[:300]])


def offline_environment() -> dict[str, str]:
    """Environment overrides that make any attempted dataset download fail fast."""
    empty = tempfile.mkdtemp(prefix="curriculum-empty-data-")
    return {
        "SCIKIT_LEARN_DATA": empty,
        "NO_PROXY": "127.0.0.1,localhost",  # a lesson's own local server stays reachable
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }


SINGLE_THREADED = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def apply_offline_environment() -> None:
    """Offline, and one BLAS thread per kernel as in the grader (lessons run many small fits:
    with a thread per core each they run several times slower on a busy machine)."""
    os.environ.update(offline_environment())
    for name, value in SINGLE_THREADED.items():
        os.environ.setdefault(name, value)
