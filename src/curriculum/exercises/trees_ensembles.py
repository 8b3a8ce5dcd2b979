"""Exercise 10: decision trees and ensembles — impurity, the greedy split and a depth-limited tree
by hand, depth and overfitting, a random forest's out-of-bag error, impurity against permutation
importance, and gradient boosting on residuals."""

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
# Exercise 10 — Decision trees and ensembles

Seven questions: impurity, the best split and a whole decision tree written by hand and checked
against scikit-learn, then choosing a depth, a random forest and its out-of-bag error, two kinds
of feature importance, and gradient boosting built from small trees.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/10_trees_ensembles.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
import sklearn.ensemble  # noqa: F401 - loads the OpenMP runtime before it is limited below
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

threadpool_limits(1)  # on a few hundred rows boosting is faster on one thread than on many"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# q2-q3: a small three-class problem with four continuous features.
X_small, y_small = make_classification(
    n_samples=240, n_features=4, n_informative=3, n_redundant=0, n_classes=3,
    n_clusters_per_class=1, random_state=seed,
)
X_small_train, X_small_test, y_small_train, y_small_test = train_test_split(
    X_small, y_small, test_size=0.25, random_state=seed
)

# q4, q5, q7: a harder two-class problem (10 features, each class made of 3 clusters).
X, y = make_classification(
    n_samples=700, n_features=10, n_informative=6, n_redundant=2, n_clusters_per_class=3,
    flip_y=0.03, random_state=seed,
)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=seed)
# q4 tunes the depth on a validation split carved out of the training rows.
X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.3, random_state=seed)

# q6: 500 customers, four features with 3 levels each, and a unique customer number.
cust_features = ["plan", "region", "visits_band", "support_calls", "customer_id"]
levels = rng.integers(0, 3, size=(500, 4))
weights = rng.permutation([1.5, 1.0, 0.6, 0.0])   # which feature matters most depends on seed
churn = (rng.random(500) < 1 / (1 + np.exp(-(levels - 1) @ weights))).astype(int)
X_cust = np.column_stack([levels, rng.permutation(500)]).astype(float)
X_cust_train, X_cust_test, y_cust_train, y_cust_test = train_test_split(
    X_cust, churn, test_size=0.3, random_state=seed
)

# q7: a smooth regression problem with noise.
X_reg = rng.uniform(-3, 3, size=(300, 2))
y_reg = np.sin(X_reg[:, 0]) + 0.3 * X_reg[:, 1] ** 2 + rng.normal(0, 0.3, size=300)
X_reg_train, X_reg_test, y_reg_train, y_reg_test = train_test_split(
    X_reg, y_reg, test_size=0.3, random_state=seed
)
print(f"small: {X_small_train.shape} train, classes {np.unique(y_small)}")
print(f"X: {X_fit.shape} fit / {X_val.shape} validation / {X_test.shape} test")
print(f"customers: {X_cust_train.shape} train; regression: {X_reg_train.shape} train")"""

DEPTHS = tuple(range(1, 16))
FOREST_TREES = 100
CUST_TREES = 50
PERM_REPEATS = 5
ID_COLUMN = 4
BOOST_ROUNDS = 100


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _seed(params: Params) -> int:
    return int(params.get("seed", 0))


def _variant(solution: str, old: str, new: str) -> str:
    """A known mistake written as one change to the reference solution."""
    if old not in solution:
        raise ValueError(f"{old!r} is not in the solution")
    return solution.replace(old, new)


def _as_float_array(value: Any, name: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"`{name}` should be an array of numbers.") from None


# The reference tree, used by the checks (never shown to learners) ------------------------------


def _impurity(y: np.ndarray, criterion: str) -> float:
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    if criterion == "gini":
        return float(1.0 - np.sum(p**2))
    return float(-np.sum(p * np.log2(p)))


def _candidates(X: np.ndarray, y: np.ndarray, criterion: str) -> list[tuple[float, int, float]]:
    """(weighted child impurity, feature, threshold) for every midpoint split."""
    n = len(y)
    found = []
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            k = int(left.sum())
            score = (
                k * _impurity(y[left], criterion) + (n - k) * _impurity(y[~left], criterion)
            ) / n
            found.append((score, feature, float(threshold)))
    return found


def _reference_split(X: np.ndarray, y: np.ndarray, criterion: str) -> tuple[int, float, float]:
    score, feature, threshold = min(_candidates(X, y, criterion))
    return int(feature), float(threshold), float(score)


def _majority(y: np.ndarray) -> Any:
    labels, counts = np.unique(y, return_counts=True)
    return labels[np.argmax(counts)]


def _reference_tree(
    X: np.ndarray, y: np.ndarray, max_depth: int, criterion: str, depth: int = 0
) -> dict:
    if depth >= max_depth or len(np.unique(y)) == 1 or len(np.unique(X, axis=0)) == 1:
        return {"leaf": _majority(y)}
    feature, threshold, _ = _reference_split(X, y, criterion)
    left = X[:, feature] <= threshold
    return {
        "feature": feature,
        "threshold": threshold,
        "left": _reference_tree(X[left], y[left], max_depth, criterion, depth + 1),
        "right": _reference_tree(X[~left], y[~left], max_depth, criterion, depth + 1),
    }


def _reference_predict(tree: dict, X: np.ndarray) -> np.ndarray:
    out = []
    for row in X:
        node = tree
        while "leaf" not in node:
            node = node["left"] if row[node["feature"]] <= node["threshold"] else node["right"]
        out.append(node["leaf"])
    return np.array(out)


def _labelled(seed: int, n: int, d: int, classes: int, integer: bool = False) -> tuple:
    """A small labelled problem; integer features have many repeated values."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w = rng.normal(size=(d, classes))
    y = np.argmax(X @ w + 0.8 * rng.normal(size=(n, classes)), axis=1)
    if integer:
        X = np.round(2 * X).clip(-3, 3)
    return X, y


# q1: Gini impurity and entropy ----------------------------------------------------------------

Q1_GINI_P = (
    "Gini impurity is 1 - Σ p_k² (squared proportions); 1 - Σ p_k is always 0 because the "
    "proportions add up to 1."
)
Q1_COUNTS = (
    "Turn the counts into proportions first: p_k = count_k / n, the share of labels in class k "
    "(Gini impurity always lies between 0 and 1)."
)
Q1_LOG = (
    "Use log base 2 (`np.log2`): entropy is measured in bits, so a 50/50 node has entropy "
    "exactly 1. `np.log` (natural log) gives values 0.693 times too small."
)
Q1_SIGN = (
    "Entropy is -Σ p_k log2 p_k: each log of a proportion is negative, so without the minus "
    "sign the entropy comes out negative."
)
Q1_ZERO = (
    "Only the classes that occur count: 0 · log 0 is taken as 0, but NumPy computes it as nan. "
    "Use `np.unique(y, return_counts=True)` so that no zero count appears."
)
Q1_MEAN = "Add the terms up (`np.sum`), do not average them over the classes."


def _q1_compare(answers: Answers, y: Any, label: str) -> None:
    y_arr = np.asarray(y)
    _, counts = np.unique(y_arr, return_counts=True)
    p = counts / counts.sum()
    for name in ("gini", "entropy"):
        found = call_learner_function(
            answers[name], name, list(y) if isinstance(y, list) else y_arr.copy()
        )
        if name == "gini":
            expected = float(1 - np.sum(p**2))
            wrong = [(Q1_COUNTS, float(1 - np.sum(counts**2)))]
            if len(p) > 1:
                wrong.insert(0, (Q1_GINI_P, 0.0))
                wrong.append((Q1_MEAN, float(np.mean(p * (1 - p)))))
        else:
            expected = float(-np.sum(p * np.log2(p)))
            wrong = [
                (Q1_LOG, float(-np.sum(p * np.log(p)))),
                (Q1_SIGN, -expected),
                (Q1_MEAN, float(-np.mean(p * np.log2(p)))),
            ]
        if isinstance(found, float) and np.isnan(found):
            raise KnownMistake(Q1_ZERO if name == "entropy" else f"`{name}` returned nan.")
        number = expect_number(found, f"{name}({label})")
        if abs(number - expected) > 1e-9 and expected != 0:
            for message, value in wrong:
                if abs(number - value) <= 1e-9:
                    raise KnownMistake(message)
        expect_close(number, expected, f"{name}({label})", rtol=1e-9, atol=1e-12)


def _q1_public(answers: Answers, params: Params) -> None:
    for name in ("gini", "entropy"):
        expect_callable(answers[name], name)
    _q1_compare(answers, np.array([0, 0, 1, 1]), "[0, 0, 1, 1]")
    _q1_compare(answers, np.array([1, 1, 1, 0]), "[1, 1, 1, 0]")
    _q1_compare(answers, np.array([2, 2, 2]), "[2, 2, 2]")
    _q1_compare(answers, np.array([0, 2, 2, 5, 5, 5]), "[0, 2, 2, 5, 5, 5]")
    for name in ("gini", "entropy"):
        expect_only_numpy(answers[name], name, forbidden=("sklearn", "scipy"))
        expect_inputs_unchanged(answers[name], name, ("y",))


