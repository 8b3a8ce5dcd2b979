"""Exercise 03: linear algebra — norms, maps, solving, rank, eigenvectors, projections, PCA."""

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
# Exercise 03 — Linear algebra for ML

Seven questions: cosine similarity, matrices as maps of the plane, solving a badly conditioned
system, rank and the condition number, the top eigenvector of a covariance matrix, projections
and least squares, and PCA on real images. Replace every `____` in an answer cell, run it, then
run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/03_linear_algebra.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# q1: ten documents as 5-number embeddings (one per row), and a query embedding.
docs = rng.normal(size=(10, 5))
query = rng.normal(size=5)

# q2: two maps of the plane and a grid of points, one point per row.
angle = rng.uniform(20, 70)  # degrees, anticlockwise
theta = np.deg2rad(angle)
rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
shear = np.array([[1.0, rng.uniform(0.5, 1.5)], [0.0, 1.0]])
grid = np.array([[u, v] for u in np.linspace(-1, 1, 5) for v in np.linspace(-1, 1, 5)])

# q3: a badly conditioned square system (polynomial features of 12 points in [0, 1]).
t = np.linspace(0, 1, 12) + rng.uniform(-0.02, 0.02, size=12)
V = np.vander(t, increasing=True)
b = V @ rng.normal(size=12)

# q4: 12 rows and 6 feature columns, two of which are combinations of the others.
base = rng.normal(size=(12, 4))
F = np.column_stack([base, base[:, 0] - base[:, 1], 2 * base[:, 2] + base[:, 3]])

# q5: a cloud of 300 correlated 2-D points whose mean is not the origin.
cloud = rng.multivariate_normal([3.0, -2.0], [[3.0, 1.2], [1.2, 1.0]], size=300)

# q7: 8x8 images of handwritten digits, 64 pixels per row.
digits_train, digits_test = train_test_split(
    load_digits().data, test_size=0.25, random_state=seed
)
print(f"docs {docs.shape}, grid {grid.shape}, V {V.shape}, F {F.shape}, cloud {cloud.shape}")
print(f"digits: {len(digits_train)} train / {len(digits_test)} test images of 64 pixels")"""

RESIDUAL_LIMIT = (
    1e-12  # relative residual |Vx - b| / |b| over seeds 0-24: solve <= 5.5e-16,
    # lstsq <= 2.3e-15, inv(V) @ b >= 1.1e-10, pinv(V) @ b >= 4.2e-10
)
RANK_TOL = 1e-10
VARIANCE_KEPT = 0.90


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


# q1: cosine similarity ----------------------------------------------------------------------


def _cosine_reference(M: Any, q: Any) -> np.ndarray:
    M, q = np.asarray(M, dtype=float), np.asarray(q, dtype=float)
    return M @ q / (np.linalg.norm(M, axis=1) * np.linalg.norm(q))


def _q1_example(answers: Answers, params: Params) -> None:
    fn = answers["cosine_scores"]
    expect_callable(fn, "cosine_scores")
    M = np.array([[3.0, 4.0], [1.0, 0.0], [-2.0, 2.0], [0.5, 3.0]])
    q = np.array([1.0, 1.0])
    found = call_learner_function(fn, "cosine_scores", M.copy(), q.copy())
    expect_array(found, _cosine_reference(M, q), "cosine_scores(M, q)", rtol=1e-9, atol=1e-12)
    expect_only_numpy(fn, "cosine_scores")
    expect_inputs_unchanged(fn, "cosine_scores", ("M", "q"))


def _q1_docs(answers: Answers, params: Params) -> None:
    data = _data(params)
    found = call_learner_function(
        answers["cosine_scores"], "cosine_scores", data["docs"], data["query"]
    )
    expected = _cosine_reference(data["docs"], data["query"])
    expect_array(found, expected, "cosine_scores(docs, query)", rtol=1e-9, atol=1e-12)


def _q1_other(answers: Answers, params: Params) -> None:
    fn = answers["cosine_scores"]
    rng = np.random.default_rng(31)
    for rows, cols in [(3, 7), (6, 6), (1, 4)]:
        M, q = rng.normal(size=(rows, cols)) * 10, rng.normal(size=cols)
        found = call_learner_function(fn, "cosine_scores", M, q)
        expect_array(found, _cosine_reference(M, q), "cosine scores", rtol=1e-9, atol=1e-12)
    M, q = [[1.0, 2.0, 2.0], [0.0, -3.0, 4.0]], [2.0, 1.0, 2.0]
    found = call_learner_function(fn, "cosine_scores", M, q)
    expect_array(found, _cosine_reference(M, q), "cosine scores on lists", rtol=1e-9)


Q1_DEF = (
    "def cosine_scores(M, q):\n    M, q = np.asarray(M, dtype=float), np.asarray(q, dtype=float)\n"
)

Q1 = Question(
    id="q1",
    title="Cosine similarity",
    points=1,
    prompt="""\
## q1 — Cosine similarity from dot products and norms (1 point)

The cosine of the angle between two vectors is
$$\\cos(u, v) = \\frac{u \\cdot v}{\\lVert u \\rVert_2\\, \\lVert v \\rVert_2},
\\qquad \\lVert u \\rVert_2 = \\sqrt{\\textstyle\\sum_j u_j^2}.$$

