"""Exercise 02: Python, NumPy and SciPy — the array habits every later module relies on."""

from __future__ import annotations

import time
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from curriculum.answers.standins import LearnerCallFailed
from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_array,
    expect_callable,
    expect_close,
    expect_equal,
    expect_inputs_unchanged,
    expect_number,
    expect_only_numpy,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.results import Status
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 02 — Python, NumPy and SciPy

Seven questions on the habits every later module relies on: slicing without off-by-one errors,
a small class with `fit`/`transform`, broadcasting, reductions along the right axis, dtypes that
bite, seeded random numbers, and a first taste of SciPy.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/02_python_numpy_scipy.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_digits, load_wine"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# The wine data: 178 wines, 13 chemical measurements (columns), 3 cultivars (labels 0, 1, 2).
wine = load_wine()
X, y = wine.data, wine.target
feature_names = list(wine.feature_names)
order = np.random.default_rng(seed).permutation(len(X))
X_train, y_train = X[order[:130]], y[order[:130]]
X_test, y_test = X[order[130:]], y[order[130:]]

# 30 handwritten digits as 8-bit greyscale images (dtype uint8, values 0..240), and a noisy copy
# of one of them (used in q5).
digits = load_digits()
gallery = (digits.images[order[:30]] * 15).astype(np.uint8)
noise_rng = np.random.default_rng(seed + 1000)
secret = int(noise_rng.integers(len(gallery)))
noise = noise_rng.integers(-60, 61, size=(8, 8))
probe = np.clip(gallery[secret].astype(int) + noise, 0, 255).astype(np.uint8)
del secret, noise, noise_rng

# A decaying signal y = a * exp(-k * t) plus noise (used in q7).
signal_rng = np.random.default_rng(seed + 2000)
t = np.linspace(0.0, 4.0, 30)
y_decay = signal_rng.uniform(2.0, 4.0) * np.exp(-signal_rng.uniform(0.5, 1.5) * t)
y_decay = y_decay + signal_rng.normal(scale=0.05, size=t.size)
del signal_rng

print(f"wine: X_train {X_train.shape}, X_test {X_test.shape}, {len(feature_names)} features")
print(f"digits: gallery {gallery.shape} {gallery.dtype}, probe {probe.shape} {probe.dtype}")
print(f"decay: t {t.shape}, y_decay {y_decay.shape}")"""

# A 600 x 600 distance matrix, measured on an idle 2-core machine: 0.01-0.03 s by broadcasting,
# 0.4 s with a pure-Python double loop, 2 s with a double loop over NumPy rows.
PAIRS_SIZE = 600
LOOP_SECONDS = 0.2  # never flag a call faster than this
LOOP_FACTOR = 6.0  # ... or one within 6 times our own broadcasting code, timed in the check


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _call(fn: Any, name: str, *args: Any) -> Any:
    return call_learner_function(fn, name, *args)


# q1: batch boundaries -------------------------------------------------------------------------


def _reference_bounds(n: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, n)) for start in range(0, n, size)]


Q1_PAST_END = (
    "The last batch runs past the end: its stop must be `min(start + batch_size, n)`, "
    "not `start + batch_size`."
)
Q1_DROPPED = (
    "The last, shorter batch is missing: `n // batch_size` rounds down, so the leftover rows "
    "never get a batch. Step through `range(0, n, batch_size)` instead."
)
Q1_INCLUSIVE = (
    "Off by one: a Python slice `X[start:stop]` stops *before* `stop`, so each stop is the "
    "next batch's start (no `- 1`)."
)
Q1_EMPTY = (
    "There is an empty batch at the end: when `batch_size` divides `n`, rounding up with "
    "`n // batch_size + 1` adds a batch `(n, n)` with no rows."
)


def _check_bounds(answers: Answers, cases: list[tuple[int, int]]) -> None:
    fn = answers["batch_bounds"]
    expect_callable(fn, "batch_bounds")
    for n, size in cases:
        found = _call(fn, "batch_bounds", n, size)
        label = f"batch_bounds({n}, {size})"
        if not isinstance(found, (list, tuple)):
            raise CheckFailed(f"`{label}` should return a list of (start, stop) pairs.")
        pairs = list(found)
        for pair in pairs:
            if not isinstance(pair, (list, tuple)) or len(pair) != 2:
                raise CheckFailed(f"`{label}` should hold (start, stop) pairs, found {pair!r}.")
            if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in pair):
                raise CheckFailed(
                    f"`{label}` holds {pair!r}: slice bounds must be integers "
                    "(`/` always gives a float in Python 3; use `//` or `range`)."
                )
        expected = _reference_bounds(n, size)
        found_pairs = [(int(a), int(b)) for a, b in pairs]
        if found_pairs != expected:
            raise CheckFailed(f"`{label}` is {found_pairs}, but {expected} was expected.")


def _q1_public(answers: Answers, params: Params) -> None:
    _check_bounds(answers, [(10, 4), (12, 4), (130, 32)])


def _q1_hidden(answers: Answers, params: Params) -> None:
    _check_bounds(answers, [(3, 5), (1, 1), (0, 4), (97, 10), (64, 8)])


Q1 = Question(
    id="q1",
    title="Mini-batch boundaries",
    points=1,
    prompt="""\
## q1 — Mini-batches without off-by-one errors (1 point)

