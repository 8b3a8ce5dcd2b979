"""Exercise 15: neural networks — activations and their derivatives, a two-layer network's forward
pass and backpropagation in NumPy, mini-batch training on two moons, the learning rate, and
scikit-learn's MLPClassifier on the digits."""

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
# Exercise 15 — Neural networks

Six questions: the activations and their derivatives, the forward pass of a two-layer network,
backpropagation (checked against finite differences), mini-batch training on two moons, a
learning rate that is too large, and scikit-learn's `MLPClassifier` on handwritten digits.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/15_neural_networks.ipynb` grades the whole notebook the way
  the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_digits, make_moons
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# q2-q5: two interleaved half-moons, two classes (0 and 1), 2 features. No straight line
# separates them; a network with one hidden layer can.
X, y = make_moons(n_samples=300, noise=0.2, random_state=seed)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=seed
)

# q5: the learning rates to compare
learning_rates = [0.1, 1.0, 3.0, 10.0]

# q6: 8x8 images of handwritten digits, 64 pixel values from 0 to 16 each, ten classes
Xd, yd = load_digits(return_X_y=True)
Xd_train, Xd_test, yd_train, yd_test = train_test_split(
    Xd, yd, test_size=0.25, stratify=yd, random_state=seed
)

print(f"moons: {len(X_train)} train / {len(X_test)} test rows")
print(f"digits: {len(Xd_train)} train / {len(Xd_test)} test images of {Xd.shape[1]} pixels")"""

HIDDEN = 16
LR = 0.5
EPOCHS = 100
BATCH = 32
# Test accuracy of the reference network over seeds 0-19: 0.900 to 0.989; a linear model
# reaches about 0.85-0.88 on these moons, an all-zero start 0.5.
MOONS_THRESHOLD = 0.88
# Over seeds 0-19 after 3 epochs the best rate is 1.0 or 3.0, and 10.0 (sometimes 3.0 too)
# ends above the starting loss; a rate of 10 is chaotic, so two correct codes can differ by
# up to 3e-6 relative: final losses are compared to 1e-3.
Q5_EPOCHS = 3
# MLPClassifier((64,), max_iter=100) behind a StandardScaler over seeds 0-19: test accuracy
# 0.949 to 0.982. Raw pixels reach about 0.936-0.971 (max_iter=50), so the threshold cannot
# catch a missing scaler: the checks look for the scaler itself.
DIGITS_THRESHOLD = 0.93


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _as_float(value: Any, name: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"`{name}` should be an array of numbers.") from None


def _unpack(found: Any, count: int, name: str, names: str) -> tuple:
    if not isinstance(found, (tuple, list)) or len(found) != count:
        what = type(found).__name__
        if isinstance(found, (tuple, list)):
            what += f" of {len(found)}"
        raise CheckFailed(f"`{name}` should return the tuple `{names}`, but it returned {what}.")
    return tuple(found)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def _softmax(S: np.ndarray) -> np.ndarray:
    E = np.exp(S - S.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def _forward(X: np.ndarray, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
    H = np.tanh(X @ W1 + b1)
    return H, _softmax(H @ W2 + b2)


def _loss(X: np.ndarray, y: np.ndarray, *net: np.ndarray) -> float:
    """Mean cross-entropy, through a stable log-softmax."""
    W1, b1, W2, b2 = net
    S = np.tanh(X @ W1 + b1) @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    log_p = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean())


def _gradients(X: np.ndarray, y: np.ndarray, *net: np.ndarray) -> tuple[np.ndarray, ...]:
    W1, b1, W2, b2 = net
    H, P = _forward(X, W1, b1, W2, b2)
    G = P.copy()
    G[np.arange(len(y)), y] -= 1
    G /= len(y)
    dH = G @ W2.T * (1 - H**2)
    return X.T @ dH, dH.sum(axis=0), H.T @ G, G.sum(axis=0)


def _numerical(X: np.ndarray, y: np.ndarray, net: tuple, h: float = 1e-5) -> list[np.ndarray]:
    """Central finite differences of the mean cross-entropy, one parameter at a time."""
    grads = []
    for k, param in enumerate(net):
        grad = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            plus = [p.copy() for p in net]
            minus = [p.copy() for p in net]
            plus[k][index] += h
            minus[k][index] -= h
            grad[index] = (_loss(X, y, *plus) - _loss(X, y, *minus)) / (2 * h)
        grads.append(grad)
    return grads


def _random_net(seed: int, d: int, h: int, k: int, scale: float = 1.0) -> tuple:
    rng = np.random.default_rng(seed)
    return (
        rng.normal(scale=scale, size=(d, h)),
        rng.normal(scale=0.3, size=h),
        rng.normal(scale=scale, size=(h, k)),
        rng.normal(scale=0.3, size=k),
    )


def _train(
    X: np.ndarray,
    y: np.ndarray,
    hidden: int,
    lr: float,
    epochs: int,
    batch: int,
    seed: int,
    record: Any = None,
) -> tuple:
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n, d = X.shape
    k = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))
    b2 = np.zeros(k)
    for _ in range(epochs):
        if record is not None:
            record((W1, b1, W2, b2))
        order = rng.permutation(n)
        for start in range(0, n, batch):
            rows = order[start : start + batch]
            dW1, db1, dW2, db2 = _gradients(X[rows], y[rows], W1, b1, W2, b2)
            W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    if record is not None:
        record((W1, b1, W2, b2))
    return W1, b1, W2, b2


# q1: activations and their derivatives ------------------------------------------------------

KINDS = ("sigmoid", "tanh", "relu")


def _activation(z: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    if kind == "sigmoid":
        s = _sigmoid(z)
        return s, s * (1 - s)
    if kind == "tanh":
        t = np.tanh(z)
        return t, 1 - t**2
    return np.maximum(z, 0.0), (z > 0).astype(float)


Q1_SLIPS = {
    "relu_zero": "The ReLU derivative at z = 0 should be 0 here (the convention scikit-learn "
    "uses): write `(z > 0)`, not `(z >= 0)`.",
    "relu_itself": "The derivative of ReLU is a step, 0 for z <= 0 and 1 for z > 0, not ReLU "
    "itself: `(z > 0).astype(float)`.",
    "relu_negative": "Below zero ReLU is flat, so its derivative is 0 there, not -1 or z: use "
    "`(z > 0).astype(float)`.",
    "sigmoid_on_z": "The sigmoid's derivative is `s * (1 - s)` with `s` the sigmoid's *output*, "
    "not `z * (1 - z)` on the input.",
    "sigmoid_itself": "The derivative of the sigmoid is `s * (1 - s)`, not the sigmoid `s` itself.",
    "tanh_on_z": "The derivative of tanh is `1 - t**2` with `t = np.tanh(z)`, the output, not "
    "`1 - z**2` on the input.",
    "tanh_no_square": "The derivative of tanh is `1 - np.tanh(z)**2`: the tanh is squared.",
}


def _q1_slips(z: np.ndarray, kind: str) -> dict[str, np.ndarray]:
    if kind == "relu":
        return {
            "relu_zero": (z >= 0).astype(float),
            "relu_itself": np.maximum(z, 0.0),
            "relu_negative": np.where(z > 0, 1.0, -1.0),
        }
    if kind == "sigmoid":
        return {"sigmoid_on_z": z * (1 - z), "sigmoid_itself": _sigmoid(z)}
    return {"tanh_on_z": 1 - z**2, "tanh_no_square": 1 - np.tanh(z)}


def _q1_compare(answers: Answers, z: Any, label: str) -> None:
    fn = answers["activation"]
    z_array = np.asarray(z, dtype=float)
    for kind in KINDS:
        found = call_learner_function(fn, "activation", z, kind)
        a, da = _unpack(found, 2, f'activation(z, "{kind}")', "(a, da_dz)")
        expected_a, expected_da = _activation(z_array, kind)
        expect_array(a, expected_a, f'the value of activation(z, "{kind}"){label}', atol=1e-9)
        found_da = _as_float(da, "da_dz")
        if found_da.shape == expected_da.shape and not np.allclose(found_da, expected_da):
            for slip, wrong in _q1_slips(z_array, kind).items():
                if np.allclose(found_da, wrong, atol=1e-9):
                    raise KnownMistake(Q1_SLIPS[slip])
            below, above = z_array < 0, z_array > 0
            if (
                kind == "relu"
                and np.allclose(found_da[above], 1.0)
                and not np.allclose(found_da[below], 0.0)
            ):
                raise KnownMistake(Q1_SLIPS["relu_negative"])
        expect_array(found_da, expected_da, f'the derivative for "{kind}"{label}', atol=1e-9)


def _q1_small(answers: Answers, params: Params) -> None:
    expect_callable(answers["activation"], "activation")
    _q1_compare(answers, np.array([-2.0, -0.5, 0.0, 0.3, 1.5]), "")
    expect_only_numpy(answers["activation"], "activation")


def _q1_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(10 + int(params.get("seed", 0)))
    _q1_compare(answers, rng.normal(scale=3.0, size=(4, 5)), " on a 2-D array")
    _q1_compare(answers, [-1.0, 0.0, 0.0, 2.0], " on a plain list with zeros")
    _q1_compare(answers, np.array([-30.0, 30.0]), " at large |z|")


ACT_SOLUTION = '''\
def activation(z, kind):
    """Return (a, da_dz): the activation of z and its derivative, element by element."""
    z = np.asarray(z, dtype=float)
    if kind == "sigmoid":
        s = 1 / (1 + np.exp(-z))
        return s, s * (1 - s)
    if kind == "tanh":
        t = np.tanh(z)
        return t, 1 - t**2
    if kind == "relu":
        return np.maximum(z, 0.0), (z > 0).astype(float)
    raise ValueError(f"unknown activation {kind!r}")'''

Q1 = Question(
    id="q1",
    title="Activations and their derivatives",
    points=1,
    prompt="""\
