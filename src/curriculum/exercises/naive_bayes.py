"""Exercise 09: naive Bayes — Gaussian and multinomial naive Bayes by hand in log space, Laplace
smoothing, a bag-of-words text classifier, duplicated features, and calibration."""

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
# Exercise 09 — Naive Bayes

Six questions: Gaussian naive Bayes fitted and applied by hand (in log space), multinomial naive
Bayes with Laplace smoothing, a bag-of-words classifier for product reviews, what duplicated
features do to naive Bayes, and how well its probabilities are calibrated.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/09_naive_bayes.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
import pandas as pd
from sklearn.datasets import load_wine, make_classification
from sklearn.model_selection import train_test_split

from curriculum.data import path"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# Wine (q1, q2): 13 chemical measurements of 178 wines from 3 growers (classes 0, 1, 2).
X_wine, y_wine = load_wine(return_X_y=True)
X_wine_train, X_wine_test, y_wine_train, y_wine_test = train_test_split(
    X_wine, y_wine, test_size=0.3, random_state=seed, stratify=y_wine
)

# A tiny word-count matrix (q3): 6 documents, 5 words, two classes.
toy_counts = np.array([
    [2, 1, 0, 0, 1],
    [3, 0, 0, 1, 0],
    [1, 2, 0, 0, 0],
    [0, 0, 3, 1, 0],
    [0, 1, 2, 2, 0],
    [0, 0, 1, 3, 0],
])
toy_labels = np.array(["ham", "ham", "ham", "spam", "spam", "spam"])

# Product reviews (q4): 400 short texts labelled "positive" or "negative", shipped with the
# course (written by scripts/make_reviews_corpus.py).
reviews = pd.read_csv(path("reviews.csv"))
texts_train, texts_test, labels_train, labels_test = train_test_split(
    reviews["text"].tolist(), reviews["label"].tolist(),
    test_size=0.3, random_state=seed, stratify=reviews["label"],
)

# Two features for q5: column 0 carries strong evidence about the class, column 1 weak evidence.
y_dup = rng.integers(0, 2, size=1200)
X_dup = np.column_stack([
    (2 * y_dup - 1) * 1.0 + rng.normal(size=1200),
    (2 * y_dup - 1) * 0.3 + rng.normal(size=1200),
])
X_dup_train, X_dup_test, y_dup_train, y_dup_test = train_test_split(
    X_dup, y_dup, test_size=0.5, random_state=seed
)

# Correlated features for q6: 3 informative, 8 redundant (mixtures of them), 1 noise.
X_cal, y_cal = make_classification(
    n_samples=2000, n_features=12, n_informative=3, n_redundant=8, class_sep=0.8,
    random_state=seed,
)
X_cal_train, X_cal_test, y_cal_train, y_cal_test = train_test_split(
    X_cal, y_cal, test_size=0.5, random_state=seed
)
print(f"wine: {X_wine_train.shape} train, {X_wine_test.shape} test")
print(f"reviews: {len(texts_train)} train, {len(texts_test)} test")
print(f"X_dup: {X_dup_train.shape} train; X_cal: {X_cal_train.shape} train")"""

# Test accuracy of CountVectorizer() + MultinomialNB() over seeds 0-49: 0.86-0.95 (mean 0.91);
# always predicting one label scores 0.50.
TEXT_TARGET = 0.80
COPIES = (1, 2, 4, 8, 16)
GAP = 0.05  # q5: naive Bayes "hurts" once it trails logistic regression by this much
CAL_BINS = 10


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {
        k: v.copy() if isinstance(v, (np.ndarray, list)) else v
        for k, v in cached.items()
        if k != "__builtins__"
    }


def _variant(solution: str, old: str, new: str) -> str:
    """A known mistake written as one change to the reference solution."""
    if old not in solution:
        raise ValueError(f"{old!r} is not in the solution")
    return solution.replace(old, new)


def _triple(found: Any, name: str, parts: tuple[str, ...]) -> tuple:
    if not isinstance(found, (tuple, list)) or len(found) != len(parts):
        got = f"{type(found).__name__}" + (
            f" of {len(found)}" if isinstance(found, (tuple, list)) else ""
        )
        raise CheckFailed(f"`{name}` should return a tuple `({', '.join(parts)})`, not {got}.")
    return tuple(found)


# q1: Gaussian naive Bayes, the fit -----------------------------------------------------------

Q1_SOLUTION = '''\
def gaussian_nb_fit(X, y, var_smoothing=1e-9):
    """Return (priors, means, variances) for the classes np.unique(y), as GaussianNB does."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    priors = np.array([np.mean(y == c) for c in classes])
    means = np.array([X[y == c].mean(axis=0) for c in classes])
    epsilon = var_smoothing * X.var(axis=0).max()
    variances = np.array([X[y == c].var(axis=0) for c in classes]) + epsilon
    return priors, means, variances'''

Q1_DDOF = (
    "Your variances divide by n_c - 1 (`ddof=1`): GaussianNB uses the maximum-likelihood "
    "variance, `X[y == c].var(axis=0)` (ddof=0), plus the small epsilon."
)
Q1_NO_EPSILON = (
    "The variances lack GaussianNB's safety term: add `epsilon = var_smoothing * "
    "X.var(axis=0).max()` to every variance, or a feature that is constant in one class gets "
    "variance 0 and a division by zero."
)
Q1_RAW_EPSILON = (
    "epsilon is `var_smoothing` times the *largest variance of any feature* over all rows "
    "(`X.var(axis=0).max()`), not `var_smoothing` on its own."
)
Q1_UNIFORM = (
    "The class prior is missing: `priors` must be each class's share of the training rows "
    "(`np.mean(y == c)`), not the same value for every class."
)
Q1_COUNTS = (
    "`priors` holds counts: divide by the number of rows so that the priors sum to 1 "
    "(`np.mean(y == c)`)."
)


def _q1_reference(X: np.ndarray, y: np.ndarray, var_smoothing: float) -> tuple:
    from sklearn.naive_bayes import GaussianNB

    model = GaussianNB(var_smoothing=var_smoothing).fit(X, y)
    return model.class_prior_, model.theta_, model.var_


def _q1_compare(answers: Answers, X: np.ndarray, y: Any, var_smoothing: float, what: str):
    fit = answers["gaussian_nb_fit"]
    found = call_learner_function(fit, "gaussian_nb_fit", X, y, var_smoothing)
    priors, means, variances = _triple(found, "gaussian_nb_fit", ("priors", "means", "variances"))
    exp_priors, exp_means, exp_vars = _q1_reference(np.asarray(X), np.asarray(y), var_smoothing)
    expect_array(priors, exp_priors, f"priors {what}", rtol=1e-6, atol=1e-9)
    expect_array(means, exp_means, f"means {what}", rtol=1e-6, atol=1e-9)
    expect_array(variances, exp_vars, f"variances {what}", rtol=1e-6, atol=1e-12)


def _q1_small(seed: int, constant: bool = True) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1, 2], [5, 9, 14])
    X = rng.normal(size=(len(y), 3)) * [1.0, 5.0, 0.5] + y[:, None] * [1.0, -2.0, 0.3]
    if constant:
        X[y == 0, 2] = 1.5  # constant within class 0: its variance is epsilon alone
    return X, y


def _q1_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["gaussian_nb_fit"], "gaussian_nb_fit")
    X, y = _q1_small(1)
    _q1_compare(answers, X, y, 0.01, "on a small problem (var_smoothing=0.01)")
    data = _data(params)
    _q1_compare(answers, data["X_wine_train"], data["y_wine_train"], 1e-9, "on the wine data")
    expect_only_numpy(answers["gaussian_nb_fit"], "gaussian_nb_fit")
    expect_inputs_unchanged(answers["gaussian_nb_fit"], "gaussian_nb_fit", ("X", "y"))


def _q1_hidden(answers: Answers, params: Params) -> None:
    X, y = _q1_small(5 + int(params.get("seed", 0)))
    labels = np.array(["c", "a", "b"])[y]  # string labels, sorted as np.unique sorts them
    _q1_compare(answers, X.tolist(), labels.tolist(), 0.05, "on lists with string labels")
    X2, y2 = _q1_small(9, constant=False)
    _q1_compare(answers, X2 * 100, y2, 1e-3, "on other data")


Q1 = Question(
    id="q1",
    title="Gaussian naive Bayes: estimate the parameters",
    points=2,
    prompt="""\
## q1 — Fit Gaussian naive Bayes by hand (2 points)

Gaussian naive Bayes models each feature $j$, within each class $c$, as a normal distribution
with mean $\\mu_{cj}$ and variance $\\sigma^2_{cj}$, and each class as having prior probability
$P(c)$. Write `gaussian_nb_fit(X, y, var_smoothing=1e-9)` that returns the tuple
`(priors, means, variances)` for the classes in the order of `np.unique(y)`:

- `priors`, shape `(n_classes,)`: the share of the rows in each class;
- `means`, shape `(n_classes, n_features)`: the per-class mean of each feature;
- `variances`, shape `(n_classes, n_features)`: the per-class variance (dividing by the class
  size, as `GaussianNB` does) **plus** $\\varepsilon$ = `var_smoothing` × the largest
  variance of any feature computed over *all* rows.

The result must equal `GaussianNB(var_smoothing=...)`'s `class_prior_`, `theta_` and `var_`.
NumPy only; accept lists and do not modify the inputs.""",
    reads=("gaussian_nb_fit",),
    template='''\