Write `cosine_scores(M, q)` that returns a 1-D NumPy array with one number per **row** of `M`:
the cosine between that row and the vector `q`. Use NumPy only (no scikit-learn), accept plain
lists, and do not modify the inputs. Try it on `docs` and `query`.""",
    reads=("cosine_scores",),
    template='''\
def cosine_scores(M, q):
    """Cosine between each row of M and the vector q."""
    return ____''',
    solution='''\
def cosine_scores(M, q):
    """Cosine between each row of M and the vector q."""
    M, q = np.asarray(M, dtype=float), np.asarray(q, dtype=float)
    row_norms = np.linalg.norm(M, axis=1)
    return M @ q / (row_norms * np.linalg.norm(q))''',
    mistakes=(
        Mistake(
            "You divided by squared lengths: the Euclidean norm is the *square root* of the "
            "sum of squares (`np.linalg.norm`, or `np.sqrt(np.sum(M**2, axis=1))`).",
            Q1_DEF + "    return M @ q / (np.sum(M**2, axis=1) * np.sum(q**2))",
        ),
        Mistake(
            "That is the L1 norm (sum of absolute values, `ord=1`): the cosine uses the "
            "Euclidean (L2) norm, `np.linalg.norm`'s default.",
            Q1_DEF + "    return M @ q / (np.sum(np.abs(M), axis=1) * np.sum(np.abs(q)))",
        ),
        Mistake(
            "The row norms were taken down the columns: `np.linalg.norm(M, axis=1)` gives one "
            "length per row (axis=0 gives one per column).",
            Q1_DEF + "    return M @ q / (np.linalg.norm(M, axis=0) * np.linalg.norm(q))",
        ),
        Mistake(
            "`np.linalg.norm(M)` is the length of the whole matrix (its Frobenius norm): divide "
            "each row by its own length, `np.linalg.norm(M, axis=1)`.",
            Q1_DEF + "    return M @ q / (np.linalg.norm(M) * np.linalg.norm(q))",
        ),
        Mistake(
            "Divide by the length of `q` too: the cosine divides the dot product by both lengths.",
            Q1_DEF + "    return M @ q / np.linalg.norm(M, axis=1)",
        ),
        Mistake(
            "`M * q` multiplies entry by entry and leaves a matrix: a dot product also sums, "
            "so use `M @ q` (one number per row).",
            Q1_DEF + "    return M * q / (np.linalg.norm(M, axis=1)[:, None] * np.linalg.norm(q))",
        ),
    ),
    hints=(
        "`M @ q` gives every row's dot product with `q` at once; `np.linalg.norm(..., axis=1)` "
        "gives every row's length.",
        "`M @ q / (np.linalg.norm(M, axis=1) * np.linalg.norm(q))`, after converting both "
        "inputs with `np.asarray(..., dtype=float)`.",
    ),
    checks=(
        Check("matches the formula on a small example", _q1_example),
        Check("matches the formula on docs and query", _q1_docs),
        Check("works for other shapes and on plain lists", _q1_other, hidden=True),
    ),
)


# q2: matrices as maps, and the order of a product ------------------------------------------


def _apply_reference(points: Any, first: Any, second: Any) -> np.ndarray:
    points = np.asarray(points, dtype=float)
    return points @ (np.asarray(second) @ np.asarray(first)).T


def _q2_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    fn = answers["apply_in_order"]
    expect_callable(fn, "apply_in_order")
    grid, shear, rotation = data["grid"], data["shear"], data["rotation"]
    found = call_learner_function(fn, "apply_in_order", grid, shear, rotation)
    expected = _apply_reference(grid, shear, rotation)
    expect_array(found, expected, "apply_in_order(grid, shear, rotation)", rtol=1e-9, atol=1e-9)
    expect_array(answers["combined"], rotation @ shear, "combined", rtol=1e-9, atol=1e-12)


def _q2_other_dimensions(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(32 + int(params.get("seed", 0)))
    points = rng.normal(size=(7, 3))
    first, second = rng.normal(size=(3, 3)), rng.normal(size=(2, 3))
    found = call_learner_function(
        answers["apply_in_order"], "apply_in_order", points, first, second
    )
    expect_array(found, _apply_reference(points, first, second), "3-D to 2-D", rtol=1e-9)
    expect_inputs_unchanged(
        answers["apply_in_order"], "apply_in_order", ("points", "first", "second")
    )


Q2_REST = "\n\ncombined = rotation @ shear"
Q2_ORDER = (
    "The product is in the wrong order: 'first A, then B' is the matrix `B @ A` (the map "
    "applied first sits next to the point); `A @ B` applies B first."
)

Q2 = Question(
    id="q2",
    title="Matrices as maps",
    points=2,
    prompt="""\
## q2 — Apply one map, then another (2 points)

A matrix $A$ maps a point $x$ (a column vector) to $Ax$. Doing $A$ first and then $B$ maps $x$
to $B(Ax) = (BA)x$. Our points are stored the NumPy way, **one point per row** of an `(n, d)`
array.

1. Write `apply_in_order(points, first, second)` that returns the array of moved points, one per
   row: each point is mapped by the matrix `first`, then by the matrix `second`. The maps need
   not be square (a `(2, 3)` matrix takes 3-D points to the plane).