## q1 — Three activations and their derivatives (1 point)

A hidden unit applies a non-linear **activation** $g$ to its score $z$. Backpropagation needs
$g'(z)$ too:

| kind | $g(z)$ | $g'(z)$ |
|---|---|---|
| `"sigmoid"` | $s = 1/(1 + e^{-z})$ | $s(1 - s)$ |
| `"tanh"` | $t = \\tanh z$ | $1 - t^2$ |
| `"relu"` | $\\max(z, 0)$ | $1$ if $z > 0$, else $0$ (also **0 at exactly 0**) |

Write `activation(z, kind)` that returns the tuple `(a, da_dz)` of two NumPy arrays with the
shape of `z`: the activation and its derivative at every element. `z` may be a plain list or a
2-D array. NumPy only.""",
    reads=("activation",),
    template='''\
def activation(z, kind):
    """Return (a, da_dz): the activation of z and its derivative, element by element."""
    z = np.asarray(z, dtype=float)
    if kind == "sigmoid":
        ____
    if kind == "tanh":
        ____
    if kind == "relu":
        ____''',
    solution=ACT_SOLUTION,
    mistakes=(
        Mistake(Q1_SLIPS["relu_zero"], ACT_SOLUTION.replace("(z > 0)", "(z >= 0)")),
        Mistake(
            Q1_SLIPS["relu_itself"],
            ACT_SOLUTION.replace("(z > 0).astype(float)", "np.maximum(z, 0.0)"),
        ),
        Mistake(Q1_SLIPS["sigmoid_on_z"], ACT_SOLUTION.replace("s * (1 - s)", "z * (1 - z)")),
        Mistake(Q1_SLIPS["tanh_on_z"], ACT_SOLUTION.replace("1 - t**2", "1 - z**2")),
        Mistake(Q1_SLIPS["tanh_no_square"], ACT_SOLUTION.replace("1 - t**2", "1 - t")),
        Mistake(Q1_SLIPS["sigmoid_itself"], ACT_SOLUTION.replace("s, s * (1 - s)", "s, s")),
    ),
    hints=(
        "Compute the activation first and reuse it in the derivative: `s * (1 - s)` and "
        "`1 - t**2` use the outputs, not `z`.",
        'For `"relu"`: `return np.maximum(z, 0.0), (z > 0).astype(float)`.',
    ),
    checks=(
        Check("values and derivatives of the three activations on a small example", _q1_small),
        Check("2-D arrays, plain lists with zeros, and large |z|", _q1_other, hidden=True),
    ),
)


# q2: the forward pass -----------------------------------------------------------------------

Q2_SLIPS = {
    "transposed": "`W1` is used transposed: with `X` of shape (n, d) and `W1` of shape "
    "(d, h) the hidden scores are `X @ W1 + b1`, shape (n, h); `X @ W1.T` only runs when d = h, "
    "and mixes the wrong weights.",
    "no_tanh": "The hidden layer has no activation: `H = np.tanh(X @ W1 + b1)`. Without it the "
    "two layers collapse into one linear model.",
    "no_b1": "The hidden bias `b1` is missing: `H = np.tanh(X @ W1 + b1)`.",
    "no_b2": "The output bias `b2` is missing: the scores are `H @ W2 + b2`.",
    "axis0": "The softmax is normalised over the wrong axis: every *row* of `P` (one example) "
    "must sum to 1, so sum with `axis=1, keepdims=True`.",
    "overflow": "The softmax overflows for large scores (`np.exp(1000)` is inf): subtract each "
    "row's maximum from the scores first, `S - S.max(axis=1, keepdims=True)`; the "
    "probabilities do not change.",
    "no_softmax": "`P` must hold probabilities: pass the output scores `H @ W2 + b2` through the "
    "softmax, `np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)`.",
}


def _q2_diagnose(X: np.ndarray, net: tuple, H: np.ndarray, P: np.ndarray) -> None:
    W1, b1, W2, b2 = net
    H_ok = np.tanh(X @ W1 + b1)
    candidates = {"no_tanh": X @ W1 + b1, "no_b1": np.tanh(X @ W1)}
    if W1.shape[0] == W1.shape[1]:
        candidates["transposed"] = np.tanh(X @ W1.T + b1)
    if H.shape == H_ok.shape and not np.allclose(H, H_ok):
        for slip, wrong in candidates.items():
            if np.allclose(H, wrong, atol=1e-9):
                raise KnownMistake(Q2_SLIPS[slip])
    S = H_ok @ W2 + b2
    E = np.exp(S - S.max())
    wrong_p = {
        "axis0": E / E.sum(axis=0, keepdims=True),
        "no_b2": _softmax(H_ok @ W2),
        "no_softmax": S,
    }
    if P.shape == S.shape and not np.allclose(P, _softmax(S)):
        for slip, wrong in wrong_p.items():
            if np.allclose(P, wrong, atol=1e-9):
                raise KnownMistake(Q2_SLIPS[slip])


def _q2_compare(answers: Answers, X: np.ndarray, net: tuple, label: str) -> None:
    fn = answers["forward"]
    found = call_learner_function(fn, "forward", X.copy(), *[p.copy() for p in net])
    H, P = _unpack(found, 2, "forward", "(H, P)")
    H_ok, P_ok = _forward(X, *net)
    H, P = _as_float(H, "H"), _as_float(P, "P")
    if P.shape == P_ok.shape and not np.all(np.isfinite(P)):
        raise KnownMistake(Q2_SLIPS["overflow"])
    _q2_diagnose(X, net, H, P)
    expect_array(H, H_ok, f"H (the hidden activations){label}", atol=1e-9)
    expect_array(P, P_ok, f"P (the probabilities){label}", atol=1e-9)


def _q2_small(answers: Answers, params: Params) -> None:
    expect_callable(answers["forward"], "forward")
    rng = np.random.default_rng(20)
    X = rng.normal(size=(5, 3))
    _q2_compare(answers, X, _random_net(21, 3, 4, 2), "")
    _q2_compare(answers, X, _random_net(22, 3, 3, 2), " (with d = h = 3)")
    expect_only_numpy(answers["forward"], "forward")
    expect_inputs_unchanged(answers["forward"], "forward", ("X", "W1", "b1", "W2", "b2"))


def _q2_other(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    rng = np.random.default_rng(200 + seed)
    X = rng.normal(size=(12, 4))
    _q2_compare(answers, X, _random_net(201 + seed, 4, 4, 3), " with four classes")
    _q2_compare(answers, X, _random_net(202 + seed, 4, 6, 3, scale=300.0), " for large scores")


FORWARD_SOLUTION = '''\
def forward(X, W1, b1, W2, b2):
    """Return (H, P): hidden activations (n, h) and class probabilities (n, K)."""
    H = np.tanh(X @ W1 + b1)
    S = H @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)  # the same probabilities, without overflow
    E = np.exp(S)
    P = E / E.sum(axis=1, keepdims=True)
    return H, P'''

Q2 = Question(
    id="q2",
    title="The forward pass of a two-layer network",
    points=1,
    prompt="""\
