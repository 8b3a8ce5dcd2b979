"""Exercise 05: probability and statistics — variance and correlation by hand, Bayes' rule on a
diagnostic test, the Gaussian log-likelihood and its maximum, a t confidence interval, an A/B
test with one- and two-sided p-values, what a p-value does not say, and the bootstrap."""

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
# Exercise 05 — Probability and statistics

Seven questions: variance and correlation by hand, Bayes' rule on a diagnostic test, the
log-likelihood and its maximum, a confidence interval, an A/B test, what a p-value does *not*
tell you, and the bootstrap. For each question: read the prompt, replace every `____` in the
answer cell with your code, run it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/05_probability_statistics.ipynb` grades the whole notebook the way
  the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from scipy import stats"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
rng = np.random.default_rng(seed)

# q1: hours studied and exam scores of 40 students.
hours = rng.uniform(0, 10, size=40).round(1)
scores = (50 + 4 * hours + rng.normal(0, 8, size=40)).round(1)

# q2: a screening test for a rare condition.
prevalence = float(rng.choice([0.002, 0.005, 0.01, 0.02]))
sensitivity = round(float(rng.uniform(0.85, 0.99)), 3)  # P(positive | condition)
specificity = round(float(rng.uniform(0.90, 0.99)), 3)  # P(negative | no condition)

# q3: 1000 measurements (in mm) from a machine whose mean and spread we want to estimate.
measurements = rng.normal(rng.uniform(40, 60), rng.uniform(2, 6), size=1000)

# q4: battery life (in hours) of 12 phones from a new batch.
battery_hours = rng.normal(rng.uniform(18, 24), rng.uniform(1, 3), size=12).round(2)

# q5: an A/B test: minutes spent on a page with the old design (control) and the new one.
control = rng.normal(10.0, 3.0, size=50).round(2)
treatment = rng.normal(10.0 + rng.uniform(0.5, 1.5), 3.0, size=45).round(2)

# q6: 1000 small experiments, each comparing a group A with a group B of 25 people.
# Only in some of them does B really differ; `effect_is_real` says which (you would not know).
effect_is_real = rng.random(1000) < 0.1
group_a = rng.normal(0.0, 1.0, size=(1000, 25))
group_b = rng.normal(0.0, 1.0, size=(1000, 25)) + 0.6 * effect_is_real[:, None]

# q7: yearly incomes (in euros) of 51 households: skewed, with a few large values.
incomes = rng.lognormal(10.3, 0.6, size=51).round(-1)
print(f"q1: {len(hours)} students; q2: prevalence {prevalence}, sensitivity {sensitivity}, "
      f"specificity {specificity}")
print(f"q3: {len(measurements)} measurements; q4: {len(battery_hours)} batteries; "
      f"q5: {len(control)} control / {len(treatment)} treatment")
print(f"q6: {group_a.shape[0]} experiments of {group_a.shape[1]} + {group_b.shape[1]} people; "
      f"q7: {len(incomes)} incomes")"""

ALPHA = 0.05
N_BOOT = 2000
# The std of bootstrap medians (500 resamples) over the reference's std (40000 resamples), for 40
# seeds on each of the checks' three samples (n = 9, 21, 35): 0.90 to 1.09 when resampling n
# values with replacement; 1.23 to 1.63 when each resample holds only about n / 2 values.
SPREAD_RANGE = (0.8, 1.18)


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() if isinstance(v, np.ndarray) else v for k, v in cached.items()}


def _pair(seed: int, n: int, slope: float) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(5.0, 2.0, size=n)
    return x, slope * x + rng.normal(0.0, 1.5, size=n)


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    return float(dx @ dy / np.sqrt((dx @ dx) * (dy @ dy)))


# q1: sample variance and correlation ---------------------------------------------------------


def _q1_variance(answers: Answers, params: Params) -> None:
    fn = answers["sample_variance"]
    expect_callable(fn, "sample_variance")
    data = _data(params)
    for name in ("scores", "hours"):
        x = data[name]
        found = call_learner_function(fn, "sample_variance", x.copy())
        expect_close(found, float(np.var(x, ddof=1)), f"sample_variance({name})", rtol=1e-9)
    expect_only_numpy(fn, "sample_variance", ("sklearn", "scipy", "pandas", "statistics"))
    expect_inputs_unchanged(fn, "sample_variance", ("x",))


def _q1_correlation(answers: Answers, params: Params) -> None:
    fn = answers["pearson_r"]
    expect_callable(fn, "pearson_r")
    data = _data(params)
    x, y = data["hours"], data["scores"]
    found = call_learner_function(fn, "pearson_r", x.copy(), y.copy())
    if isinstance(found, np.ndarray) and found.shape == (2, 2):
        raise CheckFailed(
            "`pearson_r` returned a 2x2 matrix: `np.corrcoef(x, y)` gives the whole correlation "
            "matrix, and r is its off-diagonal entry `[0, 1]`."
        )
    number = expect_number(found, "pearson_r(hours, scores)")
    covariances = (np.cov(x, y, ddof=0)[0, 1], np.cov(x, y, ddof=1)[0, 1])
    if any(abs(number - c) < 1e-9 * abs(c) for c in covariances):
        raise KnownMistake(Q1_COVARIANCE)
    expect_close(number, _pearson(x, y), "pearson_r(hours, scores)", rtol=1e-9)
    expect_only_numpy(fn, "pearson_r", ("sklearn", "scipy", "pandas", "statistics"))
    expect_inputs_unchanged(fn, "pearson_r", ("x", "y"))


def _q1_other(answers: Answers, params: Params) -> None:
    var, r = answers["sample_variance"], answers["pearson_r"]
    for x in ([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], [1.0, 3.0], [3.5] * 6):
        found = call_learner_function(var, "sample_variance", list(x))
        expect_close(found, float(np.var(x, ddof=1)), "sample_variance of a list", atol=1e-12)
    for seed, n, slope in [(51, 8, 1.0), (52, 300, -0.4), (53, 25, 0.0)]:
        x, y = _pair(seed, n, slope)
        found = call_learner_function(r, "pearson_r", list(x), list(y))
        expect_close(found, _pearson(x, y), "pearson_r on other data", rtol=1e-9, atol=1e-12)
    x = np.arange(10.0)
    expect_close(call_learner_function(r, "pearson_r", x, 3 - 2 * x), -1.0, "r of a falling line")


Q1_COVARIANCE = (
    "That is the covariance: divide it by both standard deviations to get r, which has "
    "no units and lies between -1 and 1."
)
Q1_VAR = '''\
def sample_variance(x):
    """Unbiased sample variance of the numbers in x."""
    x = np.asarray(x, dtype=float)
    return np.sum((x - x.mean()) ** 2) / (len(x) - 1)
'''
Q1_R = '''\
def pearson_r(x, y):
    """Pearson correlation coefficient of two equally long sequences."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    dx, dy = x - x.mean(), y - y.mean()
    return np.sum(dx * dy) / np.sqrt(np.sum(dx**2) * np.sum(dy**2))
'''
Q1_VAR_HEAD = "def sample_variance(x):\n    x = np.asarray(x, dtype=float)\n"
Q1_R_HEAD = (
    "def pearson_r(x, y):\n"
    "    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)\n"
    "    dx, dy = x - x.mean(), y - y.mean()\n"
)

Q1 = Question(
    id="q1",
    title="Sample variance and correlation",
    points=2,
    prompt="""\
## q1 — Variance and correlation by hand (2 points)

Write two functions with NumPy only (they must accept lists as well as arrays):

- `sample_variance(x)`: the **sample** variance, the estimate of the population's variance from
  a sample, $s^2 = \\frac{1}{n-1}\\sum_i (x_i - \\bar x)^2$ (a float);
- `pearson_r(x, y)`: the correlation coefficient
  $r = \\dfrac{\\sum_i (x_i - \\bar x)(y_i - \\bar y)}
  {\\sqrt{\\sum_i (x_i - \\bar x)^2 \\; \\sum_i (y_i - \\bar y)^2}}$ (a float between -1 and 1).

They are checked on `hours` and `scores` from the setup.""",
    reads=("sample_variance", "pearson_r"),
    template='''\
def sample_variance(x):
    """Unbiased sample variance of the numbers in x."""
    return ____


def pearson_r(x, y):
    """Pearson correlation coefficient of two equally long sequences."""
    return ____''',
    solution=Q1_VAR + "\n\n" + Q1_R,
    mistakes=(
        Mistake(
            "You computed the population variance (dividing by n, NumPy's default `ddof=0`): the "
            "sample variance divides by n - 1, as `np.var(x, ddof=1)` does.",
            Q1_VAR_HEAD + "    return np.mean((x - x.mean()) ** 2)\n\n" + Q1_R,
        ),
        Mistake(
            "Divide by n - 1, not n + 1: one degree of freedom is used up by the mean.",
            Q1_VAR_HEAD + "    return np.sum((x - x.mean()) ** 2) / (len(x) + 1)\n\n" + Q1_R,
        ),
        Mistake(
            "That is the standard deviation: the variance is its square (no square root).",
            Q1_VAR_HEAD
            + "    return np.sqrt(np.sum((x - x.mean()) ** 2) / (len(x) - 1))\n\n"
            + Q1_R,
        ),
        Mistake(
            "The variance averages *squared* deviations from the mean, not absolute ones.",
            Q1_VAR_HEAD + "    return np.sum(np.abs(x - x.mean())) / (len(x) - 1)\n\n" + Q1_R,
        ),
        Mistake(
            "Centre first: r uses the deviations from the means, `x - x.mean()` and "
            "`y - y.mean()`, not the raw values.",
            Q1_VAR + "\n\ndef pearson_r(x, y):\n"
            "    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)\n"
            "    return np.sum(x * y) / np.sqrt(np.sum(x**2) * np.sum(y**2))\n",
        ),
        Mistake(
            Q1_COVARIANCE,
            Q1_VAR + "\n\n" + Q1_R_HEAD + "    return np.sum(dx * dy) / (len(x) - 1)\n",
        ),
        Mistake(
            "The covariance and the standard deviations must use the same divisor: you mixed "
            "n - 1 (`np.cov`) with n (`np.std`'s default), which inflates r by n / (n - 1).",
            Q1_VAR
            + "\n\n"
            + Q1_R_HEAD
            + "    return np.cov(x, y)[0, 1] / (np.std(x) * np.std(y))\n",
        ),
        Mistake(
            "`np.corrcoef(x, y)` returns the 2x2 correlation matrix: r is its entry `[0, 1]`.",
            Q1_VAR + "\n\ndef pearson_r(x, y):\n    return np.corrcoef(x, y)\n",
        ),
    ),
    hints=(
        "Convert with `np.asarray(x, dtype=float)`; both formulas start from the deviations "
        "`x - x.mean()`.",
        "`np.sum(d ** 2) / (len(x) - 1)` is the variance; r is "
        "`np.sum(dx * dy) / np.sqrt(np.sum(dx**2) * np.sum(dy**2))`.",
    ),
    checks=(
        Check("sample_variance matches on scores and hours, NumPy only", _q1_variance),
        Check("pearson_r matches on hours and scores", _q1_correlation),
        Check(
            "both work on lists, tiny and constant samples, and an exact line",
            _q1_other,
            hidden=True,
        ),
    ),
)


# q2: Bayes' rule on a diagnostic test --------------------------------------------------------


def _posterior(prior: float, sens: float, spec: float) -> float:
    hit = sens * prior
    return hit / (hit + (1 - spec) * (1 - prior))


def _q2_public(answers: Answers, params: Params) -> None:
    fn = answers["posterior_positive"]
    expect_callable(fn, "posterior_positive")
    data = _data(params)
    args = (data["prevalence"], data["sensitivity"], data["specificity"])
    expected = _posterior(*args)
    found = call_learner_function(fn, "posterior_positive", *args)
    expect_close(found, expected, "posterior_positive(prevalence, sensitivity, specificity)")
    expect_close(answers["p_sick_given_positive"], expected, "p_sick_given_positive")
    twice = _posterior(expected, args[1], args[2])
    expect_close(answers["p_sick_given_two_positives"], twice, "p_sick_given_two_positives")


def _q2_other(answers: Answers, params: Params) -> None:
    fn = answers["posterior_positive"]
    for args in [(0.3, 0.9, 0.8), (0.5, 0.7, 0.7), (0.01, 0.999, 0.95), (0.9, 0.6, 0.99)]:
        found = call_learner_function(fn, "posterior_positive", *args)
        expect_close(found, _posterior(*args), "posterior_positive on other numbers")
    expect_close(call_learner_function(fn, "posterior_positive", 0.0, 0.9, 0.9), 0.0, "prior 0")
    expect_close(call_learner_function(fn, "posterior_positive", 1.0, 0.9, 0.9), 1.0, "prior 1")


Q2_HEAD = "def posterior_positive(prior, sensitivity, specificity):\n"
Q2_REST = (
    "p_sick_given_positive = posterior_positive(prevalence, sensitivity, specificity)\n"
    "p_sick_given_two_positives = posterior_positive(p_sick_given_positive, sensitivity, "
    "specificity)\n"
)
Q2_RIGHT_FN = (
    Q2_HEAD + "    true_pos = sensitivity * prior\n"
    "    return true_pos / (true_pos + (1 - specificity) * (1 - prior))\n"
)

Q2 = Question(
    id="q2",
    title="Bayes' rule on a screening test",
    points=2,
    prompt="""\
## q2 — What does a positive test mean? (2 points)

A condition affects a fraction `prevalence` of people. The test finds it with probability
`sensitivity` $= P(+ \\mid \\text{sick})$ and correctly clears a healthy person with probability
`specificity` $= P(- \\mid \\text{healthy})$. Bayes' rule gives
$$P(\\text{sick} \\mid +) = \\frac{P(+ \\mid \\text{sick})\\,P(\\text{sick})}{P(+)},\\qquad
P(+) = P(+ \\mid \\text{sick})P(\\text{sick}) + P(+ \\mid \\text{healthy})P(\\text{healthy}).$$

- Write `posterior_positive(prior, sensitivity, specificity)` returning $P(\\text{sick} \\mid +)$
  (a float) for a person whose probability of being sick before the test is `prior`.
- `p_sick_given_positive`: that probability for someone from the general population (the setup's
  `prevalence`, `sensitivity`, `specificity`).
- `p_sick_given_two_positives`: the probability after a second, independent test is positive
  too (hint: after the first test, the person's prior is no longer the prevalence).""",
    reads=("posterior_positive", "p_sick_given_positive", "p_sick_given_two_positives"),
    template='''\
def posterior_positive(prior, sensitivity, specificity):
    """P(sick | positive test) by Bayes' rule."""
    return ____


p_sick_given_positive = ____
p_sick_given_two_positives = ____''',
    solution='''\
def posterior_positive(prior, sensitivity, specificity):
    """P(sick | positive test) by Bayes' rule."""
    true_positive = sensitivity * prior  # P(+ and sick)
    false_positive = (1 - specificity) * (1 - prior)  # P(+ and healthy)
    return true_positive / (true_positive + false_positive)


p_sick_given_positive = posterior_positive(prevalence, sensitivity, specificity)
p_sick_given_two_positives = posterior_positive(p_sick_given_positive, sensitivity, specificity)''',
    mistakes=(
        Mistake(
            "You returned the sensitivity, P(+ | sick), but the question is P(sick | +): the two "
            "are different conditional probabilities, and for a rare condition P(sick | +) is "
            "far smaller. Apply Bayes' rule.",
            Q2_HEAD + "    return sensitivity\n\n" + Q2_REST,
        ),
        Mistake(
            "The prior is missing (base-rate neglect): weigh the true positives by P(sick) = "
            "prior and the false positives by P(healthy) = 1 - prior.",
            Q2_HEAD + "    return sensitivity / (sensitivity + (1 - specificity))\n\n" + Q2_REST,
        ),
        Mistake(
            "A healthy person tests positive with probability 1 - specificity (the false-positive "
            "rate), not 1 - sensitivity.",
            Q2_HEAD + "    tp = sensitivity * prior\n"
            "    return tp / (tp + (1 - sensitivity) * (1 - prior))\n\n" + Q2_REST,
        ),
        Mistake(
            "`sensitivity * prior` is P(sick and +), a joint probability: divide it by P(+), the "
            "probability of a positive test from sick and healthy people together.",
            Q2_HEAD + "    return sensitivity * prior\n\n" + Q2_REST,
        ),
        Mistake(
            "P(+) must include the healthy people who test positive, (1 - specificity) * "
            "(1 - prior), not the healthy people who test negative.",
            Q2_HEAD + "    tp = sensitivity * prior\n"
            "    return tp / (tp + specificity * (1 - prior))\n\n" + Q2_REST,
        ),
        Mistake(
            "For the second test, start from the updated belief: pass `p_sick_given_positive` "
            "as the prior, not the prevalence again, and do not square the first answer.",
            Q2_RIGHT_FN + "\np_sick_given_positive = posterior_positive(prevalence, sensitivity, "
            "specificity)\np_sick_given_two_positives = p_sick_given_positive ** 2\n",
        ),
    ),
    hints=(
        "P(+) has two parts: sick people who test positive, and healthy people who test positive.",
        "`tp = sensitivity * prior`, `fp = (1 - specificity) * (1 - prior)`, answer `tp / (tp + "
        "fp)`; for two tests call the function again with the first answer as the prior.",
    ),
    checks=(
        Check("the posterior for the setup's test, after one and two positives", _q2_public),
        Check("works for other priors and tests, including certain priors", _q2_other, hidden=True),
    ),
)