def gaussian_nb_fit(X, y, var_smoothing=1e-9):
    """Return (priors, means, variances) for the classes np.unique(y), as GaussianNB does."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    priors = ____
    means = ____
    variances = ____
    return priors, means, variances''',
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(Q1_DDOF, _variant(Q1_SOLUTION, "c].var(axis=0)", "c].var(axis=0, ddof=1)")),
        Mistake(Q1_NO_EPSILON, _variant(Q1_SOLUTION, ") + epsilon", ")")),
        Mistake(
            Q1_RAW_EPSILON,
            _variant(Q1_SOLUTION, "var_smoothing * X.var(axis=0).max()", "var_smoothing"),
        ),
        Mistake(
            Q1_UNIFORM,
            _variant(
                Q1_SOLUTION,
                "np.array([np.mean(y == c) for c in classes])",
                "np.full(len(classes), 1 / len(classes))",
            ),
        ),
        Mistake(Q1_COUNTS, _variant(Q1_SOLUTION, "np.mean(y == c)", "np.sum(y == c)")),
    ),
    hints=(
        "Loop over `classes`: `X[y == c]` holds the rows of class c; take `.mean(axis=0)` and "
        "`.var(axis=0)` of it, and `np.mean(y == c)` for its prior.",
        "`epsilon = var_smoothing * X.var(axis=0).max()`, then "
        "`variances = np.array([X[y == c].var(axis=0) for c in classes]) + epsilon`.",
    ),
    checks=(
        Check("matches GaussianNB on a small problem and on the wine data", _q1_public),
        Check(
            "works on lists, string labels and other var_smoothing values", _q1_hidden, hidden=True
        ),
    ),
)


# q2: Gaussian naive Bayes, the prediction in log space ---------------------------------------

Q2_SOLUTION = '''\
def gaussian_log_joint(X, priors, means, variances):
    """log P(c) + sum over features of log N(x_j; mean_cj, var_cj): shape (n_samples, n_classes)."""
    X = np.asarray(X, dtype=float)
    diff = X[:, None, :] - means[None, :, :]
    log_pdf = -0.5 * (np.log(2 * np.pi * variances)[None, :, :] + diff**2 / variances[None, :, :])
    return np.log(priors)[None, :] + log_pdf.sum(axis=2)


def gaussian_nb_predict(X, priors, means, variances):
    """The index of the most probable class for each row of X."""
    return np.argmax(gaussian_log_joint(X, priors, means, variances), axis=1)'''

Q2_UNDERFLOW = (
    "You multiplied the raw densities and took the log at the end: with many features the "
    "product underflows to 0 and its log is -inf. Add log-densities instead: "
    "`log_pdf.sum(axis=2)`."
)
Q2_NO_PRIOR = (
    "The class prior is forgotten: the joint log-likelihood is `np.log(priors)` *plus* the "
    "summed log-densities."
)
Q2_PRIOR_UNLOGGED = (
    "Add `np.log(priors)`, not `priors`: everything in the sum is a log-probability."
)
Q2_ARGMAX_AXIS = (
    "The argmax runs over the wrong axis: pick, for each row (sample), the class with the "
    "largest log joint, `np.argmax(log_joint, axis=1)`."
)
Q2_MAX_NOT_ARGMAX = (
    "`gaussian_nb_predict` returned the largest log joint itself (`np.max`) or a sum over the "
    "classes, not *which* class has it: the prediction is the index, "
    "`np.argmax(log_joint, axis=1)`."
)
Q2_SUM_AXIS = (
    "Sum the log-densities over the *features* (the last axis of the (n, k, d) array), keeping "
    "one value per sample and class."
)
Q2_NO_LOG_VAR = (
    "The normalising term is missing: the log-density is "
    "`-0.5 * (np.log(2 * np.pi * var) + (x - mean) ** 2 / var)`; without `log(var)` a class "
    "with a wide spread is favoured unfairly."
)
Q2_STD = (
    "Divide the squared difference by the *variance*, not the standard deviation: "
    "`(x - mean) ** 2 / var`."
)


def _reference_log_joint(X: np.ndarray, priors, means, variances) -> np.ndarray:
    diff = X[:, None, :] - means[None, :, :]
    log_pdf = -0.5 * (np.log(2 * np.pi * variances)[None] + diff**2 / variances[None])
    return np.log(priors)[None, :] + log_pdf.sum(axis=2)


def _q2_params(seed: int, k: int, d: int) -> tuple:
    rng = np.random.default_rng(seed)
    priors = rng.dirichlet(np.ones(k) * 2)
    means = rng.normal(size=(k, d)) * 2
    variances = rng.uniform(0.3, 3.0, size=(k, d))
    return priors, means, variances


def _q2_compare(answers: Answers, X: np.ndarray, params_: tuple, what: str) -> None:
    expected = _reference_log_joint(X, *params_)
    found = call_learner_function(answers["gaussian_log_joint"], "gaussian_log_joint", X, *params_)
    expect_array(found, expected, f"gaussian_log_joint {what}", rtol=1e-6, atol=1e-6)
    labels = call_learner_function(
        answers["gaussian_nb_predict"], "gaussian_nb_predict", X, *params_
    )
    expect_array(labels, np.argmax(expected, axis=1), f"gaussian_nb_predict {what}")


def _q2_public(answers: Answers, params: Params) -> None:
    from sklearn.naive_bayes import GaussianNB

    expect_callable(answers["gaussian_log_joint"], "gaussian_log_joint")
    expect_callable(answers["gaussian_nb_predict"], "gaussian_nb_predict")
    rng = np.random.default_rng(3)
    # one prior far from the others, so that forgetting it changes the answer
    priors = np.array([0.05, 0.25, 0.7])
    means = rng.normal(size=(3, 2))
    variances = np.array([[0.5, 2.0], [1.0, 1.0], [3.0, 0.4]])
    X = rng.normal(size=(7, 2)) * 1.5
    _q2_compare(answers, X, (priors, means, variances), "on a small problem")
    data = _data(params)
    model = GaussianNB().fit(data["X_wine_train"], data["y_wine_train"])
    wine = (model.class_prior_, model.theta_, model.var_)
    _q2_compare(answers, data["X_wine_test"], wine, "with GaussianNB's wine parameters")
    found = call_learner_function(
        answers["gaussian_nb_predict"], "gaussian_nb_predict", data["X_wine_test"], *wine
    )
    expect_array(found, model.predict(data["X_wine_test"]), "predictions on the wine test rows")
    expect_only_numpy(answers["gaussian_log_joint"], "gaussian_log_joint")
    expect_only_numpy(answers["gaussian_nb_predict"], "gaussian_nb_predict")


def _q2_hidden(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    params_ = _q2_params(40 + seed, k=4, d=2000)
    rng = np.random.default_rng(41 + seed)
    X = params_[1][rng.integers(0, 4, size=6)] + rng.normal(size=(6, 2000))
    _q2_compare(answers, X, params_, "with 2000 features")


Q2 = Question(
    id="q2",
    title="Gaussian naive Bayes: predict in log space",
    points=2,
    prompt="""\
