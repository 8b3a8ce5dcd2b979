"""grade_notebook: load → normalise → execute (papermill) → score → GradeReport."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

from curriculum.grading.errors import SubmissionError
from curriculum.grading.execute import Execution, execute_grading_notebook
from curriculum.grading.load import identify_exercise, load_submission
from curriculum.grading.normalise import COLLECT_ROLE, GradingPlan, build_grading_notebook
from curriculum.grading.score import run_checks
from curriculum.notebook_builder import cell_role
from curriculum.questions import Exercise
from curriculum.results import GradeReport, QuestionResult, Status

DEFAULT_CELL_TIMEOUT = 30.0


def grade_notebook(
    path: str | Path,
    *,
    exercise: str | None = None,
    parameters: Mapping[str, Any] | None = None,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    out_dir: str | Path | None = None,
    kernel_name: str = "python3",
) -> GradeReport:
    """Grade one submission. Never raises for a bad submission: the report says what went wrong.

    Args:
        path: the submitted notebook.
        exercise: the exercise it must answer (id or slug); default: read from the notebook.
        parameters: papermill parameters (e.g. ``{"seed": 3}``) overriding the exercise's.
        cell_timeout: seconds any one cell may run before it is interrupted.
        out_dir: if given, the executed notebook is written there under the same file name.
        kernel_name: the Jupyter kernel to execute with.

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
    with tempfile.TemporaryDirectory(prefix="curriculum-grade-") as workdir:
        answers_path = Path(workdir) / "answers.pkl"
        plan = build_grading_notebook(spec, submission, answers_path)
        execution = execute_grading_notebook(
            plan.notebook,
            params,
            cell_timeout=cell_timeout,
            cwd=Path(workdir),
            kernel_name=kernel_name,
        )
        if execution.error:
            return GradeReport.failed(
                str(path), execution.error, spec.name, time.perf_counter() - started
            )
        questions = score_execution(spec, plan, execution, answers_path, params)
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


def score_execution(
    spec: Exercise,
    plan: GradingPlan,
    execution: Execution,
    answers_path: Path,
    params: Mapping[str, Any],
) -> list[QuestionResult]:
    """Combine how each answer cell ran with what the checks say about its answer."""
    to_check = [q.id for q in spec.questions if q.id not in plan.untouched]
    checked: dict[str, QuestionResult] = {}
    if to_check and answers_path.exists():
        checked = run_checks(
            spec.name,
            answers_path,
            params,
            to_check,
            {q.id: q.points for q in spec.questions},
        )
    cell_index = {cell.get("id"): i for i, cell in enumerate(execution.notebook.cells)}
    results = []
    for question in spec.questions:

        def result(status: Status, message: str, q=question) -> QuestionResult:
            return QuestionResult(q.id, 0.0, q.points, status, message)

        cell_id = plan.answer_cell.get(question.id)
        outcome = execution.outcomes.get(cell_id) if cell_id else None
        if question.id in plan.untouched:
            results.append(result(Status.NOT_ATTEMPTED, "not attempted"))
            continue
        if (
            execution.kernel_died_in is not None
            and outcome is not None
            and (outcome.status == "not_run" or cell_id == execution.kernel_died_in)
        ):
            died = cell_index.get(execution.kernel_died_in, -1) + 1
            results.append(result(Status.ERROR, f"kernel died in cell {died}"))
            continue
        if outcome is not None and outcome.status == "timeout":
            results.append(result(Status.TIMEOUT, outcome.evalue))
            continue
        found = checked.get(question.id)
        if found is None:
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