2. Set `combined` to the single 2×2 matrix that **shears first and then rotates** (use the
   `shear` and `rotation` matrices from the setup).""",
    reads=("apply_in_order", "combined"),
    template='''\
def apply_in_order(points, first, second):
    """Map each row of points by `first`, then by `second`."""
    return ____


combined = ____''',
    solution='''\
def apply_in_order(points, first, second):
    """Map each row of points by `first`, then by `second`."""
    points = np.asarray(points, dtype=float)
    return points @ (second @ first).T


combined = rotation @ shear''',
    mistakes=(
        Mistake(
            Q2_ORDER,
            "def apply_in_order(points, first, second):\n"
            "    return np.asarray(points) @ (first @ second).T\n\n"
            "combined = shear @ rotation",
        ),
        Mistake(
            Q2_ORDER,
            "def apply_in_order(points, first, second):\n"
            "    return np.asarray(points) @ (first @ second).T" + Q2_REST,
        ),
        Mistake(
            "`*` multiplies matrices entry by entry, which is not composing maps: use the "
            "matrix product `@`.",
            "def apply_in_order(points, first, second):\n"
            "    return np.asarray(points) @ (second * first).T\n\n"
            "combined = rotation * shear",
        ),
        Mistake(
            "The points are rows, so the matrix must be transposed: with `M` the combined map, "
            "the moved rows are `points @ M.T` (the same as `(M @ points.T).T`).",
            "def apply_in_order(points, first, second):\n"
            "    return np.asarray(points) @ (second @ first)" + Q2_REST,
        ),
        Mistake(
            "`M @ points` treats each *column* of `points` as a point, but the points are rows: "
            "use `points @ M.T`.",
            "def apply_in_order(points, first, second):\n"
            "    return second @ first @ np.asarray(points)" + Q2_REST,
        ),
        Mistake(
            "`combined` applies the rotation first: shear first and then rotate is "
            "`rotation @ shear`.",
            "def apply_in_order(points, first, second):\n"
            "    return np.asarray(points) @ (second @ first).T\n\n"
            "combined = shear @ rotation",
        ),
    ),
    hints=(
        "For a column vector, 'first A, then B' is `B @ A @ x`. For rows, transpose: "
        "`(M @ X.T).T == X @ M.T`.",
        "`points @ (second @ first).T`, and `combined = rotation @ shear`.",
    ),
    checks=(
        Check("moves the grid by shear then rotation, and `combined`", _q2_public),
        Check("works for maps between different dimensions", _q2_other_dimensions, hidden=True),
    ),
)


# q3: solve, do not invert ------------------------------------------------------------------


def _relative_residual(A: np.ndarray, x: Any, b: np.ndarray) -> float:
    return float(np.linalg.norm(A @ np.asarray(x, dtype=float) - b) / np.linalg.norm(b))


Q3_INVERSE = (
    "The answer is much less accurate than `np.linalg.solve` on a badly conditioned system: "
    "this is what forming the inverse (`np.linalg.inv(A) @ b`, or `pinv`) does. Solve the "
    "system directly with `np.linalg.solve(A, b)`."
)


def _expect_shape(value: Any, shape: tuple[int, ...], name: str) -> np.ndarray:
    """An array of numbers of the given shape (its values are checked elsewhere)."""
    try:
        found = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        found = None
    if found is None or found.shape != shape:
        expect_array(value, np.zeros(shape), name)  # raises with the usual shape message
    assert found is not None
    if not np.all(np.isfinite(found)):
        raise CheckFailed(f"`{name}` contains NaN or infinite values.")
    return found


def _q3_check_accuracy(found: Any, A: np.ndarray, b: np.ndarray, name: str) -> None:
    _expect_shape(found, b.shape, name)
    residual = _relative_residual(A, found, b)
    if residual > RESIDUAL_LIMIT:
        if residual < 1e-3:  # close, but not to working precision: an explicit inverse
            raise KnownMistake(Q3_INVERSE)
        raise CheckFailed(
            f"`{name}` does not solve the system: |A x - b| / |b| is {residual:.2g}, "
            f"but it should be below {RESIDUAL_LIMIT:.0e}."
        )


def _q3_small(answers: Answers, params: Params) -> None:
    fn = answers["solve_system"]
    expect_callable(fn, "solve_system")
    A = np.array([[4.0, 1.0, 0.0], [2.0, 5.0, 1.0], [0.0, 1.0, 3.0]])
    b = np.array([1.0, 2.0, 3.0])
    found = call_learner_function(fn, "solve_system", A.copy(), b.copy())
    expect_array(found, np.linalg.solve(A, b), "solve_system(A, b)", rtol=1e-9, atol=1e-12)


def _q3_badly_conditioned(answers: Answers, params: Params) -> None:
    data = _data(params)
    found = call_learner_function(answers["solve_system"], "solve_system", data["V"], data["b"])
    _q3_check_accuracy(found, data["V"], data["b"], "solve_system(V, b)")


def _q3_hilbert(answers: Answers, params: Params) -> None:
    n = 10
    H = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1.0)
    rhs = H @ np.random.default_rng(33 + int(params.get("seed", 0))).normal(size=n)
    found = call_learner_function(answers["solve_system"], "solve_system", H, rhs)
    _q3_check_accuracy(found, H, rhs, "the solution")
    found = call_learner_function(
        answers["solve_system"], "solve_system", [[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0]
    )
    expect_array(found, [0.8, 1.4], "the solution on lists", rtol=1e-9)


Q3 = Question(
    id="q3",
    title="Solve, do not invert",
    points=1,
    prompt=f"""\
## q3 — Solving $Ax = b$ accurately (1 point)

