"""Exercise 04: calculus and optimisation — gradients by hand and by finite differences, gradient
descent and its learning rate, momentum, mini-batches, and scipy.optimize.minimize."""

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
    expect_inputs_unchanged,
    expect_number,
    expect_only_numpy,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 04 — Calculus and optimisation

Seven questions: a gradient by the chain rule, the same gradient by finite differences, gradient
descent and the learning rate that breaks it, momentum, mini-batches, and SciPy's optimiser.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/04_calculus_optimization.ipynb` grades the whole notebook the way
  the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import make_classification, make_regression
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# q1, q2, q7: a one-neuron model for two classes labelled -1 and +1. It predicts tanh(X @ w);
# the first column of X is all ones, so w[0] plays the part of an intercept.
features, labels = make_classification(
    n_samples=300, n_features=3, n_informative=3, n_redundant=0, n_clusters_per_class=1,
    flip_y=0.1, random_state=seed,
)
X_all = np.column_stack([np.ones(len(features)), features])
y_all = np.where(labels == 1, 1.0, -1.0)
X_train, X_test, y_train, y_test = train_test_split(
    X_all, y_all, test_size=0.3, random_state=seed
)
penalty = 0.01  # a small ridge penalty keeps the best weights finite


def loss(w, X, y):
    \"\"\"Mean squared error of tanh(X @ w) against y, plus penalty * ||w||^2.\"\"\"
    return float(np.mean((np.tanh(X @ w) - y) ** 2) + penalty * (w @ w))


# q3, q4, q5: a two-parameter bowl f(w) = 1/2 w^T A w - b^T w; how steep it is depends on seed.
angle = rng.uniform(0, np.pi)
rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
steep = rng.choice([3.0, 6.0, 14.0]) * rng.uniform(0.92, 1.08)
shallow = rng.uniform(0.3, 0.6)
A = rotation @ np.diag([steep, shallow]) @ rotation.T
b = rng.normal(size=2)
w_start = np.array([3.0, -3.0])
learning_rates = [0.05, 0.1, 0.2, 0.5, 1.0]


def bowl(w):
    \"\"\"The bowl's height at w.\"\"\"
    return float(0.5 * w @ A @ w - b @ w)


# q6: a linear-regression problem for mini-batch descent.
Xr, yr = make_regression(n_samples=120, n_features=3, noise=5.0, random_state=seed)
print(f"tanh model: {len(X_train)} train / {len(X_test)} test rows, {X_all.shape[1]} weights")
print(f"bowl: A is {A.shape}, w_start = {w_start}")
print(f"regression: {Xr.shape[0]} rows, {Xr.shape[1]} features")"""

PENALTY = 0.01
LEARNING_RATES = (0.05, 0.1, 0.2, 0.5, 1.0)
DIVERGENCE_STEPS = 100
# BFGS from zeros ends with a gradient norm of 1.6e-7 to 1.3e-5 over seeds 0-24; stopped after 3
# iterations it is 1.4e-2 to 0.46, and Nelder-Mead with its defaults 7e-6 to 4.8e-3.
GRADIENT_TOLERANCE = 1e-3
LOSS_TOLERANCE = 1e-6  # how far above the reference minimum w_fit's training loss may be


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _loss(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((np.tanh(X @ w) - y) ** 2) + PENALTY * (w @ w))


def _gradient(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    t = np.tanh(X @ w)
    return 2 / len(y) * (X.T @ ((t - y) * (1 - t**2))) + 2 * PENALTY * w


def _central(w: np.ndarray, X: np.ndarray, y: np.ndarray, h: float) -> np.ndarray:
    out = np.empty(len(w))
    for i in range(len(w)):
        step = np.zeros(len(w))
        step[i] = h
        out[i] = (_loss(w + step, X, y) - _loss(w - step, X, y)) / (2 * h)
    return out


def _tanh_problem(seed: int, n: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.normal(size=(n, d - 1))])
    y = np.where(rng.random(n) < 0.5, 1.0, -1.0)
    return X, y, rng.normal(scale=0.8, size=d)


def _expect_pair_or_array(found: Any, name: str) -> None:
    if found is None or isinstance(found, (str, dict)):
        raise CheckFailed(f"`{name}` should return a NumPy array, but it returned {found!r}.")


# q1: the gradient by the chain rule ------------------------------------------------------------


def _q1_train(answers: Answers, params: Params) -> None:
    fn = answers["loss_gradient"]
    expect_callable(fn, "loss_gradient")
    data = _data(params)
    X, y = data["X_train"], data["y_train"]
    w = np.array([0.3, -0.8, 0.5, 1.1])
    found = call_learner_function(fn, "loss_gradient", w.copy(), X, y)
    expect_array(found, _gradient(w, X, y), "loss_gradient(w, X_train, y_train)", rtol=1e-6)
    expect_inputs_unchanged(fn, "loss_gradient", ("w", "X", "y"))


def _q1_other(answers: Answers, params: Params) -> None:
    fn = answers["loss_gradient"]
    for seed, n, d in [(11, 40, 2), (12, 7, 5), (13, 200, 3)]:
        X, y, w = _tanh_problem(seed, n, d)
        found = call_learner_function(fn, "loss_gradient", w, X, y)
        expect_array(found, _gradient(w, X, y), "loss_gradient on other data", rtol=1e-6)
    found = call_learner_function(fn, "loss_gradient", np.zeros(3), *_tanh_problem(14, 30, 3)[:2])
    expect_array(found, _gradient(np.zeros(3), *_tanh_problem(14, 30, 3)[:2]), "at w = 0")


Q1_GRAD = "def loss_gradient(w, X, y):\n    t = np.tanh(X @ w)\n"
Q1_CHAIN = (
    "The chain-rule factor is missing: tanh's derivative is 1 - tanh(z)**2, so multiply the "
    "residual by `(1 - t**2)` before `X.T @ ...`."
)

Q1 = Question(
    id="q1",
    title="A gradient by the chain rule",
    points=2,
    prompt="""\
