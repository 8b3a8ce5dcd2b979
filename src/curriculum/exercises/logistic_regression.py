"""Exercise 08: logistic regression — probabilities, log-loss and gradient descent by hand,
then scikit-learn, classification metrics and a decision threshold chosen for a cost."""

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
# Exercise 08 — Logistic regression and classification metrics

Seven questions: turn a linear score into a probability, write the log-loss and its gradient
by hand, check your gradient descent against scikit-learn, then measure a classifier with
precision, recall, F1 and ROC AUC and choose a decision threshold for a stated cost.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/08_logistic_regression.ipynb` grades the whole notebook the way
  the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# The breast-cancer data: 569 tumours, 30 measurements each. scikit-learn codes malignant as 0;
# we flip it so that 1 = malignant, the class we want to find (the "positive" class).
cancer = load_breast_cancer()
X = cancer.data
y = (cancer.target == 0).astype(int)
feature_names = list(cancer.feature_names)

# Stratified splits keep the share of malignant tumours the same in every part:
# 60 % train, 20 % validation (for choosing settings), 20 % test (for the final measurement).
X_rest, X_test, y_rest, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=seed
)
X_train, X_val, y_train, y_val = train_test_split(
    X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=seed
)

# Two features on very different scales, used in q4.
pair = [feature_names.index("mean area"), feature_names.index("mean smoothness")]
X2_train, X2_val = X_train[:, pair], X_val[:, pair]

# The cost of each kind of error (q7): a missed malignant tumour is ten times worse.
COST_FN, COST_FP = 10, 1
thresholds = np.round(np.linspace(0.05, 0.95, 19), 2)

print(f"{len(X_train)} train / {len(X_val)} validation / {len(X_test)} test rows")
print(f"share malignant: train {y_train.mean():.3f}, val {y_val.mean():.3f}, "
      f"test {y_test.mean():.3f}")"""

Q4_LR = 4.0
Q4_STEPS = 1000  # at lr=4 the reference is within 3e-6 of the optimum after 1000 steps (30 seeds)
Q4_TOL = 1e-4
Q3_STEPS = 30


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _log_loss(y: np.ndarray, p: np.ndarray) -> float:
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _random_problem(seed: int, n: int, p: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardised-looking features and 0/1 labels drawn from a logistic model."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    w = rng.normal(size=p)
    y = (rng.random(n) < _sigmoid(X @ w + 0.3)).astype(float)
    return X, y


# q1: from a score to a probability ----------------------------------------------------------


def _q1_small(answers: Answers, params: Params) -> None:
    fn = answers["predict_proba"]
    expect_callable(fn, "predict_proba")
    X = np.array([[0.5, -1.0], [2.0, 0.3], [-1.5, 0.8], [0.0, 0.0]])
    w, b = np.array([1.2, -0.7]), -0.4
    found = call_learner_function(fn, "predict_proba", X.copy(), w.copy(), b)
    expect_array(found, _sigmoid(X @ w + b), "predict_proba(X, w, b)", rtol=1e-6, atol=1e-9)
    expect_only_numpy(fn, "predict_proba")
    expect_inputs_unchanged(fn, "predict_proba", ("X", "w", "b"))


def _q1_other_inputs(answers: Answers, params: Params) -> None:
    fn = answers["predict_proba"]
    rng = np.random.default_rng(100 + int(params.get("seed", 0)))
    X = rng.normal(scale=8.0, size=(25, 3))
    w, b = rng.normal(size=3), 1.5
    found = call_learner_function(fn, "predict_proba", X, w, b)
    expect_array(found, _sigmoid(X @ w + b), "predict_proba on other data", atol=1e-9)
    Xl, wl = [[1.0], [-2.0], [0.25]], [2.0]
    found = call_learner_function(fn, "predict_proba", Xl, wl, 0.0)
    expected = _sigmoid(np.array(Xl) @ np.array(wl))
    expect_array(found, expected, "predict_proba on plain lists", atol=1e-9)


PROBA_DEF = "def predict_proba(X, w, b):\n"
PROBA_Z = "    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b\n"

Q1 = Question(
    id="q1",
    title="From a linear score to a probability",
    points=1,
    prompt="""\
## q1 — The sigmoid turns a score into a probability (1 point)

Logistic regression computes a linear score $z = Xw + b$ (one number per row) and squashes it
into $(0, 1)$ with the sigmoid $\\sigma(z) = \\dfrac{1}{1 + e^{-z}}$.

Write `predict_proba(X, w, b)` that returns a 1-D NumPy array with one probability
$P(y = 1 \\mid x)$ per row of `X`. Use NumPy only, accept plain Python lists, and do not modify
the inputs.""",
    reads=("predict_proba",),
    template='''\
def predict_proba(X, w, b):
    """P(y = 1 | x) for every row of X."""
    return ____''',
    solution='''\
def predict_proba(X, w, b):
    """P(y = 1 | x) for every row of X."""
    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + b
    return 1 / (1 + np.exp(-z))''',
    mistakes=(
        Mistake(
            "You applied the sigmoid twice: every probability lands between 0.5 and 0.73. "
            "Apply it once, to the score `z = X @ w + b`.",
            PROBA_DEF + PROBA_Z + "    p = 1 / (1 + np.exp(-z))\n    return 1 / (1 + np.exp(-p))",
        ),
        Mistake(
            "The sign in the exponent is flipped: `1 / (1 + np.exp(z))` is P(y = 0), "
            "the other class. Use `np.exp(-z)`.",
            PROBA_DEF + PROBA_Z + "    return 1 / (1 + np.exp(z))",
        ),
        Mistake(
            "The intercept `b` is missing from the score: use `z = X @ w + b`.",
            PROBA_DEF
            + "    z = np.asarray(X, dtype=float) @ np.asarray(w, dtype=float)\n"
            + "    return 1 / (1 + np.exp(-z))",
        ),
        Mistake(
            "You returned hard 0/1 labels; the question asks for probabilities: pass the "
            "score through the sigmoid instead of comparing it with 0.",
            PROBA_DEF + PROBA_Z + "    return (z > 0).astype(float)",
        ),
        Mistake(
            "`predict_proba` must also accept plain Python lists: convert `X` and `w` with "
            "`np.asarray(..., dtype=float)` first.",
            PROBA_DEF + "    return 1 / (1 + np.exp(-(X @ w + b)))",
        ),
    ),
    hints=(
        "Compute the score first: `z = X @ w + b` (after `np.asarray`), one number per row.",
        "`return 1 / (1 + np.exp(-z))`.",
    ),
    checks=(
        Check("matches the sigmoid of the score on a small example", _q1_small),
        Check("works on other data and on plain Python lists", _q1_other_inputs, hidden=True),
    ),
)


# q2: the log-loss ---------------------------------------------------------------------------


def _q2_example(answers: Answers, params: Params) -> None:
    fn = answers["log_loss"]
    expect_callable(fn, "log_loss")
    y = np.array([1, 0, 1, 1, 0, 0])
    p = np.array([0.9, 0.2, 0.6, 0.35, 0.45, 0.05])
    found = call_learner_function(fn, "log_loss", y.copy(), p.copy())
    expect_close(found, _log_loss(y, p), "log_loss(y, p)", rtol=1e-9)
    found = call_learner_function(fn, "log_loss", list(y), list(p))
    expect_close(found, _log_loss(y, p), "log_loss on plain lists", rtol=1e-9)
    expect_only_numpy(fn, "log_loss")


def _q2_other_inputs(answers: Answers, params: Params) -> None:
    from sklearn.metrics import log_loss

    fn = answers["log_loss"]
    rng = np.random.default_rng(200 + int(params.get("seed", 0)))
    y = rng.integers(0, 2, size=40)
    p = np.clip(rng.beta(2, 2, size=40), 1e-6, 1 - 1e-6)
    found = call_learner_function(fn, "log_loss", y, p)
    expect_close(found, float(log_loss(y, p)), "log_loss on other data", rtol=1e-9)
    confident = np.array([1.0 - 1e-9, 1e-9, 1.0 - 1e-9])
    found = call_learner_function(fn, "log_loss", [1, 0, 1], list(confident))
    expect_close(found, _log_loss(np.array([1, 0, 1]), confident), "log_loss, near-certain")


LOSS_DEF = (
    "def log_loss(y, p):\n    y = np.asarray(y, dtype=float)\n    p = np.asarray(p, dtype=float)\n"
)

Q2 = Question(
    id="q2",
    title="The log-loss",
    points=1,
    prompt="""\
## q2 — The log-loss (1 point)

If the model gives probability $p_i$ to $y_i = 1$, the likelihood of the observed 0/1 labels is
$\\prod_i p_i^{y_i}(1-p_i)^{1-y_i}$. Maximising it is the same as minimising the mean negative
log-likelihood, the **log-loss**:
$$L = -\\frac{1}{n}\\sum_{i=1}^{n} \\Big[y_i \\ln p_i + (1 - y_i)\\ln(1 - p_i)\\Big].$$

Write `log_loss(y, p)` that returns this number as a float, using NumPy only. `y` holds 0s and
1s, `p` probabilities strictly between 0 and 1; both may be plain lists.""",
    reads=("log_loss",),
    template='''\
def log_loss(y, p):
    """Mean negative log-likelihood of 0/1 labels y under probabilities p."""
    return ____''',
    solution='''\
def log_loss(y, p):
    """Mean negative log-likelihood of 0/1 labels y under probabilities p."""
    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))''',
    mistakes=(
        Mistake(
            "The minus sign is missing: log of a probability is negative, so the log-loss is "
            "`-np.mean(...)`, a positive number that gets smaller as predictions improve.",
            LOSS_DEF + "    return float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        ),
        Mistake(
            "Take the mean, not the sum: divide by the number of examples (`np.mean`), so the "
            "loss does not grow with the size of the data set.",
            LOSS_DEF + "    return float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        ),
        Mistake(
            "The examples with y = 0 are missing: add the term `(1 - y) * np.log(1 - p)`, or "
            "confident false alarms cost nothing.",
            LOSS_DEF + "    return float(-np.mean(y * np.log(p)))",
        ),
        Mistake(
            "Use the natural logarithm `np.log`, not `np.log10`.",
            LOSS_DEF + "    return float(-np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p)))",
        ),
        Mistake(
            "`y` and `p` have swapped roles: take the log of the probabilities, "
            "`y * np.log(p)`, not of the labels.",
            LOSS_DEF + "    return float(-np.mean(p * np.log(y) + (1 - p) * np.log(1 - y)))",
        ),
        Mistake(
            "`log_loss` must also accept plain Python lists: convert `y` and `p` with "
            "`np.asarray(..., dtype=float)` first.",
            "def log_loss(y, p):\n"
            "    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))",
        ),
    ),
    hints=(
        "Convert both inputs with `np.asarray(..., dtype=float)`; `np.log` works element-wise.",
        "`-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))`.",
    ),
    checks=(
        Check("agrees with the formula on an example, arrays and lists", _q2_example),
        Check(
            "agrees with scikit-learn on other data, near-certain predictions",
            _q2_other_inputs,
            hidden=True,
        ),
    ),
)


# q3: one gradient-descent step on the log-loss ----------------------------------------------


def _reference_step(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float
) -> tuple[np.ndarray, float]:
    error = _sigmoid(X @ w + b) - y
    return w - lr * X.T @ error / len(y), float(b - lr * error.mean())


def _q3_unpack(found: Any) -> tuple[Any, Any]:
    if not isinstance(found, (tuple, list)) or len(found) != 2:
        what = type(found).__name__
        if isinstance(found, (tuple, list)):
            what += f" of {len(found)}"
        raise CheckFailed(
            f"`gradient_step` should return a pair `(w_new, b_new)`, but it returned {what}."
        )
    return found[0], found[1]


def _q3_diagnose(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, lr: float, w_new: Any, b_new: Any
) -> None:
    """Name a slip made in either half of the step (the weights or the intercept alone)."""
    n = len(y)
    error = _sigmoid(X @ w + b) - y
    residual = X @ w + b - y
    slips = {
        "uphill": (w + lr * X.T @ error / n, b + lr * error.mean()),
        "sum": (w - lr * X.T @ error, b - lr * error.sum()),
        "linear": (w - lr * X.T @ residual / n, b - lr * residual.mean()),
        "two": (w - 2 * lr * X.T @ error / n, b - 2 * lr * error.mean()),
    }
    try:
        found_w = np.asarray(w_new, dtype=float)
        found_b = float(np.asarray(b_new, dtype=float).ravel()[0])
    except (TypeError, ValueError, IndexError):
        return
    for slip, (slip_w, slip_b) in slips.items():
        same_w = found_w.shape == slip_w.shape and np.allclose(found_w, slip_w, rtol=1e-6)
        if same_w or np.isclose(found_b, slip_b, rtol=1e-6):
            raise KnownMistake(Q3_SLIPS[slip])


def _q3_one_step(answers: Answers, params: Params) -> None:
    step = answers["gradient_step"]
    expect_callable(step, "gradient_step")
    X, y = _random_problem(3, n=20, p=3)
    w, b = np.array([0.4, -0.2, 0.1]), 0.3
    found = call_learner_function(step, "gradient_step", X.copy(), y.copy(), w.copy(), b, 0.5)
    w_new, b_new = _q3_unpack(found)
    w_expected, b_expected = _reference_step(X, y, w, b, 0.5)
    _q3_diagnose(X, y, w, b, 0.5, w_new, b_new)
    expect_array(w_new, w_expected, "w_new", rtol=1e-6, atol=1e-9)
    expect_close(b_new, b_expected, "b_new", rtol=1e-6, atol=1e-9)
    expect_only_numpy(step, "gradient_step")
    expect_inputs_unchanged(step, "gradient_step", ("X", "y", "w", "b", "lr"))


def _q3_repeated(answers: Answers, params: Params) -> None:
    step = answers["gradient_step"]
    X, y = _random_problem(30 + int(params.get("seed", 0)), n=80, p=2)
    w, b = np.zeros(2), 0.0
    w_ref, b_ref = np.zeros(2), 0.0
    for _ in range(Q3_STEPS):
        w, b = _q3_unpack(call_learner_function(step, "gradient_step", X, y, w, b, 1.0))
        w_ref, b_ref = _reference_step(X, y, w_ref, b_ref, 1.0)
    expect_array(w, w_ref, f"w after {Q3_STEPS} steps", rtol=1e-6, atol=1e-8)
    expect_close(b, b_ref, f"b after {Q3_STEPS} steps", rtol=1e-6, atol=1e-8)
    zeros = _log_loss(y, _sigmoid(np.zeros(len(y))))
    final = _log_loss(y, _sigmoid(X @ np.asarray(w, dtype=float) + float(b)))
    if not final < zeros:
        raise CheckFailed("After repeated steps the log-loss did not go down.")


Q3_SLIPS = {
    "uphill": "Your step goes uphill: the update subtracts the gradient, `w - lr * grad_w` "
    "(and `b - lr * grad_b`); with `y - p` instead of `p - y` the sign flips too.",
    "sum": "Divide by n: the log-loss is a mean over the rows, so its gradient is "
    "`X.T @ (p - y) / n`, not a sum.",
    "linear": "The error must use the probabilities `p = sigmoid(X @ w + b)`, not the raw "
    "score: `X @ w + b - y` is the least-squares gradient.",
    "two": "This is the least-squares habit: the log-loss gradient has no factor 2, "
    "it is `X.T @ (p - y) / n`.",
}

STEP_DEF = (
    "def gradient_step(X, y, w, b, lr):\n"
    "    p = 1 / (1 + np.exp(-(X @ w + b)))\n"
    "    error = p - y\n"
    "    n = len(y)\n"
)

Q3 = Question(
    id="q3",
    title="A gradient-descent step on the log-loss",
    points=2,
    prompt="""\
## q3 — Gradient descent on the log-loss (2 points)

With $p = \\sigma(Xw + b)$, the gradient of the mean log-loss has the same shape as the one for
least squares in module 07, with the probabilities in place of the predictions:
$$\\nabla_w L = \\frac{1}{n} X^\\top (p - y), \\qquad
\\frac{\\partial L}{\\partial b} = \\frac{1}{n}\\sum_i (p_i - y_i).$$

Write `gradient_step(X, y, w, b, lr)` that returns the pair `(w_new, b_new)` after one step of
size `lr` downhill. NumPy only; do not modify the inputs.""",
    reads=("gradient_step",),
    template='''\
def gradient_step(X, y, w, b, lr):
    """Return (w_new, b_new) after one gradient-descent step on the mean log-loss."""
    return ____''',
    solution='''\
def gradient_step(X, y, w, b, lr):
    """Return (w_new, b_new) after one gradient-descent step on the mean log-loss."""
    p = 1 / (1 + np.exp(-(X @ w + b)))
    error = p - y
    n = len(y)
    grad_w = X.T @ error / n
    grad_b = error.sum() / n
    return w - lr * grad_w, b - lr * grad_b''',
    mistakes=(
        Mistake(
            Q3_SLIPS["uphill"],
            STEP_DEF + "    return w + lr * X.T @ error / n, b + lr * error.sum() / n",
        ),
        Mistake(
            Q3_SLIPS["sum"],
            STEP_DEF + "    return w - lr * X.T @ error, b - lr * error.sum()",
        ),
        Mistake(
            Q3_SLIPS["linear"],
            "def gradient_step(X, y, w, b, lr):\n"
            "    error = X @ w + b - y\n"
            "    n = len(y)\n"
            "    return w - lr * X.T @ error / n, b - lr * error.sum() / n",
        ),
        Mistake(
            "`b_new` must move too: subtract `lr * grad_b` from `b`, where "
            "`grad_b = (p - y).mean()`.",
            STEP_DEF + "    return w - lr * X.T @ error / n, b",
        ),
        Mistake(
            Q3_SLIPS["two"],
            STEP_DEF + "    return w - lr * 2 * X.T @ error / n, b - lr * 2 * error.sum() / n",
        ),
    ),
    hints=(
        "Compute `p = 1 / (1 + np.exp(-(X @ w + b)))` and the error `p - y` once; "
        "both gradients use it.",
        "`grad_w = X.T @ (p - y) / n`, `grad_b = (p - y).mean()`; "
        "then return `w - lr * grad_w, b - lr * grad_b`.",
    ),
    checks=(
        Check("one step matches the gradient formula", _q3_one_step),
        Check(
            "repeated steps on other data follow gradient descent and lower the loss",
            _q3_repeated,
            hidden=True,
        ),
    ),
)


# q4: scaled gradient descent against scikit-learn ------------------------------------------


@lru_cache(maxsize=8)
def _q4_reference(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Train mean and scale, and the unpenalised optimum on the standardised pair."""
    from sklearn.linear_model import LogisticRegression

    data = _context(seed)
    X2 = data["X2_train"]
    mean, scale = X2.mean(axis=0), X2.std(axis=0)
    Z = (X2 - mean) / scale
    clf = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(Z, data["y_train"])
    return mean, scale, clf.coef_.ravel().copy(), float(clf.intercept_[0])


def _mean_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    with np.errstate(all="ignore"):
        p = np.clip(_sigmoid(X @ w + b), 1e-12, 1 - 1e-12)
    return _log_loss(y, p)


def _fits_raw_better(
    X_raw: np.ndarray, Z: np.ndarray, y: np.ndarray, w: np.ndarray, b: float
) -> bool:
    """Whether (w, b) were learned on the raw features: they beat both a zero model and
    themselves on the standardised ones there."""
    raw = _mean_loss(X_raw, y, w, b)
    return raw < _mean_loss(Z, y, w, b) and raw < _mean_loss(Z, y, np.zeros_like(w), 0.0)


Q4_UNSCALED = (
    "Gradient descent ran on the unscaled features: `mean area` is in the hundreds and "
    "`mean smoothness` around 0.1, so one step size is far too big for one and far too small "
    "for the other, and descent crawls (or jumps about). Standardise with the scaler first: "
    "`Z2_train = scaler.transform(X2_train)`."
)
Q4_CLF_UNSCALED = (
    "`clf` was fitted on the unscaled features: fit it on `scaler.transform(X2_train)`, the "
    "same standardised data gradient descent uses."
)
Q4_LEAK = (
    "The scaler was fitted on all the rows, validation and test included: fit it on "
    "`X2_train` only, or information from the held-out rows leaks into training."
)
Q4_PENALTY = (
    "`LogisticRegression` adds an L2 penalty by default (C=1.0), but plain gradient descent "
    "has none: use `LogisticRegression(C=np.inf)` so that the two minimise the same loss."
)


def _q4_public(answers: Answers, params: Params) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    seed = int(params.get("seed", 0))
    data = _data(params)
    mean, scale, w_opt, b_opt = _q4_reference(seed)
    scaler = answers["scaler"]
    expect_fitted(scaler, "scaler")
    expect_type(scaler, StandardScaler, "scaler")
    found_mean = np.asarray(getattr(scaler, "mean_", np.zeros(2)), dtype=float)
    if np.allclose(found_mean, data["X"][:, data["pair"]].mean(axis=0), rtol=1e-9):
        raise KnownMistake(Q4_LEAK)
    expect_array(found_mean, mean, "scaler.mean_", rtol=1e-9)
    expect_array(getattr(scaler, "scale_", None), scale, "scaler.scale_", rtol=1e-9)

    clf = answers["clf"]
    expect_fitted(clf, "clf")
    expect_type(clf, LogisticRegression, "clf")
    expect_equal(getattr(clf, "n_features_in_", None), 2, "clf.n_features_in_")
    if float(clf.C) < 1e4:  # C=np.inf (or a huge C) means no penalty
        raise KnownMistake(Q4_PENALTY)
    X2, y = data["X2_train"], data["y_train"]
    Z = (X2 - mean) / scale
    w_clf, b_clf = clf.coef_.ravel(), float(clf.intercept_[0])
    if _fits_raw_better(X2, Z, y, w_clf, b_clf):
        raise KnownMistake(Q4_CLF_UNSCALED)
    expect_array(
        np.concatenate([[b_clf], w_clf]),
        np.concatenate([[b_opt], w_opt]),
        "[clf.intercept_, *clf.coef_]",
        atol=2e-2,
    )

    w_gd = answers["w_gd"]
    expect_array(w_gd, w_opt, "w_gd", atol=1e10)  # the shape first
    b_gd = expect_number(answers["b_gd"], "b_gd")
    w_gd = np.asarray(w_gd, dtype=float)
    if _fits_raw_better(X2, Z, y, w_gd, b_gd):
        raise KnownMistake(Q4_UNSCALED)
    expect_array(w_gd, w_opt, "w_gd (the minimum of the log-loss)", atol=Q4_TOL)
    expect_close(b_gd, b_opt, "b_gd (the minimum of the log-loss)", atol=Q4_TOL)


def _q4_same_model(answers: Answers, params: Params) -> None:
    data = _data(params)
    scaler, clf = answers["scaler"], answers["clf"]
    Z_val = scaler.transform(data["X2_val"])
    from_clf = clf.predict_proba(Z_val)[:, 1]
    from_gd = _sigmoid(Z_val @ np.asarray(answers["w_gd"], dtype=float) + float(answers["b_gd"]))
    expect_array(from_gd, from_clf, "gradient-descent probabilities on X2_val", atol=5e-3)


Q4_SETUP = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.preprocessing import StandardScaler\n\n"
)
Q4_LOOP = (
    "w_gd, b_gd = np.zeros(2), 0.0\n"
    f"for _ in range({Q4_STEPS}):\n"
    "    error = 1 / (1 + np.exp(-(Z2_train @ w_gd + b_gd))) - y_train\n"
    f"    w_gd = w_gd - {Q4_LR} * Z2_train.T @ error / len(y_train)\n"
    f"    b_gd = b_gd - {Q4_LR} * error.mean()\n"
)
Q4_SOLUTION = (
    Q4_SETUP + "scaler = StandardScaler().fit(X2_train)\n"
    "Z2_train = scaler.transform(X2_train)\n"
    "clf = LogisticRegression(C=np.inf).fit(Z2_train, y_train)\n\n"
    "# gradient_step from q3 does the same; the loop is written out so that this cell stands\n"
    "# on its own\n" + Q4_LOOP
)

Q4 = Question(
    id="q4",
    title="Gradient descent agrees with scikit-learn",
    points=2,
    prompt=f"""\
## q4 — Your gradient descent against `LogisticRegression` (2 points)

`X2_train` holds two columns of the training data, `mean area` (hundreds) and
`mean smoothness` (about 0.1).

- `scaler`: a `StandardScaler` fitted on `X2_train` only; call its output `Z2_train`.
- `clf`: a `LogisticRegression` **without a penalty** (`C=np.inf`) fitted on `Z2_train, y_train`.
- `w_gd` (array of 2) and `b_gd` (float): start from zeros and take **{Q4_STEPS}** gradient-descent
  steps with `lr={Q4_LR}` on `Z2_train, y_train` (your `gradient_step` from q3 does one step).

The two should agree to about {Q4_TOL:g}: they minimise the same loss.""",
    reads=("scaler", "clf", "w_gd", "b_gd"),
    template=f"""\
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

scaler = ____
Z2_train = ____
clf = ____

# {Q4_STEPS} gradient-descent steps with lr={Q4_LR}, from zeros, on Z2_train
w_gd = ____
b_gd = ____""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_UNSCALED,
            Q4_SOLUTION.replace(
                "Z2_train = scaler.transform(X2_train)", "Z2_train = X2_train"
            ).replace(
                "clf = LogisticRegression(C=np.inf).fit(Z2_train, y_train)",
                "clf = LogisticRegression(C=np.inf).fit(scaler.transform(X2_train), y_train)",
            ),
        ),
        Mistake(
            Q4_LEAK,
            Q4_SOLUTION.replace(
                "StandardScaler().fit(X2_train)", "StandardScaler().fit(X[:, pair])"
            ),
        ),
        Mistake(
            Q4_PENALTY,
            Q4_SOLUTION.replace("LogisticRegression(C=np.inf)", "LogisticRegression()"),
        ),
        Mistake(
            Q4_CLF_UNSCALED,
            Q4_SOLUTION.replace(".fit(Z2_train, y_train)", ".fit(X2_train, y_train)"),
        ),
        Mistake(
            f"Gradient descent has not reached the minimum yet: take all {Q4_STEPS} steps "
            f"with `lr={Q4_LR}`.",
            Q4_SOLUTION.replace(f"range({Q4_STEPS})", "range(100)"),
        ),
    ),
    hints=(
        "Fit the scaler on `X2_train`, then use `scaler.transform(X2_train)` for both the "
        "library model and your own loop.",
        "`clf = LogisticRegression(C=np.inf).fit(Z2_train, y_train)`; in the loop, "
        f"`w_gd, b_gd = gradient_step(Z2_train, y_train, w_gd, b_gd, {Q4_LR})`.",
    ),
    checks=(
        Check(
            "scaler from the training rows, clf without a penalty, GD at its minimum", _q4_public
        ),
        Check(
            "your weights and clf give the same probabilities on the validation rows",
            _q4_same_model,
            hidden=True,
        ),
    ),
)


# q5: precision, recall and F1 from the confusion matrix --------------------------------------


def _prf(y_true: Any, y_pred: Any) -> tuple[float, float, float]:
    t, p = np.asarray(y_true), np.asarray(y_pred)
    tp = np.sum((p == 1) & (t == 1))
    fp = np.sum((p == 1) & (t == 0))
    fn = np.sum((p == 0) & (t == 1))
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return float(precision), float(recall), float(2 * precision * recall / (precision + recall))


def _q5_unpack(found: Any) -> np.ndarray:
    if not isinstance(found, (tuple, list)) or len(found) != 3:
        raise CheckFailed(
            "`precision_recall_f1` should return three numbers `(precision, recall, f1)`, "
            f"but it returned {type(found).__name__}"
            + (f" of {len(found)}" if isinstance(found, (tuple, list)) else "")
            + "."
        )
    return np.array([expect_number(v, name) for v, name in zip(found, PRF_NAMES, strict=True)])


PRF_NAMES = ("precision", "recall", "f1")


def _q5_example(answers: Answers, params: Params) -> None:
    fn = answers["precision_recall_f1"]
    expect_callable(fn, "precision_recall_f1")
    # tp = 3, fp = 1, fn = 2, tn = 4: precision 0.75, recall 0.6
    y_true = np.array([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    y_pred = np.array([1, 1, 1, 0, 0, 1, 0, 0, 0, 0])
    found = _q5_unpack(call_learner_function(fn, "precision_recall_f1", y_true, y_pred))
    expect_array(found, _prf(y_true, y_pred), "(precision, recall, f1)", rtol=1e-9)
    found = _q5_unpack(call_learner_function(fn, "precision_recall_f1", list(y_true), list(y_pred)))
    expect_array(found, _prf(y_true, y_pred), "(precision, recall, f1) on lists", rtol=1e-9)
    expect_only_numpy(fn, "precision_recall_f1")


def _q5_other_labels(answers: Answers, params: Params) -> None:
    from sklearn.metrics import f1_score, precision_score, recall_score

    fn = answers["precision_recall_f1"]
    rng = np.random.default_rng(500 + int(params.get("seed", 0)))
    y_true = rng.integers(0, 2, size=60)
    y_pred = np.where(rng.random(60) < 0.7, y_true, 1 - y_true)
    y_pred[:3] = 1
    expected = [m(y_true, y_pred) for m in (precision_score, recall_score, f1_score)]
    found = _q5_unpack(call_learner_function(fn, "precision_recall_f1", y_true, y_pred))
    expect_array(found, expected, "(precision, recall, f1) on other labels", rtol=1e-9)


PRF_DEF = (
    "def precision_recall_f1(y_true, y_pred):\n"
    "    t, p = np.asarray(y_true), np.asarray(y_pred)\n"
    "    tp = np.sum((p == 1) & (t == 1))\n"
    "    fp = np.sum((p == 1) & (t == 0))\n"
    "    fn = np.sum((p == 0) & (t == 1))\n"
)

Q5 = Question(
    id="q5",
    title="Precision, recall and F1 by hand",
    points=1,
    prompt="""\
## q5 — Precision, recall and F1 (1 point)

With class 1 as the positive class, count the true positives (TP), false positives (FP) and
false negatives (FN) of the confusion matrix. Then
$$\\text{precision} = \\frac{TP}{TP + FP},\\quad \\text{recall} = \\frac{TP}{TP + FN},\\quad
F_1 = \\frac{2\\,\\text{precision}\\cdot\\text{recall}}{\\text{precision} + \\text{recall}}.$$

Write `precision_recall_f1(y_true, y_pred)` that returns the tuple `(precision, recall, f1)` of
three floats, using NumPy only (no `sklearn.metrics`). Inputs are 0/1 arrays or lists with at
least one predicted and one actual positive.""",
    reads=("precision_recall_f1",),
    template='''\
def precision_recall_f1(y_true, y_pred):
    """(precision, recall, f1) of 0/1 predictions, class 1 positive."""
    return ____''',
    solution='''\
def precision_recall_f1(y_true, y_pred):
    """(precision, recall, f1) of 0/1 predictions, class 1 positive."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = np.sum((y_pred == 1) & (y_true == 1))
    fp = np.sum((y_pred == 1) & (y_true == 0))
    fn = np.sum((y_pred == 0) & (y_true == 1))
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    return float(precision), float(recall), float(f1)''',
    mistakes=(
        Mistake(
            "Precision and recall are swapped: precision divides by everything *predicted* "
            "positive (TP + FP), recall by everything *actually* positive (TP + FN).",
            PRF_DEF + "    precision, recall = tp / (tp + fn), tp / (tp + fp)\n"
            "    return precision, recall, 2 * precision * recall / (precision + recall)",
        ),
        Mistake(
            "F1 is the *harmonic* mean `2 * P * R / (P + R)`, not the ordinary average: it "
            "stays low when either of the two is low.",
            PRF_DEF + "    precision, recall = tp / (tp + fp), tp / (tp + fn)\n"
            "    return precision, recall, (precision + recall) / 2",
        ),
        Mistake(
            "The positive class is 1 (malignant in our data): count TP as `y_pred == 1` and "
            "`y_true == 1`, not class 0.",
            "def precision_recall_f1(y_true, y_pred):\n"
            "    t, p = 1 - np.asarray(y_true), 1 - np.asarray(y_pred)\n"
            "    tp = np.sum((p == 1) & (t == 1))\n"
            "    fp = np.sum((p == 1) & (t == 0))\n"
            "    fn = np.sum((p == 0) & (t == 1))\n"
            "    precision, recall = tp / (tp + fp), tp / (tp + fn)\n"
            "    return precision, recall, 2 * precision * recall / (precision + recall)",
        ),
        Mistake(
            "That is the accuracy, (TP + TN) / n, not the precision: precision is TP / (TP + FP).",
            PRF_DEF + "    precision = np.mean(t == p)\n    recall = tp / (tp + fn)\n"
            "    return precision, recall, 2 * precision * recall / (precision + recall)",
        ),
        Mistake(
            "`precision_recall_f1` must also accept plain Python lists: convert both inputs "
            "with `np.asarray` first (a list compared with 1 is just `False`).",
            "def precision_recall_f1(t, p):\n"
            "    tp = np.sum((p == 1) & (t == 1))\n"
            "    fp = np.sum((p == 1) & (t == 0))\n"
            "    fn = np.sum((p == 0) & (t == 1))\n"
            "    precision, recall = tp / (tp + fp), tp / (tp + fn)\n"
            "    return precision, recall, 2 * precision * recall / (precision + recall)",
        ),
    ),
    hints=(
        "`np.sum((y_pred == 1) & (y_true == 1))` counts the true positives; FP and FN are "
        "the same pattern with one side flipped.",
        "`precision = tp / (tp + fp)`, `recall = tp / (tp + fn)`, "
        "`f1 = 2 * precision * recall / (precision + recall)`.",
    ),
    checks=(
        Check("matches the definitions on an example, arrays and lists", _q5_example),
        Check("agrees with sklearn.metrics on other labels", _q5_other_labels, hidden=True),
    ),
)


# q6: a pipeline, its validation probabilities and ROC AUC ------------------------------------


@lru_cache(maxsize=8)
def _q6_reference(seed: int) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    data = _context(seed)
    return make_pipeline(StandardScaler(), LogisticRegression()).fit(
        data["X_train"], data["y_train"]
    )


Q6_WRONG_COLUMN = (
    "`predict_proba` returns one column per class, in the order of `model.classes_` "
    "(0 = benign, then 1 = malignant): take column 1, `predict_proba(X_val)[:, 1]`. "
    "Column 0 is the probability of the other class."
)
Q6_TEST_SPLIT = (
    "`model` was fitted on the test split: fit it on `X_train, y_train` and keep the test "
    "split for the final measurement."
)
Q6_VAL_SPLIT = (
    "`model` was fitted on the validation split: fit it on `X_train, y_train`; the "
    "validation rows are for measuring and choosing settings."
)
Q6_ALL_ROWS = (
    "`model` was fitted on all the rows, held-out ones included: fit it on `X_train, y_train` only."
)
Q6_NO_SCALER = (
    "Put a `StandardScaler` in front of the `LogisticRegression` (`make_pipeline(...)`): the "
    "30 features have very different scales, and the penalty and the solver both need them "
    "on one scale."
)
Q6_LABELS = (
    "ROC AUC needs scores, not 0/1 labels: pass the probabilities `val_proba` to "
    "`roc_auc_score`, not `model.predict(X_val)`."
)


def _q6_model(answers: Answers, params: Params) -> Any:
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    data = _data(params)
    model = answers["model"]
    expect_fitted(model, "model")
    expect_equal(getattr(model, "n_features_in_", None), 30, "model.n_features_in_")
    if not isinstance(model, Pipeline):
        raise KnownMistake(Q6_NO_SCALER)
    last = model.steps[-1][1]
    expect_type(last, LogisticRegression, "the last step of `model`")
    reference = _q6_reference(int(params.get("seed", 0)))
    found = model.predict_proba(data["X_val"])[:, 1]
    expected = reference.predict_proba(data["X_val"])[:, 1]
    if np.allclose(found, expected, atol=1e-4):
        return reference
    for rows, message in [
        (("X_test", "y_test"), Q6_TEST_SPLIT),
        (("X_val", "y_val"), Q6_VAL_SPLIT),
        (("X", "y"), Q6_ALL_ROWS),
    ]:
        refit = clone(model).fit(data[rows[0]], data[rows[1]])
        if np.allclose(found, refit.predict_proba(data["X_val"])[:, 1], atol=1e-4):
            raise KnownMistake(message)
    if len(model.steps) < 2:
        raise KnownMistake(Q6_NO_SCALER)
    raise CheckFailed(
        "`model` does not give the probabilities of `make_pipeline(StandardScaler(), "
        "LogisticRegression())` fitted on `X_train, y_train` (default settings)."
    )


