"""The learner's side: ``q1.check()``, ``q1.hint(2)``, ``q1.solution()`` inside a notebook."""

from __future__ import annotations

import html
from collections.abc import MutableMapping
from typing import Any

from curriculum.exercises import load_exercise
from curriculum.questions import BLANK, QUESTION_TIME_LIMIT, Question
from curriculum.results import QuestionResult, Status

____ = BLANK  # the placeholder learners replace in answer cells

_COLOURS = {
    Status.PASSED: ("#1a7f37", "#e6f4ea", "✓"),
    Status.FAILED: ("#b3261e", "#fce8e6", "✗"),
    Status.NOT_ATTEMPTED: ("#5f6368", "#f1f3f4", "…"),
    Status.ERROR: ("#b3261e", "#fce8e6", "!"),
    Status.TIMEOUT: ("#b3261e", "#fce8e6", "⏱"),
}


class Feedback:
    """What ``check``/``hint``/``solution`` return: renders as HTML in Jupyter, text elsewhere."""

    def __init__(self, title: str, body: str, status: Status | None = None, code: bool = False):
        self.title = title
        self.body = body
        self.status = status
        self.code = code

    def __repr__(self) -> str:
        return f"{self.title}\n{self.body}" if self.body else self.title

    def _repr_html_(self) -> str:
        colour, background, _ = _COLOURS.get(self.status, ("#1a73e8", "#e8f0fe", ""))
        body = html.escape(self.body)
        body_html = (
            f"<pre style='margin:4px 0 0 0;white-space:pre-wrap'>{body}</pre>"
            if self.code
            else f"<div style='margin-top:2px'>{body}</div>"
            if body
            else ""
        )
        return (
            f"<div style='border-left:4px solid {colour};background:{background};"
            f"padding:6px 10px;margin:2px 0;font-family:sans-serif'>"
            f"<strong style='color:{colour}'>{html.escape(self.title)}</strong>{body_html}</div>"
        )


class QuestionHandle:
    """One question bound to the notebook's namespace."""

    def __init__(
        self,
        question: Question,
        namespace: MutableMapping[str, Any],
        params: dict,
        time_limit: float = QUESTION_TIME_LIMIT,
    ):
        self._question = question
        self._namespace = namespace
        self._defaults = params
        self.time_limit = time_limit  # seconds your code may run while the checks call it

    @property
    def id(self) -> str:
        return self._question.id

    def _params(self) -> dict[str, Any]:
        return {k: self._namespace.get(k, v) for k, v in self._defaults.items()}

    def result(self) -> QuestionResult:
        return self._question.evaluate(
            self._namespace, self._params(), include_hidden=False, time_limit=self.time_limit
        )

    def check(self) -> Feedback:
        """Run the public checks on your answer."""
        from curriculum.workspace.progress import record_check

        result = self.result()
        exercise = self._question.exercise
        if exercise is not None:
            record_check(exercise.name, result)  # your progress, when in a workspace
        _, _, mark = _COLOURS[result.status]
        if result.status == Status.PASSED:
            title = f"{mark} {self.id} passed the public checks"
            body = "The grader also runs hidden checks on the same idea."
        elif result.status == Status.NOT_ATTEMPTED:
            title = f"{mark} {self.id}: not attempted yet"
            body = "Replace ____ in the answer cell above, run it, then run this cell again."
        elif result.status == Status.TIMEOUT:
            title = f"{mark} {self.id}: timeout"
            body = result.message
        else:
            title = f"{mark} {self.id}: not yet"
            body = result.message
        return Feedback(title, body, result.status)

    def hint(self, level: int = 1) -> Feedback:
        """A hint; ``hint(2)`` is more explicit than ``hint(1)``."""
        hints = self._question.hints
        if not isinstance(level, int) or not 1 <= level <= len(hints):
            choices = ", ".join(f"hint({n})" for n in range(1, len(hints) + 1))
            return Feedback(f"{self.id} has {len(hints)} hints", f"Ask for one of them: {choices}.")
        more = f" (hint({level + 1}) says more)" if level < len(hints) else ""
        return Feedback(f"Hint {level} for {self.id}{more}", hints[level - 1])

    def solution(self) -> Feedback:
        """The reference solution."""
        return Feedback(f"Solution for {self.id}", self._question.solution.strip(), code=True)

    def __repr__(self) -> str:
        points = self._question.points
        return f"<{self.id}: {self._question.title} ({points:g} point{'' if points == 1 else 's'})>"


def bind_questions(exercise: str, namespace: MutableMapping[str, Any]) -> list[QuestionHandle]:
    """Handles for every question of ``exercise``, reading answers from ``namespace``."""
    spec = load_exercise(exercise)
    namespace.setdefault("____", BLANK)
    params = dict(spec.parameters)
    return [QuestionHandle(q, namespace, params) for q in spec.questions]


def start_timer(exercise: str, minutes: float = 45) -> Feedback:
    """Begin a timed practice of ``exercise``: ``curriculum grade`` of a notebook in this folder
    then reports how long you took (kept in the workspace, or in the user's state folder)."""
    from curriculum.workspace.progress import record_timer_start

    stored = record_timer_start(exercise, minutes)
    where = " `curriculum grade` will report your time." if stored else ""
    return Feedback(f"Timer started: {minutes:g} minutes", f"Good luck.{where}")