Training loops walk through the rows of a data set in *mini-batches*. Write
`batch_bounds(n: int, batch_size: int) -> list[tuple[int, int]]` that returns the
`(start, stop)` pairs such that `X[start:stop]` are consecutive batches covering rows
`0 .. n-1` exactly once, in order. Every batch has `batch_size` rows except possibly the last,
which is shorter. For example `batch_bounds(10, 4) == [(0, 4), (4, 8), (8, 10)]`.
The bounds must be Python or NumPy integers. A list comprehension does it in one line.""",
    reads=("batch_bounds",),
    template='''\
def batch_bounds(n: int, batch_size: int) -> list[tuple[int, int]]:
    """(start, stop) pairs that cover range(n) in batches of batch_size."""
    return ____''',
    solution='''\
def batch_bounds(n: int, batch_size: int) -> list[tuple[int, int]]:
    """(start, stop) pairs that cover range(n) in batches of batch_size."""
    return [(start, min(start + batch_size, n)) for start in range(0, n, batch_size)]''',
    mistakes=(
        Mistake(
            Q1_PAST_END,
            "def batch_bounds(n, batch_size):\n"
            "    return [(s, s + batch_size) for s in range(0, n, batch_size)]",
        ),
        Mistake(
            Q1_DROPPED,
            "def batch_bounds(n, batch_size):\n"
            "    return [(i * batch_size, (i + 1) * batch_size) for i in range(n // batch_size)]",
        ),
        Mistake(
            Q1_INCLUSIVE,
            "def batch_bounds(n, batch_size):\n"
            "    return [(s, min(s + batch_size, n) - 1) for s in range(0, n, batch_size)]",
        ),
        Mistake(
            Q1_EMPTY,
            "def batch_bounds(n, batch_size):\n"
            "    return [\n"
            "        (i * batch_size, min((i + 1) * batch_size, n))\n"
            "        for i in range(n // batch_size + 1)\n"
            "    ]",
        ),
    ),
    hints=(
        "`range(0, n, batch_size)` gives every start; the stop is the start plus the batch "
        "size, but never more than `n`.",
        "`[(s, min(s + batch_size, n)) for s in range(0, n, batch_size)]`.",
    ),
    checks=(
        Check("covers 10, 12 and 130 rows in batches of 4 and 32", _q1_public),
        Check("edge cases: no rows, a batch larger than n, sizes that divide n", _q1_hidden, True),
    ),
)


# q2: a Standardiser class ---------------------------------------------------------------------

Q2_NO_SELF = (
    "`scaler` is None: `fit` must end with `return self`, so that "
    "`Standardiser().fit(X_train)` gives back the fitted object."
)
Q2_AXIS = (
    "Wrong axis: `mean_` has one value per *row*. Rows are samples and columns are features, so "
    "reduce down the rows with `axis=0` to get one value per column."
)
Q2_DDOF = (
    "`scale_` uses the sample standard deviation (`ddof=1`); StandardScaler divides by n "
    "(`np.std`'s default `ddof=0`)."
)
Q2_VARIANCE = "`scale_` holds the variance: divide by the standard deviation, `X.std(axis=0)`."
Q2_REFIT = (
    "`transform` recomputes the mean and spread of the data it is given. It must use the "
    "`mean_` and `scale_` learned by `fit` on the training data."
)


def _q2_reference(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return X.mean(axis=0), X.std(axis=0)


def _q2_public(answers: Answers, params: Params) -> None:
    from sklearn.preprocessing import StandardScaler

    data = _data(params)
    scaler = answers["scaler"]
    if scaler is None:
        raise KnownMistake(Q2_NO_SELF)
    X_train, X_test = data["X_train"], data["X_test"]
    try:
        mean, scale = scaler.mean_, scaler.scale_
    except AttributeError as exc:
        raise CheckFailed(
            f"`scaler` should have attributes `mean_` and `scale_` after `fit` ({exc})."
        ) from None
    mean_found = np.asarray(mean, dtype=float)
    if mean_found.shape == (len(X_train),):
        raise KnownMistake(Q2_AXIS)
    reference = StandardScaler().fit(X_train)
    expect_array(mean, reference.mean_, "scaler.mean_", rtol=1e-7)
    scale_found = np.asarray(scale, dtype=float)
    if scale_found.shape == reference.scale_.shape:
        if np.allclose(scale_found, X_train.std(axis=0, ddof=1)):
            raise KnownMistake(Q2_DDOF)
        if np.allclose(scale_found, X_train.var(axis=0)):
            raise KnownMistake(Q2_VARIANCE)
    expect_array(scale, reference.scale_, "scaler.scale_", rtol=1e-7)
    transform = scaler.transform
    expect_callable(transform, "scaler.transform")
    found = _call(transform, "scaler.transform", X_test)
    expect_inputs_unchanged(transform, "scaler.transform", ("X",))
    found_array = np.asarray(found, dtype=float) if found is not None else None
    refit = StandardScaler().fit_transform(X_test)
    if found_array is not None and found_array.shape == refit.shape:
        if np.allclose(found_array, refit):
            raise KnownMistake(Q2_REFIT)
    expect_array(found, reference.transform(X_test), "scaler.transform(X_test)", rtol=1e-6)


def _q2_hidden(answers: Answers, params: Params) -> None:
    scaler = answers["scaler"]
    mean = np.asarray(scaler.mean_, dtype=float)
    scale = np.asarray(scaler.scale_, dtype=float)
    rng = np.random.default_rng(int(params.get("seed", 0)) + 20)
    other = rng.integers(0, 50, size=(4, mean.size))
    transform = scaler.transform
    found = _call(transform, "scaler.transform", other)
    expect_array(found, (other - mean) / scale, "scaler.transform on integer data", rtol=1e-6)
    found = _call(transform, "scaler.transform", other.tolist())
    expect_array(found, (other - mean) / scale, "scaler.transform on a list", rtol=1e-6)
    expect_inputs_unchanged(transform, "scaler.transform", ("X",))


Q2_CLASS = '''\
class Standardiser:
    """Rescale every column (feature) to mean 0 and standard deviation 1."""

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        return self

    def transform(self, X):
        X = np.asarray(X, dtype=float)
        return (X - self.mean_) / self.scale_


scaler = Standardiser().fit(X_train)'''


def _q2_variant(old: str, new: str) -> str:
    assert old in Q2_CLASS
    return Q2_CLASS.replace(old, new)


Q2 = Question(
    id="q2",
    title="A Standardiser class",
    points=2,
    prompt="""\
