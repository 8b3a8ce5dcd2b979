"""Exercise 14: dimensionality reduction — PCA by eigenvectors and by the SVD, explained variance,
standardising, low-rank approximation, and ICA against PCA."""

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
# Exercise 14 — Dimensionality reduction

Six questions: principal component analysis (PCA) built twice by hand, then used on digits and
wine, the SVD as a compressor, and independent component analysis (ICA) unmixing signals.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/14_dimensionality_reduction.ipynb` grades the whole notebook the
  way the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_digits, load_wine, make_low_rank_matrix
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# Wine (q4): 13 chemical measurements in very different units; a random 150 of the 178 wines.
wine = load_wine()
wine_features = list(wine.feature_names)
X_wine = wine.data[np.sort(rng.choice(len(wine.data), size=150, replace=False))]

# Digits (q3): 8x8 greyscale images flattened to 64 pixel values from 0 to 16.
X_digits, y_digits = load_digits(return_X_y=True)
X_digits_train, X_digits_test = train_test_split(X_digits, test_size=0.25, random_state=seed)

# A 120 x 80 matrix that is close to low rank (q5).
A_lr = make_low_rank_matrix(
    n_samples=120, n_features=80, effective_rank=4 + seed % 5, tail_strength=0.01,
    random_state=seed,
)

# Three independent signals (q6), one per column of S_true, and three mixtures of them.
t = np.linspace(0, 40, 2000)
phase = rng.uniform(0, 6, size=3)
S_true = np.column_stack([
    np.sin(1.3 * t + phase[0]),                   # a sine wave
    np.sign(np.sin(0.7 * t + phase[1])),          # a square wave
    2 * ((0.23 * t + phase[2] / 6) % 1) - 1,      # a sawtooth
])
S_true += 0.05 * rng.normal(size=S_true.shape)
S_true = (S_true - S_true.mean(axis=0)) / S_true.std(axis=0)
mixing = rng.uniform(0.5, 2.0, size=(3, 3))
X_mixed = S_true @ mixing.T                       # each column is one "microphone"
print(f"wine: {X_wine.shape}, digits: {X_digits_train.shape} train / {X_digits_test.shape} test")
print(f"A_lr: {A_lr.shape}, X_mixed: {X_mixed.shape}")"""

ICA_MIN_MATCH = 0.95  # worst-matched source over seeds 0-39: FastICA 0.998-1.000, PCA 0.60-0.76
WINE_COMPONENTS = 2
DIGITS_TARGET = 0.90
RANKS = tuple(range(1, 21))
RANK_TOLERANCE = 0.10


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _variant(solution: str, old: str, new: str) -> str:
    """A known mistake written as one change to the reference solution."""
    if old not in solution:
        raise ValueError(f"{old!r} is not in the solution")
    return solution.replace(old, new)


def _correlated(seed: int, n: int, d: int, offset: float = 4.0) -> np.ndarray:
    """Data with a clear ranking of directions and a mean far from zero."""
    rng = np.random.default_rng(seed)
    scales = np.linspace(3.0, 0.5, d)
    rotation = np.linalg.qr(rng.normal(size=(d, d)))[0]
    return (rng.normal(size=(n, d)) * scales) @ rotation.T + offset + rng.normal(size=d)


def _flip_rows(rows: np.ndarray) -> np.ndarray:
    """scikit-learn's sign convention: each row's largest-magnitude entry is positive."""
    biggest = np.argmax(np.abs(rows), axis=1)
    signs = np.sign(rows[np.arange(len(rows)), biggest])
    signs[signs == 0] = 1.0
    return rows * signs[:, None]


def _as_float_array(value: Any, name: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"`{name}` should be an array of numbers.") from None


def _same_up_to_sign(found: np.ndarray, expected: np.ndarray, axis: int, tol: float) -> bool:
    """Equal once each row (axis=0 pairs rows) or each column (axis=1) may be negated."""
    if found.shape != expected.shape:
        return False
    if axis == 1:
        found, expected = found.T, expected.T
    return all(
        np.allclose(f, e, atol=tol, rtol=1e-5) or np.allclose(f, -e, atol=tol, rtol=1e-5)
        for f, e in zip(found, expected, strict=True)
    )


def _name_candidate(
    found: np.ndarray, candidates: list[tuple[str, np.ndarray]], axis: int, tol: float
) -> None:
    """Raise the message of the first wrong answer ``found`` equals (signs aside)."""
    for message, wrong in candidates:
        if _same_up_to_sign(found, np.asarray(wrong, dtype=float), axis, tol):
            raise KnownMistake(message)


# q1: PCA from the covariance matrix's eigenvectors -------------------------------------------

Q1_NO_CENTRE = (
    "Centre the data first: subtract each column's mean before forming the covariance matrix, "
    "or the first 'component' just points at the mean."
)
Q1_ROWS = (
    "`np.linalg.eigh` returns the eigenvectors as the *columns* of its second output "
    "(`vectors[:, i]` goes with `values[i]`); you took rows. Use `vectors[:, order].T`."
)
Q1_UNSORTED = (
    "`np.linalg.eigh` returns the eigenvalues in *ascending* order, so the first k are the "
    "smallest: sort them largest first (`np.argsort(values)[::-1]`) before taking k."
)
Q1_ASCENDING = (
    "Your components come out in ascending order of variance: the first row must be the "
    "direction of *largest* variance. Reverse the order that `eigh` gives."
)
Q1_VALUES_UNSORTED = (
    "The components are right but `explained_variance` is not sorted with them: `eigh` lists "
    "eigenvalues in ascending order, so index them with the same `order` as the vectors."
)
Q1_BY_N = (
    "`explained_variance` is the covariance divided by n; scikit-learn (and `np.cov`) divide "
    "by n - 1. The ratios would not change, but these values do."
)
Q1_SIGN = (
    "A component has the opposite sign to the prompt's convention: flip each row so that its "
    "entry with the largest absolute value is positive."
)
Q1_VALUES_STD = (
    "`explained_variance` holds standard deviations: the variance along a component is the "
    "eigenvalue itself, not its square root."
)


def _eig_parts(X: np.ndarray, centre: bool = True, ddof: int = 1) -> tuple:
    Xc = X - X.mean(axis=0) if centre else X
    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - ddof))
    return values, vectors


def _q1_reference(X: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.decomposition import PCA

    pca = PCA(n_components=k, svd_solver="full").fit(X)
    return pca.components_, pca.explained_variance_


def _q1_wrong_components(X: np.ndarray, k: int) -> list[tuple[str, np.ndarray]]:
    values, vectors = _eig_parts(X)
    order = np.argsort(values)[::-1][:k]
    raw_values, raw_vectors = _eig_parts(X, centre=False)
    raw_order = np.argsort(raw_values)[::-1][:k]
    return [
        (Q1_NO_CENTRE, raw_vectors[:, raw_order].T),
        (Q1_ROWS, vectors[order]),
        (Q1_ROWS, vectors[::-1][:k]),
        (Q1_UNSORTED, vectors[:, :k].T),
        (Q1_ASCENDING, vectors[:, order[::-1]].T),
    ]


def _q1_wrong_values(X: np.ndarray, k: int) -> list[tuple[str, np.ndarray]]:
    values, _ = _eig_parts(X)
    by_n, _ = _eig_parts(X, ddof=0)
    top = np.sort(values)[::-1][:k]
    return [
        (Q1_VALUES_UNSORTED, values[:k]),
        (Q1_VALUES_UNSORTED, np.sort(top)),
        (Q1_BY_N, np.sort(by_n)[::-1][:k]),
        (Q1_VALUES_STD, np.sqrt(top)),
    ]


def _q1_compare(answers: Answers, X: np.ndarray, k: int, label: str) -> None:
    pca_eig = answers["pca_eig"]
    found = call_learner_function(pca_eig, "pca_eig", X.copy(), k)
    if not isinstance(found, tuple) or len(found) != 2:
        raise CheckFailed(
            "`pca_eig` should return a pair `(components, explained_variance)`, but it returned "
            f"{type(found).__name__}."
        )
    components = _as_float_array(found[0], "components")
    variances = _as_float_array(found[1], "explained_variance")
    expected_c, expected_v = _q1_reference(X, k)
    if components.shape == expected_c.T.shape and k != X.shape[1]:
        raise KnownMistake(
            f"`components` has shape {components.shape}: one *row* per component is expected, "
            f"shape {expected_c.shape}. Transpose the eigenvector columns with `.T`."
        )
    if not _same_up_to_sign(components, expected_c, axis=0, tol=1e-6):
        if components.shape == expected_c.shape:
            _name_candidate(components, _q1_wrong_components(X, k), axis=0, tol=1e-6)
        expect_array(components, expected_c, f"components of {label}", rtol=1e-5, atol=1e-6)
    if not np.allclose(components, expected_c, rtol=1e-5, atol=1e-6):
        flipped = [
            str(i)
            for i in range(k)
            if not np.allclose(components[i], expected_c[i], rtol=1e-5, atol=1e-6)
        ]
        raise KnownMistake(f"{Q1_SIGN} (rows {', '.join(flipped)} of `components`)")
    if variances.shape == expected_v.shape and not np.allclose(variances, expected_v, rtol=1e-5):
        _name_candidate(variances[None], [(m, v[None]) for m, v in _q1_wrong_values(X, k)], 0, 0)
    expect_array(variances, expected_v, f"explained_variance of {label}", rtol=1e-5, atol=1e-9)


def _q1_small(answers: Answers, params: Params) -> None:
    expect_callable(answers["pca_eig"], "pca_eig")
    _q1_compare(answers, _correlated(1, n=40, d=4), 2, "a 40 x 4 problem")
    expect_only_numpy(answers["pca_eig"], "pca_eig")
    expect_inputs_unchanged(answers["pca_eig"], "pca_eig", ("X", "k"))


def _q1_wine(answers: Answers, params: Params) -> None:
    from sklearn.preprocessing import StandardScaler

    Z = StandardScaler().fit_transform(_data(params)["X_wine"])
    _q1_compare(answers, Z, 3, "the standardised wine data")


def _q1_other(answers: Answers, params: Params) -> None:
    for seed, n, d, k in [(12, 200, 6, 6), (13, 15, 3, 1), (14, 90, 10, 4)]:
        _q1_compare(answers, _correlated(seed, n, d, offset=-20.0), k, "other data")
    X = _correlated(15, n=30, d=3)
    found = call_learner_function(answers["pca_eig"], "pca_eig", X.tolist(), 2)
    expect_array(found[0], _q1_reference(X, 2)[0], "components for a list of lists", atol=1e-6)
    expect_inputs_unchanged(answers["pca_eig"], "pca_eig", ("X", "k"))


Q1_SOLUTION = '''\
def pca_eig(X, k):
    """The top-k principal components (rows) and their variances, from the covariance."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    covariance = Xc.T @ Xc / (len(X) - 1)
    values, vectors = np.linalg.eigh(covariance)
    order = np.argsort(values)[::-1][:k]
    components = vectors[:, order].T
    biggest = np.argmax(np.abs(components), axis=1)
    signs = np.sign(components[np.arange(k), biggest])
    return components * signs[:, None], values[order]'''

Q1 = Question(
    id="q1",
    title="PCA from the covariance matrix",
    points=2,
    prompt="""\
## q1 — PCA from eigenvectors (2 points)

Write `pca_eig(X, k)` that returns the pair `(components, explained_variance)`:

- `components`: an array of shape `(k, d)` whose **rows** are the top-k principal directions
  (unit-length eigenvectors of the covariance matrix), largest variance first, as in
  scikit-learn's `PCA.components_`;
- `explained_variance`: an array of shape `(k,)`, the variance of the data along each of those
  directions (the eigenvalues), with the covariance divided by $n - 1$:
  $$C = \\frac{1}{n-1} X_c^\\top X_c, \\qquad X_c = X - \\bar x .$$

An eigenvector is only defined up to its sign ($Cv = \\lambda v$ holds for $-v$ too). Use
scikit-learn's convention so that your answer is unique: **flip each row so that its entry with
the largest absolute value is positive.** Use NumPy only (`np.linalg.eigh` for the
eigen-decomposition), accept lists, and do not modify `X`.""",
    reads=("pca_eig",),
    template='''\
def pca_eig(X, k):
    """The top-k principal components (rows) and their variances, from the covariance."""
    X = np.asarray(X, dtype=float)
    Xc = ____
    covariance = ____
    values, vectors = np.linalg.eigh(covariance)
    return ____''',
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(
            Q1_NO_CENTRE,
            _variant(Q1_SOLUTION, "Xc = X - X.mean(axis=0)", "Xc = X"),
        ),
        Mistake(Q1_ROWS, _variant(Q1_SOLUTION, "vectors[:, order].T", "vectors[order]")),
        Mistake(
            Q1_UNSORTED,
            _variant(Q1_SOLUTION, "np.argsort(values)[::-1][:k]", "np.arange(k)"),
        ),
        Mistake(
            Q1_VALUES_UNSORTED,
            _variant(Q1_SOLUTION, "signs[:, None], values[order]", "signs[:, None], values[:k]"),
        ),
        Mistake(Q1_BY_N, _variant(Q1_SOLUTION, "/ (len(X) - 1)", "/ len(X)")),
        Mistake(
            Q1_SIGN,
            _variant(
                Q1_SOLUTION,
                "return components * signs[:, None]",
                "return -components * signs[:, None]",
            ),
        ),
        Mistake(Q1_VALUES_STD, _variant(Q1_SOLUTION, "values[order]", "np.sqrt(values[order])")),
    ),
    hints=(
        "Centre with `X - X.mean(axis=0)`. `np.linalg.eigh(C)` returns `(values, vectors)`: the "
        "values in ascending order, and eigenvector i in the column `vectors[:, i]`.",
        "`order = np.argsort(values)[::-1][:k]`, then `components = vectors[:, order].T`; for the "
        "signs, `biggest = np.argmax(np.abs(components), axis=1)` and multiply each row by "
        "`np.sign(components[np.arange(k), biggest])`.",
    ),
    checks=(
        Check("matches scikit-learn's PCA on a small problem, signs included", _q1_small),
        Check("matches scikit-learn's PCA on the standardised wine data", _q1_wine),
        Check(
            "works for other shapes, for k = d and k = 1, and for a list of lists",
            _q1_other,
            hidden=True,
        ),
    ),
)


# q2: PCA scores from the SVD -----------------------------------------------------------------

Q2_NO_CENTRE = (
    "Centre X before the SVD: without subtracting the column means, the SVD describes the data "
    "around the origin, not around its mean."
)
Q2_PROJECT_RAW = (
    "The directions are right, but you projected the raw X: project the *centred* data, "
    "`Xc @ Vt[:k].T`, so that every score column has mean zero."
)
Q2_ORIENTATION = (
    "The principal directions are the *rows* of `Vt` (the columns of V): use `Vt[:k].T`, "
    "not `Vt[:, :k]`, which takes the first k entries of every direction."
)
Q2_NO_S = (
    "`U[:, :k]` alone has unit-length columns; the scores are `U[:, :k] * s[:k]` "
    "(the same as `Xc @ Vt[:k].T`)."
)
Q2_NO_TRANSPOSE = (
    "`Xc @ Vt[:k]` does not line up: `Vt[:k]` has shape (k, d), one direction per row, so "
    "project with its transpose, `Xc @ Vt[:k].T`."
)
Q2_SCALED = (
    "Only centre the data here: dividing by the standard deviation is a different analysis "
    "(PCA on standardised data), and the prompt asks for PCA of X as it is."
)


def _q2_reference(X: np.ndarray, k: int) -> np.ndarray:
    from sklearn.decomposition import PCA

    return PCA(n_components=k, svd_solver="full").fit_transform(X)


def _q2_wrong(X: np.ndarray, k: int) -> list[tuple[str, np.ndarray]]:
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    _, _, Vt_raw = np.linalg.svd(X, full_matrices=False)
    Z = Xc / Xc.std(axis=0)
    U_z, s_z, _ = np.linalg.svd(Z, full_matrices=False)
    wrong = [
        (Q2_NO_CENTRE, X @ Vt_raw[:k].T),
        (Q2_PROJECT_RAW, X @ Vt[:k].T),
        (Q2_NO_S, U[:, :k]),
        (Q2_SCALED, U_z[:, :k] * s_z[:k]),
    ]
    if Vt.shape[0] == Vt.shape[1]:
        wrong.append((Q2_ORIENTATION, Xc @ Vt[:, :k]))
    return wrong


def _q2_compare(answers: Answers, X: np.ndarray, k: int, label: str) -> None:
    found = call_learner_function(answers["pca_scores"], "pca_scores", X.copy(), k)
    expected = _q2_reference(X, k)
    scores = _as_float_array(found, "pca_scores(X, k)")
    if _same_up_to_sign(scores, expected, axis=1, tol=1e-6):
        return
    if scores.shape == expected.shape:
        _name_candidate(scores, _q2_wrong(X, k), axis=1, tol=1e-6)
        # Not one of the known slips: compare with the nearest sign of each column.
        signs = np.where(np.sum(scores * expected, axis=0) < 0, -1.0, 1.0)
        expected = expected * signs
    expect_array(scores, expected, f"pca_scores on {label} (signs aside)", rtol=1e-5, atol=1e-6)


def _q2_small(answers: Answers, params: Params) -> None:
    expect_callable(answers["pca_scores"], "pca_scores")
    _q2_compare(answers, _correlated(2, n=50, d=5), 2, "a 50 x 5 problem")
    expect_only_numpy(answers["pca_scores"], "pca_scores")
    expect_inputs_unchanged(answers["pca_scores"], "pca_scores", ("X", "k"))


def _q2_digits(answers: Answers, params: Params) -> None:
    _q2_compare(answers, _data(params)["X_digits_train"][:300], 5, "300 training digits")


def _q2_other(answers: Answers, params: Params) -> None:
    for seed, n, d, k in [(21, 12, 30, 3), (22, 100, 3, 3), (23, 60, 8, 1)]:
        _q2_compare(answers, _correlated(seed, n, d, offset=7.0), k, "other data")
    expect_inputs_unchanged(answers["pca_scores"], "pca_scores", ("X", "k"))


Q2_SOLUTION = '''\
def pca_scores(X, k):
    """Coordinates of each row of X along the top-k principal directions, via the SVD."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Xc @ Vt[:k].T'''

Q2 = Question(
    id="q2",
    title="PCA scores from the SVD",
    points=2,
    prompt="""\
## q2 — PCA from the SVD (2 points)

The singular value decomposition of the centred data, $X_c = U S V^\\top$, gives PCA without
forming the covariance matrix: the rows of $V^\\top$ are the principal directions, and the
**scores** (the coordinates of each sample along them) are
$$Z = X_c V_k = U_k S_k ,$$
where $V_k$ keeps the first k columns of $V$.

Write `pca_scores(X, k)` that returns `Z`, an array of shape `(n, k)`: what
`PCA(n_components=k).fit_transform(X)` returns. Use NumPy only (`np.linalg.svd`), and do not
modify `X`.

Here **either sign of each column is accepted**: the checks compare each column of your `Z`
with scikit-learn's up to a factor of −1, because flipping a direction flips its scores and
both describe the same component.""",
    reads=("pca_scores",),
    template='''\
def pca_scores(X, k):
    """Coordinates of each row of X along the top-k principal directions, via the SVD."""
    X = np.asarray(X, dtype=float)
    Xc = ____
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return ____''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(Q2_NO_CENTRE, _variant(Q2_SOLUTION, "Xc = X - X.mean(axis=0)", "Xc = X")),
        Mistake(Q2_PROJECT_RAW, _variant(Q2_SOLUTION, "return Xc @", "return X @")),
        Mistake(Q2_ORIENTATION, _variant(Q2_SOLUTION, "Vt[:k].T", "Vt[:, :k]")),
        Mistake(Q2_NO_TRANSPOSE, _variant(Q2_SOLUTION, "Vt[:k].T", "Vt[:k]")),
        Mistake(Q2_NO_S, _variant(Q2_SOLUTION, "Xc @ Vt[:k].T", "U[:, :k]")),
        Mistake(
            Q2_SCALED,
            _variant(
                Q2_SOLUTION, "Xc = X - X.mean(axis=0)", "Xc = (X - X.mean(axis=0)) / X.std(axis=0)"
            ),
        ),
    ),
    hints=(
        "Centre first (`X - X.mean(axis=0)`). With `full_matrices=False`, `Vt` has one principal "
        "direction per *row*, already sorted by decreasing singular value.",
        "`return Xc @ Vt[:k].T`, or equivalently `U[:, :k] * s[:k]`.",
    ),
    checks=(
        Check("matches PCA.fit_transform on a small problem, up to sign", _q2_small),
        Check("matches PCA.fit_transform on 300 training digits, up to sign", _q2_digits),
        Check(
            "works for wide data (more columns than rows), k = d and k = 1",
            _q2_other,
            hidden=True,
        ),
    ),
)


# q3: choosing the number of components on digits; reconstruction error -----------------------

Q3_OFF_BY_ONE = (
    "`k90` is one too small: `np.argmax(cumulative >= 0.9)` is the *index* of the first "
    "component that reaches 90 %, so the count of components is that index + 1."
)
Q3_RATIO = (
    "Use `explained_variance_ratio_` (fractions of the total that add up to 1), not "
    "`explained_variance_` (variances in squared pixel units)."
)
Q3_TEST_FIT = (
    "`digits_pca` was fitted on the test split: fit it on `X_digits_train` and keep the test "
    "images for measuring the reconstruction error."
)
Q3_ALL_FIT = (
    "`digits_pca` was fitted on all the digits, test images included: fit it on "
    "`X_digits_train` only."
)
Q3_TRAIN_ERROR = (
    "`recon_mse` is the error on the training images: reconstruct `X_digits_test` instead, the "
    "images the PCA has not seen."
)
Q3_RMSE = (
    "`recon_mse` is a root mean squared error: the prompt asks for the mean of the squared "
    "differences, without the square root."
)
Q3_SUM = (
    "`recon_mse` adds up the 64 pixel errors of each image: take the mean over pixels *and* "
    "images, `np.mean((X_digits_test - X_rec) ** 2)`."
)
Q3_NO_MEAN = (
    "The reconstruction forgot the mean: `scores @ components_` rebuilds only the centred "
    "image, so add `digits_pca.mean_` back (or use `inverse_transform`)."
)


def _q3_expected(params: Params) -> dict[str, Any]:
    return _q3_expected_for(int(params.get("seed", 0)))


@lru_cache(maxsize=4)
def _q3_expected_for(seed: int) -> dict[str, Any]:
    from sklearn.decomposition import PCA

    data = _data({"seed": seed})
    X_train, X_test = data["X_digits_train"], data["X_digits_test"]
    full = PCA().fit(X_train)
    cumulative = np.cumsum(full.explained_variance_ratio_)
    k90 = int(np.argmax(cumulative >= DIGITS_TARGET)) + 1
    pca = PCA(n_components=k90).fit(X_train)

    def error(X: np.ndarray) -> np.ndarray:
        return (X - pca.inverse_transform(pca.transform(X))) ** 2

    return {
        "k90": k90,
        "pca": pca,
        "cumulative_variance": np.cumsum(full.explained_variance_),
        "mse": float(error(X_test).mean()),
        "wrong_mse": [
            (Q3_TRAIN_ERROR, float(error(X_train).mean())),
            (Q3_RMSE, float(np.sqrt(error(X_test).mean()))),
            (Q3_SUM, float(error(X_test).sum(axis=1).mean())),
            (Q3_NO_MEAN, float(np.mean((X_test - pca.transform(X_test) @ pca.components_) ** 2))),
        ],
        "X_train": X_train,
        "X_test": X_test,
    }


def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.decomposition import PCA

    expected = _q3_expected(params)
    k90 = expect_number(answers["k90"], "k90")
    if k90 == expected["k90"] - 1:
        raise KnownMistake(Q3_OFF_BY_ONE)
    unscaled = int(np.argmax(expected["cumulative_variance"] >= DIGITS_TARGET)) + 1
    if k90 == unscaled and k90 != expected["k90"]:
        raise KnownMistake(Q3_RATIO)
    expect_equal(k90, expected["k90"], "k90")
    model = answers["digits_pca"]
    expect_fitted(model, "digits_pca")
    expect_type(model, PCA, "digits_pca")
    expect_equal(getattr(model, "n_components_", None), expected["k90"], "digits_pca.n_components_")
    mean = np.asarray(model.mean_)
    if np.allclose(mean, expected["X_test"].mean(axis=0)):
        raise KnownMistake(Q3_TEST_FIT)
    both = np.vstack([expected["X_train"], expected["X_test"]])
    if np.allclose(mean, both.mean(axis=0)):
        raise KnownMistake(Q3_ALL_FIT)
    expect_array(mean, expected["X_train"].mean(axis=0), "digits_pca.mean_", atol=1e-8)
    found = expect_number(answers["recon_mse"], "recon_mse")
    for message, wrong in expected["wrong_mse"]:
        if np.isclose(found, wrong, rtol=1e-6):
            raise KnownMistake(message)
    expect_close(found, expected["mse"], "recon_mse", rtol=1e-6)


def _q3_components(answers: Answers, params: Params) -> None:
    expected = _q3_expected(params)["pca"]
    model = answers["digits_pca"]
    found = np.asarray(model.components_, dtype=float)
    if not _same_up_to_sign(found, expected.components_, axis=0, tol=1e-6):
        raise CheckFailed("`digits_pca` does not have the components of a PCA of X_digits_train.")
    rebuilt = model.inverse_transform(model.transform(_data(params)["X_digits"][:50]))
    reference = expected.inverse_transform(expected.transform(_data(params)["X_digits"][:50]))
    expect_array(rebuilt, reference, "digits_pca's reconstructions", rtol=1e-5, atol=1e-6)


Q3_SOLUTION = """\
from sklearn.decomposition import PCA

full = PCA().fit(X_digits_train)
cumulative = np.cumsum(full.explained_variance_ratio_)
k90 = int(np.argmax(cumulative >= 0.90)) + 1

digits_pca = PCA(n_components=k90).fit(X_digits_train)
X_rec = digits_pca.inverse_transform(digits_pca.transform(X_digits_test))
recon_mse = float(np.mean((X_digits_test - X_rec) ** 2))"""

Q3 = Question(
    id="q3",
    title="How many components for the digits?",
    points=2,
    prompt="""\
## q3 — Choosing the number of components (2 points)

Each digit image has 64 pixels, but neighbouring pixels move together, so far fewer directions
carry most of the variation.

1. Fit a `PCA()` with all components on `X_digits_train`, and store in `k90` (an int) the
   **smallest** number of components whose explained-variance ratios add up to at least 0.90.
2. Fit `digits_pca = PCA(n_components=k90)` on `X_digits_train`.
3. Compress and rebuild the **test** images (`transform`, then `inverse_transform`), and store
   in `recon_mse` (a float) the mean squared reconstruction error over all test pixels:
   `np.mean((X_digits_test - X_rec) ** 2)`.""",
    reads=("k90", "digits_pca", "recon_mse"),
    template="""\
from sklearn.decomposition import PCA

full = PCA().fit(X_digits_train)
cumulative = ____
k90 = ____

digits_pca = ____
X_rec = ____
recon_mse = ____""",
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(Q3_OFF_BY_ONE, _variant(Q3_SOLUTION, ">= 0.90)) + 1", ">= 0.90))")),
        Mistake(
            Q3_RATIO,
            _variant(
                Q3_SOLUTION,
                "np.cumsum(full.explained_variance_ratio_)",
                "np.cumsum(full.explained_variance_)",
            ),
        ),
        Mistake(
            Q3_TEST_FIT,
            _variant(
                Q3_SOLUTION,
                "PCA(n_components=k90).fit(X_digits_train)",
                "PCA(n_components=k90).fit(X_digits_test)",
            ),
        ),
        Mistake(
            Q3_ALL_FIT,
            _variant(
                Q3_SOLUTION,
                "PCA(n_components=k90).fit(X_digits_train)",
                "PCA(n_components=k90).fit(X_digits)",
            ),
        ),
        Mistake(
            Q3_TRAIN_ERROR,
            _variant(
                Q3_SOLUTION,
                "digits_pca.transform(X_digits_test))\nrecon_mse = float(np.mean((X_digits_test",
                "digits_pca.transform(X_digits_train))\nrecon_mse = float(np.mean((X_digits_train",
            ),
        ),
        Mistake(
            Q3_RMSE,
            _variant(
                Q3_SOLUTION,
                "float(np.mean((X_digits_test - X_rec) ** 2))",
                "float(np.sqrt(np.mean((X_digits_test - X_rec) ** 2)))",
            ),
        ),
        Mistake(
            Q3_SUM,
            _variant(
                Q3_SOLUTION,
                "np.mean((X_digits_test - X_rec) ** 2)",
                "np.mean(np.sum((X_digits_test - X_rec) ** 2, axis=1))",
            ),
        ),
        Mistake(
            Q3_NO_MEAN,
            _variant(
                Q3_SOLUTION,
                "digits_pca.inverse_transform(digits_pca.transform(X_digits_test))",
                "digits_pca.transform(X_digits_test) @ digits_pca.components_",
            ),
        ),
    ),
    hints=(
        "`np.cumsum(full.explained_variance_ratio_)` gives the fraction of variance kept by the "
        "first 1, 2, 3, ... components.",
        "`int(np.argmax(cumulative >= 0.90)) + 1` counts components (argmax gives an index). "
        "`PCA(n_components=0.90)` picks the same number for you.",
    ),
    checks=(
        Check(
            "k90, a PCA fitted on the training digits, and the test reconstruction error",
            _q3_public,
        ),
        Check(
            "digits_pca has the components of a PCA fitted on X_digits_train",
            _q3_components,
            hidden=True,
        ),
    ),
)


# q4: why standardise first (wine) ------------------------------------------------------------

Q4_NOT_STANDARDISED = (
    "Your 'standardised' answers equal the raw ones: standardise X_wine first (`StandardScaler`, "
    "or subtract the mean and divide by the standard deviation of each column)."
)
Q4_SIGNED = (
    "Pick the feature whose loading is largest *in size*, whatever its sign: "
    "`np.argmax(np.abs(components_[0]))`."
)
Q4_VARIANCE_NOT_RATIO = (
    "The ratio is `explained_variance_ratio_[0]`, a fraction between 0 and 1; "
    "`explained_variance_[0]` is a variance in the data's own units."
)
Q4_SECOND = (
    "Use the *first* component (`components_[0]`, `explained_variance_ratio_[0]`): index 1 is "
    "the second."
)
Q4_ALL_WINES = "Use `X_wine` (the 150 sampled wines) as given, not `wine.data` with all 178 rows."


def _q4_analysis(X: np.ndarray, standardise: bool) -> dict[str, Any]:
    from sklearn.decomposition import PCA

    X = np.asarray(X, dtype=float)
    if standardise:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    pca = PCA(n_components=WINE_COMPONENTS).fit(X)
    return {
        "top": int(np.argmax(np.abs(pca.components_[0]))),
        "signed": {int(np.argmax(pca.components_[0])), int(np.argmin(pca.components_[0]))},
        "second": int(np.argmax(np.abs(pca.components_[1]))),
        "ratio": float(pca.explained_variance_ratio_[0]),
        "variance": float(pca.explained_variance_[0]),
        "ratio2": float(pca.explained_variance_ratio_[1]),
    }


def _q4_diagnose(
    top: Any,
    ratio: Any,
    names: list[str],
    X: np.ndarray,
    standardise: bool,
    label: str,
    all_rows: np.ndarray | None = None,
) -> None:
    """Name the slip in a (top feature, ratio) answer, or check it is right."""
    top_name, ratio_name = f"the top feature {label}", f"the ratio {label}"
    expected = _q4_analysis(X, standardise)
    expect_type(top, str, top_name)
    if top not in names:
        raise CheckFailed(f"{top_name} is {top!r}, which is not one of the feature names.")
    ratio = expect_number(ratio, ratio_name)
    if standardise:
        raw = _q4_analysis(X, standardise=False)
        if np.isclose(ratio, raw["ratio"], rtol=1e-6) and not np.isclose(
            ratio, expected["ratio"], rtol=1e-6
        ):
            raise KnownMistake(Q4_NOT_STANDARDISED)
    if np.isclose(ratio, expected["variance"], rtol=1e-6):
        raise KnownMistake(Q4_VARIANCE_NOT_RATIO)
    if np.isclose(ratio, expected["ratio2"], rtol=1e-6) or (
        top != names[expected["top"]] and top == names[expected["second"]]
    ):
        raise KnownMistake(Q4_SECOND)
    if all_rows is not None:
        everything = _q4_analysis(all_rows, standardise)
        if np.isclose(ratio, everything["ratio"], rtol=1e-9) and not np.isclose(
            ratio, expected["ratio"], rtol=1e-9
        ):
            raise KnownMistake(Q4_ALL_WINES)
    if top != names[expected["top"]] and names.index(top) in expected["signed"]:
        raise KnownMistake(Q4_SIGNED)
    expect_equal(top, names[expected["top"]], top_name)
    expect_close(ratio, expected["ratio"], ratio_name, rtol=1e-6)


def _q4_call(answers: Answers, X: np.ndarray, names: list[str], standardise: bool) -> tuple:
    found = call_learner_function(
        answers["pc1_summary"], "pc1_summary", X.copy(), list(names), standardise
    )
    if not isinstance(found, tuple) or len(found) != 2:
        raise CheckFailed(
            "`pc1_summary` should return a pair `(feature_name, ratio)`, but it returned "
            f"{type(found).__name__}."
        )
    return found


def _q4_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["pc1_summary"], "pc1_summary")
    data = _data(params)
    X, names, everything = data["X_wine"], data["wine_features"], data["wine"]["data"]
    for kind, standardise in [("raw", False), ("std", True)]:
        _q4_diagnose(
            answers[f"top_{kind}"],
            answers[f"ratio_{kind}"],
            names,
            X,
            standardise,
            f"`top_{kind}` / `ratio_{kind}`",
            everything,
        )
    found = _q4_call(answers, X, names, True)
    _q4_diagnose(*found, names, X, True, "from `pc1_summary(X_wine, wine_features, True)`")
    expect_inputs_unchanged(answers["pc1_summary"], "pc1_summary", ("X", "feature_names"))


def _q4_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(40)
    latent = rng.normal(size=(80, 2))
    X = np.column_stack(
        [
            latent[:, 0],
            50 * rng.normal(size=80),
            latent[:, 0] + 0.3 * latent[:, 1],
            0.1 * latent[:, 0] + 0.2 * rng.normal(size=80),
            latent[:, 1],
        ]
    ) + np.array([5.0, 300.0, -2.0, 0.0, 10.0])
    names = ["alpha", "beta", "gamma", "delta", "epsilon"]
    for standardise in (False, True):
        found = _q4_call(answers, X, names, standardise)
        _q4_diagnose(*found, names, X, standardise, f"on other data (standardise={standardise})")


Q4_SOLUTION = """\
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def pc1_summary(X, feature_names, standardise):
    \"\"\"The feature loading most on the first component, and that component's share.\"\"\"
    if standardise:
        X = StandardScaler().fit_transform(X)
    pca = PCA(n_components=2).fit(X)
    top = feature_names[int(np.argmax(np.abs(pca.components_[0])))]
    return top, float(pca.explained_variance_ratio_[0])


top_raw, ratio_raw = pc1_summary(X_wine, wine_features, standardise=False)
top_std, ratio_std = pc1_summary(X_wine, wine_features, standardise=True)"""

Q4 = Question(
    id="q4",
    title="Why standardise before PCA",
    points=2,
    prompt="""\
## q4 — Standardise first (2 points)

The wine measurements live on very different scales (proline is in the hundreds, hue is
around 1). Write `pc1_summary(X, feature_names, standardise)` that fits a 2-component `PCA`
on `X` (after standardising each column to mean 0 and standard deviation 1 when `standardise`
is true, for example with `StandardScaler`) and returns the pair `(top, ratio)`:

- `top`: the name, from `feature_names`, of the feature with the largest loading **in absolute
  value** on the first component (a string);
- `ratio`: the fraction of the total variance that the first component explains (a float
  between 0 and 1).

Then store `top_raw, ratio_raw` for the raw `X_wine`, and `top_std, ratio_std` for the
standardised one. (Dividing by $n$ or by $n - 1$ when standardising gives the same ratio: the
factor cancels.)""",
    reads=("pc1_summary", "top_raw", "ratio_raw", "top_std", "ratio_std"),
    template="""\
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler


def pc1_summary(X, feature_names, standardise):
    \"\"\"The feature loading most on the first component, and that component's share.\"\"\"
    if standardise:
        X = ____
    pca = ____
    top = ____
    return top, ____


top_raw, ratio_raw = ____, ____  # pc1_summary on the raw X_wine
top_std, ratio_std = ____, ____  # and on the standardised one""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_NOT_STANDARDISED,
            _variant(Q4_SOLUTION, "X = StandardScaler().fit_transform(X)", "X = X"),
        ),
        Mistake(
            Q4_SIGNED,
            _variant(
                Q4_SOLUTION,
                "np.argmax(np.abs(pca.components_[0]))",
                "np.argmin(pca.components_[0])",
            ),
        ),
        Mistake(
            Q4_VARIANCE_NOT_RATIO,
            _variant(
                Q4_SOLUTION,
                "float(pca.explained_variance_ratio_[0])",
                "float(pca.explained_variance_[0])",
            ),
        ),
        Mistake(
            Q4_SECOND,
            _variant(
                Q4_SOLUTION,
                "float(pca.explained_variance_ratio_[0])",
                "float(pca.explained_variance_ratio_[1])",
            ),
        ),
        Mistake(
            Q4_ALL_WINES,
            _variant(
                Q4_SOLUTION,
                "pc1_summary(X_wine, wine_features, standardise=False)",
                "pc1_summary(wine.data, wine_features, standardise=False)",
            ),
        ),
    ),
    hints=(
        "`StandardScaler().fit_transform(X)` standardises the columns; `PCA(n_components=2)"
        ".fit(X)` then has `components_` (one row per component) and "
        "`explained_variance_ratio_`.",
        "`feature_names[int(np.argmax(np.abs(pca.components_[0])))]` and "
        "`float(pca.explained_variance_ratio_[0])`.",
    ),
    checks=(
        Check("the first component of the wine data, raw and standardised", _q4_public),
        Check(
            "pc1_summary is right on other data with one column on a much larger scale",
            _q4_other,
            hidden=True,
        ),
    ),
)


