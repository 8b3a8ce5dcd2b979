"""grade_notebook: load → normalise → execute (papermill) → score → GradeReport."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

from curriculum.grading.channels import AnswerListener, socket_address
from curriculum.grading.engines import FORK_ENGINE
from curriculum.grading.errors import SubmissionError
from curriculum.grading.execute import CellOutcome, Execution, execute_grading_notebook
from curriculum.grading.load import identify_exercise, load_submission
from curriculum.grading.normalise import (
    COLLECT_CELL_ID,
    COLLECT_ROLE,
    GradingPlan,
    build_grading_notebook,
)
from curriculum.grading.sandbox import Limits
from curriculum.grading.score import run_checks
from curriculum.notebook_builder import cell_role
from curriculum.practice_timer import GRADING_MARKER
from curriculum.questions import QUESTION_TIME_LIMIT, Exercise
from curriculum.results import GradeReport, QuestionResult, Status

DEFAULT_CELL_TIMEOUT = 30.0
DEFAULT_TIMEOUT = 600.0
DEFAULT_MEMORY = 2 * 1024**3
CONNECT_WAIT = 10.0  # seconds the learner-side processes have to call in after the notebook


def grade_notebook(
    path: str | Path,
    *,
    exercise: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    question_timeout: float = QUESTION_TIME_LIMIT,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int = DEFAULT_MEMORY,
    out_dir: str | Path | None = None,
    engine: str = FORK_ENGINE,
    kernel_name: str = "python3",
) -> GradeReport:
    """Grade one submission. Never raises for a bad submission: the report says what went wrong.

    Args:
        path: the submitted notebook.
        exercise: the exercise it must answer (id or slug); default: read from the notebook.
        parameters: papermill parameters (e.g. ``{"seed": 3}``) overriding the exercise's.
        cell_timeout: seconds any one cell may run before it is interrupted.
        question_timeout: seconds one question's checks may spend in calls to the learner's
            code (a call past it makes the question "timeout").
        timeout: seconds the whole notebook may run.
        memory: bytes of memory the learner's code may allocate.
        out_dir: if given, the executed notebook is written there under the same file name.
        engine: "curriculum-fork" (forked pre-imported interpreter, fast) or "nbclient"
            (papermill's own engine: a real Jupyter kernel).
        kernel_name: the Jupyter kernel for the nbclient engine.

    Returns:
        A GradeReport with one QuestionResult per question.
    """
    started = time.perf_counter()
    path = Path(path)
    try:
        submission = load_submission(path)
        spec = identify_exercise(submission, path, exercise)
    except SubmissionError as error:
        return GradeReport.failed(str(path), str(error), exercise, time.perf_counter() - started)
    params = spec.params(parameters)
    limits = Limits(cell_timeout=cell_timeout, notebook_timeout=timeout, memory_bytes=memory)
    with (
        tempfile.TemporaryDirectory(prefix="curriculum-grade-") as workdir,
        AnswerListener(socket_address(Path(workdir))) as listener,
    ):
        (Path(workdir) / GRADING_MARKER).touch()  # the submission's start_timer() is a replay
        plan = build_grading_notebook(spec, submission, listener.address, question_timeout + 5)
        execution = execute_grading_notebook(
            plan.notebook,
            params,
            limits=limits,
            cwd=Path(workdir),
            engine=engine,
            always_run=(COLLECT_CELL_ID,),
            kernel_name=kernel_name,
        )
        if execution.error:
            return GradeReport.failed(
                str(path), execution.error, spec.name, time.perf_counter() - started
            )
        collected = execution.outcomes.get(COLLECT_CELL_ID)
        channels = listener.collect(
            set(plan.served),
            CONNECT_WAIT if collected is not None and collected.status == "ok" else 0.0,
        )
        questions = score_execution(
            spec, plan, execution, channels, params, limits, question_timeout
        )
    if out_dir is not None:
        write_executed(execution, Path(out_dir) / path.name)
    score = sum(q.points for q in questions)
    return GradeReport(
        exercise=spec.name,
        notebook=str(path),
        score=float(score),
        max_score=spec.max_score,
        status="graded",
        error=None,
        duration_s=round(time.perf_counter() - started, 3),
        questions=questions,
    )


def _size(n: int) -> str:
    return f"{n / 1024**3:g} GiB" if n >= 1024**3 else f"{n / 1024**2:g} MiB"


def describe_outcome(outcome: CellOutcome, cell_number: int, limits: Limits) -> tuple[Status, str]:
    """The status and message a question gets when its answer cell did not finish cleanly."""
    if outcome.status == "timeout":
        return Status.TIMEOUT, (
            f"the answer cell ran for more than {limits.cell_timeout:g} s and was interrupted"
        )
    if outcome.status in ("notebook_timeout", "not_run"):
        return Status.TIMEOUT, (
            f"the notebook ran past its {limits.notebook_timeout:g} s limit before this cell "
            "finished"
        )
    if outcome.status == "died":
        reason = f": {outcome.evalue}" if outcome.evalue else ""
        return Status.ERROR, f"kernel died in cell {cell_number}{reason}"
    if outcome.status == "out_of_memory":
        return Status.ERROR, (
            f"out of memory: the answer cell needed more than the {_size(limits.memory_bytes)} "
            "allowed"
        )
    return Status.ERROR, f"the answer cell raised {outcome.summary}"


def score_execution(
    spec: Exercise,
    plan: GradingPlan,
    execution: Execution,
    channels: Mapping[str, Any],
    params: Mapping[str, Any],
    limits: Limits,
    question_timeout: float = QUESTION_TIME_LIMIT,
) -> list[QuestionResult]:
    """Combine how each answer cell ran with what the checks say about its answer."""
    to_check = [q.id for q in spec.questions if q.id in channels]
    checked: dict[str, QuestionResult] = {}
    if to_check:
        checked = run_checks(
            spec.name,
            channels,
            params,
            to_check,
            {q.id: q.points for q in spec.questions},
            time_limit=question_timeout,
            memory_bytes=limits.memory_bytes,
        )
    cell_number = {cell.get("id"): i + 1 for i, cell in enumerate(execution.notebook.cells)}
    results = []
    for question in spec.questions:

        def result(status: Status, message: str, q=question) -> QuestionResult:
            return QuestionResult(q.id, 0.0, q.points, status, message)

        cell_id = plan.answer_cell.get(question.id)
        outcome = execution.outcomes.get(cell_id) if cell_id else None
        if question.id in plan.untouched:
            results.append(result(Status.NOT_ATTEMPTED, "not attempted"))
            continue
        if outcome is not None and outcome.status not in ("ok", "error"):
            results.append(result(*describe_outcome(outcome, cell_number[cell_id], limits)))
            continue
        found = checked.get(question.id)
        if found is None:
            collect = execution.outcomes.get(COLLECT_CELL_ID)
            if collect is not None and collect.status != "ok":
                status, message = describe_outcome(collect, cell_number[COLLECT_CELL_ID], limits)
                results.append(result(status, f"answers could not be collected: {message}"))
            else:
                results.append(result(Status.ERROR, "the answers could not be collected"))
            continue
        if question.id in plan.missing and found.status == Status.NOT_ATTEMPTED:
            results.append(result(Status.ERROR, "the answer cell is missing from the notebook"))
            continue
        if outcome is not None and outcome.status == "error":
            if found.status == Status.PASSED:
                found.message = f"all checks passed (but the cell raised {outcome.ename})"
            else:
                found = result(Status.ERROR, f"the answer cell raised {outcome.summary}")
        results.append(found)
    return results


def write_executed(execution: Execution, target: Path) -> None:
    """Save the executed notebook without the grader's own collection cell."""
    nb = execution.notebook
    nb.cells = [cell for cell in nb.cells if cell_role(cell)[0] != COLLECT_ROLE]
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(target))
