"""The question spec: one definition drives ``check()``, the autograder and CI.

A :class:`Question` names the variables it reads from the learner's namespace, its public and
hidden checks, tiered hints, the reference solution (code) and its points. An :class:`Exercise`
orders questions behind a setup cell, papermill parameters and shared context code.
"""

from __future__ import annotations

import contextlib
import io
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from curriculum.checks import CheckFailed
from curriculum.results import QuestionResult, Status
from curriculum.syllabus import Module

PLACEHOLDER_NAME = "____"


class Blank:
    """The value of ``____`` in an answer cell the learner has not filled in yet."""

    def __repr__(self) -> str:
        return PLACEHOLDER_NAME


BLANK = Blank()


def _code_mentions_placeholder(code: types.CodeType) -> bool:
    if PLACEHOLDER_NAME in code.co_names:
        return True
    return any(
        isinstance(const, types.CodeType) and _code_mentions_placeholder(const)
        for const in code.co_consts
    )


def is_placeholder(value: Any) -> bool:
    """True for ``____`` itself, or a function whose body still contains ``____``."""
    if isinstance(value, Blank) or type(value).__name__ == "Blank":
        return True
    code = getattr(value, "__code__", None)
    return isinstance(code, types.CodeType) and _code_mentions_placeholder(code)


CheckFunction = Callable[[Mapping[str, Any], Mapping[str, Any]], None]


@dataclass(frozen=True)
class Check:
    """One assertion about an answer. ``run(answers, params)`` raises CheckFailed if wrong."""

    description: str
    run: CheckFunction
    hidden: bool = False


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
    ) -> QuestionResult:
        """Run the checks against the learner's names; never raises for a wrong answer."""
        found = {name: namespace[name] for name in self.reads if name in namespace}
        blank = [n for n in self.reads if n not in found or is_placeholder(found[n])]
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
        for number, check in enumerate(checks, start=1):
            try:
                check.run(found, params)
            except CheckFailed as failure:
                if check.hidden:
                    return self.result_with(
                        Status.FAILED,
                        0.0,
                        "passes the public checks but fails a hidden check: "
                        "test your answer on other inputs.",
                    )
                return self.result_with(Status.FAILED, 0.0, str(failure))
            except Exception as exc:  # a check that crashed on odd input is a wrong answer
                reason = f"{type(exc).__name__}: {exc}"
                if check.hidden:
                    reason = f"{type(exc).__name__} in a hidden check"
                return self.result_with(
                    Status.FAILED,
                    0.0,
                    f"check {number} ({'hidden' if check.hidden else check.description}) "
                    f"could not run on your answer: {reason[:200]}",
                )
        return self.result_with(Status.PASSED, self.points, "all checks passed")

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