## q2 — Predict with log-probabilities (2 points)

Bayes' rule (module 05) with the naive assumption gives, for a row $x$ and each class $c$,
$$\\log P(c) + \\sum_j \\log \\mathcal N(x_j;\\ \\mu_{cj}, \\sigma^2_{cj}), \\qquad
\\log \\mathcal N(x; \\mu, \\sigma^2) = -\\tfrac12\\Big(\\log(2\\pi\\sigma^2) +
\\frac{(x-\\mu)^2}{\\sigma^2}\\Big),$$
the *joint log-likelihood* $\\log P(c) + \\log P(x \\mid c)$. Write

- `gaussian_log_joint(X, priors, means, variances)`: an array of shape
  `(n_samples, n_classes)` holding that value for every row and class (the parameters are
  shaped as in q1);
- `gaussian_nb_predict(X, priors, means, variances)`: an integer array of shape `(n_samples,)`,
  the index of the class with the largest joint log-likelihood for each row.

Work with logs throughout (it must work with thousands of features). NumPy only.""",
    reads=("gaussian_log_joint", "gaussian_nb_predict"),
    template='''\
def gaussian_log_joint(X, priors, means, variances):
    """log P(c) + sum over features of log N(x_j; mean_cj, var_cj): shape (n_samples, n_classes)."""
    X = np.asarray(X, dtype=float)
    diff = X[:, None, :] - means[None, :, :]  # shape (n_samples, n_classes, n_features)
    log_pdf = ____
    return ____


def gaussian_nb_predict(X, priors, means, variances):
    """The index of the most probable class for each row of X."""
    return ____''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(
            Q2_UNDERFLOW,
            _variant(
                Q2_SOLUTION,
                "np.log(priors)[None, :] + log_pdf.sum(axis=2)",
                "np.log(priors)[None, :] + np.log(np.prod(np.exp(log_pdf), axis=2))",
            ),
        ),
        Mistake(
            Q2_NO_PRIOR,
            _variant(
                Q2_SOLUTION,
                "return np.log(priors)[None, :] + log_pdf.sum(axis=2)",
                "return log_pdf.sum(axis=2)",
            ),
        ),
        Mistake(
            Q2_PRIOR_UNLOGGED,
            _variant(Q2_SOLUTION, "np.log(priors)[None, :]", "priors[None, :]"),
        ),
        Mistake(
            Q2_ARGMAX_AXIS, _variant(Q2_SOLUTION, "variances), axis=1)", "variances), axis=0)")
        ),
        Mistake(Q2_SUM_AXIS, _variant(Q2_SOLUTION, "log_pdf.sum(axis=2)", "log_pdf.sum(axis=1)")),
        Mistake(
            Q2_MAX_NOT_ARGMAX,
            _variant(
                Q2_SOLUTION,
                "return np.argmax(gaussian_log_joint",
                "return np.max(gaussian_log_joint",
            ),
        ),
        Mistake(
            Q2_MAX_NOT_ARGMAX,
            _variant(
                Q2_SOLUTION,
                "return np.argmax(gaussian_log_joint",
                "return np.sum(gaussian_log_joint",
            ),
        ),
        Mistake(
            Q2_NO_LOG_VAR,
            _variant(
                Q2_SOLUTION,
                "np.log(2 * np.pi * variances)[None, :, :]",
                "np.log(2 * np.pi)",
            ),
        ),
        Mistake(
            Q2_STD,
            _variant(
                Q2_SOLUTION, "diff**2 / variances[None, :, :]", "diff**2 / np.sqrt(variances)[None]"
            ),
        ),
    ),
    hints=(
        "Broadcasting does the work: `diff` has shape (n, k, d); build `log_pdf` with the same "
        "shape from the formula, then sum over the last axis and add the log priors.",
        "`log_pdf = -0.5 * (np.log(2 * np.pi * variances)[None] + diff**2 / variances[None])`; "
        "return `np.log(priors)[None, :] + log_pdf.sum(axis=2)`; predict with "
        "`np.argmax(..., axis=1)`.",
    ),
    checks=(
        Check("matches the formula and GaussianNB's predictions on wine", _q2_public),
        Check("stays finite and correct with 2000 features", _q2_hidden, hidden=True),
    ),
)


# q3: multinomial naive Bayes with Laplace smoothing ------------------------------------------

Q3_SOLUTION = '''\
def multinomial_nb_fit(X, y, alpha=1.0):
    """Return (log_priors, log_likelihoods) for the classes np.unique(y), as MultinomialNB does."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    log_priors = np.log(np.array([np.mean(y == c) for c in classes]))
    counts = np.array([X[y == c].sum(axis=0) for c in classes])
    smoothed = counts + alpha
    totals = smoothed.sum(axis=1, keepdims=True)
    log_likelihoods = np.log(smoothed) - np.log(totals)
    return log_priors, log_likelihoods'''

Q3_NUMERATOR_ONLY = (
    "Smoothing is added to the numerator only: the denominator must grow by alpha for every "
    "word too, `counts.sum(axis=1) + alpha * n_words`, or the probabilities no longer sum to 1."
)
Q3_DENOMINATOR_ONLY = (
    "Smoothing is added to the denominator only: a word never seen in a class still has count "
    "0, so its log-probability is -inf. Add alpha to every count as well."
)
Q3_NONE = (
    "Without Laplace smoothing a word that never occurs in a class gets probability 0 (log "
    "-inf), and one such word vetoes the class whatever the other words say. Add alpha to "
    "every count and alpha times the number of words to each class total."
)
Q3_ALPHA_ONCE = (
    "The class total gains alpha once; it must gain alpha for *each word* of the vocabulary "
    "(`alpha * n_words`), since every word's count grew by alpha."
)
Q3_WRONG_AXIS = (
    "You normalised over the classes: each *row* of `log_likelihoods` (one class) must be a "
    "distribution over the words, so divide by the row totals (`sum(axis=1)`)."
)
Q3_UNLOGGED = (
    "`log_priors` holds plain probabilities: take `np.log` of each class's share of the rows."
)


def _q3_reference(X: np.ndarray, y: np.ndarray, alpha: float) -> tuple:
    from sklearn.naive_bayes import MultinomialNB

    model = MultinomialNB(alpha=alpha, force_alpha=True).fit(X, y)
    return model.class_log_prior_, model.feature_log_prob_


def _q3_compare(answers: Answers, X: Any, y: Any, alpha: float, what: str) -> None:
    fit = answers["multinomial_nb_fit"]
    found = call_learner_function(fit, "multinomial_nb_fit", X, y, alpha)
    log_priors, log_lik = _triple(found, "multinomial_nb_fit", ("log_priors", "log_likelihoods"))
    exp_priors, exp_lik = _q3_reference(np.asarray(X), np.asarray(y), alpha)
    expect_array(log_priors, exp_priors, f"log_priors {what}", rtol=1e-6, atol=1e-9)
    expect_array(log_lik, exp_lik, f"log_likelihoods {what}", rtol=1e-6, atol=1e-9)


def _q3_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["multinomial_nb_fit"], "multinomial_nb_fit")
    data = _data(params)
    # labels cross to the learner's code as a list: string arrays do not cross as arguments
    toy_labels = data["toy_labels"].tolist()
    _q3_compare(answers, data["toy_counts"], toy_labels, 1.0, "on toy_counts")
    rng = np.random.default_rng(7)
    y = np.repeat([0, 1, 2], [4, 6, 10])
    X = rng.poisson(0.6, size=(20, 12))
    _q3_compare(answers, X, y, 0.5, "on random counts with alpha=0.5")
    expect_only_numpy(answers["multinomial_nb_fit"], "multinomial_nb_fit")
    expect_inputs_unchanged(answers["multinomial_nb_fit"], "multinomial_nb_fit", ("X", "y"))


def _q3_hidden(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(70 + int(params.get("seed", 0)))
    y = np.array(["b", "a"])[rng.integers(0, 2, size=30)]
    X = rng.poisson(0.3, size=(30, 40))
    _q3_compare(answers, X.tolist(), y.tolist(), 2.0, "on lists with alpha=2")
    _q3_compare(answers, X, (y == "a").astype(int), 0.01, "with alpha=0.01")


Q3 = Question(
    id="q3",
    title="Multinomial naive Bayes with Laplace smoothing",
    points=2,
    prompt="""\
## q3 — Word counts and Laplace smoothing (2 points)

Multinomial naive Bayes treats a document as a bag of word counts. With $N_{cw}$ the total count
of word $w$ in the training documents of class $c$, $V$ the number of words, and smoothing
$\\alpha > 0$,
$$P(w \\mid c) = \\frac{N_{cw} + \\alpha}{\\sum_{w'} N_{cw'} + \\alpha V}.$$
Write `multinomial_nb_fit(X, y, alpha=1.0)` that takes a count matrix `X` (one row per document,
one column per word) and labels `y`, and returns the tuple `(log_priors, log_likelihoods)` for
the classes in the order of `np.unique(y)`:

- `log_priors`, shape `(n_classes,)`: the log of each class's share of the documents;
- `log_likelihoods`, shape `(n_classes, n_words)`: $\\log P(w \\mid c)$.

They must equal `MultinomialNB(alpha=alpha)`'s `class_log_prior_` and `feature_log_prob_`.
Try it on `toy_counts, toy_labels`. NumPy only; accept lists; do not modify the inputs.""",
    reads=("multinomial_nb_fit",),
    template='''\