def _q1_other(answers: Answers, params: Params) -> None:
    _q1_compare(answers, ["cat", "dog", "dog", "emu", "cat", "dog"], "a list of strings")
    _q1_compare(answers, [3, 1, 4, 1, 5, 9, 2, 6], "a list of eight labels")
    _q1_compare(answers, np.array([7]), "a single label")
    rng = np.random.default_rng(11)
    _q1_compare(answers, rng.integers(0, 6, size=200), "200 labels from 6 classes")


Q1_SOLUTION = '''\
def gini(y):
    """Gini impurity of a set of class labels: 1 - sum of squared class proportions."""
    y = np.asarray(y)
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(1.0 - np.sum(p**2))


def entropy(y):
    """Entropy in bits of a set of class labels: -sum of p log2 p over the classes present."""
    _, counts = np.unique(np.asarray(y), return_counts=True)
    p = counts / counts.sum()
    return float(-np.sum(p * np.log2(p)))'''

Q1 = Question(
    id="q1",
    title="Gini impurity and entropy",
    points=1,
    prompt="""\
## q1 — How mixed is a node? (1 point)

A decision tree splits the data until each part (a *node*) holds mostly one class. Two
measures of how mixed a node is, computed from the proportions $p_k$ of its labels in each
class $k$:

$$\\text{Gini}(y) = 1 - \\sum_k p_k^2, \\qquad
  \\text{entropy}(y) = -\\sum_k p_k \\log_2 p_k .$$

Both are 0 for a pure node (one class) and largest when the classes are equally frequent.

Write `gini(y)` and `entropy(y)`: `y` is a 1-D array **or list** of class labels (integers or
strings); each returns a Python `float`. Sum only over the classes that occur in `y`. Use NumPy
only (no `scipy.stats.entropy`) and do not modify `y`.""",
    reads=("gini", "entropy"),
    template='''\
def gini(y):
    """Gini impurity of a set of class labels: 1 - sum of squared class proportions."""
    y = np.asarray(y)
    _, counts = np.unique(y, return_counts=True)
    p = ____
    return ____


def entropy(y):
    """Entropy in bits of a set of class labels: -sum of p log2 p over the classes present."""
    _, counts = np.unique(np.asarray(y), return_counts=True)
    p = ____
    return ____''',
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(Q1_GINI_P, _variant(Q1_SOLUTION, "np.sum(p**2)", "np.sum(p)")),
        Mistake(Q1_COUNTS, _variant(Q1_SOLUTION, "p = counts / len(y)", "p = counts")),
        Mistake(Q1_LOG, _variant(Q1_SOLUTION, "np.log2(p)", "np.log(p)")),
        Mistake(Q1_SIGN, _variant(Q1_SOLUTION, "float(-np.sum(p *", "float(np.sum(p *")),
        Mistake(
            Q1_ZERO,
            _variant(
                Q1_SOLUTION,
                "_, counts = np.unique(np.asarray(y), return_counts=True)",
                "counts = np.bincount(np.asarray(y), minlength=6)",
            ),
        ),
        Mistake(Q1_MEAN, _variant(Q1_SOLUTION, "float(-np.sum(p *", "float(-np.mean(p *")),
    ),
    hints=(
        "`np.unique(y, return_counts=True)` gives the count of each class that occurs; divide "
        "by the number of labels to get the proportions.",
        "`p = counts / len(y)`; Gini is `1 - np.sum(p**2)`, entropy `-np.sum(p * np.log2(p))`; "
        "wrap each in `float(...)`.",
    ),
    checks=(
        Check("both measures on four small label arrays, a pure node included", _q1_public),
        Check(
            "works on lists, string labels, a single label and six classes",
            _q1_other,
            hidden=True,
        ),
    ),
)


# q2: the greedy best split --------------------------------------------------------------------

Q2_UNWEIGHTED = (
    "Weight each child's impurity by its share of the rows, (n_left/n)·I(left) + "
    "(n_right/n)·I(right): a plain average lets a split that peels off one pure row look "
    "as good as one that separates the classes."
)
Q2_SUM = (
    "Divide the weighted sum by n: the score is (n_left·I(left) + n_right·I(right)) / n, an "
    "average impurity between 0 and 1."
)
Q2_SWAPPED = (
    "The weights are swapped: each child's impurity is weighted by its *own* share of the rows "
    "(n_left with the left child)."
)
Q2_MAX = (
    "You kept the split with the *largest* impurity: the best split makes the children as pure "
    "as possible, so take the minimum score."
)
Q2_VALUE = (
    "Put the threshold halfway between two neighbouring distinct values of the feature, as "
    "scikit-learn does; a threshold on a data value itself splits the same rows but a new row "
    "between the two is then sent the wrong way."
)
Q2_GINI_P = (
    "Your split scores are all 0: the impurity inside `best_split` uses 1 - Σ p instead of "
    "Gini's 1 - Σ p²."
)
Q2_LOG = "The entropy criterion uses log base 2 (`np.log2`), so scores are in bits."
Q2_TEST_ROWS = (
    "The root split must come from the *training* rows: a threshold taken from the test rows "
    "(or from all rows) lets the test set shape the model that it is meant to judge. Call "
    "`best_split(X_small_train, y_small_train, 'gini')`."
)


def _q2_compare(answers: Answers, X: np.ndarray, y: np.ndarray, criterion: str, label: str):
    X_in = X.tolist() if label.endswith("list") else X.copy()
    found = call_learner_function(answers["best_split"], "best_split", X_in, y.copy(), criterion)
    if not isinstance(found, (tuple, list)) or len(found) != 3:
        raise CheckFailed(
            "`best_split` should return a tuple `(feature, threshold, score)`, but it returned "
            f"{type(found).__name__}."
        )
    feature = expect_number(found[0], "feature")
    threshold = expect_number(found[1], "threshold")
    score = expect_number(found[2], "score")
    if feature != int(feature) or not 0 <= feature < X.shape[1]:
        raise CheckFailed(
            f"`feature` is {found[0]!r}: it should be a column index from 0 to {X.shape[1] - 1}."
        )
    feature = int(feature)
    _, _, best = _reference_split(X, y, criterion)
    where = f"best_split on {label} with criterion={criterion!r}"
    if abs(score - best) > 1e-9:
        if best > 0 and abs(score) < 1e-12 and criterion == "gini":
            raise KnownMistake(Q2_GINI_P)
        n = len(y)
        per_split = []
        for _, f, t in _candidates(X, y, criterion):
            left = X[:, f] <= t
            il, ir = _impurity(y[left], criterion), _impurity(y[~left], criterion)
            k = int(left.sum())
            per_split.append(((il + ir) / 2, k * il + (n - k) * ir, ((n - k) * il + k * ir) / n))
        wrong = np.array(per_split)
        if np.isclose(score, wrong[:, 0].min(), atol=1e-9):
            raise KnownMistake(Q2_UNWEIGHTED)
        if np.isclose(score, wrong[:, 1].min(), atol=1e-9):
            raise KnownMistake(Q2_SUM)
        if np.isclose(score, wrong[:, 2].min(), atol=1e-9):
            raise KnownMistake(Q2_SWAPPED)
        if np.isclose(score, max(_candidates(X, y, criterion))[0], atol=1e-9):
            raise KnownMistake(Q2_MAX)
        if criterion == "entropy" and np.isclose(score, best * np.log(2), atol=1e-9):
            raise KnownMistake(Q2_LOG)
        raise CheckFailed(
            f"{where}: the score is {score:.6g}, but the best weighted child impurity is "
            f"{best:.6g}."
        )
    column = X[:, feature]
    left = column <= threshold
    if left.all() or not left.any():
        raise CheckFailed(
            f"{where}: threshold {threshold:.6g} on feature {feature} sends every row to one "
            "side; a split must leave rows on both sides."
        )
    k = int(left.sum())
    achieved = (
        k * _impurity(y[left], criterion) + (len(y) - k) * _impurity(y[~left], criterion)
    ) / len(y)
    if abs(achieved - best) > 1e-9:
        raise CheckFailed(
            f"{where}: the split (feature {feature}, threshold {threshold:.6g}) has a weighted "
            f"impurity of {achieved:.6g}, not the score {score:.6g} you returned."
        )
    midpoint = (column[left].max() + column[~left].min()) / 2
    if abs(threshold - midpoint) > 1e-9 * max(1.0, abs(midpoint)):
        if np.isclose(threshold, column[left].max()) or np.isclose(threshold, column[~left].min()):
            raise KnownMistake(Q2_VALUE)
        raise CheckFailed(
            f"{where}: the threshold {threshold:.6g} should be the midpoint {midpoint:.6g} "
            "between the two neighbouring values it separates."
        )


