"""``curriculum report``: the class report, one self-contained HTML page with its figures.

Score distribution per exercise (a histogram, embedded as PNG), per-question pass rates
(hardest first), the most common failure messages, the known mistakes seen most often,
submissions that timed out, crashed or could not be graded, and late submissions.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

from curriculum.gradebook import Gradebook
from curriculum.instructor.feedback import STYLE
from curriculum.instructor.private_specs import find_exercise


def _esc(text: object) -> str:
    return html.escape(str(text))


def _histogram(scores: list[float], max_score: float, title: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(5, 2.6), dpi=100)
    axes = figure.subplots()
    bins = max(1, min(20, int(max_score) or 1))
    axes.hist(scores, bins=bins, range=(0, max_score or 1), color="#1a73e8", edgecolor="white")
    axes.set_xlabel("score")
    axes.set_ylabel("students")
    axes.set_title(title)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode()
    return f"<img alt='score distribution for {_esc(title)}' src='data:image/png;base64,{data}'>"


def _known_mistakes(exercise_name: str) -> list[str]:
    try:
        exercise = find_exercise(exercise_name)
    except LookupError:
        return []
    return [m.message for q in exercise.questions for m in q.mistakes]


def render_report(gradebook: Gradebook, due: str | None = None) -> str:
    rows = gradebook.latest()
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class report</title>",
        f"<style>{STYLE}</style></head><body><h1>Class report</h1>",
        f"<p>{len({r['student'] for r in rows})} students, {len(rows)} submissions"
        f" (the latest of each student per exercise).</p>",
    ]
    by_exercise = defaultdict(list)
    for row in rows:
        by_exercise[row["exercise"]].append(row)
    results = gradebook.connection.execute(
        "SELECT q.submission_id, q.exercise, q.question, q.status, q.message FROM"
        " question_results q"
    ).fetchall()
    latest_ids = {row["id"] for row in rows}
    results = [r for r in results if r[0] in latest_ids]
    for exercise, subs in sorted(by_exercise.items()):
        graded = [s for s in subs if s["status"] == "graded"]
        parts.append(f"<h2>{_esc(exercise)}</h2>")
        if graded:
            scores = [s["score"] for s in graded]
            mean = sum(scores) / len(scores)
            parts.append(
                f"<p>{len(graded)} graded; mean {mean:.1f} / {graded[0]['max_score']:g}</p>"
            )
            parts.append(_histogram(scores, graded[0]["max_score"], exercise))
        passes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        failures: Counter[str] = Counter()
        mistakes: Counter[str] = Counter()
        known = _known_mistakes(exercise)
        for _, ex, question, status, message in results:
            if ex != exercise:
                continue
            passes[question][0] += status == "passed"
            passes[question][1] += 1
            if status not in ("passed", "not_attempted"):
                failures[f"{question}: {message.splitlines()[0] if message else status}"] += 1
                for text in known:
                    if text and text in message:
                        mistakes[f"{question}: {text}"] += 1
        rates = sorted(passes.items(), key=lambda item: item[1][0] / max(item[1][1], 1))
        parts.append("<h3>Pass rate per question (hardest first)</h3><table class='rates'>")
        parts.append("<tr><th>question</th><th>passed</th><th>rate</th></tr>")
        for question, (ok, total) in rates:
            parts.append(
                f"<tr><td>{_esc(question)}</td><td>{ok}/{total}</td>"
                f"<td>{100 * ok / max(total, 1):.0f} %</td></tr>"
            )
        parts.append("</table>")
        for heading, counter in (
            ("Most common failure messages", failures),
            ("Known mistakes seen most often", mistakes),
        ):
            parts.append(f"<h3>{heading}</h3>")
            if not counter:
                parts.append("<p>none</p>")
                continue
            parts.append("<table><tr><th>count</th><th>message</th></tr>")
            for text, count in counter.most_common(10):
                parts.append(f"<tr><td>{count}</td><td>{_esc(text)}</td></tr>")
            parts.append("</table>")
    crashed = [(r[0], r[2], r[3], r[4]) for r in results if r[3] in ("timeout", "error")]
    ungraded = [row for row in rows if row["status"] != "graded"]
    sources = {row["id"]: row for row in rows}
    parts.append("<h2>Timed out, crashed or not graded</h2>")
    if not crashed and not ungraded:
        parts.append("<p>none</p>")
    else:
        parts.append("<table><tr><th>student</th><th>file</th><th>what</th></tr>")
        for row in ungraded:
            parts.append(
                f"<tr><td>{_esc(row['student'])}</td><td>{_esc(row['source'])}</td>"
                f"<td>not graded: {_esc(row['error'])}</td></tr>"
            )
        for submission_id, question, status, message in crashed:
            row = sources[submission_id]
            parts.append(
                f"<tr><td>{_esc(row['student'])}</td><td>{_esc(row['source'])}</td>"
                f"<td>{_esc(question)} {_esc(status)}: {_esc(message.splitlines()[0])}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Flagged submissions</h2>")
    flagged = [(row, json.loads(row["flags"] or "[]")) for row in rows]
    flagged = [(row, flags) for row, flags in flagged if flags]
    if not flagged:
        parts.append("<p>none</p>")
    else:
        parts.append("<table><tr><th>student</th><th>file</th><th>look at</th></tr>")
        for row, flags in flagged:
            parts.append(
                f"<tr><td>{_esc(row['student'])}</td><td>{_esc(row['source'])}</td>"
                f"<td>{'<br>'.join(_esc(flag) for flag in flags)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("<h2>Late submissions</h2>")
    if due is None:
        parts.append("<p>no due date (pass --manifest or --due)</p>")
    else:
        deadline = datetime.fromisoformat(due)
        late = [
            row
            for row in rows
            if row["submitted_at"] and datetime.fromisoformat(row["submitted_at"]) > deadline
        ]
        parts.append(f"<p>due {_esc(due)}: {len(late)} late</p>")
        if late:
            parts.append("<table><tr><th>student</th><th>file</th><th>handed in</th></tr>")
            for row in late:
                parts.append(
                    f"<tr><td>{_esc(row['student'])}</td><td>{_esc(row['source'])}</td>"
                    f"<td>{_esc(row['submitted_at'])}</td></tr>"
                )
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def write_report(gradebook: Gradebook, out: str | Path, due: str | None = None) -> Path:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(gradebook, due), encoding="utf-8")
    return out