def multinomial_nb_fit(X, y, alpha=1.0):
    """Return (log_priors, log_likelihoods) for the classes np.unique(y), as MultinomialNB does."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    classes = np.unique(y)
    log_priors = ____
    counts = ____  # shape (n_classes, n_words)
    log_likelihoods = ____
    return log_priors, log_likelihoods''',
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(
            Q3_NUMERATOR_ONLY,
            _variant(
                Q3_SOLUTION,
                "totals = smoothed.sum(axis=1, keepdims=True)",
                "totals = counts.sum(axis=1, keepdims=True)",
            ),
        ),
        Mistake(
            Q3_DENOMINATOR_ONLY,
            _variant(
                Q3_SOLUTION,
                "np.log(smoothed) - np.log(totals)",
                "np.log(counts) - np.log(totals)",
            ),
        ),
        Mistake(Q3_NONE, _variant(Q3_SOLUTION, "smoothed = counts + alpha", "smoothed = counts")),
        Mistake(
            Q3_ALPHA_ONCE,
            _variant(
                Q3_SOLUTION,
                "totals = smoothed.sum(axis=1, keepdims=True)",
                "totals = counts.sum(axis=1, keepdims=True) + alpha",
            ),
        ),
        Mistake(
            Q3_WRONG_AXIS,
            _variant(
                Q3_SOLUTION,
                "totals = smoothed.sum(axis=1, keepdims=True)",
                "totals = smoothed.sum(axis=0, keepdims=True)",
            ),
        ),
        Mistake(
            Q3_UNLOGGED,
            _variant(
                Q3_SOLUTION,
                "np.log(np.array([np.mean(y == c) for c in classes]))",
                "np.array([np.mean(y == c) for c in classes])",
            ),
        ),
    ),
    hints=(
        "`X[y == c].sum(axis=0)` adds up the word counts of class c; stack one row per class. "
        "Then add alpha to every count before normalising each row.",
        "`smoothed = counts + alpha`; `log_likelihoods = np.log(smoothed) - "
        "np.log(smoothed.sum(axis=1, keepdims=True))`; `log_priors = np.log([np.mean(y == c) "
        "for c in classes])`.",
    ),
    checks=(
        Check("matches MultinomialNB on toy_counts and on random counts", _q3_public),
        Check("works on lists, string labels and other alphas", _q3_hidden, hidden=True),
    ),
)


# q4: a bag-of-words review classifier ---------------------------------------------------------

Q4_SOLUTION = """\
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

