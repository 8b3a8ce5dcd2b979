"""Exercise 12: model evaluation — k-fold by hand, stratified folds, leakage, validation curves,
nested cross-validation, a paired comparison of two models, baselines and imbalanced metrics."""

from __future__ import annotations

import contextlib
import io
import warnings
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
    expect_number,
    expect_only_numpy,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 12 — Model evaluation and selection

Six questions: k-fold indices by hand and why folds must be stratified on a rare class, data
leakage and the pipeline that prevents it, a validation curve, nested cross-validation, a paired
comparison of two models with a confidence interval, and a baseline with the metrics an
imbalanced problem needs.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/12_model_evaluation.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.model_selection import StratifiedKFold, train_test_split
from threadpoolctl import threadpool_limits

threadpool_limits(1)  # these data sets are small: one thread is faster than several"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# Pure noise (q2): 80 rows, 1000 random features, and labels that have nothing to do with them.
rng = np.random.default_rng(seed)
X_noise = rng.normal(size=(80, 1000))
y_noise = rng.permutation(np.repeat([0, 1], 40))

# Breast cancer (q3-q5), 1 = malignant. The test split is put aside for one final score;
# everything else is chosen by cross-validation on the training split with the folds `cv`.
cancer = load_breast_cancer()
X, y = cancer.data, (cancer.target == 0).astype(int)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=seed
)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
K_VALUES = [1, 3, 5, 9, 15, 25, 45, 75, 121]  # neighbours tried in q3
C_GRID = [0.01, 0.1, 1, 10, 100]  # SVM penalties tried in q4

# A rare positive class (q1 and q6): about 1 row in 12 is positive.
X_rare, y_rare = make_classification(
    n_samples=600, n_features=6, n_informative=3, n_redundant=0, n_clusters_per_class=1,
    weights=[0.92], class_sep=0.8, flip_y=0.02, random_state=seed,
)
Xr_train, Xr_test, yr_train, yr_test = train_test_split(
    X_rare, y_rare, test_size=0.3, stratify=y_rare, random_state=seed
)
y_sorted = np.sort(y_rare)  # the same labels as a file exported sorted by class (q1)

print(f"noise: {X_noise.shape[0]} rows x {X_noise.shape[1]} features")
print(f"cancer: {len(X_train)} train / {len(X_test)} test rows, {X.shape[1]} features")
print(f"rare: {len(Xr_train)} train / {len(Xr_test)} test rows, "
      f"{y_rare.mean():.1%} positive")"""


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


@lru_cache(maxsize=32)
def _reference(seed: int, question_id: str) -> dict[str, Any]:
    """The namespace after one question's reference solution ran (each stands on its own)."""
    from threadpoolctl import threadpool_limits

    namespace = dict(_context(seed))
    with threadpool_limits(1), warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        exec(EXERCISE.question(question_id).solution, namespace)
    return namespace


def _one_thread(check: Any) -> Any:
    """Run a check with one BLAS/OpenMP thread: on small data, more threads only contend."""

    def run(answers: Answers, params: Params) -> None:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            check(answers, params)

    run.__name__ = check.__name__
    return run


def _seed(params: Params) -> int:
    return int(params.get("seed", 0))


def _numbers(value: Any) -> np.ndarray | None:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _same(value: Any, expected: Any, atol: float = 1e-9) -> bool:
    found, wanted = _numbers(value), np.asarray(expected, dtype=float)
    return (
        found is not None
        and found.shape == wanted.shape
        and bool(np.allclose(found, wanted, rtol=0, atol=atol))
    )


# q1: k-fold indices by hand, then stratified folds --------------------------------------------