# q3: the Gaussian log-likelihood and maximum likelihood ---------------------------------------


def _loglik(x: np.ndarray, mu: float, sigma: float) -> float:
    x = np.asarray(x, dtype=float)
    return float(
        -0.5 * len(x) * np.log(2 * np.pi * sigma**2) - np.sum((x - mu) ** 2) / (2 * sigma**2)
    )


def _q3_public(answers: Answers, params: Params) -> None:
    fn = answers["gaussian_log_likelihood"]
    expect_callable(fn, "gaussian_log_likelihood")
    x = np.array([1.2, -0.3, 2.5, 0.8])
    found = call_learner_function(fn, "gaussian_log_likelihood", x.copy(), 0.5, 1.5)
    expect_close(
        found, _loglik(x, 0.5, 1.5), "gaussian_log_likelihood([1.2, -0.3, 2.5, 0.8], 0.5, 1.5)"
    )
    data = _data(params)
    m = data["measurements"]
    mu, sigma = float(m.mean()), float(m.std())
    found = call_learner_function(fn, "gaussian_log_likelihood", m.copy(), mu, sigma)
    expect_close(
        found, _loglik(m, mu, sigma), "gaussian_log_likelihood(measurements, mean, std)", rtol=1e-9
    )
    expect_only_numpy(fn, "gaussian_log_likelihood", ("sklearn", "scipy"))
    expect_inputs_unchanged(fn, "gaussian_log_likelihood", ("x", "mu", "sigma"))
    expect_close(answers["mu_mle"], mu, "mu_mle", rtol=1e-9)
    expect_close(answers["sigma_mle"], sigma, "sigma_mle", rtol=1e-9)