def _q6_public(answers: Answers, params: Params) -> None:
    from sklearn.metrics import roc_auc_score

    data = _data(params)
    reference = _q6_model(answers, params)
    proba = reference.predict_proba(data["X_val"])
    val_proba = answers["val_proba"]
    expect_array(val_proba, proba[:, 1], "val_proba", atol=1e-9)  # shape first
    auc = float(roc_auc_score(data["y_val"], proba[:, 1]))
    found = expect_number(answers["val_auc"], "val_auc")
    if auc < 1 and abs(found - (1 - auc)) < 1e-9:
        raise KnownMistake(Q6_WRONG_COLUMN)
    labels_auc = float(roc_auc_score(data["y_val"], reference.predict(data["X_val"])))
    if abs(labels_auc - auc) > 1e-9 and abs(found - labels_auc) < 1e-9:
        raise KnownMistake(Q6_LABELS)
    expect_close(found, auc, "val_auc", atol=1e-9)


def _q6_test_rows(answers: Answers, params: Params) -> None:
    data = _data(params)
    reference = _q6_reference(int(params.get("seed", 0)))
    found = answers["model"].predict_proba(data["X_test"])[:, 1]
    expected = reference.predict_proba(data["X_test"])[:, 1]
    expect_array(found, expected, "model's probabilities on new rows", atol=1e-4)


