"""``curriculum assign``: a release folder of student notebooks and the assignment manifest.

Layout of RELEASE_DIR:

- ``assignment.json`` — the manifest, for the instructor only (it holds the secret that signs
  each variant): assignment name, modules, due date, default parameters, each student's
  parameters and roster fields, and the SHA-256 of every released file;
- ``notebooks/<NN_slug>.ipynb`` without a roster, or ``students/<id>/<NN_slug>.ipynb`` with
  one: the blank exercise (prompts, templates and public ``qN.check()`` cells: no solution,
  no hidden check, no outputs), with that student's parameters in its parameters cell and a
  signed stamp in its metadata.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nbformat

from curriculum.instructor.private_specs import find_exercise
from curriculum.instructor.variants import (
    STAMP_KEY,
    RosterEntry,
    check_student_id,
    make_stamp,
    variant_parameters,
)
from curriculum.notebook_builder import ROLE_KEY, build_exercise_notebook, parameters_source
from curriculum.questions import Exercise

MANIFEST_NAME = "assignment.json"
MANIFEST_FORMAT = 1


class AssignError(ValueError):
    """The assignment cannot be written; the message says why in one line."""


@dataclass(frozen=True)
class Release:
    folder: Path
    manifest: Path
    notebooks: tuple[Path, ...]


def parse_due(text: str | None) -> str | None:
    """An ISO date or date-time (``2025-03-01``, ``2025-03-01T23:59``); a date means its end,
    23:59:59 UTC; a time without a zone is UTC."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise AssignError(f"due date {text!r} is not ISO 8601 (such as 2025-03-01T23:59)") from None
    if len(text.strip()) == 10:  # a bare date: the whole day counts
        value = value.replace(hour=23, minute=59, second=59)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.isoformat()


def student_notebook(exercise: Exercise, parameters: dict[str, Any], stamp: dict | None):
    """The blank exercise with ``parameters`` in its parameters cell (and ``stamp``)."""
    nb = build_exercise_notebook(exercise, "template")
    for cell in nb.cells:
        if cell.get("id") == "parameters":
            cell.source = parameters_source(parameters)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    if stamp is not None:
        nb.metadata[ROLE_KEY][STAMP_KEY] = stamp
    return nb


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assign(
    modules: Sequence[str],
    out: str | Path,
    *,
    roster: Sequence[RosterEntry] | None = None,
    due: str | None = None,
    name: str | None = None,
) -> Release:
    """Write the release folder for ``modules`` (ids or slugs) into ``out``.

    Args:
        modules: the exercises to hand out, such as ``["07", "08"]``.
        out: the release folder (created; an existing manifest there is refused, so that a
            second run cannot silently give every student new numbers).
        roster: one entry per student: each gets a variant of their own.
        due: the due date, ISO 8601 (kept in the manifest for the class report).
        name: the assignment's name (default: the folder's name); it seeds the variants.

    Returns:
        The folder, the manifest and every notebook written.
    """
    out = Path(out)
    if not modules:
        raise AssignError("name at least one module to assign")
    exercises: list[Exercise] = []
    for key in modules:
        try:
            exercise = find_exercise(key)
        except LookupError as error:
            raise AssignError(str(error)) from None
        if exercise.name not in [e.name for e in exercises]:
            exercises.append(exercise)
    manifest_path = out / MANIFEST_NAME
    if manifest_path.exists():
        raise AssignError(
            f"{manifest_path} exists: this folder already holds a release (choose another --out)"
        )
    name = name or out.resolve().name
    for entry in roster or ():
        problem = check_student_id(entry.id)
        if problem:
            raise AssignError(f"student id {entry.id!r} is unsafe: {problem}")
    if roster is not None and len({e.id.lower() for e in roster}) != len(roster):
        raise AssignError("the roster lists a student twice")
    secret = secrets.token_hex(32)
    manifest: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "assignment": name,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "due": parse_due(due),
        "modules": [e.name for e in exercises],
        "max_points": {e.name: e.max_score for e in exercises},
        "parameters": {e.name: dict(e.parameters) for e in exercises},
        "variants": roster is not None,
        "students": {},
        "files": {},
        "secret": secret,
        "note": "keep this file: it signs every variant. Hand out only notebooks/ or students/.",
    }
    written: list[Path] = []

    def write(relative: str, nb) -> None:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(target))
        manifest["files"][relative] = _sha256(target)
        written.append(target)

    if roster is None:
        for exercise in exercises:
            write(
                f"notebooks/{exercise.name}.ipynb",
                student_notebook(exercise, dict(exercise.parameters), None),
            )
    else:
        for entry in roster:
            record: dict[str, Any] = {"fields": entry.fields, "parameters": {}}
            for exercise in exercises:
                params = variant_parameters(exercise, name, entry.id)
                stamp = make_stamp(secret, name, entry.id, exercise.name, params)
                write(
                    f"students/{entry.id}/{exercise.name}.ipynb",
                    student_notebook(exercise, params, stamp),
                )
                record["parameters"][exercise.name] = params
            manifest["students"][entry.id] = record
    out.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return Release(out, manifest_path, tuple(written))