## q1 — The gradient of the tanh model's loss (2 points)

The setup defines `loss(w, X, y)`: with $t = \\tanh(Xw)$ (one prediction per row),
$$L(w) = \\frac{1}{n}\\sum_{i=1}^n (t_i - y_i)^2 + \\lambda \\lVert w\\rVert^2,
\\qquad \\lambda = \\texttt{penalty}.$$
Use the chain rule: $\\frac{d}{dz}\\tanh z = 1 - \\tanh^2 z$, and $z_i = x_i \\cdot w$ depends on
$w$ through $x_i$. Write `loss_gradient(w, X, y)` that returns $\\nabla L(w)$ as a NumPy array
of shape `w.shape`, using NumPy only, without modifying its inputs.""",
    reads=("loss_gradient",),
    template='''\
def loss_gradient(w, X, y):
    """Gradient of loss(w, X, y) with respect to w."""
    return ____''',
    solution='''\
def loss_gradient(w, X, y):
    """Gradient of loss(w, X, y) with respect to w."""
    t = np.tanh(X @ w)
    n = len(y)
    return (2 / n) * (X.T @ ((t - y) * (1 - t**2))) + 2 * penalty * w''',
    mistakes=(
        Mistake(Q1_CHAIN, Q1_GRAD + "    return 2 / len(y) * (X.T @ (t - y)) + 2 * penalty * w"),
        Mistake(
            "tanh's derivative is `1 - t**2` (squared), not `1 - t`.",
            Q1_GRAD + "    return 2 / len(y) * (X.T @ ((t - y) * (1 - t))) + 2 * penalty * w",
        ),
        Mistake(
            "The factor 2 from differentiating the square is missing: d/dt (t - y)**2 = 2 (t - y).",
            Q1_GRAD + "    return 1 / len(y) * (X.T @ ((t - y) * (1 - t**2))) + 2 * penalty * w",
        ),
        Mistake(
            "Divide by n: the loss is a *mean* over the rows, so its gradient is too.",
            Q1_GRAD + "    return 2 * (X.T @ ((t - y) * (1 - t**2))) + 2 * penalty * w",
        ),
        Mistake(
            "The sign is flipped: the residual is prediction minus target, `t - y`; with "
            "`y - t` the gradient points downhill.",
            Q1_GRAD + "    return 2 / len(y) * (X.T @ ((y - t) * (1 - t**2))) + 2 * penalty * w",
        ),
        Mistake(
            "The penalty's gradient is missing: penalty * ||w||^2 adds `2 * penalty * w`.",
            Q1_GRAD + "    return 2 / len(y) * (X.T @ ((t - y) * (1 - t**2)))",
        ),
    ),
    hints=(
        "Work from the outside in: d/dt of (t - y)**2, then d/dz of tanh z, then d/dw of X @ w "
        "(that last step is where `X.T @` comes from). Add the penalty's gradient last.",
        "With `t = np.tanh(X @ w)`: `(2 / n) * X.T @ ((t - y) * (1 - t**2)) + 2 * penalty * w`.",
    ),
    checks=(
        Check("matches the gradient on the training data", _q1_train),
        Check("works for other shapes and at w = 0", _q1_other, hidden=True),
    ),
)


# q2: the same gradient by central differences ---------------------------------------------------


def _q2_train(answers: Answers, params: Params) -> None:
    fn = answers["numerical_gradient"]
    expect_callable(fn, "numerical_gradient")
    data = _data(params)
    X, y = data["X_train"], data["y_train"]
    w = np.array([0.4, 0.9, -0.6, 1.2])
    found = call_learner_function(fn, "numerical_gradient", w.copy(), X, y, 1e-3)
    expect_only_numpy(fn, "numerical_gradient", ("sklearn", "scipy"))
    expect_array(found, _central(w, X, y, 1e-3), "numerical_gradient(w, X_train, y_train, 1e-3)")
    expect_inputs_unchanged(fn, "numerical_gradient", ("w", "X", "y", "h"))


def _q2_large_step(answers: Answers, params: Params) -> None:
    fn = answers["numerical_gradient"]
    for seed, n, d, h in [(21, 50, 3, 0.1), (22, 9, 6, 0.05), (23, 80, 2, 0.3)]:
        X, y, w = _tanh_problem(seed, n, d)
        found = call_learner_function(fn, "numerical_gradient", w, X, y, h)
        expect_array(found, _central(w, X, y, h), f"numerical_gradient with h = {h}")
    expect_inputs_unchanged(fn, "numerical_gradient", ("w", "X", "y", "h"))


Q2_HEAD = "def numerical_gradient(w, X, y, h):\n    grad = np.zeros(len(w))\n"
Q2_LOOP = "    for i in range(len(w)):\n        e = np.zeros(len(w))\n        e[i] = h\n"

Q2 = Question(
    id="q2",
    title="Gradient checking with central differences",
    points=2,
    prompt="""\
## q2 — The gradient by finite differences (2 points)