def _q3_other(answers: Answers, params: Params) -> None:
    fn = answers["gaussian_log_likelihood"]
    rng = np.random.default_rng(303)
    for n, mu, sigma in [(3, 0.0, 1.0), (50, 10.0, 0.2), (5000, -3.0, 4.0)]:
        x = rng.normal(mu + 0.5, sigma, size=n)
        found = call_learner_function(fn, "gaussian_log_likelihood", list(x), mu, sigma)
        expect_close(found, _loglik(x, mu, sigma), "the log-likelihood on other data", rtol=1e-9)


Q3_HEAD = "def gaussian_log_likelihood(x, mu, sigma):\n    x = np.asarray(x, dtype=float)\n"
Q3_REST = "mu_mle = np.mean(measurements)\nsigma_mle = np.std(measurements)\n"
Q3_FN = (
    Q3_HEAD + "    n = len(x)\n"
    "    return -n / 2 * np.log(2 * np.pi * sigma**2) - np.sum((x - mu) ** 2) / (2 * sigma**2)\n"
)

Q3 = Question(
    id="q3",
    title="Log-likelihood and maximum likelihood",
    points=2,
    prompt="""\
## q3 — The likelihood of a Gaussian model (2 points)

The **likelihood** of parameters $(\\mu, \\sigma)$ is the probability density of the observed
data under the model with those parameters, $L(\\mu,\\sigma) = \\prod_i p(x_i \\mid \\mu,
\\sigma)$, with $p(x \\mid \\mu, \\sigma) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}}
e^{-(x-\\mu)^2 / (2\\sigma^2)}$. Products of many small numbers underflow to 0, so we work with
its logarithm, a sum:
$$\\log L(\\mu, \\sigma) = -\\frac{n}{2}\\log(2\\pi\\sigma^2) - \\frac{1}{2\\sigma^2}
\\sum_{i=1}^n (x_i - \\mu)^2 .$$

- Write `gaussian_log_likelihood(x, mu, sigma)` (NumPy only; a float; `x` may be a list).
- The maximum-likelihood estimates for `measurements`: `mu_mle` and `sigma_mle`, the values of
  $\\mu$ and $\\sigma$ that make $\\log L$ as large as possible (set the derivatives to zero, or
  look in the lesson).""",
    reads=("gaussian_log_likelihood", "mu_mle", "sigma_mle"),
    template='''\
def gaussian_log_likelihood(x, mu, sigma):
    """Log-likelihood of N(mu, sigma^2) for the data x."""
    return ____


mu_mle = ____
sigma_mle = ____''',
    solution='''\
def gaussian_log_likelihood(x, mu, sigma):
    """Log-likelihood of N(mu, sigma^2) for the data x."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    return -n / 2 * np.log(2 * np.pi * sigma**2) - np.sum((x - mu) ** 2) / (2 * sigma**2)


mu_mle = np.mean(measurements)
sigma_mle = np.std(measurements)  # ddof=0: the maximum-likelihood estimate divides by n''',
    mistakes=(
        Mistake(
            "The sign is flipped: that is the *negative* log-likelihood (a loss to minimise). "
            "The log-likelihood itself is a sum of log-densities, which are mostly negative.",
            Q3_HEAD + "    n = len(x)\n"
            "    return n / 2 * np.log(2 * np.pi * sigma**2) + np.sum((x - mu) ** 2) / "
            "(2 * sigma**2)\n\n" + Q3_REST,
        ),
        Mistake(
            "The product of the densities underflowed to 0, so its log is -inf: add the "
            "log-densities instead of taking the log of a product.",
            Q3_HEAD + "    dens = np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / np.sqrt(2 * np.pi * "
            "sigma**2)\n    return np.log(np.prod(dens))\n\n" + Q3_REST,
        ),
        Mistake(
            "`sigma` is the standard deviation: the formula divides by 2 * sigma**2 and takes "
            "the log of 2 * pi * sigma**2, the variance.",
            Q3_HEAD + "    n = len(x)\n"
            "    return -n / 2 * np.log(2 * np.pi * sigma) - np.sum((x - mu) ** 2) / (2 * sigma)"
            "\n\n" + Q3_REST,
        ),
        Mistake(
            "The normalising term is missing: without -n/2 * log(2 pi sigma**2) the 'likelihood' "
            "grows without bound as sigma grows.",
            Q3_HEAD + "    return -np.sum((x - mu) ** 2) / (2 * sigma**2)\n\n" + Q3_REST,
        ),
        Mistake(
            "The log-likelihood of independent points is the *sum* of their log-densities, not "
            "their mean.",
            Q3_HEAD + "    return np.mean(-0.5 * np.log(2 * np.pi * sigma**2) - (x - mu) ** 2 / "
            "(2 * sigma**2))\n\n" + Q3_REST,
        ),
        Mistake(
            "The maximum-likelihood sigma divides by n (`np.std(x)`, ddof=0); dividing by n - 1 "
            "gives the unbiased sample estimate, which is not the maximum of the likelihood.",
            Q3_FN + "\nmu_mle = np.mean(measurements)\nsigma_mle = np.std(measurements, ddof=1)\n",
        ),
        Mistake(
            "`sigma_mle` is a standard deviation; you gave the variance (its square).",
            Q3_FN + "\nmu_mle = np.mean(measurements)\nsigma_mle = np.var(measurements)\n",
        ),
    ),
    hints=(
        "Write the log of one density, `-0.5 * np.log(2 * np.pi * sigma**2) - (x - mu)**2 / "
        "(2 * sigma**2)`, for every point at once and sum it.",
        "The maximum is at the sample mean and at the standard deviation that divides by n: "
        "`np.mean(measurements)` and `np.std(measurements)`.",
    ),
    checks=(
        Check("the log-likelihood on a small example and on measurements; the MLE", _q3_public),
        Check(
            "the log-likelihood on lists, on very large samples and other parameters",
            _q3_other,
            hidden=True,
        ),
    ),
)


