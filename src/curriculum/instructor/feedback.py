"""``curriculum feedback``: one self-contained HTML page per student and exercise.

A page shows the score, each question's status and message, the student's own code with the
cells of questions that did not pass marked, and the hints for those questions. It is built
from the gradebook (messages as the grader gave them: a hidden check appears only by its
learner-safe description) and the public spec (titles, hints). It never contains a hidden
check's code, inputs or expected values, nor a solution.
"""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

from curriculum.gradebook import Gradebook
from curriculum.instructor.private_specs import find_exercise
from curriculum.questions import Exercise

STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#202124}
h1{font-size:1.5rem} .score{font-size:1.25rem;font-weight:600}
table{border-collapse:collapse;width:100%} td,th{border-bottom:1px solid #ddd;padding:.4rem;
text-align:left;vertical-align:top} .passed{color:#1a7f37} .failed,.error,.timeout{color:#b3261e}
.not_attempted{color:#5f6368} pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;margin:0}
.cell{border-left:4px solid #d0d7de;margin:.8rem 0} .cell.marked{border-left-color:#b3261e}
.cell .label{font-size:.85rem;padding:.2rem .6rem;background:#f1f3f4}
.cell.marked .label{background:#fce8e6;color:#b3261e} li{margin:.3rem 0}
"""


def _esc(text: object) -> str:
    return html.escape(str(text))


def _points(value: float) -> str:
    return f"{value:g}"


def render_feedback(
    submission: sqlite3.Row,
    questions: list[tuple[str, float, float, str, str]],
    exercise: Exercise | None,
) -> str:
    """The HTML page for one stored submission (``questions``: id, points, max, status,
    message)."""
    student = submission["student"]
    name = submission["exercise"]
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_esc(name)} — feedback for {_esc(student)}</title><style>{STYLE}</style>",
        "</head><body>",
        f"<h1>{_esc(name)} — feedback for {_esc(student)}</h1>",
    ]
    if submission["status"] != "graded":
        parts.append(
            f"<p class='score error' id='score'>Not graded: {_esc(submission['error'])}</p>"
        )
        parts.append("</body></html>")
        return "".join(parts)
    percent = 100 * submission["score"] / submission["max_score"] if submission["max_score"] else 0
    parts.append(
        f"<p class='score' id='score'>Score: {_points(submission['score'])}"
        f" / {_points(submission['max_score'])} ({percent:.0f} %)</p>"
    )
    titles = {q.id: q.title for q in exercise.questions} if exercise else {}
    parts.append(
        "<h2>Questions</h2><table><tr><th>question</th><th>points</th><th>status</th>"
        "<th>message</th></tr>"
    )
    status_of = {}
    for question, points, max_points, status, message in questions:
        status_of[question] = (status, message)
        title = f" — {_esc(titles[question])}" if question in titles else ""
        parts.append(
            f"<tr id='q-{_esc(question)}'><td>{_esc(question)}{title}</td>"
            f"<td>{_points(points)}/{_points(max_points)}</td>"
            f"<td class='{_esc(status)}'>{_esc(status.replace('_', ' '))}</td>"
            f"<td><pre style='background:none;padding:0;white-space:pre-wrap'>"
            f"{_esc(message)}</pre></td></tr>"
        )
    parts.append("</table>")
    cells = json.loads(submission["cells"] or "[]")
    if cells:
        parts.append("<h2>Your code</h2>")
    for cell in cells:
        question = cell.get("question")
        status, message = status_of.get(question, ("", ""))
        marked = status in ("failed", "error", "timeout")
        if cell.get("role") == "answer":
            label = f"answer cell for {question}"
            if marked:
                label += (
                    f" — {status.replace('_', ' ')}: {message.splitlines()[0] if message else ''}"
                )
        else:
            label = "a cell you added"
        parts.append(
            f"<div class='cell{' marked' if marked else ''}'"
            f" data-question='{_esc(question or '')}'>"
            f"<div class='label'>{_esc(label)}</div><pre>{_esc(cell.get('source', ''))}</pre></div>"
        )
    if exercise is not None:
        todo = [q for q in exercise.questions if status_of.get(q.id, ("",))[0] != "passed"]
        if todo:
            parts.append("<h2>Hints for what is left</h2>")
        for question in todo:
            parts.append(f"<h3>{_esc(question.id)} — {_esc(question.title)}</h3><ol>")
            parts += [f"<li>{_esc(hint)}</li>" for hint in question.hints]
            parts.append("</ol>")
    parts.append("</body></html>")
    return "".join(parts)


def write_feedback(gradebook: Gradebook, out: str | Path) -> list[Path]:
    """``OUT/<student>/<exercise>.html`` for every student's latest submission of each
    exercise."""
    out = Path(out)
    written = []
    for row in gradebook.latest():
        target = out / row["student"] / f"{row['exercise']}.html"
        if not target.resolve().is_relative_to(out.resolve()):
            continue
        questions = gradebook.connection.execute(
            "SELECT question, points, max_points, status, message FROM question_results"
            " WHERE submission_id = ? ORDER BY rowid",
            (row["id"],),
        ).fetchall()
        try:
            exercise = find_exercise(row["exercise"])
        except LookupError:
            exercise = None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_feedback(row, questions, exercise), encoding="utf-8")
        written.append(target)
    return written