def _q2_public(answers: Answers, params: Params) -> None:
    from sklearn.tree import DecisionTreeClassifier

    expect_callable(answers["best_split"], "best_split")
    X = np.array([[2.0, 7.0], [3.0, 1.0], [1.0, 6.0], [6.0, 2.0], [5.0, 8.0], [4.0, 3.0]])
    y = np.array([0, 0, 0, 1, 1, 1])
    _q2_compare(answers, X, y, "gini", "a six-row example")
    data = _data(params)
    X_train, y_train = data["X_small_train"], data["y_small_train"]
    _q2_compare(answers, X_train, y_train, "gini", "X_small_train")
    expect_inputs_unchanged(answers["best_split"], "best_split", ("X", "y", "criterion"))
    stump = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X_train, y_train)
    feature, threshold = int(stump.tree_.feature[0]), float(stump.tree_.threshold[0])
    found_feature = expect_number(answers["root_feature"], "root_feature")
    found_threshold = expect_number(answers["root_threshold"], "root_threshold")
    test_rows = _reference_split(data["X_small_test"], data["y_small_test"], "gini")
    all_rows = _reference_split(data["X_small"], data["y_small"], "gini")
    for wrong in (test_rows, all_rows):
        if found_feature == wrong[0] and np.isclose(found_threshold, wrong[1], atol=1e-9):
            if not np.isclose(found_threshold, threshold, atol=1e-5):
                raise KnownMistake(Q2_TEST_ROWS)
    if found_feature != feature or not np.isclose(found_threshold, threshold, atol=1e-5):
        raise CheckFailed(
            f"(`root_feature`, `root_threshold`) is ({found_feature:g}, {found_threshold:.5g}), "
            f"but DecisionTreeClassifier(max_depth=1) splits X_small_train on feature {feature} "
            f"at {threshold:.5g}."
        )


def _q2_other(answers: Answers, params: Params) -> None:
    X, y = _labelled(21, 60, 3, 3)
    _q2_compare(answers, X, y, "entropy", "a three-class problem")
    X, y = _labelled(22, 80, 4, 2, integer=True)
    _q2_compare(answers, X, y, "gini", "integer features with repeated values")
    _q2_compare(answers, X, y, "entropy", "integer features with repeated values")
    X, y = _labelled(23, 30, 2, 2)
    _q2_compare(answers, X, y, "gini", "a list")


IMPURITY_CODE = """\
def _impurity(y, criterion):
    \"\"\"Gini impurity or entropy (bits) of a set of labels.\"\"\"
    _, counts = np.unique(y, return_counts=True)
    p = counts / counts.sum()
    if criterion == "gini":
        return 1.0 - np.sum(p**2)
    return -np.sum(p * np.log2(p))


def best_split(X, y, criterion="gini"):
    \"\"\"The (feature, threshold, score) of the split with the lowest weighted impurity.\"\"\"
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    n = len(y)
    candidates = []
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in (values[:-1] + values[1:]) / 2:
            left = X[:, feature] <= threshold
            n_left = left.sum()
            score = (
                n_left * _impurity(y[left], criterion)
                + (n - n_left) * _impurity(y[~left], criterion)
            ) / n
            candidates.append((score, feature, threshold))
    score, feature, threshold = min(candidates)
    return int(feature), float(threshold), float(score)"""

Q2_SOLUTION = (
    IMPURITY_CODE
    + """


root_feature, root_threshold, _ = best_split(X_small_train, y_small_train, "gini")"""
)

