"""The learner's path as a terminal table (rich) and as a page that opens from disk."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from curriculum.workspace.progress import ModuleProgress, next_module

STATE_STYLE = {
    "passed": ("green", "#1a7f37"),
    "in progress": ("yellow", "#bf8700"),
    "not started": ("white", "#57606a"),
    "not available yet": ("bright_black", "#d0d7de"),
}


def _score(row: ModuleProgress) -> str:
    if row.score is None:
        return "–"
    percent = 100 * row.score / row.max_score if row.max_score else 0.0
    return f"{row.score:g}/{row.max_score:g} ({percent:.0f}%)"


def _checks(row: ModuleProgress) -> str:
    return f"{row.checks_passed}/{row.questions}" if row.questions else "–"


def _yes(flag: bool) -> str:
    return "yes" if flag else "–"


def next_step_text(rows: Sequence[ModuleProgress]) -> str:
    upcoming = next_module(rows)
    if upcoming is None:
        if any(r.available for r in rows) and all(r.passed for r in rows if r.available):
            return "every available module is passed: well done"
        return "nothing to do yet: no module is available"
    return f"next: {upcoming.id} {upcoming.title} (notebooks/{upcoming.stem}.ipynb)"


def progress_table(rows: Sequence[ModuleProgress]) -> Table:
    upcoming = next_module(rows)
    table = Table(title="Your path", title_justify="left")
    for heading in (
        "",
        "module",
        "lesson opened",
        "exercise attempted",
        "checks passed",
        "grade",
        "state",
    ):
        table.add_column(heading, no_wrap=heading != "module")
    for row in rows:
        colour, _ = STATE_STYLE[row.state]
        marker = "→" if upcoming is not None and row.id == upcoming.id else ""
        table.add_row(
            marker,
            f"{row.id} {row.title}",
            _yes(row.lesson_opened),
            _yes(row.exercise_attempted),
            _checks(row),
            _score(row),
            f"[{colour}]{row.state}[/{colour}]",
        )
    return table


def plain_progress(rows: Sequence[ModuleProgress]) -> str:
    """The same table as aligned plain text, for pipes, files and logs."""
    upcoming = next_module(rows)
    header = ("", "module", "lesson", "exercise", "checks", "grade", "state")
    lines = [header] + [
        (
            "->" if upcoming is not None and row.id == upcoming.id else "",
            f"{row.id} {row.title}",
            "opened" if row.lesson_opened else "-",
            "attempted" if row.exercise_attempted else "-",
            _checks(row).replace("–", "-"),
            _score(row).replace("–", "-"),
            row.state,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=False))
        + "  "
        + line[-1]
        for line in lines
    ]
    return "\n".join(t.rstrip() for t in text) + "\n" + next_step_text(rows)


def print_progress(rows: Sequence[ModuleProgress], console: Console | None = None) -> None:
    """The table, then what to do next; plain text when not on a terminal."""
    console = console or Console()
    if console.is_terminal:
        console.print(progress_table(rows))
        console.print(next_step_text(rows))
    else:
        print(plain_progress(rows))


def progress_json(rows: Sequence[ModuleProgress]) -> str:
    upcoming = next_module(rows)
    return json.dumps(
        {
            "modules": [row.to_dict() for row in rows],
            "next": upcoming.id if upcoming else None,
        },
        indent=2,
    )


def _path_svg(rows: Sequence[ModuleProgress]) -> str:
    """The modules as a timeline: a node per module coloured by state, a bar for its grade."""
    step, left, width = 52, 30, 52 * len(rows) + 40
    upcoming = next_module(rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 190" width="100%" '
        f'role="img" aria-label="The path: each module coloured by its state">',
        f'<line x1="{left}" y1="60" x2="{left + step * (len(rows) - 1)}" y2="60" '
        'stroke="#d0d7de" stroke-width="4"/>',
        '<text x="4" y="150" font-size="11" fill="#57606a">grade</text>',
    ]
    for index, row in enumerate(rows):
        x = left + step * index
        _, colour = STATE_STYLE[row.state]
        ring = (
            f'<circle cx="{x}" cy="60" r="21" fill="none" stroke="#0969da" stroke-width="3"/>'
            if upcoming is not None and row.id == upcoming.id
            else ""
        )
        title = html.escape(f"{row.id} {row.title}: {row.state}, grade {_score(row)}")
        parts.append(
            f"<g><title>{title}</title>{ring}"
            f'<circle cx="{x}" cy="60" r="16" fill="{colour}"/>'
            f'<text x="{x}" y="64" font-size="11" text-anchor="middle" fill="white" '
            f'font-weight="bold">{row.id}</text></g>'
        )
        fraction = (row.score / row.max_score) if row.score is not None and row.max_score else 0
        height = 50 * fraction
        parts.append(
            f'<rect x="{x - 9}" y="{170 - 50}" width="18" height="50" fill="#f6f8fa" '
            'stroke="#d0d7de"/>'
            f'<rect x="{x - 9}" y="{170 - height:.1f}" width="18" height="{height:.1f}" '
            f'fill="{colour}"><title>{title}</title></rect>'
        )
    parts.append("</svg>")
    return "".join(parts)


def progress_html(rows: Sequence[ModuleProgress]) -> str:
    """A self-contained page: the path chart, a legend, the table and the next step."""
    legend = "".join(
        f'<span class="key"><span class="dot" style="background:{colour}"></span>'
        f"{html.escape(state)}</span>"
        for state, (_, colour) in STATE_STYLE.items()
    )
    upcoming = next_module(rows)
    body_rows = "".join(
        "<tr{cls}><td>{id}</td><td>{title}</td><td>{lesson}</td><td>{exercise}</td>"
        "<td>{checks}</td><td>{grade}</td><td>{state}</td></tr>".format(
            cls=' class="next"' if upcoming is not None and row.id == upcoming.id else "",
            id=row.id,
            title=html.escape(row.title),
            lesson=_yes(row.lesson_opened),
            exercise=_yes(row.exercise_attempted),
            checks=_checks(row),
            grade=html.escape(_score(row)),
            state=html.escape(row.state),
        )
        for row in rows
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Your path through the curriculum</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #1f2328; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 1em; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }}
tr.next td {{ background: #ddf4ff; font-weight: 600; }}
.key {{ margin-right: 1.5em; font-size: 0.9em; }}
.dot {{ display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%;
        margin-right: 0.3em; vertical-align: middle; }}
</style></head><body>
<h1>Your path through the curriculum</h1>
<p id="next">{html.escape(next_step_text(rows))}</p>
<figure>{_path_svg(rows)}
<figcaption>Each circle is a module in the order of the path, coloured by where you stand; the
ringed one is next. The bar under it is your latest grade (<code>curriculum grade</code>) as a
share of the points.</figcaption></figure>
<p>{legend}</p>
<table><thead><tr><th>id</th><th>module</th><th>lesson opened</th><th>exercise attempted</th>
<th>checks passed</th><th>grade</th><th>state</th></tr></thead><tbody>{body_rows}</tbody></table>
<p><small>Written {time.strftime("%Y-%m-%d %H:%M")} by <code>curriculum progress --html</code>.
A module is passed when its latest grade reaches 80 % of its points.</small></p>
</body></html>
"""