Write `solve_system(A, b)` that returns the vector `x` with `A @ x == b` for a square, invertible
`A` (accept lists too). It must stay accurate on badly conditioned systems such as `V, b` from
the setup: the checks require the relative residual $\\lVert Ax - b\\rVert / \\lVert b\\rVert$
to be below {RESIDUAL_LIMIT:.0e}.""",
    reads=("solve_system",),
    template='''\
def solve_system(A, b):
    """The x with A @ x = b."""
    return ____''',
    solution='''\
def solve_system(A, b):
    """The x with A @ x = b."""
    return np.linalg.solve(np.asarray(A, dtype=float), np.asarray(b, dtype=float))''',
    mistakes=(
        Mistake(
            Q3_INVERSE,
            "def solve_system(A, b):\n    return np.linalg.inv(A) @ np.asarray(b, dtype=float)",
        ),
        Mistake(
            Q3_INVERSE,
            "def solve_system(A, b):\n    return np.linalg.pinv(A) @ np.asarray(b, dtype=float)",
        ),
        Mistake(
            "You solved the transposed system `A.T x = b`: pass `A` itself to `np.linalg.solve`.",
            "def solve_system(A, b):\n    return np.linalg.solve(np.asarray(A).T, b)",
        ),
        Mistake(
            "`inv(A) * b` multiplies entry by entry and gives a matrix: a matrix times a vector "
            "is `@`, and solving needs no inverse at all: `np.linalg.solve(A, b)`.",
            "def solve_system(A, b):\n    return np.linalg.inv(A) * np.asarray(b)",
        ),
        Mistake(
            "`A @ b` multiplies by A; solving means undoing A: `np.linalg.solve(A, b)`.",
            "def solve_system(A, b):\n    return np.asarray(A) @ np.asarray(b)",
        ),
    ),
    hints=(
        "NumPy has a function that solves a linear system without ever building the inverse "
        "matrix: it factorises A once and substitutes.",
        "`np.linalg.solve(A, b)` (after `np.asarray(..., dtype=float)` on both).",
    ),
    checks=(
        Check("solves a small system", _q3_small),
        Check("accurate on the badly conditioned system V x = b", _q3_badly_conditioned),
        Check(
            "accurate on another badly conditioned system, and on lists", _q3_hilbert, hidden=True
        ),
    ),
)


# q4: rank and condition number from the singular values --------------------------------------


def _rank_reference(A: Any, tol: float = RANK_TOL) -> int:
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return int(np.sum(s > tol * s[0]))


def _cond_reference(A: Any) -> float:
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(s[0] / s[-1])


def _expect_int(value: Any, expected: int, name: str) -> None:
    number = expect_number(value, name)
    if number != int(number):
        raise CheckFailed(f"`{name}` should be a whole number, but it is {number}.")
    expect_equal(int(number), expected, name)


def _q4_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    rank, cond = answers["numerical_rank"], answers["condition_number"]
    expect_callable(rank, "numerical_rank")
    expect_callable(cond, "condition_number")
    diagonal = np.diag([3.0, 1.0, 0.0])  # an exact zero singular value
    found_F = call_learner_function(rank, "numerical_rank", data["F"])
    found_D = call_learner_function(rank, "numerical_rank", diagonal)
    _expect_int(found_F, 4, "numerical_rank(F)")
    _expect_int(found_D, 2, "numerical_rank(np.diag([3, 1, 0]))")
    _expect_int(answers["rank_F"], 4, "rank_F")
    upper = np.array([[1.0, 10.0], [0.0, 1.0]])  # eigenvalues 1 and 1, singular values not
    found = call_learner_function(cond, "condition_number", upper)
    expect_close(found, _cond_reference(upper), "condition_number([[1, 10], [0, 1]])", rtol=1e-9)
    V = data["V"]
    found = call_learner_function(cond, "condition_number", V)
    expect_close(found, _cond_reference(V), "condition_number(V)", rtol=1e-3)
    expect_only_numpy(rank, "numerical_rank")


def _q4_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(34 + int(params.get("seed", 0)))
    wide = rng.normal(size=(3, 2)) @ rng.normal(size=(2, 8))  # 3 rows, rank 2
    tiny = 1e-12 * rng.normal(size=(5, 5))  # full rank, but every entry is tiny
    tall = rng.normal(size=(9, 3))
    for name, A in [("a wide matrix", wide), ("a tiny-scaled matrix", tiny), ("a tall one", tall)]:
        found = call_learner_function(answers["numerical_rank"], "numerical_rank", A)
        _expect_int(found, _rank_reference(A), f"the rank of {name}")
    for A in (rng.normal(size=(4, 4)) + 3 * np.eye(4), tall):
        found = call_learner_function(answers["condition_number"], "condition_number", A)
        expect_close(found, _cond_reference(A), "the condition number", rtol=1e-6)


Q4_DEF = (
    "def numerical_rank(A, tol=1e-10):\n"
    "    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)\n"
)
Q4_RANK = Q4_DEF + "    return int(np.sum(s > tol * s[0]))\n\n\n"
Q4_COND = (
    "def condition_number(A):\n"
    "    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)\n"
    "    return s[0] / s[-1]\n\n\n"
)
Q4_END = "rank_F = numerical_rank(F)"

Q4 = Question(
    id="q4",
    title="Rank and condition number",
    points=2,
    prompt=f"""\
## q4 — Rank and condition number from the singular values (2 points)

Let $\\sigma_1 \\ge \\sigma_2 \\ge \\dots \\ge 0$ be the singular values of `A`
(`np.linalg.svd(A, compute_uv=False)` returns them largest first).

- The **numerical rank** is the number of singular values larger than `tol` times the largest:
  $\\#\\{{i : \\sigma_i > \\text{{tol}}\\cdot\\sigma_1\\}}$. Write
  `numerical_rank(A, tol={RANK_TOL:.0e})` returning an `int`, NumPy only.