# q4: a t confidence interval for a mean -------------------------------------------------------


def _ci(x: Any, level: float) -> tuple[float, float]:
    from scipy import stats

    x = np.asarray(x, dtype=float)
    se = x.std(ddof=1) / np.sqrt(len(x))
    half = stats.t.ppf((1 + level) / 2, df=len(x) - 1) * se
    return float(x.mean() - half), float(x.mean() + half)


def _expect_interval(found: Any, expected: tuple[float, float], name: str) -> None:
    if isinstance(found, np.ndarray):
        found = list(found.ravel())
    if not isinstance(found, (tuple, list)) or len(found) != 2:
        raise CheckFailed(f"`{name}` should be a pair `(low, high)`, but it is {found!r:.60}.")
    low = expect_number(found[0], f"{name}[0]")
    high = expect_number(found[1], f"{name}[1]")
    if low > high:
        raise CheckFailed(f"`{name}` has its low end ({low:.4g}) above its high end ({high:.4g}).")
    expect_close(low, expected[0], f"{name}[0] (the low end)", rtol=1e-7)
    expect_close(high, expected[1], f"{name}[1] (the high end)", rtol=1e-7)


def _q4_public(answers: Answers, params: Params) -> None:
    fn = answers["mean_ci"]
    expect_callable(fn, "mean_ci")
    x = _data(params)["battery_hours"]
    found = call_learner_function(fn, "mean_ci", x.copy(), 0.95)
    _expect_interval(found, _ci(x, 0.95), "mean_ci(battery_hours, 0.95)")
    _expect_interval(answers["battery_ci"], _ci(x, 0.95), "battery_ci")
    expect_inputs_unchanged(fn, "mean_ci", ("x", "level"))