Q6_SETUP = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import roc_auc_score\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n\n"
)
Q6_SOLUTION = (
    Q6_SETUP
    + "model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)\n"
    "val_proba = model.predict_proba(X_val)[:, 1]\n"
    "val_auc = roc_auc_score(y_val, val_proba)"
)

Q6 = Question(
    id="q6",
    title="A pipeline and its ROC AUC on the validation split",
    points=2,
    prompt="""\
## q6 — Probabilities and ROC AUC with scikit-learn (2 points)

- `model`: a pipeline of `StandardScaler()` then `LogisticRegression()` (default settings),
  fitted on all 30 features of `X_train, y_train`.
- `val_proba`: a 1-D array, the model's probability of **malignant** (class 1) for each row
  of `X_val`.
- `val_auc`: the area under the ROC curve of those probabilities on `y_val` (a float).""",
    reads=("model", "val_proba", "val_auc"),
    template="""\
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

model = ____
val_proba = ____
val_auc = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(Q6_WRONG_COLUMN, Q6_SOLUTION.replace("[:, 1]", "[:, 0]")),
        Mistake(
            Q6_LABELS,
            Q6_SOLUTION.replace(
                "roc_auc_score(y_val, val_proba)", "roc_auc_score(y_val, model.predict(X_val))"
            ),
        ),
        Mistake(
            Q6_TEST_SPLIT, Q6_SOLUTION.replace(".fit(X_train, y_train)", ".fit(X_test, y_test)")
        ),
        Mistake(
            Q6_NO_SCALER,
            Q6_SOLUTION.replace(
                "make_pipeline(StandardScaler(), LogisticRegression())",
                "LogisticRegression(max_iter=5000)",
            ),
        ),
        Mistake(
            "`val_auc` must be measured on the validation rows: "
            "`roc_auc_score(y_val, val_proba)`, not on the training rows.",
            Q6_SOLUTION.replace(
                "roc_auc_score(y_val, val_proba)",
                "roc_auc_score(y_train, model.predict_proba(X_train)[:, 1])",
            ),
        ),
    ),
    hints=(
        "`make_pipeline(StandardScaler(), LogisticRegression())` builds the model; `.fit` "
        "returns it. Which column of `predict_proba` belongs to class 1?",
        "`val_proba = model.predict_proba(X_val)[:, 1]`; "
        "`val_auc = roc_auc_score(y_val, val_proba)` (true labels first).",
    ),
    checks=(
        Check("model trained on the training split, class-1 probabilities, their AUC", _q6_public),
        Check(
            "model gives the reference probabilities on rows it has not seen",
            _q6_test_rows,
            hidden=True,
        ),
    ),
)


# q7: a threshold chosen for a cost, on the validation split ---------------------------------


def _cost(y: np.ndarray, proba: np.ndarray, t: float, cost_fn: float, cost_fp: float) -> float:
    pred = proba >= t
    return float(cost_fn * np.sum(~pred & (y == 1)) + cost_fp * np.sum(pred & (y == 0)))


def _choose(y: Any, proba: Any, thresholds: Any, cost_fn: float, cost_fp: float) -> float:
    y, proba = np.asarray(y), np.asarray(proba, dtype=float)
    costs = [_cost(y, proba, t, cost_fn, cost_fp) for t in thresholds]
    return float(np.asarray(thresholds)[int(np.argmin(costs))])


Q7_ON_TEST = (
    "The threshold was chosen on the test split. Choose it on the validation split "
    "(`y_val` and the probabilities for `X_val`); the test split is for measuring the final "
    "choice once, or its cost looks better than it will be on new patients."
)


def _q7_function(answers: Answers, params: Params) -> None:
    fn = answers["choose_threshold"]
    expect_callable(fn, "choose_threshold")
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0, 1, 0])
    proba = np.array([0.9, 0.55, 0.3, 0.35, 0.2, 0.6, 0.1, 0.05, 0.15, 0.45])
    grid = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
    for cost_fn, cost_fp in [(5, 1), (1, 5)]:
        found = call_learner_function(fn, "choose_threshold", y, proba, grid, cost_fn, cost_fp)
        expected = _choose(y, proba, grid, cost_fn, cost_fp)
        expect_close(
            found, expected, f"choose_threshold(..., cost_fn={cost_fn}, cost_fp={cost_fp})"
        )
    expect_only_numpy(fn, "choose_threshold")


def _q7_values(answers: Answers, params: Params) -> None:
    data = _data(params)
    reference = _q6_reference(int(params.get("seed", 0)))
    p_val = reference.predict_proba(data["X_val"])[:, 1]
    p_test = reference.predict_proba(data["X_test"])[:, 1]
    grid, cfn, cfp = data["thresholds"], data["COST_FN"], data["COST_FP"]
    expected = _choose(data["y_val"], p_val, grid, cfn, cfp)
    found = expect_number(answers["threshold"], "threshold")
    on_test = _choose(data["y_test"], p_test, grid, cfn, cfp)
    if abs(found - expected) > 1e-9 and abs(found - on_test) < 1e-9:
        raise KnownMistake(Q7_ON_TEST)
    if abs(found - expected) > 1e-9:
        raise CheckFailed(
            f"`threshold` is {found:g}, but the cheapest threshold on the validation split "
            f"is a different one (this uses the q6 model: make sure q6 passes first)."
        )
    expect_close(
        answers["test_cost"],
        _cost(data["y_test"], p_test, expected, cfn, cfp),
        "test_cost",
        atol=1e-9,
    )


def _q7_other_inputs(answers: Answers, params: Params) -> None:
    fn = answers["choose_threshold"]
    rng = np.random.default_rng(700 + int(params.get("seed", 0)))
    y = rng.integers(0, 2, size=50)
    proba = np.clip(0.3 * y + rng.random(50) * 0.7, 0, 1)
    grid = [0.2, 0.4, 0.6, 0.8]
    for cost_fn, cost_fp in [(3, 1), (1, 2), (1, 1000)]:
        found = call_learner_function(
            fn, "choose_threshold", list(y), list(proba), grid, cost_fn, cost_fp
        )
        expect_close(
            found, _choose(y, proba, grid, cost_fn, cost_fp), "choose_threshold on other data"
        )
    # every threshold costs the same here: the smallest must win the tie
    found = call_learner_function(fn, "choose_threshold", [1, 0], [0.99, 0.01], grid, 1, 1)
    expect_close(found, 0.2, "choose_threshold when several thresholds tie")


Q7_FUNCTION = '''\
def choose_threshold(y_true, proba, thresholds, cost_fn, cost_fp):
    """The threshold with the lowest total cost (the smallest one if several tie)."""
    y_true, proba = np.asarray(y_true), np.asarray(proba, dtype=float)
    costs = []
    for t in thresholds:
        predicted = proba >= t
        fn = np.sum(~predicted & (y_true == 1))
        fp = np.sum(predicted & (y_true == 0))
        costs.append(cost_fn * fn + cost_fp * fp)
    return float(thresholds[int(np.argmin(costs))])
'''
Q7_MODEL = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n\n"
    "# the q6 model, refitted here so that this cell stands on its own\n"
    "model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)\n\n\n"
)
Q7_REST = """

threshold = choose_threshold(
    y_val, model.predict_proba(X_val)[:, 1], thresholds, COST_FN, COST_FP
)
flagged = model.predict_proba(X_test)[:, 1] >= threshold
missed, false_alarms = np.sum(~flagged & (y_test == 1)), np.sum(flagged & (y_test == 0))
test_cost = COST_FN * missed + COST_FP * false_alarms"""
Q7_SOLUTION = Q7_MODEL + Q7_FUNCTION + Q7_REST

Q7 = Question(
    id="q7",
    title="A decision threshold for a stated cost",
    points=2,
    prompt="""\
## q7 — Move the threshold for the cost of errors (2 points)

Predicting "malignant" when the probability is at least a threshold $t$ trades false alarms
(FP, cost `COST_FP = 1`: an extra biopsy) against missed tumours (FN, cost `COST_FN = 10`).

1. Write `choose_threshold(y_true, proba, thresholds, cost_fn, cost_fp)` that returns (as a
   float) the value in `thresholds` with the lowest total cost `cost_fn * FN + cost_fp * FP`,
   predicting positive when `proba >= t`; if several tie, the smallest. NumPy only.
2. `threshold`: the threshold it picks among `thresholds` for the q6 `model` on the
   **validation** split.
3. `test_cost`: the total cost of that threshold on the **test** split (a number).""",
    reads=("choose_threshold", "threshold", "test_cost"),
    template='''\
def choose_threshold(y_true, proba, thresholds, cost_fn, cost_fp):
    """The threshold with the lowest total cost (the smallest one if several tie)."""
    return ____


threshold = ____
test_cost = ____''',
    solution=Q7_SOLUTION,
    mistakes=(
        Mistake(
            Q7_ON_TEST,
            Q7_SOLUTION.replace(
                "y_val, model.predict_proba(X_val)", "y_test, model.predict_proba(X_test)"
            ),
        ),
        Mistake(
            "The two costs are swapped: a missed tumour (FN, true 1 predicted 0) costs "
            "`cost_fn`, a false alarm (FP, true 0 predicted 1) costs `cost_fp`.",
            Q7_SOLUTION.replace(
                "costs.append(cost_fn * fn + cost_fp * fp)",
                "costs.append(cost_fp * fn + cost_fn * fp)",
            ),
        ),
        Mistake(
            "`choose_threshold` must return the threshold itself, not its cost: "
            "`thresholds[np.argmin(costs)]`.",
            Q7_SOLUTION.replace(
                "return float(thresholds[int(np.argmin(costs))])", "return float(np.min(costs))"
            ),
        ),
        Mistake(
            "Pick the *cheapest* threshold with `np.argmin`; `np.argmax` picks the most "
            "expensive one.",
            Q7_SOLUTION.replace("np.argmin(costs)", "np.argmax(costs)"),
        ),
        Mistake(
            "When several thresholds tie for the lowest cost, return the smallest: "
            "`np.argmin` keeps the first minimum (a loop must replace only on a strictly "
            "lower cost).",
            Q7_SOLUTION.replace(
                "thresholds[int(np.argmin(costs))]",
                "thresholds[len(costs) - 1 - int(np.argmin(costs[::-1]))]",
            ),
        ),
        Mistake(
            Q6_WRONG_COLUMN.replace("predict_proba(X_val)[:, 1]", "predict_proba(...)[:, 1]"),
            Q7_SOLUTION.replace("[:, 1]", "[:, 0]"),
        ),
        Mistake(
            "`test_cost` must be measured on the test split (`X_test`, `y_test`), once, at the "
            "threshold chosen on the validation split.",
            Q7_SOLUTION.replace(
                "flagged = model.predict_proba(X_test)[:, 1] >= threshold\n"
                "missed, false_alarms = np.sum(~flagged & (y_test == 1)), "
                "np.sum(flagged & (y_test == 0))",
                "flagged = model.predict_proba(X_val)[:, 1] >= threshold\n"
                "missed, false_alarms = np.sum(~flagged & (y_val == 1)), "
                "np.sum(flagged & (y_val == 0))",
            ),
        ),
    ),
    hints=(
        "For each `t`, `predicted = proba >= t`; a false negative is `~predicted & "
        "(y_true == 1)`. Collect the costs in a list and take `np.argmin`.",
        "`threshold = choose_threshold(y_val, model.predict_proba(X_val)[:, 1], thresholds, "
        "COST_FN, COST_FP)`; then count FN and FP on the test split at that threshold.",
    ),
    checks=(
        Check(
            "the function on an example, the threshold from validation, the test cost", _q7_function
        ),
        Check("threshold and test cost", _q7_values),
        Check("choose_threshold on other data, costs and ties", _q7_other_inputs, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("08"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
