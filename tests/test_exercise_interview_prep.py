"""The exercise 19 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def prep():
    return load_exercise("19")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_reference_solutions_pass_every_check(prep, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(prep, prep.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in prep.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(prep):
    namespace = prep.run_context(seed=0)
    for question in prep.questions:
        exec(question.template, namespace)
    results = evaluate(prep, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(prep, question_id, code, seed=0):
    namespace = prep.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return prep.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


KNN = (
    "def knn_predict(X_train, y_train, X_query, k):\n"
    "    X_train, X_query = np.asarray(X_train, float), np.asarray(X_query, float)\n"
    "    y_train = np.asarray(y_train)\n"
    "    diff = X_query[:, None, :] - X_train[None, :, :]\n"
)
KNN_END = "    return np.array([np.bincount(r).argmax() for r in y_train[nearest]])\n"
KNN_GOOD = KNN + "    nearest = np.argsort((diff ** 2).sum(axis=2), axis=1)[:, :k]\n" + KNN_END
LOO = (
    "def loo_accuracy(X, y, k):\n"
    "    X, y = np.asarray(X, float), np.asarray(y)\n"
    "    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)\n"
)
LOO_END = (
    "    votes = np.array([np.bincount(r).argmax() for r in y[nearest]])\n"
    "    return float(np.mean(votes == y))\n"
)
LOO_GOOD = (
    LOO
    + "    np.fill_diagonal(d2, np.inf)\n    nearest = np.argsort(d2, axis=1)[:, :k]\n"
    + LOO_END
)

SPLIT = (
    "import math\n"
    "def split_indices(n, test_size, seed):\n"
    "    order = np.random.default_rng(seed).permutation(n)\n"
    "    t = math.ceil(test_size * n)\n"
    "    return order[t:], order[:t]\n"
)
FOLDS = (
    "def kfold_indices(n, k):\n"
    "    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]\n"
    "    bounds = np.cumsum([0] + sizes)\n"
    "    rows = np.arange(n)\n"
    "    return [(np.setdiff1d(rows, rows[a:b]), rows[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]\n"
)
PRF = "def precision_recall_f1(cm):\n    (tn, fp), (fn, tp) = np.asarray(cm, dtype=float)\n"
PRF_END = "fraud_scores = precision_recall_f1(confusion)\n"
TOP_END = "top_scores = top_k(scores, 5)\n"
Q5 = (
    "from sklearn.model_selection import cross_val_score\n"
    "from sklearn.neighbors import KNeighborsClassifier\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "def pipe(k):\n"
    "    return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=k))\n"
)
Q5_CV = (
    "cv_scores = {k: cross_val_score(pipe(k), Xc_train, yc_train, cv=5).mean() for k in k_grid}\n"
)
Q5_BEST = "best_k = max(k_grid, key=lambda k: (cv_scores[k], -k))\n"
Q5_FIT = (
    "knn_model = pipe(best_k).fit(Xc_train, yc_train)\n"
    "test_accuracy = knn_model.score(Xc_test, yc_test)\n"
)
Q6 = (
    "from scipy import stats\n"
    "tp = sensitivity * prevalence\n"
    "fp = (1 - specificity) * (1 - prevalence)\n"
)
Q6_SP = "screen_precision = tp / (tp + fp)\n"
Q6_P = "p_value = stats.binomtest(heads, n_flips, 0.5).pvalue\n"
Q6_B = "baseline_accuracy = max(y_rare.mean(), 1 - y_rare.mean())\n"
Q6_NAMES = (
    "gap = {m: v['validation_error'] - v['train_error'] for m, v in learning_table.items()}\n"
    "overfit_model = max(gap, key=gap.get)\n"
    "underfit_model = max(learning_table, key=lambda m: learning_table[m]['train_error'])\n"
)

# Other correct ways to write each answer: they must pass.
KINDS = (
    "kinds = {'spam_filter': 'supervised', 'customer_groups': 'unsupervised',\n"
    "         'thermostat': 'reinforcement', 'house_price': 'supervised',\n"
    "         'odd_payments': 'unsupervised', 'board_game': 'reinforcement'}\n"
)
DIAGNOSE = (
    "def diagnose(train_error, validation_error, target):\n"
    "    if train_error > target:\n"
    "        return 'underfitting'\n"
    "    if validation_error > target:\n"
    "        return 'overfitting'\n"
    "    return 'good'\n"
)
CURES = (
    "variance_cures = {'more_data', 'stronger_penalty', 'early_stopping', 'smaller_svm_C', "
    "'dropout'}\n"
)

RIGHT = {
    "q1": [
        "from collections import Counter\n"
        "def knn_predict(X_train, y_train, X_query, k):\n"
        "    X_train, X_query = np.asarray(X_train, float), np.asarray(X_query, float)\n"
        "    out = []\n"
        "    for q in X_query:\n"
        "        d = np.sqrt(((X_train - q) ** 2).sum(axis=1))\n"
        "        votes = Counter(np.asarray(y_train)[np.argsort(d)[:k]].tolist())\n"
        "        top = max(votes.values())\n"
        "        out.append(min(c for c, v in votes.items() if v == top))\n"
        "    return np.array(out)\n"
        "def loo_accuracy(X, y, k):\n"
        "    X, y = np.asarray(X, float), np.asarray(y)\n"
        "    right = 0\n"
        "    for i in range(len(X)):\n"
        "        keep = np.arange(len(X)) != i\n"
        "        right += knn_predict(X[keep], y[keep], X[i:i + 1], k)[0] == y[i]\n"
        "    return right / len(X)\n"
    ],
    "q2": [SPLIT + FOLDS],
    "q3": [
        "def precision_recall_f1(cm):\n"
        "    cm = np.asarray(cm)\n"
        "    tp, fp, fn = cm[1, 1], cm[0, 1], cm[1, 0]\n"
        "    p = tp / (tp + fp) if tp + fp else 0.0\n"
        "    r = tp / (tp + fn) if tp + fn else 0.0\n"
        "    f = 2 * tp / (2 * tp + fp + fn) if tp else 0.0\n"
        "    return (p, r, f)\n" + PRF_END
    ],
    "q4": [
        "def top_k(values, k):\n    return heapq.nlargest(k, values)\n" + TOP_END,
        "def top_k(values, k):\n"
        "    v = np.asarray(values, float)\n"
        "    if k <= 0:\n        return []\n"
        "    part = v[np.argpartition(v, len(v) - k)[len(v) - k:]]\n"
        "    return sorted(part.tolist(), reverse=True)\n" + TOP_END,
    ],
    "q5": [
        Q5 + "cv_scores = {}\nfor k in k_grid:\n"
        "    cv_scores[k] = float(np.mean(cross_val_score(pipe(k), Xc_train, yc_train, cv=5)))\n"
        "best_k = min(k for k in k_grid if cv_scores[k] == max(cv_scores.values()))\n" + Q5_FIT
    ],
    "q6": [
        "from scipy import stats\n"
        "screen_precision = 1 / (1 + (1 - specificity) * (1 - prevalence) / (sensitivity * prevalence))\n"
        "p_value = 2 * stats.binom.sf(heads - 1, n_flips, 0.5)\n"
        "baseline_accuracy = float(np.bincount(y_rare).max() / len(y_rare))\n"
        "overfit_model = sorted(learning_table, key=lambda m: learning_table[m]['validation_error']"
        " - learning_table[m]['train_error'])[-1]\n"
        "underfit_model = sorted(learning_table, key=lambda m: learning_table[m]['train_error'])[-1]\n"
    ],
    "q7": [
        KINDS + DIAGNOSE + CURES,
        # capitalised labels, a list, a one-line diagnosis
        KINDS.replace("'supervised'", "'Supervised learning'") + "def diagnose(t, v, target):\n"
        "    return 'underfitting' if t > target else 'overfitting' if v > target else 'good'\n"
        "variance_cures = ['dropout', 'smaller_svm_C', 'early_stopping', 'stronger_penalty',"
        " 'more_data']\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (
            KNN
            + "    nearest = np.argsort((diff ** 2).sum(axis=2), axis=1)[:, :k + 1]\n"
            + KNN_END
            + LOO_GOOD,
            "one neighbour too many",
        ),
        (
            KNN
            + "    nearest = np.argsort((diff ** 2).sum(axis=2), axis=1)[:, 1:k + 1]\n"
            + KNN_END
            + LOO_GOOD,
            "skip the nearest neighbour",
        ),
        (
            "from collections import Counter\n"
            + KNN
            + "    nearest = np.argsort((diff ** 2).sum(axis=2), axis=1)[:, :k]\n"
            "    return np.array([Counter(r.tolist()).most_common(1)[0][0] for r in y_train[nearest]])\n"
            + LOO_GOOD,
            "Tied votes",
        ),
        (
            KNN
            + "    nearest = np.argsort(diff.sum(axis=2) ** 2, axis=1)[:, :k]\n"
            + KNN_END
            + LOO_GOOD,
            "Square each difference",
        ),
        (
            KNN
            + "    nearest = np.argsort(np.abs(diff).sum(axis=2), axis=1)[:, :k]\n"
            + KNN_END
            + LOO_GOOD,
            "without squaring",
        ),
        (
            KNN_GOOD + LOO + "    nearest = np.argsort(d2, axis=1)[:, :k]\n" + LOO_END,
            "its own nearest neighbour",
        ),
        (
            KNN_GOOD + LOO + "    nearest = np.argsort(d2, axis=1)[:, 1:k]\n" + LOO_END,
            "still needs k",
        ),
        (
            "from sklearn.neighbors import KNeighborsClassifier\n"
            "def knn_predict(X_train, y_train, X_query, k):\n"
            "    return KNeighborsClassifier(k).fit(X_train, y_train).predict(X_query)\n"
            + LOO_GOOD,
            "NumPy only",
        ),
    ],
    "q2": [
        (SPLIT.replace("order[t:], order[:t]", "order[:t], order[t:]") + FOLDS, "other way round"),
        (
            SPLIT.replace(
                "order = np.random.default_rng(seed).permutation(n)",
                "np.random.seed(seed)\n    order = np.random.permutation(n)",
            )
            + FOLDS,
            "Use the generator",
        ),
        (
            SPLIT + "def kfold_indices(n, k):\n    s = n // k + 1\n    rows = np.arange(n)\n"
            "    return [(np.setdiff1d(rows, rows[i * (s - 1):i * (s - 1) + s]),"
            " rows[i * (s - 1):i * (s - 1) + s]) for i in range(k)]\n",
            "overlap",
        ),
        (
            SPLIT + "def kfold_indices(n, k):\n    s = n // k\n    rows = np.arange(n)\n"
            "    return [(np.setdiff1d(rows, rows[i * s:(i + 1) * s]), rows[i * s:(i + 1) * s])"
            " for i in range(k)]\n",
            "Rows are skipped",
        ),
        (
            SPLIT + FOLDS.replace("np.setdiff1d(rows, rows[a:b])", "rows"),
            "include its own test rows",
        ),
        (
            SPLIT + "def kfold_indices(n, k):\n    s = n // k\n    rows = np.arange(n)\n"
            "    out = []\n    for i in range(k):\n"
            "        t = rows[i * s:] if i == k - 1 else rows[i * s:(i + 1) * s]\n"
            "        out.append((np.setdiff1d(rows, t), t))\n    return out\n",
            "go to the *first* folds",
        ),
        (SPLIT.replace("math.ceil", "int") + FOLDS, "round up"),
        (
            SPLIT.replace("np.random.default_rng(seed).permutation(n)", "np.arange(n)") + FOLDS,
            "shuffle first",
        ),
    ],
    "q3": [
        (
            PRF
            + "    p, r = tp / (tp + fn), tp / (tp + fp)\n    return p, r, 2 * p * r / (p + r)\n"
            + PRF_END,
            "swapped",
        ),
        (
            PRF
            + "    p, r = tp / (tp + fp), tp / (tp + fn)\n    return p, r, (p + r) / 2\n"
            + PRF_END,
            "harmonic mean",
        ),
        (
            "def precision_recall_f1(cm):\n    (tp, fp), (fn, tn) = np.asarray(cm, dtype=float)\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n    return p, r, 2 * p * r / (p + r)\n"
            + PRF_END,
            "bottom-right",
        ),
        (
            "def precision_recall_f1(cm):\n    (tn, fn), (fp, tp) = np.asarray(cm, dtype=float)\n"
            "    p, r = tp / (tp + fp), tp / (tp + fn)\n    return p, r, 2 * p * r / (p + r)\n"
            + PRF_END,
            "read transposed",
        ),
        (
            PRF + "    p, r = (tp + tn) / (tp + tn + fp + fn), tp / (tp + fn)\n"
            "    return p, r, 2 * p * r / (p + r)\n" + PRF_END,
            "not accuracy",
        ),
        (
            PRF + "    p, r = 100 * tp / (tp + fp), 100 * tp / (tp + fn)\n"
            "    return p, r, 2 * p * r / (p + r)\n" + PRF_END,
            "not percentages",
        ),
        (
            PRF
            + "    p, r = tp / (tp + fp), tp / (tp + fn)\n    return p, r, 2 * p * r / (p + r)\n"
            + PRF_END,
            "NaN",
        ),
    ],
    "q4": [
        ("def top_k(values, k):\n    return heapq.nsmallest(k, values)\n" + TOP_END, "smallest"),
        (
            "def top_k(values, k):\n    return sorted(heapq.nlargest(k, values))\n" + TOP_END,
            "wrong order",
        ),
        (
            "def top_k(values, k):\n    return sorted(values, reverse=True)[:k]\n" + TOP_END,
            "Sorting everything",
        ),
        (
            "def top_k(values, k):\n    values.sort()\n    return list(values[::-1][:k])\n"
            + TOP_END,
            "in place",
        ),
        (
            "def top_k(values, k):\n    return list(np.argsort(values)[::-1][:k])\n" + TOP_END,
            "positions (indices)",
        ),
        (
            "def top_k(values, k):\n    h = []\n    for v in values:\n"
            "        if len(h) < k:\n            heapq.heappush(h, v)\n"
            "        elif v > h[0]:\n            heapq.heapreplace(h, v)\n"
            "    return sorted(h, reverse=True)\n" + TOP_END.replace("5)", "5)[:4]"),
            "top_scores",
        ),
    ],
    "q5": [
        (
            Q5 + "cv_scores = {k: cross_val_score(KNeighborsClassifier(n_neighbors=k), Xc_train,"
            " yc_train, cv=5).mean() for k in k_grid}\n"
            + Q5_BEST
            + "knn_model = KNeighborsClassifier(n_neighbors=best_k).fit(Xc_train, yc_train)\n"
            "test_accuracy = knn_model.score(Xc_test, yc_test)\n",
            "not scaled",
        ),
        (
            Q5 + "cv_scores = {k: pipe(k).fit(Xc_train, yc_train).score(Xc_train, yc_train)"
            " for k in k_grid}\n" + Q5_BEST + Q5_FIT,
            "training accuracies",
        ),
        (
            Q5 + "Z = StandardScaler().fit_transform(Xc_train)\n"
            "cv_scores = {k: cross_val_score(KNeighborsClassifier(n_neighbors=k), Z, yc_train,"
            " cv=5).mean() for k in k_grid}\n" + Q5_BEST + Q5_FIT,
            "helped scale itself",
        ),
        (
            Q5
            + Q5_CV
            + Q5_BEST
            + Q5_FIT.replace("fit(Xc_train, yc_train)", "fit(Xc_test, yc_test)"),
            "not fitted on the training split alone",
        ),
        (
            Q5 + Q5_CV + Q5_BEST + "knn_model = pipe(best_k)\ntest_accuracy = 0.95\n",
            "not been fitted",
        ),
        (Q5 + Q5_CV + Q5_BEST + Q5_FIT.replace("pipe(best_k)", "pipe(25)"), "uses n_neighbors"),
        (
            Q5 + Q5_CV + Q5_BEST + Q5_FIT.replace("Xc_test, yc_test)\n", "Xc_train, yc_train)\n"),
            "test_accuracy",
        ),
    ],
    "q6": [
        (Q6 + "screen_precision = sensitivity\n" + Q6_P + Q6_B + Q6_NAMES, "P(disease | positive)"),
        (
            Q6
            + "screen_precision = tp / (tp + (1 - specificity) * prevalence)\n"
            + Q6_P
            + Q6_B
            + Q6_NAMES,
            "healthy people",
        ),
        (
            Q6
            + Q6_SP
            + "p_value = stats.binomtest(heads, n_flips, 0.5, alternative='greater').pvalue\n"
            + Q6_B
            + Q6_NAMES,
            "one-sided",
        ),
        (
            Q6 + Q6_SP + "p_value = stats.binom.pmf(heads, n_flips, 0.5)\n" + Q6_B + Q6_NAMES,
            "at least this extreme",
        ),
        (Q6 + Q6_SP + Q6_P + "baseline_accuracy = y_rare.mean()\n" + Q6_NAMES, "majority class"),
        (
            Q6
            + Q6_SP
            + Q6_P
            + Q6_B
            + Q6_NAMES.replace("overfit_model =", "tmp =")
            .replace("underfit_model =", "overfit_model =")
            .replace("tmp =", "underfit_model ="),
            "swapped",
        ),
        (Q6 + Q6_SP + Q6_P + "baseline_accuracy = 0.95\n" + Q6_NAMES, "`baseline_accuracy` is"),
    ],
    "q7": [
        # no labels, so "unsupervised": the rewards are missed
        (
            KINDS.replace("'thermostat': 'reinforcement'", "'thermostat': 'unsupervised'")
            + DIAGNOSE
            + CURES,
            "`thermostat` learns from a reward",
        ),
        (
            KINDS.replace("'board_game': 'reinforcement'", "'board_game': 'supervised'")
            + DIAGNOSE
            + CURES,
            "`board_game` learns from a reward",
        ),
        (
            KINDS.replace("'odd_payments': 'unsupervised'", "'odd_payments': 'supervised'")
            + DIAGNOSE
            + CURES,
            "`odd_payments` has no labels",
        ),
        (
            KINDS.replace("'house_price': 'supervised'", "'house_price': 'unsupervised'")
            + DIAGNOSE
            + CURES,
            "['house_price']",
        ),
        (KINDS.replace("'spam_filter'", "'spam'") + DIAGNOSE + CURES, "missing ['spam_filter']"),
        (KINDS.replace("'supervised'", "'classification'") + DIAGNOSE + CURES, "one of"),
        # the gap tested before the training error
        (
            KINDS + "def diagnose(train_error, validation_error, target):\n"
            "    if validation_error - train_error > 0.1:\n"
            "        return 'overfitting'\n"
            "    if train_error > target:\n"
            "        return 'underfitting'\n"
            "    return 'good'\n" + CURES,
            "Test the training error first",
        ),
        (
            KINDS
            + DIAGNOSE.replace("'underfitting'", "'X'")
            .replace("'overfitting'", "'underfitting'")
            .replace("'X'", "'overfitting'")
            + CURES,
            "swapped",
        ),
        (KINDS + DIAGNOSE.replace("> target", ">= target") + CURES, "`>`, not `>=`"),
        (KINDS + DIAGNOSE.replace("return 'good'", "return None") + CURES, "returned None"),
        (
            KINDS
            + DIAGNOSE
            + "variance_cures = {'deeper_trees', 'polynomial_features', 'k_equals_1'}\n",
            "cures for high *bias*",
        ),
        (KINDS + DIAGNOSE + CURES.replace(", 'smaller_svm_C'", ""), "Lowering an SVM's C"),
        (KINDS + DIAGNOSE + CURES.replace("'dropout'}", "'dropout', 'k_equals_1'}"), "k = 1"),
        (
            KINDS + DIAGNOSE + CURES.replace("'dropout'}", "'dropout', 'polynomial_features'}"),
            "more flexible",
        ),
        (KINDS + DIAGNOSE + CURES.replace("'more_data', ", ""), "More training rows"),
        (KINDS + DIAGNOSE + CURES.replace(", 'dropout'", ""), "misses 1"),
        (KINDS + DIAGNOSE + CURES.replace("'dropout'", "'drop_out'"), "not keys of `remedies`"),
        (KINDS + DIAGNOSE + "variance_cures = 'more_data'\n", "should be a set"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(prep, question_id, code):
    result = answer(prep, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(prep, question_id, code, named):
    result = answer(prep, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


def test_a_quadratic_top_k_runs_out_of_time(prep):
    code = (
        "def top_k(values, k):\n"
        "    v = list(values)\n"
        "    return sorted([x for x in v if sum(1 for y in v if y > x) < k], reverse=True)\n"
        + TOP_END
    )
    namespace = prep.run_context(seed=0)
    namespace["scores"] = namespace["scores"][:10]  # the answer cell itself must finish
    exec(code, namespace)
    result = prep.question("q4").evaluate(namespace, {"seed": 0}, include_hidden=True, time_limit=3)
    assert result.status in (Status.FAILED, Status.TIMEOUT)
    assert "timeout" in result.message or "top_scores" in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [("argmax()", "argmin()"), ("np.inf", "0.0"), ("[:, :k]", "[:, :k - 1]")],
    "q2": [
        ("start += size", "start += size - 1"),
        ("math.ceil", "math.floor"),
        ("n % k]", "n % k + 1]"),
    ],
    "q3": [("tp / (tp + fp)", "tp / (tp + fp + 1)"), ("2 * precision", "precision")],
    "q4": [("value > heap[0]", "value < heap[0]"), ("reverse=True", "reverse=False")],
    "q5": [
        ("cv=5", "cv=3"),
        ("knn_model = make_pipeline(StandardScaler(), ", "knn_model = make_pipeline("),
    ],
    "q6": [
        ("(1 - specificity) * (1 - prevalence)", "(1 - specificity) * (1 - prevalence) * 0.9"),
        ("0.5).pvalue", "0.45).pvalue"),
        ("1 - y_rare.mean())", "1 - y_rare.mean() - 0.01)"),
    ],
    "q7": [
        ("if train_error > target:", "if train_error >= target:"),
        ('"house_price": "supervised"', '"house_price": "unsupervised"'),
        ('"early_stopping", ', ""),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(prep, question_id, old, new):
    solution = prep.question(question_id).solution
    assert old in solution
    result = answer(prep, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(prep):
    for question in prep.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_the_practice_timer_reports_elapsed_time(prep, capsys):
    namespace = prep.run_context(seed=0)
    assert namespace["check_timer"]() is None
    namespace["start_timer"](30)
    spent = namespace["check_timer"]()
    assert 0 <= spent < 1
    assert "left" in capsys.readouterr().out


def test_different_seeds_give_different_numbers(prep):
    a, b = prep.run_context(seed=0), prep.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
    assert not np.array_equal(a["confusion"], b["confusion"])