vectorizer = CountVectorizer().fit(texts_train)
text_nb = MultinomialNB().fit(vectorizer.transform(texts_train), labels_train)
text_accuracy = text_nb.score(vectorizer.transform(texts_test), labels_test)"""

Q4_VOCAB_TEST = (
    "The vectorizer was fitted on the test texts: its vocabulary must come from `texts_train` "
    "only, or the test set leaks into the model (and words only the training set has are lost)."
)
Q4_VOCAB_ALL = (
    "The vectorizer was fitted on all the texts, test texts included: fit it on `texts_train` "
    "only; the test set must stay unseen until scoring."
)
Q4_NB_TEST = (
    "`text_nb` was trained on the test reviews: fit it on `vectorizer.transform(texts_train)` "
    "and `labels_train`."
)
Q4_TRAIN_SCORE = (
    "`text_accuracy` is the accuracy on the training reviews: score on "
    "`vectorizer.transform(texts_test)` and `labels_test`."
)


def _vocabulary(vectorizer: Any) -> set[str]:
    return set(getattr(vectorizer, "vocabulary_", {}) or {})


def _class_counts(matrix: Any, labels: list, classes: np.ndarray) -> np.ndarray:
    labels = np.asarray(labels)
    dense = np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix, dtype=float)
    return np.array([dense[labels == c].sum(axis=0) for c in classes])


def _q4_public(answers: Answers, params: Params) -> None:
    from sklearn.base import clone
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.naive_bayes import MultinomialNB

    data = _data(params)
    vectorizer, model = answers["vectorizer"], answers["text_nb"]
    expect_fitted(vectorizer, "vectorizer")
    expect_type(vectorizer, CountVectorizer, "vectorizer")
    expect_fitted(model, "text_nb")
    expect_type(model, MultinomialNB, "text_nb")
    vocab = _vocabulary(vectorizer)
    if vocab != _vocabulary(clone(vectorizer).fit(data["texts_train"])):
        if vocab == _vocabulary(clone(vectorizer).fit(data["texts_test"])):
            raise KnownMistake(Q4_VOCAB_TEST)
        if vocab == _vocabulary(clone(vectorizer).fit(data["texts_train"] + data["texts_test"])):
            raise KnownMistake(Q4_VOCAB_ALL)
        raise CheckFailed("`vectorizer`'s vocabulary is not the one `texts_train` gives.")
    expect_equal(getattr(model, "n_features_in_", None), len(vocab), "text_nb.n_features_in_")
    try:
        score = float(model.score(vectorizer.transform(data["texts_test"]), data["labels_test"]))
    except Exception as exc:
        raise CheckFailed(f"scoring `text_nb` raised {type(exc).__name__}: {exc}") from None
    found = expect_number(answers["text_accuracy"], "text_accuracy")
    if abs(found - score) > 1e-9:
        on_train = model.score(vectorizer.transform(data["texts_train"]), data["labels_train"])
        if abs(found - on_train) <= 1e-9:
            raise KnownMistake(Q4_TRAIN_SCORE)
    expect_close(found, score, "text_accuracy", rtol=1e-9)
    expect_at_least(answers["text_accuracy"], TEXT_TARGET, "text_accuracy", "on the test reviews")


def _q4_trained_on_train(answers: Answers, params: Params) -> None:
    data = _data(params)
    vectorizer, model = answers["vectorizer"], answers["text_nb"]
    classes = np.asarray(model.classes_)
    found = np.asarray(model.feature_count_, dtype=float)
    train = _class_counts(vectorizer.transform(data["texts_train"]), data["labels_train"], classes)
    if found.shape == train.shape and np.allclose(found, train):
        return
    test = _class_counts(vectorizer.transform(data["texts_test"]), data["labels_test"], classes)
    if found.shape == test.shape and np.allclose(found, test):
        raise KnownMistake(Q4_NB_TEST)
    raise CheckFailed("`text_nb`'s word counts are not those of the training reviews.")


Q4 = Question(
    id="q4",
    title="A bag-of-words review classifier",
    points=2,
    prompt=f"""\