## q2 — The forward pass (1 point)

A network with one hidden layer of $h$ tanh units and a softmax output over $K$ classes maps
the rows of $X$ (shape $n \\times d$) to probabilities:
$$H = \\tanh(X W_1 + b_1), \\qquad S = H W_2 + b_2, \\qquad
P_{ik} = \\frac{e^{S_{ik}}}{\\sum_j e^{S_{ij}}}.$$
Shapes: `W1` is (d, h), `b1` (h,), `W2` (h, K), `b2` (K,).

Write `forward(X, W1, b1, W2, b2)` that returns the tuple `(H, P)`: `H` of shape (n, h) and `P`
of shape (n, K), each row of `P` summing to 1. It must not overflow when the scores are large
(hundreds). NumPy only; do not modify the inputs.""",
    reads=("forward",),
    template='''\
def forward(X, W1, b1, W2, b2):
    """Return (H, P): hidden activations (n, h) and class probabilities (n, K)."""
    H = ____
    S = ____
    P = ____
    return H, P''',
    solution=FORWARD_SOLUTION,
    mistakes=(
        Mistake(Q2_SLIPS["transposed"], FORWARD_SOLUTION.replace("X @ W1 + b1", "X @ W1.T + b1")),
        Mistake(
            Q2_SLIPS["no_tanh"], FORWARD_SOLUTION.replace("np.tanh(X @ W1 + b1)", "X @ W1 + b1")
        ),
        Mistake(Q2_SLIPS["no_b1"], FORWARD_SOLUTION.replace("X @ W1 + b1", "X @ W1")),
        Mistake(
            Q2_SLIPS["axis0"],
            FORWARD_SOLUTION.replace(
                "E.sum(axis=1, keepdims=True)", "E.sum(axis=0, keepdims=True)"
            ),
        ),
        Mistake(
            Q2_SLIPS["overflow"],
            FORWARD_SOLUTION.replace("    S = S - S.max(axis=1, keepdims=True)", "    S = S + 0"),
        ),
        Mistake(Q2_SLIPS["no_b2"], FORWARD_SOLUTION.replace("H @ W2 + b2", "H @ W2")),
    ),
    hints=(
        "`X @ W1` has shape (n, h) when `W1` is (d, h); `b1` broadcasts over the rows. The "
        "softmax works row by row: `axis=1, keepdims=True`.",
        "`S = H @ W2 + b2`; `S = S - S.max(axis=1, keepdims=True)`; "
        "`E = np.exp(S)`; `P = E / E.sum(axis=1, keepdims=True)`.",
    ),
    checks=(
        Check("H and P on small examples (one with d = h)", _q2_small),
        Check("four classes, and scores in the hundreds", _q2_other, hidden=True),
    ),
)


# q3: backpropagation, checked against finite differences -------------------------------------

GRAD_NAMES = ("dW1", "db1", "dW2", "db2")
Q3_SLIPS = {
    "no_derivative": "Backpropagation through the hidden layer is missing the activation's "
    "derivative: multiply `G @ W2.T` element-wise by `1 - H**2` (the tanh derivative) before "
    "computing `dW1` and `db1`.",
    "derivative_on_z": "The tanh derivative must use the hidden *outputs*: `1 - H**2` with "
    "`H = np.tanh(X @ W1 + b1)`, not `1 - Z**2` on the scores.",
    "no_mean": "The loss is a *mean* over the n rows, so every gradient carries 1/n: use "
    "`G = (P - Y) / n`.",
    "sign": "The gradient has the wrong sign: the softmax/cross-entropy gradient with respect to "
    "the scores is `(P - Y) / n` (probabilities minus one-hot labels), not `Y - P`.",
}


def _q3_slips(X: np.ndarray, y: np.ndarray, net: tuple) -> dict[str, tuple]:
    W1, b1, W2, b2 = net
    n = len(y)
    Z = X @ W1 + b1
    H, P = _forward(X, *net)
    Y = np.eye(W2.shape[1])[y]
    out = {}
    for slip, G, factor in [
        ("no_derivative", (P - Y) / n, np.ones_like(H)),
        ("derivative_on_z", (P - Y) / n, 1 - Z**2),
        ("no_mean", P - Y, 1 - H**2),
        ("sign", (Y - P) / n, 1 - H**2),
    ]:
        dH = G @ W2.T * factor
        out[slip] = (X.T @ dH, dH.sum(axis=0), H.T @ G, G.sum(axis=0))
    return out


def _q3_compare(answers: Answers, X: np.ndarray, y: np.ndarray, net: tuple, label: str) -> None:
    fn = answers["gradients"]
    found = call_learner_function(fn, "gradients", X.copy(), y.copy(), *[p.copy() for p in net])
    found = _unpack(found, 4, "gradients", "(dW1, db1, dW2, db2)")
    numeric = _numerical(X, y, net)
    arrays = [_as_float(g, name) for g, name in zip(found, GRAD_NAMES, strict=True)]
    shapes_ok = all(a.shape == b.shape for a, b in zip(arrays, numeric, strict=True))
    if shapes_ok and not all(
        np.allclose(a, b, atol=1e-7) for a, b in zip(arrays, numeric, strict=True)
    ):
        for slip, wrong in _q3_slips(X, y, net).items():
            # a slip in the output layer shows in dW2 and db2; one in the hidden layer in dW1
            hidden_like = np.allclose(arrays[0], wrong[0], atol=1e-9)
            output_like = np.allclose(arrays[2], wrong[2], atol=1e-9)
            if (slip in ("no_derivative", "derivative_on_z") and hidden_like) or (
                slip in ("no_mean", "sign") and output_like
            ):
                raise KnownMistake(Q3_SLIPS[slip])
    for array, expected, name in zip(arrays, numeric, GRAD_NAMES, strict=True):
        expect_array(
            array, expected, f"{name}{label} (against central finite differences)", atol=1e-7
        )


def _q3_small(answers: Answers, params: Params) -> None:
    expect_callable(answers["gradients"], "gradients")
    rng = np.random.default_rng(30)
    X = rng.normal(size=(6, 2))
    y = np.array([0, 1, 1, 0, 1, 0])
    _q3_compare(answers, X, y, _random_net(31, 2, 3, 2), "")
    expect_only_numpy(answers["gradients"], "gradients")
    expect_inputs_unchanged(answers["gradients"], "gradients", ("X", "y", "W1", "b1", "W2", "b2"))


def _q3_other(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    rng = np.random.default_rng(300 + seed)
    X = rng.normal(size=(15, 3))
    y = rng.integers(0, 4, size=15)
    y[:4] = [0, 1, 2, 3]
    _q3_compare(answers, X, y, _random_net(301 + seed, 3, 5, 4), " with four classes")


GRAD_SOLUTION = '''\
def gradients(X, y, W1, b1, W2, b2):
    """Return (dW1, db1, dW2, db2): the gradient of the mean cross-entropy."""
    n = len(y)
    H = np.tanh(X @ W1 + b1)
    S = H @ W2 + b2
    E = np.exp(S - S.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    Y = np.zeros_like(P)
    Y[np.arange(n), y] = 1.0  # one-hot labels
    G = (P - Y) / n  # dL/dS
    dW2 = H.T @ G
    db2 = G.sum(axis=0)
    dZ = (G @ W2.T) * (1 - H**2)  # back through tanh
    dW1 = X.T @ dZ
    db1 = dZ.sum(axis=0)
    return dW1, db1, dW2, db2'''

Q3 = Question(
    id="q3",
    title="Backpropagation",
    points=2,
    prompt="""\
