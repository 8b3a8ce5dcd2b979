"""Exercise 07: linear regression — OLS and gradient descent by hand, then scikit-learn."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_array,
    expect_at_least,
    expect_callable,
    expect_close,
    expect_equal,
    expect_fitted,
    expect_inputs_unchanged,
    expect_only_numpy,
    expect_type,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 07 — Linear regression

Six questions, from building ordinary least squares by hand to choosing a regularised model.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/07_linear_regression.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_diabetes, make_regression
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# The diabetes data: 442 patients, 10 measurements (each column mean-centred and scaled to unit
# Euclidean length), and disease progression after a year.
diabetes = load_diabetes()
X, y = diabetes.data, diabetes.target
feature_names = list(diabetes.feature_names)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=seed)

# A synthetic problem with many features but only a few that matter (used in q5).
Xs, ys = make_regression(
    n_samples=160, n_features=100, n_informative=5, noise=10.0, random_state=seed
)
Xs_train, Xs_test, ys_train, ys_test = train_test_split(
    Xs, ys, test_size=0.5, random_state=seed
)
print(f"diabetes: {len(X_train)} train / {len(X_test)} test rows, {X.shape[1]} features")
print(f"synthetic: {len(Xs_train)} train / {len(Xs_test)} test rows, {Xs.shape[1]} features")"""