Q2 = Question(
    id="q2",
    title="The greedy best split",
    points=2,
    prompt="""\
## q2 — The best split of a node (2 points)

A split sends the rows with `X[:, feature] <= threshold` to the left child and the others to
the right. Its **score** is the impurity of the children, each weighted by its share of the
$n$ rows:

$$\\text{score} = \\frac{n_\\text{left}}{n} I(\\text{left}) + \\frac{n_\\text{right}}{n}
  I(\\text{right}),$$

where $I$ is Gini impurity or entropy (q1). A tree is grown *greedily*: at each node it tries
every feature and every threshold and keeps the split with the **lowest** score.

1. Write `best_split(X, y, criterion)` that returns the tuple `(feature, threshold, score)`
   (an `int`, a `float`, a `float`) of the best split; `criterion` is `"gini"` or `"entropy"`.
   As in scikit-learn, the candidate thresholds of a feature are the **midpoints** between
   consecutive distinct values of that column. Accept lists; do not modify the inputs. If two
   splits tie, either is accepted.
2. `root_feature`, `root_threshold`: the best Gini split of the training rows
   `X_small_train`, `y_small_train` — the check compares them with the first split of
   `DecisionTreeClassifier(max_depth=1)`.""",
    reads=("best_split", "root_feature", "root_threshold"),
    template='''\
def best_split(X, y, criterion="gini"):
    """The (feature, threshold, score) of the split with the lowest weighted impurity."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    impurity = gini if criterion == "gini" else entropy   # your functions from q1
    n = len(y)
    candidates = []
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        for threshold in ____:
            left = X[:, feature] <= threshold
            score = ____
            candidates.append((score, feature, threshold))
    score, feature, threshold = ____
    return int(feature), float(threshold), float(score)


root_feature = ____
root_threshold = ____''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(
            Q2_UNWEIGHTED,
            _variant(
                Q2_SOLUTION,
                """(
                n_left * _impurity(y[left], criterion)
                + (n - n_left) * _impurity(y[~left], criterion)
            ) / n""",
                "(_impurity(y[left], criterion) + _impurity(y[~left], criterion)) / 2",
            ),
        ),
        Mistake(
            Q2_SWAPPED,
            _variant(
                Q2_SOLUTION,
                """(
                n_left * _impurity(y[left], criterion)
                + (n - n_left) * _impurity(y[~left], criterion)
            ) / n""",
                """(
                (n - n_left) * _impurity(y[left], criterion)
                + n_left * _impurity(y[~left], criterion)
            ) / n""",
            ),
        ),
        Mistake(Q2_MAX, _variant(Q2_SOLUTION, "min(candidates)", "max(candidates)")),
        Mistake(
            Q2_VALUE,
            _variant(Q2_SOLUTION, "in (values[:-1] + values[1:]) / 2:", "in values[:-1]:"),
        ),
        Mistake(Q2_GINI_P, _variant(Q2_SOLUTION, "np.sum(p**2)", "np.sum(p)")),
        Mistake(
            Q2_TEST_ROWS,
            _variant(
                Q2_SOLUTION,
                "best_split(X_small_train, y_small_train,",
                "best_split(X_small_test, y_small_test,",
            ),
        ),
    ),
    hints=(
        "Candidate thresholds: `(values[:-1] + values[1:]) / 2` for the sorted distinct "
        "`values`. `left.sum()` is n_left; `y[left]` and `y[~left]` are the children's labels.",
        "`score = (left.sum() * impurity(y[left]) + (~left).sum() * impurity(y[~left])) / n`; "
        "`min(candidates)` compares the tuples by score first. Then call `best_split` on "
        "`X_small_train, y_small_train` with `'gini'`.",
    ),
    checks=(
        Check(
            "best_split on a six-row example and on X_small_train; the root split matches "
            "DecisionTreeClassifier(max_depth=1)",
            _q2_public,
        ),
        Check(
            "entropy, three classes, integer features with repeated values, and lists",
            _q2_other,
            hidden=True,
        ),
    ),
)


# q3: a depth-limited tree, grown recursively ---------------------------------------------------

Q3_TOO_DEEP = (
    "Your tree is one level deeper than `max_depth`: the root is at depth 0, so stop (make a "
    "leaf) when `depth == max_depth`."
)
Q3_TOO_SHALLOW = (
    "Your tree is one level shallower than `max_depth` allows: the root is at depth 0 and a "
    "tree of depth `max_depth` has splits at depths 0 to max_depth - 1."
)
Q3_NO_LIMIT = (
    "Your tree ignores `max_depth`: it keeps splitting until every leaf is pure. Stop at "
    "`depth == max_depth`; the depth limit is what keeps a tree from memorising noise."
)
Q3_LEAF_LABEL = (
    "A leaf should predict the most common class among the training rows that reach it "
    "(`labels[np.argmax(counts)]`)."
)
Q3_PURE = "A node whose rows all have one class is already pure: make it a leaf, do not split it."
Q3_SAME_ROWS = (
    "Each child must be grown from its own rows only: pass `X[left], y[left]` to the left child "
    "and `X[~left], y[~left]` to the right, and find the best split of those rows."
)
Q3_ROUTING = (
    "Rows with `x[feature] <= threshold` go to the *left* child and the others to the right, "
    "when growing and when predicting."
)
Q3_PREDICT = (
    "`predict_tree` should walk each row from the root to a leaf: go left when "
    "`row[node['feature']] <= node['threshold']`, right otherwise, and return the leaf's label."
)


def _tree_depth(node: Any) -> int:
    if not isinstance(node, dict) or "leaf" in node:
        return 0
    return 1 + max(_tree_depth(node.get("left")), _tree_depth(node.get("right")))


def _walk(
    node: Any,
    X: np.ndarray,
    y: np.ndarray,
    depth: int,
    max_depth: int,
    crit: str,
    swap: bool = False,
) -> None:
    """Every node of the learner's tree is the one the greedy algorithm would build here
    (``swap``: as if rows above the threshold went left, to recognise that mistake)."""
    path = f"a node at depth {depth}"
    if not isinstance(node, dict):
        raise CheckFailed(f"{path} is {type(node).__name__}, not a dict.")
    labels, counts = np.unique(y, return_counts=True)
    splittable = depth < max_depth and len(labels) > 1 and len(np.unique(X, axis=0)) > 1
    if "leaf" in node:
        if splittable:
            raise CheckFailed(
                f"{path} is a leaf, but its {len(y)} rows are of several classes and the depth "
                "limit is not reached: it should be split."
            )
        leaf = node["leaf"]
        majority = set(labels[counts == counts.max()].tolist())
        value = leaf.item() if isinstance(leaf, np.generic) else leaf
        if value not in majority:
            raise KnownMistake(Q3_LEAF_LABEL)
        return
    missing = {"feature", "threshold", "left", "right"} - set(node)
    if missing:
        raise CheckFailed(f"{path} has no key(s) {sorted(missing)} (and no 'leaf').")
    if len(labels) == 1:
        raise KnownMistake(Q3_PURE)
    feature = int(expect_number(node["feature"], "feature"))
    threshold = expect_number(node["threshold"], "threshold")
    left = X[:, feature] <= threshold
    if left.all() or not left.any():
        raise CheckFailed(f"{path}: its split sends all {len(y)} rows to one side.")
    n, k = len(y), int(left.sum())
    achieved = (k * _impurity(y[left], crit) + (n - k) * _impurity(y[~left], crit)) / n
    best = _reference_split(X, y, crit)[2]
    if achieved > best + 1e-9:
        raise KnownMistake(
            f"{Q3_SAME_ROWS} (The split at depth {depth} is not the best split of the "
            f"{len(y)} rows that reach it: weighted impurity {achieved:.4g}, best {best:.4g}.)"
        )
    first, second = (~left, left) if swap else (left, ~left)
    _walk(node["left"], X[first], y[first], depth + 1, max_depth, crit, swap)
    _walk(node["right"], X[second], y[second], depth + 1, max_depth, crit, swap)


def _q3_grow(answers: Answers, X: np.ndarray, y: np.ndarray, max_depth: int, crit: str) -> None:
    tree = call_learner_function(
        answers["grow_tree"], "grow_tree", X.copy(), y.copy(), max_depth, crit
    )
    if not isinstance(tree, dict):
        raise CheckFailed(
            f"`grow_tree` should return a dict (a node), but it returned {type(tree).__name__}."
        )
    depth = _tree_depth(tree)
    expected = _tree_depth(_reference_tree(X, y, max_depth, crit))
    if depth != expected:
        full = _tree_depth(_reference_tree(X, y, 10**6, crit))
        if depth == full and depth > max_depth:
            raise KnownMistake(Q3_NO_LIMIT)
        if depth == expected + 1:
            raise KnownMistake(Q3_TOO_DEEP)
        if depth == expected - 1:
            raise KnownMistake(Q3_TOO_SHALLOW)
    try:
        _walk(tree, X, y, 0, max_depth, crit)
    except CheckFailed as failure:
        try:
            _walk(tree, X, y, 0, max_depth, crit, swap=True)
        except CheckFailed:
            raise failure from None
        raise KnownMistake(Q3_ROUTING) from None


def _q3_predict(answers: Answers, tree: dict, X: np.ndarray, label: str) -> None:
    found = call_learner_function(answers["predict_tree"], "predict_tree", tree, X.copy())
    expected = _reference_predict(tree, X)
    found = _as_float_array(found, f"predict_tree(tree, {label})")
    if found.shape == expected.shape and not np.array_equal(found, expected):
        raise KnownMistake(
            f"{Q3_PREDICT} (`predict_tree(tree, {label})` differs in "
            f"{int(np.sum(found != expected))} of {len(expected)} rows.)"
        )
    expect_array(found, expected, f"predict_tree(tree, {label})")


def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.tree import DecisionTreeClassifier

    for name in ("grow_tree", "predict_tree"):
        expect_callable(answers[name], name)
    data = _data(params)
    X, y = data["X_small_train"], data["y_small_train"]
    _q3_grow(answers, X, y, 2, "gini")
    # predict_tree is checked on our tree so that its own mistakes are told apart.
    tree = _reference_tree(X, y, 3, "gini")
    _q3_predict(answers, tree, data["X_small_test"], "X_small_test")
    expect_inputs_unchanged(answers["grow_tree"], "grow_tree", ("X", "y", "max_depth"))
    # scikit-learn finds the same root split (ties between later splits may be broken apart).
    sk = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y)
    if tree["feature"] != sk.tree_.feature[0]:  # pragma: no cover - a broken reference
        raise CheckFailed("internal: the reference tree disagrees with scikit-learn")


def _q3_other(answers: Answers, params: Params) -> None:
    X, y = _labelled(31, 90, 3, 3)
    _q3_grow(answers, X, y, 3, "entropy")
    _q3_grow(answers, X, y, 0, "gini")
    Xi, yi = _labelled(32, 70, 3, 2, integer=True)
    _q3_grow(answers, Xi, yi, 4, "gini")
    # thresholds placed exactly on data values: rows equal to a threshold go left
    tree = {
        "feature": 1,
        "threshold": 0.0,
        "left": {"leaf": 0},
        "right": {"feature": 0, "threshold": 1.0, "left": {"leaf": 1}, "right": {"leaf": 2}},
    }
    Xp = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 1.0], [5.0, -1.0], [1.0, 0.5], [0.5, 2.0]])
    _q3_predict(answers, tree, Xp, "rows that lie on the thresholds")


GROW_CODE = '''\
def grow_tree(X, y, max_depth, criterion="gini", depth=0):
    """A decision tree as nested dicts: {"leaf": label} or a split with two children."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    majority = labels[np.argmax(counts)]
    if depth >= max_depth or len(labels) == 1 or len(np.unique(X, axis=0)) == 1:
        return {"leaf": majority}
    feature, threshold, _ = best_split(X, y, criterion)
    left = X[:, feature] <= threshold
    return {
        "feature": feature,
        "threshold": threshold,
        "left": grow_tree(X[left], y[left], max_depth, criterion, depth + 1),
        "right": grow_tree(X[~left], y[~left], max_depth, criterion, depth + 1),
    }


def predict_tree(tree, X):
    """The leaf label each row of X reaches."""
    predictions = []
    for row in np.asarray(X, dtype=float):
        node = tree
        while "leaf" not in node:
            go_left = row[node["feature"]] <= node["threshold"]
            node = node["left"] if go_left else node["right"]
        predictions.append(node["leaf"])
    return np.array(predictions)'''

Q3_SOLUTION = (
    "# best_split as in q2, repeated so that this answer stands on its own\n"
    + IMPURITY_CODE
    + "\n\n\n"
    + GROW_CODE
)

Q3 = Question(
    id="q3",
    title="A decision tree, grown recursively",
    points=2,
    prompt="""\
## q3 — Grow a whole tree (2 points)

A tree is `best_split` applied again and again: split the root, then split each child using
only the rows that reached it, and so on. It stops (makes a **leaf**) when the node is pure,
when no split is possible (all rows identical), or when it reaches the **depth limit** — the
root is at depth 0, so a tree with `max_depth=2` has at most two levels of splits. A leaf
predicts the most common class of its rows (the smallest label if two tie).

1. Write `grow_tree(X, y, max_depth, criterion="gini")` returning the tree as nested dicts:
   a leaf is `{"leaf": label}`, a split is
   `{"feature": j, "threshold": t, "left": <node>, "right": <node>}` with rows
   `X[:, j] <= t` on the left. You may call your `best_split` from q2 (an extra keyword such as
   `depth=0` for the recursion is fine).
2. Write `predict_tree(tree, X)` returning an array with the label of the leaf each row of `X`
   reaches.

The check walks your tree and verifies that every node is the one the greedy algorithm builds
(and therefore the one `DecisionTreeClassifier(max_depth=...)` builds, up to ties).""",
    reads=("grow_tree", "predict_tree"),
    template='''\
def grow_tree(X, y, max_depth, criterion="gini", depth=0):
    """A decision tree as nested dicts: {"leaf": label} or a split with two children."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    labels, counts = np.unique(y, return_counts=True)
    majority = ____
    if ____:  # depth limit reached, pure node, or all rows identical
        return {"leaf": majority}
    feature, threshold, _ = best_split(X, y, criterion)
    left = ____
    return {
        "feature": feature,
        "threshold": threshold,
        "left": ____,
        "right": ____,
    }


def predict_tree(tree, X):
    """The leaf label each row of X reaches."""
    predictions = []
    for row in np.asarray(X, dtype=float):
        node = tree
        while "leaf" not in node:
            node = ____
        predictions.append(node["leaf"])
    return np.array(predictions)''',
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(
            Q3_TOO_DEEP, _variant(Q3_SOLUTION, "if depth >= max_depth", "if depth > max_depth")
        ),
        Mistake(
            Q3_TOO_SHALLOW,
            _variant(Q3_SOLUTION, "if depth >= max_depth", "if depth >= max_depth - 1"),
        ),
        Mistake(
            Q3_NO_LIMIT,
            _variant(Q3_SOLUTION, "if depth >= max_depth or len(labels)", "if len(labels)"),
        ),
        Mistake(
            Q3_LEAF_LABEL,
            _variant(Q3_SOLUTION, "majority = labels[np.argmax(counts)]", "majority = y[0]"),
        ),
        Mistake(
            Q3_SAME_ROWS,
            _variant(
                Q3_SOLUTION,
                """        "left": grow_tree(X[left], y[left], max_depth, criterion, depth + 1),
        "right": grow_tree(X[~left], y[~left], max_depth, criterion, depth + 1),""",
                """        "left": grow_tree(X, y, max_depth, criterion, depth + 1),
        "right": grow_tree(X, y, max_depth, criterion, depth + 1),""",
            ),
        ),
        Mistake(
            Q3_PREDICT,
            _variant(
                Q3_SOLUTION,
                'node = node["left"] if go_left else node["right"]',
                'node = node["right"] if go_left else node["left"]',
            ),
        ),
    ),
    hints=(
        "The stopping test: `depth >= max_depth or len(labels) == 1 or "
        "len(np.unique(X, axis=0)) == 1`. The children are `grow_tree` called on the rows "
        "`X[left], y[left]` and `X[~left], y[~left]` with `depth + 1`.",
        "`majority = labels[np.argmax(counts)]`; `left = X[:, feature] <= threshold`; in "
        "`predict_tree`: `node = node['left'] if row[node['feature']] <= node['threshold'] "
        "else node['right']`.",
    ),
    checks=(
        Check(
            "grow_tree(X_small_train, y_small_train, 2) is the greedy tree; predict_tree on "
            "X_small_test",
            _q3_public,
        ),
        Check(
            "entropy, max_depth 0 and 3, repeated feature values, and rows on a threshold",
            _q3_other,
            hidden=True,
        ),
    ),
)


# q4: depth and overfitting ---------------------------------------------------------------------

Q4_BY_TRAIN = (
    "`best_depth` was chosen by *training* accuracy, which keeps rising with depth as the tree "
    "memorises the rows it has seen; choose the depth with the best *validation* accuracy."
)
Q4_INDEX = (
    "`best_depth` is an index into the arrays, one below the depth: position 0 holds depth 1, "
    "so take `depths[np.argmax(val_acc)]`."
)
Q4_TEST_TUNED = (
    "`val_acc` was measured on the test rows: the test set must not choose the depth, or its "
    "score is no longer an honest estimate. Score each tree on `X_val, y_val`."
)
Q4_FIT_ALL = (
    "The trees of the curve were fitted on `X_train`, which contains the validation rows, so "
    "`val_acc` rewards memorising them. Fit the curve's trees on `X_fit, y_fit` only."
)
Q4_TEST_ON_TRAIN = (
    "`tree_test_acc` was scored on the training rows: score the refitted tree on `X_test, y_test`."
)
Q4_NOT_REFIT = (
    "Refit the tree at `best_depth` on all the training rows, `X_train, y_train` (the fit "
    "split and the validation split together), before scoring it on the test rows."
)


@lru_cache(maxsize=8)
def _q4_reference(seed: int) -> dict[str, Any]:
    from sklearn.tree import DecisionTreeClassifier

    data = _context(seed)
    train, val = [], []
    for d in DEPTHS:
        tree = DecisionTreeClassifier(max_depth=d, random_state=seed).fit(
            data["X_fit"], data["y_fit"]
        )
        train.append(tree.score(data["X_fit"], data["y_fit"]))
        val.append(tree.score(data["X_val"], data["y_val"]))
    best = DEPTHS[int(np.argmax(val))]
    final = DecisionTreeClassifier(max_depth=best, random_state=seed)
    final.fit(data["X_train"], data["y_train"])
    return {
        "train_acc": np.array(train),
        "val_acc": np.array(val),
        "best_depth": best,
        "tree_test_acc": final.score(data["X_test"], data["y_test"]),
    }


def _q4_curves(answers: Answers, params: Params) -> None:
    ref = _q4_reference(_seed(params))
    train = _as_float_array(answers["train_acc"], "train_acc")
    val = _as_float_array(answers["val_acc"], "val_acc")
    if train.shape == val.shape == ref["val_acc"].shape:
        if np.allclose(train, ref["val_acc"]) and np.allclose(val, ref["train_acc"]):
            raise KnownMistake("`train_acc` and `val_acc` are swapped.")
    expect_array(train, ref["train_acc"], "train_acc", rtol=1e-9, atol=1e-9)
    expect_array(val, ref["val_acc"], "val_acc", rtol=1e-9, atol=1e-9)


def _q4_choice(answers: Answers, params: Params) -> None:
    ref = _q4_reference(_seed(params))
    best = expect_number(answers["best_depth"], "best_depth")
    if best != ref["best_depth"]:
        if best == DEPTHS[int(np.argmax(ref["train_acc"]))]:
            raise KnownMistake(Q4_BY_TRAIN)
        if best == ref["best_depth"] - 1:
            raise KnownMistake(Q4_INDEX)
        raise CheckFailed(
            f"`best_depth` is {best:g}: it should be the depth with the highest `val_acc`."
        )
    expect_close(answers["tree_test_acc"], ref["tree_test_acc"], "tree_test_acc", rtol=1e-9)


Q4_SOLUTION = """\
from sklearn.tree import DecisionTreeClassifier

depths = np.arange(1, 16)
train_acc, val_acc = [], []
for d in depths:
    tree = DecisionTreeClassifier(max_depth=d, random_state=seed).fit(X_fit, y_fit)
    train_acc.append(tree.score(X_fit, y_fit))
    val_acc.append(tree.score(X_val, y_val))
train_acc, val_acc = np.array(train_acc), np.array(val_acc)
best_depth = int(depths[np.argmax(val_acc)])
final_tree = DecisionTreeClassifier(max_depth=best_depth, random_state=seed)
final_tree.fit(X_train, y_train)
tree_test_acc = final_tree.score(X_test, y_test)"""

Q4 = Question(
    id="q4",
    title="Depth and overfitting",
    points=1,
    prompt="""\
## q4 — How deep should the tree be? (1 point)

A deeper tree fits its training rows better and better, until it memorises them, noise
included — it **overfits**. The depth is chosen on rows the tree has not seen.

1. For each `max_depth` in `depths = np.arange(1, 16)`, fit
   `DecisionTreeClassifier(max_depth=d, random_state=seed)` on `X_fit, y_fit`; store its
   accuracy (`.score`) on `X_fit, y_fit` in the array `train_acc` and on `X_val, y_val` in
   `val_acc` (shape `(15,)` each, in order of depth).
2. `best_depth`: the depth (an `int` from 1 to 15) with the highest validation accuracy (the
   smallest such depth if several tie, as `np.argmax` gives).
3. `tree_test_acc`: refit `DecisionTreeClassifier(max_depth=best_depth, random_state=seed)`
   on all the training rows `X_train, y_train` and score it on `X_test, y_test`.""",
    reads=("train_acc", "val_acc", "best_depth", "tree_test_acc"),
    template="""\
from sklearn.tree import DecisionTreeClassifier

depths = np.arange(1, 16)
# one tree per depth, fitted on X_fit, y_fit (a loop or a list comprehension)
train_acc = ____  # shape (15,): accuracy on X_fit, y_fit
val_acc = ____  # shape (15,): accuracy on X_val, y_val
best_depth = ____
final_tree = ____
tree_test_acc = ____""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_BY_TRAIN,
            _variant(Q4_SOLUTION, "depths[np.argmax(val_acc)]", "depths[np.argmax(train_acc)]"),
        ),
        Mistake(
            Q4_INDEX,
            _variant(Q4_SOLUTION, "int(depths[np.argmax(val_acc)])", "int(np.argmax(val_acc))"),
        ),
        Mistake(
            Q4_TEST_TUNED,
            _variant(Q4_SOLUTION, "tree.score(X_val, y_val)", "tree.score(X_test, y_test)"),
        ),
        Mistake(
            Q4_FIT_ALL,
            _variant(Q4_SOLUTION, ".fit(X_fit, y_fit)", ".fit(X_train, y_train)"),
        ),
        Mistake(
            Q4_TEST_ON_TRAIN,
            _variant(
                Q4_SOLUTION,
                "final_tree.score(X_test, y_test)",
                "final_tree.score(X_train, y_train)",
            ),
        ),
        Mistake(
            Q4_NOT_REFIT,
            _variant(
                Q4_SOLUTION, "final_tree.fit(X_train, y_train)", "final_tree.fit(X_fit, y_fit)"
            ),
        ),
    ),
    hints=(
        "Inside the loop: fit one tree on the fit split, then `tree.score(X_fit, y_fit)` and "
        "`tree.score(X_val, y_val)`. `np.argmax` gives a position, not a depth.",
        "`best_depth = int(depths[np.argmax(val_acc)])`; then "
        "`DecisionTreeClassifier(max_depth=best_depth, random_state=seed).fit(X_train, y_train)"
        ".score(X_test, y_test)`.",
    ),
    checks=(
        Check("train_acc and val_acc for depths 1 to 15", _q4_curves),
        Check(
            "best_depth is chosen on the validation rows and tree_test_acc is measured honestly",
            _q4_choice,
            hidden=True,
        ),
    ),
)


# q5: a random forest and its out-of-bag error --------------------------------------------------

Q5_TRAIN_AS_OOB = (
    "`oob_error` is the forest's error on its own training rows, which it has mostly memorised "
    "(close to 0). The out-of-bag error scores each row only with the trees whose bootstrap "
    "sample left it out: `1 - forest.oob_score_`. Compare it with the test error, not the "
    "training error."
)
Q5_OOB_ACCURACY = (
    "`forest.oob_score_` is an *accuracy*; the out-of-bag error is `1 - forest.oob_score_`."
)
Q5_TEST_ON_TRAIN = "`test_error` was measured on the training rows: use `X_test, y_test`."
Q5_ACCURACY = (
    "`train_error` and `test_error` are errors, `1 - accuracy`; `.score` returns the accuracy."
)
Q5_FIT_SPLIT = (
    "Fit the forest on all the training rows, `X_train, y_train` (the validation split of q4 "
    "is not needed: the out-of-bag rows play its part)."
)
Q5_CURVE_TRAIN = (
    "`oob_curve` holds training errors (about 0 for every forest): use each forest's "
    "`1 - oob_score_`."
)
OOB_SIZES = (30, 60, 100)


def _forest_errors(seed: int, trees: int, X: np.ndarray, y: np.ndarray, data: dict) -> dict:
    from sklearn.ensemble import RandomForestClassifier
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        forest = RandomForestClassifier(
            n_estimators=trees, oob_score=True, random_state=seed, n_jobs=1
        ).fit(X, y)
        return {
            "oob_error": 1 - forest.oob_score_,
            "train_error": 1 - forest.score(X, y),
            "test_error": 1 - forest.score(data["X_test"], data["y_test"]),
        }


@lru_cache(maxsize=4)
def _q5_reference(seed: int) -> dict[str, Any]:
    data = _context(seed)
    found = _forest_errors(seed, FOREST_TREES, data["X_train"], data["y_train"], data)
    found["on_fit"] = _forest_errors(seed, FOREST_TREES, data["X_fit"], data["y_fit"], data)
    curves = [_forest_errors(seed, n, data["X_train"], data["y_train"], data) for n in OOB_SIZES]
    found["oob_curve"] = np.array([c["oob_error"] for c in curves])
    found["train_curve"] = np.array([c["train_error"] for c in curves])
    return found


def _q5_public(answers: Answers, params: Params) -> None:
    ref = _q5_reference(_seed(params))
    oob = expect_number(answers["oob_error"], "oob_error")
    train_error = expect_number(answers["train_error"], "train_error")
    if abs(oob - ref["oob_error"]) > 1e-9:
        if abs(oob - ref["train_error"]) < 1e-9 or (oob == train_error and oob < 0.02):
            raise KnownMistake(Q5_TRAIN_AS_OOB)
        if abs(oob - (1 - ref["oob_error"])) < 1e-9:
            raise KnownMistake(Q5_OOB_ACCURACY)
        if abs(oob - ref["on_fit"]["oob_error"]) < 1e-9:
            raise KnownMistake(Q5_FIT_SPLIT)
    expect_close(oob, ref["oob_error"], "oob_error", rtol=1e-9, atol=1e-12)
    if abs(train_error - (1 - ref["train_error"])) < 1e-9:
        raise KnownMistake(Q5_ACCURACY)
    expect_close(train_error, ref["train_error"], "train_error", atol=1e-12)
    test = expect_number(answers["test_error"], "test_error")
    if abs(test - ref["test_error"]) > 1e-9 and abs(test - ref["train_error"]) < 1e-9:
        raise KnownMistake(Q5_TEST_ON_TRAIN)
    if abs(test - (1 - ref["test_error"])) < 1e-9:
        raise KnownMistake(Q5_ACCURACY)
    expect_close(test, ref["test_error"], "test_error", rtol=1e-9, atol=1e-12)


def _q5_other(answers: Answers, params: Params) -> None:
    ref = _q5_reference(_seed(params))
    curve = _as_float_array(answers["oob_curve"], "oob_curve")
    if curve.shape == ref["train_curve"].shape and np.allclose(curve, ref["train_curve"]):
        raise KnownMistake(Q5_CURVE_TRAIN)
    expect_array(curve, ref["oob_curve"], "oob_curve", rtol=1e-9, atol=1e-12)


Q5_SOLUTION = """\
from sklearn.ensemble import RandomForestClassifier

forest = RandomForestClassifier(n_estimators=100, oob_score=True, random_state=seed, n_jobs=1)
forest.fit(X_train, y_train)
oob_error = 1 - forest.oob_score_
train_error = 1 - forest.score(X_train, y_train)
test_error = 1 - forest.score(X_test, y_test)

oob_curve = []
for n_trees in [30, 60, 100]:
    model = RandomForestClassifier(
        n_estimators=n_trees, oob_score=True, random_state=seed, n_jobs=1
    ).fit(X_train, y_train)
    oob_curve.append(1 - model.oob_score_)
oob_curve = np.array(oob_curve)"""

Q5 = Question(
    id="q5",
    title="A random forest and its out-of-bag error",
    points=1,
    prompt="""\
## q5 — Bagging, and a free validation set (1 point)

A random forest grows many deep trees, each on a **bootstrap sample** of the training rows
(drawn with replacement, so about a third of the rows are left out of each tree) and trying a
random subset of the features at each split; it predicts by majority vote. A row's
**out-of-bag (OOB)** prediction uses only the trees that did not see it, so the OOB error is an
estimate of the error on new data, obtained without a validation split.

1. `forest`: `RandomForestClassifier(n_estimators=100, oob_score=True, random_state=seed,
   n_jobs=1)` fitted on `X_train, y_train`.
2. `oob_error`: its out-of-bag error (`1 -` the OOB accuracy, `oob_score_`), `train_error`:
   its error on `X_train, y_train`, `test_error`: its error on `X_test, y_test` (floats,
   `1 - accuracy`).
3. `oob_curve`: an array of the OOB errors of the same forest with 30, 60 and 100 trees
   (shape `(3,)`).

Compare the three numbers of part 2: which two are close, and why is the third so small?""",
    reads=("oob_error", "train_error", "test_error", "oob_curve"),
    template="""\
from sklearn.ensemble import RandomForestClassifier

forest = ____
oob_error = ____
train_error = ____
test_error = ____

oob_curve = ____  # OOB errors of forests with 30, 60 and 100 trees""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            Q5_TRAIN_AS_OOB,
            _variant(
                Q5_SOLUTION,
                "oob_error = 1 - forest.oob_score_",
                "oob_error = 1 - forest.score(X_train, y_train)",
            ),
        ),
        Mistake(
            Q5_OOB_ACCURACY,
            _variant(
                Q5_SOLUTION, "oob_error = 1 - forest.oob_score_", "oob_error = forest.oob_score_"
            ),
        ),
        Mistake(
            Q5_TEST_ON_TRAIN,
            _variant(
                Q5_SOLUTION,
                "test_error = 1 - forest.score(X_test, y_test)",
                "test_error = 1 - forest.score(X_train, y_train)",
            ),
        ),
        Mistake(
            Q5_ACCURACY,
            _variant(
                Q5_SOLUTION,
                "test_error = 1 - forest.score(X_test, y_test)",
                "test_error = forest.score(X_test, y_test)",
            ),
        ),
        Mistake(
            Q5_FIT_SPLIT,
            _variant(Q5_SOLUTION, "forest.fit(X_train, y_train)", "forest.fit(X_fit, y_fit)"),
        ),
    ),
    hints=(
        "With `oob_score=True`, the fitted forest has `oob_score_`, the accuracy of the "
        "out-of-bag predictions. `forest.score(X, y)` is the accuracy on `X, y`.",
        "`oob_error = 1 - forest.oob_score_`, `train_error = 1 - forest.score(X_train, "
        "y_train)`, `test_error = 1 - forest.score(X_test, y_test)`.",
    ),
    checks=(
        Check("the forest's OOB, training and test errors", _q5_public),
        Check(
            "the OOB errors of forests of 30, 60 and 100 trees",
            _q5_other,
            hidden=True,
        ),
    ),
)


# q6: impurity importance against permutation importance ---------------------------------------

Q6_PERM_TRAIN = (
    "Permutation importance was computed on the *training* rows, where the forest has memorised "
    "each customer's number, so shuffling `customer_id` seems to hurt. Compute it on "
    "`X_cust_test, y_cust_test`: only there does it measure what generalises."
)
Q6_TREE = (
    "`impurity_imp` was read from a single fully grown decision tree, which overfits and spends "
    "its deep splits on noise; read `feature_importances_` of the forest `cust_forest`."
)
Q6_TOP_IMPURITY = (
    "`top_feature` follows impurity importance, which favours features with many distinct "
    "values such as `customer_id` (a random number!). Trust permutation importance on held-out "
    "rows: take the argmax of `perm_imp`."
)
Q6_RANK_ZERO = (
    "Ranks count from 1 (the most important feature has rank 1): add 1 to the number of "
    "features with a larger importance."
)
Q6_RANK_ASCENDING = (
    "Rank 1 is the *most* important feature: count the features whose importance is larger "
    "than customer_id's, not smaller."
)
Q6_STD = "`perm_imp` holds the spreads: use `importances_mean`, not `importances_std`."


@lru_cache(maxsize=4)
def _q6_reference(seed: int) -> dict[str, Any]:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.inspection import permutation_importance
    from sklearn.tree import DecisionTreeClassifier

    data = _context(seed)
    Xa, ya, Xb, yb = (
        data["X_cust_train"],
        data["y_cust_train"],
        data["X_cust_test"],
        data["y_cust_test"],
    )
    forest = RandomForestClassifier(n_estimators=CUST_TREES, random_state=seed, n_jobs=1)
    forest.fit(Xa, ya)  # one tree at a time: the forest runs in the caller's thread
    perm = permutation_importance(
        forest, Xb, yb, n_repeats=PERM_REPEATS, random_state=seed, n_jobs=1
    )
    on_train = permutation_importance(
        forest, Xa, ya, n_repeats=PERM_REPEATS, random_state=seed, n_jobs=1
    )
    tree = DecisionTreeClassifier(random_state=seed).fit(Xa, ya)
    return {
        "impurity": forest.feature_importances_,
        "perm": perm.importances_mean,
        "perm_std": perm.importances_std,
        "perm_train": on_train.importances_mean,
        "tree": tree.feature_importances_,
        "names": list(data["cust_features"]),
    }


def _rank(values: np.ndarray, index: int) -> int:
    return 1 + int(np.sum(values > values[index]))


def _q6_public(answers: Answers, params: Params) -> None:
    ref = _q6_reference(_seed(params))
    impurity = _as_float_array(answers["impurity_imp"], "impurity_imp")
    if impurity.shape == ref["tree"].shape and np.allclose(impurity, ref["tree"]):
        if not np.allclose(impurity, ref["impurity"]):
            raise KnownMistake(Q6_TREE)
    expect_array(impurity, ref["impurity"], "impurity_imp", rtol=1e-9, atol=1e-12)
    perm = _as_float_array(answers["perm_imp"], "perm_imp")
    if perm.shape == ref["perm"].shape and not np.allclose(perm, ref["perm"]):
        if np.allclose(perm, ref["perm_train"]):
            raise KnownMistake(Q6_PERM_TRAIN)
        if np.allclose(perm, ref["perm_std"]):
            raise KnownMistake(Q6_STD)
    expect_array(perm, ref["perm"], "perm_imp", rtol=1e-9, atol=1e-12)
    for name, values in (("id_rank_impurity", impurity), ("id_rank_permutation", perm)):
        found = expect_number(answers[name], name)
        expected = _rank(values, ID_COLUMN)
        if found != expected:
            if found == expected - 1:
                raise KnownMistake(Q6_RANK_ZERO)
            if found == 1 + int(np.sum(values < values[ID_COLUMN])):
                raise KnownMistake(Q6_RANK_ASCENDING)
        expect_equal(found, expected, name)


def _q6_top(answers: Answers, params: Params) -> None:
    ref = _q6_reference(_seed(params))
    top = answers["top_feature"]
    expect_type(top, str, "top_feature")
    expected = ref["names"][int(np.argmax(ref["perm"]))]
    if top != expected and top == ref["names"][int(np.argmax(ref["impurity"]))]:
        raise KnownMistake(Q6_TOP_IMPURITY)
    if top != expected and top in ref["names"]:
        raise CheckFailed(
            f"`top_feature` is {top!r}; it should be the name of the feature with the largest "
            "permutation importance on the test rows."
        )
    expect_equal(top, expected, "top_feature")


Q6_SOLUTION = """\
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance

cust_forest = RandomForestClassifier(n_estimators=50, random_state=seed, n_jobs=1)
cust_forest.fit(X_cust_train, y_cust_train)
impurity_imp = cust_forest.feature_importances_
perm = permutation_importance(
    cust_forest, X_cust_test, y_cust_test, n_repeats=5, random_state=seed, n_jobs=1
)
perm_imp = perm.importances_mean
id_rank_impurity = 1 + int(np.sum(impurity_imp > impurity_imp[4]))
id_rank_permutation = 1 + int(np.sum(perm_imp > perm_imp[4]))
top_feature = cust_features[int(np.argmax(perm_imp))]"""

Q6 = Question(
    id="q6",
    title="Which features matter? Impurity against permutation importance",
    points=2,
    prompt="""\
## q6 — Two importances that disagree (2 points)

`X_cust` describes customers by four features with three levels each and, in column 4, their
customer number `customer_id` — a random label with no link to churn. Names are in
`cust_features`.

- **Impurity importance** (`feature_importances_`) adds up, over all splits on a feature, how
  much they reduced the impurity of the *training* rows.
- **Permutation importance** shuffles one column of held-out rows and measures how much the
  accuracy drops.

1. `cust_forest`: `RandomForestClassifier(n_estimators=50, random_state=seed, n_jobs=1)`
   fitted on `X_cust_train, y_cust_train`; `impurity_imp`: its `feature_importances_`
   (shape `(5,)`).
2. `perm_imp`: the `importances_mean` of `permutation_importance(cust_forest, X_cust_test,
   y_cust_test, n_repeats=5, random_state=seed, n_jobs=1)` (shape `(5,)`).
3. `id_rank_impurity`, `id_rank_permutation`: the rank of `customer_id` under each importance,
   `1 +` the number of features with a strictly larger importance (1 = most important; ints).
4. `top_feature`: the name (a `str` from `cust_features`) of the feature that the model's
   held-out accuracy depends on most.""",
    reads=("impurity_imp", "perm_imp", "id_rank_impurity", "id_rank_permutation", "top_feature"),
    template="""\
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance

cust_forest = ____
impurity_imp = ____
perm = ____
perm_imp = ____
id_rank_impurity = ____
id_rank_permutation = ____
top_feature = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_PERM_TRAIN,
            _variant(
                Q6_SOLUTION,
                "cust_forest, X_cust_test, y_cust_test,",
                "cust_forest, X_cust_train, y_cust_train,",
            ),
        ),
        Mistake(
            Q6_TREE,
            _variant(
                Q6_SOLUTION,
                "impurity_imp = cust_forest.feature_importances_",
                "from sklearn.tree import DecisionTreeClassifier\n"
                "impurity_imp = DecisionTreeClassifier(random_state=seed)"
                ".fit(X_cust_train, y_cust_train).feature_importances_",
            ),
        ),
        Mistake(
            Q6_TOP_IMPURITY,
            _variant(Q6_SOLUTION, "np.argmax(perm_imp))]", "np.argmax(impurity_imp))]"),
        ),
        Mistake(
            Q6_RANK_ZERO,
            _variant(
                Q6_SOLUTION,
                "id_rank_impurity = 1 + int(np.sum(impurity_imp > impurity_imp[4]))",
                "id_rank_impurity = int(np.sum(impurity_imp > impurity_imp[4]))",
            ),
        ),
        Mistake(
            Q6_RANK_ASCENDING,
            _variant(
                Q6_SOLUTION,
                "1 + int(np.sum(impurity_imp > impurity_imp[4]))",
                "1 + int(np.sum(impurity_imp < impurity_imp[4]))",
            ),
        ),
        Mistake(Q6_STD, _variant(Q6_SOLUTION, "perm.importances_mean", "perm.importances_std")),
    ),
    hints=(
        "`permutation_importance(model, X, y, ...)` returns an object with `importances_mean`. "
        "`np.sum(values > values[4])` counts the features more important than column 4.",
        "`id_rank_impurity = 1 + int(np.sum(impurity_imp > impurity_imp[4]))`, the same for "
        "`perm_imp`; `top_feature = cust_features[int(np.argmax(perm_imp))]`.",
    ),
    checks=(
        Check("both importances of the forest, and customer_id's two ranks", _q6_public),
        Check(
            "top_feature is the feature the held-out accuracy depends on most",
            _q6_top,
            hidden=True,
        ),
    ),
)


# q7: gradient boosting on residuals, then HistGradientBoostingClassifier -----------------------

Q7_TARGETS = (
    "Each tree must be fitted to the *residuals* `y_train - F` of the current model, not to the "
    "targets `y_train`: boosting corrects what the trees so far got wrong."
)
Q7_NO_RATE = (
    "Multiply each tree's prediction by `learning_rate` before adding it, both to the training "
    "predictions and to the predictions for `X_new`: the small steps are what make boosting "
    "generalise."
)
Q7_ZERO_START = (
    "Start from the mean of `y_train` (the best constant prediction), not from 0, for the "
    "training rows and for `X_new`."
)
Q7_SIGN = (
    "The residuals are `y_train - F` (target minus prediction): with `F - y_train` every tree "
    "pushes the predictions the wrong way."
)
Q7_STALE = (
    "Update the training predictions `F` after each tree (`F = F + learning_rate * "
    "tree.predict(X_train)`): otherwise the residuals never change and every round fits the "
    "same tree."
)
Q7_RMSE = "`boost_mse` is the mean squared error, without a square root."
Q7_HGB_SEEN = (
    "`hgb_acc` was measured on rows that `hgb` was fitted on (a boosted model scores close to "
    "100 % there): fit it on `X_train, y_train` and score it on `X_test, y_test`."
)
Q7_HGB_TEST = Q7_HGB_SEEN
Q7_HGB_TRAIN = Q7_HGB_SEEN


def _reference_boost(
    X: np.ndarray, y: np.ndarray, X_new: np.ndarray, rounds: int, rate: float, depth: int
) -> np.ndarray:
    from sklearn.tree import DecisionTreeRegressor

    F, out = np.full(len(y), y.mean()), np.full(len(X_new), y.mean())
    for _ in range(rounds):
        tree = DecisionTreeRegressor(max_depth=depth, random_state=0).fit(X, y - F)
        F = F + rate * tree.predict(X)
        out = out + rate * tree.predict(X_new)
    return out


def _q7_call(
    answers: Answers, X: Any, y: Any, X_new: Any, rounds: int, rate: float, depth: int, label: str
) -> None:
    found = call_learner_function(
        answers["gradient_boost"], "gradient_boost", X, y, X_new, rounds, rate, depth
    )
    Xa, ya, Xn = (np.asarray(v, dtype=float) for v in (X, y, X_new))
    expected = _reference_boost(Xa, ya, Xn, rounds, rate, depth)
    expect_array(
        found, expected, f"gradient_boost on {label} ({rounds} rounds)", rtol=1e-7, atol=1e-9
    )


@lru_cache(maxsize=4)
def _q7_reference(seed: int) -> dict[str, Any]:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    data = _context(seed)
    pred = _reference_boost(
        data["X_reg_train"], data["y_reg_train"], data["X_reg_test"], BOOST_ROUNDS, 0.1, 2
    )
    with threadpool_limits(1):
        hgb = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, random_state=seed)
        hgb.fit(data["X_train"], data["y_train"])
        on_test = HistGradientBoostingClassifier(
            max_iter=100, learning_rate=0.1, random_state=seed
        ).fit(data["X_test"], data["y_test"])
        return {
            "boost_mse": float(np.mean((data["y_reg_test"] - pred) ** 2)),
            "hgb_acc": hgb.score(data["X_test"], data["y_test"]),
            "hgb_train_acc": hgb.score(data["X_train"], data["y_train"]),
            "hgb_on_test": on_test.score(data["X_test"], data["y_test"]),
        }


def _q7_public(answers: Answers, params: Params) -> None:
    from sklearn.ensemble import GradientBoostingRegressor

    expect_callable(answers["gradient_boost"], "gradient_boost")
    data = _data(params)
    X, y, X_new = data["X_reg_train"], data["y_reg_train"], data["X_reg_test"]
    _q7_call(answers, X.copy(), y.copy(), X_new.copy(), 30, 0.1, 2, "X_reg_train")
    expect_inputs_unchanged(
        answers["gradient_boost"], "gradient_boost", ("X_train", "y_train", "X_new")
    )
    # the same model as scikit-learn's gradient boosting with the squared error
    library = GradientBoostingRegressor(
        n_estimators=30, learning_rate=0.1, max_depth=2, random_state=0
    ).fit(X, y)
    ours = _reference_boost(X, y, X_new, 30, 0.1, 2)
    if not np.allclose(library.predict(X_new), ours, atol=1e-9):  # pragma: no cover
        raise CheckFailed("internal: the reference disagrees with GradientBoostingRegressor")
    ref = _q7_reference(_seed(params))
    mse = expect_number(answers["boost_mse"], "boost_mse")
    if abs(mse - ref["boost_mse"]) > 1e-9 and np.isclose(mse, np.sqrt(ref["boost_mse"])):
        raise KnownMistake(Q7_RMSE)
    expect_close(mse, ref["boost_mse"], "boost_mse", rtol=1e-7)
    acc = expect_number(answers["hgb_acc"], "hgb_acc")
    if abs(acc - ref["hgb_acc"]) > 1e-12:
        if abs(acc - ref["hgb_train_acc"]) < 1e-12 or abs(acc - ref["hgb_on_test"]) < 1e-12:
            raise KnownMistake(Q7_HGB_SEEN)
    expect_close(acc, ref["hgb_acc"], "hgb_acc", rtol=1e-9)


def _q7_other(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(70)
    X = rng.uniform(0, 10, size=(80, 1))
    y = np.where(X[:, 0] > 5, 3.0, -1.0) + rng.normal(0, 0.5, size=80) + 10.0
    X_new = np.linspace(0, 10, 25)[:, None]
    _q7_call(answers, X, y, X_new, 1, 1.0, 1, "a one-feature step")
    _q7_call(answers, X, y, X_new, 0, 0.1, 2, "a one-feature step")
    _q7_call(answers, X.tolist(), y.tolist(), X_new.tolist(), 8, 0.5, 3, "lists")


Q7_SOLUTION = '''\
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.tree import DecisionTreeRegressor


def gradient_boost(X_train, y_train, X_new, n_rounds, learning_rate, max_depth):
    """Predictions for X_new of trees fitted one after another to the residuals."""
    X_train = np.asarray(X_train, dtype=float)
    y_train = np.asarray(y_train, dtype=float)
    X_new = np.asarray(X_new, dtype=float)
    F_train = np.full(len(y_train), y_train.mean())
    F_new = np.full(len(X_new), y_train.mean())
    for _ in range(n_rounds):
        residuals = y_train - F_train
        tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0)
        tree.fit(X_train, residuals)
        F_train = F_train + learning_rate * tree.predict(X_train)
        F_new = F_new + learning_rate * tree.predict(X_new)
    return F_new


