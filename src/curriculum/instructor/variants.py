"""Per-student variants: a roster, parameters derived from the student id, and the checks that
a submission is the notebook released to the student who handed it in.

A variant is the exercise with its papermill parameters (the ``seed``, and any other integer
parameter the exercise declares in ``VARIANT_PARAMETERS``) derived from (assignment, student,
exercise) by a hash, so the same roster gives the same numbers every time. The released
notebook carries a *stamp* in its metadata — assignment, student, parameters and an HMAC keyed
by the manifest's secret — so a notebook handed in under another student's name, or with an
edited stamp, is detected when it is graded.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curriculum.questions import Exercise

STAMP_KEY = "variant"  # under metadata.curriculum
ID_COLUMNS = ("student_id", "id", "student", "login", "username", "email", "sis_user_id")
# A student id names a folder (release and submissions): letters, digits and . _ @ + -
STUDENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}")
SEED_RANGE = 1_000_000


class RosterError(ValueError):
    """The roster cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class RosterEntry:
    id: str
    fields: dict[str, str]  # every column of the roster row, kept for the manifest


def check_student_id(student: str) -> str | None:
    """Why ``student`` cannot be a student id (it names a folder), or None if it can."""
    if not STUDENT_ID.fullmatch(student):
        return "use letters, digits and . _ @ + - only, starting with a letter or digit"
    if ".." in student:
        return "'..' is not allowed"
    return None


def read_roster(path: str | Path, id_column: str | None = None) -> list[RosterEntry]:
    """Read a CSV roster: one row per student, an id column (``student_id``, ``id``,
    ``student``, ``login``, ``username``, ``email`` or ``sis_user_id``, or ``id_column``)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(f"{path}: cannot be read ({error})") from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    if not header:
        raise RosterError(f"{path}: empty roster (expected a header row with a student id column)")
    lowered = {h.lower(): h for h in header}
    if id_column is not None:
        column = lowered.get(id_column.lower())
        if column is None:
            raise RosterError(f"{path}: no column {id_column!r} (columns: {', '.join(header)})")
    else:
        column = next((lowered[c] for c in ID_COLUMNS if c in lowered), None)
        if column is None:
            raise RosterError(
                f"{path}: no student id column; name one of {', '.join(ID_COLUMNS)} "
                "or pass --id-column"
            )
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        student = row.get(column, "")
        if not student and not any(row.values()):
            continue  # a blank line
        if not student:
            raise RosterError(f"{path}: line {line}: empty {column!r}")
        problem = check_student_id(student)
        if problem:
            raise RosterError(f"{path}: line {line}: student id {student!r} is unsafe: {problem}")
        key = student.lower()  # ana and ANA would share a folder on some file systems
        if key in seen:
            raise RosterError(
                f"{path}: line {line}: student id {student!r} is already on line {seen[key]}"
            )
        seen[key] = line
        entries.append(RosterEntry(student, row))
    if not entries:
        raise RosterError(f"{path}: the roster lists no students")
    return entries


def _number(assignment: str, student: str, exercise: str, name: str) -> int:
    text = "\0".join((assignment, student, exercise, name)).encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


def variant_parameters(exercise: Exercise, assignment: str, student: str) -> dict[str, Any]:
    """The papermill parameters of ``student``'s variant of ``exercise`` in ``assignment``.

    ``seed`` is derived from the three names. An exercise may declare other parameters to
    vary as ``VARIANT_PARAMETERS = {"n_samples": (100, 200)}`` in its spec module (an
    inclusive integer range); every other parameter keeps its default.
    """
    params = dict(exercise.parameters)
    params["seed"] = _number(assignment, student, exercise.name, "seed") % SEED_RANGE
    for name, (low, high) in declared_ranges(exercise).items():
        params[name] = low + _number(assignment, student, exercise.name, name) % (high - low + 1)
    return params


def declared_ranges(exercise: Exercise) -> dict[str, tuple[int, int]]:
    """The integer ranges the exercise's spec module declares in ``VARIANT_PARAMETERS``."""
    from curriculum.instructor.private_specs import spec_module

    ranges = getattr(spec_module(exercise), "VARIANT_PARAMETERS", {}) or {}
    return {str(k): (int(v[0]), int(v[1])) for k, v in ranges.items()}


def sign(secret: str, assignment: str, student: str, exercise: str, params: Mapping) -> str:
    """The stamp's signature: only the holder of the manifest's secret can make one."""
    message = json.dumps([assignment, student, exercise, dict(params)], sort_keys=True)
    return hmac.new(bytes.fromhex(secret), message.encode(), hashlib.sha256).hexdigest()[:32]