## q3 — Backpropagation (2 points)

The loss is the mean cross-entropy $L = -\\frac{1}{n}\\sum_i \\ln P_{i, y_i}$ of the network of
q2. With $Y$ the one-hot labels ($Y_{ik} = 1$ if $y_i = k$), the chain rule gives, from the
output back to the input:
$$G = \\frac{\\partial L}{\\partial S} = \\frac{1}{n}(P - Y), \\quad
\\frac{\\partial L}{\\partial W_2} = H^\\top G, \\quad
\\frac{\\partial L}{\\partial b_2} = \\sum_i G_i,$$
$$\\frac{\\partial L}{\\partial Z} = (G W_2^\\top) \\odot (1 - H^2), \\quad
\\frac{\\partial L}{\\partial W_1} = X^\\top \\frac{\\partial L}{\\partial Z}, \\quad
\\frac{\\partial L}{\\partial b_1} = \\sum_i \\Big(\\frac{\\partial L}{\\partial Z}\\Big)_i,$$
where $Z = XW_1 + b_1$ and $\\odot$ multiplies element by element.

Write `gradients(X, y, W1, b1, W2, b2)` that returns the tuple `(dW1, db1, dW2, db2)`, each
with the shape of its parameter. `y` holds integer labels `0 … K-1`. The check compares your
gradients with **central finite differences** of the loss (module 04). NumPy only; do not
modify the inputs.""",
    reads=("gradients",),
    template='''\
def gradients(X, y, W1, b1, W2, b2):
    """Return (dW1, db1, dW2, db2): the gradient of the mean cross-entropy."""
    n = len(y)
    # forward: H and P as in q2
    ____
    # backward: G = (P - Y) / n, then dW2, db2, dZ, dW1, db1
    ____
    return dW1, db1, dW2, db2''',
    solution=GRAD_SOLUTION,
    mistakes=(
        Mistake(
            Q3_SLIPS["no_derivative"],
            GRAD_SOLUTION.replace("(G @ W2.T) * (1 - H**2)", "G @ W2.T"),
        ),
        Mistake(
            Q3_SLIPS["derivative_on_z"],
            GRAD_SOLUTION.replace("(1 - H**2)", "(1 - (X @ W1 + b1) ** 2)"),
        ),
        Mistake(Q3_SLIPS["no_mean"], GRAD_SOLUTION.replace("G = (P - Y) / n", "G = P - Y")),
        Mistake(Q3_SLIPS["sign"], GRAD_SOLUTION.replace("G = (P - Y) / n", "G = (Y - P) / n")),
        Mistake(
            "`dW2` is transposed: it must have the shape of `W2`, (h, K), so it is `H.T @ G`, "
            "not `G.T @ H`.",
            GRAD_SOLUTION.replace("dW2 = H.T @ G", "dW2 = (H.T @ G).T"),
        ),
    ),
    hints=(
        "Recompute `H` and `P` as in q2, build the one-hot `Y` with "
        "`Y[np.arange(n), y] = 1`, and go backwards: output layer first.",
        "`G = (P - Y) / n`; `dW2 = H.T @ G`; `db2 = G.sum(axis=0)`; "
        "`dZ = (G @ W2.T) * (1 - H**2)`; `dW1 = X.T @ dZ`; `db1 = dZ.sum(axis=0)`.",
    ),
    checks=(
        Check("all four gradients match central finite differences", _q3_small),
        Check("finite differences on other data with four classes", _q3_other, hidden=True),
    ),
)


# q4: mini-batch training on the moons --------------------------------------------------------

Q4_ZERO = (
    "Every hidden unit has the same weights: the network was started from zeros (or one "
    "constant). Identical units get identical gradients and stay identical for ever, so 16 "
    "units act like one (and with W2 = 0 as well, W1 never moves). Draw the weights at random "
    "as the prompt says: `rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))`."
)


def _q4_zero_init(W1: Any) -> None:
    W1 = _as_float(W1, "W1")
    if W1.ndim == 2 and W1.shape[1] > 1 and np.allclose(W1, W1[:, :1], atol=1e-12):
        raise KnownMistake(Q4_ZERO)


def _q4_call(answers: Answers, X: np.ndarray, y: np.ndarray, args: tuple, label: str) -> None:
    fn = answers["train"]
    found = call_learner_function(fn, "train", X.copy(), y.copy(), *args)
    found = _unpack(found, 4, "train", "(W1, b1, W2, b2)")
    _q4_zero_init(found[0])
    expected = _train(X, y, *args)
    for value, wanted, name in zip(found, expected, ("W1", "b1", "W2", "b2"), strict=True):
        expect_array(value, wanted, f"{name} returned by train{label}", rtol=1e-6, atol=1e-9)


@lru_cache(maxsize=8)
def _q4_reference(seed: int) -> tuple:
    data = _context(seed)
    return _train(data["X_train"], data["y_train"], HIDDEN, LR, EPOCHS, BATCH, seed)


def _q4_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    expect_callable(answers["train"], "train")
    rng = np.random.default_rng(40)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    _q4_call(answers, X, y, (4, 0.3, 3, 16, 1), " (40 rows, batches of 16, 3 epochs)")
    expect_only_numpy(answers["train"], "train")
    expect_inputs_unchanged(
        answers["train"], "train", ("X", "y", "hidden", "lr", "epochs", "batch_size", "seed")
    )
    net = _unpack(answers["net"], 4, "net", "(W1, b1, W2, b2)")
    _q4_zero_init(net[0])
    reference = _q4_reference(seed)
    for value, wanted, name in zip(net, reference, ("W1", "b1", "W2", "b2"), strict=True):
        expect_array(value, wanted, f"net's {name}", rtol=1e-6, atol=1e-8)
    data = _data(params)
    _, P = _forward(data["X_test"], *reference)
    accuracy = float(np.mean(P.argmax(axis=1) == data["y_test"]))
    expect_close(answers["test_accuracy"], accuracy, "test_accuracy", atol=1e-9)
    expect_at_least(answers["test_accuracy"], MOONS_THRESHOLD, "test_accuracy")


def _q4_other(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    rng = np.random.default_rng(400 + seed)
    X = rng.normal(size=(30, 3))
    y = rng.integers(0, 3, size=30)
    y[:3] = [0, 1, 2]
    _q4_call(answers, X, y, (5, 0.2, 4, 7, seed + 3), " on three classes, batches of 7")
    _q4_call(answers, X, y, (3, 0.2, 2, 100, seed), " when one batch holds every row")
    _q4_call(answers, X, y, (3, 0.2, 0, 8, seed), " after 0 epochs (the initial weights)")


TRAIN_FUNCTION = '''\
def train(X, y, hidden, lr, epochs, batch_size, seed):
    """Mini-batch gradient descent on the mean cross-entropy; return (W1, b1, W2, b2)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n, d = X.shape
    k = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))
    b1 = np.zeros(hidden)
    W2 = rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))
    b2 = np.zeros(k)
    for _ in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, batch_size):
            rows = order[start : start + batch_size]
            Xb, yb, m = X[rows], y[rows], len(rows)
            H = np.tanh(Xb @ W1 + b1)
            S = H @ W2 + b2
            E = np.exp(S - S.max(axis=1, keepdims=True))
            G = E / E.sum(axis=1, keepdims=True)
            G[np.arange(m), yb] -= 1
            G /= m
            dZ = (G @ W2.T) * (1 - H**2)
            W2 = W2 - lr * H.T @ G
            b2 = b2 - lr * G.sum(axis=0)
            W1 = W1 - lr * Xb.T @ dZ
            b1 = b1 - lr * dZ.sum(axis=0)
    return W1, b1, W2, b2