A *gradient check* compares an analytic gradient with one computed from the loss alone. Write
`numerical_gradient(w, X, y, h)` that returns, for every coordinate $i$, the **central
difference**
$$\\frac{L(w + h\\,e_i) - L(w - h\\,e_i)}{2h},$$
where $L$ is the setup's `loss` and $e_i$ is the $i$-th unit vector (1 at position $i$, 0
elsewhere). Return a NumPy array of shape `w.shape`. Use NumPy only (no `scipy.optimize`), and
do not modify `w`.""",
    reads=("numerical_gradient",),
    template='''\
def numerical_gradient(w, X, y, h):
    """Central-difference estimate of the gradient of loss at w."""
    return ____''',
    solution='''\
def numerical_gradient(w, X, y, h):
    """Central-difference estimate of the gradient of loss at w."""
    w = np.asarray(w, dtype=float)
    grad = np.zeros(len(w))
    for i in range(len(w)):
        e = np.zeros(len(w))
        e[i] = h
        grad[i] = (loss(w + e, X, y) - loss(w - e, X, y)) / (2 * h)
    return grad''',
    mistakes=(
        Mistake(
            "That is a forward difference, (L(w + h e_i) - L(w)) / h: its error shrinks only "
            "like h. The prompt asks for the central difference, (L(w + h e_i) - L(w - h e_i)) "
            "/ (2h), whose error shrinks like h**2.",
            Q2_HEAD
            + Q2_LOOP
            + "        grad[i] = (loss(w + e, X, y) - loss(w, X, y)) / h\n    return grad",
        ),
        Mistake(
            "Divide by 2h, not h: the two points w + h e_i and w - h e_i are 2h apart "
            "(your gradient is twice too large).",
            Q2_HEAD
            + Q2_LOOP
            + "        grad[i] = (loss(w + e, X, y) - loss(w - e, X, y)) / h\n    return grad",
        ),
        Mistake(
            "Perturb one coordinate at a time: `w + h` moves every weight at once, so every "
            "entry gets the same slope along the diagonal.",
            Q2_HEAD
            + "    for i in range(len(w)):\n"
            + "        grad[i] = (loss(w + h, X, y) - loss(w - h, X, y)) / (2 * h)\n"
            + "    return grad",
        ),
        Mistake(
            "changed its input `w` in place",
            Q2_HEAD
            + "    for i in range(len(w)):\n"
            + "        w[i] += h\n        up = loss(w, X, y)\n"
            + "        w[i] -= 2 * h\n        down = loss(w, X, y)\n"
            + "        grad[i] = (up - down) / (2 * h)\n    return grad",
        ),
        Mistake(
            "This returns the analytic gradient; the point of a gradient check is to get the "
            "slope from `loss` values alone, by central differences.",
            "def numerical_gradient(w, X, y, h):\n"
            "    t = np.tanh(X @ w)\n"
            "    return 2 / len(y) * (X.T @ ((t - y) * (1 - t**2))) + 2 * penalty * w",
        ),
        Mistake(
            "calls SciPy, but the prompt asks for NumPy only",
            "from scipy.optimize import approx_fprime\n\n"
            "def numerical_gradient(w, X, y, h):\n"
            "    return approx_fprime(w, loss, h, X, y)",
        ),
    ),
    hints=(
        "Loop over the coordinates. For coordinate `i`, build a vector `e` of zeros with `h` "
        "at position `i`, and evaluate `loss` at `w + e` and at `w - e`.",
        "`grad[i] = (loss(w + e, X, y) - loss(w - e, X, y)) / (2 * h)`.",
    ),
    checks=(
        Check("matches central differences with h = 1e-3 on the training data", _q2_train),
        Check(
            "matches central differences for large steps h and other shapes",
            _q2_large_step,
            hidden=True,
        ),
    ),
)


# q3: gradient descent on the bowl ---------------------------------------------------------------


def _descent(A: np.ndarray, b: np.ndarray, w0: np.ndarray, lr: float, n_steps: int) -> np.ndarray:
    path = [np.asarray(w0, dtype=float)]
    for _ in range(n_steps):
        path.append(path[-1] - lr * (A @ path[-1] - b))
    return np.array(path)


def _random_bowl(seed: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(d, d))
    A = M @ M.T / d + 0.5 * np.eye(d)
    return A, rng.normal(size=d), rng.normal(scale=2.0, size=d)


def _check_path(found: Any, expected: np.ndarray, name: str) -> None:
    _expect_pair_or_array(found, name)
    try:
        rows = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        rows = None
    if rows is not None and rows.shape == expected.shape and len(expected) > 2:
        if np.allclose(rows, rows[-1]) and not np.allclose(expected, expected[-1]):
            raise KnownMistake(
                f"Every row of `{name}` is the same: you appended the same array each step "
                "and then changed it in place (`w -= ...`). Append a new array "
                "(`w = w - lr * grad`) or a copy."
            )
    expect_array(found, expected, name, rtol=1e-6, atol=1e-8)


def _q3_bowl(answers: Answers, params: Params) -> None:
    fn = answers["gradient_descent"]
    expect_callable(fn, "gradient_descent")
    data = _data(params)
    A, b, w0 = data["A"], data["b"], data["w_start"]
    found = call_learner_function(fn, "gradient_descent", A, b, w0.copy(), 0.05, 10)
    _check_path(found, _descent(A, b, w0, 0.05, 10), "gradient_descent(A, b, w_start, 0.05, 10)")
    expect_inputs_unchanged(fn, "gradient_descent", ("A", "b", "w0", "lr", "n_steps"))


def _q3_other(answers: Answers, params: Params) -> None:
    fn = answers["gradient_descent"]
    for seed, d, lr, steps in [(31, 3, 0.1, 25), (32, 5, 0.02, 7), (33, 1, 0.3, 4)]:
        A, b, w0 = _random_bowl(seed, d)
        found = call_learner_function(fn, "gradient_descent", A, b, w0, lr, steps)
        _check_path(found, _descent(A, b, w0, lr, steps), "gradient_descent on another bowl")
    A, b, w0 = _random_bowl(34, 2)
    found = call_learner_function(fn, "gradient_descent", A, b, w0, 0.1, 0)
    expect_array(found, w0[None, :], "gradient_descent with n_steps = 0")
    expect_inputs_unchanged(fn, "gradient_descent", ("A", "b", "w0", "lr", "n_steps"))


Q3_HEAD = "def gradient_descent(A, b, w0, lr, n_steps):\n"

Q3 = Question(
    id="q3",
    title="Gradient descent on a bowl",
    points=2,
    prompt="""\
## q3 — Gradient descent (2 points)

