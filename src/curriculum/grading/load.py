"""Step 1: read a submission and make sure it is a notebook for a known exercise."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from curriculum.exercises import NoExerciseError
from curriculum.grading.errors import SubmissionError
from curriculum.notebook_builder import ROLE_KEY
from curriculum.questions import Exercise
from curriculum.syllabus import UnknownModuleError, find_module

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024


def load_submission(path: Path) -> NotebookNode:
    """Parse ``path`` as an nbformat-4 notebook, or raise SubmissionError saying why not."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SubmissionError("file not found") from None
    except IsADirectoryError:
        raise SubmissionError("is a directory, not a notebook") from None
    except OSError as exc:
        raise SubmissionError(f"cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise SubmissionError("file is empty")
    if len(raw) > MAX_NOTEBOOK_BYTES:
        raise SubmissionError(f"file is {len(raw) // 2**20} MiB; notebooks over 50 MiB are refused")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SubmissionError("not a notebook: the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"not a notebook: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg}); "
            "the file may be truncated"
        ) from None
    return _as_notebook(data)


def _as_notebook(data: Any) -> NotebookNode:
    if not isinstance(data, dict) or "nbformat" not in data:
        raise SubmissionError("not a notebook: valid JSON, but no 'nbformat' field")
    major = data.get("nbformat")
    if not isinstance(major, int):
        raise SubmissionError(f"not a notebook: 'nbformat' is {major!r}, expected 4")
    if major < 4:
        raise SubmissionError(
            f"nbformat {major} is too old: open and save it in Jupyter (which writes nbformat 4)"
        )
    if major > 4:
        raise SubmissionError(f"nbformat {major} is newer than this grader understands (4)")
    cells = data.get("cells")
    if not isinstance(cells, list):
        raise SubmissionError("not a notebook: 'cells' is missing or not a list")
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise SubmissionError(f"cell {index} is not a valid notebook cell")
        source = cell.get("source", "")
        if isinstance(source, list):
            if not all(isinstance(line, str) for line in source):
                raise SubmissionError(f"cell {index} has a malformed source")
            cell["source"] = "".join(source)
        elif not isinstance(source, str):
            raise SubmissionError(f"cell {index} has a malformed source")
        if not isinstance(cell.get("metadata", {}), dict):
            cell["metadata"] = {}
    # The grader rebuilds the notebook from the spec, so only cell sources and roles are needed:
    # tolerate what Jupyter itself tolerates (duplicate ids, odd metadata) rather than reject.
    return nbformat.from_dict(data)


def identify_exercise(nb: NotebookNode, path: Path, expected: str | None = None) -> Exercise:
    """The exercise this notebook answers, from its metadata; cross-checked with ``expected``."""
    meta = nb.get("metadata", {}).get(ROLE_KEY, {})
    declared = meta.get("exercise") if isinstance(meta, dict) else None
    from curriculum.instructor.private_specs import find_exercise  # ours, or a private one

    key = declared or expected or path.stem
    try:
        exercise = find_exercise(str(key))
    except (UnknownModuleError, NoExerciseError):
        if declared:
            raise SubmissionError(
                f"notebook says it is exercise {declared!r}, which is unknown"
            ) from None
        raise SubmissionError(
            "not a curriculum exercise: no exercise in its metadata and the file name "
            f"{path.name!r} names none"
        ) from None
    if expected is not None:
        try:
            wanted = find_exercise(expected).name
        except (UnknownModuleError, NoExerciseError):
            try:
                wanted = find_module(expected).stem
            except UnknownModuleError:
                raise SubmissionError(f"no exercise {expected!r} to grade against") from None
        if wanted != exercise.name:
            raise SubmissionError(
                f"this notebook is exercise {exercise.name}, not {wanted}: "
                "was the wrong file submitted?"
            )
    return exercise