## q2 — A class with `fit` and `transform` (2 points)

scikit-learn's preprocessing objects learn something in `fit` and apply it in `transform`.
Write your own version of `StandardScaler` as a class `Standardiser`:

- `fit(self, X)` stores `self.mean_`, the mean of each **column** of `X` (shape
  `(n_features,)`), and `self.scale_`, the standard deviation of each column (NumPy's default,
  dividing by $n$), then **returns `self`**;
- `transform(self, X)` returns a new array $(X - \\text{mean\\_}) / \\text{scale\\_}$ using the
  values learned in `fit`, without changing `X`. It should accept lists too.

Then fit one on the training data: `scaler = Standardiser().fit(X_train)`.""",
    reads=("scaler",),
    template='''\
class Standardiser:
    """Rescale every column (feature) to mean 0 and standard deviation 1."""

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.mean_ = ____
        self.scale_ = ____
        return ____

    def transform(self, X):
        return ____


scaler = ____''',
    solution=Q2_CLASS,
    mistakes=(
        Mistake(Q2_NO_SELF, _q2_variant("        return self\n", "")),
        Mistake(Q2_AXIS, _q2_variant("X.mean(axis=0)", "X.mean(axis=1)")),
        Mistake(Q2_DDOF, _q2_variant("X.std(axis=0)", "X.std(axis=0, ddof=1)")),
        Mistake(Q2_VARIANCE, _q2_variant("X.std(axis=0)", "X.var(axis=0)")),
        Mistake(
            Q2_REFIT,
            _q2_variant("(X - self.mean_) / self.scale_", "(X - X.mean(axis=0)) / X.std(axis=0)"),
        ),
        Mistake(
            "changed its input `X` in place",
            _q2_variant(
                "        return (X - self.mean_) / self.scale_",
                "        X -= self.mean_\n        X /= self.scale_\n        return X",
            ),
        ),
    ),
    hints=(
        "Samples are rows and features are columns: a per-feature statistic reduces over the "
        "rows, `axis=0`. `np.asarray` does not copy a float array, so avoid `-=` on it.",
        "`self.mean_ = X.mean(axis=0)`, `self.scale_ = X.std(axis=0)`, `return self`; "
        "`transform` returns `(np.asarray(X, dtype=float) - self.mean_) / self.scale_`.",
    ),
    checks=(
        Check("mean_, scale_ and transform(X_test) agree with StandardScaler", _q2_public),
        Check(
            "transform works on integer data and plain lists and leaves them alone",
            _q2_hidden,
            hidden=True,
        ),
    ),
)


# q3: pairwise squared distances by broadcasting -----------------------------------------------


def _reference_pairs(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)


Q3_LOOP = (
    "`pairwise_sq_dists` visits the pairs one at a time in Python: on a "
    f"{PAIRS_SIZE} x {PAIRS_SIZE} problem it was many times slower than broadcasting, which "
    "takes a few hundredths of a second. Replace the loops with `A[:, None, :] - B[None, :, :]`."
)


def _q3_values(answers: Answers, params: Params) -> None:
    fn = answers["pairwise_sq_dists"]
    expect_callable(fn, "pairwise_sq_dists")
    rng = np.random.default_rng(30)
    for m, n, d in [(5, 4, 3), (6, 6, 2)]:
        A, B = rng.normal(size=(m, d)), rng.normal(size=(n, d))
        found = _call(fn, "pairwise_sq_dists", A, B)
        expect_array(found, _reference_pairs(A, B), f"pairwise_sq_dists(A{m}x{d}, B{n}x{d})")
    expect_only_numpy(fn, "pairwise_sq_dists", ("sklearn", "scipy"))
    expect_inputs_unchanged(fn, "pairwise_sq_dists", ("A", "B"))


def _seconds(fn: Any, *args: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - started, value


def _q3_speed(answers: Answers, params: Params) -> None:
    fn = answers["pairwise_sq_dists"]
    rng = np.random.default_rng(31)
    A = rng.normal(size=(PAIRS_SIZE, 3))
    B = rng.normal(size=(PAIRS_SIZE, 3))
    # The line is drawn from our own broadcasting code timed here and now, so a busy machine
    # moves it too: a double loop is 20-100 times slower than broadcasting, the line is 6 times.
    reference = min(_seconds(_reference_pairs, A, B)[0] for _ in range(2))
    line = max(LOOP_SECONDS, LOOP_FACTOR * reference)
    best = float("inf")
    for _ in range(2):  # a second try only for a call just over the line
        try:
            seconds, found = _seconds(lambda: _call(fn, "pairwise_sq_dists", A, B))
        except LearnerCallFailed as failure:
            # on a busy machine a double loop can use up the whole question's time on a
            # problem broadcasting solves in hundredths of a second: the same mistake
            if failure.status == Status.TIMEOUT:
                raise KnownMistake(Q3_LOOP) from None
            raise
        best = min(best, seconds)
        if best <= line or best > 4 * line:
            break
    expect_array(found, _reference_pairs(A, B), "pairwise_sq_dists on a large problem")
    if best > line:
        raise KnownMistake(Q3_LOOP)


def _q3_hidden(answers: Answers, params: Params) -> None:
    fn = answers["pairwise_sq_dists"]
    A = [[0.0], [1.0], [3.0]]
    B = [[1.0], [-1.0]]
    found = _call(fn, "pairwise_sq_dists", A, B)
    expect_array(found, _reference_pairs(A, B), "pairwise_sq_dists on lists with one feature")
    rng = np.random.default_rng(32 + int(params.get("seed", 0)))
    A = rng.normal(size=(7, 5))
    found = _call(fn, "pairwise_sq_dists", A, A)
    expect_array(found, _reference_pairs(A, A), "pairwise_sq_dists(A, A)", atol=1e-9)


Q3 = Question(
    id="q3",
    title="Pairwise distances by broadcasting",
    points=2,
    prompt=f"""\