The bowl $f(w) = \\tfrac12 w^\\top A w - b^\\top w$ (with $A$ symmetric) has gradient
$\\nabla f(w) = Aw - b$. Write `gradient_descent(A, b, w0, lr, n_steps)` that starts at `w0`,
takes `n_steps` gradient-descent steps of learning rate `lr`,
$$w_{k+1} = w_k - \\texttt{lr}\\,\\nabla f(w_k),$$
and returns the whole path as a NumPy array of shape `(n_steps + 1, len(w0))`: row 0 is `w0`,
row $k$ is $w_k$. Do not modify `w0`.""",
    reads=("gradient_descent",),
    template='''\
def gradient_descent(A, b, w0, lr, n_steps):
    """The path w_0, ..., w_n_steps of gradient descent on 1/2 w^T A w - b^T w."""
    return ____''',
    solution='''\
def gradient_descent(A, b, w0, lr, n_steps):
    """The path w_0, ..., w_n_steps of gradient descent on 1/2 w^T A w - b^T w."""
    w = np.asarray(w0, dtype=float)
    path = [w]
    for _ in range(n_steps):
        w = w - lr * (A @ w - b)
        path.append(w)
    return np.array(path)''',
    mistakes=(
        Mistake(
            "Your steps go uphill: gradient descent *subtracts* the gradient, "
            "`w = w - lr * (A @ w - b)`.",
            Q3_HEAD + "    path = [w0]\n    w = w0\n    for _ in range(n_steps):\n"
            "        w = w + lr * (A @ w - b)\n        path.append(w)\n    return np.array(path)",
        ),
        Mistake(
            "The gradient of 1/2 w^T A w - b^T w is `A @ w - b` (minus b, not plus).",
            Q3_HEAD + "    path = [w0]\n    w = w0\n    for _ in range(n_steps):\n"
            "        w = w - lr * (A @ w + b)\n        path.append(w)\n    return np.array(path)",
        ),
        Mistake(
            "Row 0 of the path must be the starting point `w0`: the answer has n_steps + 1 rows.",
            Q3_HEAD + "    path = []\n    w = w0\n    for _ in range(n_steps):\n"
            "        w = w - lr * (A @ w - b)\n        path.append(w)\n    return np.array(path)",
        ),
        Mistake(
            "The learning rate is missing: scale the gradient by `lr` before subtracting it.",
            Q3_HEAD + "    path = [w0]\n    w = w0\n    for _ in range(n_steps):\n"
            "        w = w - (A @ w - b)\n        path.append(w)\n    return np.array(path)",
        ),
        Mistake(
            "One step too many: the loop should run `n_steps` times, giving n_steps + 1 rows.",
            Q3_HEAD + "    path = [w0]\n    w = w0\n    for _ in range(n_steps + 1):\n"
            "        w = w - lr * (A @ w - b)\n        path.append(w)\n    return np.array(path)",
        ),
    ),
    hints=(
        "Keep a list that starts as `[w0]`; each step computes the gradient at the current "
        "point and appends the new point. `np.array(list_of_vectors)` stacks the rows.",
        "Inside the loop: `w = w - lr * (A @ w - b)` then `path.append(w)`. Writing "
        "`w = w - ...` (not `w -= ...`) makes a new array each step.",
    ),
    checks=(
        Check("the path on the setup's bowl, lr = 0.05, 10 steps", _q3_bowl),
        Check("other bowls and sizes, and n_steps = 0", _q3_other, hidden=True),
    ),
)


# q4: the learning rate that breaks descent -----------------------------------------------------


def _limit(H: np.ndarray) -> float:
    return float(2 / np.linalg.eigvalsh(H)[-1])


def _first_diverging(A: np.ndarray, b: np.ndarray, w0: np.ndarray) -> float:
    start = 0.5 * w0 @ A @ w0 - b @ w0
    for lr in LEARNING_RATES:
        with np.errstate(all="ignore"):
            w = _descent(A, b, w0, lr, DIVERGENCE_STEPS)[-1]
            end = 0.5 * w @ A @ w - b @ w
        if not np.isfinite(end) or end > start:
            return lr
    return float("nan")


def _q4_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    A, b, w0 = data["A"], data["b"], data["w_start"]
    fn = answers["learning_rate_limit"]
    expect_callable(fn, "learning_rate_limit")
    found = call_learner_function(fn, "learning_rate_limit", A.copy())
    expect_close(found, _limit(A), "learning_rate_limit(A)", rtol=1e-6)
    expect_close(answers["lr_limit"], _limit(A), "lr_limit", rtol=1e-6)
    eig = np.linalg.eigvalsh(A)
    expect_close(answers["condition_number"], eig[-1] / eig[0], "condition_number", rtol=1e-6)
    first = expect_number(answers["first_diverging"], "first_diverging")
    if first not in LEARNING_RATES:
        raise CheckFailed(
            f"`first_diverging` is {first:g}, which is not one of learning_rates "
            f"{list(LEARNING_RATES)}."
        )
    expect_close(first, _first_diverging(A, b, w0), "first_diverging", rtol=0)


def _q4_other(answers: Answers, params: Params) -> None:
    fn = answers["learning_rate_limit"]
    cases = [
        np.array([[2.0, 0.0], [0.0, 8.0]]),
        np.array([[5.0, -4.0], [-4.0, 5.0]]),
        _random_bowl(41, 4)[0],
        np.array([[0.5]]),
    ]
    for H in cases:
        found = call_learner_function(fn, "learning_rate_limit", H)
        expect_close(found, _limit(H), "learning_rate_limit on another Hessian", rtol=1e-6)


Q4_FIRST = """
first_diverging = None
for lr in learning_rates:
    end = gradient_descent(A, b, w_start, lr, 100)[-1]
    if not np.isfinite(bowl(end)) or bowl(end) > bowl(w_start):
        first_diverging = lr
        break"""
Q4_DESCENT = """
def gradient_descent(A, b, w0, lr, n_steps):
    w, path = w0, [w0]
    for _ in range(n_steps):
        w = w - lr * (A @ w - b)
        path.append(w)
    return np.array(path)
"""


def _q4_variant(limit: str, kappa: str, first: str = Q4_FIRST) -> str:
    return (
        "def learning_rate_limit(H):\n"
        f"    eigenvalues = np.linalg.eigvalsh(H)\n    return {limit}\n"
        + Q4_DESCENT
        + "\nlr_limit = learning_rate_limit(A)\n"
        + "eigenvalues = np.linalg.eigvalsh(A)\n"
        + f"condition_number = {kappa}\n"
        + first
    )


Q4_OK_LIMIT = "2 / eigenvalues.max()"
Q4_OK_KAPPA = "eigenvalues.max() / eigenvalues.min()"

Q4 = Question(
    id="q4",
    title="The learning rate that diverges",
    points=2,
    prompt=f"""\