- The **condition number** is $\\kappa(A) = \\sigma_{{\\max}} / \\sigma_{{\\min}}$. Write
  `condition_number(A)` returning a float.
- Set `rank_F` to the numerical rank of the feature matrix `F` from the setup.""",
    reads=("numerical_rank", "condition_number", "rank_F"),
    template=f'''\
def numerical_rank(A, tol={RANK_TOL:.0e}):
    """Number of singular values above tol * the largest one."""
    return ____


def condition_number(A):
    """Largest singular value divided by the smallest."""
    return ____


rank_F = ____''',
    solution=f'''\
def numerical_rank(A, tol={RANK_TOL:.0e}):
    """Number of singular values above tol * the largest one."""
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return int(np.sum(s > tol * s[0]))


def condition_number(A):
    """Largest singular value divided by the smallest."""
    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)
    return float(s[0] / s[-1])


rank_F = numerical_rank(F)''',
    mistakes=(
        Mistake(
            "The rank is not the number of rows: it counts the independent directions, "
            "which is the number of singular values that are not (numerically) zero.",
            "def numerical_rank(A, tol=1e-10):\n    return len(A)\n\n\n" + Q4_COND + Q4_END,
        ),
        Mistake(
            "`rank_F` is not the number of rows of F: it is the number of independent "
            "directions, `numerical_rank(F)`.",
            Q4_RANK + Q4_COND + "rank_F = F.shape[0]",
        ),
        Mistake(
            "`min(A.shape)` is only the largest rank a matrix of that shape could have: count "
            "the singular values above `tol * s[0]`.",
            "def numerical_rank(A, tol=1e-10):\n    return min(np.shape(A))\n\n\n"
            + Q4_COND
            + Q4_END,
        ),
        Mistake(
            "In floating point a 'zero' singular value comes out as about 1e-15, not 0: count "
            "those above `tol * s[0]`, not those above 0.",
            Q4_DEF + "    return int(np.sum(s > 0))\n\n\n" + Q4_COND + Q4_END,
        ),
        Mistake(
            "The tolerance is relative: compare with `tol * s[0]` (the largest singular "
            "value), so that scaling the matrix does not change its rank.",
            Q4_DEF + "    return int(np.sum(s > tol))\n\n\n" + Q4_COND + Q4_END,
        ),
        Mistake(
            "The condition number is upside down: largest singular value over the smallest, "
            "so it is at least 1.",
            Q4_RANK + "def condition_number(A):\n"
            "    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)\n"
            "    return s[-1] / s[0]\n\n\n" + Q4_END,
        ),
        Mistake(
            "The condition number is a ratio of *singular* values; eigenvalues give the same "
            "answer only for symmetric matrices (try `[[1, 10], [0, 1]]`).",
            Q4_RANK + "def condition_number(A):\n"
            "    ev = np.abs(np.linalg.eigvals(A))\n"
            "    return ev.max() / ev.min()\n\n\n" + Q4_END,
        ),
    ),
    hints=(
        "Both answers come from the same singular values: "
        "`s = np.linalg.svd(A, compute_uv=False)`, largest first.",
        "Rank: `int(np.sum(s > tol * s[0]))`. Condition number: `s[0] / s[-1]`.",
    ),
    checks=(
        Check("the rank of F, and condition numbers", _q4_public),
        Check(
            "rank of wide, tall and tiny-scaled matrices; other condition numbers",
            _q4_other,
            hidden=True,
        ),
    ),
)


# q5: the top eigenvector of a covariance matrix ----------------------------------------------


def _eig_reference(X: Any, which: str = "top") -> tuple[float, np.ndarray, np.ndarray]:
    """Largest eigenvalue, its unit eigenvector, and the row a rows-for-columns slip reads."""
    X = np.asarray(X, dtype=float)
    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))
    return float(values[-1]), vectors[:, -1], vectors[-1]


def _same_direction(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(abs(abs(float(a @ b)) - 1.0) < 1e-6)


def _q5_check(found: Any, X: np.ndarray, name: str) -> None:
    if not isinstance(found, (tuple, list)) or len(found) != 2:
        raise CheckFailed(
            f"`{name}` should return a pair `(value, vector)`, but it returned "
            f"{type(found).__name__}."
        )
    value, vector = found
    top, expected, row = _eig_reference(X)
    d = X.shape[1]
    vector = _expect_shape(vector, expected.shape, f"the vector from {name}")
    length = float(np.linalg.norm(vector))
    if abs(length - 1.0) > 1e-6:
        raise CheckFailed(f"The vector from `{name}` has length {length:.4g}; scale it to 1.")
    if not _same_direction(vector, expected):
        centred_like = np.linalg.eigh(X.T @ X)[1][:, -1]
        if _same_direction(vector, row) and d > 1:
            raise KnownMistake(Q5_ROWS)
        if _same_direction(vector, np.linalg.eigh(np.cov(X, rowvar=False))[1][:, 0]):
            raise KnownMistake(Q5_SMALLEST)
        if _same_direction(vector, centred_like):
            raise KnownMistake(Q5_UNCENTRED)
        raise CheckFailed(
            f"The vector from `{name}` is not an eigenvector for the largest eigenvalue of the "
            "covariance matrix (compared up to its sign)."
        )
    expect_close(value, top, f"the eigenvalue from {name}", rtol=1e-6)


Q5_ROWS = (
    "NumPy returns the eigenvectors as the *columns* of its second result: take "
    "`vectors[:, i]`, not the row `vectors[i]`."
)
Q5_SMALLEST = (
    "That is the eigenvector of the smallest eigenvalue: `np.linalg.eigh` sorts them in "
    "ascending order, so the largest is the last, `vectors[:, -1]`."
)
Q5_UNCENTRED = (
    "Centre the data first: the covariance matrix measures spread around the mean "
    "(`np.cov(X, rowvar=False)`, or subtract `X.mean(axis=0)` before `X.T @ X`)."
)


def _q5_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    fn = answers["top_eigen"]
    expect_callable(fn, "top_eigen")
    _q5_check(
        call_learner_function(fn, "top_eigen", data["cloud"]), data["cloud"], "top_eigen(cloud)"
    )
    rng = np.random.default_rng(35)
    X = rng.normal(size=(80, 3)) @ np.array([[2.0, 0.5, 0.0], [0.0, 1.0, 0.8], [0.3, 0.0, 0.4]])
    _q5_check(call_learner_function(fn, "top_eigen", X + 5.0), X + 5.0, "top_eigen on 3-D data")


def _q5_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(36 + int(params.get("seed", 0)))
    for d in (4, 6):
        X = rng.normal(size=(100, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d) * 4
        _q5_check(call_learner_function(answers["top_eigen"], "top_eigen", X), X, "top_eigen")
    expect_inputs_unchanged(answers["top_eigen"], "top_eigen", ("X",))


Q5_DEF = "def top_eigen(X):\n    X = np.asarray(X, dtype=float)\n"

Q5 = Question(
    id="q5",
    title="The top eigenvector",
    points=2,
    prompt="""\