## q4 — Classify product reviews (2 points)

A **bag of words** turns each text into a row of counts, one column per word of a vocabulary;
`CountVectorizer` learns the vocabulary with `fit` and counts with `transform`.

- `vectorizer`: a `CountVectorizer` fitted on `texts_train` (default settings are fine; you may
  change them);
- `text_nb`: a `MultinomialNB` fitted on the training counts and `labels_train`;
- `text_accuracy`: its accuracy (a float) on the **test** reviews, which must be at least
  **{TEXT_TARGET}**.""",
    reads=("vectorizer", "text_nb", "text_accuracy"),
    template="""\
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB

vectorizer = ____
text_nb = ____
text_accuracy = ____""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_VOCAB_TEST,
            _variant(
                Q4_SOLUTION,
                "vectorizer = CountVectorizer().fit(texts_train)",
                "vectorizer = CountVectorizer().fit(texts_test)",
            ),
        ),
        Mistake(
            Q4_VOCAB_ALL,
            _variant(
                Q4_SOLUTION,
                "vectorizer = CountVectorizer().fit(texts_train)",
                "vectorizer = CountVectorizer().fit(texts_train + texts_test)",
            ),
        ),
        Mistake(
            Q4_NB_TEST,
            _variant(
                Q4_SOLUTION,
                "vectorizer.transform(texts_train), labels_train",
                "vectorizer.transform(texts_test), labels_test",
            ),
        ),
        Mistake(
            Q4_TRAIN_SCORE,
            _variant(
                Q4_SOLUTION,
                "vectorizer.transform(texts_test), labels_test)",
                "vectorizer.transform(texts_train), labels_train)",
            ),
        ),
    ),
    hints=(
        "Fit the vectorizer on the training texts only, then `transform` both splits with it.",
        "`vectorizer = CountVectorizer().fit(texts_train)`; "
        "`text_nb = MultinomialNB().fit(vectorizer.transform(texts_train), labels_train)`; "
        "`text_accuracy = text_nb.score(vectorizer.transform(texts_test), labels_test)`.",
    ),
    checks=(
        Check(f"vocabulary from the training texts, test accuracy >= {TEXT_TARGET}", _q4_public),
        Check(
            "the classifier learnt its counts from the training reviews",
            _q4_trained_on_train,
            hidden=True,
        ),
    ),
)


# q5: duplicated features ----------------------------------------------------------------------

Q5_SOLUTION = f"""\
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB

copies = {list(COPIES)}


def repeat_column(X, column, copies):
    \"\"\"X followed by copies - 1 extra copies of X[:, column].\"\"\"
    X = np.asarray(X, dtype=float)
    extra = np.repeat(X[:, [column]], copies - 1, axis=1)
    return np.hstack([X, extra])


nb_acc = np.array([
    GaussianNB().fit(repeat_column(X_dup_train, 1, m), y_dup_train)
    .score(repeat_column(X_dup_test, 1, m), y_dup_test)
    for m in copies
])
lr_acc = np.array([
    LogisticRegression().fit(repeat_column(X_dup_train, 1, m), y_dup_train)
    .score(repeat_column(X_dup_test, 1, m), y_dup_test)
    for m in copies
])
rows = zip(copies, nb_acc, lr_acc, strict=True)
hurts_at = next((m for m, a, b in rows if b - a >= {GAP}), None)"""

Q5_OFF_BY_ONE = (
    "`copies` counts the column's appearances *in total*: the original plus copies - 1 extras "
    "(with copies=1 the matrix is unchanged)."
)
Q5_EVERYTHING = (
    "Only the weak column (1) is repeated; copying every column scales all the evidence alike "
    "and does not show the problem."
)
Q5_WRONG_COLUMN = (
    "Repeat column 1, the weak one: the question is what happens when a weak piece of evidence "
    "is counted many times."
)
Q5_TRAIN_ACC = (
    "The accuracies are measured on the training split: score on the repeated `X_dup_test` and "
    "`y_dup_test`."
)
Q5_FIRST = (
    f"`hurts_at` is the first number of copies at which logistic regression's accuracy beats "
    f"naive Bayes' by at least {GAP}; compare `lr_acc - nb_acc` with {GAP}."
)


def _reference_repeat(X: np.ndarray, column: int, copies: int) -> np.ndarray:
    return np.hstack([X, np.repeat(X[:, [column]], copies - 1, axis=1)])


def _q5_accuracies(
    data: dict[str, Any], column: int = 1, split: str = "test"
) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB

    nb, lr = [], []
    y_train, y_eval = data["y_dup_train"], data[f"y_dup_{split}"]
    for m in COPIES:
        A = _reference_repeat(data["X_dup_train"], column, m)
        B = _reference_repeat(data[f"X_dup_{split}"], column, m)
        nb.append(GaussianNB().fit(A, y_train).score(B, y_eval))
        lr.append(LogisticRegression().fit(A, y_train).score(B, y_eval))
    return np.array(nb), np.array(lr)


@lru_cache(maxsize=8)
def _q5_expected(seed: int, column: int = 1, split: str = "test") -> tuple:
    return _q5_accuracies(_data({"seed": seed}), column, split)


def _q5_name_curve(found: Any, seed: int, which: int) -> None:
    """Raise the message of the wrong recipe that gives the learner's accuracy curve."""
    try:
        curve = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        return
    right = _q5_expected(seed)[which]
    if curve.shape == right.shape and np.allclose(curve, right):
        return
    for message, column, split in ((Q5_WRONG_COLUMN, 0, "test"), (Q5_TRAIN_ACC, 1, "train")):
        wrong = _q5_expected(seed, column, split)[which]
        if (
            curve.shape == wrong.shape
            and np.allclose(curve, wrong)
            and not np.allclose(wrong, right)
        ):
            raise KnownMistake(message)