'''
Q4_REST = f"""

net = train(X_train, y_train, hidden={HIDDEN}, lr={LR}, epochs={EPOCHS}, batch_size={BATCH}, \
seed=seed)
W1, b1, W2, b2 = net
scores = np.tanh(X_test @ W1 + b1) @ W2 + b2
test_accuracy = float(np.mean(scores.argmax(axis=1) == y_test))"""
Q4_SOLUTION = TRAIN_FUNCTION + Q4_REST

Q4 = Question(
    id="q4",
    title="Mini-batch training on two moons",
    points=3,
    prompt=f"""\
## q4 — Train the network with mini-batches (3 points)

Write `train(X, y, hidden, lr, epochs, batch_size, seed)` that returns the tuple
`(W1, b1, W2, b2)` of the q2 network (tanh hidden layer, softmax over `K = y.max() + 1`
classes) after mini-batch gradient descent on the mean cross-entropy. Follow these steps
exactly, so that your numbers match ours:

1. `rng = np.random.default_rng(seed)`, then draw, in this order,
   `W1 = rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))` and
   `W2 = rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, K))`; the biases start at zero.
   (Random weights, not zeros: q4's check explains why.)
2. For each epoch: `order = rng.permutation(n)` (a new shuffle every epoch, from the same
   `rng`), then the batches `order[0:batch_size]`, `order[batch_size:2 * batch_size]`, …, the
   last one possibly shorter.
3. On each batch, compute the gradients of the batch's mean loss (your q3) and update every
   parameter: `W1 = W1 - lr * dW1`, and so on.

Then `net`: `train(X_train, y_train, hidden={HIDDEN}, lr={LR}, epochs={EPOCHS},
batch_size={BATCH}, seed=seed)`, and `test_accuracy`: the share of `X_test` rows whose most
probable class is `y_test` (a float). It must reach {MOONS_THRESHOLD}. NumPy only.""",
    reads=("train", "net", "test_accuracy"),
    template='''\