## q4 — Curvature sets the largest learning rate (2 points)

The **Hessian** of a function is the matrix of its second derivatives; for the setup's bowl it
is `A`. Along an eigenvector of the Hessian with eigenvalue $\\lambda$, one step multiplies the
distance to the minimum by $1 - \\texttt{{lr}}\\,\\lambda$, so descent is stable only when
$\\texttt{{lr}} < 2 / \\lambda_{{\\max}}$.

- `learning_rate_limit(H)`: a function returning $2/\\lambda_{{\\max}}$ for a symmetric matrix
  `H` (a float);
- `lr_limit`: `learning_rate_limit(A)`;
- `condition_number`: $\\kappa = \\lambda_{{\\max}} / \\lambda_{{\\min}}$ of `A` (a float);
- `first_diverging`: the smallest learning rate in the setup's `learning_rates`
  {list(LEARNING_RATES)} for which {DIVERGENCE_STEPS} steps of gradient descent from `w_start`
  end *higher* on the bowl than they started (`bowl(w_end) > bowl(w_start)`, or not finite).
  Run the descent (your `gradient_descent` from q3 will do) and let the numbers decide.""",
    reads=("learning_rate_limit", "lr_limit", "condition_number", "first_diverging"),
    template="""\
def learning_rate_limit(H):
    \"\"\"2 / (largest eigenvalue of the symmetric matrix H).\"\"\"
    return ____


lr_limit = ____
condition_number = ____
first_diverging = ____""",
    solution="""\
def learning_rate_limit(H):
    \"\"\"2 / (largest eigenvalue of the symmetric matrix H).\"\"\"
    return float(2 / np.linalg.eigvalsh(H)[-1])


lr_limit = learning_rate_limit(A)
eigenvalues = np.linalg.eigvalsh(A)
condition_number = float(eigenvalues[-1] / eigenvalues[0])

first_diverging = None
for lr in learning_rates:
    w_end = w_start
    for _ in range(100):
        w_end = w_end - lr * (A @ w_end - b)
    if not np.isfinite(bowl(w_end)) or bowl(w_end) > bowl(w_start):
        first_diverging = lr
        break""",
    mistakes=(
        Mistake(
            "The stability limit is 2 / lambda_max, not 1 / lambda_max: a step may overshoot "
            "the minimum as long as it lands closer than it started.",
            _q4_variant("1 / eigenvalues.max()", Q4_OK_KAPPA),
        ),
        Mistake(
            "Use the *largest* eigenvalue: the steepest direction is the first to blow up.",
            _q4_variant("2 / eigenvalues.min()", Q4_OK_KAPPA),
        ),
        Mistake(
            "The condition number is the largest eigenvalue over the smallest "
            "(it is at least 1); yours is upside down.",
            _q4_variant(Q4_OK_LIMIT, "eigenvalues.min() / eigenvalues.max()"),
        ),
        Mistake(
            "Eigenvalues, not entries: the diagonal of H is not its curvature along the "
            "steepest direction when H is not diagonal. Use `np.linalg.eigvalsh(H)`.",
            "def learning_rate_limit(H):\n    return 2 / np.max(np.diag(H))\n"
            + Q4_DESCENT
            + "\nlr_limit = learning_rate_limit(A)\neigenvalues = np.linalg.eigvalsh(A)\n"
            + f"condition_number = {Q4_OK_KAPPA}\n"
            + Q4_FIRST,
        ),
        Mistake(
            "`first_diverging` is the last learning rate that still converges; the question "
            "asks for the first one that diverges.",
            _q4_variant(
                Q4_OK_LIMIT,
                Q4_OK_KAPPA,
                Q4_FIRST.replace(
                    "first_diverging = lr\n        break",
                    "break\n    first_diverging = lr",
                ),
            ),
        ),
    ),
    hints=(
        "`np.linalg.eigvalsh(H)` returns the eigenvalues of a symmetric matrix in ascending "
        "order. For `first_diverging`, loop over `learning_rates` and stop at the first that "
        "ends higher than it started.",
        "`eigenvalues[-1]` is the largest, `eigenvalues[0]` the smallest. In the loop: "
        "`w_end = gradient_descent(A, b, w_start, lr, 100)[-1]` and compare `bowl(w_end)` "
        "with `bowl(w_start)`.",
    ),
    checks=(
        Check("the limit, the condition number and the first diverging rate", _q4_public),
        Check("learning_rate_limit on other Hessians, diagonal or not", _q4_other, hidden=True),
    ),
)


# q5: momentum ---------------------------------------------------------------------------------


def _momentum(A, b, w0, lr, beta, n_steps):
    w = np.asarray(w0, dtype=float)
    v = np.zeros_like(w)
    path = [w]
    for _ in range(n_steps):
        v = beta * v + (A @ w - b)
        w = w - lr * v
        path.append(w)
    return np.array(path)


def _q5_bowl(answers: Answers, params: Params) -> None:
    fn = answers["momentum_descent"]
    expect_callable(fn, "momentum_descent")
    data = _data(params)
    A, b, w0 = data["A"], data["b"], data["w_start"]
    found = call_learner_function(fn, "momentum_descent", A, b, w0.copy(), 0.02, 0.9, 12)
    name = "momentum_descent(A, b, w_start, 0.02, 0.9, 12)"
    _check_path(found, _momentum(A, b, w0, 0.02, 0.9, 12), name)
    expect_inputs_unchanged(fn, "momentum_descent", ("A", "b", "w0", "lr", "beta", "n_steps"))


def _q5_other(answers: Answers, params: Params) -> None:
    fn = answers["momentum_descent"]
    for seed, d, lr, beta, steps in [(51, 3, 0.05, 0.5, 20), (52, 4, 0.01, 0.95, 9)]:
        A, b, w0 = _random_bowl(seed, d)
        found = call_learner_function(fn, "momentum_descent", A, b, w0, lr, beta, steps)
        expected = _momentum(A, b, w0, lr, beta, steps)
        _check_path(found, expected, "momentum_descent on another bowl")
    A, b, w0 = _random_bowl(53, 2)
    found = call_learner_function(fn, "momentum_descent", A, b, w0, 0.1, 0.0, 6)
    expect_array(found, _descent(A, b, w0, 0.1, 6), "momentum_descent with beta = 0")


Q5_HEAD = (
    "def momentum_descent(A, b, w0, lr, beta, n_steps):\n"
    "    w, v = w0, np.zeros(len(w0))\n    path = [w]\n    for _ in range(n_steps):\n"
)
Q5_TAIL = "        path.append(w)\n    return np.array(path)"

Q5 = Question(
    id="q5",
    title="Momentum",
    points=2,
    prompt="""\