## q3 — Broadcasting instead of loops (2 points)

Nearest-neighbour methods and clustering need the squared Euclidean distance between every row
of `A` (shape `(m, d)`) and every row of `B` (shape `(n, d)`):
$$D_{{ij}} = \\sum_{{k=1}}^{{d}} (A_{{ik}} - B_{{jk}})^2 .$$
Write `pairwise_sq_dists(A, B)` returning `D` with shape `(m, n)`, **without Python loops**:
give `A` a new axis so that its rows line up against `B`'s. NumPy only (no SciPy or
scikit-learn); accept lists; do not modify the inputs. A check times it on a
{PAIRS_SIZE} x {PAIRS_SIZE} problem, where broadcasting takes a few hundredths of a second and a
double loop takes seconds.""",
    reads=("pairwise_sq_dists",),
    template='''\
def pairwise_sq_dists(A, B):
    """Squared Euclidean distance between every row of A and every row of B."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    return ____''',
    solution='''\
def pairwise_sq_dists(A, B):
    """Squared Euclidean distance between every row of A and every row of B."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    diff = A[:, None, :] - B[None, :, :]  # (m, 1, d) - (1, n, d) -> (m, n, d)
    return (diff**2).sum(axis=2)''',
    mistakes=(
        Mistake(
            Q3_LOOP,
            "def pairwise_sq_dists(A, B):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    B = np.asarray(B, dtype=float)\n"
            "    D = np.zeros((len(A), len(B)))\n"
            "    for i in range(len(A)):\n"
            "        for j in range(len(B)):\n"
            "            D[i, j] = np.sum((A[i] - B[j]) ** 2)\n"
            "    return D",
        ),
        Mistake(
            "Wrong axis: sum over the last axis (`axis=2` or `axis=-1`), the features, "
            "so that one number is left per pair (i, j).",
            "def pairwise_sq_dists(A, B):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    B = np.asarray(B, dtype=float)\n"
            "    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=1)",
        ),
        Mistake(
            "A row was broadcast where a column was meant: `a + b` of two 1-D arrays adds them "
            "element by element. Make the squared norms of A a column, `a[:, None] + b[None, :]`.",
            "def pairwise_sq_dists(A, B):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    B = np.asarray(B, dtype=float)\n"
            "    a, b = (A**2).sum(axis=1), (B**2).sum(axis=1)\n"
            "    return a + b - 2 * A @ B.T",
        ),
        Mistake(
            "These are distances, not *squared* distances: drop the `np.sqrt`.",
            "def pairwise_sq_dists(A, B):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    B = np.asarray(B, dtype=float)\n"
            "    return np.sqrt(((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2))",
        ),
        Mistake(
            "Rows of the answer belong to A and columns to B: put the new axis on B's side, "
            "`A[:, None, :] - B[None, :, :]`.",
            "def pairwise_sq_dists(A, B):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    B = np.asarray(B, dtype=float)\n"
            "    return ((B[:, None, :] - A[None, :, :]) ** 2).sum(axis=2)",
        ),
        Mistake(
            "calls SciPy, but the prompt asks for NumPy only",
            "from scipy.spatial.distance import cdist\n\n"
            "def pairwise_sq_dists(A, B):\n"
            "    return cdist(A, B, 'sqeuclidean')",
        ),
    ),
    hints=(
        "`A[:, None, :]` has shape `(m, 1, d)` and `B[None, :, :]` has shape `(1, n, d)`; "
        "subtracting them broadcasts to `(m, n, d)`.",
        "`((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)`.",
    ),
    checks=(
        Check("matches the formula on small arrays, NumPy only, inputs unchanged", _q3_values),
        Check(
            f"vectorised: a {PAIRS_SIZE} x {PAIRS_SIZE} problem in well under a second", _q3_speed
        ),
        Check("works on lists, one feature, and A against itself", _q3_hidden, hidden=True),
    ),
)


# q4: a row-wise softmax ---------------------------------------------------------------------


def _reference_softmax(Z: Any) -> np.ndarray:
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def _q4_public(answers: Answers, params: Params) -> None:
    fn = answers["softmax"]
    expect_callable(fn, "softmax")
    rng = np.random.default_rng(40)
    for shape in [(3, 3), (5, 3)]:
        Z = rng.normal(size=shape)
        label = f"softmax(Z) for Z of shape {shape}"
        expect_array(_call(fn, "softmax", Z), _reference_softmax(Z), label)
    big = np.array([[1000.0, 1001.0, 1002.0], [-5.0, 0.0, 5.0]])
    expect_array(_call(fn, "softmax", big), _reference_softmax(big), "softmax of large scores")
    expect_only_numpy(fn, "softmax", ("sklearn", "scipy"))
    expect_inputs_unchanged(fn, "softmax", ("Z",))


def _q4_hidden(answers: Answers, params: Params) -> None:
    fn = answers["softmax"]
    rng = np.random.default_rng(41 + int(params.get("seed", 0)))
    Z = rng.normal(scale=3.0, size=(4, 4))
    expect_array(_call(fn, "softmax", Z), _reference_softmax(Z), "softmax of a square Z")
    ints = np.array([[1, 2, 3], [0, 0, 4]])
    expect_array(_call(fn, "softmax", ints), _reference_softmax(ints), "softmax of int scores")
    expect_array(_call(fn, "softmax", [[2.0, 2.0]]), [[0.5, 0.5]], "softmax([[2, 2]])")
    expect_inputs_unchanged(fn, "softmax", ("Z",))


SOFTMAX_HEAD = "def softmax(Z):\n    Z = np.asarray(Z, dtype=float)\n"

