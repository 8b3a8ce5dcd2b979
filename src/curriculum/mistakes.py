"""Naming the learner's mistake: compare a failing answer with the question's known mistakes.

A :class:`~curriculum.questions.Mistake` is a wrong variant of the reference solution. When a
check fails, each variant is run on exactly what the check gave the learner's code (the
recorded calls of each learner function) or compared with the learner's value directly. The
learner made that mistake if their answer behaves like the variant everywhere, and the variant
behaves differently from the reference somewhere (so a variant that happens to agree with the
right answer on these inputs names nothing). Only our own code runs here: the variants and the
reference, never the learner's.
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from curriculum.answers import learner_side
from curriculum.answers.standins import Answers, LearnerFunction, LearnerObject, RecordedCall

if TYPE_CHECKING:
    from curriculum.questions import Exercise, Mistake, Question


def alike(a: Any, b: Any, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """Whether two results are the same for the learner's purposes (numbers within tolerance)."""
    from sklearn.base import BaseEstimator

    if isinstance(a, BaseEstimator) or isinstance(b, BaseEstimator):
        return type(a) is type(b) and alike(_fitted_state(a), _fitted_state(b), rtol, atol)
    if _is_pandas(a) or _is_pandas(b):
        return _alike_pandas(a, b, rtol, atol)
    if isinstance(a, dict) or isinstance(b, dict):
        if not (isinstance(a, dict) and isinstance(b, dict)) or set(a) != set(b):
            return False
        return all(alike(a[k], b[k], rtol, atol) for k in a)
    if isinstance(a, (str, bytes)) or isinstance(b, (str, bytes)):
        return type(a) is type(b) and a == b
    numeric = _as_numbers(a), _as_numbers(b)
    if numeric[0] is not None and numeric[1] is not None:
        x, y = numeric
        return x.shape == y.shape and bool(np.allclose(x, y, rtol=rtol, atol=atol, equal_nan=True))
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):  # text labels, e.g. classes_
        return a.dtype.kind == b.dtype.kind and bool(np.array_equal(a, b))
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(alike(p, q, rtol, atol) for p, q in zip(a, b, strict=True))
    try:
        return bool(a == b)
    except Exception:
        return False


def _is_pandas(value: Any) -> bool:
    import pandas as pd

    return isinstance(value, (pd.DataFrame, pd.Series, pd.Index))


def _alike_pandas(a: Any, b: Any, rtol: float, atol: float) -> bool:
    """Same kind, labels and values (numbers within tolerance, text exactly)."""
    import pandas as pd

    if type(a) is not type(b):
        return False
    tolerance = {"check_exact": False, "rtol": rtol, "atol": atol}
    try:
        if isinstance(a, pd.DataFrame):
            pd.testing.assert_frame_equal(a, b, check_dtype=False, **tolerance)
        elif isinstance(a, pd.Series):
            pd.testing.assert_series_equal(a, b, check_dtype=False, **tolerance)
        else:
            pd.testing.assert_index_equal(a, b, exact=False, **tolerance)
    except (AssertionError, TypeError, ValueError):
        return False
    return True


def _as_numbers(value: Any) -> np.ndarray | None:
    if value is None or isinstance(value, (str, bytes, dict)):
        return None
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return array


def _fitted_state(estimator: Any) -> dict[str, Any]:
    steps = getattr(estimator, "steps", None)
    if isinstance(steps, list):
        return {f"step{i}": step for i, (_, step) in enumerate(steps)}
    return {
        key: value
        for key, value in vars(estimator).items()
        if key.endswith("_") and not key.startswith("_")
    }


_VARIANTS: dict[tuple, Mapping[str, Any]] = {}


def _variant_namespace(
    exercise: Exercise, question_id: str, code: str, params: tuple
) -> Mapping[str, Any]:
    """The exercise's context with ``code`` run: each question's variants stand on their own."""
    key = (exercise.name, question_id, code, params)
    if key not in _VARIANTS:
        if len(_VARIANTS) > 64:
            _VARIANTS.clear()
        _VARIANTS[key] = _run_variant(exercise, question_id, code, params)
    return _VARIANTS[key]