def train(X, y, hidden, lr, epochs, batch_size, seed):
    """Mini-batch gradient descent on the mean cross-entropy; return (W1, b1, W2, b2)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    n, d = X.shape
    k = int(y.max()) + 1
    rng = np.random.default_rng(seed)
    ____
    return W1, b1, W2, b2


net = ____
test_accuracy = ____''',
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_ZERO,
            Q4_SOLUTION.replace(
                "rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))", "np.zeros((d, hidden))"
            ).replace(
                "rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))", "np.zeros((hidden, k))"
            ),
        ),
        Mistake(
            "The rows are never shuffled: take a new `order = rng.permutation(n)` at the start "
            "of every epoch and build the batches from it.",
            Q4_SOLUTION.replace("order = rng.permutation(n)", "order = np.arange(n)"),
        ),
        Mistake(
            "Every epoch uses the same shuffle: a generator created again with the same seed "
            "repeats itself. Create `rng` once, before the loop, and call `rng.permutation(n)` "
            "in each epoch.",
            Q4_SOLUTION.replace(
                "order = rng.permutation(n)", "order = np.random.default_rng(seed).permutation(n)"
            ),
        ),
        Mistake(
            "The last, shorter batch is skipped: loop `for start in range(0, n, batch_size)` "
            "so that every row is used in every epoch.",
            Q4_SOLUTION.replace(
                "range(0, n, batch_size)", "range(0, n - batch_size + 1, batch_size)"
            ),
        ),
        Mistake(
            "The update goes uphill: subtract the gradient, `W1 = W1 - lr * dW1` (and the same "
            "for the other three).",
            Q4_SOLUTION.replace("- lr *", "+ lr *"),
        ),
        Mistake(
            "The gradient of a batch is a mean over *its* rows: divide by the batch's size "
            "`len(rows)`, not by n (the last batch is shorter).",
            Q4_SOLUTION.replace("G /= m", "G /= batch_size"),
        ),
    ),
    hints=(
        "Inside the epoch loop: `order = rng.permutation(n)`; then "
        "`for start in range(0, n, batch_size): rows = order[start:start + batch_size]`. "
        "Your q3 `gradients(X[rows], y[rows], W1, b1, W2, b2)` gives the four gradients.",
        f"`net = train(X_train, y_train, {HIDDEN}, {LR}, {EPOCHS}, {BATCH}, seed)`; with "
        "`W1, b1, W2, b2 = net`, the scores are `np.tanh(X_test @ W1 + b1) @ W2 + b2`; compare "
        "their `argmax(axis=1)` with `y_test`.",
    ),
    checks=(
        Check("train on a small problem, net on the moons, and its test accuracy", _q4_public),
        Check(
            "three classes, a batch larger than the data, and zero epochs",
            _q4_other,
            hidden=True,
        ),
    ),
)


# q5: a learning rate that is too large -------------------------------------------------------


@lru_cache(maxsize=8)
def _q5_reference(seed: int) -> dict[str, Any]:
    data = _context(seed)
    X, y = data["X_train"], data["y_train"]
    start = _loss(X, y, *_train(X, y, HIDDEN, 0.1, 0, BATCH, seed))
    losses = [
        _loss(X, y, *_train(X, y, HIDDEN, lr, Q5_EPOCHS, BATCH, seed))
        for lr in data["learning_rates"]
    ]
    rates = list(data["learning_rates"])
    return {
        "start": start,
        "losses": losses,
        "best": rates[int(np.argmin(losses))],
        "too_large": [lr for lr, loss in zip(rates, losses, strict=True) if loss > start],
    }


@lru_cache(maxsize=8)
def _q5_by_epoch(seed: int) -> list[float]:
    """The training loss at lr = 0.1 after 0 to EPOCHS epochs (one run, epoch by epoch)."""
    data = _context(seed)
    X, y = data["X_train"], data["y_train"]
    losses: list[float] = []
    _train(X, y, HIDDEN, 0.1, EPOCHS, BATCH, seed, lambda net: losses.append(_loss(X, y, *net)))
    return losses


Q5_BIGGEST = (
    "The largest learning rate is not the best one: its steps overshoot the minimum, and its "
    "final loss is higher than a smaller rate's. Pick the rate with the *lowest* final loss."
)


def _q5_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    ref = _q5_reference(seed)
    rates = _data(params)["learning_rates"]
    losses = answers["final_losses"]
    expect_array(losses, np.array(ref["losses"]), "final_losses", atol=1e10)  # shape first
    found = _as_float(losses, "final_losses")
    stable = _q5_by_epoch(seed)  # lr = 0.1 after 0, 1, 2, ... epochs
    if not np.isclose(found[0], stable[Q5_EPOCHS], rtol=1e-3):
        matches = [e for e, v in enumerate(stable) if np.isclose(found[0], v, rtol=1e-6)]
        if matches:
            raise KnownMistake(
                f"Train each rate for {Q5_EPOCHS} epochs, as the prompt says: your loss for "
                f"lr = 0.1 is the one after {matches[0]} epoch(s)."
            )
    if np.all(found < 0):
        raise KnownMistake(
            "The cross-entropy is the *negative* mean log-probability of the true class, a "
            "positive number: keep the minus sign."
        )
    expect_array(found, np.array(ref["losses"]), "final_losses", rtol=1e-3)
    best = expect_number(answers["best_lr"], "best_lr")
    if best != ref["best"] and best == max(rates):
        raise KnownMistake(Q5_BIGGEST)
    if best != ref["best"]:
        raise CheckFailed(
            f"`best_lr` is {best:g}, but it should be the rate in `learning_rates` with the "
            "lowest value in `final_losses`."
        )


def _q5_too_large(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    ref = _q5_reference(seed)
    found = answers["too_large"]
    if not isinstance(found, (list, tuple, np.ndarray)):
        raise CheckFailed("`too_large` should be a list of learning rates (it may be empty).")
    found = sorted(float(v) for v in np.asarray(found, dtype=float).ravel())
    if found != sorted(ref["too_large"]):
        raise CheckFailed(
            "`too_large` should list exactly the rates whose final training loss is higher "
            "than the loss of the untrained network (`start_loss`)."
        )


Q5_REST = f"""