## q5 — The direction of greatest spread (2 points)

For data `X` of shape `(n, d)` (one example per row), the sample covariance matrix is the
`(d, d)` matrix `np.cov(X, rowvar=False)`. Its eigenvector with the largest eigenvalue points
along the direction in which the data spread the most, and that eigenvalue is the variance along
it.

Write `top_eigen(X)` that returns the pair `(value, vector)`: the largest eigenvalue of the
covariance matrix of `X` (a float) and its eigenvector as a 1-D array of length `d` and length
(Euclidean norm) 1. Either sign of the vector is accepted. Try it on `cloud`.""",
    reads=("top_eigen",),
    template='''\
def top_eigen(X):
    """Largest eigenvalue of the covariance of X, and its unit eigenvector."""
    return ____''',
    solution='''\
def top_eigen(X):
    """Largest eigenvalue of the covariance of X, and its unit eigenvector."""
    C = np.cov(np.asarray(X, dtype=float), rowvar=False)
    values, vectors = np.linalg.eigh(C)  # ascending order, eigenvectors in the columns
    return float(values[-1]), vectors[:, -1]''',
    mistakes=(
        Mistake(
            Q5_ROWS,
            Q5_DEF + "    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))\n"
            "    return float(values[-1]), vectors[-1]",
        ),
        Mistake(
            Q5_SMALLEST,
            Q5_DEF + "    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))\n"
            "    return float(values[0]), vectors[:, 0]",
        ),
        Mistake(
            Q5_UNCENTRED,
            Q5_DEF + "    values, vectors = np.linalg.eigh(X.T @ X / (len(X) - 1))\n"
            "    return float(values[-1]), vectors[:, -1]",
        ),
        Mistake(
            "`np.cov` treats each *row* as a variable unless told otherwise: with one example "
            "per row, pass `rowvar=False` to get a (d, d) matrix.",
            Q5_DEF + "    values, vectors = np.linalg.eigh(np.cov(X))\n"
            "    return float(values[-1]), vectors[:, -1]",
        ),
        Mistake(
            "The eigenvalue is the *sample* variance along the direction: `np.cov` divides by "
            "n - 1, which is what is asked (dividing by n gives a slightly smaller number).",
            Q5_DEF + "    values, vectors = np.linalg.eigh(np.cov(X, rowvar=False, bias=True))\n"
            "    return float(values[-1]), vectors[:, -1]",
        ),
    ),
    hints=(
        "`np.linalg.eigh` is made for symmetric matrices such as a covariance matrix; it "
        "returns `(values, vectors)` with the values in ascending order.",
        "`values, vectors = np.linalg.eigh(np.cov(X, rowvar=False))`; the answer is "
        "`values[-1], vectors[:, -1]` (the eigenvectors are the columns).",
    ),
    checks=(
        Check("the top eigenpair of cloud's covariance, and of 3-D data", _q5_public),
        Check("works in more dimensions and leaves X alone", _q5_other, hidden=True),
    ),
)


# q6: projections and least squares ------------------------------------------------------------


def _line_reference(y: Any, a: Any) -> np.ndarray:
    y, a = np.asarray(y, dtype=float), np.asarray(a, dtype=float)
    return (a @ y) / (a @ a) * a


def _columns_reference(y: Any, A: Any) -> np.ndarray:
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    return A @ np.linalg.lstsq(A, y, rcond=None)[0]


def _q6_public(answers: Answers, params: Params) -> None:
    line, cols = answers["project_onto_line"], answers["project_onto_columns"]
    expect_callable(line, "project_onto_line")
    expect_callable(cols, "project_onto_columns")
    y, a = np.array([2.0, 3.0]), np.array([4.0, 1.0])
    found = call_learner_function(line, "project_onto_line", y, a)
    expect_array(found, _line_reference(y, a), "project_onto_line([2, 3], [4, 1])", rtol=1e-9)
    rng = np.random.default_rng(37)
    A = np.column_stack([np.ones(8), np.arange(8.0), rng.normal(size=8)])
    y = 1.0 + 0.5 * np.arange(8.0) + rng.normal(size=8)
    found = call_learner_function(cols, "project_onto_columns", y, A)
    expect_array(
        found, _columns_reference(y, A), "project_onto_columns(y, A)", rtol=1e-8, atol=1e-10
    )
    expect_only_numpy(line, "project_onto_line")
    expect_only_numpy(cols, "project_onto_columns")


def _q6_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(38 + int(params.get("seed", 0)))
    y, a = rng.normal(size=5), rng.normal(size=5) * 7
    found = call_learner_function(
        answers["project_onto_line"], "project_onto_line", list(y), list(a)
    )
    expect_array(found, _line_reference(y, a), "the projection onto a line", rtol=1e-9)
    A, y = rng.normal(size=(20, 4)), rng.normal(size=20)
    found = call_learner_function(answers["project_onto_columns"], "project_onto_columns", y, A)
    expect_array(found, _columns_reference(y, A), "the projection onto columns", rtol=1e-8)
    residual = y - np.asarray(found, dtype=float)
    if np.max(np.abs(A.T @ residual)) > 1e-8:
        raise CheckFailed("y minus the projection should be orthogonal to every column of A.")
    expect_inputs_unchanged(answers["project_onto_columns"], "project_onto_columns", ("y", "A"))


Q6_LINE = (
    "def project_onto_line(y, a):\n"
    "    y, a = np.asarray(y, dtype=float), np.asarray(a, dtype=float)\n"
    "    return (a @ y) / (a @ a) * a\n\n\n"
)
Q6_COLS = (
    "def project_onto_columns(y, A):\n"
    "    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)\n"
    "    return A @ np.linalg.lstsq(A, y, rcond=None)[0]\n"
)
Q6_LINE_DEF = (
    "def project_onto_line(y, a):\n"
    "    y, a = np.asarray(y, dtype=float), np.asarray(a, dtype=float)\n"
)
Q6_COLS_DEF = (
    "def project_onto_columns(y, A):\n"
    "    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)\n"
)

Q6 = Question(
    id="q6",
    title="Projections and least squares",
    points=2,
    prompt="""\
