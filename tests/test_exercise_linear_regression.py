"""The exercise 07 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.results import Status


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(linreg, seed):
    results = evaluate(linreg, linreg.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in linreg.questions
    }


def test_templates_are_not_attempted(linreg):
    namespace = linreg.run_context(seed=0)
    for question in linreg.questions:
        exec(question.template, namespace)
    results = evaluate(linreg, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(linreg, question_id, code, seed=0):
    namespace = linreg.run_context(seed=seed)
    exec(code, namespace)
    return linreg.question(question_id).evaluate(namespace, {"seed": seed}, include_hidden=True)


SOLVE = "np.linalg.solve(D.T @ D, D.T @ y)"
STEP = "def gradient_step(X, y, w, b, lr):\n    r = X @ w + b - y\n    n = len(y)\n"
R2 = "def r2(t, p):\n    t, p = np.asarray(t, dtype=float), np.asarray(p, dtype=float)\n"
LR = "from sklearn.linear_model import LinearRegression\n"
RIDGE = (
    "from sklearn.linear_model import Ridge\nfrom sklearn.preprocessing import StandardScaler\n"
    "alphas = [0.1, 1.0, 10.0, 100.0, 1000.0]\n"
)
PATH_FN = (
    "def ridge_path(X, y, alphas):\n"
    "    Z = StandardScaler().fit_transform(X)\n"
    "    return np.array([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])\n"
)
PATH_REST = (
    "coef_path = ridge_path(X_train, y_train, alphas)\n"
    "shrinkage = np.abs(coef_path[0]) - np.abs(coef_path[-1])\n"
    "shrinks_most = feature_names[int(np.argmax(shrinkage))]\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def ols_fit(X, y):\n    D = np.c_[np.ones(len(X)), X]\n    return np.linalg.lstsq(D, y, rcond=None)[0]",
        "def ols_fit(X, y):\n    D = np.hstack([np.ones((len(X), 1)), X])\n    return np.linalg.pinv(D) @ y",
    ],
    "q2": [STEP + "    g = 2 * X.T @ r / n\n    return w - lr * g, b - lr * 2 * np.mean(r)"],
    "q3": [
        LR + "model = LinearRegression()\nmodel.fit(X_train, y_train)\n"
        "from sklearn.metrics import r2_score\ntest_r2 = r2_score(y_test, model.predict(X_test))"
    ],
    "q4": [
        R2 + "    return 1 - np.var(t - p) * 0 - np.sum((t - p) ** 2) / np.sum((t - t.mean()) ** 2)"
    ],
    "q5": [
        "from sklearn.linear_model import Lasso\nsparse_model = Lasso(alpha=1.0).fit(Xs_train, ys_train)"
    ],
    "q6": [
        RIDGE + "def ridge_path(X, y, alphas):\n"
        "    Z = (X - X.mean(axis=0)) / X.std(axis=0)\n"
        "    return np.vstack([Ridge(alpha=a).fit(Z, y).coef_ for a in alphas])\n" + PATH_REST
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (
            "def ols_fit(X, y):\n    return np.linalg.lstsq(X, y, rcond=None)[0]",
            "left out the intercept",
        ),
        (
            "def ols_fit(X, y):\n    D = np.column_stack([X, np.ones(len(X))])\n    return "
            + SOLVE,
            "intercept must come first",
        ),
        (
            LR + "def ols_fit(X, y):\n    m = LinearRegression().fit(X, y)\n"
            "    return np.r_[m.intercept_, m.coef_]",
            "prompt asks for NumPy only",
        ),
        (
            "def ols_fit(X, y):\n    D = np.column_stack([np.ones(len(X)), X])\n    X[:] = 0\n    return "
            + SOLVE,
            "changed its input `X` in place",
        ),
        (
            "def ols_fit(X, y):\n    D = np.column_stack([np.ones(len(X)), X])\n    return np.linalg.solve(D, y)",
            "needs a square matrix",
        ),
        (
            "def ols_fit(X, y):\n    D = np.column_stack([np.ones(len(X)), X])\n    return list("
            + SOLVE
            + ")[:2]",
            "shape (2,), but shape (3,)",
        ),
        (
            "def ols_fit(X, y):\n    D = np.column_stack([np.ones(len(X)), X])\n    " + SOLVE,
            "forget to `return`",
        ),
    ],
    "q2": [
        (STEP + "    return w + lr * 2 / n * X.T @ r, b + lr * 2 / n * r.sum()", "goes uphill"),
        (STEP + "    return w - lr / n * X.T @ r, b - lr / n * r.sum()", "factor 2 is missing"),
        (STEP + "    return w - lr * 2 * X.T @ r, b - lr * 2 * r.sum()", "Divide by n"),
        (STEP + "    return w - lr * 2 / n * X.T @ r, b", "`b_new` must move too"),
        (STEP + "    return w - lr * 2 / n * X @ r, b - lr * 2 / n * r.sum()", "X is transposed"),
        ("def gradient_step(X, y, w, b, lr):\n    return w", "pair `(w_new, b_new)`"),
        (STEP + "    while True:\n        pass", "endless loop"),
    ],
    "q3": [
        (
            LR
            + "model = LinearRegression().fit(X_test, y_test)\ntest_r2 = model.score(X_test, y_test)",
            "fitted on the test split",
        ),
        (
            LR
            + "model = LinearRegression().fit(X_train, y_train)\ntest_r2 = model.score(X_train, y_train)",
            "R² on the training split",
        ),
        (
            LR + "model = LinearRegression().fit(X, y)\ntest_r2 = model.score(X_test, y_test)",
            "fitted on all the data",
        ),
        (
            LR + "from sklearn.metrics import mean_squared_error\n"
            "model = LinearRegression().fit(X_train, y_train)\n"
            "test_r2 = mean_squared_error(y_test, model.predict(X_test))",
            "not the mean squared error",
        ),
        (
            LR
            + "from sklearn.metrics import r2_score\nmodel = LinearRegression().fit(X_train, y_train)\n"
            "test_r2 = r2_score(model.predict(X_test), y_test)",
            "R² is not symmetric",
        ),
        (LR + "model = LinearRegression()\ntest_r2 = 0.5", "not been fitted"),
    ],
    "q4": [
        (
            R2 + "    return 1 - np.sum((t - p) ** 2) / np.sum((t - p.mean()) ** 2)",
            "mean of the predictions",
        ),
        (
            "def r2(t, p):\n    return 1 - np.sum((t - p) ** 2) / np.sum((t - np.mean(t)) ** 2)",
            "accept plain Python lists",
        ),
        (
            R2 + "    return np.sum((t - p) ** 2) / np.sum((t - t.mean()) ** 2)",
            "returned the ratio itself",
        ),
        (R2 + "    return 1 - np.mean((t - p) ** 2) / np.sum((t - t.mean()) ** 2)", "both sums"),
        (
            R2 + "    return 1 - np.sum(np.abs(t - p)) / np.sum(np.abs(t - t.mean()))",
            "Square the differences",
        ),
        (R2 + "    return 1 - ((t - p) ** 2).sum() / (t ** 2).sum()", "r2(y_true, y_pred)"),
    ],
    "q5": [
        (
            "from sklearn.linear_model import LassoCV\nsparse_model = LassoCV(cv=5).fit(Xs_test, ys_test)",
            "trained on the test split",
        ),
        (
            "from sklearn.linear_model import Lasso\nsparse_model = Lasso(alpha=0.5).fit("
            "np.vstack([Xs_train, Xs_test]), np.concatenate([ys_train, ys_test]))",
            "trained on all the rows",
        ),
        (
            LR + "sparse_model = LinearRegression().fit(Xs_train, ys_train)",
            "penalty that sets useless",
        ),
        ("from sklearn.linear_model import Lasso\nsparse_model = Lasso()", "not been fitted"),
        (
            "from sklearn.linear_model import Lasso\nsparse_model = Lasso().fit(Xs_train[:, :10], ys_train)",
            "n_features_in_",
        ),
    ],
    "q6": [
        (
            RIDGE + PATH_FN.replace("for a in alphas])", "for a in alphas]).T") + PATH_REST,
            "Try `.T`",
        ),
        (
            RIDGE + "def ridge_path(X, y, alphas):\n"
            "    return np.array([Ridge(alpha=a).fit(X, y).coef_ for a in alphas])\n" + PATH_REST,
            "Standardise X inside `ridge_path`",
        ),
        (
            RIDGE
            + PATH_FN
            + PATH_REST.replace(
                "np.abs(coef_path[0]) - np.abs(coef_path[-1])", "coef_path[0] - coef_path[-1]"
            ),
            "compare absolute values",
        ),
        (
            RIDGE
            + PATH_FN
            + PATH_REST.replace(
                "np.abs(coef_path[0]) - np.abs(coef_path[-1])",
                "np.abs(coef_path[-1]) - np.abs(coef_path[0])",
            ),
            "Subtract the other way round",
        ),
        (RIDGE + PATH_FN + PATH_REST.replace("np.argmax", "np.argmin"), "`shrinks_most` is"),
        (
            RIDGE
            + PATH_FN
            + PATH_REST.replace(
                "feature_names[int(np.argmax(shrinkage))]", "int(np.argmax(shrinkage))"
            ),
            "should be a str",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(linreg, question_id, code):
    result = answer(linreg, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(linreg, question_id, code, named):
    question = linreg.question(question_id)
    namespace = linreg.run_context(seed=0)
    exec(code, namespace)
    result = question.evaluate(namespace, {"seed": 0}, include_hidden=True, time_limit=2)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [("np.ones(len(X))", "np.zeros(len(X))"), ("design.T @ design", "design @ design.T")],
    "q2": [("w - lr * grad_w", "w - 2 * lr * grad_w"), ("(2 / n)", "(2 / (n - 1))")],
    "q3": [("fit(X_train, y_train)", "fit(X_train[1:], y_train[1:])")],
    "q4": [("residual / total", "residual / (total + 1)"), ("** 2)", "** 3)")],
    "q5": [("LassoCV(cv=5)", "LassoCV(cv=5, max_iter=3)")],
    "q6": [("coef_path[-1]", "coef_path[-2]"), ("Ridge(alpha=a)", "Ridge(alpha=2 * a)")],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(linreg, question_id, old, new):
    solution = linreg.question(question_id).solution
    assert old in solution
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = answer(linreg, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(linreg):
    for question in linreg.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_partial_answer_names_what_is_missing(linreg):
    result = answer(linreg, "q3", "model = ____\ntest_r2 = 0.4\n")
    assert result.status == Status.FAILED and "`model`" in result.message


def test_different_seeds_give_different_data(linreg):
    a, b = linreg.run_context(seed=0), linreg.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])


def test_q5_a_model_changed_after_one_check_is_judged_afresh(linreg):
    # the public and hidden checks share one refit per evaluation; a learner who changes the
    # same model object and checks again must not be judged by the earlier refit
    namespace = linreg.run_context(seed=0)
    exec("from sklearn.linear_model import Lasso\nsparse_model = Lasso(alpha=2.0)", namespace)
    model, question = namespace["sparse_model"], linreg.question("q5")
    model.fit(namespace["Xs_train"], namespace["ys_train"])
    assert question.evaluate(namespace, {"seed": 0}, include_hidden=True).status == Status.PASSED
    model.set_params(alpha=1.0).fit(namespace["Xs_train"], namespace["ys_train"])
    result = question.evaluate(namespace, {"seed": 0}, include_hidden=True)
    assert result.status == Status.PASSED, result.message
    model.fit(namespace["Xs_test"], namespace["ys_test"])
    result = question.evaluate(namespace, {"seed": 0}, include_hidden=True)
    assert result.status == Status.FAILED and "test split" in result.message, result.message