def mean_loss(X, y, net):
    W1, b1, W2, b2 = net
    S = np.tanh(X @ W1 + b1) @ W2 + b2
    S = S - S.max(axis=1, keepdims=True)
    log_p = S - np.log(np.exp(S).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean())


start_loss = mean_loss(X_train, y_train, train(X_train, y_train, {HIDDEN}, 0.1, 0, {BATCH}, seed))
final_losses = [
    mean_loss(X_train, y_train, train(X_train, y_train, {HIDDEN}, lr, {Q5_EPOCHS}, {BATCH}, seed))
    for lr in learning_rates
]
best_lr = learning_rates[int(np.argmin(final_losses))]
pairs = zip(learning_rates, final_losses, strict=True)
too_large = [lr for lr, loss in pairs if loss > start_loss]"""
Q5_SOLUTION = (
    "# train from q4, repeated so that this cell stands on its own\n" + TRAIN_FUNCTION + Q5_REST
)

Q5 = Question(
    id="q5",
    title="A learning rate that is too large",
    points=2,
    prompt=f"""\
## q5 — Which learning rate? (2 points)

Train the moons network of q4 with each rate in `learning_rates` for only **{Q5_EPOCHS}**
epochs: `train(X_train, y_train, hidden={HIDDEN}, lr=lr, epochs={Q5_EPOCHS},
batch_size={BATCH}, seed=seed)`.

- `final_losses`: a list of 4 floats, the mean cross-entropy on `X_train, y_train` after
  training with each rate, in the order of `learning_rates`.
- `best_lr`: the rate with the lowest final loss.
- `too_large`: the list of rates whose final loss is **higher** than `start_loss`, the loss of
  the untrained network (`epochs=0`): training made them worse. It may be empty.

Compute the loss stably (a log-softmax, or clip `P` before the log): a bad rate makes some
probabilities round to 0.""",
    reads=("final_losses", "best_lr", "too_large"),
    template="""\
def mean_loss(X, y, net):
    \"\"\"Mean cross-entropy of the network net = (W1, b1, W2, b2) on X, y.\"\"\"
    ____


start_loss = ____
final_losses = ____
best_lr = ____
too_large = ____""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            Q5_BIGGEST,
            Q5_SOLUTION.replace(
                "best_lr = learning_rates[int(np.argmin(final_losses))]",
                "best_lr = max(learning_rates)",
            ),
        ),
        Mistake(
            "`too_large` compares each rate with the best one; compare each final loss with "
            "`start_loss`, the loss of the untrained network: a rate is too large when training "
            "made the loss worse than not training at all.",
            Q5_SOLUTION.replace("if loss > start_loss]", "if loss > min(final_losses)]"),
        ),
        Mistake(
            "`final_losses` must be measured on the training rows (`X_train, y_train`), the "
            "loss that gradient descent lowers.",
            Q5_SOLUTION.replace(
                f"mean_loss(X_train, y_train, train(X_train, y_train, {HIDDEN}, lr, {Q5_EPOCHS}",
                f"mean_loss(X_test, y_test, train(X_train, y_train, {HIDDEN}, lr, {Q5_EPOCHS}",
            ),
        ),
        Mistake(
            f"Train each rate for {Q5_EPOCHS} epochs, as the prompt says",
            Q5_SOLUTION.replace(f"lr, {Q5_EPOCHS}, {BATCH}", f"lr, {EPOCHS}, {BATCH}"),
        ),
        Mistake(
            "The cross-entropy is the *negative* mean log-probability of the true class, a "
            "positive number: keep the minus sign.",
            Q5_SOLUTION.replace("return float(-log_p", "return float(log_p"),
        ),
    ),
    hints=(
        "Write `mean_loss` with the stable log-softmax: subtract the row maximum `m`, then "
        "`log P = S - m - log(sum(exp(S - m)))`; pick each row's true class with "
        "`log_p[np.arange(len(y)), y]`.",
        "`final_losses = [mean_loss(X_train, y_train, train(X_train, y_train, "
        f"{HIDDEN}, lr, {Q5_EPOCHS}, {BATCH}, seed)) for lr in learning_rates]`; "
        "`best_lr = learning_rates[int(np.argmin(final_losses))]`.",
    ),
    checks=(
        Check("the final training losses and the best rate", _q5_public),
        Check("the rates that made the loss worse than at the start", _q5_too_large, hidden=True),
    ),
)


# q6: MLPClassifier on the digits --------------------------------------------------------------

Q6_NO_SCALING = (
    "The pixel values (0 to 16) go into the network unscaled: put a `StandardScaler()` (or a "
    "`MinMaxScaler()`) in front of the `MLPClassifier` with `make_pipeline`, and give its "
    "fitted scaler as `digits_scaler`. The default initial weights and learning rate assume "
    "inputs of order 1."
)
Q6_TEST = (
    "A test accuracy this close to 1 means the model saw the test images: fit it on "
    "`Xd_train, yd_train` only."
)
Q6_TRAIN_ACCURACY = (
    "`digits_accuracy` is the accuracy on the training images: measure it on `Xd_test, yd_test`."
)
Q6_SCALER_LEAK = (
    "`digits_scaler` was fitted on all the images, test ones included: the pipeline's "
    "`.fit(Xd_train, yd_train)` fits the scaler on the training images only."
)


