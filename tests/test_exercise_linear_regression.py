"""The exercise 07 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

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


def test_ols_without_intercept_is_explained(linreg):
    result = answer(linreg, "q1", "def ols_fit(X, y):\n    return np.linalg.lstsq(X, y)[0]")
    assert result.status == Status.FAILED
    assert "shape (2,), but shape (3,)" in result.message and "intercept" in result.message


def test_ols_that_mutates_input_fails_a_hidden_check(linreg):
    code = (
        "def ols_fit(X, y):\n"
        "    D = np.column_stack([np.ones(len(X)), X])\n"
        "    w = np.linalg.lstsq(D, y)[0]\n"
        "    X[:] = 0\n"
        "    return w\n"
    )
    result = answer(linreg, "q1", code)
    assert result.status == Status.FAILED
    assert "hidden" in result.message


def test_gradient_step_with_the_wrong_sign(linreg):
    code = (
        "def gradient_step(X, y, w, b, lr):\n"
        "    r = X @ w + b - y\n"
        "    return w + lr * 2 / len(y) * X.T @ r, b + lr * 2 / len(y) * r.sum()\n"
    )
    result = answer(linreg, "q2", code)
    assert result.status == Status.FAILED and "w_new" in result.message


def test_gradient_step_returning_one_value(linreg):
    result = answer(linreg, "q2", "def gradient_step(X, y, w, b, lr):\n    return w\n")
    assert "pair `(w_new, b_new)`" in result.message


def test_model_fitted_on_test_data_fails_hidden_check(linreg):
    code = (
        "from sklearn.linear_model import LinearRegression\n"
        "model = LinearRegression().fit(X_test, y_test)\n"
        "test_r2 = LinearRegression().fit(X_train, y_train).score(X_test, y_test)\n"
    )
    result = answer(linreg, "q3", code)
    assert result.status == Status.FAILED and "hidden" in result.message


def test_unfitted_model_is_explained(linreg):
    code = "from sklearn.linear_model import LinearRegression\nmodel = LinearRegression()\ntest_r2 = 0.5\n"
    assert "not been fitted" in answer(linreg, "q3", code).message


def test_r2_without_centering(linreg):
    code = "def r2(t, p):\n    t, p = np.asarray(t), np.asarray(p)\n    return 1 - ((t - p) ** 2).sum() / (t**2).sum()\n"
    result = answer(linreg, "q4", code)
    assert result.status == Status.FAILED and "r2(y_true, y_pred)" in result.message


def test_plain_least_squares_misses_the_q5_target(linreg):
    for seed in (0, 1, 2):
        code = "from sklearn.linear_model import LinearRegression\nsparse_model = LinearRegression().fit(Xs_train, ys_train)\n"
        result = answer(linreg, "q5", code, seed=seed)
        assert result.status == Status.FAILED and "at least 0.92" in result.message


def test_q5_model_trained_on_everything_fails_hidden_check(linreg):
    code = (
        "from sklearn.linear_model import Lasso\n"
        "sparse_model = Lasso(alpha=0.5).fit(np.vstack([Xs_train, Xs_test]), np.concatenate([ys_train, ys_test]))\n"
    )
    result = answer(linreg, "q5", code)
    assert result.status == Status.FAILED and "hidden" in result.message


def test_q6_wrong_feature_name(linreg):
    solution = linreg.question("q6").solution
    result = answer(linreg, "q6", solution + "\nshrinks_most = 'age'\n")
    assert result.status == Status.FAILED and "shrinks_most" in result.message


def test_q6_unscaled_path_fails(linreg):
    code = (
        "from sklearn.linear_model import Ridge\n"
        "coef_path = np.array([Ridge(alpha=a).fit(X_train, y_train).coef_ for a in [0.1, 1, 10, 100, 1000]])\n"
        "shrinks_most = 'bmi'\n"
    )
    result = answer(linreg, "q6", code)
    assert result.status == Status.FAILED and "coef_path" in result.message


def test_partial_answer_names_what_is_missing(linreg):
    result = answer(linreg, "q3", "model = ____\ntest_r2 = 0.4\n")
    assert result.status == Status.FAILED and "`model`" in result.message


def test_different_seeds_give_different_data(linreg):
    a, b = linreg.run_context(seed=0), linreg.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