boost_pred = gradient_boost(X_reg_train, y_reg_train, X_reg_test, 100, 0.1, 2)
boost_mse = float(np.mean((y_reg_test - boost_pred) ** 2))

hgb = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, random_state=seed)
hgb.fit(X_train, y_train)
hgb_acc = hgb.score(X_test, y_test)'''

Q7 = Question(
    id="q7",
    title="Gradient boosting on residuals",
    points=2,
    prompt="""\
## q7 — Boosting, built from small trees (2 points)

Gradient boosting for the squared error starts from a constant, the mean of the targets, and
then adds small trees one at a time. Each new tree $h_m$ is fitted to the **residuals**
$r_i = y_i - F_{m-1}(x_i)$ of the model so far, and added with a small **learning rate**
$\\eta$:

$$F_0 = \\bar y, \\qquad F_m(x) = F_{m-1}(x) + \\eta\\, h_m(x).$$

1. Write `gradient_boost(X_train, y_train, X_new, n_rounds, learning_rate, max_depth)` that
   returns the predictions $F_{n\\_rounds}$ for the rows of `X_new` (shape `(len(X_new),)`),
   using `DecisionTreeRegressor(max_depth=max_depth, random_state=0)` for each $h_m$ (not
   `GradientBoostingRegressor`: the check compares your result with it). Accept lists; do
   not modify the inputs.
2. `boost_mse`: the mean squared error on `X_reg_test, y_reg_test` of
   `gradient_boost(X_reg_train, y_reg_train, X_reg_test, 100, 0.1, 2)` (a float).
3. `hgb`: the library's fast version for classification,
   `HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, random_state=seed)`
   fitted on `X_train, y_train`; `hgb_acc`: its accuracy on `X_test, y_test` (a float).""",
    reads=("gradient_boost", "boost_mse", "hgb_acc"),
    template='''\
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.tree import DecisionTreeRegressor