def _q4_other(answers: Answers, params: Params) -> None:
    fn = answers["mean_ci"]
    rng = np.random.default_rng(404)
    for n, level in [(5, 0.9), (40, 0.99), (200, 0.8)]:
        x = rng.exponential(3.0, size=n)
        found = call_learner_function(fn, "mean_ci", list(x), level)
        _expect_interval(found, _ci(x, level), f"mean_ci on {n} other values at level {level}")


Q4_HEAD = "def mean_ci(x, level):\n    x = np.asarray(x, dtype=float)\n    n = len(x)\n"
Q4_REST = "battery_ci = mean_ci(battery_hours, 0.95)\n"


def _q4_variant(se: str, crit: str) -> str:
    return (
        Q4_HEAD + f"    se = {se}\n    t_crit = {crit}\n"
        "    return x.mean() - t_crit * se, x.mean() + t_crit * se\n\n" + Q4_REST
    )


Q4_SE = "x.std(ddof=1) / np.sqrt(n)"
Q4_CRIT = "stats.t.ppf((1 + level) / 2, df=n - 1)"

Q4 = Question(
    id="q4",
    title="A confidence interval for a mean",
    points=2,
    prompt="""\
## q4 — How long does the battery last? (2 points)

From a sample $x_1,\\dots,x_n$ the interval
$$\\bar x \\pm t_{(1+\\ell)/2,\\; n-1}\\,\\frac{s}{\\sqrt n}$$
contains the population mean for a fraction $\\ell$ (the `level`, such as 0.95) of samples. Here
$s$ is the sample standard deviation (divisor $n - 1$), $s/\\sqrt n$ is the **standard error**
of the mean, and $t_{q,\\,n-1}$ is the $q$ quantile of Student's t distribution with $n - 1$
degrees of freedom (`stats.t.ppf(q, df=n - 1)`).

- Write `mean_ci(x, level)` returning the pair `(low, high)` (`x` may be a list).
- `battery_ci`: the 95 % interval for the mean battery life, from `battery_hours`.""",
    reads=("mean_ci", "battery_ci"),
    template='''\
def mean_ci(x, level):
    """Two-sided t confidence interval (low, high) for the mean of x."""
    return ____


battery_ci = ____''',
    solution='''\
def mean_ci(x, level):
    """Two-sided t confidence interval (low, high) for the mean of x."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    se = x.std(ddof=1) / np.sqrt(n)
    t_crit = stats.t.ppf((1 + level) / 2, df=n - 1)
    return x.mean() - t_crit * se, x.mean() + t_crit * se


battery_ci = mean_ci(battery_hours, 0.95)''',
    mistakes=(
        Mistake(
            "Your interval uses the standard deviation of the data; a confidence interval for the "
            "mean uses the standard error, s / sqrt(n), which shrinks as the sample grows.",
            _q4_variant("x.std(ddof=1)", Q4_CRIT),
        ),
        Mistake(
            "The critical value is one-sided: for a two-sided interval at level 0.95, 2.5 % "
            "lies beyond each end, so use the quantile (1 + level) / 2, not level.",
            _q4_variant(Q4_SE, "stats.t.ppf(level, df=n - 1)"),
        ),
        Mistake(
            "You used the normal quantile (1.96 at 95 %); with a small sample and an estimated "
            "standard deviation the t distribution with n - 1 degrees of freedom is wider.",
            _q4_variant(Q4_SE, "stats.norm.ppf((1 + level) / 2)"),
        ),
        Mistake(
            "The standard error uses the sample standard deviation (ddof=1); `x.std()` divides "
            "by n and makes the interval too narrow.",
            _q4_variant("x.std() / np.sqrt(n)", Q4_CRIT),
        ),
        Mistake(
            "The t distribution here has n - 1 degrees of freedom, not n.",
            _q4_variant(Q4_SE, "stats.t.ppf((1 + level) / 2, df=n)"),
        ),
        Mistake(
            "The standard error divides by the square root of n, not by n.",
            _q4_variant("x.std(ddof=1) / n", Q4_CRIT),
        ),
    ),
    hints=(
        "Three ingredients: the mean, the standard error `x.std(ddof=1) / np.sqrt(n)`, and a "
        "t quantile that leaves (1 - level) / 2 in each tail.",
        "`t_crit = stats.t.ppf((1 + level) / 2, df=n - 1)`; return "
        "`(mean - t_crit * se, mean + t_crit * se)`.",
    ),
    checks=(
        Check("the 95 % interval for battery_hours", _q4_public),
        Check("other samples (lists) and other levels", _q4_other, hidden=True),
    ),
)


# q5: an A/B test, one- and two-sided ----------------------------------------------------------


def _ab(treatment: Any, control: Any) -> tuple[float, float, float]:
    from scipy import stats

    two = stats.ttest_ind(treatment, control, equal_var=False)
    one = stats.ttest_ind(treatment, control, equal_var=False, alternative="greater")
    return float(two.statistic), float(two.pvalue), float(one.pvalue)


def _expect_triple(found: Any, expected: tuple[float, float, float], name: str) -> None:
    if isinstance(found, np.ndarray):
        found = list(found.ravel())
    if not isinstance(found, (tuple, list)) or len(found) != 3:
        raise CheckFailed(
            f"`{name}` should be a triple `(t_stat, p_two_sided, p_one_sided)`, "
            f"but it is {found!r:.60}."
        )
    labels = ("t_stat", "p_two_sided", "p_one_sided")
    for value, want, label in zip(found, expected, labels, strict=True):
        expect_close(value, want, f"{label} from {name}", rtol=1e-6, atol=1e-12)


def _q5_public(answers: Answers, params: Params) -> None:
    fn = answers["ab_test"]
    expect_callable(fn, "ab_test")
    data = _data(params)
    t, c = data["treatment"], data["control"]
    expected = _ab(t, c)
    _expect_triple(
        call_learner_function(fn, "ab_test", t, c), expected, "ab_test(treatment, control)"
    )
    _expect_triple(answers["ab_result"], expected, "ab_result")


