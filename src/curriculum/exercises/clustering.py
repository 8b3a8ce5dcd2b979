"""Exercise 13: clustering — k-means by hand, choosing k, DBSCAN, scaling and soft clusters."""

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
# Exercise 13 — Clustering

Seven questions: the two steps of k-means and its objective by hand, then choosing the number of
clusters, a shape k-means cannot find, features in different units, and soft clusters.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/13_clustering.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_iris, make_blobs, make_moons
from threadpoolctl import threadpool_limits

threadpool_limits(1)  # on a few hundred points KMeans is faster on one thread than on many"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# q1-q3 are checked on small arrays the checks make; these data sets are for q4-q7.
# Four round groups of points in the plane (q4).
X_blobs, y_blobs = make_blobs(n_samples=400, centers=4, cluster_std=1.0, random_state=seed)
ks = list(range(2, 9))

# Two interleaved half-moons (q5).
X_moons, y_moons = make_moons(n_samples=300, noise=0.06, random_state=seed)

# Three kinds of machine part (q6): length and width in millimetres tell the kinds apart; weight
# in grams does not, but its numbers are hundreds of times larger.
rng = np.random.default_rng(seed)
sizes_mm, y_parts = make_blobs(
    n_samples=300, centers=[[50, 50], [54, 54], [50, 57]], cluster_std=0.8, random_state=seed
)
X_parts = np.column_stack([sizes_mm, rng.normal(2000, 300, size=300)])

# 150 iris flowers, four measurements in centimetres, three species (q7).
iris = load_iris()
X_iris, y_iris = iris.data, iris.target
print(f"blobs {X_blobs.shape}, moons {X_moons.shape}, parts {X_parts.shape}")
print(f"iris {X_iris.shape}")"""

N_INIT = 10
DBSCAN_TARGET_ARI = (
    0.95  # eps=0.2 gives 1.00 on seeds 0-19; eps=0.15 gives 0.78-1.00; k-means 0.22-0.27
)
PARTS_TARGET_ARI = 0.9  # scaled k-means gives 0.97-1.00 on seeds 0-19; unscaled -0.01-0.01
UNSURE_BELOW = 0.9


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _single_thread() -> Any:
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1)


def _points(seed: int, n: int, d: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Random points and k random centroids drawn among them, jittered (no exact ties)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d)
    centroids = X[rng.choice(n, size=k, replace=False)] + rng.normal(scale=0.1, size=(k, d))
    return X, centroids


def _nearest(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    return np.argmin(((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2), axis=1)


def _expect_labels(found: Any, expected: np.ndarray, name: str) -> None:
    expect_array(found, expected, name)
    values = np.asarray(found, dtype=float)
    if not np.all(values == np.round(values)):
        raise CheckFailed(f"`{name}` should hold whole-number cluster indices.")


# q1: the assignment step ----------------------------------------------------------------------


def _q1_check(answers: Answers, seed: int, n: int, d: int, k: int) -> None:
    assign = answers["assign_labels"]
    X, centroids = _points(seed, n, d, k)
    found = call_learner_function(assign, "assign_labels", X.copy(), centroids.copy())
    _expect_labels(found, _nearest(X, centroids), "assign_labels(X, centroids)")


def _q1_public(answers: Answers, params: Params) -> None:
    assign = answers["assign_labels"]
    expect_callable(assign, "assign_labels")
    X = np.array([[0.0, 0.0], [0.2, 0.1], [5.0, 5.0], [4.8, 5.3], [0.1, 4.9], [0.3, 5.2]])
    centroids = np.array([[0.0, 5.0], [5.0, 5.0], [0.0, 0.0]])
    found = call_learner_function(assign, "assign_labels", X.copy(), centroids.copy())
    _expect_labels(found, np.array([2, 2, 1, 1, 0, 0]), "assign_labels on six points")
    _q1_check(answers, seed=1, n=50, d=3, k=4)
    expect_only_numpy(assign, "assign_labels")
    expect_inputs_unchanged(assign, "assign_labels", ("X", "centroids"))


def _q1_hidden(answers: Answers, params: Params) -> None:
    for seed, n, d, k in [(11, 200, 5, 7), (12, 30, 1, 3), (13, 40, 2, 1)]:
        _q1_check(answers, seed, n, d, k)
    expect_inputs_unchanged(answers["assign_labels"], "assign_labels", ("X", "centroids"))


Q1_TEMPLATE = '''\
def assign_labels(X, centroids):
    """Index of the nearest centroid for every row of X."""
    return ____'''

Q1 = Question(
    id="q1",
    title="The assignment step",
    points=1,
    prompt="""\
## q1 — The assignment step (1 point)