## q6 — Least squares is a projection (2 points)

The projection of `y` onto the line through the origin along a vector `a` (any length, not
necessarily 1) is the point of that line closest to `y`:
$$\\operatorname{proj}_a(y) = \\frac{a \\cdot y}{a \\cdot a}\\, a .$$
More generally, the point of the column space of a matrix `A` closest to `y` is $A\\hat x$,
where $\\hat x$ is the least-squares solution of $A x \\approx y$.

1. Write `project_onto_line(y, a)` returning the projected vector (same length as `y`).
2. Write `project_onto_columns(y, A)` returning $A\\hat x$, a vector of length `len(y)`.

NumPy only; accept lists; do not modify the inputs.""",
    reads=("project_onto_line", "project_onto_columns"),
    template='''\
def project_onto_line(y, a):
    """Projection of y onto the line spanned by a."""
    return ____


def project_onto_columns(y, A):
    """Projection of y onto the column space of A (the least-squares fit)."""
    return ____''',
    solution='''\
def project_onto_line(y, a):
    """Projection of y onto the line spanned by a."""
    y, a = np.asarray(y, dtype=float), np.asarray(a, dtype=float)
    return (a @ y) / (a @ a) * a


def project_onto_columns(y, A):
    """Projection of y onto the column space of A (the least-squares fit)."""
    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)
    x_hat = np.linalg.lstsq(A, y, rcond=None)[0]
    return A @ x_hat''',
    mistakes=(
        Mistake(
            "`a` is not a unit vector: divide by `a @ a` (its squared length), "
            "`(a @ y) / (a @ a) * a`.",
            Q6_LINE_DEF + "    return (a @ y) * a\n\n\n" + Q6_COLS,
        ),
        Mistake(
            "Divide by the *squared* length `a @ a`, not the length: one factor |a| normalises "
            "the dot product and the other normalises the direction `a`.",
            Q6_LINE_DEF + "    return (a @ y) / np.linalg.norm(a) * a\n\n\n" + Q6_COLS,
        ),
        Mistake(
            "You projected `a` onto `y`: the line is spanned by `a`, so the answer is a "
            "multiple of `a`, `(a @ y) / (a @ a) * a`.",
            Q6_LINE_DEF + "    return (a @ y) / (y @ y) * y\n\n\n" + Q6_COLS,
        ),
        Mistake(
            "Return the projected vector, not the coefficient: multiply by `a` "
            "(and by `A` for the column space).",
            Q6_LINE_DEF
            + "    return (a @ y) / (a @ a)\n\n\n"
            + Q6_COLS_DEF
            + "    return np.linalg.lstsq(A, y, rcond=None)[0]\n",
        ),
        Mistake(
            "Adding the projections onto each column separately only works when the columns "
            "are orthogonal: solve the least-squares problem for all columns at once "
            "(`np.linalg.lstsq(A, y)`), then multiply by `A`.",
            Q6_LINE + Q6_COLS_DEF + "    return sum((c @ y) / (c @ c) * c for c in A.T)\n",
        ),
    ),
    hints=(
        "A dot product and a squared length give the coefficient along `a`; "
        "`np.linalg.lstsq(A, y, rcond=None)[0]` gives the least-squares coefficients.",
        "`(a @ y) / (a @ a) * a`, and `A @ np.linalg.lstsq(A, y, rcond=None)[0]`.",
    ),
    checks=(
        Check("projects onto a line and onto the columns of a design matrix", _q6_public),
        Check(
            "other dimensions and lists; the residual is orthogonal to the columns",
            _q6_other,
            hidden=True,
        ),
    ),
)


# q7: PCA on digits with scikit-learn ----------------------------------------------------------


def _reference_pca(seed: int) -> Any:
    from sklearn.decomposition import PCA

    return PCA().fit(_context(seed)["digits_train"])


def _k_needed(ratio: np.ndarray, kept: float = VARIANCE_KEPT) -> int:
    return int(np.sum(np.cumsum(ratio) < kept)) + 1


Q7_K90 = f"k90 = int(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= {VARIANCE_KEPT})) + 1"
Q7_TEST = "`pca` was fitted on the test images: fit it on `digits_train` only."
Q7_ALL = "`pca` was fitted on all the images, test ones included: fit it on `digits_train` only."


def _q7_public(answers: Answers, params: Params) -> None:
    from sklearn.decomposition import PCA

    data = _data(params)
    pca = answers["pca"]
    expect_fitted(pca, "pca")
    expect_type(pca, PCA, "pca")
    expect_equal(getattr(pca, "n_features_in_", None), 64, "pca.n_features_in_")
    mean = np.asarray(pca.mean_)
    if np.allclose(mean, data["digits_test"].mean(axis=0)):
        raise KnownMistake(Q7_TEST)
    both = np.vstack([data["digits_train"], data["digits_test"]])
    if np.allclose(mean, both.mean(axis=0)):
        raise KnownMistake(Q7_ALL)
    expect_array(mean, data["digits_train"].mean(axis=0), "pca.mean_", rtol=1e-8, atol=1e-8)
    reference = _reference_pca(int(params.get("seed", 0)))
    m = min(len(pca.explained_variance_ratio_), 10)
    expect_array(
        pca.explained_variance_ratio_[:m],
        reference.explained_variance_ratio_[:m],
        "pca.explained_variance_ratio_",
        rtol=1e-6,
        atol=1e-8,
    )
    _expect_int(answers["k90"], _k_needed(reference.explained_variance_ratio_), "k90")


def _q7_eigenvectors(answers: Answers, params: Params) -> None:
    data = _data(params)
    values, vectors = np.linalg.eigh(np.cov(data["digits_train"], rowvar=False))
    components = np.asarray(answers["pca"].components_)
    for i in range(min(5, len(components))):
        if not _same_direction(components[i], vectors[:, -1 - i]):
            raise CheckFailed(
                "The components of `pca` are not the eigenvectors of the training images' "
                "covariance matrix."
            )
    expect_close(
        answers["pca"].explained_variance_[0], values[-1], "the largest variance", rtol=1e-6
    )


Q7 = Question(
    id="q7",
    title="PCA keeps most of the variance",
    points=1,
    prompt=f"""\
