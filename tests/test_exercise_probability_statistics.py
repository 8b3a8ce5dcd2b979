"""The exercise 05 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def probstat():
    with threadpool_limits(1):
        yield load_exercise("05")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(probstat, seed):
    results = evaluate(probstat, probstat.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in probstat.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(probstat):
    namespace = probstat.run_context(seed=0)
    for question in probstat.questions:
        exec(question.template, namespace)
    results = evaluate(probstat, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(probstat, question_id, code, seed=0):
    namespace = probstat.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return probstat.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


VAR_OK = (
    "def sample_variance(x):\n"
    "    x = np.asarray(x, dtype=float)\n"
    "    return np.sum((x - x.mean()) ** 2) / (len(x) - 1)\n"
)
R_OK = (
    "def pearson_r(x, y):\n"
    "    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)\n"
    "    dx, dy = x - x.mean(), y - y.mean()\n"
    "    return np.sum(dx * dy) / np.sqrt(np.sum(dx**2) * np.sum(dy**2))\n"
)
VAR = "def sample_variance(x):\n    x = np.asarray(x, dtype=float)\n"
R = (
    "def pearson_r(x, y):\n"
    "    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)\n"
    "    dx, dy = x - x.mean(), y - y.mean()\n"
)
POST = "def posterior_positive(prior, sensitivity, specificity):\n"
POST_OK = (
    POST + "    tp = sensitivity * prior\n    return tp / (tp + (1 - specificity) * (1 - prior))\n"
)
POST_REST = (
    "p_sick_given_positive = posterior_positive(prevalence, sensitivity, specificity)\n"
    "p_sick_given_two_positives = posterior_positive(p_sick_given_positive, sensitivity, "
    "specificity)\n"
)
LL = "def gaussian_log_likelihood(x, mu, sigma):\n    x = np.asarray(x, dtype=float)\n"
LL_OK = LL + (
    "    return -len(x) / 2 * np.log(2 * np.pi * sigma**2) - np.sum((x - mu) ** 2) / "
    "(2 * sigma**2)\n"
)
MLE = "mu_mle = np.mean(measurements)\nsigma_mle = np.std(measurements)\n"
CI = "def mean_ci(x, level):\n    x = np.asarray(x, dtype=float)\n    n = len(x)\n"
CI_RETURN = "    return x.mean() - c * se, x.mean() + c * se\n"
CI_REST = "battery_ci = mean_ci(battery_hours, 0.95)\n"
AB = "def ab_test(treatment, control):\n"
AB_REST = "ab_result = ab_test(treatment, control)\n"
TWO = "stats.ttest_ind(treatment, control, equal_var=False)"
ONE = 'stats.ttest_ind(treatment, control, equal_var=False, alternative="greater")'
P6 = "p_values = stats.ttest_ind(group_b, group_a, axis=1, equal_var=False).pvalue\n"
SIG = "significant = p_values < 0.05\n"
FPR = "false_positive_rate = np.mean(significant[~effect_is_real])\n"
FDR = "false_discovery_share = np.mean(~effect_is_real[significant])\n"
BOOT = "def bootstrap_medians(x, n_boot, seed):\n    x = np.asarray(x, dtype=float)\n"
BOOT_RNG = "    rng = np.random.default_rng(seed)\n"
BOOT_ROWS = "    rows = rng.integers(0, len(x), size=(n_boot, len(x)))\n"
BOOT_OK = BOOT + BOOT_RNG + BOOT_ROWS + "    return np.median(x[rows], axis=1)\n"
BOOT_REST = (
    "boot_medians = bootstrap_medians(incomes, 2000, seed)\n"
    "median_ci = np.percentile(boot_medians, [2.5, 97.5])\n"
)


def ab(two, one):
    return (
        AB
        + f"    two = {two}\n    one = {one}\n"
        + ("    return two.statistic, two.pvalue, one.pvalue\n" + AB_REST)
    )


def ci(se, crit):
    return CI + f"    se = {se}\n    c = {crit}\n" + CI_RETURN + CI_REST


SE = "x.std(ddof=1) / np.sqrt(n)"
CRIT = "stats.t.ppf((1 + level) / 2, df=n - 1)"

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def sample_variance(x):\n    return float(np.var(x, ddof=1))\n"
        "def pearson_r(x, y):\n    return np.corrcoef(x, y)[0, 1]\n",
        "def sample_variance(x):\n    x = np.array(x, dtype=float)\n"
        "    return (np.sum(x**2) - len(x) * x.mean() ** 2) / (len(x) - 1)\n"
        "def pearson_r(x, y):\n    x, y = np.asarray(x, float), np.asarray(y, float)\n"
        "    return np.cov(x, y)[0, 1] / (np.std(x, ddof=1) * np.std(y, ddof=1))\n",
    ],
    "q2": [
        POST + "    positive = sensitivity * prior + (1 - specificity) * (1 - prior)\n"
        "    return sensitivity * prior / positive\n"
        "p_sick_given_positive = posterior_positive(prevalence, sensitivity, specificity)\n"
        "s2, f2 = sensitivity**2, (1 - specificity) ** 2\n"
        "p_sick_given_two_positives = prevalence * s2 / (prevalence * s2 + (1 - prevalence) * f2)\n",
    ],
    "q3": [
        "def gaussian_log_likelihood(x, mu, sigma):\n"
        "    z = (np.asarray(x) - mu) / sigma\n"
        "    return float(np.sum(-0.5 * np.log(2 * np.pi) - np.log(sigma) - 0.5 * z**2))\n"
        "mu_mle = measurements.mean()\n"
        "sigma_mle = np.sqrt(np.mean((measurements - measurements.mean()) ** 2))\n",
    ],
    "q4": [
        "def mean_ci(x, level):\n"
        "    x = np.asarray(x, dtype=float)\n"
        "    return stats.t.interval(level, len(x) - 1, loc=x.mean(), scale=stats.sem(x))\n"
        + CI_REST,
        CI + "    half = -stats.t.ppf((1 - level) / 2, n - 1) * np.sqrt(x.var(ddof=1) / n)\n"
        "    return [x.mean() - half, x.mean() + half]\n" + CI_REST,
    ],
    "q5": [
        AB + "    r = stats.ttest_ind(treatment, control, equal_var=False)\n"
        "    one = r.pvalue / 2 if r.statistic > 0 else 1 - r.pvalue / 2\n"
        "    return [r.statistic, r.pvalue, one]\n" + AB_REST,
    ],
    "q6": [
        "p_values = np.array([stats.ttest_ind(b, a, equal_var=False).pvalue "
        "for a, b in zip(group_a, group_b)])\n"
        + SIG
        + "false_positive_rate = (significant & ~effect_is_real).sum() / (~effect_is_real).sum()\n"
        "false_discovery_share = (significant & ~effect_is_real).sum() / significant.sum()\n",
    ],
    "q7": [
        "def bootstrap_medians(x, n_boot, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    return np.median(rng.choice(np.asarray(x), size=(n_boot, len(x))), axis=1)\n"
        "boot_medians = bootstrap_medians(incomes, 2000, seed)\n"
        "median_ci = (np.percentile(boot_medians, 2.5), np.percentile(boot_medians, 97.5))\n",
        "def bootstrap_medians(x, n_boot, seed):\n"
        "    rng = np.random.default_rng(seed)\n"
        "    out = []\n"
        "    for _ in range(n_boot):\n"
        "        out.append(np.median(rng.choice(x, size=len(x), replace=True)))\n"
        "    return np.array(out)\n" + BOOT_REST,
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (VAR + "    return np.var(x)\n" + R_OK, "population variance"),
        (VAR + "    return np.sum((x - x.mean()) ** 2) / (len(x) + 1)\n" + R_OK, "not n + 1"),
        (VAR + "    return np.std(x, ddof=1)\n" + R_OK, "standard deviation"),
        (
            VAR + "    return np.mean(np.abs(x - x.mean())) * len(x) / (len(x) - 1)\n" + R_OK,
            "squared",
        ),
        (
            VAR_OK + "def pearson_r(x, y):\n"
            "    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)\n"
            "    return np.sum(x * y) / np.sqrt(np.sum(x**2) * np.sum(y**2))\n",
            "Centre first",
        ),
        (VAR_OK + R + "    return np.mean(dx * dy)\n", "That is the covariance"),
        (VAR_OK + R + "    return np.cov(x, y)[0, 1]\n", "That is the covariance"),
        (VAR_OK + R + "    return np.cov(x, y)[0, 1] / (x.std() * y.std())\n", "same divisor"),
        (VAR_OK + "def pearson_r(x, y):\n    return np.corrcoef(x, y)\n", "2x2"),
        (
            "def sample_variance(x):\n    return np.sum((x - x.mean()) ** 2) / (len(x) - 1)\n"
            + R_OK,
            "on lists",
        ),
        (
            VAR_OK + "from scipy.stats import pearsonr\n"
            "def pearson_r(x, y):\n    return pearsonr(x, y)[0]\n",
            "NumPy only",
        ),
    ],
    "q2": [
        (POST + "    return sensitivity\n" + POST_REST, "P(+ | sick)"),
        (
            POST + "    return sensitivity / (sensitivity + 1 - specificity)\n" + POST_REST,
            "base-rate neglect",
        ),
        (
            POST + "    tp = sensitivity * prior\n"
            "    return tp / (tp + (1 - sensitivity) * (1 - prior))\n" + POST_REST,
            "1 - specificity",
        ),
        (POST + "    return prior * sensitivity\n" + POST_REST, "joint probability"),
        (
            POST + "    tp = sensitivity * prior\n"
            "    return tp / (tp + specificity * (1 - prior))\n" + POST_REST,
            "healthy people who test positive",
        ),
        (
            POST_OK + "p_sick_given_positive = posterior_positive(prevalence, sensitivity, "
            "specificity)\np_sick_given_two_positives = p_sick_given_positive ** 2\n",
            "updated belief",
        ),
        (
            POST_OK + "p_sick_given_positive = posterior_positive(prevalence, sensitivity, "
            "specificity)\np_sick_given_two_positives = p_sick_given_positive\n",
            "p_sick_given_two_positives",
        ),
    ],
    "q3": [
        (
            LL + "    return len(x) / 2 * np.log(2 * np.pi * sigma**2) + "
            "np.sum((x - mu) ** 2) / (2 * sigma**2)\n" + MLE,
            "sign is flipped",
        ),
        (
            LL + "    return np.log(np.prod(np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / "
            "np.sqrt(2 * np.pi * sigma**2)))\n" + MLE,
            "underflowed",
        ),
        (
            LL + "    return -len(x) / 2 * np.log(2 * np.pi * sigma) - "
            "np.sum((x - mu) ** 2) / (2 * sigma)\n" + MLE,
            "the variance",
        ),
        (LL + "    return -np.sum((x - mu) ** 2) / (2 * sigma**2)\n" + MLE, "normalising term"),
        (
            LL + "    return -0.5 * np.log(2 * np.pi * sigma**2) - "
            "np.mean((x - mu) ** 2) / (2 * sigma**2)\n" + MLE,
            "*sum*",
        ),
        (
            LL_OK + "mu_mle = np.mean(measurements)\nsigma_mle = np.std(measurements, ddof=1)\n",
            "divides by n",
        ),
        (
            LL_OK + "mu_mle = np.mean(measurements)\nsigma_mle = np.var(measurements)\n",
            "you gave the variance",
        ),
        (
            "def gaussian_log_likelihood(x, mu, sigma):\n"
            "    return stats.norm.logpdf(x, mu, sigma).sum()\n" + MLE,
            "NumPy only",
        ),
    ],
    "q4": [
        (ci("x.std(ddof=1)", CRIT), "standard error"),
        (ci(SE, "stats.t.ppf(level, df=n - 1)"), "one-sided"),
        (ci(SE, "1.96"), "normal quantile"),
        (ci("np.std(x) / np.sqrt(n)", CRIT), "ddof=1"),
        (ci(SE, "stats.t.ppf((1 + level) / 2, n)"), "n - 1 degrees of freedom"),
        (ci("x.std(ddof=1) / n", CRIT), "square root of n"),
        (CI + "    return stats.t.ppf((1 + level) / 2, n - 1) * " + SE + "\n" + CI_REST, "pair"),
    ],
    "q5": [
        (ab(ONE, ONE), "`p_two_sided` is one-sided"),
        (ab(TWO, TWO), "`p_one_sided` is the two-sided"),
        (
            ab(
                "stats.ttest_ind(control, treatment, equal_var=False)",
                'stats.ttest_ind(control, treatment, equal_var=False, alternative="greater")',
            ),
            "groups are swapped",
        ),
        (
            ab(
                "stats.ttest_ind(treatment, control)",
                'stats.ttest_ind(treatment, control, alternative="greater")',
            ),
            "Student's t-test",
        ),
        (
            ab(TWO, 'stats.ttest_ind(treatment, control, equal_var=False, alternative="less")'),
            '`alternative="less"`',
        ),
        (
            AB + f"    r = {TWO}\n    return r.statistic, r.pvalue, r.pvalue / 2\n" + AB_REST,
            "Halving the two-sided p-value",
        ),
        (AB + f"    return {TWO}.pvalue\n" + AB_REST, "triple"),
    ],
    "q6": [
        (P6 + SIG + FPR + "false_discovery_share = 0.05\n", "does not mean a 5 %"),
        (P6 + SIG + FPR + "false_discovery_share = false_positive_rate\n", "P(no effect"),
        (
            P6 + SIG + FPR + "false_discovery_share = np.mean(effect_is_real[significant])\n",
            "share *with* one",
        ),
        (
            P6 + SIG + FPR + "false_discovery_share = np.mean(significant & ~effect_is_real)\n",
            "Divide by the number of significant",
        ),
        (
            P6 + SIG + "false_positive_rate = np.mean(significant)\n" + FDR,
            "among the experiments *without*",
        ),
        (
            P6.replace(".pvalue", ', alternative="greater").pvalue').replace(
                "equal_var=False)", "equal_var=False"
            )
            + SIG
            + FPR
            + FDR,
            "one-sided p-values",
        ),
        (P6.replace(", equal_var=False", "") + SIG + FPR + FDR, "Student's t-test"),
        (
            "p_values = stats.ttest_rel(group_b, group_a, axis=1).pvalue\n" + SIG + FPR + FDR,
            "`p_values` differs",
        ),
    ],
    "q7": [
        (
            BOOT + BOOT_RNG + "    return np.array([np.median(rng.choice(x, size=len(x), "
            "replace=False)) for _ in range(n_boot)])\n" + BOOT_REST,
            "without* replacement",
        ),
        (
            BOOT + BOOT_RNG + BOOT_ROWS + "    return x[rows].mean(axis=1)\n" + BOOT_REST,
            "not the mean",
        ),
        (
            BOOT
            + "    rng = np.random.default_rng(42)\n"
            + BOOT_ROWS
            + "    return np.median(x[rows], axis=1)\n"
            + BOOT_REST,
            "different seeds",
        ),
        (
            BOOT_OK + "boot_medians = bootstrap_medians(incomes, 2000, seed)\n"
            "median_ci = np.percentile(boot_medians, [5, 95])\n",
            "90 % interval",
        ),
        (BOOT + BOOT_RNG + BOOT_ROWS + "    return np.median(x[rows])\n" + BOOT_REST, "axis=1"),
        (
            BOOT + BOOT_RNG + "    rows = rng.integers(0, len(x), size=(n_boot, len(x) // 2 + 1))\n"
            "    return np.median(x[rows], axis=1)\n" + BOOT_REST,
            "as large as x",
        ),
        (
            BOOT
            + "    rng = np.random.default_rng()\n"
            + BOOT_ROWS
            + "    return np.median(x[rows], axis=1)\n"
            + BOOT_REST,
            "same seed",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(probstat, question_id, code):
    result = answer(probstat, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(probstat, question_id, code, named):
    result = answer(probstat, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("(len(x) - 1)", "(len(x) - 2)"),
        ("np.sum(dx**2) * np.sum(dy**2)", "np.sum(dx**2) + np.sum(dy**2)"),
    ],
    "q2": [
        ("(1 - specificity) * (1 - prior)", "(1 - specificity) * prior"),
        ("true_positive = sensitivity * prior", "true_positive = sensitivity"),
    ],
    "q3": [
        ("/ (2 * sigma**2)", "/ (sigma**2)"),
        ("-n / 2 *", "-n / 3 *"),
        ("np.std(measurements)", "np.std(measurements[1:])"),
    ],
    "q4": [("(1 + level) / 2", "(1 + level) / 2.1"), ("np.sqrt(n)", "np.sqrt(n - 1)")],
    "q5": [
        ('alternative="greater"', 'alternative="less"'),
        ("equal_var=False)", "equal_var=True)"),
    ],
    "q6": [
        ("significant = p_values < 0.05", "significant = p_values < 0.1"),
        ("np.mean(~effect_is_real[significant])", "np.mean(~effect_is_real[~significant])"),
    ],
    "q7": [
        ("size=(n_boot, len(x))", "size=(n_boot, len(x) // 2)"),
        ("[2.5, 97.5]", "[2.5, 97]"),
        ("axis=1", "axis=0"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    probstat, question_id, old, new
):
    solution = probstat.question(question_id).solution
    assert old in solution
    result = answer(probstat, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(probstat):
    for question in probstat.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_a_wrong_answer_that_passes_the_public_checks_fails_a_hidden_one(probstat):
    code = "def sample_variance(x):\n    return np.sum((x - x.mean()) ** 2) / (len(x) - 1)\n" + R_OK
    namespace = probstat.run_context(seed=0)
    exec(code, namespace)
    question = probstat.question("q1")
    assert question.evaluate(namespace, {"seed": 0}, include_hidden=False).status == Status.PASSED
    hidden = question.evaluate(namespace, {"seed": 0}, include_hidden=True)
    assert hidden.status == Status.FAILED and "hidden check" in hidden.message


def test_a_positive_test_for_a_rare_condition_is_mostly_a_false_alarm(probstat):
    for seed in range(20):
        namespace = probstat.run_solutions(seed=seed)
        assert namespace["p_sick_given_positive"] < 0.5 < namespace["sensitivity"]
        assert namespace["p_sick_given_two_positives"] > namespace["p_sick_given_positive"]


def test_false_discoveries_are_far_more_common_than_alpha_for_every_seed(probstat):
    for seed in range(20):
        ns = probstat.run_context(seed=seed)
        exec(probstat.question("q6").solution.split("print")[0], ns)
        assert 0.03 < ns["false_positive_rate"] < 0.08
        assert ns["false_discovery_share"] > 0.25


def test_different_seeds_give_different_data(probstat):
    a, b = probstat.run_context(seed=0), probstat.run_context(seed=1)
    assert not np.array_equal(a["scores"], b["scores"])
    assert not np.array_equal(a["incomes"], b["incomes"])
    assert a["prevalence"] != b["prevalence"] or a["sensitivity"] != b["sensitivity"]