def _kfold(n: int, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    from sklearn.model_selection import KFold

    return list(KFold(n_splits=k).split(np.zeros((n, 1))))


def _compare_folds(found: Any, n: int, k: int, label: str) -> None:
    expected = _kfold(n, k)
    if not isinstance(found, (list, tuple)):
        raise CheckFailed(
            f"`{label}` should return a list of `(train, test)` pairs, but it returned "
            f"{type(found).__name__}."
        )
    if len(found) != k:
        raise CheckFailed(f"`{label}` returned {len(found)} folds; {k} were expected.")
    for i, (pair, (train, test)) in enumerate(zip(found, expected, strict=True)):
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise CheckFailed(
                f"fold {i} of `{label}` is not a `(train, test)` pair of index arrays."
            )
        expect_array(pair[1], test, f"the test indices of fold {i} of {label}", rtol=0, atol=0)
        expect_array(pair[0], train, f"the train indices of fold {i} of {label}", rtol=0, atol=0)


@_one_thread
def _q1_function(answers: Answers, params: Params) -> None:
    fn = answers["kfold_indices"]
    expect_callable(fn, "kfold_indices")
    for n, k in [(10, 3), (12, 4)]:
        found = call_learner_function(fn, "kfold_indices", n, k)
        _compare_folds(found, n, k, f"kfold_indices({n}, {k})")
    expect_only_numpy(fn, "kfold_indices")


def _positives(y: np.ndarray, folds: Any) -> np.ndarray:
    return np.array([int(y[test].sum()) for _, test in folds])


@_one_thread
def _q1_counts(answers: Answers, params: Params) -> None:
    from sklearn.model_selection import StratifiedKFold

    y = _data(params)["y_sorted"]
    expected_kfold = _positives(y, _kfold(len(y), 5))
    expect_array(answers["kfold_positives"], expected_kfold, "kfold_positives", rtol=0, atol=0)
    splits = StratifiedKFold(n_splits=5).split(np.zeros((len(y), 1)), y)
    expected = _positives(y, splits)
    found = answers["stratified_positives"]
    if not _same(expected, expected_kfold) and _same(found, expected_kfold):
        raise KnownMistake(Q1_NOT_STRATIFIED)
    expect_array(found, expected, "stratified_positives", rtol=0, atol=0)


@_one_thread
def _q1_other_sizes(answers: Answers, params: Params) -> None:
    fn = answers["kfold_indices"]
    for n, k in [(23, 4), (7, 7), (5, 2), (31, 5)]:
        found = call_learner_function(fn, "kfold_indices", n, k)
        _compare_folds(found, n, k, "kfold_indices on other sizes")


Q1_NOT_STRATIFIED = (
    "`stratified_positives` counts the positives of plain (unstratified) k-fold: on labels sorted "
    "by class every positive lands in the last fold, so four folds have none to test on. Use "
    "`StratifiedKFold(n_splits=5).split(X, y_sorted)`, which deals each class out evenly."
)
Q1_FUNCTION = '''\
def kfold_indices(n_samples, n_splits):
    """(train, test) index arrays for n_splits consecutive folds, like KFold without shuffling."""
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1  # the first n % k folds get one row more
    indices = np.arange(n_samples)
    folds = []
    start = 0
    for size in sizes:
        test = indices[start : start + size]
        train = np.concatenate([indices[:start], indices[start + size :]])
        folds.append((train, test))
        start += size
    return folds
'''
Q1_REST = """

kfold_positives = np.array(
    [y_sorted[test].sum() for _, test in kfold_indices(len(y_sorted), 5)]
)
stratified = StratifiedKFold(n_splits=5)
stratified_positives = np.array(
    [y_sorted[test].sum() for _, test in stratified.split(np.zeros((len(y_sorted), 1)), y_sorted)]
)"""
Q1_SOLUTION = Q1_FUNCTION + Q1_REST

Q1 = Question(
    id="q1",
    title="k-fold indices by hand, and stratified folds",
    points=2,
    prompt="""\
## q1 — k-fold cross-validation by hand (2 points)

k-fold cross-validation cuts the rows $0, 1, \\dots, n-1$ into $k$ consecutive blocks (folds);
each fold is the test rows once while the other $k-1$ folds train. When $k$ does not divide $n$,
the first $n \\bmod k$ folds get one row more, as in scikit-learn's `KFold`.

1. Write `kfold_indices(n_samples, n_splits)` that returns a list of `n_splits` pairs
   `(train, test)`, each an integer NumPy array of row indices in increasing order, the same as
   `list(KFold(n_splits).split(X))` without shuffling. NumPy only.
2. `kfold_positives`: an array of 5 ints, the number of positive labels (`y_sorted == 1`) in the
   test rows of each of your 5 folds of `y_sorted`.
3. `stratified_positives`: the same counts for `StratifiedKFold(n_splits=5)` on `y_sorted`
   (pass any array with `len(y_sorted)` rows as `X`).""",
    reads=("kfold_indices", "kfold_positives", "stratified_positives"),
    template='''\
def kfold_indices(n_samples, n_splits):
    """(train, test) index arrays for n_splits consecutive folds, like KFold without shuffling."""
    return ____


kfold_positives = ____
stratified_positives = ____''',
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(
            "Every fold has `n // k` rows, so the last `n % k` rows are never tested: give the "
            "first `n % k` folds one extra row instead.",
            Q1_SOLUTION.replace(
                "    sizes[: n_samples % n_splits] += 1"
                "  # the first n % k folds get one row more\n",
                "",
            ),
        ),
        Mistake(
            "The leftover `n % k` rows all went into the last fold; `KFold` gives one extra "
            "row to each of the first `n % k` folds, so fold sizes differ by at most one.",
            Q1_SOLUTION.replace(
                "sizes[: n_samples % n_splits] += 1", "sizes[-1] += n_samples % n_splits"
            ),
        ),
        Mistake(
            "The folds were cut with size `ceil(n / k)`, which leaves the last fold short; "
            "use `n // k` rows per fold plus one for the first `n % k` folds.",
            Q1_SOLUTION.replace(
                "        test = indices[start : start + size]\n",
                "        size = -(-n_samples // n_splits)\n"
                "        test = indices[start : start + size]\n",
            ),
        ),
        Mistake(
            "The training rows include the test rows: train on every row *except* the fold "
            "(`np.concatenate([indices[:start], indices[start + size:]])`), or each test score "
            "is measured on rows the model has seen.",
            Q1_SOLUTION.replace(
                "train = np.concatenate([indices[:start], indices[start + size :]])",
                "train = indices",
            ),
        ),
        Mistake(
            "Each pair is `(test, train)`; scikit-learn's order is `(train, test)`.",
            Q1_SOLUTION.replace("folds.append((train, test))", "folds.append((test, train))"),
        ),
        Mistake(
            Q1_NOT_STRATIFIED,
            Q1_SOLUTION.replace(
                "stratified = StratifiedKFold(n_splits=5)",
                "from sklearn.model_selection import KFold\n\nstratified = KFold(n_splits=5)",
            ),
        ),
    ),
    hints=(
        "Make an array of fold sizes, `n // k` each, add 1 to the first `n % k` of them, then "
        "walk along `np.arange(n)` with a running start position.",
        "For a fold `indices[start:start + size]`, the training rows are "
        "`np.concatenate([indices[:start], indices[start + size:]])`. Count positives with "
        "`y_sorted[test].sum()`.",
    ),
    checks=(
        Check("kfold_indices agrees with KFold on (10, 3) and (12, 4)", _q1_function),
        Check("positives per test fold, plain and stratified", _q1_counts),
        Check(
            "kfold_indices agrees with KFold on other sizes, including k = n",
            _q1_other_sizes,
            hidden=True,
        ),
    ),
)


# q2: leakage — feature selection before the split ----------------------------------------------