STEPS_TO_CONVERGE = (
    20  # at lr=0.4 the reference is within 5e-6 of OLS after 15 steps, 1e-7 after 20
)
CONVERGE_LR = 0.4
RIDGE_ALPHAS = (0.1, 1.0, 10.0, 100.0, 1000.0)
Q5_TARGET_R2 = 0.92


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _random_problem(seed: int, n: int, p: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    w = np.concatenate([[rng.normal(3.0, 1.0)], rng.normal(size=p)])
    y = w[0] + X @ w[1:] + rng.normal(scale=0.1, size=n)
    return X, y, w


def _reference_ols(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    design = np.column_stack([np.ones(len(X)), X])
    return np.linalg.lstsq(design, y, rcond=None)[0]


# q1: OLS from the normal equations ------------------------------------------------------------


def _q1_small_problem(answers: Answers, params: Params) -> None:
    ols_fit = answers["ols_fit"]
    expect_callable(ols_fit, "ols_fit")
    X, y, _ = _random_problem(1, n=30, p=2)
    expected = _reference_ols(X, y)
    found = call_learner_function(ols_fit, "ols_fit", X.copy(), y.copy())
    expect_array(found, expected, "ols_fit(X, y)", rtol=1e-6, atol=1e-6)
    expect_only_numpy(ols_fit, "ols_fit")
    expect_inputs_unchanged(ols_fit, "ols_fit", ("X", "y"))


def _q1_diabetes(answers: Answers, params: Params) -> None:
    data = _data(params)
    X, y = data["X_train"], data["y_train"]
    found = call_learner_function(answers["ols_fit"], "ols_fit", X.copy(), y.copy())
    expect_array(found, _reference_ols(X, y), "ols_fit(X_train, y_train)", rtol=1e-5, atol=1e-4)


def _q1_other_shapes(answers: Answers, params: Params) -> None:
    for seed, n, p in [(11, 50, 5), (12, 8, 1), (13, 200, 12)]:
        X, y, _ = _random_problem(seed, n, p)
        found = call_learner_function(answers["ols_fit"], "ols_fit", X, y)
        expect_array(found, _reference_ols(X, y), "ols_fit(X, y)", rtol=1e-5, atol=1e-6)
    expect_inputs_unchanged(answers["ols_fit"], "ols_fit", ("X", "y"))


Q1 = Question(
    id="q1",
    title="OLS from the normal equations",
    points=2,
    prompt="""\
## q1 — Ordinary least squares by hand (2 points)

Write `ols_fit(X, y)` that returns the least-squares coefficients as one NumPy array
`[b, w_1, ..., w_p]`: the intercept first, then one weight per column of `X`.

Add a column of ones to `X` to carry the intercept, then solve the normal equations
$$(\\tilde X^\\top \\tilde X)\\,\\theta = \\tilde X^\\top y .$$
Use NumPy only (no scikit-learn), and do not modify `X`.""",
    reads=("ols_fit",),
    template='''\
def ols_fit(X, y):
    """Return [intercept, w_1, ..., w_p] minimising the squared error."""
    return ____''',
    solution='''\
def ols_fit(X, y):
    """Return [intercept, w_1, ..., w_p] minimising the squared error."""
    X = np.asarray(X, dtype=float)
    design = np.column_stack([np.ones(len(X)), X])
    return np.linalg.solve(design.T @ design, design.T @ np.asarray(y, dtype=float))''',
    mistakes=(
        Mistake(
            "You left out the intercept: put a column of ones in front of X "
            "(`np.column_stack([np.ones(len(X)), X])`) so the answer starts with b.",
            "def ols_fit(X, y):\n    return np.linalg.solve(X.T @ X, X.T @ y)",
        ),
        Mistake(
            "The intercept must come first: put the column of ones before X's columns, "
            "not after them.",
            "def ols_fit(X, y):\n"
            "    D = np.column_stack([X, np.ones(len(X))])\n"
            "    return np.linalg.solve(D.T @ D, D.T @ y)",
        ),
        Mistake(
            "calls scikit-learn, but the prompt asks for NumPy only",
            "from sklearn.linear_model import LinearRegression\n\n"
            "def ols_fit(X, y):\n"
            "    m = LinearRegression().fit(X, y)\n"
            "    return np.concatenate([[m.intercept_], m.coef_])",
        ),
        Mistake(
            "changed its input `X` in place",
            "def ols_fit(X, y):\n"
            "    D = np.column_stack([np.ones(len(X)), X])\n"
            "    X[:] = 0\n"
            "    return np.linalg.solve(D.T @ D, D.T @ y)",
        ),
        Mistake(
            "`np.linalg.solve(D, y)` needs a square matrix: solve the normal equations "
            "`(D.T @ D) θ = D.T @ y` instead.",
            "def ols_fit(X, y):\n"
            "    D = np.column_stack([np.ones(len(X)), X])\n"
            "    return np.linalg.solve(D, y)",
        ),
    ),
    hints=(
        "`np.column_stack([np.ones(len(X)), X])` gives the design matrix with an intercept column.",
        "With `D` that matrix, the answer is `np.linalg.solve(D.T @ D, D.T @ y)`; "
        "`solve` is more accurate than forming the inverse.",
    ),
    checks=(
        Check("matches least squares on a small problem", _q1_small_problem),
        Check("matches least squares on the diabetes training data", _q1_diabetes),
        Check("works for other shapes and leaves X alone", _q1_other_shapes, hidden=True),
    ),
)


# q2: one gradient-descent step -----------------------------------------------------------------


def _reference_step(X, y, w, b, lr):
    residual = X @ w + b - y
    n = len(y)
    return w - lr * (2 / n) * (X.T @ residual), b - lr * (2 / n) * residual.sum()


def _q2_check_step(answers: Answers, seed: int, n: int, p: int) -> None:
    step = answers["gradient_step"]
    expect_callable(step, "gradient_step")
    X, y, _ = _random_problem(seed, n, p)
    rng = np.random.default_rng(seed + 100)
    w, b = rng.normal(size=p), float(rng.normal())
    found = call_learner_function(step, "gradient_step", X, y, w.copy(), b, 0.05)
    if not isinstance(found, tuple) or len(found) != 2:
        raise CheckFailed(
            f"`gradient_step` should return a pair `(w_new, b_new)`, but it returned "
            f"{type(found).__name__}{'' if not isinstance(found, tuple) else f' of {len(found)}'}."
        )
    w_expected, b_expected = _reference_step(X, y, w, b, 0.05)
    expect_array(found[0], w_expected, "w_new", rtol=1e-6, atol=1e-8)
    expect_close(found[1], b_expected, "b_new", rtol=1e-6, atol=1e-8)


def _q2_small(answers: Answers, params: Params) -> None:
    _q2_check_step(answers, seed=3, n=20, p=3)


def _q2_converges(answers: Answers, params: Params) -> None:
    _q2_check_step(answers, seed=21, n=60, p=4)
    X, y, _ = _random_problem(22, n=100, p=3)
    w, b = np.zeros(3), 0.0
    for _ in range(STEPS_TO_CONVERGE):
        w, b = call_learner_function(
            answers["gradient_step"], "gradient_step", X, y, w, b, CONVERGE_LR
        )
    expected = _reference_ols(X, y)
    expect_array(
        np.concatenate([[b], w]), expected, f"[b, w] after {STEPS_TO_CONVERGE} steps", atol=1e-3
    )


Q2 = Question(
    id="q2",
    title="One gradient-descent step",
    points=2,
    prompt="""\
## q2 — A gradient-descent step (2 points)

For predictions $\\hat y = Xw + b$ and the mean squared error
$L(w, b) = \\frac{1}{n}\\sum_i (\\hat y_i - y_i)^2$, the gradients are
$$\\nabla_w L = \\frac{2}{n} X^\\top(\\hat y - y), \\qquad
\\frac{\\partial L}{\\partial b} = \\frac{2}{n}\\sum_i (\\hat y_i - y_i).$$

Write `gradient_step(X, y, w, b, lr)` that returns the pair `(w_new, b_new)` after one step of
size `lr` downhill.""",
    reads=("gradient_step",),
    template='''\
def gradient_step(X, y, w, b, lr):
    """Return (w_new, b_new) after one gradient-descent step on the MSE."""
    return ____''',
    solution='''\
def gradient_step(X, y, w, b, lr):
    """Return (w_new, b_new) after one gradient-descent step on the MSE."""
    residual = X @ w + b - y
    n = len(y)
    grad_w = (2 / n) * (X.T @ residual)
    grad_b = (2 / n) * residual.sum()
    return w - lr * grad_w, b - lr * grad_b''',
    mistakes=(
        Mistake(
            "Your step goes uphill: the update subtracts the gradient, `w - lr * grad_w` "
            "(and `b - lr * grad_b`).",
            "def gradient_step(X, y, w, b, lr):\n"
            "    residual = X @ w + b - y\n"
            "    n = len(y)\n"
            "    return w + lr * (2 / n) * (X.T @ residual), b + lr * (2 / n) * residual.sum()",
        ),
        Mistake(
            "The factor 2 is missing: the gradient of the mean squared error is "
            "`2 / n * X.T @ residual`.",
            "def gradient_step(X, y, w, b, lr):\n"
            "    residual = X @ w + b - y\n"
            "    n = len(y)\n"
            "    return w - lr * (X.T @ residual) / n, b - lr * residual.sum() / n",
        ),
        Mistake(
            "Divide by n: the loss is a mean over the rows, so its gradient is "
            "`2 / n * X.T @ residual`, not a sum.",
            "def gradient_step(X, y, w, b, lr):\n"
            "    residual = X @ w + b - y\n"
            "    return w - lr * 2 * (X.T @ residual), b - lr * 2 * residual.sum()",
        ),
        Mistake(
            "`b_new` must move too: subtract `lr * grad_b` from `b`, where "
            "`grad_b = 2 / n * residual.sum()`.",
            "def gradient_step(X, y, w, b, lr):\n"
            "    residual = X @ w + b - y\n"
            "    return w - lr * (2 / len(y)) * (X.T @ residual), b",
        ),
        Mistake(
            "Use `X.T @ residual`: the gradient needs one entry per weight, so X is transposed.",
            "def gradient_step(X, y, w, b, lr):\n"
            "    residual = X @ w + b - y\n"
            "    n = len(y)\n"
            "    return w - lr * (2 / n) * (X @ residual), b - lr * (2 / n) * residual.sum()",
        ),
    ),
    hints=(
        "Compute the residual `X @ w + b - y` once; both gradients use it.",
        "`grad_w = 2 / n * X.T @ residual`, `grad_b = 2 / n * residual.sum()`; "
        "then return `w - lr * grad_w, b - lr * grad_b`.",
    ),
    checks=(
        Check("one step matches the gradient formula", _q2_small),
        Check("repeated steps converge to the OLS solution", _q2_converges, hidden=True),
    ),
)


# q3: scikit-learn's LinearRegression ---------------------------------------------------------


def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.linear_model import LinearRegression

    data = _data(params)
    model = answers["model"]
    expect_fitted(model, "model")
    expect_type(model, LinearRegression, "model")
    expect_equal(getattr(model, "n_features_in_", None), 10, "model.n_features_in_")
    expected = LinearRegression().fit(data["X_train"], data["y_train"])
    expect_close(
        answers["test_r2"],
        expected.score(data["X_test"], data["y_test"]),
        "test_r2",
        rtol=1e-6,
        atol=1e-6,
    )


def _q3_trained_on_train(answers: Answers, params: Params) -> None:
    data = _data(params)
    model = answers["model"]
    expected = _reference_ols(data["X_train"], data["y_train"])
    found = np.concatenate([[model.intercept_], np.ravel(model.coef_)])
    expect_array(found, expected, "[model.intercept_, *model.coef_]", rtol=1e-5, atol=1e-4)


Q3 = Question(
    id="q3",
    title="LinearRegression and the test R²",
    points=1,
    prompt="""\
## q3 — The library way (1 point)

Fit scikit-learn's `LinearRegression` on the diabetes **training** split and store it in `model`.
Then store its $R^2$ on the **test** split in `test_r2` (a float).""",
    reads=("model", "test_r2"),
    template="""\
from sklearn.linear_model import LinearRegression

model = ____
test_r2 = ____""",
    solution="""\
from sklearn.linear_model import LinearRegression

model = LinearRegression().fit(X_train, y_train)
test_r2 = model.score(X_test, y_test)""",
    mistakes=(
        Mistake(
            "The model was fitted on the test split: fit on `X_train, y_train`, and keep the "
            "test split for scoring only.",
            "from sklearn.linear_model import LinearRegression\n\n"
            "model = LinearRegression().fit(X_test, y_test)\n"
            "test_r2 = model.score(X_test, y_test)",
        ),
        Mistake(
            "`test_r2` is the R² on the training split: score the model on `X_test, y_test`.",
            "from sklearn.linear_model import LinearRegression\n\n"
            "model = LinearRegression().fit(X_train, y_train)\n"
            "test_r2 = model.score(X_train, y_train)",
        ),
        Mistake(
            "The model was fitted on all the data, test rows included: fit on "
            "`X_train, y_train` only, or the test score flatters it.",
            "from sklearn.linear_model import LinearRegression\n\n"
            "model = LinearRegression().fit(X, y)\n"
            "test_r2 = model.score(X_test, y_test)",
        ),
        Mistake(
            "`test_r2` should be R² (what `model.score` returns for a regressor), not the mean "
            "squared error.",
            "from sklearn.linear_model import LinearRegression\n"
            "from sklearn.metrics import mean_squared_error\n\n"
            "model = LinearRegression().fit(X_train, y_train)\n"
            "test_r2 = mean_squared_error(y_test, model.predict(X_test))",
        ),
        Mistake(
            "R² is not symmetric: pass the true values first, `r2_score(y_test, predictions)`.",
            "from sklearn.linear_model import LinearRegression\n"
            "from sklearn.metrics import r2_score\n\n"
            "model = LinearRegression().fit(X_train, y_train)\n"
            "test_r2 = r2_score(model.predict(X_test), y_test)",
        ),
    ),
    hints=(
        "`fit` returns the fitted model, so `LinearRegression().fit(...)` can be assigned "
        "directly.",
        "`model.score(X_test, y_test)` returns R² for a regressor.",
    ),
    checks=(
        Check("a fitted LinearRegression and its test R²", _q3_public),
        Check("trained on the training split only", _q3_trained_on_train, hidden=True),
    ),
)


# q4: R² from scratch -------------------------------------------------------------------------


def _r2_reference(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    y_true = np.asarray(y_true, dtype=float)
    residual = np.sum((y_true - np.asarray(y_pred, dtype=float)) ** 2)
    return float(1 - residual / np.sum((y_true - y_true.mean()) ** 2))


def _q4_example(answers: Answers, params: Params) -> None:
    r2 = answers["r2"]
    expect_callable(r2, "r2")
    y_true = np.array([3.0, -0.5, 2.0, 7.0, 4.2])
    y_pred = np.array([2.5, 0.0, 2.1, 7.8, 3.9])
    found = call_learner_function(r2, "r2", y_true, y_pred)
    expect_close(found, _r2_reference(y_true, y_pred), "r2(y_true, y_pred)", rtol=1e-9)
    found = call_learner_function(r2, "r2", list(y_true), list(y_pred))
    expect_close(found, _r2_reference(y_true, y_pred), "r2 on plain lists", rtol=1e-9)


def _q4_edge_cases(answers: Answers, params: Params) -> None:
    r2 = answers["r2"]
    rng = np.random.default_rng(40)
    y_true = rng.normal(10, 3, size=50)
    expect_close(call_learner_function(r2, "r2", y_true, y_true.copy()), 1.0, "perfect R²")
    mean_pred = np.full_like(y_true, y_true.mean())
    expect_close(call_learner_function(r2, "r2", y_true, mean_pred), 0.0, "R² of the mean")
    bad = y_true[::-1] * 2
    expect_close(
        call_learner_function(r2, "r2", list(y_true), list(bad)),
        _r2_reference(y_true, bad),
        "r2 on lists with a poor fit",
        rtol=1e-9,
    )


Q4 = Question(
    id="q4",
    title="R² from scratch",
    points=1,
    prompt="""\
## q4 — The coefficient of determination (1 point)

Write `r2(y_true, y_pred)` using NumPy only:
$$R^2 = 1 - \\frac{\\sum_i (y_i - \\hat y_i)^2}{\\sum_i (y_i - \\bar y)^2}.$$
It should accept lists as well as arrays.""",
    reads=("r2",),
    template='''\
def r2(y_true, y_pred):
    """Coefficient of determination of y_pred against y_true."""
    return ____''',
    solution='''\
def r2(y_true, y_pred):
    """Coefficient of determination of y_pred against y_true."""
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    residual = np.sum((y_true - y_pred) ** 2)
    total = np.sum((y_true - y_true.mean()) ** 2)
    return 1 - residual / total''',
    mistakes=(
        Mistake(
            "The denominator measures the spread of the *true* values around their own mean: "
            "use `y_true.mean()`, not the mean of the predictions.",
            "def r2(y_true, y_pred):\n"
            "    y_true = np.asarray(y_true, dtype=float)\n"
            "    y_pred = np.asarray(y_pred, dtype=float)\n"
            "    residual = np.sum((y_true - y_pred) ** 2)\n"
            "    return 1 - residual / np.sum((y_true - y_pred.mean()) ** 2)",
        ),
        Mistake(
            "`r2` must also accept plain Python lists: convert both inputs with "
            "`np.asarray(..., dtype=float)` first.",
            "def r2(y_true, y_pred):\n"
            "    residual = np.sum((y_true - y_pred) ** 2)\n"
            "    return 1 - residual / np.sum((y_true - np.mean(y_true)) ** 2)",
        ),
        Mistake(
            "R² is 1 minus the ratio of the two sums; you returned the ratio itself.",
            "def r2(y_true, y_pred):\n"
            "    y_true = np.asarray(y_true, dtype=float)\n"
            "    y_pred = np.asarray(y_pred, dtype=float)\n"
            "    return np.sum((y_true - y_pred) ** 2) / np.sum((y_true - y_true.mean()) ** 2)",
        ),
        Mistake(
            "Use the same kind of total above and below the line: both sums (a mean on top "
            "and a sum below shrinks the ratio by n).",
            "def r2(y_true, y_pred):\n"
            "    y_true = np.asarray(y_true, dtype=float)\n"
            "    y_pred = np.asarray(y_pred, dtype=float)\n"
            "    top = np.mean((y_true - y_pred) ** 2)\n"
            "    return 1 - top / np.sum((y_true - y_true.mean()) ** 2)",
        ),
        Mistake(
            "Square the differences: R² compares sums of *squared* errors, not absolute ones.",
            "def r2(y_true, y_pred):\n"
            "    y_true = np.asarray(y_true, dtype=float)\n"
            "    y_pred = np.asarray(y_pred, dtype=float)\n"
            "    top = np.sum(np.abs(y_true - y_pred))\n"
            "    return 1 - top / np.sum(np.abs(y_true - y_true.mean()))",
        ),
    ),
    hints=(
        "Convert both inputs with `np.asarray(..., dtype=float)` first.",
        "Numerator: `np.sum((y_true - y_pred) ** 2)`; "
        "denominator: `np.sum((y_true - y_true.mean()) ** 2)`.",
    ),
    checks=(
        Check("agrees with the formula on an example", _q4_example),
        Check("1 for a perfect fit, 0 for the mean, works on lists", _q4_edge_cases, hidden=True),
    ),
)


# q5: reach a target R² on a problem where plain OLS struggles ---------------------------------


def _predicts_like(model: Any, refit: Any, X: np.ndarray) -> bool:
    return bool(np.allclose(model.predict(X), refit.predict(X), rtol=1e-4, atol=1e-3))


_last_train_refit: list[tuple[Answers, int, Any]] = []  # (answers, seed, refit): one slot


def _refit_on_train(answers: Answers, data: dict[str, Any], params: Params) -> Any:
    """A fresh copy of the answer's model fitted on the training split. The public and the
    hidden check of one evaluation share it (each fit is a cross-validated search); the key is
    that evaluation's answers, so a model changed and checked again is refitted."""
    from sklearn.base import clone

    seed = int(params.get("seed", 0))
    for known, known_seed, refit in _last_train_refit:
        if known is answers and known_seed == seed:  # identity: never compare learner objects
            return refit
    refit = clone(answers["sparse_model"]).fit(data["Xs_train"], data["ys_train"])
    _last_train_refit[:] = [(answers, seed, refit)]  # holding the answers keeps their id unique
    return refit


def _q5_public(answers: Answers, params: Params) -> None:
    from sklearn.base import clone

    data = _data(params)
    model = answers["sparse_model"]
    expect_fitted(model, "sparse_model")
    expect_equal(getattr(model, "n_features_in_", None), 100, "sparse_model.n_features_in_")
    try:
        score = model.score(data["Xs_test"], data["ys_test"])
    except Exception as exc:
        raise CheckFailed(f"`sparse_model.score` raised {type(exc).__name__}: {exc}") from None
    # a model that behaves like a refit on the training split was not trained on the test
    # split: only otherwise is the (costly) refit on the test split needed to name the mistake
    on_train = _refit_on_train(answers, data, params)
    if not _predicts_like(model, on_train, data["Xs_test"]):
        on_test = clone(model).fit(data["Xs_test"], data["ys_test"])
        if _predicts_like(model, on_test, data["Xs_test"]):
            raise KnownMistake(Q5_TEST_SPLIT)
    expect_at_least(score, Q5_TARGET_R2, "test R² of sparse_model", "on Xs_test, ys_test")


def _q5_trained_on_train(answers: Answers, params: Params) -> None:
    from sklearn.base import clone

    data = _data(params)
    model = answers["sparse_model"]
    refit = _refit_on_train(answers, data, params)
    if _predicts_like(model, refit, data["Xs_test"]):
        return
    everything = clone(model).fit(
        np.vstack([data["Xs_train"], data["Xs_test"]]),
        np.concatenate([data["ys_train"], data["ys_test"]]),
    )
    if _predicts_like(model, everything, data["Xs_test"]):
        raise KnownMistake(Q5_ALL_DATA)
    raise CheckFailed("`sparse_model` does not behave like a model fitted on Xs_train, ys_train.")


Q5_TEST_SPLIT = (
    "`sparse_model` was trained on the test split: fit it on `Xs_train, ys_train` and keep "
    "the test split for measuring."
)
Q5_ALL_DATA = (
    "`sparse_model` was trained on all the rows, test split included: fit it on "
    "`Xs_train, ys_train` only."
)

Q5 = Question(
    id="q5",
    title="Beat the target R²",
    points=2,
    prompt=f"""\
## q5 — Regularise to generalise (2 points)

The synthetic data `Xs_train, ys_train` has 100 features but only 80 training rows, and only a
handful of the features carry signal. Plain least squares has too much freedom here.

Build and fit `sparse_model`, any scikit-learn regressor or pipeline trained on
`Xs_train, ys_train` only, whose $R^2$ on `Xs_test, ys_test` is at least **{Q5_TARGET_R2}**.""",
    reads=("sparse_model",),
    template="""\
sparse_model = ____""",
    solution="""\
from sklearn.linear_model import LassoCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

sparse_model = make_pipeline(StandardScaler(), LassoCV(cv=5)).fit(Xs_train, ys_train)""",
    mistakes=(
        Mistake(
            Q5_TEST_SPLIT,
            "from sklearn.linear_model import LassoCV\n"
            "from sklearn.pipeline import make_pipeline\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "sparse_model = make_pipeline(StandardScaler(), LassoCV(cv=5)).fit(Xs_test, ys_test)",
        ),
        Mistake(
            Q5_ALL_DATA,
            "from sklearn.linear_model import LassoCV\n"
            "from sklearn.pipeline import make_pipeline\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "sparse_model = make_pipeline(StandardScaler(), LassoCV(cv=5)).fit(\n"
            "    np.vstack([Xs_train, Xs_test]), np.concatenate([ys_train, ys_test])\n"
            ")",
        ),
        Mistake(
            "Plain least squares has as many knobs as rows here and fits the noise: use a "
            "penalty that sets useless coefficients to zero, such as the lasso.",
            "from sklearn.linear_model import LinearRegression\n\n"
            "sparse_model = LinearRegression().fit(Xs_train, ys_train)",
        ),
    ),
    hints=(
        "Which penalty sets the coefficients of useless features to exactly zero?",
        "Try `make_pipeline(StandardScaler(), LassoCV(cv=5))` and fit it on the training split.",
    ),
    checks=(
        Check(f"fitted on the training split, R² >= {Q5_TARGET_R2} on the test split", _q5_public),
        Check("trained on the training rows only", _q5_trained_on_train, hidden=True),
    ),
)


# q6: what ridge does to coefficients ---------------------------------------------------------


def _reference_ridge_path(X: np.ndarray, y: np.ndarray, alphas: Any) -> np.ndarray:
    from sklearn.linear_model import Ridge
    from sklearn.preprocessing import StandardScaler

    Z = StandardScaler().fit_transform(X)
    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])


def _q6_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    ridge_path = answers["ridge_path"]
    expect_callable(ridge_path, "ridge_path")
    X, y = data["X_train"], data["y_train"]
    expected = _reference_ridge_path(X, y, RIDGE_ALPHAS)
    found = call_learner_function(ridge_path, "ridge_path", X, y, list(RIDGE_ALPHAS))
    expect_array(found, expected, "ridge_path(X_train, y_train, alphas)", rtol=1e-4, atol=1e-4)
    expect_array(answers["coef_path"], expected, "coef_path", rtol=1e-4, atol=1e-4)
    shrinkage = np.abs(expected[0]) - np.abs(expected[-1])
    expect_array(answers["shrinkage"], shrinkage, "shrinkage", rtol=1e-4, atol=1e-4)
    names = list(data["feature_names"])
    found_name = answers["shrinks_most"]
    expect_type(found_name, str, "shrinks_most")
    if found_name not in names:
        raise CheckFailed(f"`shrinks_most` is {found_name!r}, which is not one of {names}.")
    expect_equal(found_name, names[int(np.argmax(shrinkage))], "shrinks_most")


def _q6_other_data(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(60 + int(params.get("seed", 0)))
    X = rng.normal(size=(50, 4)) * np.array([1.0, 10.0, 100.0, 0.1])
    y = X @ np.array([1.0, -0.2, 0.01, 5.0]) + rng.normal(scale=0.5, size=50)
    alphas = [0.5, 5.0, 50.0]
    found = call_learner_function(answers["ridge_path"], "ridge_path", X, y, alphas)
    expected = _reference_ridge_path(X, y, alphas)
    expect_array(found, expected, "ridge_path on other data", rtol=1e-4, atol=1e-4)


Q6_STANDARDISE = (
    "Standardise X inside `ridge_path` (a `StandardScaler`) before fitting: the penalty treats "
    "every coefficient alike only when the features share a scale."
)

Q6 = Question(
    id="q6",
    title="Ridge shrinks coefficients",
    points=2,
    prompt=f"""\
## q6 — What the ridge penalty does (2 points)

Write `ridge_path(X, y, alphas)` that standardises the columns of `X` with `StandardScaler`,
fits `Ridge(alpha=a)` for each `a` in `alphas`, and returns an array of shape
`(len(alphas), number of features)`: row `i` holds the coefficients for `alphas[i]`. Then, for
the diabetes training data and `alphas = {list(RIDGE_ALPHAS)}`:

- `coef_path`: `ridge_path(X_train, y_train, alphas)`, shape `(5, 10)`;
- `shrinkage`: for each feature, how much *absolute size* its coefficient loses between the
  smallest and the largest alpha (an array of 10 numbers);
- `shrinks_most`: the name (from `feature_names`) of the feature that loses the most.""",
    reads=("ridge_path", "coef_path", "shrinkage", "shrinks_most"),
    template=f"""\
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

alphas = {list(RIDGE_ALPHAS)}


def ridge_path(X, y, alphas):
    \"\"\"Ridge coefficients on standardised X, one row per alpha.\"\"\"
    return ____


coef_path = ____
shrinkage = ____
shrinks_most = ____""",
    solution=f"""\
from sklearn.linear_model import Ridge
from sklearn.preprocessing import StandardScaler

alphas = {list(RIDGE_ALPHAS)}


def ridge_path(X, y, alphas):
    \"\"\"Ridge coefficients on standardised X, one row per alpha.\"\"\"
    Z = StandardScaler().fit_transform(X)
    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])


coef_path = ridge_path(X_train, y_train, alphas)
shrinkage = np.abs(coef_path[0]) - np.abs(coef_path[-1])
shrinks_most = feature_names[int(np.argmax(shrinkage))]""",
    mistakes=(
        Mistake(
            "Each row holds one alpha's coefficients: the shape is (len(alphas), number of "
            "features). Transpose with `.T`.",
            "from sklearn.linear_model import Ridge\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "def ridge_path(X, y, alphas):\n"
            "    Z = StandardScaler().fit_transform(X)\n"
            "    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas]).T\n\n"
            f"coef_path = ridge_path(X_train, y_train, {list(RIDGE_ALPHAS)})\n"
            "shrinkage = np.abs(coef_path[:, 0]) - np.abs(coef_path[:, -1])\n"
            "shrinks_most = feature_names[int(np.argmax(shrinkage))]",
        ),
        Mistake(
            Q6_STANDARDISE,
            "from sklearn.linear_model import Ridge\n\n"
            "def ridge_path(X, y, alphas):\n"
            "    return np.array([Ridge(alpha=a).fit(X, y).coef_ for a in alphas])\n\n"
            f"coef_path = ridge_path(X_train, y_train, {list(RIDGE_ALPHAS)})\n"
            "shrinkage = np.abs(coef_path[0]) - np.abs(coef_path[-1])\n"
            "shrinks_most = feature_names[int(np.argmax(shrinkage))]",
        ),
        Mistake(
            "Shrinkage is about size, whatever the sign: compare absolute values, "
            "`np.abs(coef_path[0]) - np.abs(coef_path[-1])`.",
            "from sklearn.linear_model import Ridge\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "def ridge_path(X, y, alphas):\n"
            "    Z = StandardScaler().fit_transform(X)\n"
            "    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])\n\n"
            f"coef_path = ridge_path(X_train, y_train, {list(RIDGE_ALPHAS)})\n"
            "shrinkage = coef_path[0] - coef_path[-1]\n"
            "shrinks_most = feature_names[int(np.argmax(shrinkage))]",
        ),
        Mistake(
            "Subtract the other way round: the smallest alpha's row (the first) minus the "
            "largest alpha's row (the last), so that shrinking is positive.",
            "from sklearn.linear_model import Ridge\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "def ridge_path(X, y, alphas):\n"
            "    Z = StandardScaler().fit_transform(X)\n"
            "    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])\n\n"
            f"coef_path = ridge_path(X_train, y_train, {list(RIDGE_ALPHAS)})\n"
            "shrinkage = np.abs(coef_path[-1]) - np.abs(coef_path[0])\n"
            "shrinks_most = feature_names[int(np.argmax(shrinkage))]",
        ),
    ),
    hints=(
        "Inside `ridge_path`: standardise once, then a list comprehension over `alphas` that "
        "fits a `Ridge` and keeps `.coef_`; `np.array(...)` stacks the rows.",
        "`shrinkage = np.abs(coef_path[0]) - np.abs(coef_path[-1])`; "
        "`feature_names[int(np.argmax(shrinkage))]` names the feature.",
    ),
    checks=(
        Check("the path, the shrinkage and the feature that shrinks most", _q6_public),
        Check("ridge_path works on other data and other alphas", _q6_other_data, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("07"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6),
)