## q5 — Gradient descent with momentum (2 points)

Momentum keeps a *velocity* $v$, a running sum of past gradients that decays by a factor
$\\beta$ each step. Starting from $v_0 = 0$:
$$v_{k+1} = \\beta\\, v_k + \\nabla f(w_k), \\qquad w_{k+1} = w_k - \\texttt{lr}\\; v_{k+1}.$$
Write `momentum_descent(A, b, w0, lr, beta, n_steps)` for the bowl of q3 (gradient
$Aw - b$), returning the path as a NumPy array of shape `(n_steps + 1, len(w0))`, row 0 being
`w0`. With `beta = 0` it must give exactly the path of plain gradient descent.""",
    reads=("momentum_descent",),
    template='''\
def momentum_descent(A, b, w0, lr, beta, n_steps):
    """The path of gradient descent with momentum on 1/2 w^T A w - b^T w."""
    return ____''',
    solution='''\
def momentum_descent(A, b, w0, lr, beta, n_steps):
    """The path of gradient descent with momentum on 1/2 w^T A w - b^T w."""
    w = np.asarray(w0, dtype=float)
    v = np.zeros_like(w)
    path = [w]
    for _ in range(n_steps):
        v = beta * v + (A @ w - b)
        w = w - lr * v
        path.append(w)
    return np.array(path)''',
    mistakes=(
        Mistake(
            "The velocity has the wrong sign: with `v = beta * v - lr * grad` you must *add* "
            "it (`w = w + v`); with `v = beta * v + grad`, subtract `lr * v`. Yours climbs "
            "the bowl.",
            Q5_HEAD + "        v = beta * v - lr * (A @ w - b)\n        w = w - v\n" + Q5_TAIL,
        ),
        Mistake(
            "The velocity is never carried over: `v` must remember the previous steps "
            "(`v = beta * v + grad`), or this is plain gradient descent.",
            Q5_HEAD + "        v = A @ w - b\n        w = w - lr * v\n" + Q5_TAIL,
        ),
        Mistake(
            "beta scales the old velocity, not the new gradient: `v = beta * v + grad`.",
            Q5_HEAD + "        v = v + beta * (A @ w - b)\n        w = w - lr * v\n" + Q5_TAIL,
        ),
        Mistake(
            "Update the velocity first, then move with the *new* velocity: your step uses "
            "the velocity from the step before.",
            Q5_HEAD + "        w = w - lr * v\n        v = beta * v + (A @ w - b)\n" + Q5_TAIL,
        ),
        Mistake(
            "The velocity's decay is reversed: the old velocity keeps a share `beta`, "
            "`v = beta * v + grad`, not `(1 - beta) * v`.",
            Q5_HEAD
            + "        v = (1 - beta) * v + (A @ w - b)\n        w = w - lr * v\n"
            + Q5_TAIL,
        ),
    ),
    hints=(
        "Start with `v = np.zeros_like(w0)`. Each step: first the new velocity from the old "
        "one and the gradient at the current point, then the move.",
        "`v = beta * v + (A @ w - b)` then `w = w - lr * v`, then `path.append(w)`.",
    ),
    checks=(
        Check("the path on the setup's bowl, lr = 0.02, beta = 0.9", _q5_bowl),
        Check("other bowls, and beta = 0 gives plain gradient descent", _q5_other, hidden=True),
    ),
)


# q6: mini-batch stochastic gradient descent ---------------------------------------------------


def _sgd(X, y, w0, lr, batch_size, n_epochs, seed):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    rng = np.random.default_rng(seed)
    w = np.asarray(w0, dtype=float)
    for _ in range(n_epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(y), batch_size):
            rows = order[start : start + batch_size]
            Xb, yb = X[rows], y[rows]
            w = w - lr * (2 / len(rows)) * (Xb.T @ (Xb @ w - yb))
    return w


def _q6_public(answers: Answers, params: Params) -> None:
    fn = answers["minibatch_sgd"]
    expect_callable(fn, "minibatch_sgd")
    data = _data(params)
    X, y = data["Xr"], data["yr"]
    w0 = np.zeros(X.shape[1])
    found = call_learner_function(fn, "minibatch_sgd", X, y, w0.copy(), 0.05, 16, 3, 7)
    _expect_pair_or_array(found, "minibatch_sgd")
    name = "minibatch_sgd(Xr, yr, zeros, lr=0.05, batch_size=16, n_epochs=3, seed=7)"
    expect_array(found, _sgd(X, y, w0, 0.05, 16, 3, 7), name, rtol=1e-6)
    expect_inputs_unchanged(fn, "minibatch_sgd", ("X", "y", "w0"))


def _q6_other(answers: Answers, params: Params) -> None:
    fn = answers["minibatch_sgd"]
    rng = np.random.default_rng(60)
    X = rng.normal(size=(37, 2))
    y = X @ np.array([1.5, -2.0]) + rng.normal(scale=0.1, size=37)
    for lr, bs, epochs, seed in [(0.02, 1, 2, 3), (0.1, 10, 4, 11), (0.05, 37, 3, 0)]:
        found = call_learner_function(fn, "minibatch_sgd", X, y, np.ones(2), lr, bs, epochs, seed)
        expected = _sgd(X, y, np.ones(2), lr, bs, epochs, seed)
        expect_array(found, expected, f"minibatch_sgd with batch_size = {bs}", rtol=1e-6)


Q6_HEAD = (
    "def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):\n"
    "    rng = np.random.default_rng(seed)\n    w = w0\n    n = len(y)\n"
    "    for epoch in range(n_epochs):\n"
)
Q6_ORDER = "        order = rng.permutation(n)\n"
Q6_LOOP = "        for start in range(0, n, batch_size):\n"
Q6_ROWS = "            rows = order[start:start + batch_size]\n"
Q6_STEP = (
    "            Xb, yb = X[rows], y[rows]\n"
    "            w = w - lr * 2 / len(rows) * (Xb.T @ (Xb @ w - yb))\n    return w"
)

Q6 = Question(
    id="q6",
    title="Mini-batch stochastic gradient descent",
    points=2,
    prompt="""\