def _q2_expected(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    namespace = _reference(0, "q2")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return namespace["leaky_cv"](X, y), namespace["clean_cv"](X, y)


Q2_SELECTED_FIRST = (
    "`clean_cv` fits the selector before the split: `SelectKBest` saw every row, test folds "
    "included, and picked the 20 features that happen to match those labels (data leakage). "
    "Put it in a pipeline, `make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())`, "
    "and cross-validate the pipeline so the selection is redone inside each training fold."
)
Q2_SWAPPED = (
    "`leaky_cv` and `clean_cv` are swapped: the leaky version selects features on all rows first."
)


@_one_thread
def _q2_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    ref = _reference(_seed(params), "q2")
    for name in ("leaky_cv", "clean_cv"):
        expect_callable(answers[name], name)
    leaky, clean = answers["leaky_scores"], answers["clean_scores"]
    if _same(leaky, ref["clean_scores"]) and _same(clean, ref["leaky_scores"]):
        raise KnownMistake(Q2_SWAPPED)
    if _same(clean, ref["leaky_scores"]):
        raise KnownMistake(Q2_SELECTED_FIRST)
    expect_array(leaky, ref["leaky_scores"], "leaky_scores", rtol=0, atol=1e-9)
    expect_array(clean, ref["clean_scores"], "clean_scores", rtol=0, atol=1e-9)
    found = call_learner_function(answers["clean_cv"], "clean_cv", data["X_noise"], data["y_noise"])
    expect_array(found, ref["clean_scores"], "clean_cv(X_noise, y_noise)", rtol=0, atol=1e-9)


@_one_thread
def _q2_other_data(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(200 + _seed(params))
    X = rng.normal(size=(60, 400))
    y = rng.permutation(np.repeat([0, 1], 30))
    X[:, 7] += 1.5 * y  # one real signal among the noise
    leaky, clean = _q2_expected(X, y)
    found = call_learner_function(answers["clean_cv"], "clean_cv", X, y)
    if _same(found, leaky) and not _same(leaky, clean):
        raise KnownMistake(Q2_SELECTED_FIRST)
    expect_array(found, clean, "clean_cv on other data", rtol=0, atol=1e-9)
    found = call_learner_function(answers["leaky_cv"], "leaky_cv", X, y)
    expect_array(found, leaky, "leaky_cv on other data", rtol=0, atol=1e-9)


Q2_SOLUTION = '''\
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline


def leaky_cv(X, y):
    """Select 20 features on all rows, then cross-validate (the wrong way)."""
    X_selected = SelectKBest(f_classif, k=20).fit_transform(X, y)
    return cross_val_score(LogisticRegression(), X_selected, y, cv=5)


def clean_cv(X, y):
    """Cross-validate selection and model together: the selector sees only training folds."""
    model = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())
    return cross_val_score(model, X, y, cv=5)


leaky_scores = leaky_cv(X_noise, y_noise)
clean_scores = clean_cv(X_noise, y_noise)'''

Q2 = Question(
    id="q2",
    title="Leakage: feature selection before the split",
    points=2,
    prompt="""\
## q2 — Data leakage, and the pipeline that prevents it (2 points)

`X_noise` is pure noise: no model can predict `y_noise` better than a coin (accuracy 0.5).
A common workflow still reports a high score: keep the 20 features most related to the label,
then cross-validate.

1. `leaky_cv(X, y)`: select the 20 best features with `SelectKBest(f_classif, k=20)` fitted on
   **all** of `X, y`, then return `cross_val_score(LogisticRegression(), X_selected, y, cv=5)`.
2. `clean_cv(X, y)`: return `cross_val_score` (`cv=5`) of the **pipeline**
   `make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())` on `X, y`.
3. `leaky_scores`, `clean_scores`: the two functions' arrays of 5 fold accuracies on
   `X_noise, y_noise`. Compare their means: which one tells the truth?""",
    reads=("leaky_cv", "clean_cv", "leaky_scores", "clean_scores"),
    template='''\
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline


def leaky_cv(X, y):
    """Select 20 features on all rows, then cross-validate (the wrong way)."""
    return ____


def clean_cv(X, y):
    """Cross-validate selection and model together: the selector sees only training folds."""
    return ____


leaky_scores = ____
clean_scores = ____''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(
            Q2_SELECTED_FIRST,
            Q2_SOLUTION.replace(
                "    model = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())\n"
                "    return cross_val_score(model, X, y, cv=5)",
                "    X_selected = SelectKBest(f_classif, k=20).fit_transform(X, y)\n"
                "    return cross_val_score(LogisticRegression(), X_selected, y, cv=5)",
            ),
        ),
        Mistake(
            "`clean_cv` has no feature selection: the pipeline must keep the 20 best features "
            "(`SelectKBest(f_classif, k=20)`) inside each training fold, so that its score "
            "measures the whole procedure, selection included.",
            Q2_SOLUTION.replace(
                "make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())",
                "make_pipeline(LogisticRegression())",
            ),
        ),
        Mistake(
            "The scores were measured on the rows the model was trained on, not on held-out "
            "folds: use `cross_val_score`, which scores each fold with a model that never saw it.",
            Q2_SOLUTION.replace(
                "    return cross_val_score(model, X, y, cv=5)",
                "    return np.full(5, model.fit(X, y).score(X, y))",
            ),
        ),
        Mistake(
            Q2_SWAPPED,
            Q2_SOLUTION.replace(
                "leaky_scores = leaky_cv(X_noise, y_noise)\n"
                "clean_scores = clean_cv(X_noise, y_noise)",
                "leaky_scores = clean_cv(X_noise, y_noise)\n"
                "clean_scores = leaky_cv(X_noise, y_noise)",
            ),
        ),
        Mistake(
            "Use the 20 best features (`k=20`) in both versions, as the prompt says.",
            Q2_SOLUTION.replace("k=20), LogisticRegression())", "k=10), LogisticRegression())"),
        ),
    ),
    hints=(
        "`SelectKBest(f_classif, k=20).fit_transform(X, y)` returns the 20 chosen columns. In "
        "the clean version nothing is fitted before `cross_val_score`: it gets the raw `X`.",
        "`cross_val_score(make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression()), "
        "X, y, cv=5)`; the leaky mean is far above 0.5, the clean one near it.",
    ),
    checks=(
        Check("both fold-score arrays on the noise data, and clean_cv itself", _q2_public),
        Check(
            "both functions on another data set with one real signal", _q2_other_data, hidden=True
        ),
    ),
)


# q3: a validation curve for k-nearest neighbours -----------------------------------------------

KNN_PARAM = "kneighborsclassifier__n_neighbors"

Q3_SCALED_FIRST = (
    "The scaler was fitted on the whole training split before cross-validation, so every "
    "validation fold took part in the scaling (leakage). Put `StandardScaler()` inside the "
    "pipeline, `knn = make_pipeline(StandardScaler(), KNeighborsClassifier())`, and pass the "
    "raw `X_train`."
)
Q3_BY_TRAIN = (
    "`best_k` was chosen by the training score: with k = 1 each training point is its own "
    "nearest neighbour, so its training accuracy is always 1. Choose by the validation score."
)
Q3_ON_TEST = (
    "The curve was computed on the test split: choosing k with those rows tunes on the test set. "
    "Run `validation_curve` on `X_train, y_train` and keep the test split for the final score."
)


Q3_FOLDS = (
    "Use the folds `cv` (`cv=cv`), so that every k is scored on the same shuffled, stratified "
    "folds as the rest of this exercise."
)


@lru_cache(maxsize=8)
def _q3_curve(seed: int, folds: int) -> np.ndarray:
    """Mean validation accuracy per k with plain integer folds (the `cv=5` slip)."""
    from sklearn.model_selection import validation_curve

    data, knn = _context(seed), _reference(seed, "q3")["knn"]
    _, val = validation_curve(
        knn,
        data["X_train"],
        data["y_train"],
        param_name=KNN_PARAM,
        param_range=data["K_VALUES"],
        cv=folds,
    )
    return val.mean(axis=1)


@_one_thread
def _q3_public(answers: Answers, params: Params) -> None:
    from sklearn.pipeline import Pipeline

    ref = _reference(_seed(params), "q3")
    knn = answers["knn"]
    if not isinstance(knn, Pipeline) or len(knn.steps) < 2:
        raise KnownMistake(
            "`knn` should be the pipeline `make_pipeline(StandardScaler(), "
            "KNeighborsClassifier())`: k-nearest neighbours measures distances, so the features "
            "need scaling, and the scaler belongs inside the pipeline."
        )
    train_mean, val_mean = answers["train_mean"], answers["val_mean"]
    size = len(ref["val_mean"])
    for name, value in (("train_mean", train_mean), ("val_mean", val_mean)):
        found = _numbers(value)
        if found is not None and found.shape == (5,):
            raise CheckFailed(
                f"`{name}` has 5 values, one per fold: average over the folds "
                f"(`.mean(axis=1)`), giving one value per k ({size})."
            )
    if _same(train_mean, ref["val_mean"]) and _same(val_mean, ref["train_mean"]):
        raise CheckFailed(
            "`train_mean` and `val_mean` are swapped: `validation_curve` returns the training "
            "scores first."
        )
    if not _same(val_mean, ref["val_mean"]) and _same(val_mean, _q3_curve(_seed(params), 5)):
        raise KnownMistake(Q3_FOLDS)
    expect_array(train_mean, ref["train_mean"], "train_mean", rtol=0, atol=1e-9)
    expect_array(val_mean, ref["val_mean"], "val_mean", rtol=0, atol=1e-9)
    best = expect_number(answers["best_k"], "best_k")
    values = np.asarray(ref["K_VALUES"])
    top = ref["val_mean"].max()
    tied = values[ref["val_mean"] >= top - 1e-12]
    if not np.any(np.isclose(best, tied)):
        if np.isclose(best, values[int(np.argmax(ref["train_mean"]))]):
            raise KnownMistake(Q3_BY_TRAIN)
        raise CheckFailed(
            f"`best_k` is {best:g}, but the highest mean validation accuracy is at k = "
            f"{int(tied[0])}: take `K_VALUES[np.argmax(val_mean)]`."
        )


@_one_thread
def _q3_pipeline(answers: Answers, params: Params) -> None:
    from sklearn.base import clone
    from sklearn.datasets import load_wine
    from sklearn.model_selection import cross_val_score

    wine = load_wine()
    knn = answers["knn"]
    ref = _reference(_seed(params), "q3")["knn"]
    found = cross_val_score(clone(knn), wine.data, wine.target, cv=5)
    expected = cross_val_score(clone(ref), wine.data, wine.target, cv=5)
    if not _same(found, expected):
        raise CheckFailed(
            "`knn` scores differently from `make_pipeline(StandardScaler(), "
            "KNeighborsClassifier())` on other raw data: the scaling must be part of the "
            "pipeline (and other settings left at their defaults)."
        )


Q3_SOLUTION = """\
from sklearn.model_selection import validation_curve
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

knn = make_pipeline(StandardScaler(), KNeighborsClassifier())
train_scores, val_scores = validation_curve(
    knn, X_train, y_train, param_name="kneighborsclassifier__n_neighbors",
    param_range=K_VALUES, cv=cv,
)
train_mean = train_scores.mean(axis=1)
val_mean = val_scores.mean(axis=1)
best_k = K_VALUES[int(np.argmax(val_mean))]"""

Q3 = Question(
    id="q3",
    title="A validation curve: from variance to bias",
    points=2,
    prompt="""\
## q3 — A validation curve for k-nearest neighbours (2 points)

A k-nearest-neighbours classifier predicts the majority label of the $k$ closest training
points. Small $k$ follows every quirk of the training data (high variance), large $k$ smooths
everything away (high bias).

- `knn`: the pipeline `make_pipeline(StandardScaler(), KNeighborsClassifier())` (not fitted).
- `train_mean`, `val_mean`: arrays of 9 numbers, the mean training and validation accuracy over
  the folds `cv` for each k in `K_VALUES`, from `validation_curve` on `X_train, y_train`
  (`param_name="kneighborsclassifier__n_neighbors"`).
- `best_k`: the k in `K_VALUES` with the highest mean validation accuracy.""",
    reads=("knn", "train_mean", "val_mean", "best_k"),
    template="""\
from sklearn.model_selection import validation_curve
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

knn = ____
train_mean = ____
val_mean = ____
best_k = ____""",
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(
            Q3_SCALED_FIRST,
            Q3_SOLUTION.replace(
                "knn = make_pipeline(StandardScaler(), KNeighborsClassifier())\n"
                "train_scores, val_scores = validation_curve(\n    knn, X_train, y_train,",
                "X_scaled = StandardScaler().fit_transform(X_train)\n"
                "knn = make_pipeline(StandardScaler(), KNeighborsClassifier())\n"
                "train_scores, val_scores = validation_curve(\n    knn[1:], X_scaled, y_train,",
            ),
        ),
        Mistake(
            Q3_BY_TRAIN,
            Q3_SOLUTION.replace("np.argmax(val_mean)", "np.argmax(train_mean)"),
        ),
        Mistake(
            Q3_ON_TEST,
            Q3_SOLUTION.replace("knn, X_train, y_train,", "knn, X_test, y_test,"),
        ),
        Mistake(
            "`best_k` has the *lowest* validation accuracy: use `np.argmax`, not `np.argmin`.",
            Q3_SOLUTION.replace("np.argmax(val_mean)", "np.argmin(val_mean)"),
        ),
        Mistake(
            Q3_FOLDS,
            Q3_SOLUTION.replace("param_range=K_VALUES, cv=cv,", "param_range=K_VALUES, cv=3,"),
        ),
    ),
    hints=(
        "`validation_curve(knn, X_train, y_train, param_name=..., param_range=K_VALUES, cv=cv)` "
        "returns two arrays of shape (9, 5): training and validation scores, one row per k.",
        "Average each row with `.mean(axis=1)`; `best_k = K_VALUES[int(np.argmax(val_mean))]`.",
    ),
    checks=(
        Check("the pipeline, both curves on the training split, and best_k", _q3_public),
        Check("knn scales inside the pipeline on other raw data", _q3_pipeline, hidden=True),
    ),
)


# q4: nested cross-validation ------------------------------------------------------------------

Q4_BEST_SCORE = (
    "`nested_mean` is the inner `best_score_`: that score chose C, so it is biased upwards. "
    "The nested estimate is the mean of the *outer* scores, `cross_val_score(search, X_train, "
    "y_train, cv=cv).mean()`, where each outer test fold played no part in choosing C."
)
Q4_ON_TEST = (
    "The test set was used for tuning: the search was fitted on `X_test, y_test`. Tune on the "
    "training split only and score the test split once, at the end."
)


@_one_thread
def _q4_public(answers: Answers, params: Params) -> None:
    ref = _reference(_seed(params), "q4")
    scores = answers["nested_scores"]
    found = _numbers(scores)
    if found is not None and found.shape == (3,):
        raise CheckFailed(
            "`nested_scores` has 3 values: those are inner folds. The outer loop uses the "
            "folds `cv` (5 of them): `cross_val_score(search, X_train, y_train, cv=cv)`."
        )
    expect_array(scores, ref["nested_scores"], "nested_scores", rtol=0, atol=1e-9)
    inner = answers["inner_best_score"]
    mean = expect_number(answers["nested_mean"], "nested_mean")
    if abs(mean - ref["nested_mean"]) > 1e-9 and abs(mean - ref["inner_best_score"]) < 1e-12:
        raise KnownMistake(Q4_BEST_SCORE)
    expect_close(mean, ref["nested_mean"], "nested_mean", rtol=0, atol=1e-9)
    expect_close(inner, ref["inner_best_score"], "inner_best_score", rtol=0, atol=1e-9)
    best_C = expect_number(answers["best_C"], "best_C")
    expect_close(best_C, ref["best_C"], "best_C", rtol=1e-9)
    expect_close(answers["test_accuracy"], ref["test_accuracy"], "test_accuracy", atol=1e-9)


@_one_thread
def _q4_predictions(answers: Answers, params: Params) -> None:
    ref = _reference(_seed(params), "q4")
    found = answers["test_predictions"]
    if not _same(found, ref["test_predictions"]):
        raise CheckFailed(
            "`test_predictions` are not those of the pipeline with the chosen C refitted on the "
            "whole training split (`search.best_estimator_`)."
        )


Q4_SOLUTION = """\
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

svc = make_pipeline(StandardScaler(), SVC())
search = GridSearchCV(svc, {"svc__C": C_GRID}, cv=3)

# outer loop: each outer training part runs its own inner search
nested_scores = cross_val_score(search, X_train, y_train, cv=cv)
nested_mean = nested_scores.mean()

# the model we keep: one search on the whole training split
search.fit(X_train, y_train)
inner_best_score = search.best_score_
best_C = search.best_params_["svc__C"]
test_predictions = search.predict(X_test)
test_accuracy = np.mean(test_predictions == y_test)"""

Q4 = Question(
    id="q4",
    title="Nested cross-validation",
    points=2,
    prompt="""\
## q4 — Tune inside, evaluate outside: nested cross-validation (2 points)

`search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), {"svc__C": C_GRID}, cv=3)`
chooses the SVM's penalty `C` by 3-fold cross-validation. Its `best_score_` is the best of five
scores and so flatters the winner; to estimate how well the *whole procedure* (tuning
included) does, cross-validate the search itself.

- `nested_scores`: `cross_val_score(search, X_train, y_train, cv=cv)`, an array of 5 outer
  scores; `nested_mean`: their mean.
- Then fit `search` on all of `X_train, y_train`: `inner_best_score` is its `best_score_`,
  `best_C` its chosen C.
- `test_predictions`: `search.predict(X_test)`, an array of 143 labels; `test_accuracy`: their
  accuracy on `y_test`, measured once.""",
    reads=(
        "nested_scores",
        "nested_mean",
        "inner_best_score",
        "best_C",
        "test_predictions",
        "test_accuracy",
    ),
    template="""\
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

search = ____
nested_scores = ____
nested_mean = ____
inner_best_score = ____
best_C = ____
test_predictions = ____
test_accuracy = ____""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_BEST_SCORE,
            Q4_SOLUTION.replace("nested_mean = nested_scores.mean()", "nested_mean = None").replace(
                "inner_best_score = search.best_score_",
                "inner_best_score = search.best_score_\nnested_mean = search.best_score_",
            ),
        ),
        Mistake(
            Q4_ON_TEST,
            Q4_SOLUTION.replace("search.fit(X_train, y_train)", "search.fit(X_test, y_test)"),
        ),
        Mistake(
            "`test_accuracy` is a cross-validated score, not the accuracy of "
            "`test_predictions` on `y_test`.",
            Q4_SOLUTION.replace(
                "test_accuracy = np.mean(test_predictions == y_test)",
                "test_accuracy = search.best_score_",
            ),
        ),
        Mistake(
            "`svc` has no scaler: an RBF SVM needs scaled features, inside the pipeline "
            "(`make_pipeline(StandardScaler(), SVC())`, so the grid key is `svc__C`).",
            Q4_SOLUTION.replace(
                "svc = make_pipeline(StandardScaler(), SVC())", "svc = make_pipeline(SVC())"
            ),
        ),
    ),
    hints=(
        "`cross_val_score` accepts the unfitted `search` like any estimator: in each outer "
        "fold it runs the whole grid search on the outer training part.",
        "After `search.fit(X_train, y_train)`: `search.best_score_`, "
        "`search.best_params_['svc__C']`, `search.predict(X_test)`.",
    ),
    checks=(
        Check("outer scores, inner best score, chosen C and the test accuracy", _q4_public),
        Check(
            "the final model was tuned and refitted on the training split only",
            _q4_predictions,
            hidden=True,
        ),
    ),
)


# q5: a paired comparison of two models ----------------------------------------------------------


def _paired(a: Any, b: Any, confidence: float = 0.95) -> tuple[float, float, float]:
    from scipy import stats

    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    k = len(d)
    half = stats.t.ppf(0.5 + confidence / 2, df=k - 1) * d.std(ddof=1) / np.sqrt(k)
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)


VERDICTS = ("A", "B", "no clear winner")
Q5_NORMAL = (
    "With only k folds the multiplier comes from Student's t with k - 1 degrees of freedom, "
    "`stats.t.ppf(0.5 + confidence / 2, df=k - 1)`, not the normal 1.96."
)


def _triple(found: Any, name: str) -> np.ndarray:
    numbers = _numbers(found)
    if isinstance(found, dict) or numbers is None or numbers.shape != (3,):
        raise CheckFailed(
            f"`{name}` should return three numbers `(mean_diff, low, high)`, but it returned "
            f"{type(found).__name__}."
        )
    return numbers


@_one_thread
def _q5_function(answers: Answers, params: Params) -> None:
    fn = answers["paired_ci"]
    expect_callable(fn, "paired_ci")
    a = np.array([0.96, 0.93, 0.97, 0.95, 0.98])
    b = np.array([0.94, 0.92, 0.97, 0.92, 0.96])
    found = _triple(call_learner_function(fn, "paired_ci", a.copy(), b.copy()), "paired_ci")
    d = a - b
    half = 1.96 * d.std(ddof=1) / np.sqrt(len(d))
    if np.allclose(found, [d.mean(), d.mean() - half, d.mean() + half], rtol=1e-4):
        raise KnownMistake(Q5_NORMAL)
    expect_array(found, _paired(a, b), "paired_ci(a, b)", rtol=1e-6, atol=1e-9)
    expect_only_numpy(fn, "paired_ci")


def _verdict(low: float, high: float) -> str:
    return "A" if low > 0 else "B" if high < 0 else "no clear winner"


@_one_thread
def _q5_values(answers: Answers, params: Params) -> None:
    ref = _reference(_seed(params), "q5")
    expect_array(answers["scores_a"], ref["scores_a"], "scores_a", rtol=0, atol=1e-9)
    if not _same(answers["scores_b"], ref["scores_b"]):
        raise CheckFailed(
            "`scores_b` are not model B's scores on the folds `cv`. Score both models on the "
            "same folds (`cv=cv`): only then is each difference a fair, paired comparison."
        )
    expected = _paired(ref["scores_a"], ref["scores_b"])
    for name, value in zip(("mean_diff", "low", "high"), expected, strict=True):
        expect_close(answers[name], value, name, rtol=1e-6, atol=1e-9)
    verdict = answers["verdict"]
    if verdict not in VERDICTS:
        raise CheckFailed(f"`verdict` should be one of {VERDICTS}, but it is {verdict!r}.")
    wanted = _verdict(*expected[1:])
    if verdict != wanted:
        raise CheckFailed(
            f"`verdict` is {verdict!r}, but the interval [{expected[1]:.4f}, {expected[2]:.4f}] "
            f"says {wanted!r}: a model wins only if the whole interval is on its side of 0."
        )


@_one_thread
def _q5_other_inputs(answers: Answers, params: Params) -> None:
    fn = answers["paired_ci"]
    rng = np.random.default_rng(500 + _seed(params))
    a = 0.9 + 0.03 * rng.normal(size=10)
    b = a - 0.01 + 0.01 * rng.normal(size=10)
    found = _triple(call_learner_function(fn, "paired_ci", list(a), list(b), 0.9), "paired_ci")
    expect_array(found, _paired(a, b, 0.9), "paired_ci on 10 folds at 90 %", rtol=1e-6)
    found = _triple(call_learner_function(fn, "paired_ci", list(b[:3]), list(a[:3])), "paired_ci")
    expect_array(found, _paired(b[:3], a[:3]), "paired_ci on 3 folds (lists)", rtol=1e-6)


Q5_FUNCTION = '''\
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def paired_ci(scores_a, scores_b, confidence=0.95):
    """Mean of the paired differences a - b and its t confidence interval."""
    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)
    k = len(d)
    standard_error = d.std(ddof=1) / np.sqrt(k)
    t = stats.t.ppf(0.5 + confidence / 2, df=k - 1)
    mean = d.mean()
    return float(mean), float(mean - t * standard_error), float(mean + t * standard_error)
'''
Q5_REST = """

model_a = make_pipeline(StandardScaler(), LogisticRegression())
model_b = make_pipeline(StandardScaler(), KNeighborsClassifier())
scores_a = cross_val_score(model_a, X_train, y_train, cv=cv)
scores_b = cross_val_score(model_b, X_train, y_train, cv=cv)  # the same folds: paired
mean_diff, low, high = paired_ci(scores_a, scores_b)
if low > 0:
    verdict = "A"
elif high < 0:
    verdict = "B"
else:
    verdict = "no clear winner\""""
Q5_SOLUTION = Q5_FUNCTION + Q5_REST
Q5_DEF = (
    "    d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)\n"
    "    k = len(d)\n"
)

Q5 = Question(
    id="q5",
    title="Comparing two models on the same folds",
    points=2,
    prompt="""\
## q5 — Is model A really better than model B? (2 points)

Score both models on the **same** folds; the fold-by-fold differences $d_i = a_i - b_i$ are
then paired and the fold-to-fold noise they share cancels. With $k$ folds, mean $\\bar d$ and
sample standard deviation $s_d$ (`ddof=1`), a confidence interval for the true difference is
$$\\bar d \\pm t_{k-1}\\,\\frac{s_d}{\\sqrt{k}},$$
where $t_{k-1}$ = `stats.t.ppf(0.5 + confidence / 2, df=k - 1)` from `scipy.stats`.

1. Write `paired_ci(scores_a, scores_b, confidence=0.95)` returning the tuple
   `(mean_diff, low, high)` of three floats (NumPy and `scipy.stats` only; lists allowed).
2. `scores_a`, `scores_b`: `cross_val_score(..., X_train, y_train, cv=cv)` of model A =
   `make_pipeline(StandardScaler(), LogisticRegression())` and model B =
   `make_pipeline(StandardScaler(), KNeighborsClassifier())`.
3. `mean_diff, low, high = paired_ci(scores_a, scores_b)`, and `verdict`: `"A"` if the whole
   interval is above 0, `"B"` if it is below 0, else `"no clear winner"`.""",
    reads=("paired_ci", "scores_a", "scores_b", "mean_diff", "low", "high", "verdict"),
    template='''\
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def paired_ci(scores_a, scores_b, confidence=0.95):
    """Mean of the paired differences a - b and its t confidence interval."""
    return ____


scores_a = ____
scores_b = ____
mean_diff, low, high = ____, ____, ____
verdict = ____''',
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            "The interval uses the standard deviation of the fold differences as if it were the "
            "standard error: divide it by the square root of the number of folds, "
            "`d.std(ddof=1) / np.sqrt(k)`.",
            Q5_SOLUTION.replace(
                "standard_error = d.std(ddof=1) / np.sqrt(k)", "standard_error = d.std(ddof=1)"
            ),
        ),
        Mistake(
            "The comparison is unpaired: it combines the two models' spreads "
            "(`sqrt(var_a / k + var_b / k)`), as if their scores came from unrelated folds. On "
            "the same folds, use the spread of the differences `d = a - b`.",
            Q5_SOLUTION.replace(
                "standard_error = d.std(ddof=1) / np.sqrt(k)",
                "standard_error = np.sqrt(\n"
                "        np.var(scores_a, ddof=1) / k + np.var(scores_b, ddof=1) / k\n    )",
            ),
        ),
        Mistake(
            "Use the sample standard deviation (`ddof=1`): with 5 folds, `ddof=0` makes the "
            "interval too narrow.",
            Q5_SOLUTION.replace("d.std(ddof=1)", "d.std()"),
        ),
        Mistake(
            Q5_NORMAL,
            Q5_SOLUTION.replace(
                "t = stats.t.ppf(0.5 + confidence / 2, df=k - 1)",
                "t = stats.norm.ppf(0.5 + confidence / 2)",
            ),
        ),
        Mistake(
            "The differences are `scores_b - scores_a`; the prompt asks for `a - b`, so a "
            "positive mean difference means model A is better.",
            Q5_SOLUTION.replace(
                "d = np.asarray(scores_a, dtype=float) - np.asarray(scores_b, dtype=float)",
                "d = np.asarray(scores_b, dtype=float) - np.asarray(scores_a, dtype=float)",
            ),
        ),
        Mistake(
            "`scores_b` come from different folds than `scores_a` (`cv=5` is not `cv`): the "
            "comparison is no longer paired. Score both models with the same `cv=cv`.",
            Q5_SOLUTION.replace(
                "cross_val_score(model_b, X_train, y_train, cv=cv)",
                "cross_val_score(model_b, X_train, y_train, cv=5)",
            ),
        ),
    ),
    hints=(
        "Subtract first, `d = a - b`, then treat `d` as one sample: its mean, its standard "
        "error `d.std(ddof=1) / np.sqrt(len(d))`, and a t multiplier with `len(d) - 1` "
        "degrees of freedom.",
        "`mean ± stats.t.ppf(0.5 + confidence / 2, df=k - 1) * standard_error`; both "
        "`cross_val_score` calls use `cv=cv`.",
    ),
    checks=(
        Check("paired_ci on a 5-fold example", _q5_function),
        Check("both models' fold scores, the interval and the verdict", _q5_values),
        Check(
            "paired_ci on other folds, another confidence level and lists",
            _q5_other_inputs,
            hidden=True,
        ),
    ),
)


# q6: a baseline and the metrics of an imbalanced problem --------------------------------------

Q6_ACCURACY = (
    "`rare_balanced_accuracy` is plain accuracy. On this imbalanced problem accuracy is "
    "misleading: the baseline that always answers 'negative' already scores about as high. Use "
    "`balanced_accuracy_score`, the mean of the recalls of the two classes."
)


@_one_thread
def _q6_public(answers: Answers, params: Params) -> None:
    ref = _reference(_seed(params), "q6")
    for name in ("baseline_accuracy", "rare_accuracy"):
        expect_close(answers[name], ref[name], name, rtol=0, atol=1e-9)
    balanced = expect_number(answers["rare_balanced_accuracy"], "rare_balanced_accuracy")
    if abs(balanced - ref["rare_balanced_accuracy"]) > 1e-9 and (
        abs(balanced - ref["rare_accuracy"]) < 1e-12
    ):
        raise KnownMistake(Q6_ACCURACY)
    expect_close(
        balanced, ref["rare_balanced_accuracy"], "rare_balanced_accuracy", rtol=0, atol=1e-9
    )
    expect_close(answers["rare_pr_auc"], ref["rare_pr_auc"], "rare_pr_auc", rtol=0, atol=1e-9)
    expect_close(
        answers["baseline_pr_auc"], ref["baseline_pr_auc"], "baseline_pr_auc", rtol=0, atol=1e-9
    )


@_one_thread
def _q6_model(answers: Answers, params: Params) -> None:
    data = _data(params)
    ref = _reference(_seed(params), "q6")["rare_model"]
    model = answers["rare_model"]
    if not hasattr(model, "predict_proba"):
        raise CheckFailed("`rare_model` should be the fitted scikit-learn pipeline.")
    rows = data["Xr_train"][:50]
    found = model.predict_proba(rows)[:, 1]
    if not np.allclose(found, ref.predict_proba(rows)[:, 1], atol=1e-6):
        raise CheckFailed(
            "`rare_model` does not give the probabilities of `make_pipeline(StandardScaler(), "
            "LogisticRegression())` fitted on `Xr_train, yr_train` (default settings)."
        )


Q6_SOLUTION = """\
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

baseline = DummyClassifier(strategy="most_frequent").fit(Xr_train, yr_train)
baseline_accuracy = baseline.score(Xr_test, yr_test)
baseline_pr_auc = average_precision_score(yr_test, baseline.predict_proba(Xr_test)[:, 1])

rare_model = make_pipeline(StandardScaler(), LogisticRegression()).fit(Xr_train, yr_train)
rare_accuracy = rare_model.score(Xr_test, yr_test)
rare_balanced_accuracy = balanced_accuracy_score(yr_test, rare_model.predict(Xr_test))
rare_pr_auc = average_precision_score(yr_test, rare_model.predict_proba(Xr_test)[:, 1])"""

Q6 = Question(
    id="q6",
    title="A baseline, and metrics for a rare class",
    points=2,
    prompt="""\
## q6 — Beat the baseline on an imbalanced problem (2 points)

Only about 1 row in 12 of the rare-class data is positive. Fit on `Xr_train, yr_train` and
measure on `Xr_test, yr_test`:

- `baseline_accuracy`: the test accuracy of `DummyClassifier(strategy="most_frequent")`;
  `baseline_pr_auc`: its PR AUC (`average_precision_score` of its class-1 probabilities).
- `rare_model`: `make_pipeline(StandardScaler(), LogisticRegression())`, fitted;
  `rare_accuracy`: its test accuracy;
  `rare_balanced_accuracy`: its balanced accuracy (the mean of the per-class recalls) from its
  predicted labels; `rare_pr_auc`: the `average_precision_score` of its class-1 probabilities.

Which of the three metrics separates the model from the baseline most clearly?""",
    reads=(
        "baseline_accuracy",
        "baseline_pr_auc",
        "rare_model",
        "rare_accuracy",
        "rare_balanced_accuracy",
        "rare_pr_auc",
    ),
    template="""\
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, balanced_accuracy_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

baseline_accuracy = ____
baseline_pr_auc = ____
rare_model = ____
rare_accuracy = ____
rare_balanced_accuracy = ____
rare_pr_auc = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_ACCURACY,
            Q6_SOLUTION.replace(
                "balanced_accuracy_score(yr_test, rare_model.predict(Xr_test))",
                "rare_model.score(Xr_test, yr_test)",
            ),
        ),
        Mistake(
            "`rare_pr_auc` was computed from 0/1 predicted labels: PR AUC ranks by scores, so "
            "give it `predict_proba(Xr_test)[:, 1]`.",
            Q6_SOLUTION.replace(
                "average_precision_score(yr_test, rare_model.predict_proba(Xr_test)[:, 1])",
                "average_precision_score(yr_test, rare_model.predict(Xr_test))",
            ),
        ),
        Mistake(
            "`rare_pr_auc` is the ROC AUC. The area under the precision-recall curve "
            "(`average_precision_score`) is the one that shows how hard a rare class is: its "
            "baseline is the share of positives, not 0.5.",
            Q6_SOLUTION.replace(
                "rare_pr_auc = average_precision_score(",
                "from sklearn.metrics import roc_auc_score\n\nrare_pr_auc = roc_auc_score(",
            ),
        ),
        Mistake(
            "Column 0 of `predict_proba` is the probability of class 0: take column 1 for the "
            "positive class.",
            Q6_SOLUTION.replace(
                "rare_model.predict_proba(Xr_test)[:, 1]", "rare_model.predict_proba(Xr_test)[:, 0]"
            ),
        ),
        Mistake(
            "`rare_model` was fitted on the test split: fit on `Xr_train, yr_train` and measure "
            "on the test split.",
            Q6_SOLUTION.replace(
                "LogisticRegression()).fit(Xr_train, yr_train)",
                "LogisticRegression()).fit(Xr_test, yr_test)",
            ),
        ),
        Mistake(
            "The baseline was scored on its training rows: measure it on `Xr_test, yr_test` like "
            "the model.",
            Q6_SOLUTION.replace(
                "baseline.score(Xr_test, yr_test)", "baseline.score(Xr_train, yr_train)"
            ),
        ),
    ),
    hints=(
        "`DummyClassifier` fits and predicts like any model; a model's `.score` is its accuracy. "
        "`balanced_accuracy_score(y_true, y_pred)` takes labels; "
        "`average_precision_score(y_true, scores)` takes probabilities.",
        "`average_precision_score(yr_test, model.predict_proba(Xr_test)[:, 1])` for both the "
        "baseline and the pipeline; the baseline's PR AUC is the share of positives.",
    ),
    checks=(
        Check("baseline and model: accuracy, balanced accuracy, PR AUC", _q6_public),
        Check(
            "rare_model is the default pipeline fitted on the training split",
            _q6_model,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("12"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6),
)