Write `assign_labels(X, centroids)`: `X` has shape `(n, d)` (one point per row) and `centroids`
has shape `(k, d)`. Return a NumPy array of `n` integers, where entry `i` is the index
`j` (from `0` to `k - 1`) of the centroid nearest to `X[i]` in Euclidean distance
$$\\text{label}_i = \\arg\\min_j \\lVert x_i - \\mu_j \\rVert^2 .$$
Use NumPy only (no scikit-learn or SciPy), and do not modify the inputs.""",
    reads=("assign_labels",),
    template=Q1_TEMPLATE,
    solution='''\
def assign_labels(X, centroids):
    """Index of the nearest centroid for every row of X."""
    X = np.asarray(X, dtype=float)
    centroids = np.asarray(centroids, dtype=float)
    # (n, 1, d) - (1, k, d) broadcasts to (n, k, d): every point against every centroid
    squared = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(squared, axis=1)''',
    mistakes=(
        Mistake(
            "`argmax` picks the *farthest* centroid: the nearest one is `np.argmin(..., axis=1)`.",
            "def assign_labels(X, centroids):\n"
            "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.argmax(d, axis=1)",
        ),
        Mistake(
            "You took the minimum over the points (axis 0), which gives one number per "
            "centroid; take it over the centroids, `np.argmin(distances, axis=1)`, to get one "
            "label per row of X.",
            "def assign_labels(X, centroids):\n"
            "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.argmin(d, axis=0)",
        ),
        Mistake(
            "You returned the distance to the nearest centroid; the label is its *index*: "
            "`argmin`, not `min`.",
            "def assign_labels(X, centroids):\n"
            "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.min(d, axis=1)",
        ),
        Mistake(
            "Square the differences before adding them up: summed raw differences cancel, "
            "so they are not a distance.",
            "def assign_labels(X, centroids):\n"
            "    d = (X[:, None, :] - centroids[None, :, :]).sum(axis=2)\n"
            "    return np.argmin(d, axis=1)",
        ),
        Mistake(
            "Labels are indices into `centroids`, so they start at 0: drop the `+ 1`.",
            "def assign_labels(X, centroids):\n"
            "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return np.argmin(d, axis=1) + 1",
        ),
    ),
    hints=(
        "Broadcasting `X[:, None, :] - centroids[None, :, :]` gives every point minus every "
        "centroid, shape `(n, k, d)`.",
        "Square it, sum over the last axis to get an `(n, k)` table of squared distances, then "
        "`np.argmin(table, axis=1)`.",
    ),
    checks=(
        Check("nearest centroid on six points and on random data", _q1_public),
        Check(
            "works for other n, d and k (one feature, a single centroid)", _q1_hidden, hidden=True
        ),
    ),
)


# q2: the update step --------------------------------------------------------------------------


def _reference_update(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    new = np.array(centroids, dtype=float, copy=True)
    for j in range(len(new)):
        members = X[labels == j]
        if len(members):
            new[j] = members.mean(axis=0)
    return new


Q2_EMPTY_NAN = (
    "A cluster with no points got NaN (the mean of nothing): when no row carries label j, "
    "keep the old `centroids[j]` instead."
)
Q2_EMPTY_ZERO = (
    "A cluster with no points was moved to the origin: when no row carries label j, keep "
    "the old `centroids[j]`, which is where the prompt says it stays."
)


Q2_NO_COPY = (
    "`update_centroids` changed its input `centroids` in place: `new = centroids` does not "
    "copy, so writing into `new` changes the caller's array. Start from "
    "`np.array(centroids, dtype=float)`, which is a copy."
)


def _q2_inputs_unchanged(update: Any) -> None:
    try:
        expect_inputs_unchanged(update, "update_centroids", ("X", "labels", "centroids"))
    except KnownMistake as mistake:
        if "`centroids`" in str(mistake):
            raise KnownMistake(Q2_NO_COPY) from None
        raise


def _q2_call(
    answers: Answers, X: np.ndarray, labels: np.ndarray, centroids: np.ndarray, name: str
) -> None:
    update = answers["update_centroids"]
    found = call_learner_function(
        update, "update_centroids", X.copy(), labels.copy(), centroids.copy()
    )
    expected = _reference_update(X, labels, centroids)
    empty = [j for j in range(len(centroids)) if not np.any(labels == j)]
    try:
        values = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is not None and values.shape == expected.shape and empty:
        if np.isnan(values[empty]).any():
            raise KnownMistake(Q2_EMPTY_NAN)
        if np.allclose(values[empty], 0.0) and not np.allclose(expected[empty], 0.0):
            raise KnownMistake(Q2_EMPTY_ZERO)
    expect_array(found, expected, name, rtol=1e-6, atol=1e-9)


def _q2_public(answers: Answers, params: Params) -> None:
    update = answers["update_centroids"]
    expect_callable(update, "update_centroids")
    X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 10.0], [12.0, 14.0], [0.0, 4.0]])
    labels = np.array([0, 0, 1, 1, 0])
    centroids = np.array([[1.0, 1.0], [9.0, 9.0]])
    _q2_call(answers, X, labels, centroids, "update_centroids on five points")
    X, centroids = _points(2, n=60, d=3, k=4)
    _q2_call(answers, X, _nearest(X, centroids), centroids, "update_centroids on random data")
    expect_only_numpy(update, "update_centroids")
    _q2_inputs_unchanged(update)


def _q2_empty(answers: Answers, params: Params) -> None:
    X = np.array([[0.0, 1.0], [1.0, 1.0], [4.0, 5.0], [5.0, 5.0], [9.0, 0.0]])
    centroids = np.array([[0.5, 1.0], [30.0, -20.0], [4.5, 5.0], [8.0, 1.0]])
    labels = np.array([0, 0, 2, 2, 3])  # cluster 1 is empty, cluster 3 has a single point
    _q2_call(answers, X, labels, centroids, "update_centroids, cluster 1 empty")


def _q2_hidden(answers: Answers, params: Params) -> None:
    X, centroids = _points(21, n=80, d=2, k=5)
    labels = _nearest(X, centroids)
    labels[labels == 4] = 0  # the last cluster loses its points
    _q2_call(answers, X, labels, centroids, "update_centroids")
    X, centroids = _points(22, n=25, d=6, k=3)
    _q2_call(answers, X, _nearest(X, centroids), centroids, "update_centroids")
    _q2_inputs_unchanged(answers["update_centroids"])


Q2 = Question(
    id="q2",
    title="The update step",
    points=2,
    prompt="""\
