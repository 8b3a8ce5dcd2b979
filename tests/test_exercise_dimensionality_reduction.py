"""The exercise 14 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def dimred():
    # One BLAS thread, as the grader runs: many small SVDs are slower with more on a busy machine.
    with threadpool_limits(1):
        yield load_exercise("14")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(dimred, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(dimred, dimred.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in dimred.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(dimred):
    namespace = dimred.run_context(seed=0)
    for question in dimred.questions:
        exec(question.template, namespace)
    results = evaluate(dimred, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


EIG = (
    "def pca_eig(X, k):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    Xc = X - X.mean(axis=0)\n"
    "    values, vectors = np.linalg.eigh(Xc.T @ Xc / (len(X) - 1))\n"
    "    order = np.argsort(values)[::-1][:k]\n"
)
FLIP = (
    "    big = np.argmax(np.abs(comps), axis=1)\n"
    "    comps = comps * np.sign(comps[np.arange(len(comps)), big])[:, None]\n"
)
SVD = (
    "def pca_scores(X, k):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    Xc = X - X.mean(axis=0)\n"
    "    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)\n"
)
DIGITS = (
    "from sklearn.decomposition import PCA\n"
    "full = PCA().fit(X_digits_train)\n"
    "cumulative = np.cumsum(full.explained_variance_ratio_)\n"
    "k90 = int(np.argmax(cumulative >= 0.90)) + 1\n"
    "digits_pca = PCA(n_components=k90).fit(X_digits_train)\n"
    "X_rec = digits_pca.inverse_transform(digits_pca.transform(X_digits_test))\n"
    "recon_mse = float(np.mean((X_digits_test - X_rec) ** 2))\n"
)
WINE_FN = (
    "from sklearn.decomposition import PCA\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "def pc1_summary(X, feature_names, standardise):\n"
    "    if standardise:\n"
    "        X = StandardScaler().fit_transform(X)\n"
    "    pca = PCA(n_components=2).fit(X)\n"
    "    top = feature_names[int(np.argmax(np.abs(pca.components_[0])))]\n"
    "    return top, float(pca.explained_variance_ratio_[0])\n"
)
WINE_USE = (
    "top_raw, ratio_raw = pc1_summary(X_wine, wine_features, False)\n"
    "top_std, ratio_std = pc1_summary(X_wine, wine_features, True)\n"
)
LOW = (
    "def low_rank(A, r):\n"
    "    A = np.asarray(A, dtype=float)\n"
    "    U, s, Vt = np.linalg.svd(A, full_matrices=False)\n"
)
LOW_USE = (
    "ranks = np.arange(1, 21)\n"
    "errors = np.array([np.linalg.norm(A_lr - low_rank(A_lr, r)) for r in ranks])\n"
    "rank_needed = int(ranks[np.argmax(errors <= 0.10 * np.linalg.norm(A_lr))])\n"
)
LOW_FN = LOW + "    return (U[:, :r] * s[:r]) @ Vt[:r]\n"
MATCH = (
    "from sklearn.decomposition import PCA, FastICA\n"
    "def source_match(S_true, S_est):\n"
    "    k = S_true.shape[1]\n"
)
MATCH_FN = MATCH + (
    "    corr = np.corrcoef(S_true.T, S_est.T)[:k, k:]\n    return np.abs(corr).max(axis=1)\n"
)
ICA_USE = (
    "S_ica = FastICA(n_components=3, whiten='unit-variance', random_state=seed)"
    ".fit_transform(X_mixed)\n"
    "S_pca = PCA(n_components=3).fit_transform(X_mixed)\n"
    "ica_match = source_match(S_true, S_ica)\n"
    "pca_match = source_match(S_true, S_pca)\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def pca_eig(X, k):\n"
        "    C = np.cov(np.asarray(X, dtype=float), rowvar=False)\n"
        "    values, vectors = np.linalg.eigh(C)\n"
        "    comps = vectors[:, ::-1][:, :k].T\n" + FLIP + "    return comps, values[::-1][:k]\n",
        # The SVD gives the same components and variances.
        "def pca_eig(X, k):\n"
        "    X = np.array(X, dtype=float)\n"
        "    X -= X.mean(axis=0)\n"
        "    _, s, Vt = np.linalg.svd(X, full_matrices=False)\n"
        "    comps = Vt[:k]\n" + FLIP + "    return comps, s[:k] ** 2 / (len(X) - 1)\n",
    ],
    "q2": [
        SVD + "    return U[:, :k] * s[:k]\n",
        SVD + "    return -(Xc @ Vt[:k].T)\n",  # either sign of every column is accepted
        SVD + "    Z = Xc @ Vt[:k].T\n    Z[:, 0] *= -1\n    return Z\n",
    ],
    "q3": [
        "from sklearn.decomposition import PCA\n"
        "digits_pca = PCA(n_components=0.90).fit(X_digits_train)\n"
        "k90 = digits_pca.n_components_\n"
        "scores = digits_pca.transform(X_digits_test)\n"
        "X_rec = scores @ digits_pca.components_ + digits_pca.mean_\n"
        "recon_mse = ((X_digits_test - X_rec) ** 2).mean()\n",
        DIGITS.replace(
            "int(np.argmax(cumulative >= 0.90)) + 1", "int(np.searchsorted(cumulative, 0.90)) + 1"
        ),
    ],
    "q4": [
        # Standardising by hand with n - 1 gives the same ratio.
        "from sklearn.decomposition import PCA\n"
        "def pc1_summary(X, feature_names, standardise):\n"
        "    X = np.asarray(X, dtype=float)\n"
        "    if standardise:\n"
        "        X = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)\n"
        "    pca = PCA(n_components=2).fit(X)\n"
        "    i = int(np.argmax(pca.components_[0]))\n"  # largest entry is positive in sklearn
        "    return feature_names[i], pca.explained_variance_ratio_[0].item()\n" + WINE_USE,
    ],
    "q5": [
        LOW + "    return U[:, :r] @ np.diag(s[:r]) @ Vt[:r, :]\n"
        "s = np.linalg.svd(A_lr, compute_uv=False)\n"
        "errors = np.sqrt([np.sum(s[r:] ** 2) for r in range(1, 21)])\n"
        "rank_needed = next(r for r in range(1, 21) "
        "if errors[r - 1] <= 0.1 * np.linalg.norm(A_lr))\n",
    ],
    "q6": [
        "from sklearn.decomposition import PCA, FastICA\n"
        "def source_match(S_true, S_est):\n"
        "    a = (S_true - S_true.mean(axis=0)) / S_true.std(axis=0)\n"
        "    b = (S_est - S_est.mean(axis=0)) / S_est.std(axis=0)\n"
        "    return np.max(np.abs(a.T @ b / len(a)), axis=1)\n" + ICA_USE,
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (
            EIG.replace("Xc = X - X.mean(axis=0)", "Xc = X")
            + "    comps = vectors[:, order].T\n"
            + FLIP
            + "    return comps, values[order]\n",
            "Centre the data first",
        ),
        (
            EIG + "    comps = vectors[order]\n" + FLIP + "    return comps, values[order]\n",
            "as the *columns* of its second output",
        ),
        (
            EIG + "    comps = vectors[:, :k].T\n" + FLIP + "    return comps, values[:k]\n",
            "in *ascending* order",
        ),
        (
            EIG + "    comps = vectors[:, order].T\n" + FLIP + "    return comps, values[:k]\n",
            "not sorted with them",
        ),
        (
            EIG.replace("(len(X) - 1)", "len(X)")
            + "    comps = vectors[:, order].T\n"
            + FLIP
            + "    return comps, values[order]\n",
            "divide by n - 1",
        ),
        (
            EIG + "    return vectors[:, order].T, values[order]\n",  # no sign convention
            "opposite sign to the prompt's convention",
        ),
        (
            EIG
            + "    comps = vectors[:, order].T\n"
            + FLIP
            + "    return comps.T, values[order]\n",
            "one *row* per component",
        ),
        (
            "from sklearn.decomposition import PCA\n"
            "def pca_eig(X, k):\n"
            "    p = PCA(n_components=k).fit(X)\n"
            "    return p.components_, p.explained_variance_\n",
            "NumPy only",
        ),
        (
            "def pca_eig(X, k):\n"
            "    X -= X.mean(axis=0)\n"
            "    values, vectors = np.linalg.eigh(X.T @ X / (len(X) - 1))\n"
            "    order = np.argsort(values)[::-1][:k]\n"
            "    comps = vectors[:, order].T\n" + FLIP + "    return comps, values[order]\n",
            "changed its input `X` in place",
        ),
    ],
    "q2": [
        (
            SVD.replace("Xc = X - X.mean(axis=0)", "Xc = X") + "    return Xc @ Vt[:k].T\n",
            "Centre X before the SVD",
        ),
        (SVD + "    return X @ Vt[:k].T\n", "you projected the raw X"),
        (SVD + "    return Xc @ Vt[:, :k]\n", "*rows* of `Vt`"),
        (SVD + "    return U[:, :k]\n", "unit-length columns"),
        (
            SVD.replace("X - X.mean(axis=0)", "(X - X.mean(axis=0)) / X.std(axis=0)")
            + "    return Xc @ Vt[:k].T\n",
            "dividing by the standard deviation",
        ),
        (
            "from sklearn.decomposition import PCA\n"
            "def pca_scores(X, k):\n"
            "    return PCA(n_components=k).fit_transform(X)\n",
            "NumPy only",
        ),
        (SVD + "    return Xc @ Vt[:k]\n", "does not line up"),  # (n, d) @ (k, d)
    ],
    "q3": [
        (DIGITS.replace(">= 0.90)) + 1", ">= 0.90))"), "one too small"),
        (
            DIGITS.replace("explained_variance_ratio_", "explained_variance_"),
            "not `explained_variance_`",
        ),
        (
            DIGITS.replace(
                "PCA(n_components=k90).fit(X_digits_train)",
                "PCA(n_components=k90).fit(X_digits_test)",
            ),
            "fitted on the test split",
        ),
        (
            DIGITS.replace(
                "PCA(n_components=k90).fit(X_digits_train)", "PCA(n_components=k90).fit(X_digits)"
            ),
            "fitted on all the digits",
        ),
        (
            DIGITS.replace("transform(X_digits_test))", "transform(X_digits_train))").replace(
                "np.mean((X_digits_test", "np.mean((X_digits_train"
            ),
            "error on the training images",
        ),
        (
            DIGITS.replace(
                "float(np.mean((X_digits_test - X_rec) ** 2))",
                "float(np.sqrt(np.mean((X_digits_test - X_rec) ** 2)))",
            ),
            "without the square root",
        ),
        (
            DIGITS.replace(
                "np.mean((X_digits_test - X_rec) ** 2)",
                "np.sum((X_digits_test - X_rec) ** 2, axis=1).mean()",
            ),
            "adds up the 64 pixel errors",
        ),
        (
            DIGITS.replace(
                "digits_pca.inverse_transform(digits_pca.transform(X_digits_test))",
                "digits_pca.transform(X_digits_test) @ digits_pca.components_",
            ),
            "forgot the mean",
        ),
        (
            "from sklearn.decomposition import PCA\n"
            "k90 = 21\ndigits_pca = PCA(n_components=k90)\nrecon_mse = 1.0\n",
            "not been fitted",
        ),
    ],
    "q4": [
        (
            WINE_FN.replace("X = StandardScaler().fit_transform(X)", "pass") + WINE_USE,
            "standardise X_wine first",
        ),
        (
            WINE_FN.replace(
                "np.argmax(np.abs(pca.components_[0]))", "np.argmin(pca.components_[0])"
            )
            + WINE_USE,
            "largest *in size*",
        ),
        (
            WINE_FN.replace("explained_variance_ratio_[0]", "explained_variance_[0]") + WINE_USE,
            "a fraction between 0 and 1",
        ),
        (
            WINE_FN.replace("explained_variance_ratio_[0]", "explained_variance_ratio_[1]")
            + WINE_USE,
            "Use the *first* component",
        ),
        (
            WINE_FN
            + WINE_USE.replace(
                "pc1_summary(X_wine, wine_features, False)",
                "pc1_summary(wine.data, wine_features, False)",
            ),
            "not `wine.data`",
        ),
        (
            WINE_FN.replace(
                "feature_names[int(np.argmax(np.abs(pca.components_[0])))]",
                "int(np.argmax(np.abs(pca.components_[0])))",
            )
            + WINE_USE,
            "should be a str",
        ),
        (
            # Standardises only the wine answers by hand: the function itself never does.
            WINE_FN.replace("X = StandardScaler().fit_transform(X)", "pass")
            + "top_raw, ratio_raw = pc1_summary(X_wine, wine_features, False)\n"
            "Z = (X_wine - X_wine.mean(axis=0)) / X_wine.std(axis=0)\n"
            "top_std, ratio_std = pc1_summary(Z, wine_features, False)\n",
            "standardise X_wine first",
        ),
    ],
    "q5": [
        (LOW + "    return U[:, :r] @ Vt[:r]\n" + LOW_USE, "singular values are missing"),
        (LOW + "    return (U[:, -r:] * s[-r:]) @ Vt[-r:]\n" + LOW_USE, "not the last r"),
        (
            "def low_rank(A, r):\n"
            "    A = np.asarray(A, dtype=float)\n"
            "    U, s, Vt = np.linalg.svd(A - A.mean(axis=0), full_matrices=False)\n"
            "    return (U[:, :r] * s[:r]) @ Vt[:r]\n" + LOW_USE,
            "Do not centre here",
        ),
        (LOW + "    return (U[:, :r] * s[:r]) @ Vt[:, :r].T\n" + LOW_USE, "*rows* of `Vt`"),
        (
            LOW_FN
            + LOW_USE.replace(
                "np.linalg.norm(A_lr - low_rank(A_lr, r))",
                "np.sum((A_lr - low_rank(A_lr, r)) ** 2)",
            ),
            "squared norms",
        ),
        (
            LOW_FN
            + LOW_USE.replace(
                "np.linalg.norm(A_lr - low_rank(A_lr, r)) for",
                "np.linalg.norm(A_lr - low_rank(A_lr, r)) / np.linalg.norm(A_lr) for",
            ),
            "relative errors",
        ),
        (
            LOW_FN
            + LOW_USE.replace(
                "int(ranks[np.argmax(errors <= 0.10 * np.linalg.norm(A_lr))])",
                "int(np.argmax(errors <= 0.10 * np.linalg.norm(A_lr)))",
            ),
            "one below the rank",
        ),
        (
            LOW_FN + LOW_USE.replace("np.arange(1, 21)", "np.arange(0, 20)"),
            "`errors` differs",
        ),
    ],
    "q6": [
        (MATCH_FN.replace("np.abs(corr).max", "corr.max") + ICA_USE, "absolute value"),
        (
            MATCH_FN.replace("np.corrcoef(S_true.T, S_est.T)", "np.corrcoef(S_true, S_est)")
            + ICA_USE,
            "treats each *row* as a variable",
        ),
        (MATCH_FN.replace("max(axis=1)", "max(axis=0)") + ICA_USE, "axis=1"),
        (MATCH_FN.replace("[:k, k:]", "[:k, :k]") + ICA_USE, "wrong block"),
        (
            MATCH_FN.replace("np.corrcoef(S_true.T, S_est.T)", "np.cov(S_true.T, S_est.T)")
            + ICA_USE,
            "not covariances",
        ),
        (
            MATCH_FN
            + ICA_USE.replace(
                "FastICA(n_components=3, whiten='unit-variance', random_state=seed)",
                "PCA(n_components=3)",
            ),
            "looks like PCA's components",
        ),
        (
            MATCH_FN
            + ICA_USE.replace(
                "pca_match = source_match(S_true, S_pca)", "pca_match = source_match(S_true, S_ica)"
            ),
            "should score PCA's components",
        ),
        (
            MATCH.replace("k = S_true.shape[1]", "k = 3")
            + "    corr = np.corrcoef(S_true.T, S_est.T)[:k, k:]\n"
            "    return np.abs(corr).max(axis=1)\n" + ICA_USE,
            "fewer or more columns",
        ),
        (
            MATCH_FN + ICA_USE.replace("n_components=3, whiten", "n_components=2, whiten"),
            "S_ica.shape",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(dimred, question_id, code):
    result = answer(dimred, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(dimred, question_id, code, named):
    result = answer(dimred, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("/ (len(X) - 1)", "/ (len(X) - 2)"),
        ("[::-1][:k]", "[::-1][1 : k + 1]"),
        ("np.argmax(np.abs(components), axis=1)", "np.argmin(np.abs(components), axis=1)"),
    ],
    "q2": [
        ("Vt[:k].T", "Vt[1 : k + 1].T"),
        ("X - X.mean(axis=0)", "X - X.mean(axis=1, keepdims=True)"),
    ],
    "q3": [(">= 0.90", ">= 0.95"), ("** 2))", "** 2)) * 1.01")],
    "q4": [
        ("components_[0]", "components_[-1]"),
        ("explained_variance_ratio_[0])", "explained_variance_ratio_[0]) * 0.99"),
    ],
    "q5": [
        ("* s[:r])", "* s[:r] ** 2)"),
        ("0.10 *", "0.05 *"),
        ("np.arange(1, 21)", "np.arange(2, 22)"),
    ],
    "q6": [
        ("max(axis=1)", "max(axis=1) ** 2"),
        ("[:k, k:]", "[:k, k + 1 :]"),
        ("n_components=3, whiten", "n_components=2, whiten"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(dimred, question_id, old, new):
    solution = dimred.question(question_id).solution
    assert old in solution
    result = answer(dimred, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(dimred):
    assert len(dimred.questions) >= 6
    for question in dimred.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_the_ica_threshold_separates_ica_from_pca(dimred):
    """FastICA passes the separation threshold and PCA does not, on several seeds."""
    from sklearn.decomposition import PCA, FastICA

    from curriculum.exercises.dimensionality_reduction import ICA_MIN_MATCH, _reference_match

    for seed in (0, 3, 11):
        data = dimred.run_context(seed=seed)
        S, X = data["S_true"], data["X_mixed"]
        ica = FastICA(n_components=3, whiten="unit-variance", random_state=seed)
        assert _reference_match(S, ica.fit_transform(X)).min() >= ICA_MIN_MATCH
        assert _reference_match(S, PCA(n_components=3).fit_transform(X)).min() < ICA_MIN_MATCH


def test_different_seeds_give_different_data(dimred):
    a, b = dimred.run_context(seed=0), dimred.run_context(seed=1)
    assert not np.array_equal(a["X_wine"], b["X_wine"])
    assert not np.array_equal(a["X_mixed"], b["X_mixed"])
