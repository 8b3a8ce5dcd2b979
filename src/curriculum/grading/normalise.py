"""Step 2: rebuild the notebook to execute from the pristine spec plus the learner's code.

Only the learner's answer cells and the code cells they added themselves are kept; setup,
context and check cells come from the spec, so editing or deleting them changes nothing. The
check cells are dropped altogether: checks run outside the kernel, after execution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import nbformat
from nbformat import NotebookNode

from curriculum.notebook_builder import ROLE_KEY, build_exercise_notebook, cell_role
from curriculum.questions import Exercise

COLLECT_ROLE = "collect"
COLLECT_CELL_ID = "collect"
SEED_CELL_ID = "seed-everything"


@dataclass
class GradingPlan:
    """The notebook to execute and how its cells map back to questions."""

    notebook: NotebookNode
    answer_cell: dict[str, str] = field(default_factory=dict)  # question id -> cell id
    untouched: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    served: dict[str, list[str]] = field(default_factory=dict)  # question id -> names to check


def _same_code(a: str, b: str) -> bool:
    return [line.rstrip() for line in a.strip().splitlines()] == [
        line.rstrip() for line in b.strip().splitlines()
    ]


def collect_source(questions: dict[str, list[str]], address: str, cpu_seconds: float) -> str:
    call = f"serve_answers(globals(), {questions!r}, {address!r}, {cpu_seconds!r})"
    return f"import curriculum.grading.collect\ncurriculum.grading.collect.{call}"


SEED_SOURCE = (
    "import curriculum.grading.collect\ncurriculum.grading.collect.seed_everything(globals())"
)


def build_grading_notebook(
    exercise: Exercise, submission: NotebookNode, address: str, cpu_seconds: float
) -> GradingPlan:
    """Pristine cells from the spec, the learner's answer and own cells in the answer slots."""
    question_ids = {q.id for q in exercise.questions}
    answers: dict[str, list[str]] = {q: [] for q in question_ids}
    extras_before: dict[str, list[str]] = {q: [] for q in question_ids}
    pending: list[str] = []
    for cell in submission.cells:
        if cell.cell_type != "code":
            continue
        role, question = cell_role(cell)
        if role == "answer" and question in question_ids:
            extras_before[question].extend(pending)
            pending = []
            answers[question].append(cell.source)
        elif role is None:
            pending.append(cell.source)
        # setup, parameters, context and check cells are replaced by the pristine ones
    trailing = pending

    pristine = build_exercise_notebook(exercise)
    cells: list[NotebookNode] = []
    plan = GradingPlan(notebook=pristine)
    templates = {q.id: q.template for q in exercise.questions}
    for cell in pristine.cells:
        role, question = cell_role(cell)
        if role == "check":
            continue
        if role != "answer":
            cells.append(cell)
            continue
        if not any(c.id == SEED_CELL_ID for c in cells):
            cells.append(_grader_cell(SEED_SOURCE, SEED_CELL_ID))
        for n, source in enumerate(extras_before[question]):
            cells.append(_learner_cell(source, f"{question}-own-{n}"))
        sources = answers[question]
        if not sources:
            plan.missing.add(question)
            continue
        if all(_same_code(s, templates[question]) for s in sources):
            plan.untouched.add(question)
        answer = nbformat.v4.new_code_cell(
            "\n\n".join(sources), id=f"{question}-answer", metadata=cell.metadata
        )
        plan.answer_cell[question] = answer.id
        cells.append(answer)
    for n, source in enumerate(trailing):
        cells.append(_learner_cell(source, f"own-end-{n}"))
    plan.served = {q.id: list(q.reads) for q in exercise.questions if q.id not in plan.untouched}
    cells.append(_grader_cell(collect_source(plan.served, address, cpu_seconds), COLLECT_CELL_ID))
    pristine.cells = cells
    return plan


def _grader_cell(source: str, cell_id: str) -> NotebookNode:
    return nbformat.v4.new_code_cell(
        source, id=cell_id, metadata={ROLE_KEY: {"role": COLLECT_ROLE}}
    )


def _learner_cell(source: str, cell_id: str) -> NotebookNode:
    return nbformat.v4.new_code_cell(source, id=cell_id, metadata={ROLE_KEY: {"role": "own"}})
