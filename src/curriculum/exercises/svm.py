"""Exercise 11: support vector machines — the hinge loss by hand, then kernels, scaling, tuning."""

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
    expect_number,
    expect_only_numpy,
    expect_type,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 11 — Support vector machines

Seven questions: the soft-margin objective and its subgradient by hand, a linear SVM trained
from scratch and compared with `LinearSVC`, the RBF kernel, what `C` does to the margin, why an
RBF SVM needs scaled features, and tuning `C` and `gamma` with cross-validation.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/11_svm.ipynb` grades the whole notebook the way the autograder
  does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_digits, load_wine, make_blobs
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# Two overlapping clouds of 2-D points with labels 0 and 1 (q3 and q5).
X_lin, y_lin = make_blobs(
    n_samples=200, centers=[[-1.0, 0.0], [2.0, 2.0]], cluster_std=1.2, random_state=seed
)
X_train, X_test, y_train, y_test = train_test_split(
    X_lin, y_lin, test_size=0.25, random_state=seed
)
C_scratch = 0.1  # the C of the from-scratch SVM and of LinearSVC in q3

# Wine: 178 wines, 13 chemical measurements on very different scales, 3 cultivars (q6).
wine = load_wine()
Xw_train, Xw_test, yw_train, yw_test = train_test_split(
    wine.data, wine.target, test_size=0.3, stratify=wine.target, random_state=seed
)

# Handwritten digits, 8x8 pixels with values 0..16: a 500/300 subsample keeps q7 fast.
digits = load_digits()
Xd_train, Xd_test, yd_train, yd_test = train_test_split(
    digits.data, digits.target, train_size=500, test_size=300, stratify=digits.target,
    random_state=seed,
)
print(f"blobs: {len(X_train)} train / {len(X_test)} test points, labels {sorted(set(y_lin))}")
print(f"wine: {len(Xw_train)} train / {len(Xw_test)} test rows, {Xw_train.shape[1]} features")
print(f"digits: {len(Xd_train)} train / {len(Xd_test)} test images, {Xd_train.shape[1]} pixels")"""

TRAIN_LR = 0.05
TRAIN_STEPS = 2000
# Relative gap to the exact optimum (SVC with a linear kernel) allowed after training. The
# reference reaches < 1e-4 on seeds 0-19; labels left as 0/1, an uphill step or a frozen
# intercept land 8 % to several hundred % above it.
OBJECTIVE_GAP = 0.01
C_VALUES = (0.01, 0.1, 1, 10, 100)
# Test accuracy on wine, seeds 0-19: an unscaled SVC() scores 0.59-0.70, StandardScaler + SVC()
# and MinMaxScaler + SVC() score 0.94-1.00.
Q6_TARGET = 0.90
DIGIT_GRID = {"C": [0.1, 1, 10], "gamma": [0.0001, 0.001, 0.01]}


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _signed(y: Any) -> np.ndarray:
    y = np.asarray(y)
    return np.where(y == 1, 1.0, -1.0)


def _random_problem(seed: int, n: int, p: int) -> tuple[np.ndarray, np.ndarray]:
    """Points and labels in {-1, +1} from two shifted Gaussian clouds."""
    rng = np.random.default_rng(seed)
    y = np.where(rng.random(n) < 0.5, -1.0, 1.0)
    X = rng.normal(size=(n, p)) + 0.8 * y[:, None] * rng.normal(1.0, 0.3, size=p)
    return X, y


def _reference_objective(w: Any, b: float, X: Any, y: Any, C: float) -> float:
    w = np.asarray(w, dtype=float)
    margins = np.asarray(y, dtype=float) * (np.asarray(X, dtype=float) @ w + b)
    return float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - margins).sum())


def _reference_subgradient(
    w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, C: float
) -> tuple[np.ndarray, float]:
    inside = y * (X @ w + b) < 1
    return w - C * (y[inside] @ X[inside]), float(-C * y[inside].sum())


def _optimum(X: np.ndarray, y01: np.ndarray, C: float) -> float:
    """The soft-margin objective at its minimum (libsvm, intercept not penalised)."""
    from sklearn.svm import SVC

    model = SVC(kernel="linear", C=C, tol=1e-6).fit(X, y01)
    return _reference_objective(model.coef_[0], model.intercept_[0], X, _signed(y01), C)


# q1: the soft-margin objective ----------------------------------------------------------------


def _q1_example(answers: Answers, params: Params) -> None:
    objective = answers["svm_objective"]
    expect_callable(objective, "svm_objective")
    X = np.array([[2.0, 1.0], [0.5, 0.5], [-1.0, -2.0], [0.0, 1.0]])
    y = np.array([1.0, 1.0, -1.0, -1.0])
    w, b = np.array([1.0, -0.5]), 0.25
    found = call_learner_function(objective, "svm_objective", w, b, X, y, 2.0)
    expect_close(found, _reference_objective(w, b, X, y, 2.0), "svm_objective(...)", rtol=1e-9)
    expect_only_numpy(objective, "svm_objective")
    expect_inputs_unchanged(objective, "svm_objective", ("w", "b", "X", "y", "C"))


def _q1_other_inputs(answers: Answers, params: Params) -> None:
    objective = answers["svm_objective"]
    for seed, n, p, C in [(11, 40, 3, 0.5), (12, 7, 1, 10.0), (13, 120, 6, 0.01)]:
        X, y = _random_problem(seed, n, p)
        w = np.random.default_rng(seed + 50).normal(size=p)
        found = call_learner_function(objective, "svm_objective", w, -0.3, X, y, C)
        expect_close(found, _reference_objective(w, -0.3, X, y, C), "objective", rtol=1e-9)
    X, y = _random_problem(14, 25, 2)
    found = call_learner_function(
        objective, "svm_objective", [0.0, 0.0], 0.0, X.tolist(), list(y), 1.5
    )
    expect_close(found, 1.5 * 25, "objective at w = 0 on plain lists", rtol=1e-9)


Q1 = Question(
    id="q1",
    title="The soft-margin objective",
    points=1,
    prompt="""\
## q1 — The soft-margin objective (1 point)

A linear SVM scores a point with $f(x) = w \\cdot x + b$ and predicts the sign of the score.
With labels $y_i \\in \\{-1, +1\\}$, the **hinge loss** of a point is $\\max(0,\\, 1 - y_i f(x_i))$:
zero for a point on the right side with margin at least 1, growing linearly otherwise.
The soft-margin SVM minimises
$$J(w, b) = \\tfrac12 \\lVert w \\rVert^2
  + C \\sum_{i=1}^{n} \\max\\big(0,\\; 1 - y_i (w \\cdot x_i + b)\\big).$$

Write `svm_objective(w, b, X, y, C)` that returns $J$ as a float, for `X` of shape `(n, p)`,
`w` of shape `(p,)`, a number `b`, labels `y` in $\\{-1, +1\\}$ and a number `C`.
Use NumPy only, accept plain lists, and do not modify the inputs.""",
    reads=("svm_objective",),
    template='''\
def svm_objective(w, b, X, y, C):
    """The soft-margin SVM objective: half the squared norm of w plus C times the hinge losses."""
    return ____''',
    solution='''\
def svm_objective(w, b, X, y, C):
    """The soft-margin SVM objective: half the squared norm of w plus C times the hinge losses."""
    w = np.asarray(w, dtype=float)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    margins = y * (X @ w + b)
    hinge = np.maximum(0.0, 1.0 - margins)
    return float(0.5 * w @ w + C * hinge.sum())''',
    mistakes=(
        Mistake(
            "Sign error in the hinge: it is `max(0, 1 - y * f)`, so a point well on the right "
            "side (large positive y·f) costs nothing; `1 + y * f` punishes the correct points.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(0.5 * w @ w + C * np.maximum(0, 1 + y * (X @ w + b)).sum())",
        ),
        Mistake(
            "The regularisation term is missing: add `0.5 * w @ w`, the part that keeps the "
            "margin wide.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(C * np.maximum(0, 1 - y * (X @ w + b)).sum())",
        ),
        Mistake(
            "`C` multiplies the hinge losses, not the penalty on w: a larger C means *weaker* "
            "regularisation (misclassified points cost more), the opposite of ridge's alpha.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(0.5 * C * w @ w + np.maximum(0, 1 - y * (X @ w + b)).sum())",
        ),
        Mistake(
            "Sum the hinge losses over the points (as in the formula); the mean divides them by n.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(0.5 * w @ w + C * np.maximum(0, 1 - y * (X @ w + b)).mean())",
        ),
        Mistake(
            "The penalty is *half* the squared norm, `0.5 * w @ w`.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(w @ w + C * np.maximum(0, 1 - y * (X @ w + b)).sum())",
        ),
        Mistake(
            "The penalty uses the *squared* norm: `0.5 * w @ w`, not `0.5 * np.linalg.norm(w)`.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    hinge = np.maximum(0, 1 - y * (X @ w + b))\n"
            "    return float(0.5 * np.linalg.norm(w) + C * hinge.sum())",
        ),
        Mistake(
            "That is the perceptron's loss, `max(0, -y * f)`: the hinge keeps the 1, "
            "`max(0, 1 - y * f)`, so points inside the margin pay too.",
            "def svm_objective(w, b, X, y, C):\n"
            "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
            "    return float(0.5 * w @ w + C * np.maximum(0, -y * (X @ w + b)).sum())",
        ),
    ),
    hints=(
        "Compute the margins `y * (X @ w + b)` once; the hinge losses are "
        "`np.maximum(0, 1 - margins)`.",
        "Return `0.5 * w @ w + C * hinge.sum()` after converting the inputs with "
        "`np.asarray(..., dtype=float)`.",
    ),
    checks=(
        Check("matches the formula on a small example", _q1_example),
        Check(
            "works on other shapes and C values, and on plain lists", _q1_other_inputs, hidden=True
        ),
    ),
)


# q2: the subgradient ---------------------------------------------------------------------------


def _q2_compare(answers: Answers, seed: int, n: int, p: int, C: float) -> None:
    subgradient = answers["svm_subgradient"]
    X, y = _random_problem(seed, n, p)
    rng = np.random.default_rng(seed + 100)
    w, b = rng.normal(scale=0.7, size=p), float(rng.normal(scale=0.3))
    found = call_learner_function(subgradient, "svm_subgradient", w.copy(), b, X, y, C)
    if not isinstance(found, tuple) or len(found) != 2:
        got = type(found).__name__ + (f" of {len(found)}" if isinstance(found, tuple) else "")
        raise CheckFailed(
            f"`svm_subgradient` should return a pair `(grad_w, grad_b)`, but it returned {got}."
        )
    grad_w, grad_b = _reference_subgradient(w, b, X, y, C)
    expect_array(found[0], grad_w, "grad_w", rtol=1e-7, atol=1e-9)
    expect_close(found[1], grad_b, "grad_b", rtol=1e-7, atol=1e-9)


def _q2_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["svm_subgradient"], "svm_subgradient")
    _q2_compare(answers, seed=3, n=30, p=3, C=0.5)
    expect_only_numpy(answers["svm_subgradient"], "svm_subgradient")
    expect_inputs_unchanged(
        answers["svm_subgradient"], "svm_subgradient", ("w", "b", "X", "y", "C")
    )


def _q2_hidden(answers: Answers, params: Params) -> None:
    _q2_compare(answers, seed=21, n=80, p=5, C=2.0)
    _q2_compare(answers, seed=22, n=9, p=1, C=0.05)
    # Every point far outside the margin: only the regularisation term is left.
    X = np.array([[3.0, 3.0], [-3.0, -3.0]])
    y = np.array([1.0, -1.0])
    found = call_learner_function(
        answers["svm_subgradient"], "svm_subgradient", np.array([1.0, 1.0]), 0.0, X, y, 1.0
    )
    expect_array(found[0], np.array([1.0, 1.0]), "grad_w when no point is inside the margin")
    expect_close(found[1], 0.0, "grad_b when no point is inside the margin")


SUBGRAD_HEAD = (
    "def svm_subgradient(w, b, X, y, C):\n"
    "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
)

Q2 = Question(
    id="q2",
    title="The subgradient of the objective",
    points=2,
    prompt="""\
## q2 — A subgradient of $J$ (2 points)

The hinge has a kink at margin 1, so $J$ has no gradient everywhere, but a **subgradient** is
enough to descend. Call a point *active* when its margin $y_i(w \\cdot x_i + b)$ is below 1
(strictly); only active points contribute:
$$g_w = w - C \\sum_{i\\ \\text{active}} y_i x_i, \\qquad
g_b = -C \\sum_{i\\ \\text{active}} y_i .$$

Write `svm_subgradient(w, b, X, y, C)` that returns the pair `(grad_w, grad_b)`: an array of
shape `(p,)` and a float. Labels `y` are in $\\{-1, +1\\}$; NumPy only, inputs unchanged.""",
    reads=("svm_subgradient",),
    template='''\
def svm_subgradient(w, b, X, y, C):
    """A subgradient (grad_w, grad_b) of the soft-margin objective at (w, b)."""
    return ____''',
    solution='''\
def svm_subgradient(w, b, X, y, C):
    """A subgradient (grad_w, grad_b) of the soft-margin objective at (w, b)."""
    w = np.asarray(w, dtype=float)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    active = y * (X @ w + b) < 1
    grad_w = w - C * (y[active] @ X[active])
    grad_b = -C * y[active].sum()
    return grad_w, float(grad_b)''',
    mistakes=(
        Mistake(
            "`grad_w` forgets the regularisation term: the gradient of ½‖w‖² is `w`, so "
            "`grad_w = w - C * (y[active] @ X[active])`.",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) < 1\n"
            "    return -C * (y[a] @ X[a]), float(-C * y[a].sum())",
        ),
        Mistake(
            "The hinge terms have the wrong sign: the derivative of `1 - y * f` is `-y * x`, "
            "so subtract `C * (y[active] @ X[active])` (and `grad_b = -C * y[active].sum()`).",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) < 1\n"
            "    return w + C * (y[a] @ X[a]), float(C * y[a].sum())",
        ),
        Mistake(
            "Only active points (margin `y * f < 1`) contribute; points beyond the margin have "
            "zero hinge loss and no gradient.",
            SUBGRAD_HEAD + "    return w - C * (y @ X), float(-C * y.sum())",
        ),
        Mistake(
            "This is the subgradient of `max(0, 1 + y * f)`, a hinge with the sign flipped: "
            "active points are those with `y * f < 1`, and each adds `-C * y * x`.",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) > -1\n"
            "    return w + C * (y[a] @ X[a]), float(C * y[a].sum())",
        ),
        Mistake(
            "The objective sums the hinge losses, so the gradient sums too: no division by n.",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) < 1\n"
            "    return w - C * (y[a] @ X[a]) / len(y), float(-C * y[a].sum() / len(y))",
        ),
        Mistake(
            "The intercept is not regularised: `grad_b = -C * y[active].sum()`, with no `b` term.",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) < 1\n"
            "    return w - C * (y[a] @ X[a]), float(b - C * y[a].sum())",
        ),
        Mistake(
            "`C` belongs on the hinge part, not on `w`: "
            "`grad_w = w - C * (y[active] @ X[active])`.",
            SUBGRAD_HEAD + "    a = y * (X @ w + b) < 1\n"
            "    return C * w - (y[a] @ X[a]), float(-y[a].sum())",
        ),
    ),
    hints=(
        "`active = y * (X @ w + b) < 1` is a boolean mask; `X[active]` and `y[active]` keep "
        "only those rows.",
        "`grad_w = w - C * (y[active] @ X[active])` and `grad_b = -C * y[active].sum()`.",
    ),
    checks=(
        Check("matches the subgradient formula on a small problem", _q2_public),
        Check(
            "other shapes and C values, and the case with no active point",
            _q2_hidden,
            hidden=True,
        ),
    ),
)


# q3: train a linear SVM from scratch and compare with LinearSVC ---------------------------------


def _q3_train(answers: Answers, X: np.ndarray, y01: np.ndarray, C: float, what: str) -> tuple:
    found = call_learner_function(
        answers["train_linear_svm"], "train_linear_svm", X, y01, C, TRAIN_LR, TRAIN_STEPS
    )
    if not isinstance(found, tuple) or len(found) != 2:
        got = type(found).__name__ + (f" of {len(found)}" if isinstance(found, tuple) else "")
        raise CheckFailed(
            f"`train_linear_svm` should return a pair `(w, b)`, but it returned {got}."
        )
    try:
        w = np.asarray(found[0], dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed("`w` from `train_linear_svm` should be an array of numbers.") from None
    if w.shape != (X.shape[1],):
        raise CheckFailed(f"`w` has shape {w.shape}, but shape ({X.shape[1]},) was expected.")
    if not np.all(np.isfinite(w)):
        raise CheckFailed("`w` from `train_linear_svm` contains NaN or infinite values.")
    b = expect_number(found[1], "b from train_linear_svm")
    reached = _reference_objective(w, b, X, _signed(y01), C)
    best = _optimum(X, y01, C)
    if reached > best * (1 + OBJECTIVE_GAP) + 1e-9:
        raise CheckFailed(
            f"after training on {what}, the objective is {reached:.4g}, but its minimum is "
            f"{best:.4g} ({100 * (reached / best - 1):.1f} % above it; at most "
            f"{100 * OBJECTIVE_GAP:g} % is accepted). Check the labels (-1/+1), the direction "
            "of the step and that b is updated."
        )
    return w, b


Q3_LOSS = (
    "`linear_svc` must use the hinge loss like your SVM: `LinearSVC(C=C_scratch, loss='hinge')` "
    "(its default is the squared hinge)."
)
Q3_C = "`linear_svc` must use the same C as the scratch model: `C=C_scratch`."
Q3_TEST = "`linear_svc` was fitted on the test split: fit it on `X_train, y_train`."
Q3_AGREE_TRAIN = (
    "`agreement` was measured on the training points: compare the two models' predictions "
    "on `X_test`."
)


def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.base import clone
    from sklearn.svm import LinearSVC

    data = _data(params)
    expect_callable(answers["train_linear_svm"], "train_linear_svm")
    X, y = data["X_train"], data["y_train"]
    C = data["C_scratch"]
    w, b = _q3_train(answers, X, y, C, "X_train, y_train")
    expect_array(answers["w_scratch"], w, "w_scratch", rtol=1e-6, atol=1e-9)
    expect_close(answers["b_scratch"], b, "b_scratch", rtol=1e-6, atol=1e-9)

    model = answers["linear_svc"]
    expect_fitted(model, "linear_svc")
    expect_type(model, LinearSVC, "linear_svc")
    if model.loss != "hinge":
        raise KnownMistake(Q3_LOSS)
    if not np.isclose(model.C, C):
        raise KnownMistake(Q3_C)
    expect_equal(getattr(model, "n_features_in_", None), 2, "linear_svc.n_features_in_")
    pooled = np.vstack([X, data["X_test"]])
    on_train = clone(model).set_params(random_state=0).fit(X, y)
    on_test = clone(model).set_params(random_state=0).fit(data["X_test"], data["y_test"])
    gap_train = np.max(np.abs(model.coef_ - on_train.coef_))
    gap_test = np.max(np.abs(model.coef_ - on_test.coef_))
    if gap_test < 1e-3 < gap_train:
        raise KnownMistake(Q3_TEST)
    if np.mean(model.predict(pooled) == on_train.predict(pooled)) < 0.97:
        raise CheckFailed(
            "`linear_svc` does not behave like a LinearSVC fitted on X_train, y_train."
        )

    w_found = np.asarray(answers["w_scratch"], dtype=float)
    b_found = float(answers["b_scratch"])

    def agree(points: np.ndarray) -> float:
        scratch = (points @ w_found + b_found > 0).astype(int)
        return float(np.mean(model.predict(points) == scratch))

    value = expect_number(answers["agreement"], "agreement")
    expected = agree(data["X_test"])
    if abs(value - expected) > 1e-9 and abs(value - agree(X)) < 1e-9:
        raise KnownMistake(Q3_AGREE_TRAIN)
    expect_close(value, expected, "agreement", rtol=0, atol=1e-9)
    expect_at_least(value, 0.9, "agreement", "(the two models should nearly always agree)")


def _q3_hidden(answers: Answers, params: Params) -> None:
    for seed, n, p, C in [(31, 120, 3, 1.0), (32, 60, 2, 0.02)]:
        X, y = _random_problem(seed, n, p)
        _q3_train(answers, X, (y > 0).astype(int), C, "other data")


Q3_SOLUTION = '''\
from sklearn.svm import LinearSVC


def train_linear_svm(X, y, C, lr=0.05, n_steps=2000):
    """Subgradient descent on the soft-margin objective; labels y are 0/1."""
    X = np.asarray(X, dtype=float)
    y_signed = np.where(np.asarray(y) == 1, 1.0, -1.0)
    w = np.zeros(X.shape[1])
    b = 0.0
    for t in range(n_steps):
        active = y_signed * (X @ w + b) < 1
        grad_w = w - C * (y_signed[active] @ X[active])
        grad_b = -C * y_signed[active].sum()
        step = lr / np.sqrt(t + 1)
        w = w - step * grad_w
        b = b - step * grad_b
    return w, b


w_scratch, b_scratch = train_linear_svm(X_train, y_train, C_scratch)
linear_svc = LinearSVC(C=C_scratch, loss="hinge", max_iter=10_000, random_state=0)
linear_svc.fit(X_train, y_train)
scratch_predictions = (X_test @ w_scratch + b_scratch > 0).astype(int)
agreement = np.mean(linear_svc.predict(X_test) == scratch_predictions)'''

Q3 = Question(
    id="q3",
    title="A linear SVM from scratch, next to LinearSVC",
    points=2,
    prompt=f"""\
## q3 — Train it, then compare with scikit-learn (2 points)

Write `train_linear_svm(X, y, C, lr={TRAIN_LR}, n_steps={TRAIN_STEPS})` that returns `(w, b)`
after `n_steps` steps of subgradient descent on $J$, starting from `w = 0, b = 0`, with the
decreasing step size `lr / sqrt(t + 1)` at step `t = 0, 1, ...`. The labels `y` arrive as
**0 and 1**, the way scikit-learn's data sets give them; $J$ needs $-1$ and $+1$. You may call
your `svm_subgradient` from q2. Then:

- `w_scratch, b_scratch`: your model trained on `X_train, y_train` with `C = C_scratch`;
- `linear_svc`: scikit-learn's `LinearSVC` with the same `C` and the hinge loss, fitted on the
  training split;
- `agreement`: the fraction of **test** points on which the two models predict the same class
  (your model predicts 1 where $w \\cdot x + b > 0$).

Weights need not match `LinearSVC` exactly: it also penalises the intercept a little.""",
    reads=("train_linear_svm", "w_scratch", "b_scratch", "linear_svc", "agreement"),
    template='''\
from sklearn.svm import LinearSVC


def train_linear_svm(X, y, C, lr=0.05, n_steps=2000):
    """Subgradient descent on the soft-margin objective; labels y are 0/1."""
    ____
    return w, b


w_scratch, b_scratch = ____, ____
linear_svc = ____
agreement = ____''',
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(
            "The labels were left as 0 and 1: the hinge loss needs -1 and +1 "
            "(`np.where(y == 1, 1.0, -1.0)`), otherwise class 0 contributes nothing.",
            Q3_SOLUTION.replace("np.where(np.asarray(y) == 1, 1.0, -1.0)", "np.asarray(y, float)"),
        ),
        Mistake(
            "Your steps go uphill: subtract the subgradient, `w = w - step * grad_w`.",
            Q3_SOLUTION.replace("w - step * grad_w", "w + step * grad_w").replace(
                "b - step * grad_b", "b + step * grad_b"
            ),
        ),
        Mistake(
            "`b` never moves: update it too, `b = b - step * grad_b`.",
            Q3_SOLUTION.replace("b = b - step * grad_b", "b = 0.0"),
        ),
        Mistake(Q3_LOSS, Q3_SOLUTION.replace(', loss="hinge"', "")),
        Mistake(Q3_C, Q3_SOLUTION.replace("LinearSVC(C=C_scratch", "LinearSVC(C=1 / C_scratch")),
        Mistake(
            Q3_TEST,
            Q3_SOLUTION.replace(
                "linear_svc.fit(X_train, y_train)", "linear_svc.fit(X_test, y_test)"
            ),
        ),
        Mistake(
            Q3_AGREE_TRAIN,
            Q3_SOLUTION.replace(
                "scratch_predictions = (X_test @", "scratch_predictions = (X_train @"
            ).replace("linear_svc.predict(X_test)", "linear_svc.predict(X_train)"),
        ),
    ),
    hints=(
        "Convert the labels once at the top: `y_signed = np.where(y == 1, 1.0, -1.0)`; then "
        "loop `n_steps` times, each time computing the subgradient and stepping against it.",
        "Inside the loop: `grad_w, grad_b = svm_subgradient(w, b, X, y_signed, C)`, "
        "`step = lr / np.sqrt(t + 1)`, `w = w - step * grad_w`, `b = b - step * grad_b`.",
    ),
    checks=(
        Check(
            "reaches the minimum of J on the training data, and agrees with LinearSVC", _q3_public
        ),
        Check("reaches the minimum on other data sets and C values", _q3_hidden, hidden=True),
    ),
)


# q4: the RBF kernel -----------------------------------------------------------------------------


def _reference_rbf(A: Any, B: Any, gamma: float) -> np.ndarray:
    from sklearn.metrics.pairwise import rbf_kernel

    return rbf_kernel(np.asarray(A, dtype=float), np.asarray(B, dtype=float), gamma=gamma)


def _q4_public(answers: Answers, params: Params) -> None:
    kernel = answers["rbf_kernel"]
    expect_callable(kernel, "rbf_kernel")
    rng = np.random.default_rng(4)
    A, B = rng.normal(size=(5, 3)), rng.normal(size=(4, 3))
    found = call_learner_function(kernel, "rbf_kernel", A, B, 0.5)
    expect_array(found, _reference_rbf(A, B, 0.5), "rbf_kernel(A, B, 0.5)", rtol=1e-7, atol=1e-12)
    expect_only_numpy(kernel, "rbf_kernel")
    expect_inputs_unchanged(kernel, "rbf_kernel", ("A", "B", "gamma"))


def _q4_hidden(answers: Answers, params: Params) -> None:
    kernel = answers["rbf_kernel"]
    rng = np.random.default_rng(40)
    for n, m, p, gamma in [(7, 7, 1, 2.0), (3, 10, 6, 0.01), (12, 2, 2, 30.0)]:
        A, B = rng.normal(size=(n, p)), rng.normal(size=(m, p))
        found = call_learner_function(kernel, "rbf_kernel", A, B, gamma)
        expect_array(
            found, _reference_rbf(A, B, gamma), "rbf_kernel on other inputs", rtol=1e-7, atol=1e-12
        )
    A = [[0.0, 0.0], [1.0, 1.0]]
    found = call_learner_function(kernel, "rbf_kernel", A, A, 1.0)
    expect_array(found, _reference_rbf(A, A, 1.0), "rbf_kernel on plain lists", rtol=1e-7)


RBF_HEAD = "def rbf_kernel(A, B, gamma):\n    A, B = np.asarray(A, float), np.asarray(B, float)\n"

Q4 = Question(
    id="q4",
    title="The RBF kernel",
    points=1,
    prompt="""\
## q4 — The RBF (Gaussian) kernel (1 point)

A kernel SVM never builds new features; it only needs the similarity of every pair of points.
The RBF kernel is
$$K(a, b) = \\exp\\!\\big(-\\gamma\\, \\lVert a - b \\rVert^2\\big),$$
1 for identical points and falling towards 0 with distance, faster for larger $\\gamma$.

Write `rbf_kernel(A, B, gamma)` returning the matrix `K` of shape `(len(A), len(B))` with
`K[i, j]` $= K(A_i, B_j)$, for `A` of shape `(n, p)` and `B` of shape `(m, p)`. NumPy only,
no Python loops needed (broadcasting, or
$\\lVert a-b\\rVert^2 = a\\cdot a - 2a\\cdot b + b\\cdot b$).""",
    reads=("rbf_kernel",),
    template='''\
def rbf_kernel(A, B, gamma):
    """Gaussian kernel matrix: K[i, j] = exp(-gamma * ||A[i] - B[j]||^2)."""
    return ____''',
    solution='''\
def rbf_kernel(A, B, gamma):
    """Gaussian kernel matrix: K[i, j] = exp(-gamma * ||A[i] - B[j]||^2)."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    squared = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)
    return np.exp(-gamma * squared)''',
    mistakes=(
        Mistake(
            "The distance must be squared: `exp(-gamma * ||a - b||**2)`, not the plain distance.",
            RBF_HEAD + "    d = np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2))\n"
            "    return np.exp(-gamma * d)",
        ),
        Mistake(
            "The exponent is negative: similarity must fall with distance, `np.exp(-gamma * d2)`.",
            RBF_HEAD + "    d2 = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.exp(gamma * d2)",
        ),
        Mistake(
            "Multiply by gamma: scikit-learn's RBF is `exp(-gamma * d2)`; dividing by gamma "
            "is the `1 / (2 sigma^2)` convention turned upside down.",
            RBF_HEAD + "    d2 = ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.exp(-d2 / gamma)",
        ),
        Mistake(
            "Rows belong to A and columns to B: the shape is (len(A), len(B)).",
            RBF_HEAD + "    d2 = ((B[:, None, :] - A[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.exp(-gamma * d2)",
        ),
        Mistake(
            "The RBF kernel uses the squared distance, not the dot product `A @ B.T` (that is "
            "the linear kernel).",
            RBF_HEAD + "    return np.exp(-gamma * (A @ B.T))",
        ),
        Mistake(
            "The squared distance is `a·a - 2 a·b + b·b`: the cross term needs the factor 2.",
            RBF_HEAD + "    d2 = (A**2).sum(1)[:, None] - A @ B.T + (B**2).sum(1)[None, :]\n"
            "    return np.exp(-gamma * d2)",
        ),
    ),
    hints=(
        "`A[:, None, :] - B[None, :, :]` has shape `(n, m, p)`: every difference at once.",
        "Square, sum over the last axis to get the `(n, m)` squared distances, then "
        "`np.exp(-gamma * squared)`.",
    ),
    checks=(
        Check("matches scikit-learn's rbf_kernel on a small example", _q4_public),
        Check("other shapes and gamma values, and plain lists", _q4_hidden, hidden=True),
    ),
)


# q5: C and the margin ---------------------------------------------------------------------------


def _reference_margins(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.svm import SVC

    widths, counts = [], []
    for C in C_VALUES:
        model = SVC(kernel="linear", C=C).fit(X, y)
        widths.append(2 / np.linalg.norm(model.coef_))
        counts.append(len(model.support_))
    return np.array(widths), np.array(counts)


Q5_DIRECTION = (
    "`widest_margin_C` has C backwards: a *small* C is *strong* regularisation (violations are "
    "cheap, so the SVM keeps w small and the margin 2/‖w‖ wide); a large C is weak "
    "regularisation and narrows the margin. Read it off your `margin_widths`."
)


def _q5_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    widths, counts = _reference_margins(data["X_train"], data["y_train"])
    on_test = _reference_margins(data["X_test"], data["y_test"])[0]
    found = answers["margin_widths"]
    try:
        if np.allclose(np.asarray(found, dtype=float), on_test, rtol=1e-4):
            raise KnownMistake("The models were fitted on the test split: use `X_train, y_train`.")
    except (TypeError, ValueError):
        pass
    expect_array(found, widths, "margin_widths", rtol=1e-4, atol=1e-6)
    expect_array(answers["n_support"], counts, "n_support", rtol=0, atol=0.5)
    chosen = expect_number(answers["widest_margin_C"], "widest_margin_C")
    best = C_VALUES[int(np.argmax(widths))]
    if not np.isclose(chosen, best):
        if np.isclose(chosen, C_VALUES[int(np.argmin(widths))]) or chosen == max(C_VALUES):
            raise KnownMistake(Q5_DIRECTION)
        expect_equal(chosen, best, "widest_margin_C")


def _q5_hidden(answers: Answers, params: Params) -> None:
    widths = np.asarray(answers["margin_widths"], dtype=float)
    counts = np.asarray(answers["n_support"], dtype=float)
    widest = int(np.argmax(widths))
    if counts[widest] < counts.max() or C_VALUES[widest] != answers["widest_margin_C"]:
        raise CheckFailed("the widest margin should hold the most support vectors.")


Q5_SOLUTION = f"""\
from sklearn.svm import SVC

C_values = {list(C_VALUES)}
margin_widths = []
n_support = []
for C in C_values:
    model = SVC(kernel="linear", C=C).fit(X_train, y_train)
    margin_widths.append(2 / np.linalg.norm(model.coef_))
    n_support.append(len(model.support_))
margin_widths = np.array(margin_widths)
n_support = np.array(n_support)
widest_margin_C = C_values[int(np.argmax(margin_widths))]"""

Q5 = Question(
    id="q5",
    title="What C does to the margin",
    points=1,
    prompt=f"""\
## q5 — C and the margin (1 point)

For each `C` in `C_values = {list(C_VALUES)}`, fit `SVC(kernel="linear", C=C)` on
`X_train, y_train`. The **margin** is the band between the lines $w \\cdot x + b = \\pm 1$; its
width is $2 / \\lVert w \\rVert$ (`model.coef_` holds $w$). The **support vectors** are the
training points on or inside the margin (`model.support_` holds their indices). Store:

- `margin_widths`: the five widths, an array in the order of `C_values`;
- `n_support`: the five numbers of support vectors, an array of ints;
- `widest_margin_C`: the value from `C_values` whose margin is widest.""",
    reads=("margin_widths", "n_support", "widest_margin_C"),
    template=f"""\
from sklearn.svm import SVC

C_values = {list(C_VALUES)}
margin_widths = ____
n_support = ____
widest_margin_C = ____""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            Q5_DIRECTION,
            Q5_SOLUTION.replace("int(np.argmax(margin_widths))", "int(np.argmin(margin_widths))"),
        ),
        Mistake(
            "The margin spans both sides of the boundary: its width is `2 / ‖w‖`, not `1 / ‖w‖`.",
            Q5_SOLUTION.replace("2 / np.linalg.norm", "1 / np.linalg.norm"),
        ),
        Mistake(
            "`model.n_support_` counts the support vectors *per class*: add both classes "
            "(or use `len(model.support_)`).",
            Q5_SOLUTION.replace("len(model.support_)", "model.n_support_[0]"),
        ),
        Mistake(
            "The width is `2 / ‖w‖`, with the norm of w, not its squared norm.",
            Q5_SOLUTION.replace("2 / np.linalg.norm(model.coef_)", "2 / np.sum(model.coef_**2)"),
        ),
        Mistake(
            "`support_vectors_.shape[1]` is the number of features; the number of support "
            "vectors is `len(model.support_)`.",
            Q5_SOLUTION.replace("len(model.support_)", "model.support_vectors_.shape[1]"),
        ),
    ),
    hints=(
        "One loop over `C_values`: fit, then append `2 / np.linalg.norm(model.coef_)` and "
        "`len(model.support_)`.",
        "`widest_margin_C = C_values[int(np.argmax(margin_widths))]`. Before you run it: do you "
        "expect the smallest or the largest C?",
    ),
    checks=(
        Check("the widths, the support-vector counts and the C of the widest margin", _q5_public),
        Check("the widest margin holds the most support vectors", _q5_hidden, hidden=True),
    ),
)


# q6: scale before an RBF SVM --------------------------------------------------------------------


def _predicts_like(model: Any, other: Any, X: np.ndarray) -> bool:
    return bool(np.array_equal(model.predict(X), other.predict(X)))


def _same_model(model: Any, other: Any, X: np.ndarray) -> bool:
    """The same fitted model, judged by its scores (finer than its predicted classes)."""
    for method in ("decision_function", "predict_proba"):
        if hasattr(model, method) and hasattr(other, method):
            a, b = getattr(model, method)(X), getattr(other, method)(X)
            return bool(np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-6))
    return _predicts_like(model, other, X)


Q6_UNSCALED = (
    "`scaled_svc` does not scale the features: wine's columns range from below 1 to over "
    "1000, so the RBF distance is all proline. Put a `StandardScaler` in front: "
    "`make_pipeline(StandardScaler(), SVC())`."
)
Q6_TEST = "`scaled_svc` was fitted on the test split: fit it on `Xw_train, yw_train`."
Q6_ALL = (
    "`scaled_svc` was fitted on all the rows, test split included: fit it on "
    "`Xw_train, yw_train` only, or the test accuracy flatters it."
)


def _has_scaler(model: Any) -> bool:
    steps = getattr(model, "steps", None)
    if not isinstance(steps, list):
        return False
    names = {type(step).__name__ for _, step in steps}
    return bool(
        names & {"StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer"}
    )


def _q6_public(answers: Answers, params: Params) -> None:
    from sklearn.base import clone
    from sklearn.svm import SVC

    data = _data(params)
    Xtr, Xte, ytr, yte = data["Xw_train"], data["Xw_test"], data["yw_train"], data["yw_test"]
    raw = SVC().fit(Xtr, ytr).score(Xte, yte)
    expect_close(answers["unscaled_accuracy"], raw, "unscaled_accuracy", rtol=0, atol=1e-9)
    model = answers["scaled_svc"]
    expect_fitted(model, "scaled_svc")
    expect_equal(getattr(model, "n_features_in_", None), 13, "scaled_svc.n_features_in_")
    score = model.score(Xte, yte)
    if _same_model(model, clone(model).fit(Xte, yte), Xte):
        raise KnownMistake(Q6_TEST)
    if score < Q6_TARGET and not _has_scaler(model):
        raise KnownMistake(Q6_UNSCALED)
    expect_at_least(score, Q6_TARGET, "test accuracy of scaled_svc", "on Xw_test, yw_test")
    expect_close(answers["scaled_accuracy"], score, "scaled_accuracy", rtol=0, atol=1e-9)


def _q6_trained_on_train(answers: Answers, params: Params) -> None:
    from sklearn.base import clone

    data = _data(params)
    model = answers["scaled_svc"]
    X_all = np.vstack([data["Xw_train"], data["Xw_test"]])
    y_all = np.concatenate([data["yw_train"], data["yw_test"]])
    refit = clone(model).fit(data["Xw_train"], data["yw_train"])
    if _same_model(model, refit, X_all):
        return
    if _same_model(model, clone(model).fit(X_all, y_all), X_all):
        raise KnownMistake(Q6_ALL)
    raise CheckFailed("`scaled_svc` does not behave like a model fitted on Xw_train, yw_train.")


Q6_SOLUTION = """\
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

raw_svc = SVC(kernel="rbf").fit(Xw_train, yw_train)
unscaled_accuracy = raw_svc.score(Xw_test, yw_test)

scaled_svc = make_pipeline(StandardScaler(), SVC(kernel="rbf")).fit(Xw_train, yw_train)
scaled_accuracy = scaled_svc.score(Xw_test, yw_test)"""

Q6 = Question(
    id="q6",
    title="Scale before an RBF SVM",
    points=1,
    prompt=f"""\
## q6 — Why scaling matters (1 point)

An RBF SVM compares points by Euclidean distance, so a feature measured in large units drowns
the others. On the wine data (`Xw_train, yw_train`, `Xw_test, yw_test`):

- `unscaled_accuracy`: the test accuracy of `SVC()` (RBF kernel, default settings) fitted on
  the raw training features;
- `scaled_svc`: a fitted scikit-learn model (a pipeline is fine) trained on the training split
  only, whose test accuracy is at least **{Q6_TARGET}**;
- `scaled_accuracy`: that model's test accuracy.""",
    reads=("unscaled_accuracy", "scaled_svc", "scaled_accuracy"),
    template="""\
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

unscaled_accuracy = ____
scaled_svc = ____
scaled_accuracy = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_UNSCALED,
            Q6_SOLUTION.replace(
                'make_pipeline(StandardScaler(), SVC(kernel="rbf"))', 'SVC(kernel="rbf")'
            ),
        ),
        Mistake(
            Q6_TEST,
            Q6_SOLUTION.replace(
                'SVC(kernel="rbf")).fit(Xw_train, yw_train)',
                'SVC(kernel="rbf")).fit(Xw_test, yw_test)',
            ),
        ),
        Mistake(
            Q6_ALL,
            Q6_SOLUTION.replace(
                'SVC(kernel="rbf")).fit(Xw_train, yw_train)',
                'SVC(kernel="rbf")).fit(\n    np.vstack([Xw_train, Xw_test]), '
                "np.concatenate([yw_train, yw_test])\n)",
            ),
        ),
        Mistake(
            "`unscaled_accuracy` is measured on the training split: score on `Xw_test, yw_test`.",
            Q6_SOLUTION.replace(
                "raw_svc.score(Xw_test, yw_test)", "raw_svc.score(Xw_train, yw_train)"
            ),
        ),
    ),
    hints=(
        "Look at `Xw_train.std(axis=0)`: the columns' spreads differ by a factor of a thousand.",
        "`make_pipeline(StandardScaler(), SVC())` learns the scaling from the training rows "
        "and applies it to whatever it predicts on.",
    ),
    checks=(
        Check(f"the unscaled accuracy, and a model with test accuracy >= {Q6_TARGET}", _q6_public),
        Check(
            "scaled_svc was trained on the training rows only", _q6_trained_on_train, hidden=True
        ),
    ),
)


# q7: tune C and gamma with cross-validation -----------------------------------------------------


@lru_cache(maxsize=8)
def _grid_scores(seed: int, split: str) -> np.ndarray:
    """Mean 3-fold CV accuracy for every (C, gamma), rows C, columns gamma."""
    from sklearn.model_selection import GridSearchCV
    from sklearn.svm import SVC

    data = _context(seed)
    X, y = (
        (data["Xd_train"], data["yd_train"])
        if split == "train"
        else (data["Xd_test"], data["yd_test"])
    )
    search = GridSearchCV(SVC(kernel="rbf"), DIGIT_GRID, cv=3, n_jobs=1).fit(X, y)
    return search.cv_results_["mean_test_score"].reshape(len(DIGIT_GRID["C"]), -1)


@lru_cache(maxsize=8)
def _test_grid(seed: int) -> np.ndarray:
    from sklearn.svm import SVC

    data = _context(seed)
    return np.array(
        [
            [
                SVC(C=C, gamma=g)
                .fit(data["Xd_train"], data["yd_train"])
                .score(data["Xd_test"], data["yd_test"])
                for g in DIGIT_GRID["gamma"]
            ]
            for C in DIGIT_GRID["C"]
        ]
    )


Q7_TEST = (
    "The settings were tuned on the test split: cross-validate on `Xd_train, yd_train` only and "
    "keep the test split for the one final score, or that score is no longer honest."
)
Q7_BY_TEST = (
    "`cv_scores` holds test-split accuracies: choosing C and gamma by their test score tunes on "
    "the test set. Use cross-validation on the training split (`GridSearchCV(..., cv=3)`)."
)
Q7_ALL = (
    "The final model was fitted on all the rows, test split included: refit on the training "
    "split, or the test accuracy flatters it."
)


def _q7_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    data = _data(params)
    expected = _grid_scores(seed, "train")
    found = answers["cv_scores"]
    try:
        numbers = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        numbers = None
    if numbers is not None and numbers.shape == expected.shape:
        if np.allclose(numbers, _grid_scores(seed, "test"), atol=1e-9):
            raise KnownMistake(Q7_TEST)
        if np.allclose(numbers, _test_grid(seed), atol=1e-9):
            raise KnownMistake(Q7_BY_TEST)
    expect_array(found, expected, "cv_scores", rtol=0, atol=1e-9)
    C = expect_number(answers["best_C"], "best_C")
    gamma = expect_number(answers["best_gamma"], "best_gamma")
    top = expected.max()
    where = [
        (c, g)
        for i, c in enumerate(DIGIT_GRID["C"])
        for j, g in enumerate(DIGIT_GRID["gamma"])
        if expected[i, j] >= top - 1e-9
    ]
    if not any(np.isclose(C, c) and np.isclose(gamma, g) for c, g in where):
        c, g = where[0]
        raise CheckFailed(
            f"`best_C, best_gamma` is ({C:g}, {gamma:g}), but the highest cross-validated score "
            f"is at ({c:g}, {g:g}). Take the argmax of `cv_scores` (rows C, columns gamma)."
        )
    predictions = answers["digits_predictions"]
    expected_predictions = _refit_predictions(seed, float(C), float(gamma), "train")
    if _same_predictions(predictions, _refit_predictions(seed, 1.0, -1.0, "train")) and not (
        _same_predictions(predictions, expected_predictions)
    ):
        raise CheckFailed(
            "`digits_predictions` come from `SVC()` with its default settings: refit with "
            "`C=best_C, gamma=best_gamma` (or use `search.best_estimator_`)."
        )
    if _same_predictions(predictions, _refit_predictions(seed, float(C), float(gamma), "all")):
        if not _same_predictions(predictions, expected_predictions):
            raise KnownMistake(Q7_ALL)
    expect_array(predictions, expected_predictions, "digits_predictions", rtol=0, atol=1e-9)
    accuracy = float(np.mean(expected_predictions == data["yd_test"]))
    expect_close(
        answers["digits_test_accuracy"], accuracy, "digits_test_accuracy", rtol=0, atol=1e-9
    )


@lru_cache(maxsize=32)
def _refit_predictions(seed: int, C: float, gamma: float, rows: str) -> np.ndarray:
    """Test-split predictions of an RBF SVC fitted on the training rows (or on all rows);
    gamma -1 means the default, "scale"."""
    from sklearn.svm import SVC

    data = _context(seed)
    X, y = data["Xd_train"], data["yd_train"]
    if rows == "all":
        X = np.vstack([X, data["Xd_test"]])
        y = np.concatenate([y, data["yd_test"]])
    model = SVC(C=C, gamma="scale" if gamma < 0 else gamma).fit(X, y)
    return model.predict(data["Xd_test"])


def _same_predictions(found: Any, expected: np.ndarray) -> bool:
    try:
        array = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        return False
    return array.shape == expected.shape and bool(np.array_equal(array, expected))


def _q7_trained_on_train(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    C = expect_number(answers["best_C"], "best_C")
    gamma = expect_number(answers["best_gamma"], "best_gamma")
    found = answers["digits_predictions"]
    on_train = _refit_predictions(seed, C, gamma, "train")
    if _same_predictions(found, on_train):
        return
    if _same_predictions(found, _refit_predictions(seed, C, gamma, "all")):
        raise KnownMistake(Q7_ALL)
    raise CheckFailed(
        "`digits_predictions` are not the test-split predictions of an SVC with "
        "`best_C, best_gamma` refitted on Xd_train, yd_train."
    )


Q7_SOLUTION = f"""\
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

param_grid = {DIGIT_GRID}
search = GridSearchCV(SVC(kernel="rbf"), param_grid, cv=3, n_jobs=1)
search.fit(Xd_train, yd_train)
cv_scores = search.cv_results_["mean_test_score"].reshape(3, 3)
best_C = search.best_params_["C"]
best_gamma = search.best_params_["gamma"]
digits_model = search.best_estimator_  # refitted on the whole training split
digits_predictions = digits_model.predict(Xd_test)
digits_test_accuracy = np.mean(digits_predictions == yd_test)"""

Q7 = Question(
    id="q7",
    title="Tune C and gamma with cross-validation",
    points=2,
    prompt=f"""\
## q7 — Tuning `C` and `gamma` honestly (2 points)

On the digits subsample, search `param_grid = {DIGIT_GRID}` for an RBF `SVC` with 3-fold
cross-validation on the **training split** (`GridSearchCV(..., cv=3, n_jobs=1)`). Store:

- `cv_scores`: the mean cross-validated accuracy of every setting, an array of shape `(3, 3)`
  with one row per `C` and one column per `gamma`, in the grid's order;
- `best_C`, `best_gamma`: the setting with the highest cross-validated accuracy;
- `digits_predictions`: the predicted digits for `Xd_test` (an array of 300 ints) of an `SVC`
  with those settings refitted on the whole training split;
- `digits_test_accuracy`: the accuracy of those predictions, measured once, at the end.""",
    reads=("cv_scores", "best_C", "best_gamma", "digits_predictions", "digits_test_accuracy"),
    template=f"""\
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

param_grid = {DIGIT_GRID}
cv_scores = ____
best_C = ____
best_gamma = ____
digits_predictions = ____
digits_test_accuracy = ____""",
    solution=Q7_SOLUTION,
    mistakes=(
        Mistake(
            Q7_TEST,
            Q7_SOLUTION.replace("search.fit(Xd_train, yd_train)", "search.fit(Xd_test, yd_test)"),
        ),
        Mistake(
            Q7_BY_TEST,
            Q7_SOLUTION.replace(
                'cv_scores = search.cv_results_["mean_test_score"].reshape(3, 3)',
                "cv_scores = np.array([[SVC(C=c, gamma=g).fit(Xd_train, yd_train).score("
                "Xd_test, yd_test) for g in param_grid['gamma']] for c in param_grid['C']])",
            ),
        ),
        Mistake(
            "`cv_scores` is transposed: one row per C and one column per gamma "
            "(`mean_test_score` lists gamma fastest, so `.reshape(3, 3)` already has that order).",
            Q7_SOLUTION.replace(".reshape(3, 3)", ".reshape(3, 3).T"),
        ),
        Mistake(
            "`digits_test_accuracy` is the cross-validated score (`best_score_`): measure the "
            "refitted model's predictions against `yd_test`.",
            Q7_SOLUTION.replace("np.mean(digits_predictions == yd_test)", "search.best_score_"),
        ),
        Mistake(
            Q7_ALL,
            Q7_SOLUTION.replace(
                "digits_model = search.best_estimator_  # refitted on the whole training split",
                "digits_model = SVC(C=best_C, gamma=best_gamma).fit(\n"
                "    np.vstack([Xd_train, Xd_test]), np.concatenate([yd_train, yd_test])\n)",
            ),
        ),
    ),
    hints=(
        "Fit `GridSearchCV` on the training split only; `cv_results_['mean_test_score']` holds "
        "the nine mean scores, C varying slowest.",
        "`search.best_params_` gives the setting and `search.best_estimator_` the refitted "
        "model; predict `Xd_test` with it once, at the end.",
    ),
    checks=(
        Check("cross-validated scores, the best setting and its test accuracy", _q7_public),
        Check(
            "the final model was refitted on the training rows only",
            _q7_trained_on_train,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("11"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
