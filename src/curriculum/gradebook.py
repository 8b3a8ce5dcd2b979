"""The gradebook: SQLite storage of every graded submission, and CSV export.

One row per submission (student, file, content hash, status, score, time) and one row per
(submission, question). Each submission is written in a single transaction, so a batch killed at
any moment leaves only whole submissions behind; the (student, source, sha256) key lets a re-run
skip what is stored.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path

from curriculum.results import GradeReport

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    student TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    exercise TEXT,
    status TEXT NOT NULL,
    error TEXT,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    duration_s REAL NOT NULL,
    graded_at TEXT NOT NULL,
    UNIQUE (student, source, sha256)
);
CREATE TABLE IF NOT EXISTS question_results (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    student TEXT NOT NULL,
    exercise TEXT NOT NULL,
    question TEXT NOT NULL,
    points REAL NOT NULL,
    max_points REAL NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (submission_id, question)
);
"""

# Columns added after the first release: (name, declaration), added to older gradebooks on open.
# flags: JSON list of what an instructor should look at (a notebook released to another
# student); parameters: JSON papermill parameters it was graded with; cells: JSON list of the
# learner's own code cells ({"question", "role", "source"}) for feedback pages.
EXTRA_COLUMNS = (
    ("flags", "TEXT NOT NULL DEFAULT '[]'"),
    ("parameters", "TEXT NOT NULL DEFAULT '{}'"),
    ("cells", "TEXT NOT NULL DEFAULT '[]'"),
    ("submitted_at", "TEXT"),  # the file's modification time, ISO 8601 UTC (late or not)
)


class GradebookError(Exception):
    """The gradebook file cannot be used."""


class Gradebook:
    """A SQLite gradebook; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.connection = sqlite3.connect(str(self.path), timeout=30)
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.executescript(SCHEMA)
            present = {row[1] for row in self.connection.execute("PRAGMA table_info(submissions)")}
            for name, declaration in EXTRA_COLUMNS:
                if name not in present:
                    self.connection.execute(
                        f"ALTER TABLE submissions ADD COLUMN {name} {declaration}"
                    )
        except sqlite3.DatabaseError as error:
            raise GradebookError(f"{self.path}: not a usable gradebook ({error})") from None

    def __enter__(self) -> Gradebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    def is_graded(self, student: str, source: str, sha256: str) -> bool:
        row = self.connection.execute(
            "SELECT 1 FROM submissions WHERE student = ? AND source = ? AND sha256 = ?",
            (student, source, sha256),
        ).fetchone()
        return row is not None

    def record(
        self,
        student: str,
        source: str,
        sha256: str,
        report: GradeReport,
        exercise: str | None = None,
        *,
        flags: Iterable[str] = (),
        parameters: dict | None = None,
        cells: list[dict] | None = None,
        submitted_at: str | None = None,
    ) -> None:
        """Store one submission and its questions atomically, replacing an earlier grading.

        ``flags`` (what an instructor should look at), ``parameters`` (the papermill parameters
        it was graded with) and ``cells`` (the learner's code, for feedback) are kept with it.
        """
        exercise = report.exercise or exercise
        graded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self.connection:  # one transaction: all of it or none of it
            self.connection.execute(
                "DELETE FROM submissions WHERE student = ? AND source = ? AND sha256 = ?",
                (student, source, sha256),
            )
            cursor = self.connection.execute(
                "INSERT INTO submissions (student, source, sha256, exercise, status, error, score,"
                " max_score, duration_s, graded_at, flags, parameters, cells, submitted_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    student,
                    source,
                    sha256,
                    exercise,
                    report.status,
                    report.error,
                    report.score,
                    report.max_score,
                    report.duration_s,
                    graded_at,
                    json.dumps(list(flags)),
                    json.dumps(parameters or {}, default=str),
                    json.dumps(cells or []),
                    submitted_at,
                ),
            )
            self.connection.executemany(
                "INSERT INTO question_results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        cursor.lastrowid,
                        student,
                        exercise or "",
                        q.id,
                        q.points,
                        q.max_points,
                        str(q.status),
                        q.message,
                    )
                    for q in report.questions
                ],
            )

    def counts(self) -> tuple[int, int]:
        """(submission rows, question rows)."""
        submissions = self.connection.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        questions = self.connection.execute("SELECT COUNT(*) FROM question_results").fetchone()[0]
        return submissions, questions

    def latest(self) -> list[sqlite3.Row]:
        """The most recent submission of each student for each exercise."""
        self.connection.row_factory = sqlite3.Row
        try:
            return self.connection.execute(
                "SELECT s.* FROM submissions s JOIN ("
                "  SELECT student, exercise, MAX(id) AS id FROM submissions"
                "  WHERE exercise IS NOT NULL GROUP BY student, exercise"
                ") last ON s.id = last.id ORDER BY s.student, s.exercise"
            ).fetchall()
        finally:
            self.connection.row_factory = None

    def question_points(self, submission_ids: Iterable[int]) -> dict[int, dict[str, float]]:
        ids = list(submission_ids)
        points: dict[int, dict[str, float]] = {i: {} for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for submission_id, question, value in self.connection.execute(
                "SELECT submission_id, question, points FROM question_results"
                f" WHERE submission_id IN ({marks})",
                chunk,
            ):
                points[submission_id][question] = value
        return points


def export_csv(gradebook: Gradebook, *, questions: bool = False) -> str:
    """One row per student, one column per exercise (and per question), then the total."""
    rows = gradebook.latest()
    exercises = sorted({row["exercise"] for row in rows})
    per_question = gradebook.question_points(row["id"] for row in rows) if questions else {}
    question_ids: dict[str, list[str]] = {e: [] for e in exercises}
    for row in rows:
        for question in per_question.get(row["id"], {}):
            if question not in question_ids[row["exercise"]]:
                question_ids[row["exercise"]].append(question)
    header = ["student"]
    for exercise in exercises:
        header.append(exercise)
        header += [f"{exercise}:{q}" for q in sorted(question_ids[exercise])]
    header.append("total")
    by_student: dict[str, dict[str, sqlite3.Row]] = {}
    for row in rows:
        by_student.setdefault(row["student"], {})[row["exercise"]] = row
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for student in sorted(by_student):
        line: list[object] = [student]
        total = 0.0
        for exercise in exercises:
            row = by_student[student].get(exercise)
            line.append(_number(row["score"]) if row is not None else "")
            total += row["score"] if row is not None else 0.0
            for question in sorted(question_ids[exercise]):
                value = per_question.get(row["id"], {}).get(question) if row is not None else None
                line.append(_number(value) if value is not None else "")
        line.append(_number(total))
        writer.writerow(line)
    return buffer.getvalue()


def _number(value: float) -> str:
    return f"{value:g}"