Q4 = Question(
    id="q4",
    title="Softmax along the right axis",
    points=2,
    prompt="""\
## q4 — Reductions and `keepdims` (2 points)

A classifier produces a score for each (sample, class) pair: a matrix `Z` of shape
`(n_samples, n_classes)`. The **softmax** turns each row into probabilities that sum to 1:
$$\\operatorname{softmax}(Z)_{ij} = \\frac{e^{Z_{ij} - m_i}}{\\sum_k e^{Z_{ik} - m_i}},
\\qquad m_i = \\max_k Z_{ik} .$$
Subtracting the row maximum $m_i$ changes nothing mathematically but stops `np.exp` from
overflowing on large scores. Write `softmax(Z)` returning an array of the same shape, NumPy only,
without modifying `Z`; it should accept integer arrays and lists.""",
    reads=("softmax",),
    template='''\
def softmax(Z):
    """Row-wise softmax of a 2-D array of scores."""
    Z = np.asarray(Z, dtype=float)
    return ____''',
    solution='''\
def softmax(Z):
    """Row-wise softmax of a 2-D array of scores."""
    Z = np.asarray(Z, dtype=float)
    shifted = Z - Z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)''',
    mistakes=(
        Mistake(
            "Wrong axis: your *columns* sum to 1. Each sample is a row, so reduce with `axis=1`.",
            SOFTMAX_HEAD + "    e = np.exp(Z - Z.max(axis=0, keepdims=True))\n"
            "    return e / e.sum(axis=0, keepdims=True)",
        ),
        Mistake(
            "`e.sum(axis=1)` has shape (n,), which broadcasts as a *row* against (n, k): keep "
            "it a column with `keepdims=True` (or `[:, None]`).",
            SOFTMAX_HEAD + "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    return e / e.sum(axis=1)",
        ),
        Mistake(
            "`Z.max(axis=1)` has shape (n,) and is subtracted as a *row*: keep it a column "
            "with `keepdims=True` so each row loses its own maximum.",
            SOFTMAX_HEAD + "    e = np.exp(Z - Z.max(axis=1))\n"
            "    return e / e.sum(axis=1, keepdims=True)",
        ),
        Mistake(
            "`np.exp` overflows on large scores (e^1000 is inf, and inf/inf is NaN): subtract "
            "each row's maximum before exponentiating.",
            SOFTMAX_HEAD + "    with np.errstate(over='ignore', invalid='ignore'):\n"
            "        e = np.exp(Z)\n"
            "        return e / e.sum(axis=1, keepdims=True)",
        ),
        Mistake(
            "changed its input `Z` in place",
            SOFTMAX_HEAD + "    Z -= Z.max(axis=1, keepdims=True)\n"
            "    e = np.exp(Z)\n    return e / e.sum(axis=1, keepdims=True)",
        ),
        Mistake(
            "The probabilities came back as whole numbers: `np.zeros_like(Z)` on an integer "
            "array makes an integer array, which truncates every probability to 0. Build the "
            "result from float arrays (or pass `dtype=float`).",
            "def softmax(Z):\n"
            "    Z = np.asarray(Z)\n"
            "    out = np.zeros_like(Z)\n"
            "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    out[:] = e / e.sum(axis=1, keepdims=True)\n"
            "    return out",
        ),
    ),
    hints=(
        "Reduce along `axis=1` (across the classes of one sample) and pass `keepdims=True` so "
        "the result has shape `(n, 1)` and broadcasts down the columns.",
        "`e = np.exp(Z - Z.max(axis=1, keepdims=True))`, then "
        "`return e / e.sum(axis=1, keepdims=True)`.",
    ),
    checks=(
        Check("rows sum to 1, large scores do not overflow, Z unchanged", _q4_public),
        Check("square score matrices, integer scores and lists", _q4_hidden, hidden=True),
    ),
)


# q5: uint8 images ------------------------------------------------------------------------------


def _reference_mad(a: Any, b: Any) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.abs(a - b).mean())


def _q5_public(answers: Answers, params: Params) -> None:
    fn = answers["mean_abs_diff"]
    expect_callable(fn, "mean_abs_diff")
    rng = np.random.default_rng(50)
    a = rng.integers(0, 256, size=(8, 8)).astype(np.uint8)
    b = rng.integers(0, 256, size=(8, 8)).astype(np.uint8)
    expect_close(
        _call(fn, "mean_abs_diff", a, b), _reference_mad(a, b), "mean_abs_diff(a, b)", rtol=1e-9
    )
    data = _data(params)
    gallery, probe = data["gallery"], data["probe"]
    distances = [_reference_mad(image, probe) for image in gallery]
    closest = answers["closest"]
    number = expect_number(closest, "closest")
    if number != int(number) or not 0 <= number < len(gallery):
        raise CheckFailed(f"`closest` should be an index into `gallery` (0..{len(gallery) - 1}).")
    expect_equal(int(number), int(np.argmin(distances)), "closest")


def _q5_hidden(answers: Answers, params: Params) -> None:
    fn = answers["mean_abs_diff"]
    a = np.array([0, 10, 250], dtype=np.uint8)
    b = np.array([5, 200, 255], dtype=np.uint8)
    expect_close(_call(fn, "mean_abs_diff", a, b), _reference_mad(a, b), "on 1-D uint8 arrays")
    rng = np.random.default_rng(51 + int(params.get("seed", 0)))
    a = rng.integers(0, 256, size=(2, 3, 4)).astype(np.uint8)
    b = rng.integers(0, 256, size=(2, 3, 4)).astype(np.uint8)
    expect_close(_call(fn, "mean_abs_diff", a, b), _reference_mad(a, b), "on 3-D uint8 arrays")
    expect_inputs_unchanged(fn, "mean_abs_diff", ("a", "b"))