def _q6_scaler(answers: Answers, params: Params) -> None:
    from sklearn.preprocessing import MinMaxScaler, StandardScaler

    data = _data(params)
    scaler = answers["digits_scaler"]
    if scaler is None:
        raise KnownMistake(Q6_NO_SCALING)
    expect_fitted(scaler, "digits_scaler")
    expect_type(scaler, (StandardScaler, MinMaxScaler), "digits_scaler")
    train, everything = data["Xd_train"], data["Xd"]
    out_train = np.asarray(scaler.transform(train), dtype=float)
    if np.allclose(out_train, train):
        raise KnownMistake(Q6_NO_SCALING)
    on_test = type(scaler)().fit(data["Xd_test"]).transform(train)
    if np.allclose(out_train, on_test):
        raise KnownMistake(Q6_TEST)
    refit = type(scaler)().fit(everything).transform(train)
    expected = type(scaler)().fit(train).transform(train)
    if not np.allclose(refit, expected) and np.allclose(out_train, refit):
        raise KnownMistake(Q6_SCALER_LEAK)
    expect_array(out_train, expected, "digits_scaler's output on Xd_train", atol=1e-6)


def _q6_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    _q6_scaler(answers, params)
    proba = answers["digits_proba"]
    expect_array(proba, np.zeros((len(data["yd_test"]), 10)), "digits_proba", atol=1e10)
    proba = _as_float(proba, "digits_proba")
    expect_array(proba.sum(axis=1), np.ones(len(proba)), "rows of digits_proba", atol=1e-6)
    accuracy = float(np.mean(proba.argmax(axis=1) == data["yd_test"]))
    if accuracy >= 0.995:
        raise KnownMistake(Q6_TEST)
    found = expect_number(answers["digits_accuracy"], "digits_accuracy")
    if abs(found - accuracy) > 1e-9 and found >= 0.995:
        raise KnownMistake(Q6_TRAIN_ACCURACY)
    expect_close(found, accuracy, "digits_accuracy (the accuracy of digits_proba)", atol=1e-9)
    expect_at_least(found, DIGITS_THRESHOLD, "digits_accuracy")


def _q6_hidden(answers: Answers, params: Params) -> None:
    data = _data(params)
    proba = _as_float(answers["digits_proba"], "digits_proba")
    if proba.min() < -1e-9 or proba.max() > 1 + 1e-9:
        raise CheckFailed("`digits_proba` should hold probabilities between 0 and 1.")
    predicted = proba.argmax(axis=1)
    for digit in range(10):
        recall = float(np.mean(predicted[data["yd_test"] == digit] == digit))
        if recall < 0.6:
            raise CheckFailed(
                f"`digits_proba` recognises fewer than 60 % of the test images of a {digit}: "
                "use `predict_proba(Xd_test)` of the fitted pipeline (columns in the order 0-9)."
            )


Q6_SOLUTION = """\
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

digits_model = make_pipeline(
    StandardScaler(),
    MLPClassifier(hidden_layer_sizes=(64,), max_iter=100, random_state=seed),
)
digits_model.fit(Xd_train, yd_train)
digits_scaler = digits_model[0]
digits_proba = digits_model.predict_proba(Xd_test)
digits_accuracy = digits_model.score(Xd_test, yd_test)"""

Q6 = Question(
    id="q6",
    title="MLPClassifier on handwritten digits",
    points=2,
    prompt=f"""\
## q6 — scikit-learn's `MLPClassifier` on the digits (2 points)

`MLPClassifier` is the network you built, with as many hidden layers as you like, the Adam
optimiser (gradient descent with a step size adapted per weight) and an L2 penalty `alpha`.

- `digits_model`: a pipeline that **scales the pixels** and then applies an `MLPClassifier`
  (for example one hidden layer of 64 units, `max_iter=100`, `random_state=seed`), fitted on
  `Xd_train, yd_train`.
- `digits_scaler`: the fitted scaler inside it, `digits_model[0]` (a `StandardScaler` or a
  `MinMaxScaler`).
- `digits_proba`: `digits_model.predict_proba(Xd_test)`, shape (n_test, 10).
- `digits_accuracy`: its accuracy on `Xd_test, yd_test` (a float), at least
  {DIGITS_THRESHOLD}.

(A fitted `MLPClassifier` holds its optimiser, which the grader does not read, so the checks
look at the scaler and the probabilities instead of the model. A `ConvergenceWarning` after
100 iterations is expected here and harmless.)""",
    reads=("digits_scaler", "digits_proba", "digits_accuracy"),
    template="""\
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

digits_model = ____
digits_scaler = ____
digits_proba = ____
digits_accuracy = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_NO_SCALING,
            Q6_SOLUTION.replace("make_pipeline(\n    StandardScaler(),\n    ", "(")
            .replace("random_state=seed),\n)", "random_state=seed))")
            .replace("digits_model[0]", "None"),
        ),
        Mistake(Q6_SCALER_LEAK, Q6_SOLUTION.replace("fit(Xd_train, yd_train)", "fit(Xd, yd)")),
        Mistake(Q6_TEST, Q6_SOLUTION.replace("fit(Xd_train, yd_train)", "fit(Xd_test, yd_test)")),
        Mistake(
            Q6_TRAIN_ACCURACY,
            Q6_SOLUTION.replace("score(Xd_test, yd_test)", "score(Xd_train, yd_train)"),
        ),
    ),
    hints=(
        "`make_pipeline(StandardScaler(), MLPClassifier(...))` scales inside the model, so "
        "the scaler is fitted on the training images only; `digits_model[0]` is its first step.",
        "`MLPClassifier(hidden_layer_sizes=(64,), max_iter=100, random_state=seed)`; then "
        "`.fit(Xd_train, yd_train)`, `.predict_proba(Xd_test)` and `.score(Xd_test, yd_test)`.",
    ),
    checks=(
        Check(
            "a scaler fitted on the training images, the test probabilities and accuracy",
            _q6_public,
        ),
        Check("probabilities in [0, 1] that recognise every digit", _q6_hidden, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("15"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6),
)