# q5: the SVD for low-rank approximation ------------------------------------------------------

Q5_NO_S = (
    "The singular values are missing: the rank-r approximation is "
    "`U[:, :r] @ np.diag(s[:r]) @ Vt[:r]`, not `U[:, :r] @ Vt[:r]`."
)
Q5_SMALLEST = (
    "`np.linalg.svd` sorts the singular values largest first: keep the *first* r "
    "(`s[:r]`, `U[:, :r]`, `Vt[:r]`), not the last r."
)
Q5_CENTRED = (
    "Do not centre here: the low-rank approximation is of A itself, and subtracting the column "
    "means changes the matrix being approximated."
)
Q5_ORIENTATION = (
    "The right singular vectors are the *rows* of `Vt`: keep `Vt[:r]` (shape (r, d)), not "
    "`Vt[:, :r]`."
)
Q5_SQUARED = (
    "`errors` holds squared norms: the Frobenius norm is the square root of the sum of squares, "
    "`np.linalg.norm(A_lr - A_r)`."
)
Q5_RELATIVE = (
    "`errors` holds relative errors: store the norm of the difference itself, without dividing "
    "by `np.linalg.norm(A_lr)` (that comes in for `rank_needed`)."
)
Q5_RANK_INDEX = (
    "`rank_needed` is an index into `errors`, one below the rank: `errors[0]` is for rank 1, "
    "so add 1 (or index `ranks`)."
)