Q5_REST = (
    "\n\ndistances = [mean_abs_diff(image, probe) for image in gallery]\n"
    "closest = int(np.argmin(distances))"
)

Q5 = Question(
    id="q5",
    title="Image differences in uint8",
    points=1,
    prompt="""\
## q5 — Dtype surprises (1 point)

`gallery` holds 30 greyscale images of shape `(8, 8)` with dtype `uint8` (whole numbers
0..255), the way images come off a camera or out of a PNG; `probe` is a noisy copy of one of
them.

1. Write `mean_abs_diff(a, b)` returning the mean absolute pixel difference of two images of the
   same shape, as a float: $\\frac{1}{N}\\sum |a - b|$ over all $N$ pixels. Careful: `uint8`
   arithmetic wraps around (`np.uint8(3) - np.uint8(5)` is 254).
2. Store in `closest` the index (an `int`) of the gallery image with the smallest mean absolute
   difference to `probe`.""",
    reads=("mean_abs_diff", "closest"),
    template='''\
def mean_abs_diff(a, b):
    """Mean absolute difference of two same-shaped images, as a float."""
    return ____


closest = ____''',
    solution='''\
def mean_abs_diff(a, b):
    """Mean absolute difference of two same-shaped images, as a float."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return float(np.abs(a - b).mean())'''
    + Q5_REST,
    mistakes=(
        Mistake(
            "uint8 arithmetic wrapped around: `a - b` is computed in uint8, so 3 - 5 becomes 254. "
            "Convert first, `a.astype(float) - b.astype(float)`.",
            "def mean_abs_diff(a, b):\n    return float(np.abs(a - b).mean())" + Q5_REST,
        ),
        Mistake(
            "int8 holds only -128..127, so pixels above 127 overflow: convert to `float` "
            "(or `int`, which is 64-bit), not `np.int8`.",
            "def mean_abs_diff(a, b):\n"
            "    a, b = a.astype(np.int8), b.astype(np.int8)\n"
            "    return float(np.abs(a - b).mean())" + Q5_REST,
        ),
        Mistake(
            "`//` is floor division: the mean came out rounded down to a whole number. "
            "Use `/` or `.mean()`.",
            "def mean_abs_diff(a, b):\n"
            "    d = np.abs(a.astype(int) - b.astype(int))\n"
            "    return d.sum() // d.size" + Q5_REST,
        ),
        Mistake(
            "`.mean(axis=0)` averages each column separately and returns an array: call "
            "`.mean()` with no axis to average over every pixel.",
            "def mean_abs_diff(a, b):\n"
            "    return np.abs(a.astype(float) - b.astype(float)).mean(axis=0)" + Q5_REST,
        ),
        Mistake(
            "The absolute value is missing: positive and negative differences cancel out.",
            "def mean_abs_diff(a, b):\n"
            "    return float((a.astype(float) - b.astype(float)).mean())" + Q5_REST,
        ),
        Mistake(
            "`closest` is the image *furthest* from the probe: use `np.argmin`, not `np.argmax`.",
            "def mean_abs_diff(a, b):\n"
            "    return float(np.abs(a.astype(float) - b.astype(float)).mean())\n\n"
            "distances = [mean_abs_diff(image, probe) for image in gallery]\n"
            "closest = int(np.argmax(distances))",
        ),
    ),
    hints=(
        "Look at `np.uint8(3) - np.uint8(5)`. Convert both images with `.astype(float)` before "
        "subtracting.",
        "`float(np.abs(a.astype(float) - b.astype(float)).mean())`; then "
        "`int(np.argmin([mean_abs_diff(g, probe) for g in gallery]))`.",
    ),
    checks=(
        Check("the difference of two uint8 images, and the closest gallery image", _q5_public),
        Check("1-D and 3-D uint8 arrays, inputs unchanged", _q5_hidden, hidden=True),
    ),
)


# q6: the bootstrap with a seeded generator ---------------------------------------------------

N_BOOT = 2000


def _reference_bootstrap(x: Any, n_boot: int, seed: int) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    return x[idx].mean(axis=1)


Q6_GLOBAL = (
    "Two calls with the same seed gave different results: the draws come from NumPy's global "
    "random state (`np.random.randint`, `np.random.choice`, ...) or from an unseeded generator. "
    "Create `rng = np.random.default_rng(seed)` inside the function and draw from `rng`."
)
Q6_IGNORES_SEED = (
    "Different seeds gave the same result: the function ignores its `seed` argument. "
    "Pass it on: `np.random.default_rng(seed)`."
)


def _q6_reproducible(answers: Answers, fn: Any, x: np.ndarray, n_boot: int) -> None:
    first = _call(fn, "bootstrap_means", x, n_boot, 5)
    again = _call(fn, "bootstrap_means", x, n_boot, 5)
    try:
        same = np.array_equal(np.asarray(first, dtype=float), np.asarray(again, dtype=float))
    except (TypeError, ValueError):
        same = True  # not numbers: the value check says what is wrong
    if not same:
        raise KnownMistake(Q6_GLOBAL)
    other = _call(fn, "bootstrap_means", x, n_boot, 6)
    try:
        varies = np.ptp(np.asarray(first, dtype=float)) > 0
        if varies and np.array_equal(
            np.asarray(first, dtype=float), np.asarray(other, dtype=float)
        ):
            raise KnownMistake(Q6_IGNORES_SEED)
    except (TypeError, ValueError):
        pass


