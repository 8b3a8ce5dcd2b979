"""Reusable comparisons for ML answers.

Each ``expect_*`` function raises :class:`CheckFailed` with a message written for the learner:
what was expected, what was found, and where they differ. They return nothing on success.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


class CheckFailed(AssertionError):
    """A check found the answer wrong; the message is shown to the learner."""


class KnownMistake(CheckFailed):
    """A check recognised a specific mistake. Its message names it and is shown even when the
    check is hidden, so it must not reveal the check's inputs or expected values."""


def _describe(value: Any) -> str:
    if type(value).__name__.endswith("LearnerObject"):
        return f"{value.text}, which the grader cannot read as data"
    if type(value).__name__ == "LearnerFunction":
        return "a function"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if value is None:
        return "None (did the function forget to `return`?)"
    return f"{type(value).__name__} {_short(value)}"


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def expect_callable(value: Any, name: str) -> None:
    if not callable(value):
        raise CheckFailed(f"`{name}` should be a function, but it is {_describe(value)}.")


def expect_type(value: Any, types: type | tuple[type, ...], name: str) -> None:
    if not isinstance(value, types):
        wanted = types if isinstance(types, tuple) else (types,)
        names = " or ".join(t.__name__ for t in wanted)
        raise CheckFailed(f"`{name}` should be a {names}, but it is {_describe(value)}.")


def expect_number(value: Any, name: str) -> float:
    """Accept Python and NumPy scalars (and 1-element arrays); return the value as a float."""
    if isinstance(value, (bool, np.bool_)):
        raise CheckFailed(f"`{name}` should be a number, but it is a boolean ({value}).")
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.item()
    if not isinstance(value, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"`{name}` should be a number, but it is {_describe(value)}.")
    number = float(value)
    if not np.isfinite(number):
        raise CheckFailed(f"`{name}` is {number}; a finite number was expected.")
    return number


def expect_close(
    value: Any, expected: float, name: str, *, rtol: float = 1e-6, atol: float = 1e-8
) -> None:
    """A scalar within ``atol + rtol * |expected|`` of the expected value."""
    number = expect_number(value, name)
    if abs(number - expected) > atol + rtol * abs(expected):
        raise CheckFailed(
            f"`{name}` is {number:.6g}, but {expected:.6g} was expected "
            f"(difference {number - expected:+.3g}, tolerance {atol + rtol * abs(expected):.2g})."
        )


def expect_array(
    value: Any,
    expected: np.ndarray,
    name: str,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> None:
    """An array-like equal to ``expected`` in shape and, within tolerance, in every element."""
    expected = np.asarray(expected)
    if value is None or isinstance(value, (str, bytes, dict)):
        raise CheckFailed(f"`{name}` should be an array, but it is {_describe(value)}.")
    try:
        found = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(
            f"`{name}` should be an array of numbers, but it is {_describe(value)}."
        ) from None
    if found.shape != expected.shape:
        hint = ""
        if found.ndim == 2 and found.shape == expected.shape[::-1]:
            hint = " Transposed? Try `.T`."
        elif found.size == expected.size:
            hint = " Same number of elements: reshape or ravel it."
        elif (
            found.ndim == expected.ndim
            and found.shape[1:] == expected.shape[1:]
            and abs(found.shape[0] - expected.shape[0]) == 1
        ):
            hint = " One entry too many or too few: an intercept, or an off-by-one?"
        raise CheckFailed(
            f"`{name}` has shape {found.shape}, but shape {expected.shape} was expected.{hint}"
        )
    if not np.all(np.isfinite(found)):
        bad = int(np.sum(~np.isfinite(found)))
        raise CheckFailed(f"`{name}` contains {bad} NaN or infinite value(s).")
    close = np.isclose(found, expected, rtol=rtol, atol=atol)
    if not close.all():
        if found.ndim == 2 and found.shape[0] == found.shape[1] and found.shape[0] > 1:
            if np.allclose(found.T, expected, rtol=rtol, atol=atol):
                raise CheckFailed(f"`{name}` is the transpose of what was expected: try `.T`.")
        diff = np.abs(found - expected)
        worst = np.unravel_index(int(np.argmax(diff)), diff.shape)
        where = f"[{', '.join(str(int(i)) for i in worst)}]" if found.ndim else ""
        raise CheckFailed(
            f"`{name}` differs from the expected values in {int((~close).sum())} of "
            f"{close.size} element(s); the largest gap is at {name}{where}: "
            f"found {found[worst]:.6g}, expected {expected[worst]:.6g}."
        )


def expect_at_least(value: Any, threshold: float, name: str, what: str = "") -> None:
    number = expect_number(value, name)
    if number < threshold:
        suffix = f" {what}" if what else ""
        raise CheckFailed(f"`{name}` is {number:.4g}; it must be at least {threshold:.4g}{suffix}.")


def expect_equal(value: Any, expected: Any, name: str) -> None:
    if value != expected:
        raise CheckFailed(f"`{name}` is {_short(value)}, but {_short(expected)} was expected.")


def expect_fitted(model: Any, name: str) -> None:
    """A scikit-learn estimator that has been fitted."""
    from sklearn.base import BaseEstimator
    from sklearn.exceptions import NotFittedError
    from sklearn.utils.validation import check_is_fitted

    if not isinstance(model, BaseEstimator):
        raise CheckFailed(f"`{name}` should be a scikit-learn model, but it is {_describe(model)}.")
    try:
        check_is_fitted(model)
    except NotFittedError:
        raise CheckFailed(
            f"`{name}` is a {type(model).__name__} that has not been fitted: call `.fit(...)`."
        ) from None


def call_learner_function(func: Callable, name: str, *args: Any, **kwargs: Any) -> Any:
    """Call the learner's function; turn an exception into a readable check failure.

    The checks normally hold a stand-in (``curriculum.answers.standins``), whose failures are
    already check failures with the learner's message; a plain callable is called directly.
    """
    if type(func).__name__ == "LearnerFunction":
        return func(*args, **kwargs)
    try:
        return func(*args, **kwargs)
    except CheckFailed:
        raise
    except Exception as exc:  # the learner's code, any error is theirs to see
        raise CheckFailed(
            f"calling `{name}` raised {type(exc).__name__}: {_short(str(exc), 160)}"
        ) from None


def expect_only_numpy(func: Any, name: str, forbidden: tuple[str, ...] = ("sklearn",)) -> None:
    """The prompt says "NumPy only": the function's calls must not enter ``forbidden``."""
    used = sorted(set(getattr(func, "modules_used", ())) & set(forbidden))
    if used:
        libraries = {"sklearn": "scikit-learn", "scipy": "SciPy", "statsmodels": "statsmodels"}
        named = ", ".join(libraries.get(m, m) for m in used)
        raise KnownMistake(
            f"`{name}` calls {named}, but the prompt asks for NumPy only: "
            "build it from arrays and NumPy functions."
        )


def expect_inputs_unchanged(func: Any, name: str, arguments: tuple[str, ...]) -> None:
    """The function must not modify its inputs in place (``arguments`` names them in order)."""
    for key in sorted(getattr(func, "changed_inputs", ())):
        label = arguments[int(key)] if key.isdigit() and int(key) < len(arguments) else key
        raise KnownMistake(
            f"`{name}` changed its input `{label}` in place; work on a copy "
            "(for example `np.asarray(X, dtype=float)` or `X.copy()`)."
        )