def gradient_boost(X_train, y_train, X_new, n_rounds, learning_rate, max_depth):
    """Predictions for X_new of trees fitted one after another to the residuals."""
    X_train = np.asarray(X_train, dtype=float)
    y_train = np.asarray(y_train, dtype=float)
    X_new = np.asarray(X_new, dtype=float)
    F_train = ____
    F_new = ____
    for _ in range(n_rounds):
        residuals = ____
        tree = DecisionTreeRegressor(max_depth=max_depth, random_state=0)
        tree.fit(____)
        F_train = ____
        F_new = ____
    return F_new


boost_pred = ____
boost_mse = ____

hgb = ____
hgb_acc = ____''',
    solution=Q7_SOLUTION,
    mistakes=(
        Mistake(
            Q7_TARGETS,
            _variant(Q7_SOLUTION, "tree.fit(X_train, residuals)", "tree.fit(X_train, y_train)"),
        ),
        Mistake(
            Q7_NO_RATE,
            _variant(
                _variant(
                    Q7_SOLUTION,
                    "F_train + learning_rate * tree.predict(X_train)",
                    "F_train + tree.predict(X_train)",
                ),
                "F_new + learning_rate * tree.predict(X_new)",
                "F_new + tree.predict(X_new)",
            ),
        ),
        Mistake(
            Q7_ZERO_START,
            _variant(
                _variant(
                    Q7_SOLUTION,
                    "np.full(len(y_train), y_train.mean())",
                    "np.zeros(len(y_train))",
                ),
                "np.full(len(X_new), y_train.mean())",
                "np.zeros(len(X_new))",
            ),
        ),
        Mistake(
            Q7_SIGN,
            _variant(Q7_SOLUTION, "residuals = y_train - F_train", "residuals = F_train - y_train"),
        ),
        Mistake(
            Q7_STALE,
            _variant(
                Q7_SOLUTION,
                "F_train = F_train + learning_rate * tree.predict(X_train)",
                "pass",
            ),
        ),
        Mistake(
            Q7_RMSE,
            _variant(
                Q7_SOLUTION,
                "float(np.mean((y_reg_test - boost_pred) ** 2))",
                "float(np.sqrt(np.mean((y_reg_test - boost_pred) ** 2)))",
            ),
        ),
        Mistake(
            Q7_HGB_TEST,
            _variant(Q7_SOLUTION, "hgb.fit(X_train, y_train)", "hgb.fit(X_test, y_test)"),
        ),
        Mistake(
            Q7_HGB_TRAIN,
            _variant(Q7_SOLUTION, "hgb.score(X_test, y_test)", "hgb.score(X_train, y_train)"),
        ),
    ),
    hints=(
        "Keep two running predictions, `F_train` for the training rows and `F_new` for `X_new`, "
        "both starting at `y_train.mean()` (`np.full(n, value)`). Each round fits a tree to "
        "`y_train - F_train`.",
        "`tree.fit(X_train, residuals)`, then `F_train = F_train + learning_rate * "
        "tree.predict(X_train)` and `F_new = F_new + learning_rate * tree.predict(X_new)`.",
    ),
    checks=(
        Check(
            "gradient_boost matches GradientBoostingRegressor on X_reg_train; boost_mse; "
            "hgb's test accuracy",
            _q7_public,
        ),
        Check(
            "gradient_boost with one round, zero rounds, a learning rate of 1, and lists",
            _q7_other,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("10"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