def _q6_public(answers: Answers, params: Params) -> None:
    fn = answers["bootstrap_means"]
    expect_callable(fn, "bootstrap_means")
    x = np.array([2.0, 4.0, 4.0, 5.0, 9.0, 1.0])
    _q6_reproducible(answers, fn, x, 8)
    found = _call(fn, "bootstrap_means", x, 8, 5)
    expect_array(found, _reference_bootstrap(x, 8, 5), "bootstrap_means(x, 8, seed=5)")
    expect_inputs_unchanged(fn, "bootstrap_means", ("x",))
    data = _data(params)
    seed = int(params.get("seed", 0))
    boot = _reference_bootstrap(data["X_train"][:, 0], N_BOOT, seed)
    expect_array(answers["ci"], np.percentile(boot, [2.5, 97.5]), "ci", rtol=1e-9)


def _q6_hidden(answers: Answers, params: Params) -> None:
    fn = answers["bootstrap_means"]
    seed = 60 + int(params.get("seed", 0))
    x = np.random.default_rng(seed).normal(size=40).tolist()
    found = _call(fn, "bootstrap_means", x, 300, seed)
    expect_array(found, _reference_bootstrap(x, 300, seed), "bootstrap_means on a list")
    found = _call(fn, "bootstrap_means", [7.0], 3, seed)
    expect_array(found, [7.0, 7.0, 7.0], "bootstrap_means([7.0], 3, seed)")


Q6_TAIL = (
    "\n\n"
    f"boot = bootstrap_means(X_train[:, 0], {N_BOOT}, seed)\n"
    "ci = np.percentile(boot, [2.5, 97.5])"
)

Q6 = Question(
    id="q6",
    title="The bootstrap with a seeded generator",
    points=2,
    prompt=f"""\
## q6 — Reproducible randomness (2 points)

The **bootstrap** estimates how much a statistic would vary from sample to sample: draw
`len(x)` values from `x` *with replacement*, compute the mean, and repeat `n_boot` times.

1. Write `bootstrap_means(x, n_boot, seed)` returning an array of shape `(n_boot,)`. Make it
   reproducible and independent of any other random code: create
   `rng = np.random.default_rng(seed)` inside the function, draw **all** the indices in one call,
   `rng.integers(0, len(x), size=(n_boot, len(x)))` (row `r` holds resample `r`), and average
   each resample. Accept lists; do not modify `x`.
2. Store in `ci` the 95 % bootstrap interval of the mean alcohol content of the training wines
   (column 0 of `X_train`): the 2.5th and 97.5th percentiles of
   `bootstrap_means(X_train[:, 0], {N_BOOT}, seed)`, as an array of 2 numbers
   (`np.percentile`).""",
    reads=("bootstrap_means", "ci"),
    template=f'''\
def bootstrap_means(x, n_boot, seed):
    """Means of n_boot resamples of x drawn with replacement, reproducibly from seed."""
    x = np.asarray(x, dtype=float)
    rng = ____
    idx = ____
    return ____


boot = bootstrap_means(X_train[:, 0], {N_BOOT}, seed)
ci = ____''',
    solution='''\
def bootstrap_means(x, n_boot, seed):
    """Means of n_boot resamples of x drawn with replacement, reproducibly from seed."""
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(n_boot, len(x)))
    return x[idx].mean(axis=1)'''
    + Q6_TAIL,
    mistakes=(
        Mistake(
            Q6_GLOBAL,
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    idx = np.random.randint(0, len(x), size=(n_boot, len(x)))\n"
            "    return x[idx].mean(axis=1)" + Q6_TAIL,
        ),
        Mistake(
            "`np.random.seed` and `np.random.randint` drive NumPy's old global generator, which "
            "gives a different sequence (and is shared by every library in the process): "
            "use `rng = np.random.default_rng(seed)` and `rng.integers`.",
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    np.random.seed(seed)\n"
            "    idx = np.random.randint(0, len(x), size=(n_boot, len(x)))\n"
            "    return x[idx].mean(axis=1)" + Q6_TAIL,
        ),
        Mistake(
            Q6_IGNORES_SEED,
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    rng = np.random.default_rng(0)\n"
            "    idx = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
            "    return x[idx].mean(axis=1)" + Q6_TAIL,
        ),
        Mistake(
            "Off by one: `rng.integers(low, high)` never returns `high`, so `len(x) - 1` leaves "
            "out the last value. Use `rng.integers(0, len(x), ...)`.",
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    rng = np.random.default_rng(seed)\n"
            "    idx = rng.integers(0, len(x) - 1, size=(n_boot, len(x)))\n"
            "    return x[idx].mean(axis=1)" + Q6_TAIL,
        ),
        Mistake(
            "Wrong axis: each *row* of `x[idx]` is one resample, so average along `axis=1` to "
            "get one mean per resample.",
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    rng = np.random.default_rng(seed)\n"
            "    idx = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
            "    return x[idx].mean(axis=0)" + Q6_TAIL,
        ),
        Mistake(
            "Every resample has the same mean: shuffling (drawing *without* replacement) keeps "
            "every value exactly once. The bootstrap draws *with* replacement.",
            "def bootstrap_means(x, n_boot, seed):\n"
            "    x = np.asarray(x, dtype=float)\n"
            "    rng = np.random.default_rng(seed)\n"
            "    return np.array([rng.permutation(x).mean() for _ in range(n_boot)])" + Q6_TAIL,
        ),
    ),
    hints=(
        "`rng.integers(0, len(x), size=(n_boot, len(x)))` is a matrix of indices; `x[idx]` "
        "has the same shape, one resample per row.",
        "`return x[idx].mean(axis=1)`; then `ci = np.percentile(boot, [2.5, 97.5])`.",
    ),
    checks=(
        Check("reproducible from seed, matches the prescribed draws, and ci", _q6_public),
        Check("works on plain lists and on a single value", _q6_hidden, hidden=True),
    ),
)


# q7: SciPy's optimize and stats -------------------------------------------------------------


def _reference_decay(t: Any, y: Any) -> np.ndarray:
    from scipy.optimize import curve_fit

    t, y = np.asarray(t, dtype=float), np.asarray(y, dtype=float)
    found, _ = curve_fit(lambda s, a, k: a * np.exp(-k * s), t, y, p0=[1.0, 1.0])
    return found


