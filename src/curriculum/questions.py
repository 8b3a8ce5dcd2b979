"""The question spec: one definition drives ``check()``, the autograder and CI.

A :class:`Question` names the variables it reads from the learner's namespace, its public and
hidden checks, tiered hints, the reference solution (code) and its points. An :class:`Exercise`
orders questions behind a setup cell, papermill parameters and shared context code.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from curriculum.answers.learner_side import is_placeholder  # noqa: F401 - part of the spec API
from curriculum.answers.standins import Answers, LearnerCallFailed, local_answers
from curriculum.checks import CheckFailed, KnownMistake
from curriculum.results import QuestionResult, Status
from curriculum.syllabus import Module

PLACEHOLDER_NAME = "____"
QUESTION_TIME_LIMIT = 10.0  # seconds of learner calls per question, in check() and the grader


class Blank:
    """The value of ``____`` in an answer cell the learner has not filled in yet."""

    def __repr__(self) -> str:
        return PLACEHOLDER_NAME


BLANK = Blank()


CheckFunction = Callable[[Mapping[str, Any], Mapping[str, Any]], None]


@dataclass(frozen=True)
class Check:
    """One assertion about an answer. ``run(answers, params)`` raises CheckFailed if wrong."""

    description: str
    run: CheckFunction
    hidden: bool = False


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``code`` is the wrong variant of the solution (it defines the
    question's names) and ``message`` names the mistake when the learner's answer behaves
    like it."""

    message: str
    code: str


@dataclass(frozen=True)
class Question:
    id: str
    title: str
    points: float
    prompt: str
    reads: tuple[str, ...]
    template: str
    solution: str
    hints: tuple[str, ...]
    checks: tuple[Check, ...]
    mistakes: tuple[Mistake, ...] = ()
    # set by the Exercise that holds the question: what mistakes are replayed against
    exercise: Exercise | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.hints) < 2:
            raise ValueError(f"question {self.id} needs at least two hint levels")
        if not any(c.hidden for c in self.checks) or all(c.hidden for c in self.checks):
            raise ValueError(f"question {self.id} needs public and hidden checks")

    @property
    def public_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.hidden)

    @property
    def hidden_checks(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.hidden)

    def evaluate(
        self,
        namespace: Mapping[str, Any],
        params: Mapping[str, Any],
        *,
        include_hidden: bool,
        time_limit: float = QUESTION_TIME_LIMIT,
    ) -> QuestionResult:
        """Check the learner's names in this process (``check()``, tests): learner code runs
        here, under ``time_limit``, but the checks see it exactly as the grader would."""
        answers = local_answers(namespace, self.reads, time_limit)
        return self.evaluate_answers(answers, params, include_hidden=include_hidden)

    def evaluate_answers(
        self, answers: Answers, params: Mapping[str, Any], *, include_hidden: bool
    ) -> QuestionResult:
        """Run the checks on answers (data and stand-ins); never raises for a wrong answer."""
        if answers.problems:
            return self.result_with(Status.ERROR, 0.0, next(iter(answers.problems.values())))
        blank = [n for n in self.reads if n in answers.blank or n not in answers.values]
        if len(blank) == len(self.reads):
            return self.result_with(Status.NOT_ATTEMPTED, 0.0, "not attempted yet")
        if blank:
            listed = ", ".join(f"`{n}`" for n in blank)
            return self.result_with(
                Status.FAILED,
                0.0,
                f"{listed} still undefined or left as ____: fill in and run the answer cell.",
            )
        checks = self.checks if include_hidden else self.public_checks
        for check in checks:
            for function in answers.functions():
                function.start_recording()
            try:
                check.run(answers.values, params)
            except LearnerCallFailed as failure:
                if failure.status != Status.FAILED:
                    return self.result_with(failure.status, 0.0, str(failure))
                return self._failed(check, failure, answers, params)
            except CheckFailed as failure:
                return self._failed(check, failure, answers, params)
            except Exception as exc:  # a check that crashed on odd input is a wrong answer
                reason = f"{type(exc).__name__}: {exc}"[:200]
                where = (
                    f"a hidden check ({check.description})"
                    if check.hidden
                    else (f"the check '{check.description}'")
                )
                if check.hidden:
                    reason = type(exc).__name__
                return self.result_with(
                    Status.FAILED, 0.0, f"{where} could not run on your answer: {reason}"
                )
        return self.result_with(Status.PASSED, self.points, "all checks passed")

    def _failed(
        self, check: Check, failure: CheckFailed, answers: Answers, params: Mapping[str, Any]
    ) -> QuestionResult:
        """The message for a failed check: the mistake it shows, if we know it."""
        from curriculum.mistakes import find_mistake

        named: str | None = str(failure) if isinstance(failure, KnownMistake) else None
        if named is None and self.exercise is not None:
            mistake = find_mistake(self.exercise, self, answers, params)
            named = mistake.message if mistake else None
        if check.hidden:
            where = f"fails a hidden check: {check.description}"
            message = f"{named} ({where})" if named else f"{where}."
        elif named and not isinstance(failure, KnownMistake):
            message = f"{named}\n({failure})"
        else:
            message = named or str(failure)
        return self.result_with(Status.FAILED, 0.0, message)

    def result_with(self, status: Status, points: float, message: str) -> QuestionResult:
        return QuestionResult(
            id=self.id,
            points=points,
            max_points=self.points,
            status=status,
            message=message,
        )


@dataclass(frozen=True)
class Exercise:
    """An exercise notebook: intro, setup imports, parameters, context code and questions."""

    module: Module
    intro: str
    imports: str
    parameters: Mapping[str, Any]
    context: str
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"exercise {self.module.stem} has duplicate question ids")
        for question in self.questions:
            object.__setattr__(question, "exercise", self)

    @property
    def name(self) -> str:
        return self.module.stem

    @property
    def max_score(self) -> float:
        return float(sum(q.points for q in self.questions))

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"exercise {self.name} has no question {question_id!r}")

    @property
    def reads(self) -> tuple[str, ...]:
        names: list[str] = []
        for question in self.questions:
            names.extend(n for n in question.reads if n not in names)
        return tuple(names)

    def run_context(self, **params: Any) -> dict[str, Any]:
        """Execute imports, parameters and context in a fresh namespace (for tests and checks)."""
        namespace: dict[str, Any] = {"__name__": "__main__", PLACEHOLDER_NAME: BLANK}
        exec(compile(self.imports, f"<{self.name} imports>", "exec"), namespace)
        namespace.update(self.parameters)
        namespace.update(params)
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(self.context, f"<{self.name} context>", "exec"), namespace)
        return namespace

    def run_solutions(self, **params: Any) -> dict[str, Any]:
        """The namespace after every reference solution ran, as in a completed key."""
        namespace = self.run_context(**params)
        for question in self.questions:
            exec(compile(question.solution, f"<{self.name} {question.id}>", "exec"), namespace)
        return namespace

    def params(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        merged = dict(self.parameters)
        merged.update(overrides or {})
        return merged
