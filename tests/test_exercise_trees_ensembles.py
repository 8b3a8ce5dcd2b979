"""The exercise 10 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest
import sklearn.ensemble  # noqa: F401 - load the OpenMP runtime before limiting it
from threadpoolctl import threadpool_limits

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def trees():
    # One thread, as the grader runs: small forests and boosting are slower with more.
    with threadpool_limits(1):
        yield load_exercise("10")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(trees, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(trees, trees.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in trees.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(trees):
    namespace = trees.run_context(seed=0)
    for question in trees.questions:
        exec(question.template, namespace)
    results = evaluate(trees, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=10
        )


def solution(exercise, question_id):
    return exercise.question(question_id).solution


def variant(exercise, question_id, old, new):
    code = solution(exercise, question_id)
    assert old in code, old
    return code.replace(old, new)


Q1 = load_exercise("10").question("q1").solution
Q2 = load_exercise("10").question("q2").solution
Q3 = load_exercise("10").question("q3").solution
Q4 = load_exercise("10").question("q4").solution
Q5 = load_exercise("10").question("q5").solution
Q6 = load_exercise("10").question("q6").solution
Q7 = load_exercise("10").question("q7").solution


def swap(code, old, new):
    assert old in code, old
    return code.replace(old, new)


LOOP_SPLIT = (
    "def best_split(X, y, criterion='gini'):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    y = np.asarray(y)\n"
    "    def imp(labels):\n"
    "        _, c = np.unique(labels, return_counts=True)\n"
    "        p = c / c.sum()\n"
    "        return np.sum(p * (1 - p)) if criterion == 'gini' else -np.sum(p * np.log2(p))\n"
    "    best = None\n"
    "    for j in range(X.shape[1]):\n"
    "        v = np.sort(np.unique(X[:, j]))\n"
    "        for a, b in zip(v[:-1], v[1:]):\n"
    "            t = (a + b) / 2\n"
    "            m = X[:, j] <= t\n"
    "            s = m.mean() * imp(y[m]) + (1 - m.mean()) * imp(y[~m])\n"
    "            if best is None or s < best[2] - 1e-12:\n"
    "                best = (j, t, s)\n"
    "    return int(best[0]), float(best[1]), float(best[2])\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def gini(y):\n"
        "    _, c = np.unique(y, return_counts=True)\n"
        "    p = c / c.sum()\n"
        "    return float(np.sum(p * (1 - p)))\n"
        "def entropy(y):\n"
        "    _, c = np.unique(y, return_counts=True)\n"
        "    p = c / c.sum()\n"
        "    return float(np.sum(p * np.log2(1 / p)))\n",
        "from collections import Counter\n"
        "def gini(y):\n"
        "    n = len(y)\n"
        "    return 1.0 - sum((c / n) ** 2 for c in Counter(list(y)).values())\n"
        "def entropy(y):\n"
        "    n = len(y)\n"
        "    return float(-sum(c / n * np.log2(c / n) for c in Counter(list(y)).values()))\n",
    ],
    "q2": [
        LOOP_SPLIT + "root_feature, root_threshold, _ = best_split(X_small_train, y_small_train)\n",
        # ties broken towards the last candidate: still a best split
        swap(Q2, "min(candidates)", "min(candidates[::-1], key=lambda c: c[0])"),
    ],
    "q3": [
        LOOP_SPLIT + "def grow_tree(X, y, max_depth, criterion='gini'):\n"
        "    X, y = np.asarray(X, dtype=float), np.asarray(y)\n"
        "    def grow(rows, depth):\n"
        "        labels, counts = np.unique(y[rows], return_counts=True)\n"
        "        if depth == max_depth or len(labels) == 1 or len(np.unique(X[rows], axis=0)) == 1:\n"
        "            return {'leaf': labels[np.argmax(counts)]}\n"
        "        j, t, _ = best_split(X[rows], y[rows], criterion)\n"
        "        m = X[rows, j] <= t\n"
        "        return {'feature': j, 'threshold': t,\n"
        "                'left': grow(rows[m], depth + 1), 'right': grow(rows[~m], depth + 1)}\n"
        "    return grow(np.arange(len(y)), 0)\n"
        "def predict_tree(tree, X):\n"
        "    def one(node, x):\n"
        "        if 'leaf' in node:\n"
        "            return node['leaf']\n"
        "        side = 'left' if x[node['feature']] <= node['threshold'] else 'right'\n"
        "        return one(node[side], x)\n"
        "    return np.array([one(tree, x) for x in np.asarray(X, dtype=float)])\n",
    ],
    "q4": [
        "from sklearn.tree import DecisionTreeClassifier\n"
        "from sklearn.metrics import accuracy_score\n"
        "models = [DecisionTreeClassifier(max_depth=d, random_state=seed).fit(X_fit, y_fit)\n"
        "          for d in range(1, 16)]\n"
        "train_acc = np.array([accuracy_score(y_fit, m.predict(X_fit)) for m in models])\n"
        "val_acc = np.array([accuracy_score(y_val, m.predict(X_val)) for m in models])\n"
        "best_depth = int(np.argmax(val_acc)) + 1\n"
        "tree_test_acc = accuracy_score(y_test, DecisionTreeClassifier(\n"
        "    max_depth=best_depth, random_state=seed).fit(X_train, y_train).predict(X_test))\n",
    ],
    "q5": [
        "from sklearn.ensemble import RandomForestClassifier\n"
        "def forest_of(n):\n"
        "    return RandomForestClassifier(n_estimators=n, oob_score=True, random_state=seed,\n"
        "                                  n_jobs=1).fit(X_train, y_train)\n"
        "f = forest_of(100)\n"
        "oob_error = float(np.mean(f.oob_decision_function_.argmax(axis=1) != y_train))\n"
        "train_error = float(np.mean(f.predict(X_train) != y_train))\n"
        "test_error = float(np.mean(f.predict(X_test) != y_test))\n"
        "oob_curve = [1 - forest_of(n).oob_score_ for n in (30, 60, 100)]\n",
    ],
    "q6": [
        swap(
            swap(
                Q6,
                "1 + int(np.sum(impurity_imp > impurity_imp[4]))",
                "int(np.sum(impurity_imp >= impurity_imp[4]))",
            ),
            "cust_features[int(np.argmax(perm_imp))]",
            "max(zip(perm_imp, cust_features))[1]",
        ),
    ],
    "q7": [
        "from sklearn.ensemble import HistGradientBoostingClassifier\n"
        "from sklearn.tree import DecisionTreeRegressor\n"
        "def gradient_boost(X_train, y_train, X_new, n_rounds, learning_rate, max_depth):\n"
        "    X_train, X_new = np.asarray(X_train, float), np.asarray(X_new, float)\n"
        "    y_train = np.asarray(y_train, float)\n"
        "    trees = []\n"
        "    F = np.full(len(y_train), y_train.mean())\n"
        "    for _ in range(n_rounds):\n"
        "        t = DecisionTreeRegressor(max_depth=max_depth, random_state=0)\n"
        "        t.fit(X_train, y_train - F)\n"
        "        F += learning_rate * t.predict(X_train)\n"
        "        trees.append(t)\n"
        "    steps = sum((t.predict(X_new) for t in trees), np.zeros(len(X_new)))\n"
        "    return y_train.mean() + learning_rate * steps\n"
        "p = gradient_boost(X_reg_train, y_reg_train, X_reg_test, 100, 0.1, 2)\n"
        "boost_mse = ((p - y_reg_test) ** 2).mean()\n"
        "hgb_acc = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1,\n"
        "    random_state=seed).fit(X_train, y_train).score(X_test, y_test)\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (swap(Q1, "np.sum(p**2)", "np.sum(p)"), "1 - Σ p_k is always 0"),
        (swap(Q1, "p = counts / len(y)", "p = counts"), "into proportions"),
        (swap(Q1, "np.log2(p)", "np.log(p)"), "log base 2"),
        (swap(Q1, "float(-np.sum(p *", "float(np.sum(p *"), "without the minus"),
        (
            swap(
                Q1,
                "_, counts = np.unique(np.asarray(y), return_counts=True)",
                "counts = np.bincount(np.asarray(y), minlength=6)",
            ),
            "0 · log 0",
        ),
        (swap(Q1, "float(-np.sum(p *", "float(-np.mean(p *"), "do not average"),
        (
            swap(Q1, "np.log2(p)", "np.log2(p)").replace(
                "def entropy(y):",
                "import scipy.stats\ndef entropy(y):\n"
                "    _, c = np.unique(y, return_counts=True)\n"
                "    return float(scipy.stats.entropy(c, base=2))\ndef _old(y):",
            ),
            "NumPy only",
        ),
    ],
    "q2": [
        (
            swap(
                Q2,
                """(
                n_left * _impurity(y[left], criterion)
                + (n - n_left) * _impurity(y[~left], criterion)
            ) / n""",
                "(_impurity(y[left], criterion) + _impurity(y[~left], criterion)) / 2",
            ),
            "Weight each child's impurity",
        ),
        (swap(Q2, ") / n\n", ")\n"), "Divide the weighted sum by n"),
        (swap(Q2, "min(candidates)", "max(candidates)"), "*largest* impurity"),
        (swap(Q2, "in (values[:-1] + values[1:]) / 2:", "in values[:-1]:"), "halfway between"),
        (swap(Q2, "np.sum(p**2)", "np.sum(p)"), "1 - Σ p instead of"),
        (
            swap(
                Q2,
                "best_split(X_small_train, y_small_train,",
                "best_split(X_small_test, y_small_test,",
            ),
            "from the test rows",
        ),
        (swap(Q2, "np.log2(p)", "np.log(p)"), "log base 2"),
    ],
    "q3": [
        (swap(Q3, "if depth >= max_depth", "if depth > max_depth"), "one level deeper"),
        (swap(Q3, "if depth >= max_depth", "if depth >= max_depth - 1"), "one level shallower"),
        (swap(Q3, "if depth >= max_depth or len(labels)", "if len(labels)"), "ignores `max_depth`"),
        (swap(Q3, "majority = labels[np.argmax(counts)]", "majority = y[0]"), "most common class"),
        (
            swap(
                Q3, "majority = labels[np.argmax(counts)]", "majority = labels[np.argmin(counts)]"
            ),
            "most common class",
        ),
        (
            swap(
                Q3,
                """        "left": grow_tree(X[left], y[left], max_depth, criterion, depth + 1),
        "right": grow_tree(X[~left], y[~left], max_depth, criterion, depth + 1),""",
                """        "left": grow_tree(X, y, max_depth, criterion, depth + 1),
        "right": grow_tree(X, y, max_depth, criterion, depth + 1),""",
            ),
            "its own rows only",
        ),
        (
            swap(
                Q3,
                'node = node["left"] if go_left else node["right"]',
                'node = node["right"] if go_left else node["left"]',
            ),
            "walk each row",
        ),
        (
            swap(
                Q3,
                """        "left": grow_tree(X[left], y[left], max_depth, criterion, depth + 1),
        "right": grow_tree(X[~left], y[~left], max_depth, criterion, depth + 1),""",
                """        "left": grow_tree(X[~left], y[~left], max_depth, criterion, depth + 1),
        "right": grow_tree(X[left], y[left], max_depth, criterion, depth + 1),""",
            ),
            "go to the *left* child",
        ),
        (
            swap(
                Q3,
                'go_left = row[node["feature"]] <= node["threshold"]',
                'go_left = row[node["feature"]] < node["threshold"]',
            ),
            "walk each row",
        ),
    ],
    "q4": [
        (
            swap(Q4, "depths[np.argmax(val_acc)]", "depths[np.argmax(train_acc)]"),
            "*training* accuracy",
        ),
        (
            swap(Q4, "int(depths[np.argmax(val_acc)])", "int(np.argmax(val_acc))"),
            "one below the depth",
        ),
        (
            swap(Q4, "tree.score(X_val, y_val)", "tree.score(X_test, y_test)"),
            "measured on the test rows",
        ),
        (swap(Q4, ".fit(X_fit, y_fit)", ".fit(X_train, y_train)"), "contains the validation rows"),
        (
            swap(Q4, "final_tree.score(X_test, y_test)", "final_tree.score(X_train, y_train)"),
            "scored on the training rows",
        ),
        (
            swap(Q4, "final_tree.fit(X_train, y_train)", "final_tree.fit(X_fit, y_fit)"),
            "Refit the tree",
        ),
        (
            swap(
                Q4,
                "train_acc, val_acc = np.array(train_acc), np.array(val_acc)",
                "train_acc, val_acc = np.array(val_acc), np.array(train_acc)",
            ),
            "swapped",
        ),
    ],
    "q5": [
        (
            swap(
                Q5,
                "oob_error = 1 - forest.oob_score_",
                "oob_error = 1 - forest.score(X_train, y_train)",
            ),
            "its own training rows",
        ),
        (
            swap(Q5, "oob_error = 1 - forest.oob_score_", "oob_error = forest.oob_score_"),
            "is an *accuracy*",
        ),
        (
            swap(
                Q5,
                "test_error = 1 - forest.score(X_test, y_test)",
                "test_error = 1 - forest.score(X_train, y_train)",
            ),
            "measured on the training rows",
        ),
        (
            swap(
                Q5,
                "test_error = 1 - forest.score(X_test, y_test)",
                "test_error = forest.score(X_test, y_test)",
            ),
            "`1 - accuracy`",
        ),
        (
            swap(Q5, "forest.fit(X_train, y_train)", "forest.fit(X_fit, y_fit)"),
            "all the training rows",
        ),
        (
            swap(
                Q5,
                "oob_curve.append(1 - model.oob_score_)",
                "oob_curve.append(1 - model.score(X_train, y_train))",
            ),
            "holds training errors",
        ),
        (swap(Q5, "n_estimators=100, oob_score", "n_estimators=10, oob_score"), "`oob_error` is"),
    ],
    "q6": [
        (
            swap(
                Q6,
                "cust_forest, X_cust_test, y_cust_test,",
                "cust_forest, X_cust_train, y_cust_train,",
            ),
            "on the *training* rows",
        ),
        (
            swap(
                Q6,
                "impurity_imp = cust_forest.feature_importances_",
                "from sklearn.tree import DecisionTreeClassifier\n"
                "impurity_imp = DecisionTreeClassifier(random_state=seed)"
                ".fit(X_cust_train, y_cust_train).feature_importances_",
            ),
            "single fully grown decision tree",
        ),
        (
            swap(Q6, "np.argmax(perm_imp))]", "np.argmax(impurity_imp))]"),
            "favours features with many",
        ),
        (
            swap(Q6, "id_rank_impurity = 1 + int(", "id_rank_impurity = 0 + int("),
            "Ranks count from 1",
        ),
        (
            swap(
                Q6,
                "1 + int(np.sum(impurity_imp > impurity_imp[4]))",
                "1 + int(np.sum(impurity_imp < impurity_imp[4]))",
            ),
            "*most* important",
        ),
        (swap(Q6, "perm.importances_mean", "perm.importances_std"), "importances_std"),
    ],
    "q7": [
        (swap(Q7, "tree.fit(X_train, residuals)", "tree.fit(X_train, y_train)"), "*residuals*"),
        (
            swap(
                swap(
                    Q7,
                    "F_train + learning_rate * tree.predict(X_train)",
                    "F_train + tree.predict(X_train)",
                ),
                "F_new + learning_rate * tree.predict(X_new)",
                "F_new + tree.predict(X_new)",
            ),
            "by `learning_rate`",
        ),
        (
            swap(
                swap(Q7, "np.full(len(y_train), y_train.mean())", "np.zeros(len(y_train))"),
                "np.full(len(X_new), y_train.mean())",
                "np.zeros(len(X_new))",
            ),
            "Start from the mean",
        ),
        (
            swap(Q7, "residuals = y_train - F_train", "residuals = F_train - y_train"),
            "target minus prediction",
        ),
        (
            swap(Q7, "F_train = F_train + learning_rate * tree.predict(X_train)", "pass"),
            "never change",
        ),
        (
            swap(
                Q7,
                "float(np.mean((y_reg_test - boost_pred) ** 2))",
                "float(np.sqrt(np.mean((y_reg_test - boost_pred) ** 2)))",
            ),
            "without a square root",
        ),
        (
            swap(Q7, "hgb.fit(X_train, y_train)", "hgb.fit(X_test, y_test)"),
            "rows that `hgb` was fitted on",
        ),
        (
            swap(Q7, "hgb.score(X_test, y_test)", "hgb.score(X_train, y_train)"),
            "rows that `hgb` was fitted on",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(trees, question_id, code):
    result = answer(trees, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(trees, question_id, code, named):
    result = answer(trees, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [("1.0 - np.sum(p**2)", "1.0 - np.sum(p**3)"), ("np.log2(p)", "np.log10(p)")],
    "q2": [
        ("(values[:-1] + values[1:]) / 2", "(values[:-1] + 2 * values[1:]) / 3"),
        ("(n - n_left) * _impurity", "(n - n_left + 1) * _impurity"),
    ],
    "q3": [
        ('depth + 1),\n        "right"', 'depth + 2),\n        "right"'),
        ("len(labels) == 1 or", "len(labels) <= 2 or"),
    ],
    "q4": [
        ("np.arange(1, 16)", "np.arange(2, 17)"),
        ("max_depth=best_depth,", "max_depth=best_depth + 2,"),
    ],
    "q5": [
        ("oob_error = 1 - forest.oob_score_", "oob_error = 1.01 - forest.oob_score_"),
        ("for n_trees in [30, 60, 100]", "for n_trees in [30, 50, 100]"),
    ],
    "q6": [
        ("impurity_imp[4]))\nid_rank_permutation", "impurity_imp[3]))\nid_rank_permutation"),
        ("n_repeats=5", "n_repeats=4"),
    ],
    "q7": [
        (
            "F_new + learning_rate * tree.predict(X_new)",
            "F_new + 0.9 * learning_rate * tree.predict(X_new)",
        ),
        ("range(n_rounds)", "range(n_rounds + 1)"),
        ("max_iter=100", "max_iter=50"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(trees, question_id, old, new):
    code = solution(trees, question_id)
    assert old in code
    result = answer(trees, question_id, code.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(trees):
    assert len(trees.questions) >= 6
    for question in trees.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_the_reference_tree_matches_scikit_learn(trees):
    """The checks' greedy tree finds scikit-learn's root split and predicts like it at depth 1."""
    from sklearn.tree import DecisionTreeClassifier

    from curriculum.exercises.trees_ensembles import _reference_predict, _reference_tree

    for seed in (0, 3, 11):
        data = trees.run_context(seed=seed)
        X, y = data["X_small_train"], data["y_small_train"]
        for criterion in ("gini", "entropy"):
            ours = _reference_tree(X, y, 1, criterion)
            sk = DecisionTreeClassifier(criterion=criterion, max_depth=1, random_state=0).fit(X, y)
            assert ours["feature"] == sk.tree_.feature[0]
            assert np.isclose(ours["threshold"], sk.tree_.threshold[0], atol=1e-5)
            X_test = data["X_small_test"]
            assert np.array_equal(_reference_predict(ours, X_test), sk.predict(X_test))


def test_impurity_importance_favours_the_random_id(trees):
    """The premise of q6: the ID ranks first by impurity and lower by permutation."""
    from curriculum.exercises.trees_ensembles import ID_COLUMN, _q6_reference, _rank

    for seed in (0, 1, 2):
        ref = _q6_reference(seed)
        assert _rank(ref["impurity"], ID_COLUMN) == 1
        assert _rank(ref["perm"], ID_COLUMN) >= 3


def test_different_seeds_give_different_data(trees):
    a, b = trees.run_context(seed=0), trees.run_context(seed=1)
    assert not np.array_equal(a["X_small"], b["X_small"])
    assert not np.array_equal(a["X_cust"], b["X_cust"])