def _q5_public(answers: Answers, params: Params) -> None:
    repeat = answers["repeat_column"]
    expect_callable(repeat, "repeat_column")
    X = np.arange(12.0).reshape(4, 3)
    for column, m in [(1, 3), (0, 1), (2, 2)]:
        found = call_learner_function(repeat, "repeat_column", X, column, m)
        expect_array(found, _reference_repeat(X, column, m), f"repeat_column(X, {column}, {m})")
    seed = int(params.get("seed", 0))
    nb, lr = _q5_expected(seed)
    _q5_name_curve(answers["nb_acc"], seed, 0)
    _q5_name_curve(answers["lr_acc"], seed, 1)
    expect_array(answers["nb_acc"], nb, "nb_acc", atol=1e-9)
    expect_array(answers["lr_acc"], lr, "lr_acc", atol=1e-9)
    hurts = next((m for m, a, b in zip(COPIES, nb, lr, strict=True) if b - a >= GAP), None)
    found = answers["hurts_at"]
    if hurts is None or found is None:
        expect_equal(found, hurts, "hurts_at")
    else:
        expect_equal(expect_number(found, "hurts_at"), hurts, "hurts_at")


def _q5_hidden(answers: Answers, params: Params) -> None:
    rng = np.random.default_rng(50 + int(params.get("seed", 0)))
    X = rng.normal(size=(6, 4))
    for column, m in [(3, 5), (0, 2)]:
        found = call_learner_function(answers["repeat_column"], "repeat_column", X, column, m)
        expect_array(found, _reference_repeat(X, column, m), "repeat_column on other data")
    found = call_learner_function(answers["repeat_column"], "repeat_column", X.tolist(), 1, 2)
    expect_array(found, _reference_repeat(X, 1, 2), "repeat_column on a list of lists")
    expect_inputs_unchanged(answers["repeat_column"], "repeat_column", ("X", "column", "copies"))


