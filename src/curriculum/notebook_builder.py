"""Build exercise notebooks from their spec: the blank exercise and the answer key.

Every cell the grader cares about carries ``metadata.curriculum.role`` (and ``question`` for
answer and check cells), so a submission can be matched back to the spec cell by cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import nbformat
from nbformat import NotebookNode

from curriculum.questions import Exercise
from curriculum.syllabus import NOTEBOOK_METADATA_KEY

ROLE_KEY = NOTEBOOK_METADATA_KEY
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
Answers = Literal["template", "solution"]


def cell_role(cell: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(role, question id) recorded on a cell, or (None, None) for the learner's own cells."""
    meta = cell.get("metadata", {}).get(ROLE_KEY)
    if not isinstance(meta, Mapping):
        return None, None
    role = meta.get("role")
    question = meta.get("question")
    return (
        role if isinstance(role, str) else None,
        question if isinstance(question, str) else None,
    )


def _meta(role: str, question: str | None = None, locked: bool = False) -> dict[str, Any]:
    info: dict[str, Any] = {"role": role}
    if question:
        info["question"] = question
    meta: dict[str, Any] = {ROLE_KEY: info}
    if locked:
        # JupyterLab honours these: it stops accidental edits, not a determined learner.
        meta["editable"] = False
        meta["deletable"] = False
    return meta


def setup_source(exercise: Exercise) -> str:
    handles = ", ".join(q.id for q in exercise.questions)
    return (
        "# Setup: run this cell first. It loads the data libraries and this exercise's checks.\n"
        f"{exercise.imports}\n\n"
        "from curriculum.learner import ____, bind_questions  # noqa: F401\n\n"
        f"{handles}{',' if len(exercise.questions) == 1 else ''} = "
        f'bind_questions("{exercise.name}", globals())'
    )


def parameters_source(parameters: Mapping[str, Any]) -> str:
    lines = ["# Parameters (the grader may set these, e.g. a different seed per student)."]
    lines += [f"{name} = {value!r}" for name, value in parameters.items()]
    return "\n".join(lines)


def build_exercise_notebook(exercise: Exercise, answers: Answers = "template") -> NotebookNode:
    """The exercise notebook; with ``answers="solution"`` every answer cell holds the key."""
    v4 = nbformat.v4
    cells = [
        v4.new_markdown_cell(exercise.intro, id="intro", metadata=_meta("intro")),
        v4.new_code_cell(setup_source(exercise), id="setup", metadata=_meta("setup", locked=True)),
        v4.new_code_cell(
            parameters_source(exercise.parameters),
            id="parameters",
            metadata={**_meta("parameters"), "tags": ["parameters"]},
        ),
        v4.new_code_cell(exercise.context, id="context", metadata=_meta("context", locked=True)),
    ]
    for q in exercise.questions:
        source = q.solution if answers == "solution" else q.template
        cells += [
            v4.new_markdown_cell(q.prompt, id=f"{q.id}-prompt", metadata=_meta("prompt", q.id)),
            v4.new_code_cell(source, id=f"{q.id}-answer", metadata=_meta("answer", q.id)),
            v4.new_code_cell(
                f"{q.id}.check()", id=f"{q.id}-check", metadata=_meta("check", q.id, locked=True)
            ),
        ]
    cells.append(
        v4.new_markdown_cell(
            "## Done?\n\nSave the notebook, then grade it from a terminal:\n\n"
            f"```\ncurriculum grade exercises/{exercise.name}.ipynb\n```",
            id="outro",
            metadata=_meta("outro"),
        )
    )
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata[ROLE_KEY] = {
        "exercise": exercise.name,
        "module": exercise.module.id,
        "kind": "key" if answers == "solution" else "exercise",
    }
    return nb


def template_sources(exercise: Exercise) -> dict[str, str]:
    """Answer-cell template per question id, to tell untouched cells from attempts."""
    return {q.id: q.template for q in exercise.questions}