## q6 — Mini-batches (2 points)

For linear regression with the mean squared error, the gradient on a batch of $m$ rows
$(X_B, y_B)$ is $\\frac{2}{m} X_B^\\top (X_B w - y_B)$. Write
`minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed)` that returns the final weights (a
NumPy array of shape `w0.shape`) after this exact recipe:

1. `rng = np.random.default_rng(seed)`, once, before the first epoch;
2. at the start of **every** epoch, `order = rng.permutation(len(y))`;
3. walk through `order` in slices `order[start:start + batch_size]` for
   `start = 0, batch_size, 2 * batch_size, ...` (the last batch may be smaller), taking one
   step `w = w - lr * gradient` on each batch.

Do not modify the inputs.""",
    reads=("minibatch_sgd",),
    template='''\
def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):
    """Weights after n_epochs of shuffled mini-batch gradient descent on the MSE."""
    return ____''',
    solution='''\
def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):
    """Weights after n_epochs of shuffled mini-batch gradient descent on the MSE."""
    rng = np.random.default_rng(seed)
    w = np.asarray(w0, dtype=float)
    n = len(y)
    for _ in range(n_epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            Xb, yb = X[rows], y[rows]
            w = w - lr * (2 / len(rows)) * (Xb.T @ (Xb @ w - yb))
    return w''',
    mistakes=(
        Mistake(
            "The batches are taken in the data's own order: shuffle at the start of every "
            "epoch (`order = rng.permutation(len(y))`) and slice `order`, not the rows.",
            Q6_HEAD + "        order = np.arange(n)\n" + Q6_LOOP + Q6_ROWS + Q6_STEP,
        ),
        Mistake(
            "Every step uses the same first batch: slice `order[start:start + batch_size]` so "
            "that each step sees the next batch of the shuffled rows.",
            Q6_HEAD + Q6_ORDER + Q6_LOOP + "            rows = order[:batch_size]\n" + Q6_STEP,
        ),
        Mistake(
            "Every epoch replays the same order: make the generator once, before the epochs, "
            "and draw a new `rng.permutation` at the start of each epoch (shuffling once, or "
            "re-creating `np.random.default_rng(seed)` inside the loop, repeats one order).",
            "def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):\n"
            "    rng = np.random.default_rng(seed)\n    w = w0\n    n = len(y)\n"
            "    order = rng.permutation(n)\n    for epoch in range(n_epochs):\n"
            + Q6_LOOP
            + Q6_ROWS
            + Q6_STEP,
        ),
        Mistake(
            "Divide the batch gradient by the batch's size: it is the *mean* over the batch's "
            "rows, `2 / len(rows) * ...`.",
            Q6_HEAD
            + Q6_ORDER
            + Q6_LOOP
            + Q6_ROWS
            + Q6_STEP.replace("lr * 2 / len(rows) *", "lr * 2 *"),
        ),
        Mistake(
            "The last, smaller batch was dropped: when batch_size does not divide the number "
            "of rows, the leftover rows still make one more (smaller) batch.",
            Q6_HEAD
            + Q6_ORDER
            + "        for start in range(0, n - batch_size + 1, batch_size):\n"
            + Q6_ROWS
            + Q6_STEP,
        ),
        Mistake(
            "Each step uses the whole data set: that is batch gradient descent. Take the "
            "gradient on the current batch's rows only.",
            Q6_HEAD
            + Q6_ORDER
            + Q6_LOOP
            + Q6_ROWS
            + "            w = w - lr * 2 / n * (X.T @ (X @ w - y))\n    return w",
        ),
    ),
    hints=(
        "Two loops: over epochs (draw a fresh permutation each time) and, inside, over batch "
        "start positions `range(0, len(y), batch_size)`.",
        "`rows = order[start:start + batch_size]`, then with `Xb, yb = X[rows], y[rows]`: "
        "`w = w - lr * (2 / len(rows)) * (Xb.T @ (Xb @ w - yb))`.",
    ),
    checks=(
        Check("the weights after 3 epochs of batches of 16 on Xr, yr", _q6_public),
        Check(
            "batch sizes of 1, one that leaves a smaller last batch, and the whole data",
            _q6_other,
            hidden=True,
        ),
    ),
)


# q7: scipy.optimize.minimize -----------------------------------------------------------------


@lru_cache(maxsize=8)
def _minimum(seed: int) -> float:
    from scipy.optimize import minimize

    data = _context(seed)
    X, y = data["X_train"], data["y_train"]
    result = minimize(_loss, np.zeros(X.shape[1]), args=(X, y), jac=_gradient, method="BFGS")
    return float(result.fun)


Q7_TEST_SPLIT = (
    "`w_fit` minimises the loss on the *test* split: pass `args=(X_train, y_train)` to "
    "`minimize` and keep the test split for measuring."
)
Q7_ALL_DATA = (
    "`w_fit` minimises the loss on all the rows, test split included: pass "
    "`args=(X_train, y_train)` only."
)


def _weights(value: Any, d: int) -> np.ndarray:
    try:
        w = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"`w_fit` should be a NumPy array of {d} numbers.") from None
    if w.shape != (d,):
        raise CheckFailed(f"`w_fit` has shape {w.shape}, but shape ({d},) was expected.")
    if not np.all(np.isfinite(w)):
        raise CheckFailed("`w_fit` contains NaN or infinite values.")
    return w


def _q7_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    X, y = data["X_train"], data["y_train"]
    w = answers["w_fit"]
    if type(w).__name__.endswith("LearnerObject") or isinstance(w, dict):
        raise CheckFailed(
            "`w_fit` should be the weights (`result.x`, a NumPy array), not the whole result "
            "of `minimize`."
        )
    w = _weights(w, X.shape[1])
    norm = float(np.linalg.norm(_gradient(w, X, y)))
    if norm > GRADIENT_TOLERANCE:
        for rows, cols, message in (
            (data["X_test"], data["y_test"], Q7_TEST_SPLIT),
            (data["X_all"], data["y_all"], Q7_ALL_DATA),
        ):
            if np.linalg.norm(_gradient(w, rows, cols)) < GRADIENT_TOLERANCE:
                raise KnownMistake(message)
        raise CheckFailed(
            f"At `w_fit` the gradient of the training loss has norm {norm:.2g}; a minimum has "
            f"a gradient near zero (below {GRADIENT_TOLERANCE:g}). Did the optimiser stop "
            "early? Look at `result.success` and `result.message`."
        )
    best = _minimum(int(params.get("seed", 0)))
    found = _loss(w, X, y)
    if found > best + LOSS_TOLERANCE:
        raise CheckFailed(
            f"`w_fit` is a stationary point with training loss {found:.6g}, but starting from "
            f"zeros reaches {best:.6g}: start `minimize` at `np.zeros(X_train.shape[1])`."
        )
    accuracy = float(np.mean(np.sign(data["X_test"] @ w) == data["y_test"]))
    expect_close(answers["test_accuracy"], accuracy, "test_accuracy", rtol=1e-9, atol=1e-9)


def _q7_consistent(answers: Answers, params: Params) -> None:
    data = _data(params)
    w = _weights(answers["w_fit"], data["X_train"].shape[1])
    train = float(np.mean(np.sign(data["X_train"] @ w) == data["y_train"]))
    found = expect_number(answers["test_accuracy"], "test_accuracy")
    test = float(np.mean(np.sign(data["X_test"] @ w) == data["y_test"]))
    if abs(found - train) < 1e-12 and abs(train - test) > 1e-12:
        raise KnownMistake(
            "`test_accuracy` is measured on the training split: use `X_test, y_test`."
        )
    expect_close(found, test, "test_accuracy", rtol=1e-9, atol=1e-9)


Q7_IMPORT = "from scipy.optimize import minimize\n\n"
Q7_ACC = "test_accuracy = float(np.mean(np.sign(X_test @ w_fit) == y_test))"

Q7 = Question(
    id="q7",
    title="scipy.optimize.minimize",
    points=2,
    prompt=f"""\