_CONTEXTS: dict[tuple, dict[str, Any]] = {}


def _run_variant(exercise: Exercise, question_id: str, code: str, params: tuple) -> dict:
    """The exercise's context (built once per parameters) with ``code`` run on a copy of it."""
    key = (exercise.name, params)
    if key not in _CONTEXTS:
        _CONTEXTS.clear()
        _CONTEXTS[key] = exercise.run_context(**dict(params))
    namespace = {
        name: copy.deepcopy(value) if isinstance(value, (np.ndarray, list, dict)) else value
        for name, value in _CONTEXTS[key].items()
        if name != "__builtins__"
    }
    with _quietly():
        exec(compile(code, f"<{question_id} variant>", "exec"), namespace)
    return namespace


@contextlib.contextmanager
def _quietly():
    """Replaying a wrong variant may print, warn or overflow: none of it is the learner's."""
    import warnings

    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
        warnings.catch_warnings(),
        np.errstate(all="ignore"),
    ):
        warnings.simplefilter("ignore")
        yield


def _outcome(func: Callable, call: RecordedCall) -> tuple:
    try:
        with _quietly():
            value = func(*copy.deepcopy(call.args), **copy.deepcopy(call.kwargs))
    except Exception as exc:
        return ("raise", type(exc).__name__, learner_side.error_text(exc))
    return ("return", value)


def _same_outcome(a: tuple, b: tuple) -> bool:
    """Same value, or the same error with the same message (an error's type alone says little:
    a learner's own ``raise ValueError(...)`` is not the variant's ValueError)."""
    if a[0] != b[0]:
        return False
    return a[1:] == b[1:] if a[0] == "raise" else alike(a[1], b[1])


def _comparisons(
    answers: Answers, names: tuple[str, ...], variant: Mapping[str, Any]
) -> list[tuple[Any, Any]] | None:
    """Pairs (learner's outcome, variant's outcome) to compare; None if nothing comparable."""
    pairs: list[tuple[Any, Any]] = []
    for name in names:
        if name not in answers.values or name not in variant:
            continue
        learner, wrong = answers.values[name], variant[name]
        if isinstance(learner, LearnerFunction):
            if not callable(wrong) or not learner.calls:
                continue
            pairs.extend((call.outcome, _outcome(wrong, call)) for call in learner.calls)
        elif not isinstance(learner, LearnerObject):
            pairs.append((("return", learner), ("return", wrong)))
    return pairs or None


def find_mistake(
    exercise: Exercise, question: Question, answers: Answers, params: Mapping[str, Any]
) -> Mistake | None:
    """The first known mistake of ``question`` that the failing ``answers`` behave like."""
    if not question.mistakes:
        return None
    frozen = tuple(sorted((k, v) for k, v in params.items() if isinstance(v, (int, float, str))))
    try:
        reference = _variant_namespace(exercise, question.id, question.solution, frozen)
    except Exception:  # a reference that needs an earlier question's names: name nothing
        return None
    for mistake in question.mistakes:
        try:
            variant = _variant_namespace(exercise, question.id, mistake.code, frozen)
            pairs = _comparisons(answers, question.reads, variant)
            if not pairs or not all(_same_outcome(mine, theirs) for mine, theirs in pairs):
                continue
            if _differs_from_reference(answers, question, variant, reference):
                return mistake
        except Exception:  # a variant that cannot run on these inputs names nothing
            continue
    return None


def _differs_from_reference(
    answers: Answers,
    question: Question,
    variant: Mapping[str, Any],
    reference: Mapping[str, Any],
) -> bool:
    for name in question.reads:
        if name not in variant or name not in reference:
            continue
        learner = answers.values.get(name)
        if isinstance(learner, LearnerFunction):
            for call in learner.calls:
                if not _same_outcome(
                    _outcome(variant[name], call), _outcome(reference[name], call)
                ):
                    return True
        elif not alike(variant[name], reference[name]):
            return True
    return False
