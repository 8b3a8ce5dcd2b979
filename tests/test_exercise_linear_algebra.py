"""The exercise 03 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def linalg():
    return load_exercise("03")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(linalg, seed):
    results = evaluate(linalg, linalg.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in linalg.questions
    }


def test_templates_are_not_attempted(linalg):
    namespace = linalg.run_context(seed=0)
    for question in linalg.questions:
        exec(question.template, namespace)
    results = evaluate(linalg, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(linalg, question_id, code, seed=0):
    namespace = linalg.run_context(seed=seed)
    exec(code, namespace)
    return linalg.question(question_id).evaluate(
        namespace, {"seed": seed}, include_hidden=True, time_limit=5
    )


COS = (
    "def cosine_scores(M, q):\n    M, q = np.asarray(M, dtype=float), np.asarray(q, dtype=float)\n"
)
APPLY = "def apply_in_order(points, first, second):\n    P = np.asarray(points, dtype=float)\n"
SOLVE = (
    "def solve_system(A, b):\n    A, b = np.asarray(A, dtype=float), np.asarray(b, dtype=float)\n"
)
SVD = (
    "def numerical_rank(A, tol=1e-10):\n"
    "    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)\n"
)
RANK = SVD + "    return int(np.sum(s > tol * s[0]))\n"
COND = (
    "def condition_number(A):\n"
    "    s = np.linalg.svd(np.asarray(A, dtype=float), compute_uv=False)\n"
    "    return s[0] / s[-1]\n"
)
RANK_F = "rank_F = numerical_rank(F)\n"
EIG = "def top_eigen(X):\n    X = np.asarray(X, dtype=float)\n"
LINE = "def project_onto_line(y, a):\n    y, a = np.asarray(y, dtype=float), np.asarray(a, dtype=float)\n"
COLS = "def project_onto_columns(y, A):\n    A, y = np.asarray(A, dtype=float), np.asarray(y, dtype=float)\n"
LINE_OK = LINE + "    return (a @ y) / (a @ a) * a\n"
COLS_OK = COLS + "    return A @ np.linalg.lstsq(A, y, rcond=None)[0]\n"
PCA = "from sklearn.decomposition import PCA\n"
CUM = "np.cumsum(pca.explained_variance_ratio_)"

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        COS + "    return (M @ q) / np.sqrt((M**2).sum(axis=1)) / np.sqrt(q @ q)",
        COS + "    U = M / np.linalg.norm(M, axis=1, keepdims=True)\n"
        "    return U @ (q / np.linalg.norm(q))",
    ],
    "q2": [
        APPLY + "    return (second @ (first @ P.T)).T\n\ncombined = np.dot(rotation, shear)",
        APPLY + "    return P @ first.T @ second.T\n\n"
        "combined = apply_in_order(np.eye(2), shear, rotation).T",
    ],
    "q3": [
        SOLVE + "    return np.linalg.lstsq(A, b, rcond=None)[0]",
        "import scipy.linalg\n" + SOLVE + "    return scipy.linalg.solve(A, b)",
    ],
    "q4": [
        "def numerical_rank(A, tol=1e-10):\n"
        "    return int(np.linalg.matrix_rank(A, tol=tol * np.linalg.norm(A, 2)))\n"
        "def condition_number(A):\n    return np.linalg.cond(A)\n" + RANK_F,
        SVD + "    return len(s[s / s.max() > tol])\n"
        "import scipy.linalg\n"
        "def condition_number(A):\n"
        "    s = scipy.linalg.svdvals(A)\n"
        "    return float(s.max() / s.min())\n"
        "rank_F = 4\n",
    ],
    "q5": [
        EIG + "    C = np.cov(X.T)\n    w, v = np.linalg.eig(C)\n    i = np.argmax(w)\n"
        "    return float(w[i].real), -v[:, i].real",
        EIG + "    Z = X - X.mean(axis=0)\n    _, s, vt = np.linalg.svd(Z, full_matrices=False)\n"
        "    return s[0] ** 2 / (len(X) - 1), vt[0]",
    ],
    "q6": [
        LINE
        + "    u = a / np.linalg.norm(a)\n    return (u @ y) * u\n"
        + COLS
        + "    return A @ np.linalg.solve(A.T @ A, A.T @ y)\n",
        LINE
        + "    return np.outer(a, a) @ y / np.dot(a, a)\n"
        + COLS
        + "    Q, _ = np.linalg.qr(A)\n    return Q @ (Q.T @ y)\n",
    ],
    "q7": [
        PCA + "pca = PCA(svd_solver='full')\npca.fit(digits_train)\n"
        f"k90 = int(np.searchsorted({CUM}, 0.9) + 1)\n",
        PCA + "pca = PCA().fit(digits_train)\n"
        "k90 = PCA(n_components=0.9).fit(digits_train).n_components_\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (COS + "    return M @ q / (np.sum(M**2, axis=1) * np.sum(q**2))", "square root"),
        (
            COS
            + "    return M @ q / (np.linalg.norm(M, ord=1, axis=1) * np.linalg.norm(q, ord=1))",
            "L1 norm",
        ),
        (COS + "    return M @ q / (np.linalg.norm(M, axis=0) * np.linalg.norm(q))", "axis=1"),
        (COS + "    return M @ q / (np.linalg.norm(M) * np.linalg.norm(q))", "Frobenius"),
        (COS + "    return M @ q / np.linalg.norm(M, axis=1)", "length of `q` too"),
        (
            COS + "    return (M * q) / (np.linalg.norm(M, axis=1)[:, None] * np.linalg.norm(q))",
            "entry by entry",
        ),
        (
            "from sklearn.metrics.pairwise import cosine_similarity\n"
            "def cosine_scores(M, q):\n    return cosine_similarity(M, [q]).ravel()",
            "NumPy only",
        ),
        (
            "def cosine_scores(M, q):\n    M /= np.linalg.norm(M, axis=1, keepdims=True)\n"
            "    return M @ q / np.linalg.norm(q)",
            "changed its input `M`",
        ),
    ],
    "q2": [
        (
            APPLY + "    return P @ (first @ second).T\n\ncombined = shear @ rotation",
            "wrong order",
        ),
        (APPLY + "    return P @ (first @ second).T\n\ncombined = rotation @ shear", "wrong order"),
        (
            APPLY + "    return P @ (second * first).T\n\ncombined = rotation * shear",
            "entry by entry",
        ),
        (APPLY + "    return P @ (second @ first)\n\ncombined = rotation @ shear", "points @ M.T"),
        (
            APPLY + "    return second @ first @ P\n\ncombined = rotation @ shear",
            "treats each *column*",
        ),
        (
            APPLY + "    return P @ (second @ first).T\n\ncombined = shear @ rotation",
            "applies the rotation first",
        ),
    ],
    "q3": [
        (SOLVE + "    return np.linalg.inv(A) @ b", "forming the inverse"),
        (SOLVE + "    return np.linalg.pinv(A) @ b", "forming the inverse"),
        (SOLVE + "    return np.dot(np.linalg.inv(A), b)", "forming the inverse"),
        (SOLVE + "    return np.linalg.solve(A.T, b)", "transposed system"),
        (SOLVE + "    return b @ np.linalg.inv(A)", "transposed system"),
        (SOLVE + "    return np.linalg.inv(A) * b", "entry by entry"),
        (SOLVE + "    return A @ b", "multiplies by A"),
    ],
    "q4": [
        (
            "def numerical_rank(A, tol=1e-10):\n    return len(A)\n" + COND + RANK_F,
            "number of rows",
        ),
        (
            "def numerical_rank(A, tol=1e-10):\n    return np.asarray(A).shape[0]\n"
            + COND
            + RANK_F,
            "number of rows",
        ),
        (
            "def numerical_rank(A, tol=1e-10):\n    return min(np.shape(A))\n" + COND + RANK_F,
            "largest rank a matrix",
        ),
        (SVD + "    return int(np.count_nonzero(s))\n" + COND + RANK_F, "about 1e-15, not 0"),
        (SVD + "    return int(np.sum(s > tol))\n" + COND + RANK_F, "tolerance is relative"),
        (
            RANK + "def condition_number(A):\n"
            "    s = np.linalg.svd(A, compute_uv=False)\n    return s.min() / s.max()\n" + RANK_F,
            "upside down",
        ),
        (
            RANK + "def condition_number(A):\n"
            "    ev = np.abs(np.linalg.eigvals(A))\n    return ev.max() / ev.min()\n" + RANK_F,
            "*singular* values",
        ),
        (RANK + COND + "rank_F = F.shape[0]\n", "not the number of rows of F"),
    ],
    "q5": [
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False))\n    return w[-1], v[-1]",
            "*columns*",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False))\n    return w[0], v[:, 0]",
            "smallest eigenvalue",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False))\n    return w[-1], v[:, 0]",
            "smallest eigenvalue",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(X.T @ X / len(X))\n    return w[-1], v[:, -1]",
            "Centre the data",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X))\n    return w[-1], v[:, -1]",
            "rowvar=False",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False, ddof=0))\n"
            "    return w[-1], v[:, -1]",
            "divides by n - 1",
        ),
        (
            EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False))\n"
            "    return w[-1], 2 * v[:, -1]",
            "scale it to 1",
        ),
        (EIG + "    w, v = np.linalg.eigh(np.cov(X, rowvar=False))\n    return v[:, -1]", "pair"),
    ],
    "q6": [
        (LINE + "    return (a @ y) * a\n" + COLS_OK, "not a unit vector"),
        (LINE + "    return (a @ y) / np.linalg.norm(a) * a\n" + COLS_OK, "*squared* length"),
        (LINE + "    return (a @ y) / (y @ y) * y\n" + COLS_OK, "projected `a` onto `y`"),
        (
            LINE
            + "    return (a @ y) / (a @ a)\n"
            + COLS
            + "    return np.linalg.lstsq(A, y)[0]\n",
            "not the coefficient",
        ),
        (
            LINE_OK + COLS + "    return sum((c @ y) / (c @ c) * c for c in A.T)\n",
            "columns are orthogonal",
        ),
        (LINE_OK + COLS + "    return np.linalg.lstsq(A, y, rcond=None)[0]\n", "shape"),
        (
            LINE_OK + COLS + "    return A @ np.linalg.lstsq(A[:, 1:], y, rcond=None)[0]\n",
            "project_onto_columns",
        ),
    ],
    "q7": [
        (PCA + f"pca = PCA().fit(digits_test)\nk90 = int(np.argmax({CUM} >= 0.9)) + 1\n", "test"),
        (
            PCA + "pca = PCA().fit(np.vstack([digits_train, digits_test]))\n"
            f"k90 = int(np.argmax({CUM} >= 0.9)) + 1\n",
            "all the images",
        ),
        (
            PCA + f"pca = PCA().fit(digits_train)\nk90 = int(np.argmax({CUM} >= 0.9))\n",
            "Off by one",
        ),
        (
            PCA + "pca = PCA().fit(digits_train)\ns = pca.singular_values_\n"
            "k90 = int(np.argmax(np.cumsum(s) / s.sum() >= 0.9)) + 1\n",
            "*square* of a singular value",
        ),
        (
            PCA + "pca = PCA().fit(digits_train)\n"
            "k90 = int(np.sum(pca.explained_variance_ratio_ >= 0.01))\n",
            "cumulative sum",
        ),
        (PCA + "pca = PCA()\nk90 = 20\n", "not been fitted"),
        (PCA + "pca = PCA().fit(digits_train)\nk90 = 20.5\n", "whole number"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(linalg, question_id, code):
    result = answer(linalg, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(linalg, question_id, code, named):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = answer(linalg, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("row_norms * np.linalg.norm(q)", "row_norms + np.linalg.norm(q)"),
        ("axis=1", "axis=0"),
    ],
    "q2": [("(second @ first).T", "(second @ first)"), ("rotation @ shear", "rotation @ shear.T")],
    "q3": [
        ("np.linalg.solve(", "np.linalg.inv("),
        ("np.asarray(A, dtype=float)", "np.asarray(A).T"),
    ],
    "q4": [("tol * s[0]", "tol * s[-1]"), ("s[0] / s[-1]", "s[0] / s[-2]")],
    "q5": [("values[-1]", "values[-2]"), ("vectors[:, -1]", "vectors[:, -2]")],
    "q6": [
        ("(a @ y) / (a @ a)", "(a @ y) / (a @ a + 1)"),
        ("return A @ x_hat", "return A @ x_hat / 2"),
    ],
    "q7": [("+ 1", "+ 2"), ("fit(digits_train)", "fit(digits_train[10:])")],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(linalg, question_id, old, new):
    solution = linalg.question(question_id).solution
    assert old in solution
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = answer(linalg, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(linalg):
    for question in linalg.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_a_wrong_answer_that_passes_the_public_checks_fails_a_hidden_one(linalg):
    # an absolute tolerance gets F's rank right, but not the rank of a tiny-scaled matrix
    code = SVD + "    return int(np.sum(s > tol))\n" + COND + RANK_F
    namespace = linalg.run_context(seed=0)
    exec(code, namespace)
    question = linalg.question("q4")
    assert question.evaluate(namespace, {"seed": 0}, include_hidden=False).status == Status.PASSED
    result = question.evaluate(namespace, {"seed": 0}, include_hidden=True)
    assert result.status == Status.FAILED and "hidden check" in result.message


def test_the_inverse_is_inaccurate_on_the_setup_system_for_many_seeds(linalg):
    for seed in range(20):
        data = linalg.run_context(seed=seed)
        V, b = data["V"], data["b"]
        good = np.linalg.norm(V @ np.linalg.solve(V, b) - b) / np.linalg.norm(b)
        bad = np.linalg.norm(V @ (np.linalg.inv(V) @ b) - b) / np.linalg.norm(b)
        assert good < 1e-14 < 1e-11 < bad, (seed, good, bad)


def test_different_seeds_give_different_data(linalg):
    a, b = linalg.run_context(seed=0), linalg.run_context(seed=1)
    assert not np.array_equal(a["docs"], b["docs"])
    assert not np.array_equal(a["digits_train"], b["digits_train"])