def make_stamp(
    secret: str, assignment: str, student: str, exercise: str, params: Mapping
) -> dict[str, Any]:
    return {
        "assignment": assignment,
        "student": student,
        "parameters": dict(params),
        "signature": sign(secret, assignment, student, exercise, params),
    }


def stamp_problems(
    stamp: Any,
    *,
    secret: str,
    assignment: str,
    student: str,
    exercise: str,
) -> list[str]:
    """Why a submission by ``student`` does not carry the stamp released to them (empty: it
    does)."""
    if not isinstance(stamp, Mapping):
        return [
            f"no variant stamp: this is not the notebook released to {student} "
            "(was it downloaded elsewhere or rebuilt by hand?)"
        ]
    owner = stamp.get("assignment"), stamp.get("student"), stamp.get("parameters")
    if not all(isinstance(v, str) for v in owner[:2]) or not isinstance(owner[2], Mapping):
        return ["the variant stamp is malformed: it was edited"]
    expected = sign(secret, owner[0], owner[1], exercise, owner[2])
    if not hmac.compare_digest(str(stamp.get("signature", "")), expected):
        return ["the variant stamp was edited (its signature does not match)"]
    problems = []
    if owner[0] != assignment:
        problems.append(f"released for assignment {owner[0]!r}, not {assignment!r}")
    if owner[1] != student:
        problems.append(f"released to {owner[1]}, submitted by {student}")
    return problems


class ManifestError(ValueError):
    """The assignment manifest cannot be used."""


@dataclass
class Manifest:
    """An assignment manifest (``assignment.json``) as the grader reads it."""

    path: Path
    data: dict[str, Any]

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        path = Path(path)
        if path.is_dir():
            path = path / "assignment.json"
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ManifestError(f"{path}: not an assignment manifest ({error})") from None
        needed = ("assignment", "modules", "students", "secret", "parameters")
        if not isinstance(data, dict) or any(k not in data for k in needed):
            raise ManifestError(
                f"{path}: not an assignment manifest (written by `curriculum assign`)"
            )
        return cls(path, data)

    @property
    def assignment(self) -> str:
        return str(self.data["assignment"])

    @property
    def due(self) -> str | None:
        return self.data.get("due")

    def parameters_for(self, student: str, exercise: str) -> dict[str, Any] | None:
        record = self.data["students"].get(student)
        if record is not None:
            return record["parameters"].get(exercise)
        return self.data["parameters"].get(exercise)

    def prepare(self, submission: Any) -> Any:
        """The parameters and flags for one batch submission (``curriculum.batch.Submission``)."""
        from curriculum.batch import Preparation
        from curriculum.grading.errors import SubmissionError
        from curriculum.grading.load import load_submission
        from curriculum.notebook_builder import ROLE_KEY

        try:
            nb = load_submission(submission.path)
        except SubmissionError:
            return Preparation()  # the grader says what is wrong with the file
        meta = nb.metadata.get(ROLE_KEY, {})
        meta = meta if isinstance(meta, Mapping) else {}
        exercise = submission.exercise or meta.get("exercise")
        if not isinstance(exercise, str) or exercise not in self.data["modules"]:
            return Preparation(flags=(f"{exercise} is not part of assignment {self.assignment}",))
        return self.check(submission.student, exercise, meta.get(STAMP_KEY), nb)

    def check(self, student: str, exercise: str, stamp: Any, nb: Any = None) -> Any:
        """Grade ``student``'s ``exercise`` with their own parameters; flag a notebook that was
        released to someone else."""
        from curriculum.batch import Preparation

        if not self.data.get("variants"):
            return Preparation(parameters=self.data["parameters"].get(exercise))
        if student not in self.data["students"]:
            return Preparation(
                parameters=self.data["parameters"].get(exercise),
                flags=(f"{student} is not on the roster of assignment {self.assignment}",),
            )
        params = self.parameters_for(student, exercise)
        flags = stamp_problems(
            stamp,
            secret=self.data["secret"],
            assignment=self.assignment,
            student=student,
            exercise=exercise,
        )
        owner = self._owner_of_parameters_cell(nb, exercise) if nb is not None else None
        if owner is not None and owner != student and not any(owner in f for f in flags):
            flags.append(f"its parameters cell is {owner}'s variant, submitted by {student}")
        return Preparation(parameters=params, flags=tuple(flags))

    def _owner_of_parameters_cell(self, nb: Any, exercise: str) -> str | None:
        from curriculum.notebook_builder import parameters_source

        cell = next((c for c in nb.cells if c.get("id") == "parameters"), None)
        if cell is None:
            return None
        source = cell.source.strip()
        for student, record in self.data["students"].items():
            params = record["parameters"].get(exercise)
            if params is not None and parameters_source(params).strip() == source:
                return student
        return None
