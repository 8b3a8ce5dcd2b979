"""``curriculum gradebook export``: the gradebook as a spreadsheet CSV, a Canvas gradebook
import CSV, or Gradescope autograder ``results.json`` files.

Canvas (Grades → Import): the columns ``Student, ID, SIS User ID, SIS Login ID, Section``, then
one column per assignment; the row under the header is ``Points Possible``. Canvas matches a
row to a student by ID, SIS User ID or SIS Login ID; a column whose name is not an existing
assignment creates one (to update an existing assignment, name the column as Canvas exports
it, ``Title (1234)``, through ``export_canvas(columns=...)``).

Gradescope: one ``results.json`` per student and exercise, in the autograder results schema
(``score``, ``output``, ``visibility``, ``stdout_visibility``, ``tests`` with ``name``,
``number``, ``score``, ``max_score``, ``status`` and ``output``). Messages are the learner's
(a hidden check appears only by its description).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from curriculum.gradebook import Gradebook, export_csv

CANVAS_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
FORMATS = ("csv", "canvas", "gradescope")


def _number(value: float) -> str:
    return f"{value:g}"


def _field(fields: Mapping[str, str], *names: str) -> str:
    lowered = {k.lower().replace("_", " "): v for k, v in fields.items()}
    for name in names:
        value = lowered.get(name.lower().replace("_", " "))
        if value:
            return value
    return ""


def export_canvas(
    gradebook: Gradebook,
    *,
    roster: Mapping[str, Mapping[str, str]] | None = None,
    columns: Mapping[str, str] | None = None,
    max_points: Mapping[str, float] | None = None,
) -> str:
    """A Canvas gradebook import CSV: one row per student, one column per exercise.

    Args:
        gradebook: the graded submissions (the latest of each student and exercise counts).
        roster: student id -> roster fields (``name``, ``canvas_id``/``id``, ``sis_user_id``,
            ``sis_login_id``/``login``, ``section``), e.g. from the assignment manifest.
        columns: exercise -> Canvas column name (``Linear regression (1234)``).
        max_points: exercise -> points possible (default: from the gradebook).
    """
    rows = gradebook.latest()
    roster = roster or {}
    columns = columns or {}
    exercises = sorted({row["exercise"] for row in rows})
    possible: dict[str, float] = dict(max_points or {})
    for row in rows:
        if row["status"] == "graded":
            possible.setdefault(row["exercise"], row["max_score"])
    by_student: dict[str, dict[str, sqlite3.Row]] = {}
    for row in rows:
        by_student.setdefault(row["student"], {})[row["exercise"]] = row
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CANVAS_FIXED, *(columns.get(e, e) for e in exercises)])
    writer.writerow(
        ["Points Possible", "", "", "", "", *(_number(possible.get(e, 0.0)) for e in exercises)]
    )
    for student in sorted(set(by_student) | set(roster)):
        fields = roster.get(student, {})
        line = [
            _field(fields, "name", "student", "full name") or student,
            _field(fields, "canvas_id", "canvas id", "id") if fields else "",
            _field(fields, "sis_user_id", "sis user id") or student,
            _field(fields, "sis_login_id", "sis login id", "login", "username") or student,
            _field(fields, "section"),
        ]
        for exercise in exercises:
            row = by_student.get(student, {}).get(exercise)
            line.append(_number(row["score"]) if row is not None else "")
        writer.writerow(line)
    return buffer.getvalue()


def gradescope_results(gradebook: Gradebook, submission: sqlite3.Row) -> dict[str, Any]:
    """Gradescope's autograder ``results.json`` for one stored submission."""
    if submission["status"] != "graded":
        return {
            "score": 0.0,
            "output": f"This notebook could not be graded: {submission['error']}",
            "visibility": "visible",
            "stdout_visibility": "hidden",
            "tests": [],
        }
    tests = []
    questions = gradebook.connection.execute(
        "SELECT question, points, max_points, status, message FROM question_results"
        " WHERE submission_id = ? ORDER BY rowid",
        (submission["id"],),
    ).fetchall()
    for number, (question, points, max_points, status, message) in enumerate(questions, 1):
        tests.append(
            {
                "name": question,
                "number": str(number),
                "score": points,
                "max_score": max_points,
                "status": "passed" if status == "passed" else "failed",
                "output": f"{status.replace('_', ' ')}: {message}",
                "visibility": "visible",
            }
        )
    return {
        "score": submission["score"],
        "execution_time": round(submission["duration_s"], 3),
        "output": f"{submission['exercise']}: {_number(submission['score'])}"
        f"/{_number(submission['max_score'])}",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def export_gradescope(gradebook: Gradebook, out: str | Path) -> list[Path]:
    """Write ``OUT/<student>/<exercise>/results.json`` for every latest submission."""
    out = Path(out)
    written = []
    for row in gradebook.latest():
        target = out / row["student"] / row["exercise"] / "results.json"
        if not target.resolve().is_relative_to(out.resolve()):
            continue  # a student name that would leave the folder (never from our batch)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(gradescope_results(gradebook, row), indent=2) + "\n")
        written.append(target)
    return written


__all__ = ["FORMATS", "export_canvas", "export_csv", "export_gradescope", "gradescope_results"]