def _reference_low_rank(A: np.ndarray, r: int) -> np.ndarray:
    U, s, Vt = np.linalg.svd(np.asarray(A, dtype=float), full_matrices=False)
    return (U[:, :r] * s[:r]) @ Vt[:r]


def _q5_function(answers: Answers, A: np.ndarray, r: int, label: str) -> None:
    found = call_learner_function(answers["low_rank"], "low_rank", A.copy(), r)
    expect_array(found, _reference_low_rank(A, r), f"low_rank({label}, {r})", rtol=1e-5, atol=1e-8)


def _q5_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["low_rank"], "low_rank")
    A = _data(params)["A_lr"]
    _q5_function(answers, A, 3, "A_lr")
    expect_only_numpy(answers["low_rank"], "low_rank")
    expect_inputs_unchanged(answers["low_rank"], "low_rank", ("A", "r"))
    s = np.linalg.svd(A, compute_uv=False)
    tail = np.sqrt([np.sum(s[r:] ** 2) for r in RANKS])  # Eckart-Young
    errors = _as_float_array(answers["errors"], "errors")
    if errors.shape == tail.shape and not np.allclose(errors, tail, rtol=1e-6):
        if np.allclose(errors, tail**2, rtol=1e-6):
            raise KnownMistake(Q5_SQUARED)
        if np.allclose(errors, tail / np.linalg.norm(A), rtol=1e-6):
            raise KnownMistake(Q5_RELATIVE)
    expect_array(errors, tail, "errors", rtol=1e-6, atol=1e-10)
    needed = expect_number(answers["rank_needed"], "rank_needed")
    expected = RANKS[int(np.argmax(tail <= RANK_TOLERANCE * np.linalg.norm(A)))]
    if needed == expected - 1:
        raise KnownMistake(Q5_RANK_INDEX)
    expect_equal(needed, expected, "rank_needed")