## q2 — The update step (2 points)

Write `update_centroids(X, labels, centroids)`: `X` has shape `(n, d)`, `labels` holds one
cluster index per row of `X`, and `centroids` (shape `(k, d)`) are the current centroids.
Return a new `(k, d)` array whose row `j` is the mean of the rows of `X` labelled `j`
$$\\mu_j = \\frac{1}{|C_j|} \\sum_{i \\in C_j} x_i .$$
If no row is labelled `j` (an *empty cluster*), row `j` keeps its old value `centroids[j]`.
Use NumPy only, and do not modify any input (return a new array).""",
    reads=("update_centroids",),
    template='''\
def update_centroids(X, labels, centroids):
    """Mean of each cluster's rows; an empty cluster keeps its old centroid."""
    new = ____
    for j in range(len(centroids)):
        ____
    return new''',
    solution='''\
def update_centroids(X, labels, centroids):
    """Mean of each cluster's rows; an empty cluster keeps its old centroid."""
    X = np.asarray(X, dtype=float)
    labels = np.asarray(labels)
    new = np.array(centroids, dtype=float, copy=True)
    for j in range(len(centroids)):
        members = X[labels == j]
        if len(members) > 0:
            new[j] = members.mean(axis=0)
    return new''',
    mistakes=(
        Mistake(
            "Each centroid is the mean over the cluster's *rows* (points), `mean(axis=0)`; "
            "`mean(axis=1)` averages each point's coordinates instead.",
            "def update_centroids(X, labels, centroids):\n"
            "    return np.array([X[labels == j].mean(axis=1) for j in range(len(centroids))])",
        ),
        Mistake(
            Q2_EMPTY_NAN,
            "def update_centroids(X, labels, centroids):\n"
            "    return np.array([X[labels == j].mean(axis=0) for j in range(len(centroids))])",
        ),
        Mistake(
            "There must be one row per centroid, empty clusters included: loop over "
            "`range(len(centroids))`, not over the labels that occur.",
            "def update_centroids(X, labels, centroids):\n"
            "    return np.array([X[labels == j].mean(axis=0) for j in np.unique(labels)])",
        ),
        Mistake(
            "The update takes the *mean* of each cluster (that is what minimises the squared "
            "distances), not the median.",
            "def update_centroids(X, labels, centroids):\n"
            "    new = np.array(centroids, dtype=float)\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = np.median(X[labels == j], axis=0)\n"
            "    return new",
        ),
        Mistake(
            Q2_NO_COPY,
            "def update_centroids(X, labels, centroids):\n"
            "    new = centroids\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = X[labels == j].mean(axis=0)\n"
            "    return new",
        ),
    ),
    hints=(
        "`X[labels == j]` selects the rows of cluster `j`; check `len(...)` before you average.",
        "Start from a copy, `new = np.array(centroids, dtype=float)`, and in the loop set "
        "`new[j] = members.mean(axis=0)` only when `len(members) > 0`.",
    ),
    checks=(
        Check("means of each cluster on five points and on random data", _q2_public),
        Check("an empty cluster keeps its old centroid", _q2_empty),
        Check(
            "other shapes, and an empty last cluster, leaving the inputs alone",
            _q2_hidden,
            hidden=True,
        ),
    ),
)


# q3: inertia ----------------------------------------------------------------------------------


def _reference_inertia(X: np.ndarray, labels: np.ndarray, centroids: np.ndarray) -> float:
    return float(((X - centroids[labels]) ** 2).sum())


def _q3_call(
    answers: Answers, X: np.ndarray, labels: np.ndarray, centroids: Any, name: str
) -> None:
    found = call_learner_function(
        answers["inertia"], "inertia", X.copy(), labels.copy(), np.array(centroids, copy=True)
    )
    expect_close(found, _reference_inertia(X, labels, np.asarray(centroids)), name, rtol=1e-6)


def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.cluster import KMeans

    expect_callable(answers["inertia"], "inertia")
    X = np.array([[0.0, 0.0], [2.0, 0.0], [10.0, 10.0], [10.0, 13.0]])
    _q3_call(answers, X, np.array([0, 0, 1, 1]), np.array([[1.0, 0.0], [10.0, 11.0]]), "inertia")
    data = _data(params)
    X = data["X_blobs"]
    with _single_thread():
        km = KMeans(n_clusters=4, n_init=3, random_state=0).fit(X)
    found = call_learner_function(
        answers["inertia"], "inertia", X.copy(), km.labels_.copy(), km.cluster_centers_.copy()
    )
    expect_close(found, km.inertia_, "inertia(X_blobs, km.labels_, km.cluster_centers_)", rtol=1e-4)
    expect_only_numpy(answers["inertia"], "inertia")


def _q3_hidden(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(31)
    X, centroids = _points(31, n=70, d=4, k=5)
    labels = rng.integers(0, 5, size=70)  # not the nearest centroids: use the labels given
    _q3_call(answers, X, labels, centroids, "inertia with labels that are not the nearest")
    X, centroids = _points(32, n=10, d=1, k=2)
    _q3_call(answers, X, _nearest(X, centroids), centroids, "inertia on one feature")
    expect_inputs_unchanged(answers["inertia"], "inertia", ("X", "labels", "centroids"))


Q3 = Question(
    id="q3",
    title="Inertia",
    points=1,
    prompt="""\
## q3 — The k-means objective (1 point)

Write `inertia(X, labels, centroids)` that returns, as a float, the *inertia*: the sum over all
points of the squared Euclidean distance from the point to the centroid of its own cluster
$$J = \\sum_{i=1}^{n} \\lVert x_i - \\mu_{\\text{label}_i} \\rVert^2 .$$
Use the labels you are given (they need not be the nearest centroids). This is the number
`KMeans` reports as `inertia_`. NumPy only.""",
    reads=("inertia",),
    template='''\