def _reference_p(params: Params) -> float:
    from scipy import stats

    data = _data(params)
    X_train, y_train = data["X_train"], data["y_train"]
    result = stats.ttest_ind(X_train[y_train == 0, 1], X_train[y_train == 1, 1], equal_var=False)
    return float(result.pvalue)


def _q7_public(answers: Answers, params: Params) -> None:
    fn = answers["fit_decay"]
    expect_callable(fn, "fit_decay")
    data = _data(params)
    found = _call(fn, "fit_decay", data["t"], data["y_decay"])
    expected = _reference_decay(data["t"], data["y_decay"])
    expect_array(found, expected, "fit_decay(t, y_decay)", rtol=1e-3, atol=1e-3)
    expect_close(answers["p_value"], _reference_p(params), "p_value", rtol=1e-6, atol=0.0)


def _q7_hidden(answers: Answers, params: Params) -> None:
    fn = answers["fit_decay"]
    rng = np.random.default_rng(70 + int(params.get("seed", 0)))
    t = np.linspace(0.0, 3.0, 40)
    y = 1.5 * np.exp(-0.6 * t) + rng.normal(scale=0.02, size=t.size)
    found = _call(fn, "fit_decay", t, y)
    expect_array(found, _reference_decay(t, y), "fit_decay on other data", rtol=1e-3, atol=1e-3)


Q7_FIT = '''\
from scipy import optimize, stats


def fit_decay(t, y):
    """[a, k] minimising the squared error of a * exp(-k * t) against y."""
    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)

    def loss(params):
        a, k = params
        return np.sum((a * np.exp(-k * t) - y) ** 2)

    return optimize.minimize(loss, x0=[1.0, 1.0]).x
'''
Q7_P = """
malic_0 = X_train[y_train == 0, 1]
malic_1 = X_train[y_train == 1, 1]
p_value = stats.ttest_ind(malic_0, malic_1, equal_var=False).pvalue"""

Q7 = Question(
    id="q7",
    title="SciPy: optimize and stats",
    points=2,
    prompt="""\
## q7 — Let SciPy do the work (2 points)

1. `t` and `y_decay` are measurements of a quantity that decays as $y = a\\,e^{-k t}$, plus
   noise. Write `fit_decay(t, y)` returning the array `[a, k]` that minimises the sum of squared
   errors $\\sum_i (a\\,e^{-k t_i} - y_i)^2$, found with `scipy.optimize.minimize` starting
   from `x0=[1.0, 1.0]`.
2. Do cultivars 0 and 1 differ in malic acid? On the training data, compare column 1 of
   `X_train` for the wines with `y_train == 0` against those with `y_train == 1` using Welch's
   t-test (`scipy.stats.ttest_ind` with `equal_var=False`: it does not assume the two groups
   have the same variance). Store the two-sided p-value in `p_value` (a float).""",
    reads=("fit_decay", "p_value"),
    template='''\
from scipy import optimize, stats


def fit_decay(t, y):
    """[a, k] minimising the squared error of a * exp(-k * t) against y."""
    t = np.asarray(t, dtype=float)
    y = np.asarray(y, dtype=float)

    def loss(params):
        a, k = params
        return ____

    return ____


p_value = ____''',
    solution=Q7_FIT + Q7_P,
    mistakes=(
        Mistake(
            "The loss sums absolute errors, so the fit is a different (least absolute "
            "deviations) curve: square the errors, `np.sum((a * np.exp(-k * t) - y) ** 2)`.",
            Q7_FIT.replace(
                "np.sum((a * np.exp(-k * t) - y) ** 2)", "np.sum(np.abs(a * np.exp(-k * t) - y))"
            )
            + Q7_P,
        ),
        Mistake(
            "The model lost its minus sign: the curve decays as `a * np.exp(-k * t)`.",
            Q7_FIT.replace("np.exp(-k * t)", "np.exp(k * t)") + Q7_P,
        ),
        Mistake(
            "The parameters come back in the wrong order: return `[a, k]`, as `loss` unpacks them.",
            Q7_FIT.replace(
                "return optimize.minimize(loss, x0=[1.0, 1.0]).x",
                "return optimize.minimize(loss, x0=[1.0, 1.0]).x[::-1]",
            )
            + Q7_P,
        ),
        Mistake(
            "`p_value` comes from Student's t-test, which assumes equal variances: pass "
            "`equal_var=False` for Welch's test.",
            Q7_FIT + Q7_P.replace(", equal_var=False", ""),
        ),
        Mistake(
            "`p_value` holds the t statistic: take `.pvalue` from the result of `ttest_ind`.",
            Q7_FIT + Q7_P.replace(".pvalue", ".statistic"),
        ),
        Mistake(
            "`X_train[y_train == 0][1]` picks the second *row* of the selection, not column 1: "
            "select rows and the column in one index, `X_train[y_train == 0, 1]`.",
            Q7_FIT
            + Q7_P.replace("X_train[y_train == 0, 1]", "X_train[y_train == 0][1]").replace(
                "X_train[y_train == 1, 1]", "X_train[y_train == 1][1]"
            ),
        ),
    ),
    hints=(
        "`loss` returns one number for a pair `params`; `optimize.minimize(loss, x0=[1.0, 1.0])` "
        "returns a result whose `.x` is the best pair.",
        "`return np.sum((a * np.exp(-k * t) - y) ** 2)` inside `loss`; for the test, "
        "`stats.ttest_ind(X_train[y_train == 0, 1], X_train[y_train == 1, 1], "
        "equal_var=False).pvalue`.",
    ),
    checks=(
        Check("fit_decay(t, y_decay) agrees with least squares, and p_value", _q7_public),
        Check("fit_decay works on another decaying signal", _q7_hidden, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("02"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
