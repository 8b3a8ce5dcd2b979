"""Grading results as values: QuestionResult and GradeReport, with JSON and text renderers."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_ATTEMPTED = "not_attempted"
    ERROR = "error"
    TIMEOUT = "timeout"

    def __str__(self) -> str:
        return self.value


@dataclass
class QuestionResult:
    id: str
    points: float
    max_points: float
    status: Status
    message: str

    def __post_init__(self) -> None:
        self.points = float(self.points)
        self.max_points = float(self.max_points)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = str(self.status)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuestionResult:
        return cls(
            id=data["id"],
            points=float(data["points"]),
            max_points=float(data["max_points"]),
            status=Status(data["status"]),
            message=data["message"],
        )


@dataclass
class GradeReport:
    """The outcome of grading one notebook. ``status`` is "graded" or "error"."""

    exercise: str | None
    notebook: str
    score: float
    max_score: float
    status: str
    error: str | None
    duration_s: float
    questions: list[QuestionResult] = field(default_factory=list)

    @classmethod
    def failed(
        cls, notebook: str, error: str, exercise: str | None = None, duration_s: float = 0.0
    ) -> GradeReport:
        return cls(exercise, notebook, 0.0, 0.0, "error", error, round(duration_s, 3))

    @property
    def graded(self) -> bool:
        return self.status == "graded"

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "notebook": self.notebook,
            "score": self.score,
            "max_score": self.max_score,
            "status": self.status,
            "error": self.error,
            "duration_s": self.duration_s,
            "questions": [q.to_dict() for q in self.questions],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeReport:
        return cls(
            exercise=data["exercise"],
            notebook=data["notebook"],
            score=float(data["score"]),
            max_score=float(data["max_score"]),
            status=data["status"],
            error=data["error"],
            duration_s=float(data["duration_s"]),
            questions=[QuestionResult.from_dict(q) for q in data["questions"]],
        )


def _fmt_points(value: float) -> str:
    return f"{value:g}"


def render_table(report: GradeReport) -> str:
    """A plain-text table: question, points, status, message; then the total."""
    if not report.graded:
        return f"{report.notebook}: error: {report.error}"
    rows = [("question", "points", "status", "message")]
    for q in report.questions:
        points = f"{_fmt_points(q.points)}/{_fmt_points(q.max_points)}"
        rows.append((q.id, points, str(q.status).replace("_", " "), q.message))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [f"{report.notebook}  ({report.exercise})"]
    for i, row in enumerate(rows):
        lines.append(
            "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
            + "  "
            + row[3]
        )
        if i == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 7)
    percent = 100 * report.score / report.max_score if report.max_score else 0.0
    lines.append(
        f"total {_fmt_points(report.score)}/{_fmt_points(report.max_score)} "
        f"({percent:.0f}%) in {report.duration_s:.1f}s"
    )
    return "\n".join(lines)


_STATUS_STYLE = {
    Status.PASSED: "green",
    Status.FAILED: "red",
    Status.NOT_ATTEMPTED: "bright_black",
    Status.ERROR: "red",
    Status.TIMEOUT: "yellow",
}


def print_report(report: GradeReport, console: Any = None) -> None:
    """The report as a rich table on a terminal; :func:`render_table`'s plain text elsewhere."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    if not console.is_terminal or not report.graded:
        console.file.write(render_table(report) + "\n")
        return
    table = Table(title=f"{report.notebook}  ({report.exercise})", title_justify="left")
    for heading in ("question", "points", "status"):
        table.add_column(heading, no_wrap=True)
    table.add_column("message", overflow="fold")
    for q in report.questions:
        style = _STATUS_STYLE.get(q.status, "")
        table.add_row(
            q.id,
            f"{_fmt_points(q.points)}/{_fmt_points(q.max_points)}",
            f"[{style}]{str(q.status).replace('_', ' ')}[/{style}]",
            escape(q.message),  # learner values may hold [brackets]: never markup
        )
    percent = 100 * report.score / report.max_score if report.max_score else 0.0
    console.print(table, highlight=False)
    console.print(
        f"total {_fmt_points(report.score)}/{_fmt_points(report.max_score)} "
        f"({percent:.0f}%) in {report.duration_s:.1f}s",
        markup=False,
        highlight=False,
    )