def _q5_other(answers: Answers, params: Params) -> None:
    fn = answers["ab_test"]
    rng = np.random.default_rng(505)
    for shift, n_t, n_c in [(-0.8, 30, 20), (0.3, 12, 60), (2.0, 8, 9)]:
        control = rng.normal(5.0, 1.0, size=n_c)
        treatment = rng.normal(5.0 + shift, 2.0, size=n_t)
        found = call_learner_function(fn, "ab_test", list(treatment), list(control))
        _expect_triple(found, _ab(treatment, control), "ab_test on other data")


Q5_HEAD = "def ab_test(treatment, control):\n"
Q5_REST = "ab_result = ab_test(treatment, control)\n"


def _q5_variant(two: str, one: str) -> str:
    return (
        Q5_HEAD + f"    two = {two}\n    one = {one}\n"
        "    return two.statistic, two.pvalue, one.pvalue\n\n" + Q5_REST
    )


Q5_TWO = "stats.ttest_ind(treatment, control, equal_var=False)"
Q5_ONE = 'stats.ttest_ind(treatment, control, equal_var=False, alternative="greater")'

Q5 = Question(
    id="q5",
    title="An A/B test with Welch's t-test",
    points=2,
    prompt="""\
## q5 — Did the new design keep people longer? (2 points)

A **hypothesis test** starts from a null hypothesis $H_0$ (here: both designs have the same
mean time on the page) and asks how surprising the data would be if $H_0$ were true. The
**p-value** is the probability, computed assuming $H_0$, of a test statistic at least as extreme
as the one observed. *Two-sided* counts extremes in both directions (the alternative is "the
means differ"); *one-sided* counts only one (here "treatment's mean is greater").

Write `ab_test(treatment, control)` returning the triple `(t_stat, p_two_sided, p_one_sided)`
of Welch's t-test (`stats.ttest_ind` with `equal_var=False`, treatment first), where
`p_one_sided` is for the alternative "treatment's mean is greater" (`alternative="greater"`).
Then store `ab_result = ab_test(treatment, control)`.""",
    reads=("ab_test", "ab_result"),
    template='''\
def ab_test(treatment, control):
    """(t statistic, two-sided p, one-sided p for 'treatment greater') of Welch's t-test."""
    return ____


ab_result = ____''',
    solution='''\
def ab_test(treatment, control):
    """(t statistic, two-sided p, one-sided p for 'treatment greater') of Welch's t-test."""
    two_sided = stats.ttest_ind(treatment, control, equal_var=False)
    one_sided = stats.ttest_ind(treatment, control, equal_var=False, alternative="greater")
    return two_sided.statistic, two_sided.pvalue, one_sided.pvalue


ab_result = ab_test(treatment, control)''',
    mistakes=(
        Mistake(
            "Your `p_two_sided` is one-sided: it only counts differences in one direction. Leave "
            "out `alternative=` (or pass 'two-sided') for the two-sided p-value.",
            _q5_variant(Q5_ONE, Q5_ONE),
        ),
        Mistake(
            'Your `p_one_sided` is the two-sided p-value: pass `alternative="greater"` to count '
            "only the direction 'treatment's mean is greater'.",
            _q5_variant(Q5_TWO, Q5_TWO),
        ),
        Mistake(
            "The groups are swapped: with control first, t measures control minus treatment and "
            "the one-sided p-value tests the opposite direction. Put treatment first.",
            _q5_variant(
                "stats.ttest_ind(control, treatment, equal_var=False)",
                'stats.ttest_ind(control, treatment, equal_var=False, alternative="greater")',
            ),
        ),
        Mistake(
            "That is Student's t-test, which assumes equal variances: Welch's test needs "
            "`equal_var=False`.",
            _q5_variant(
                "stats.ttest_ind(treatment, control)",
                'stats.ttest_ind(treatment, control, alternative="greater")',
            ),
        ),
        Mistake(
            '`alternative="less"` tests whether treatment\'s mean is *smaller*; the question '
            "asks about 'greater'.",
            _q5_variant(
                Q5_TWO, 'stats.ttest_ind(treatment, control, equal_var=False, alternative="less")'
            ),
        ),
        Mistake(
            "Halving the two-sided p-value gives the one-sided one only when t points the way "
            "of the alternative; when treatment does worse (t < 0) the one-sided p-value is "
            '1 - p / 2. Let `alternative="greater"` do it.',
            Q5_HEAD + f"    two = {Q5_TWO}\n"
            "    return two.statistic, two.pvalue, two.pvalue / 2\n\n" + Q5_REST,
        ),
    ),
    hints=(
        "`stats.ttest_ind(a, b, equal_var=False)` returns an object with `.statistic` and "
        '`.pvalue`; call it twice, once with `alternative="greater"`.',
        "`two = stats.ttest_ind(treatment, control, equal_var=False)`, `one = stats.ttest_ind("
        'treatment, control, equal_var=False, alternative="greater")`; return '
        "`two.statistic, two.pvalue, one.pvalue`.",
    ),
    checks=(
        Check("the test on treatment and control", _q5_public),
        Check(
            "other data: unequal sizes, lists, a treatment that is worse", _q5_other, hidden=True
        ),
    ),
)


# q6: a p-value is not the probability that the null is true -----------------------------------


def _q6_reference(data: Mapping[str, Any]) -> tuple[np.ndarray, float, float]:
    from scipy import stats

    p = stats.ttest_ind(data["group_b"], data["group_a"], axis=1, equal_var=False).pvalue
    real = data["effect_is_real"]
    significant = p < ALPHA
    return p, float(np.mean(significant[~real])), float(np.mean(~real[significant]))


Q6_FDR_IS_ALPHA = (
    "`false_discovery_share` is about the significant experiments: of those with p < 0.05, what "
    "share had no real effect? That is P(no effect | significant), not P(significant | no effect) "
    "= about 0.05. A p-value below 0.05 does not mean a 5 % chance that the null is true."
)


def _q6_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    p, fpr, fdr = _q6_reference(data)
    found = answers["p_values"]
    expect_array(found, p, "p_values", rtol=1e-6, atol=1e-12)
    expect_close(answers["false_positive_rate"], fpr, "false_positive_rate", atol=1e-9)
    share = expect_number(answers["false_discovery_share"], "false_discovery_share")
    if abs(share - ALPHA) < 1e-9 or (abs(share - fpr) < 1e-9 and abs(fpr - fdr) > 1e-6):
        raise KnownMistake(Q6_FDR_IS_ALPHA)
    expect_close(share, fdr, "false_discovery_share", atol=1e-9)


def _q6_consistent(answers: Answers, params: Params) -> None:
    data = _data(params)
    p = np.asarray(answers["p_values"], dtype=float)
    real = data["effect_is_real"]
    significant = p < ALPHA
    if not significant.any() or significant.all():
        raise CheckFailed("`p_values` should be significant for some experiments but not all.")
    expect_close(
        answers["false_positive_rate"],
        float(np.mean(significant[~real])),
        "false_positive_rate (recomputed from your p_values)",
        atol=1e-9,
    )
    expect_close(
        answers["false_discovery_share"],
        float(np.mean(~real[significant])),
        "false_discovery_share (recomputed from your p_values)",
        atol=1e-9,
    )