## q7 — How many directions does a digit need? (1 point)

Principal component analysis (PCA) is the eigen-decomposition of q5 done by a library: its
components are the eigenvectors of the covariance matrix, largest first, and
`explained_variance_ratio_` holds each eigenvalue divided by their sum.

1. Fit `pca`, a scikit-learn `PCA()` keeping all components, on `digits_train` only.
2. Set `k90` to the smallest number of components whose explained-variance ratios add up to at
   least {VARIANCE_KEPT:.2f} (an `int`).""",
    reads=("pca", "k90"),
    template="""\
from sklearn.decomposition import PCA

pca = ____
k90 = ____""",
    solution=f"""\
from sklearn.decomposition import PCA

pca = PCA().fit(digits_train)
cumulative = np.cumsum(pca.explained_variance_ratio_)
k90 = int(np.argmax(cumulative >= {VARIANCE_KEPT})) + 1""",
    mistakes=(
        Mistake(
            Q7_TEST,
            "from sklearn.decomposition import PCA\n\npca = PCA().fit(digits_test)\n" + Q7_K90,
        ),
        Mistake(
            Q7_ALL,
            "from sklearn.decomposition import PCA\n\n"
            "pca = PCA().fit(np.vstack([digits_train, digits_test]))\n" + Q7_K90,
        ),
        Mistake(
            "Off by one: `np.argmax` gives a position counted from 0, so the number of "
            "components is that position plus 1.",
            "from sklearn.decomposition import PCA\n\npca = PCA().fit(digits_train)\n"
            f"k90 = int(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= {VARIANCE_KEPT}))",
        ),
        Mistake(
            "Variance is the *square* of a singular value: add up `explained_variance_ratio_` "
            "(or the squared `singular_values_`), not the singular values themselves.",
            "from sklearn.decomposition import PCA\n\npca = PCA().fit(digits_train)\n"
            "s = pca.singular_values_\n"
            f"k90 = int(np.argmax(np.cumsum(s) / s.sum() >= {VARIANCE_KEPT})) + 1",
        ),
        Mistake(
            "Count the components whose ratios add up to the target (a cumulative sum), not "
            "the components that each explain a lot on their own.",
            "from sklearn.decomposition import PCA\n\npca = PCA().fit(digits_train)\n"
            "k90 = int(np.sum(pca.explained_variance_ratio_ >= 0.01))",
        ),
    ),
    hints=(
        "`PCA().fit(digits_train)`; then `np.cumsum(pca.explained_variance_ratio_)` is the "
        "share of variance kept by the first 1, 2, 3, ... components.",
        f"`int(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= {VARIANCE_KEPT})) + 1`.",
    ),
    checks=(
        Check("a PCA fitted on the training images, and k90", _q7_public),
        Check(
            "its components are the eigenvectors of the training covariance",
            _q7_eigenvectors,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("03"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
