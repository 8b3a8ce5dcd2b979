"""The exercise 02 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def ex02():
    return load_exercise("02")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(ex02, seed):
    results = evaluate(ex02, ex02.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in ex02.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(ex02):
    namespace = ex02.run_context(seed=0)
    for question in ex02.questions:
        exec(question.template, namespace)
    results = evaluate(ex02, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True
        )


# Building blocks for the answers below.
CLASS = (
    "class Standardiser:\n"
    "    def fit(self, X):\n"
    "        X = np.asarray(X, dtype=float)\n"
    "        self.mean_ = MEAN\n"
    "        self.scale_ = SCALE\n"
    "        return self\n"
    "    def transform(self, X):\n"
    "        X = np.asarray(X, dtype=float)\n"
    "        BODY\n"
    "scaler = Standardiser().fit(X_train)\n"
)
GOOD = {
    "MEAN": "X.mean(axis=0)",
    "SCALE": "X.std(axis=0)",
    "BODY": "return (X - self.mean_) / self.scale_",
}


def standardiser(**changes):
    code = CLASS
    for key, value in {**GOOD, **changes}.items():
        code = code.replace(key, value)
    return code


PAIRS = "def pairwise_sq_dists(A, B):\n    A, B = np.asarray(A, float), np.asarray(B, float)\n"
SOFT = "def softmax(Z):\n    Z = np.asarray(Z, dtype=float)\n"
CLOSEST = "\nclosest = int(np.argmin([mean_abs_diff(g, probe) for g in gallery]))\n"
BOOT = "def bootstrap_means(x, n_boot, seed):\n    x = np.asarray(x, dtype=float)\n"
CI = "\nci = np.percentile(bootstrap_means(X_train[:, 0], 2000, seed), [2.5, 97.5])\n"
FIT = (
    "from scipy import optimize, stats\n"
    "def fit_decay(t, y):\n"
    "    t, y = np.asarray(t, float), np.asarray(y, float)\n"
    "    def loss(p):\n"
    "        return LOSS\n"
    "    return RESULT\n"
)
P = "p_value = stats.ttest_ind(X_train[y_train == 0, 1], X_train[y_train == 1, 1], equal_var=False).pvalue\n"


def decay(loss="np.sum((p[0] * np.exp(-p[1] * t) - y) ** 2)", result=None, p=P):
    result = result or "optimize.minimize(loss, x0=[1.0, 1.0]).x"
    return FIT.replace("LOSS", loss).replace("RESULT", result) + p


# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def batch_bounds(n, batch_size):\n"
        "    out, start = [], 0\n"
        "    while start < n:\n"
        "        out.append((start, min(n, start + batch_size)))\n"
        "        start += batch_size\n"
        "    return out",
        "def batch_bounds(n, batch_size):\n"
        "    starts = np.arange(0, n, batch_size)\n"
        "    return list(zip(starts, np.minimum(starts + batch_size, n)))",
    ],
    "q2": [
        standardiser(
            MEAN="X.sum(axis=0) / len(X)",
            SCALE="np.sqrt(((X - X.mean(axis=0)) ** 2).mean(axis=0))",
            BODY="out = X.copy()\n        out -= self.mean_\n        out /= self.scale_\n"
            "        return out",
        ),
    ],
    "q3": [
        PAIRS + "    a = (A**2).sum(axis=1)[:, None]\n    b = (B**2).sum(axis=1)[None, :]\n"
        "    return a + b - 2 * A @ B.T",
        PAIRS + "    d = A[:, np.newaxis] - B\n    return np.einsum('ijk,ijk->ij', d, d)",
        # one loop over the rows of A, each row broadcast against B: fast enough to pass
        PAIRS
        + "    return np.array([((a - B) ** 2).sum(axis=1) for a in A]).reshape(len(A), len(B))",
    ],
    "q4": [
        SOFT + "    e = np.exp(Z - Z.max(axis=1)[:, None])\n    return e / e.sum(axis=1)[:, None]",
        SOFT + "    s = Z - Z.max(axis=-1, keepdims=True)\n"
        "    return np.exp(s - np.log(np.exp(s).sum(axis=-1, keepdims=True)))",
    ],
    "q5": [
        "def mean_abs_diff(a, b):\n"
        "    return float(np.mean(np.abs(a.astype(np.int16) - b.astype(np.int16))))" + CLOSEST,
        "def mean_abs_diff(a, b):\n"
        "    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)\n"
        "    return np.abs(a - b).sum() / a.size\n"
        "closest = min(range(len(gallery)), key=lambda i: mean_abs_diff(gallery[i], probe))\n",
    ],
    "q6": [
        BOOT + "    rng = np.random.default_rng(seed)\n"
        "    return rng.choice(x, size=(n_boot, len(x))).mean(axis=1)" + CI,
        BOOT + "    rng = np.random.default_rng(seed)\n"
        "    idx = rng.integers(len(x), size=(n_boot, len(x)))\n"
        "    return np.array([x[row].mean() for row in idx])\n"
        "boot = bootstrap_means(X_train[:, 0], 2000, seed)\n"
        "ci = np.array([np.percentile(boot, 2.5), np.percentile(boot, 97.5)])\n",
    ],
    "q7": [
        decay(
            result="optimize.least_squares(lambda p: p[0] * np.exp(-p[1] * t) - y, [1.0, 1.0]).x"
        ),
        decay(
            result="optimize.minimize(loss, x0=np.array([1.0, 1.0]), method='Nelder-Mead', "
            "options={'xatol': 1e-8, 'fatol': 1e-12}).x",
            p="from scipy.stats import ttest_ind\n"
            "t_stat, p_value = ttest_ind(X_train[y_train == 0][:, 1], "
            "X_train[y_train == 1][:, 1], equal_var=False)\n",
        ),
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (
            "def batch_bounds(n, b):\n    return [(s, s + b) for s in range(0, n, b)]",
            "runs past the end",
        ),
        (
            "def batch_bounds(n, b):\n"
            "    return list(zip(range(0, n - b + 1, b), range(b, n + 1, b)))",
            "last, shorter batch is missing",
        ),
        (
            "def batch_bounds(n, b):\n    return [(s, min(s + b - 1, n - 1)) for s in range(0, n, b)]",
            "stops *before* `stop`",
        ),
        (
            "def batch_bounds(n, b):\n"
            "    return [(i * b, min(i * b + b, n)) for i in range(int(n / b) + 1)]",
            "empty batch at the end",
        ),
        (
            "def batch_bounds(n, b):\n"
            "    return [(s * 1.0, min(s + b, n) * 1.0) for s in range(0, n, b)]",
            "must be integers",
        ),
        (
            "def batch_bounds(n, b):\n    return [(s, min(s + b, n)) for s in range(1, n, b)]",
            "was expected",
        ),
    ],
    "q2": [
        (standardiser().replace("        return self\n", ""), "`return self`"),
        (standardiser(MEAN="np.mean(X, axis=1)"), "Wrong axis"),
        (standardiser(SCALE="np.std(X, axis=0, ddof=1)"), "sample standard deviation"),
        (standardiser(SCALE="np.var(X, axis=0)"), "holds the variance"),
        (
            standardiser(BODY="return (X - np.mean(X, axis=0)) / np.std(X, axis=0)"),
            "recomputes the mean",
        ),
        (
            standardiser(BODY="X -= self.mean_\n        X /= self.scale_\n        return X"),
            "changed its input `X` in place",
        ),
        (standardiser(SCALE="X.std()"), "scale_"),
    ],
    "q3": [
        (
            PAIRS + "    D = np.empty((len(A), len(B)))\n"
            "    for i in range(len(A)):\n"
            "        for j in range(len(B)):\n"
            "            D[i, j] = ((A[i] - B[j]) ** 2).sum()\n"
            "    return D",
            "one at a time in Python",
        ),
        (
            "def pairwise_sq_dists(A, B):\n"
            "    A, B = np.asarray(A).tolist(), np.asarray(B).tolist()\n"
            "    return np.array([[sum((p - q) ** 2 for p, q in zip(a, b)) for b in B] for a in A])",
            "one at a time in Python",
        ),
        (PAIRS + "    return ((A[:, None] - B[None]) ** 2).sum(axis=1)", "Wrong axis"),
        (
            PAIRS + "    return (A**2).sum(1) + (B**2).sum(1) - 2 * A @ B.T",
            "broadcast where a column was meant",
        ),
        (
            PAIRS + "    return np.sqrt(((A[:, None] - B[None]) ** 2).sum(-1))",
            "not *squared* distances",
        ),
        (PAIRS + "    return ((B[:, None] - A[None]) ** 2).sum(-1)", "Rows of the answer belong"),
        (
            "from scipy.spatial.distance import cdist\n"
            "def pairwise_sq_dists(A, B):\n    return cdist(A, B) ** 2",
            "calls SciPy",
        ),
        (
            "from sklearn.metrics.pairwise import euclidean_distances\n"
            "def pairwise_sq_dists(A, B):\n    return euclidean_distances(A, B, squared=True)",
            "scikit-learn, but the prompt asks for NumPy only",
        ),
    ],
    "q4": [
        (SOFT + "    e = np.exp(Z - Z.max())\n    return e / e.sum(axis=0)", "Wrong axis"),
        (
            SOFT
            + "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n    return e / np.sum(e, axis=1)",
            "broadcasts as a *row*",
        ),
        (
            SOFT + "    e = np.exp(Z - np.max(Z, axis=1))\n    return e / e.sum(1, keepdims=True)",
            "subtracted as a *row*",
        ),
        (SOFT + "    return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)", "overflows"),
        (
            "def softmax(Z):\n    Z = np.asarray(Z, dtype=float)\n"
            "    Z -= Z.max(axis=1, keepdims=True)\n"
            "    np.exp(Z, out=Z)\n    Z /= Z.sum(axis=1, keepdims=True)\n    return Z",
            "changed its input `Z` in place",
        ),
        (
            "def softmax(Z):\n    Z = np.asarray(Z)\n    out = np.zeros_like(Z)\n"
            "    e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
            "    out[:] = e / e.sum(axis=1, keepdims=True)\n    return out",
            "whole numbers",
        ),
        (
            "from scipy.special import softmax as sp_softmax\n"
            "def softmax(Z):\n    return sp_softmax(Z, axis=1)",
            "calls SciPy",
        ),
    ],
    "q5": [
        ("def mean_abs_diff(a, b):\n    return np.mean(np.abs(a - b))" + CLOSEST, "wrapped around"),
        (
            "def mean_abs_diff(a, b):\n    return float(np.abs(np.int8(a) - np.int8(b)).mean())"
            + CLOSEST,
            "int8 holds only",
        ),
        (
            "def mean_abs_diff(a, b):\n"
            "    return np.abs(a.astype(float) - b.astype(float)).sum() // a.size" + CLOSEST,
            "floor division",
        ),
        (
            "def mean_abs_diff(a, b):\n    return np.abs(a / 1.0 - b / 1.0).mean(axis=0)" + CLOSEST,
            "averages each column",
        ),
        (
            "def mean_abs_diff(a, b):\n    return float(np.mean(a.astype(int) - b.astype(int)))"
            + CLOSEST,
            "absolute value is missing",
        ),
        (
            "def mean_abs_diff(a, b):\n    return float(np.abs(a / 1.0 - b / 1.0).mean())"
            + CLOSEST.replace("argmin", "argmax"),
            "*furthest*",
        ),
    ],
    "q6": [
        (
            BOOT + "    return np.random.choice(x, size=(n_boot, len(x))).mean(axis=1)" + CI,
            "Two calls with the same seed",
        ),
        (
            BOOT + "    rng = np.random.default_rng()\n"
            "    return x[rng.integers(0, len(x), (n_boot, len(x)))].mean(axis=1)" + CI,
            "Two calls with the same seed",
        ),
        (
            BOOT + "    np.random.seed(seed)\n"
            "    return x[np.random.randint(0, len(x), (n_boot, len(x)))].mean(axis=1)" + CI,
            "old global generator",
        ),
        (
            BOOT + "    rng = np.random.default_rng(42)\n"
            "    return x[rng.integers(0, len(x), (n_boot, len(x)))].mean(axis=1)" + CI,
            "ignores its `seed`",
        ),
        (
            BOOT + "    rng = np.random.default_rng(seed)\n"
            "    return x[rng.integers(0, len(x) - 1, (n_boot, len(x)))].mean(axis=1)" + CI,
            "Off by one",
        ),
        (
            BOOT + "    rng = np.random.default_rng(seed)\n"
            "    return x[rng.integers(0, len(x), (n_boot, len(x)))].mean(axis=0)" + CI,
            "Wrong axis",
        ),
        (
            BOOT + "    rng = np.random.default_rng(seed)\n"
            "    return np.array([rng.choice(x, len(x), replace=False).mean() "
            "for _ in range(n_boot)])" + CI,
            "same mean",
        ),
        (
            BOOT + "    rng = np.random.default_rng(seed)\n"
            "    return x[rng.integers(0, len(x), (n_boot, len(x)))].mean(axis=1)"
            + CI.replace("[2.5, 97.5]", "[5, 95]"),
            "`ci`",
        ),
    ],
    "q7": [
        (decay(loss="np.abs(p[0] * np.exp(-p[1] * t) - y).sum()"), "absolute errors"),
        (decay(loss="np.sum((p[0] * np.exp(p[1] * t) - y) ** 2)"), "minus sign"),
        (decay(result="optimize.minimize(loss, x0=[1.0, 1.0]).x[[1, 0]]"), "wrong order"),
        (decay(p=P.replace(", equal_var=False", "")), "Student's t-test"),
        (decay(p=P.replace(".pvalue", "[0]")), "t statistic"),
        (
            decay(
                p=P.replace("y_train == 0, 1]", "y_train == 0][1]").replace(
                    "y_train == 1, 1]", "y_train == 1][1]"
                )
            ),
            "second *row*",
        ),
        (decay(result="optimize.minimize(loss, x0=[1.0, 1.0])"), "not data"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(ex02, question_id, code):
    result = answer(ex02, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(ex02, question_id, code, named):
    result = answer(ex02, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


def test_every_question_has_five_beginner_mistakes_tested(ex02):
    assert all(len(WRONG[q.id]) >= 5 for q in ex02.questions)


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("min(start + batch_size, n)", "min(start + batch_size, n - 1)"),
        ("range(0, n, batch_size)", "range(0, n - 1, batch_size)"),
    ],
    "q2": [
        ("X.std(axis=0)", "X.std(axis=0) + 1e-3"),
        ("(X - self.mean_)", "(X + self.mean_)"),
        ("return (X - self.mean_) / self.scale_", "return (X - self.mean_) / self.scale_**2"),
    ],
    "q3": [("(diff**2)", "(diff**3)"), ("sum(axis=2)", "mean(axis=2)")],
    "q4": [
        ("np.exp(shifted)", "np.exp(2 * shifted)"),
        ("e / e.sum(axis=1, keepdims=True)", "e / e.max(axis=1, keepdims=True)"),
    ],
    "q5": [("np.abs(a - b).mean()", "np.abs(a - b).max()"), ("np.argmin", "np.argmax")],
    "q6": [
        ("mean(axis=1)", "sum(axis=1)"),
        ("[2.5, 97.5]", "[5, 95]"),
        ("len(x), size", "len(x) - 1, size"),
    ],
    "q7": [
        ("** 2)", "** 4)"),
        ("equal_var=False", "equal_var=True"),
        ("y_train == 1, 1]", "y_train == 2, 1]"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(ex02, question_id, old, new):
    solution = ex02.question(question_id).solution
    assert old in solution
    result = answer(ex02, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(ex02):
    for question in ex02.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_answers_depend_on_the_seed(ex02):
    a, b = ex02.run_solutions(seed=0), ex02.run_solutions(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
    assert not np.allclose(a["ci"], b["ci"])
    assert a["p_value"] != b["p_value"]


def test_a_right_answer_for_one_seed_fails_for_another(ex02):
    """ci and p_value are computed from the seed's data, not typed in."""
    key = ex02.run_solutions(seed=0)
    code = ex02.question("q6").solution.replace(
        "ci = np.percentile(boot, [2.5, 97.5])", f"ci = np.array({key['ci'].tolist()})"
    )
    result = answer(ex02, "q6", code, seed=3)
    assert result.status == Status.FAILED and "`ci`" in result.message


def test_a_double_loop_that_uses_up_the_question_time_is_still_named(ex02):
    # On a busy machine the large problem can take longer than the question allows.
    code = (
        "import time\n"
        "def pairwise_sq_dists(A, B):\n"
        "    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)\n"
        "    if len(A) > 100:\n"
        "        time.sleep(30)\n"
        "    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(axis=2)\n"
    )
    namespace = ex02.run_context(seed=0)
    exec(code, namespace)
    question = ex02.question("q3")
    result = question.evaluate(namespace, {"seed": 0}, include_hidden=True, time_limit=2)
    assert result.status == Status.FAILED, result.message
    assert "visits the pairs one at a time" in result.message