Q5 = Question(
    id="q5",
    title="When the independence assumption hurts",
    points=2,
    prompt=f"""\
## q5 — Counting the same evidence twice (2 points)

Naive Bayes multiplies the evidence of every feature as if the features were independent. In
`X_dup_train, X_dup_test` column 0 is strong evidence about the class and column 1 weak evidence.

1. Write `repeat_column(X, column, copies)` that returns `X` followed by `copies - 1` extra
   copies of column `column` (so that column appears `copies` times in total; `copies=1`
   returns `X` unchanged). Accept lists; do not modify `X`.
2. For each `m` in `copies = {list(COPIES)}`, repeat column **1** `m` times in both splits, fit
   `GaussianNB()` and `LogisticRegression()` (defaults) on the training split, and store their
   test accuracies in the arrays `nb_acc` and `lr_acc` (one entry per `m`, in order).
3. `hurts_at`: the first `m` in `copies` at which `lr_acc` exceeds `nb_acc` by at least
   **{GAP}** (`None` if that never happens).""",
    reads=("repeat_column", "nb_acc", "lr_acc", "hurts_at"),
    template=f"""\
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB

copies = {list(COPIES)}


def repeat_column(X, column, copies):
    \"\"\"X followed by copies - 1 extra copies of X[:, column].\"\"\"
    return ____


nb_acc = ____
lr_acc = ____
hurts_at = ____""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(Q5_OFF_BY_ONE, _variant(Q5_SOLUTION, "copies - 1, axis=1)", "copies, axis=1)")),
        Mistake(
            Q5_EVERYTHING,
            _variant(
                Q5_SOLUTION,
                "extra = np.repeat(X[:, [column]], copies - 1, axis=1)\n"
                "    return np.hstack([X, extra])",
                "return np.tile(X, (1, copies))",
            ),
        ),
        Mistake(
            Q5_WRONG_COLUMN,
            _variant(Q5_SOLUTION, "_train, 1, m)", "_train, 0, m)").replace(
                "_test, 1, m)", "_test, 0, m)"
            ),
        ),
        Mistake(
            Q5_TRAIN_ACC,
            _variant(
                Q5_SOLUTION,
                "repeat_column(X_dup_test, 1, m), y_dup_test)",
                "repeat_column(X_dup_train, 1, m), y_dup_train)",
            ),
        ),
        Mistake(Q5_FIRST, _variant(Q5_SOLUTION, "b - a >= ", "a - b < ")),
    ),
    hints=(
        "`X[:, [column]]` keeps the column as an (n, 1) array; `np.repeat(..., k, axis=1)` makes "
        "k copies side by side and `np.hstack` appends them.",
        "`nb_acc = np.array([GaussianNB().fit(repeat_column(X_dup_train, 1, m), y_dup_train)"
        ".score(repeat_column(X_dup_test, 1, m), y_dup_test) for m in copies])`, the same with "
        "`LogisticRegression()`; then `next((m for m, a, b in zip(copies, nb_acc, lr_acc) "
        f"if b - a >= {GAP}), None)`.",
    ),
    checks=(
        Check("repeat_column on a small matrix, both accuracy curves, hurts_at", _q5_public),
        Check(
            "repeat_column works on other shapes and lists and leaves X alone",
            _q5_hidden,
            hidden=True,
        ),
    ),
)


# q6: ranks well, calibrated badly ------------------------------------------------------------

Q6_SOLUTION = f"""\
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.naive_bayes import GaussianNB

p_nb = GaussianNB().fit(X_cal_train, y_cal_train).predict_proba(X_cal_test)[:, 1]
prob_true, prob_pred = calibration_curve(y_cal_test, p_nb, n_bins={CAL_BINS})
calibrated = CalibratedClassifierCV(GaussianNB(), method="isotonic", cv=5)
p_cal = calibrated.fit(X_cal_train, y_cal_train).predict_proba(X_cal_test)[:, 1]
auc_nb = roc_auc_score(y_cal_test, p_nb)
brier_nb = brier_score_loss(y_cal_test, p_nb)
brier_calibrated = brier_score_loss(y_cal_test, p_cal)"""

Q6_HARD = (
    "`p_nb` holds hard labels (0 or 1) from `predict`: use `predict_proba(X_cal_test)[:, 1]`, "
    "the probability of class 1."
)
Q6_CLASS0 = (
    "`p_nb` is the probability of class **0**: column 1 of `predict_proba` is the probability of "
    "class 1, the positive class for the curve, the AUC and the Brier score."
)
Q6_BINS = f"Use `n_bins={CAL_BINS}` in `calibration_curve` (its default is 5)."
Q6_TEST_FIT = (
    "The naive Bayes model was fitted on the test split: fit on `X_cal_train, y_cal_train` and "
    "only predict on `X_cal_test`."
)
Q6_SIGMOID = (
    "The prompt asks for isotonic calibration: `CalibratedClassifierCV(GaussianNB(), "
    'method="isotonic", cv=5)`.'
)
Q6_TRAIN_BRIER = (
    "`brier_calibrated` must be measured on the test split, like `brier_nb`: the calibrated "
    "model's test probabilities against `y_cal_test`."
)


@lru_cache(maxsize=8)
def _q6_expected(seed: int) -> dict[str, Any]:
    from sklearn.calibration import CalibratedClassifierCV, calibration_curve
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.naive_bayes import GaussianNB

    data = _data({"seed": seed})
    Xtr, ytr, Xte, yte = (
        data[k] for k in ("X_cal_train", "y_cal_train", "X_cal_test", "y_cal_test")
    )
    p = GaussianNB().fit(Xtr, ytr).predict_proba(Xte)[:, 1]
    p_cal = CalibratedClassifierCV(GaussianNB(), method="isotonic", cv=5).fit(Xtr, ytr)
    true, pred = calibration_curve(yte, p, n_bins=CAL_BINS)
    p_leak = GaussianNB().fit(Xte, yte).predict_proba(Xte)[:, 1]
    return {
        "p_nb": p,
        "prob_true": true,
        "prob_pred": pred,
        "auc_nb": roc_auc_score(yte, p),
        "brier_nb": brier_score_loss(yte, p),
        "brier_calibrated": brier_score_loss(yte, p_cal.predict_proba(Xte)[:, 1]),
        "p_leak": p_leak,
    }


def _q6_public(answers: Answers, params: Params) -> None:
    expected = _q6_expected(int(params.get("seed", 0)))
    p = answers["p_nb"]
    expect_array(p, expected["p_nb"], "p_nb", rtol=1e-6, atol=1e-9)
    expect_array(answers["prob_true"], expected["prob_true"], "prob_true", atol=1e-9)
    expect_array(answers["prob_pred"], expected["prob_pred"], "prob_pred", atol=1e-9)
    expect_close(answers["auc_nb"], expected["auc_nb"], "auc_nb", rtol=1e-9)
    expect_close(answers["brier_nb"], expected["brier_nb"], "brier_nb", rtol=1e-9)


def _q6_hidden(answers: Answers, params: Params) -> None:
    expected = _q6_expected(int(params.get("seed", 0)))
    p = np.asarray(answers["p_nb"], dtype=float)
    if p.shape == expected["p_leak"].shape and np.allclose(p, expected["p_leak"]):
        raise KnownMistake(Q6_TEST_FIT)
    expect_close(
        answers["brier_calibrated"], expected["brier_calibrated"], "brier_calibrated", rtol=1e-6
    )


Q6 = Question(
    id="q6",
    title="Good ranking, poor calibration",
    points=2,
    prompt=f"""\
## q6 — How trustworthy are the probabilities? (2 points)

`X_cal` has many correlated features, which naive Bayes counts as independent evidence. Using
`X_cal_train, y_cal_train` for fitting and `X_cal_test, y_cal_test` for measuring:

- `p_nb`: the test probabilities of class 1 from `GaussianNB()` (shape `(1000,)`);
- `prob_true, prob_pred`: `calibration_curve(y_cal_test, p_nb, n_bins={CAL_BINS})` (the
  observed share of class 1 and the mean predicted probability in each bin);
- `auc_nb`: the test ROC AUC of `p_nb` (module 08), which measures ranking only;
- `brier_nb`: the Brier score of `p_nb` (the mean of $(p_i - y_i)^2$; lower is better);
- `brier_calibrated`: the test Brier score of
  `CalibratedClassifierCV(GaussianNB(), method="isotonic", cv=5)` fitted on the training split.""",
    reads=("p_nb", "prob_true", "prob_pred", "auc_nb", "brier_nb", "brier_calibrated"),
    template="""\
from sklearn.calibration import CalibratedClassifierCV, calibration_curve
from sklearn.metrics import brier_score_loss, roc_auc_score
from sklearn.naive_bayes import GaussianNB

p_nb = ____
prob_true, prob_pred = ____, ____
auc_nb = ____
brier_nb = ____
brier_calibrated = ____""",
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_HARD,
            _variant(
                Q6_SOLUTION,
                ".predict_proba(X_cal_test)[:, 1]\nprob_true",
                ".predict(X_cal_test).astype(float)\nprob_true",
            ),
        ),
        Mistake(
            Q6_CLASS0,
            _variant(
                Q6_SOLUTION,
                ".predict_proba(X_cal_test)[:, 1]\nprob_true",
                ".predict_proba(X_cal_test)[:, 0]\nprob_true",
            ),
        ),
        Mistake(Q6_BINS, _variant(Q6_SOLUTION, f", n_bins={CAL_BINS})", ")")),
        Mistake(
            Q6_TEST_FIT,
            _variant(
                Q6_SOLUTION,
                "GaussianNB().fit(X_cal_train, y_cal_train)",
                "GaussianNB().fit(X_cal_test, y_cal_test)",
            ),
        ),
        Mistake(Q6_SIGMOID, _variant(Q6_SOLUTION, 'method="isotonic"', 'method="sigmoid"')),
        Mistake(
            Q6_TRAIN_BRIER,
            _variant(
                Q6_SOLUTION,
                "brier_score_loss(y_cal_test, p_cal)",
                "brier_score_loss(y_cal_train, calibrated.predict_proba(X_cal_train)[:, 1])",
            ),
        ),
    ),
    hints=(
        "`predict_proba(X)[:, 1]` is the probability of class 1; `calibration_curve`, "
        "`roc_auc_score` and `brier_score_loss` all take `(y_true, probabilities)`.",
        "`p_nb = GaussianNB().fit(X_cal_train, y_cal_train).predict_proba(X_cal_test)[:, 1]`; "
        "fit the `CalibratedClassifierCV` on the training split the same way and score its "
        "`predict_proba(X_cal_test)[:, 1]` with `brier_score_loss(y_cal_test, ...)`.",
    ),
    checks=(
        Check(
            "probabilities, calibration curve, AUC and Brier score on the test split", _q6_public
        ),
        Check(
            "naive Bayes fitted on the training split; the calibrated Brier score",
            _q6_hidden,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("09"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6),
)