def inertia(X, labels, centroids):
    """Sum of squared distances from each point to its own cluster's centroid."""
    return ____''',
    solution='''\
def inertia(X, labels, centroids):
    """Sum of squared distances from each point to its own cluster's centroid."""
    X = np.asarray(X, dtype=float)
    centroids = np.asarray(centroids, dtype=float)
    differences = X - centroids[np.asarray(labels)]  # row i minus its own centroid
    return float((differences**2).sum())''',
    mistakes=(
        Mistake(
            "Inertia adds up *squared* distances: drop the square root (`np.linalg.norm` "
            "gives the distance itself).",
            "def inertia(X, labels, centroids):\n"
            "    return float(np.linalg.norm(X - centroids[labels], axis=1).sum())",
        ),
        Mistake(
            "Inertia is a *sum* over the points, not a mean: it grows with the number of points.",
            "def inertia(X, labels, centroids):\n"
            "    return float(((X - centroids[labels]) ** 2).sum(axis=1).mean())",
        ),
        Mistake(
            "Use each point's own centroid, `centroids[labels]`: you measured the distance to "
            "the nearest centroid, which is not the same when the labels are not the nearest.",
            "def inertia(X, labels, centroids):\n"
            "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return float(d.min(axis=1).sum())",
        ),
        Mistake(
            "Square each distance before adding: the square root of the total is not the inertia.",
            "def inertia(X, labels, centroids):\n"
            "    return float(np.sqrt(((X - centroids[labels]) ** 2).sum()))",
        ),
    ),
    hints=(
        "`centroids[labels]` has one row per point: the centroid of that point's cluster.",
        "`((X - centroids[labels]) ** 2).sum()` is the whole answer.",
    ),
    checks=(
        Check("matches a hand example and KMeans.inertia_ on the blobs", _q3_public),
        Check(
            "uses the labels it is given, not the nearest centroids; one feature",
            _q3_hidden,
            hidden=True,
        ),
    ),
)


# q4: choosing k -------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _k_scan(seed: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    X = _context(seed)["X_blobs"]
    inertias, silhouettes = [], []
    with _single_thread():
        for k in range(2, 9):
            model = KMeans(n_clusters=k, n_init=N_INIT, random_state=seed).fit(X)
            inertias.append(float(model.inertia_))
            silhouettes.append(float(silhouette_score(X, model.labels_)))
    return tuple(inertias), tuple(silhouettes)


Q4_LOWEST_INERTIA = (
    "You chose the k with the lowest inertia. Inertia always falls as k grows (more centroids "
    "are never further away), so that rule always picks the largest k: pick the k with the "
    "highest silhouette score instead."
)


def _q4_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    inertias, silhouettes = _k_scan(seed)
    expect_array(answers["inertias"], np.array(inertias), "inertias", rtol=1e-4)
    expect_array(answers["silhouettes"], np.array(silhouettes), "silhouettes", rtol=1e-4)
    best_k = answers["best_k"]
    number = expect_number(best_k, "best_k")
    expected = 2 + int(np.argmax(silhouettes))
    if number != expected and number == 8 and expected != 8:
        raise KnownMistake(Q4_LOWEST_INERTIA)
    if number == int(np.argmax(silhouettes)) and number != expected:
        raise KnownMistake(
            "`best_k` is the position of the best score in `ks`, not the number of clusters: "
            "use `ks[position]`."
        )
    expect_equal(number, expected, "best_k")


def _q4_consistent(answers: Answers, params: Params) -> None:
    inertias = np.asarray(answers["inertias"], dtype=float)
    if np.any(np.diff(inertias) > 1e-6 * inertias[0]):
        raise CheckFailed("`inertias` should fall as k grows; one of them rises.")
    silhouettes = np.asarray(answers["silhouettes"], dtype=float)
    if not np.all((silhouettes > -1) & (silhouettes <= 1)):
        raise CheckFailed("silhouette scores lie between -1 and 1.")
    expect_equal(answers["best_k"], 2 + int(np.argmax(silhouettes)), "best_k")


Q4 = Question(
    id="q4",
    title="Choosing k",
    points=2,
    prompt=f"""\
## q4 — How many clusters? (2 points)

For every `k` in `ks` (2 to 8), fit `KMeans(n_clusters=k, n_init={N_INIT}, random_state=seed)`
on `X_blobs`. Store

- `inertias`: a list of the 7 fitted models' `inertia_`, in the order of `ks`;
- `silhouettes`: a list of the 7 silhouette scores
  (`sklearn.metrics.silhouette_score(X_blobs, labels)` of each model's cluster labels);
- `best_k`: the `k` (an int from `ks`) you would choose from these numbers.""",
    reads=("inertias", "silhouettes", "best_k"),
    template="""\
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

models = [____ for k in ks]  # one fitted KMeans per k
inertias = ____
silhouettes = ____
best_k = ____""",
    solution=f"""\
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

models = [KMeans(n_clusters=k, n_init={N_INIT}, random_state=seed).fit(X_blobs) for k in ks]
inertias = [model.inertia_ for model in models]
silhouettes = [silhouette_score(X_blobs, model.labels_) for model in models]
best_k = ks[int(np.argmax(silhouettes))]""",
    mistakes=(
        Mistake(
            Q4_LOWEST_INERTIA,
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import silhouette_score\n\n"
            "inertias, silhouettes = [], []\n"
            "for k in ks:\n"
            f"    model = KMeans(n_clusters=k, n_init={N_INIT}, random_state=seed).fit(X_blobs)\n"
            "    inertias.append(model.inertia_)\n"
            "    silhouettes.append(silhouette_score(X_blobs, model.labels_))\n"
            "best_k = ks[int(np.argmin(inertias))]",
        ),
        Mistake(
            "A higher silhouette is better (points close to their own cluster, far from the "
            "next): take the `argmax`, not the `argmin`.",
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import silhouette_score\n\n"
            "inertias, silhouettes = [], []\n"
            "for k in ks:\n"
            f"    model = KMeans(n_clusters=k, n_init={N_INIT}, random_state=seed).fit(X_blobs)\n"
            "    inertias.append(model.inertia_)\n"
            "    silhouettes.append(silhouette_score(X_blobs, model.labels_))\n"
            "best_k = ks[int(np.argmin(silhouettes))]",
        ),
        Mistake(
            "The silhouettes must score each model's own clusters, `model.labels_`; with the "
            "true labels `y_blobs` every k gets the same score.",
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import silhouette_score\n\n"
            "inertias, silhouettes = [], []\n"
            "for k in ks:\n"
            f"    model = KMeans(n_clusters=k, n_init={N_INIT}, random_state=seed).fit(X_blobs)\n"
            "    inertias.append(model.inertia_)\n"
            "    silhouettes.append(silhouette_score(X_blobs, y_blobs))\n"
            "best_k = ks[int(np.argmax(silhouettes))]",
        ),
        Mistake(
            f"Use several restarts, `n_init={N_INIT}`: one k-means++ start can stop in a worse "
            "local minimum, so its inertia is higher than it needs to be.",
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import silhouette_score\n\n"
            "inertias, silhouettes = [], []\n"
            "for k in ks:\n"
            "    model = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(X_blobs)\n"
            "    inertias.append(model.inertia_)\n"
            "    silhouettes.append(silhouette_score(X_blobs, model.labels_))\n"
            "best_k = ks[int(np.argmax(silhouettes))]",
        ),
    ),
    hints=(
        "`KMeans(...).fit(X_blobs)` returns the fitted model; `model.labels_` are its clusters. "
        "Which of the two curves keeps falling whatever the data?",
        "Choose by the silhouette: `best_k = ks[int(np.argmax(silhouettes))]`.",
    ),
    checks=(
        Check("the inertias, the silhouettes and the chosen k", _q4_public),
        Check(
            "inertias fall with k, silhouettes lie in [-1, 1], best_k maximises them",
            _q4_consistent,
            hidden=True,
        ),
    ),
)


# q5: the moons: k-means against DBSCAN -------------------------------------------------------


@lru_cache(maxsize=8)
def _moons_kmeans_ari(seed: int) -> float:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    data = _context(seed)
    with _single_thread():
        labels = KMeans(n_clusters=2, n_init=N_INIT, random_state=seed).fit_predict(data["X_moons"])
    return float(adjusted_rand_score(data["y_moons"], labels))


Q5_ACCURACY = (
    "That is an accuracy (the share of labels equal to the truth), and it depends on which "
    "cluster happened to get number 0. Cluster numbers are arbitrary: use "
    "`adjusted_rand_score(y_moons, labels)`, which is the same under any renumbering."
)


Q5_EPS_SMALL = (
    "DBSCAN marked most points as noise (-1): `eps` is too small (or `min_samples` "
    "too large) for points this far apart."
)
Q5_EPS_LARGE = (
    "DBSCAN found a single cluster: `eps` is so large that the two moons touch. "
    "Try a smaller `eps` (the default 0.5 is far too big for these moons)."
)


def _looks_like_accuracy(value: float, truth: np.ndarray, labels: np.ndarray) -> bool:
    accuracy = float(np.mean(truth == labels))
    return abs(value - accuracy) < 1e-9 or abs(value - (1 - accuracy)) < 1e-9


def _q5_public(answers: Answers, params: Params) -> None:
    from sklearn.cluster import DBSCAN, KMeans
    from sklearn.metrics import adjusted_rand_score

    seed = int(params.get("seed", 0))
    data = _data(params)
    X, y = data["X_moons"], data["y_moons"]
    found = expect_number(answers["ari_kmeans"], "ari_kmeans")
    expected = _moons_kmeans_ari(seed)
    if abs(found - expected) > 1e-6:
        with _single_thread():
            labels = KMeans(n_clusters=2, n_init=N_INIT, random_state=seed).fit_predict(X)
        if _looks_like_accuracy(found, y, labels):
            raise KnownMistake(Q5_ACCURACY)
    expect_close(found, expected, "ari_kmeans", rtol=1e-6, atol=1e-6)
    model = answers["dbscan"]
    expect_type(model, DBSCAN, "dbscan")
    if not hasattr(model, "labels_"):
        raise CheckFailed("`dbscan` has not been fitted: call `.fit(X_moons)`.")
    labels = np.asarray(model.labels_)
    expect_equal(labels.shape, y.shape, "dbscan.labels_.shape")
    if np.mean(labels == -1) > 0.3:
        raise KnownMistake(Q5_EPS_SMALL)
    if len(set(labels.tolist()) - {-1}) <= 1:
        raise KnownMistake(Q5_EPS_LARGE)
    ari = float(adjusted_rand_score(y, labels))
    found = expect_number(answers["ari_dbscan"], "ari_dbscan")
    if abs(found - ari) > 1e-6 and _looks_like_accuracy(found, y, labels):
        raise KnownMistake(Q5_ACCURACY)
    expect_close(found, ari, "ari_dbscan (the ARI of dbscan.labels_)", rtol=1e-6, atol=1e-6)
    expect_at_least(ari, DBSCAN_TARGET_ARI, "adjusted Rand index of dbscan", "against y_moons")


def _q5_fitted_on_moons(answers: Answers, params: Params) -> None:
    from sklearn.base import clone

    X = _data(params)["X_moons"]
    model = answers["dbscan"]
    refit = clone(model).fit(X)
    if not np.array_equal(refit.labels_, np.asarray(model.labels_)):
        raise CheckFailed("`dbscan` does not behave like a DBSCAN fitted on X_moons.")


def _q5_with_dbscan(model: str) -> str:
    """The q5 reference solution with another DBSCAN in place of the tuned one."""
    return (
        "from sklearn.cluster import DBSCAN, KMeans\n"
        "from sklearn.metrics import adjusted_rand_score\n\n"
        f"kmeans_labels = KMeans(n_clusters=2, n_init={N_INIT}, random_state=seed)"
        ".fit_predict(X_moons)\n"
        "ari_kmeans = adjusted_rand_score(y_moons, kmeans_labels)\n"
        f"dbscan = {model}.fit(X_moons)\n"
        "ari_dbscan = adjusted_rand_score(y_moons, dbscan.labels_)"
    )


Q5 = Question(
    id="q5",
    title="Moons: k-means against DBSCAN",
    points=2,
    prompt=f"""\
## q5 — A shape k-means cannot find (2 points)

`X_moons` holds two interleaved half-moons and `y_moons` says which moon each point came from.

- `ari_kmeans`: the adjusted Rand index (ARI) between `y_moons` and the labels of
  `KMeans(n_clusters=2, n_init={N_INIT}, random_state=seed)` fitted on `X_moons`;
- `dbscan`: a `DBSCAN` fitted on `X_moons` whose labels reach an ARI of at least
  **{DBSCAN_TARGET_ARI}** against `y_moons` (choose `eps` and `min_samples`);
- `ari_dbscan`: the ARI of `dbscan.labels_` against `y_moons`.""",
    reads=("ari_kmeans", "dbscan", "ari_dbscan"),
    template="""\
from sklearn.cluster import DBSCAN, KMeans
from sklearn.metrics import adjusted_rand_score

kmeans_labels = ____
ari_kmeans = ____
dbscan = ____
ari_dbscan = ____""",
    solution=f"""\
from sklearn.cluster import DBSCAN, KMeans
from sklearn.metrics import adjusted_rand_score

kmeans_labels = KMeans(n_clusters=2, n_init={N_INIT}, random_state=seed).fit_predict(X_moons)
ari_kmeans = adjusted_rand_score(y_moons, kmeans_labels)
dbscan = DBSCAN(eps=0.2, min_samples=5).fit(X_moons)
ari_dbscan = adjusted_rand_score(y_moons, dbscan.labels_)""",
    mistakes=(
        Mistake(
            Q5_ACCURACY,
            "from sklearn.cluster import DBSCAN, KMeans\n\n"
            f"kmeans_labels = KMeans(n_clusters=2, n_init={N_INIT}, random_state=seed)"
            ".fit_predict(X_moons)\n"
            "ari_kmeans = np.mean(kmeans_labels == y_moons)\n"
            "dbscan = DBSCAN(eps=0.2, min_samples=5).fit(X_moons)\n"
            "ari_dbscan = np.mean(dbscan.labels_ == y_moons)",
        ),
        Mistake(
            "The ARI of k-means here should use `KMeans(n_clusters=2, ...)`: two moons, two "
            "clusters.",
            "from sklearn.cluster import DBSCAN, KMeans\n"
            "from sklearn.metrics import adjusted_rand_score\n\n"
            f"kmeans_labels = KMeans(n_clusters=8, n_init={N_INIT}, random_state=seed)"
            ".fit_predict(X_moons)\n"
            "ari_kmeans = adjusted_rand_score(y_moons, kmeans_labels)\n"
            "dbscan = DBSCAN(eps=0.2, min_samples=5).fit(X_moons)\n"
            "ari_dbscan = adjusted_rand_score(y_moons, dbscan.labels_)",
        ),
        Mistake(Q5_EPS_SMALL, _q5_with_dbscan("DBSCAN(eps=0.03, min_samples=5)")),
        Mistake(Q5_EPS_LARGE, _q5_with_dbscan("DBSCAN()")),
    ),
    hints=(
        "DBSCAN joins points that have at least `min_samples` neighbours within `eps`; the "
        "gap between the moons is a few tenths wide, while neighbours on a moon are closer.",
        "`DBSCAN(eps=0.2, min_samples=5).fit(X_moons)`; `adjusted_rand_score(y_moons, labels)` "
        "for both ARIs.",
    ),
    checks=(
        Check(
            f"ARI of k-means, and DBSCAN reaching ARI >= {DBSCAN_TARGET_ARI} on the moons",
            _q5_public,
        ),
        Check("dbscan was fitted on X_moons", _q5_fitted_on_moons, hidden=True),
    ),
)


# q6: features in different units -------------------------------------------------------------


def _parts_labels(model: Any, X: np.ndarray) -> np.ndarray:
    try:
        return np.asarray(model.predict(X))
    except Exception as exc:
        raise CheckFailed(
            f"`parts_model.predict(X_parts)` raised {type(exc).__name__}: {exc}"
        ) from None


def _scales(model: Any) -> bool:
    from sklearn.pipeline import Pipeline

    if not isinstance(model, Pipeline):
        return False
    return any(hasattr(step, "scale_") for _, step in model.steps[:-1])


Q6_UNSCALED = (
    "The features were not scaled: the weight in grams varies by hundreds while the sizes in "
    "millimetres vary by a few, so the distances k-means uses are almost all weight. Put a "
    "`StandardScaler()` before `KMeans` in a pipeline."
)


def _q6_public(answers: Answers, params: Params) -> None:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score

    data = _data(params)
    X, y = data["X_parts"], data["y_parts"]
    model = answers["parts_model"]
    expect_fitted(model, "parts_model")
    expect_equal(getattr(model, "n_features_in_", None), 3, "parts_model.n_features_in_")
    last = model.steps[-1][1] if hasattr(model, "steps") else model
    expect_type(last, KMeans, "the last step of parts_model")
    expect_equal(last.n_clusters, 3, "the number of clusters")
    labels = _parts_labels(model, X)
    ari = float(adjusted_rand_score(y, labels))
    if ari < PARTS_TARGET_ARI and not _scales(model):
        raise KnownMistake(Q6_UNSCALED)
    found = expect_number(answers["parts_ari"], "parts_ari")
    if abs(found - ari) > 1e-6 and _looks_like_accuracy(found, y, labels):
        raise KnownMistake(Q5_ACCURACY.replace("y_moons", "y_parts"))
    expect_close(found, ari, "parts_ari (the ARI of your model)", atol=1e-6)
    expect_at_least(ari, PARTS_TARGET_ARI, "adjusted Rand index of parts_model", "on X_parts")


def _q6_fitted_on_parts(answers: Answers, params: Params) -> None:
    from sklearn.base import clone
    from sklearn.metrics import adjusted_rand_score

    X = _data(params)["X_parts"]
    model = answers["parts_model"]
    with _single_thread():
        refit = clone(model).fit(X)
    agreement = adjusted_rand_score(refit.predict(X), _parts_labels(model, X))
    if agreement < 0.95:
        raise CheckFailed("`parts_model` does not behave like a model fitted on X_parts.")


Q6 = Question(
    id="q6",
    title="Features in different units",
    points=1,
    prompt=f"""\
## q6 — Scale before you measure distances (1 point)

`X_parts` describes 300 machine parts: length and width in millimetres, then weight in grams.
`y_parts` is the kind of each part (three kinds).

Build `parts_model`, a fitted scikit-learn model (a pipeline is fine) whose last step is a
`KMeans` with 3 clusters, fitted on `X_parts`, whose clusters reach an adjusted Rand index of
at least **{PARTS_TARGET_ARI}** against `y_parts`. Store that ARI in `parts_ari`.""",
    reads=("parts_model", "parts_ari"),
    template="""\
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

parts_model = ____
parts_ari = ____""",
    solution=f"""\
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

parts_model = make_pipeline(
    StandardScaler(), KMeans(n_clusters=3, n_init={N_INIT}, random_state=seed)
).fit(X_parts)
parts_ari = adjusted_rand_score(y_parts, parts_model.predict(X_parts))""",
    mistakes=(
        Mistake(
            Q6_UNSCALED,
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import adjusted_rand_score\n\n"
            f"parts_model = KMeans(n_clusters=3, n_init={N_INIT}, random_state=seed)"
            ".fit(X_parts)\n"
            "parts_ari = adjusted_rand_score(y_parts, parts_model.labels_)",
        ),
        # the scaler is fitted, but KMeans still sees the raw columns
        Mistake(
            Q6_UNSCALED,
            "from sklearn.cluster import KMeans\n"
            "from sklearn.metrics import adjusted_rand_score\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            "scaler = StandardScaler().fit(X_parts)\n"
            f"parts_model = KMeans(n_clusters=3, n_init={N_INIT}, random_state=seed)"
            ".fit(X_parts)\n"
            "parts_ari = adjusted_rand_score(y_parts, parts_model.predict(X_parts))",
        ),
    ),
    hints=(
        "Look at `X_parts.std(axis=0)`: which feature decides the Euclidean distances?",
        f"`make_pipeline(StandardScaler(), KMeans(n_clusters=3, n_init={N_INIT}, "
        "random_state=seed)).fit(X_parts)`.",
    ),
    checks=(
        Check(f"KMeans with 3 clusters reaching ARI >= {PARTS_TARGET_ARI}", _q6_public),
        Check("parts_model was fitted on X_parts", _q6_fitted_on_parts, hidden=True),
    ),
)


# q7: soft clusters from a Gaussian mixture ---------------------------------------------------


@lru_cache(maxsize=8)
def _reference_mixture(seed: int) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.mixture import GaussianMixture

    X = _context(seed)["X_iris"]
    with _single_thread():
        gmm = GaussianMixture(n_components=3, random_state=seed).fit(X)
    return gmm.predict_proba(X), gmm.predict(X)


def _q7_public(answers: Answers, params: Params) -> None:
    from sklearn.mixture import GaussianMixture

    data = _data(params)
    X = data["X_iris"]
    gmm = answers["gmm"]
    expect_fitted(gmm, "gmm")
    expect_type(gmm, GaussianMixture, "gmm")
    expect_equal(gmm.n_components, 3, "gmm.n_components")
    expect_equal(getattr(gmm, "n_features_in_", None), 4, "gmm.n_features_in_")
    probs = answers["probs"]
    if np.ndim(probs) == 1:
        raise KnownMistake(
            "`probs` has one number per flower: `predict` gives hard labels. The soft "
            "memberships come from `gmm.predict_proba(X_iris)`, one column per component."
        )
    expect_array(probs, gmm.predict_proba(X), "probs (gmm.predict_proba(X_iris))", atol=1e-6)
    reference_probs, _ = _reference_mixture(int(params.get("seed", 0)))
    expected = np.flatnonzero(reference_probs.max(axis=1) < UNSURE_BELOW)
    unsure = answers["unsure"]
    if isinstance(unsure, tuple):
        raise KnownMistake(
            "`np.where(probs < 0.9)` looks at every entry, so it returns (row, column) pairs "
            "and lists a flower several times: take each row's largest probability first, "
            "`probs.max(axis=1)`."
        )
    if np.ndim(unsure) == 0:
        raise CheckFailed(
            "`unsure` should be an array of row indices (which flowers), not a count."
        )
    _expect_labels(unsure, expected, "unsure")


def _q7_agrees(answers: Answers, params: Params) -> None:
    from sklearn.metrics import adjusted_rand_score

    X = _data(params)["X_iris"]
    _, reference_labels = _reference_mixture(int(params.get("seed", 0)))
    agreement = adjusted_rand_score(reference_labels, answers["gmm"].predict(X))
    if agreement < 0.95:
        raise CheckFailed(
            "`gmm` does not find the clusters of a 3-component mixture fitted on X_iris with "
            "random_state=seed."
        )


Q7 = Question(
    id="q7",
    title="Soft clusters",
    points=2,
    prompt=f"""\
## q7 — Soft clustering with a Gaussian mixture (2 points)

Fit `gmm = GaussianMixture(n_components=3, random_state=seed)` on `X_iris`. Store

- `probs`: each flower's membership probabilities, shape `(150, 3)` (each row sums to 1);
- `unsure`: a 1-D array of the row indices of the flowers whose *largest* membership
  probability is below **{UNSURE_BELOW}**, in increasing order.""",
    reads=("gmm", "probs", "unsure"),
    template="""\
from sklearn.mixture import GaussianMixture

gmm = ____
probs = ____
unsure = ____""",
    solution=f"""\
from sklearn.mixture import GaussianMixture

gmm = GaussianMixture(n_components=3, random_state=seed).fit(X_iris)
probs = gmm.predict_proba(X_iris)
unsure = np.flatnonzero(probs.max(axis=1) < {UNSURE_BELOW})""",
    mistakes=(
        Mistake(
            "You listed the flowers the mixture is *sure* about (largest probability at least "
            f"{UNSURE_BELOW}); the unsure ones are below it. Flip the comparison.",
            "from sklearn.mixture import GaussianMixture\n\n"
            "gmm = GaussianMixture(n_components=3, random_state=seed).fit(X_iris)\n"
            "probs = gmm.predict_proba(X_iris)\n"
            f"unsure = np.flatnonzero(probs.max(axis=1) >= {UNSURE_BELOW})",
        ),
        Mistake(
            "Take the largest probability of each *row* (flower), `probs.max(axis=1)`; "
            "`axis=0` gives one number per component.",
            "from sklearn.mixture import GaussianMixture\n\n"
            "gmm = GaussianMixture(n_components=3, random_state=seed).fit(X_iris)\n"
            "probs = gmm.predict_proba(X_iris)\n"
            f"unsure = np.flatnonzero(probs.max(axis=0) < {UNSURE_BELOW})",
        ),
        Mistake(
            "A flower is unsure when its *largest* probability is low; the smallest "
            "probability of almost every flower is low.",
            "from sklearn.mixture import GaussianMixture\n\n"
            "gmm = GaussianMixture(n_components=3, random_state=seed).fit(X_iris)\n"
            "probs = gmm.predict_proba(X_iris)\n"
            f"unsure = np.flatnonzero(probs.min(axis=1) < {UNSURE_BELOW})",
        ),
    ),
    hints=(
        "`gmm.predict_proba(X_iris)` returns the soft memberships; `.max(axis=1)` is how sure "
        "the mixture is about each flower.",
        f"`np.flatnonzero(probs.max(axis=1) < {UNSURE_BELOW})` lists the unsure rows.",
    ),
    checks=(
        Check("a 3-component mixture, its probabilities and the unsure flowers", _q7_public),
        Check(
            "gmm finds the same clusters as a reference fit (up to renumbering)",
            _q7_agrees,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("13"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