## q7 — Let SciPy do it (2 points)

`scipy.optimize.minimize(fun, x0, args=..., jac=..., method=...)` minimises `fun(x, *args)`
starting from `x0`, and returns a result whose `.x` holds the best point found.

- `w_fit`: the weights (a NumPy array of shape `(4,)`) that minimise `loss(w, X_train, y_train)`,
  found with `minimize` starting from `np.zeros(4)`. Passing `jac=loss_gradient` (q1) is
  optional; the check asks for a gradient norm below {GRADIENT_TOLERANCE:g} at `w_fit`.
- `test_accuracy`: the share of **test** rows whose sign of `X_test @ w_fit` equals `y_test`
  (a float between 0 and 1).""",
    reads=("w_fit", "test_accuracy"),
    template="""\
from scipy.optimize import minimize

result = ____
w_fit = ____
test_accuracy = ____""",
    solution=f"""\
{Q7_IMPORT}w0 = np.zeros(X_train.shape[1])
result = minimize(loss, w0, args=(X_train, y_train), method="BFGS")
w_fit = result.x
{Q7_ACC}""",
    mistakes=(
        Mistake(
            Q7_TEST_SPLIT,
            f"{Q7_IMPORT}result = minimize(loss, np.zeros(4), args=(X_test, y_test))\n"
            f"w_fit = result.x\n{Q7_ACC}",
        ),
        Mistake(
            Q7_ALL_DATA,
            f"{Q7_IMPORT}result = minimize(loss, np.zeros(4), args=(X_all, y_all))\n"
            f"w_fit = result.x\n{Q7_ACC}",
        ),
        Mistake(
            "`test_accuracy` is measured on the training split: use `X_test, y_test`.",
            f"{Q7_IMPORT}result = minimize(loss, np.zeros(4), args=(X_train, y_train))\n"
            "w_fit = result.x\n"
            "test_accuracy = float(np.mean(np.sign(X_train @ w_fit) == y_train))",
        ),
        Mistake(
            "Compare signs: the model predicts +1 where X @ w is positive and -1 where it is "
            "negative. Rounding tanh gives 0 for every row near the boundary.",
            f"{Q7_IMPORT}result = minimize(loss, np.zeros(4), args=(X_train, y_train))\n"
            "w_fit = result.x\n"
            "test_accuracy = float(np.mean(np.round(np.tanh(X_test @ w_fit)) == y_test))",
        ),
    ),
    hints=(
        "`minimize(loss, np.zeros(4), args=(X_train, y_train))` calls "
        "`loss(w, X_train, y_train)` for every `w` it tries.",
        "`w_fit = result.x`; then `np.mean(np.sign(X_test @ w_fit) == y_test)` is the share "
        "of test rows classified correctly.",
    ),
    checks=(
        Check("w_fit minimises the training loss; test_accuracy matches it", _q7_public),
        Check("test_accuracy is measured on the test split", _q7_consistent, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("04"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