Q6_P = "p_values = stats.ttest_ind(group_b, group_a, axis=1, equal_var=False).pvalue\n"
Q6_SIG = "significant = p_values < 0.05\n"
Q6_FPR = "false_positive_rate = np.mean(significant[~effect_is_real])\n"
Q6_FDR = "false_discovery_share = np.mean(~effect_is_real[significant])\n"

Q6 = Question(
    id="q6",
    title="What a p-value does not say",
    points=2,
    prompt="""\
## q6 — How many "discoveries" are false? (2 points)

The setup simulated 1000 experiments: row `i` of `group_a` and `group_b` holds the two groups of
experiment `i`, and `effect_is_real[i]` says whether B really differs (in practice you never
know this). Test each experiment at the 5 % level.

- `p_values`: the two-sided p-value of Welch's t-test (B against A, `equal_var=False`) for every
  experiment, an array of shape `(1000,)` (one call with `axis=1` does all rows).
- `false_positive_rate`: among experiments **without** a real effect, the share with p < 0.05.
- `false_discovery_share`: among experiments **with p < 0.05**, the share that have **no** real
  effect.

Compare the last two: one of them is what people wrongly think a p-value of 0.05 means.""",
    reads=("p_values", "false_positive_rate", "false_discovery_share"),
    template="""\
p_values = ____
significant = ____  # True where p < 0.05
false_positive_rate = ____
false_discovery_share = ____""",
    solution="""\
p_values = stats.ttest_ind(group_b, group_a, axis=1, equal_var=False).pvalue
significant = p_values < 0.05
false_positive_rate = np.mean(significant[~effect_is_real])  # P(p < 0.05 | no effect)
false_discovery_share = np.mean(~effect_is_real[significant])  # P(no effect | p < 0.05)
print(f"false-positive rate {false_positive_rate:.3f}")
print(f"share of false discoveries {false_discovery_share:.3f}")""",
    mistakes=(
        Mistake(Q6_FDR_IS_ALPHA, Q6_P + Q6_SIG + Q6_FPR + "false_discovery_share = 0.05\n"),
        Mistake(
            Q6_FDR_IS_ALPHA,
            Q6_P + Q6_SIG + Q6_FPR + "false_discovery_share = false_positive_rate\n",
        ),
        Mistake(
            "`false_discovery_share` is the share of significant experiments *without* a real "
            "effect; you computed the share *with* one.",
            Q6_P
            + Q6_SIG
            + Q6_FPR
            + "false_discovery_share = np.mean(effect_is_real[significant])\n",
        ),
        Mistake(
            "Divide by the number of significant experiments, not by all 1000: take the mean "
            "over `significant` rows only, `np.mean(~effect_is_real[significant])`.",
            Q6_P
            + Q6_SIG
            + Q6_FPR
            + "false_discovery_share = np.mean(significant & ~effect_is_real)\n",
        ),
        Mistake(
            "`false_positive_rate` is taken among the experiments *without* a real effect: "
            "`np.mean(significant[~effect_is_real])`.",
            Q6_P + Q6_SIG + "false_positive_rate = np.mean(significant)\n" + Q6_FDR,
        ),
        Mistake(
            "Those are one-sided p-values; the prompt asks for two-sided ones (leave out "
            "`alternative=`).",
            "p_values = stats.ttest_ind(group_b, group_a, axis=1, equal_var=False, "
            'alternative="greater").pvalue\n' + Q6_SIG + Q6_FPR + Q6_FDR,
        ),
        Mistake(
            "That is Student's t-test: pass `equal_var=False` for Welch's test.",
            "p_values = stats.ttest_ind(group_b, group_a, axis=1).pvalue\n"
            + Q6_SIG
            + Q6_FPR
            + Q6_FDR,
        ),
    ),
    hints=(
        "`stats.ttest_ind(group_b, group_a, axis=1, equal_var=False).pvalue` tests every row at "
        "once. A boolean mask selects the rows a share is taken over.",
        "`np.mean(significant[~effect_is_real])` is the false-positive rate; "
        "`np.mean(~effect_is_real[significant])` the share of false discoveries.",
    ),
    checks=(
        Check("the p-values and both shares", _q6_public),
        Check("both shares agree with your own p-values", _q6_consistent, hidden=True),
    ),
)


# q7: the bootstrap ----------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _reference_spread(key: tuple[float, ...]) -> float:
    x = np.array(key)
    rng = np.random.default_rng(7)
    rows = rng.integers(0, len(x), size=(40000, len(x)))
    return float(np.median(x[rows], axis=1).std())


Q7_NO_REPLACEMENT = (
    "Every bootstrap median is the same: resampling *without* replacement only shuffles the "
    "data, so each resample has the same median. Draw with replacement "
    "(`rng.choice(x, size=n)` or `rng.integers(0, n, size=n)` as row numbers)."
)
Q7_NOT_MEDIANS = (
    "Some values are not medians of resamples of the data: the median of a resample of odd size "
    "n is always one of the data values. Take the median (not the mean) of each resample, and "
    "make each resample as large as x."
)
Q7_SEED = (
    "`bootstrap_medians` gives the same answer for different seeds: build the generator from "
    "the argument, `rng = np.random.default_rng(seed)`."
)
Q7_NINETY = (
    "That is a 90 % interval: a 95 % interval cuts 2.5 % from each end, "
    "`np.percentile(boot_medians, [2.5, 97.5])`."
)