def _q5_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(50)
    wide = rng.normal(size=(6, 40)) @ np.diag(np.linspace(3, 0.1, 40))
    square = rng.normal(size=(9, 9))
    for A, r, label in [(wide, 2, "a wide matrix"), (square, 4, "a square matrix")]:
        _q5_function(answers, A, r, label)
    _q5_function(answers, square, 9, "a square matrix at full rank")
    found = call_learner_function(answers["low_rank"], "low_rank", wide.tolist(), 1)
    expect_array(
        found, _reference_low_rank(wide, 1), "low_rank of a list of lists", rtol=1e-5, atol=1e-8
    )


Q5_SOLUTION = """\
def low_rank(A, r):
    \"\"\"The best rank-r approximation of A in the Frobenius norm.\"\"\"
    A = np.asarray(A, dtype=float)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (U[:, :r] * s[:r]) @ Vt[:r]


ranks = np.arange(1, 21)
errors = np.array([np.linalg.norm(A_lr - low_rank(A_lr, r)) for r in ranks])
rank_needed = int(ranks[np.argmax(errors <= 0.10 * np.linalg.norm(A_lr))])"""

Q5 = Question(
    id="q5",
    title="Low-rank approximation with the SVD",
    points=2,
    prompt="""\
## q5 — Compress a matrix with the SVD (2 points)

Keeping the r largest singular values of $A = U S V^\\top$ gives
$$A_r = U_r S_r V_r^\\top ,$$
and the Eckart–Young theorem says no rank-r matrix is closer to $A$ in the Frobenius norm
$\\lVert M \\rVert_F = \\sqrt{\\sum_{ij} M_{ij}^2}$; the error left is
$\\lVert A - A_r \\rVert_F = \\sqrt{\\sum_{i > r} s_i^2}$.

1. Write `low_rank(A, r)` (NumPy only, do not centre) that returns $A_r$, the same shape as `A`.
2. `errors`: an array of the 20 Frobenius errors $\\lVert A_{lr} - A_r \\rVert_F$ for the ranks
   `r = 1, 2, ..., 20` of the matrix `A_lr`, in that order (`np.linalg.norm` of the difference).
3. `rank_needed`: the smallest of those ranks whose error is at most 10 % of
   $\\lVert A_{lr} \\rVert_F$ (an int).""",
    reads=("low_rank", "errors", "rank_needed"),
    template="""\
def low_rank(A, r):
    \"\"\"The best rank-r approximation of A in the Frobenius norm.\"\"\"
    A = np.asarray(A, dtype=float)
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return ____


ranks = np.arange(1, 21)
errors = ____
rank_needed = ____""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(Q5_NO_S, _variant(Q5_SOLUTION, "(U[:, :r] * s[:r]) @ Vt[:r]", "U[:, :r] @ Vt[:r]")),
        Mistake(
            Q5_SMALLEST,
            _variant(Q5_SOLUTION, "(U[:, :r] * s[:r]) @ Vt[:r]", "(U[:, -r:] * s[-r:]) @ Vt[-r:]"),
        ),
        Mistake(
            Q5_CENTRED,
            _variant(
                Q5_SOLUTION,
                "np.linalg.svd(A, full_matrices=False)",
                "np.linalg.svd(A - A.mean(axis=0), full_matrices=False)",
            ),
        ),
        Mistake(
            Q5_ORIENTATION,
            _variant(
                Q5_SOLUTION, "(U[:, :r] * s[:r]) @ Vt[:r]", "(U[:, :r] * s[:r]) @ Vt[:, :r].T"
            ),
        ),
        Mistake(
            Q5_SQUARED,
            _variant(
                Q5_SOLUTION,
                "np.linalg.norm(A_lr - low_rank(A_lr, r))",
                "np.sum((A_lr - low_rank(A_lr, r)) ** 2)",
            ),
        ),
        Mistake(
            Q5_RELATIVE,
            _variant(
                Q5_SOLUTION,
                "np.linalg.norm(A_lr - low_rank(A_lr, r)) for",
                "np.linalg.norm(A_lr - low_rank(A_lr, r)) / np.linalg.norm(A_lr) for",
            ),
        ),
        Mistake(
            Q5_RANK_INDEX,
            _variant(
                Q5_SOLUTION,
                "int(ranks[np.argmax(errors <= 0.10 * np.linalg.norm(A_lr))])",
                "int(np.argmax(errors <= 0.10 * np.linalg.norm(A_lr)))",
            ),
        ),
    ),
    hints=(
        "`U[:, :r]` has the first r left singular vectors as columns; `Vt[:r]` the first r right "
        "ones as rows; `U[:, :r] * s[:r]` scales each column by its singular value.",
        "`(U[:, :r] * s[:r]) @ Vt[:r]`; then a list comprehension over `ranks` with "
        "`np.linalg.norm(A_lr - low_rank(A_lr, r))`, and `ranks[np.argmax(errors <= ...)]`.",
    ),
    checks=(
        Check(
            "low_rank on A_lr, the errors against the Eckart–Young formula, rank_needed", _q5_public
        ),
        Check(
            "low_rank works on wide and square matrices, at full rank, and on lists",
            _q5_other,
            hidden=True,
        ),
    ),
)


# q6: ICA separates mixed signals; PCA does not -----------------------------------------------

Q6_NO_ABS = (
    "ICA cannot tell a signal from its negative, so a recovered source may come out flipped: "
    "take the absolute value of the correlations before the maximum."
)
Q6_ROWS = (
    "`np.corrcoef` treats each *row* as a variable: pass the transposes, "
    "`np.corrcoef(S_true.T, S_est.T)`, so that the variables are the columns."
)
Q6_AXIS = (
    "One number per *true* source is expected: with the true sources as rows of the "
    "correlation block, take the maximum along `axis=1` (over the estimated components)."
)
Q6_BLOCK = (
    "You read the wrong block of the correlation matrix: with k true sources first, the "
    "true-against-estimated block is `corr[:k, k:]`."
)
Q6_COVARIANCE = (
    "Use correlations, not covariances: ICA recovers each source only up to its scale, so the "
    "comparison must not depend on the scale (`np.corrcoef`)."
)
Q6_PCA_AS_ICA = (
    "`S_ica` looks like PCA's components: PCA finds uncorrelated directions, not independent "
    "ones, and leaves the signals mixed. Use `FastICA`."
)
Q6_BOTH_PCA = "`pca_match` should score PCA's components (`PCA(n_components=3)`), not ICA's."


def _reference_match(S_true: np.ndarray, S_est: np.ndarray) -> np.ndarray:
    k = S_true.shape[1]
    return np.abs(np.corrcoef(S_true.T, S_est.T)[:k, k:]).max(axis=1)


def _match_example(seed: int, k_true: int, k_est: int) -> tuple[np.ndarray, np.ndarray]:
    """Estimates that are permuted, rescaled and partly flipped copies plus a mixture."""
    rng = np.random.default_rng(seed)
    S = rng.laplace(size=(300, k_true))
    columns = [S[:, (j + 1) % k_true] * (-2.5 if j % 2 else 0.4) for j in range(k_est - 1)]
    columns.append(S @ rng.uniform(-1, 1, size=k_true) + rng.normal(size=300))
    return S, np.column_stack(columns)


def _q6_match(answers: Answers, seed: int, k_true: int, k_est: int) -> None:
    S, E = _match_example(seed, k_true, k_est)
    found = call_learner_function(answers["source_match"], "source_match", S.copy(), E.copy())
    expected = _reference_match(S, E)
    found = _as_float_array(found, "source_match(S_true, S_est)")
    if found.shape == (k_est,) and k_est != k_true:
        raise KnownMistake(Q6_AXIS)
    expect_array(found, expected, "source_match(S_true, S_est)", rtol=1e-6, atol=1e-9)


def _q6_public(answers: Answers, params: Params) -> None:
    from sklearn.decomposition import PCA

    expect_callable(answers["source_match"], "source_match")
    _q6_match(answers, 61, 3, 3)
    data = _data(params)
    S_true, X_mixed = data["S_true"], data["X_mixed"]
    S_ica = _as_float_array(answers["S_ica"], "S_ica")
    expect_equal(S_ica.shape, S_true.shape, "S_ica.shape")
    S_pca = PCA(n_components=3).fit_transform(X_mixed)
    if _same_up_to_sign(S_ica / S_ica.std(axis=0), S_pca / S_pca.std(axis=0), 1, 1e-6):
        raise KnownMistake(Q6_PCA_AS_ICA)
    quality = _reference_match(S_true, S_ica)
    if quality.min() < ICA_MIN_MATCH:
        raise CheckFailed(
            f"`S_ica` recovers one source with a correlation of only {quality.min():.3f} "
            f"(at least {ICA_MIN_MATCH} is expected): unmix `X_mixed` with "
            "`FastICA(n_components=3, whiten='unit-variance', random_state=seed)`."
        )
    pca_expected = _reference_match(S_true, S_pca)
    pca_match = _as_float_array(answers["pca_match"], "pca_match")
    if pca_match.shape == quality.shape and np.allclose(pca_match, quality, rtol=1e-6):
        raise KnownMistake(Q6_BOTH_PCA)
    expect_array(answers["ica_match"], quality, "ica_match", rtol=1e-6, atol=1e-9)
    expect_array(pca_match, pca_expected, "pca_match", rtol=1e-6, atol=1e-9)


def _q6_other(answers: Answers, params: Params) -> None:
    _q6_match(answers, 62, 4, 2)
    _q6_match(answers, 63, 2, 5)


Q6_SOLUTION = """\
from sklearn.decomposition import PCA, FastICA


def source_match(S_true, S_est):
    \"\"\"For each true source, its best absolute correlation with any estimated component.\"\"\"
    k = S_true.shape[1]
    corr = np.corrcoef(S_true.T, S_est.T)[:k, k:]
    return np.abs(corr).max(axis=1)


ica = FastICA(n_components=3, whiten="unit-variance", random_state=seed)
S_ica = ica.fit_transform(X_mixed)
S_pca = PCA(n_components=3).fit_transform(X_mixed)
ica_match = source_match(S_true, S_ica)
pca_match = source_match(S_true, S_pca)"""

Q6 = Question(
    id="q6",
    title="ICA unmixes what PCA cannot",
    points=2,
    prompt=f"""\
## q6 — Independent component analysis (2 points)

`X_mixed` holds three recordings, each a different blend of the three signals in `S_true`
(`X_mixed = S_true @ mixing.T`). ICA looks for directions along which the data are as
*non-Gaussian* (and so as independent) as possible; PCA only looks for uncorrelated directions
of large variance.

1. Write `source_match(S_true, S_est)` (NumPy only): for each column of `S_true` (k true
   sources), the largest **absolute** correlation with any column of `S_est`; an array of shape
   `(k,)`. ICA returns sources in any order, with any sign and any scale, and this score
   ignores all three. `S_est` may have a different number of columns than `S_true`.
2. `S_ica`: the output of `FastICA(n_components=3, whiten="unit-variance",
   random_state=seed).fit_transform(X_mixed)`, shape `(2000, 3)`; every true source must be
   matched with a correlation of at least {ICA_MIN_MATCH}.
3. `ica_match = source_match(S_true, S_ica)`, and `pca_match`, the same score for
   `PCA(n_components=3).fit_transform(X_mixed)`.""",
    reads=("source_match", "S_ica", "ica_match", "pca_match"),
    template="""\
from sklearn.decomposition import PCA, FastICA


def source_match(S_true, S_est):
    \"\"\"For each true source, its best absolute correlation with any estimated component.\"\"\"
    k = S_true.shape[1]
    corr = ____
    return ____


S_ica = ____
S_pca = ____
ica_match = ____
pca_match = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(Q6_NO_ABS, _variant(Q6_SOLUTION, "np.abs(corr).max(axis=1)", "corr.max(axis=1)")),
        Mistake(
            Q6_ROWS,
            _variant(Q6_SOLUTION, "np.corrcoef(S_true.T, S_est.T)", "np.corrcoef(S_true, S_est)"),
        ),
        Mistake(
            Q6_AXIS, _variant(Q6_SOLUTION, "np.abs(corr).max(axis=1)", "np.abs(corr).max(axis=0)")
        ),
        Mistake(Q6_BLOCK, _variant(Q6_SOLUTION, "[:k, k:]", "[:k, :k]")),
        Mistake(
            Q6_COVARIANCE,
            _variant(
                Q6_SOLUTION,
                "np.corrcoef(S_true.T, S_est.T)[:k, k:]",
                "np.cov(S_true.T, S_est.T)[:k, k:]",
            ),
        ),
        Mistake(
            Q6_PCA_AS_ICA,
            _variant(
                Q6_SOLUTION,
                "S_ica = ica.fit_transform(X_mixed)",
                "S_ica = PCA(n_components=3).fit_transform(X_mixed)",
            ),
        ),
        Mistake(
            Q6_BOTH_PCA,
            _variant(
                Q6_SOLUTION,
                "pca_match = source_match(S_true, S_pca)",
                "pca_match = source_match(S_true, S_ica)",
            ),
        ),
    ),
    hints=(
        "`np.corrcoef(A.T, B.T)` stacks the columns of A and then those of B as variables; the "
        "block comparing A's columns with B's is `[:k, k:]`.",
        "`np.abs(corr).max(axis=1)`; then `FastICA(...).fit_transform(X_mixed)` and "
        "`PCA(n_components=3).fit_transform(X_mixed)` give the two sets of estimates.",
    ),
    checks=(
        Check(
            "source_match on an example, S_ica separates the sources, the two scores", _q6_public
        ),
        Check(
            "source_match works when S_est has fewer or more columns than S_true",
            _q6_other,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("14"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6),
)