def _expect_boot_shape(found: Any, n_boot: int, label: str) -> np.ndarray:
    try:
        values = np.asarray(found, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != (n_boot,):
        shape = "no array" if values is None else f"shape {values.shape}"
        hint = (
            " One median of everything? Take one median per resample with `axis=1`."
            if values is not None and values.ndim == 0
            else ""
        )
        raise CheckFailed(
            f"{label} should be an array of shape ({n_boot},), one median per resample, but it "
            f"has {shape}.{hint}"
        )
    return values


def _check_bootstrap(fn: Any, x: np.ndarray, n_boot: int, seed: int, label: str) -> np.ndarray:
    found = call_learner_function(fn, "bootstrap_medians", x.copy(), n_boot, seed)
    values = _expect_boot_shape(found, n_boot, label)
    if np.allclose(values, values[0]):
        raise KnownMistake(Q7_NO_REPLACEMENT)
    if not np.all(np.isin(values, x)):
        raise KnownMistake(Q7_NOT_MEDIANS)
    ratio = float(values.std()) / _reference_spread(tuple(float(v) for v in x))
    low, high = SPREAD_RANGE
    if not low <= ratio <= high:
        raise CheckFailed(
            f"the spread of {label} is {ratio:.2f} times what resampling n values with "
            f"replacement gives (expected between {low} and {high}): is each resample as large "
            "as x, and drawn with replacement?"
        )
    return values


def _q7_public(answers: Answers, params: Params) -> None:
    fn = answers["bootstrap_medians"]
    expect_callable(fn, "bootstrap_medians")
    x = np.random.default_rng(70).lognormal(3.0, 0.5, size=21).round(1)
    first = _check_bootstrap(fn, x, 500, 1, "`bootstrap_medians(x, 500, seed=1)`")
    again = call_learner_function(fn, "bootstrap_medians", x.copy(), 500, 1)
    if not np.array_equal(np.asarray(again, dtype=float), first):
        raise CheckFailed(
            "`bootstrap_medians` gave different answers for the same seed: draw every random "
            "number from `np.random.default_rng(seed)`."
        )
    other = call_learner_function(fn, "bootstrap_medians", x.copy(), 500, 2)
    if np.array_equal(np.asarray(other, dtype=float), first):
        raise KnownMistake(Q7_SEED)
    expect_inputs_unchanged(fn, "bootstrap_medians", ("x", "n_boot", "seed"))
    data = _data(params)
    boot = _expect_boot_shape(answers["boot_medians"], N_BOOT, "`boot_medians`")
    if np.allclose(boot, boot[0]):
        raise KnownMistake(Q7_NO_REPLACEMENT)
    if not np.all(np.isin(boot, data["incomes"])):
        raise KnownMistake(Q7_NOT_MEDIANS)
    ci = answers["median_ci"]
    ci = np.asarray(ci, dtype=float).ravel() if not isinstance(ci, str) else ci
    if not isinstance(ci, np.ndarray) or ci.shape != (2,):
        raise CheckFailed(f"`median_ci` should be a pair `(low, high)`, but it is {ci!r:.60}.")
    if np.allclose(ci, np.percentile(boot, [5, 95])):
        raise KnownMistake(Q7_NINETY)
    expect_array(ci, np.percentile(boot, [2.5, 97.5]), "median_ci", rtol=1e-9)


def _q7_other(answers: Answers, params: Params) -> None:
    fn = answers["bootstrap_medians"]
    rng = np.random.default_rng(77)
    for n in (9, 35):
        x = rng.normal(50.0, 10.0, size=n).round(2)
        _check_bootstrap(fn, x, 500, 5, f"bootstrap_medians on {n} other values")
    values = call_learner_function(fn, "bootstrap_medians", [4.0, 1.0, 9.0], 50, 3)
    _expect_boot_shape(values, 50, "bootstrap_medians on a list")


Q7_HEAD = "def bootstrap_medians(x, n_boot, seed):\n    x = np.asarray(x, dtype=float)\n"
Q7_REST = (
    "boot_medians = bootstrap_medians(incomes, 2000, seed)\n"
    "median_ci = np.percentile(boot_medians, [2.5, 97.5])\n"
)
Q7_FN = (
    Q7_HEAD + "    rng = np.random.default_rng(seed)\n"
    "    rows = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
    "    return np.median(x[rows], axis=1)\n"
)

Q7 = Question(
    id="q7",
    title="A bootstrap interval for a median",
    points=2,
    prompt="""\
## q7 — How sure are we of the median income? (2 points)

There is no simple formula for the standard error of a median. The **bootstrap** estimates it
by treating the sample as the population: draw a resample of the same size $n$ **with
replacement**, compute the statistic, repeat many times, and look at the spread.

- Write `bootstrap_medians(x, n_boot, seed)` returning a NumPy array of shape `(n_boot,)`: the
  median of each of `n_boot` resamples of `x`, all random numbers from
  `np.random.default_rng(seed)` (`x` may be a list).
- `boot_medians`: `bootstrap_medians(incomes, 2000, seed)`.
- `median_ci`: the 95 % percentile interval, the 2.5th and 97.5th percentiles of `boot_medians`
  (`np.percentile`), as a pair `(low, high)`.""",
    reads=("bootstrap_medians", "boot_medians", "median_ci"),
    template='''\
def bootstrap_medians(x, n_boot, seed):
    """Medians of n_boot resamples of x drawn with replacement."""
    return ____


boot_medians = ____
median_ci = ____''',
    solution='''\
def bootstrap_medians(x, n_boot, seed):
    """Medians of n_boot resamples of x drawn with replacement."""
    x = np.asarray(x, dtype=float)
    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(x), size=(n_boot, len(x)))  # one resample per row
    return np.median(x[rows], axis=1)


boot_medians = bootstrap_medians(incomes, 2000, seed)
median_ci = np.percentile(boot_medians, [2.5, 97.5])''',
    mistakes=(
        Mistake(
            Q7_NO_REPLACEMENT,
            Q7_HEAD + "    rng = np.random.default_rng(seed)\n"
            "    return np.array([np.median(rng.permutation(x)) for _ in range(n_boot)])\n\n"
            + Q7_REST,
        ),
        Mistake(
            Q7_NOT_MEDIANS,
            Q7_HEAD + "    rng = np.random.default_rng(seed)\n"
            "    rows = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
            "    return np.mean(x[rows], axis=1)\n\n" + Q7_REST,
        ),
        Mistake(
            Q7_SEED,
            Q7_HEAD + "    rng = np.random.default_rng(0)\n"
            "    rows = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
            "    return np.median(x[rows], axis=1)\n\n" + Q7_REST,
        ),
        Mistake(
            Q7_NINETY,
            Q7_FN + "\nboot_medians = bootstrap_medians(incomes, 2000, seed)\n"
            "median_ci = np.percentile(boot_medians, [5, 95])\n",
        ),
        Mistake(
            "`np.median(x[rows])` without `axis=1` is one median of everything: take one median "
            "per resample (per row) with `axis=1`.",
            Q7_HEAD + "    rng = np.random.default_rng(seed)\n"
            "    rows = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
            "    return np.median(x[rows])\n\n" + Q7_REST,
        ),
    ),
    hints=(
        "`rng.integers(0, n, size=(n_boot, n))` draws row numbers with replacement, one "
        "resample per row; `x[rows]` turns them into values.",
        "`np.median(x[rows], axis=1)` gives one median per resample; the interval is "
        "`np.percentile(boot_medians, [2.5, 97.5])`.",
    ),
    checks=(
        Check("bootstrap medians of a small sample; the interval for incomes", _q7_public),
        Check("other sample sizes and a plain list", _q7_other, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("05"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
