"""The exercise 11 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def svm():
    return load_exercise("11")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_reference_solutions_pass_every_check(svm, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(svm, svm.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in svm.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(svm):
    namespace = svm.run_context(seed=0)
    for question in svm.questions:
        exec(question.template, namespace)
    results = evaluate(svm, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(svm, question_id, code, seed=0):
    namespace = svm.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return svm.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


OBJ = (
    "def svm_objective(w, b, X, y, C):\n"
    "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
    "    m = y * (X @ w + b)\n"
)
SUB = (
    "def svm_subgradient(w, b, X, y, C):\n"
    "    w, X, y = np.asarray(w, float), np.asarray(X, float), np.asarray(y, float)\n"
    "    a = y * (X @ w + b) < 1\n"
)
TRAIN = """\
from sklearn.svm import LinearSVC


def train_linear_svm(X, y, C, lr=0.05, n_steps=2000):
    X = np.asarray(X, dtype=float)
    ys = 2 * np.asarray(y, dtype=float) - 1
    w, b = np.zeros(X.shape[1]), 0.0
    for t in range(n_steps):
        a = ys * (X @ w + b) < 1
        gw, gb = w - C * (ys[a] @ X[a]), -C * ys[a].sum()
        w, b = w - lr / np.sqrt(t + 1) * gw, b - lr / np.sqrt(t + 1) * gb
    return w, b
"""
REST = """\
w_scratch, b_scratch = train_linear_svm(X_train, y_train, C_scratch)
linear_svc = LinearSVC(C=C_scratch, loss="hinge", random_state=0).fit(X_train, y_train)
agreement = np.mean(linear_svc.predict(X_test) == (X_test @ w_scratch + b_scratch > 0))
"""
RBF = "def rbf_kernel(A, B, gamma):\n    A, B = np.asarray(A, float), np.asarray(B, float)\n"
MARGIN = """\
from sklearn.svm import SVC

C_values = [0.01, 0.1, 1, 10, 100]
models = [SVC(kernel="linear", C=C).fit(X_train, y_train) for C in C_values]
margin_widths = np.array([2 / np.linalg.norm(m.coef_) for m in models])
n_support = np.array([m.n_support_.sum() for m in models])
widest_margin_C = C_values[int(np.argmax(margin_widths))]
"""
WINE = """\
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler, MinMaxScaler
from sklearn.svm import SVC

unscaled_accuracy = SVC().fit(Xw_train, yw_train).score(Xw_test, yw_test)
"""
SCALED = (
    "scaled_svc = make_pipeline(StandardScaler(), SVC()).fit(Xw_train, yw_train)\n"
    "scaled_accuracy = scaled_svc.score(Xw_test, yw_test)\n"
)
GRID = """\
from sklearn.model_selection import GridSearchCV
from sklearn.svm import SVC

param_grid = {"C": [0.1, 1, 10], "gamma": [0.0001, 0.001, 0.01]}
search = GridSearchCV(SVC(kernel="rbf"), param_grid, cv=3, n_jobs=1).fit(Xd_train, yd_train)
cv_scores = search.cv_results_["mean_test_score"].reshape(3, 3)
best_C = search.best_params_["C"]
best_gamma = search.best_params_["gamma"]
"""
GRID_END = (
    "digits_predictions = search.best_estimator_.predict(Xd_test)\n"
    "digits_test_accuracy = search.score(Xd_test, yd_test)\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        OBJ + "    return 0.5 * np.dot(w, w) + C * np.sum(np.clip(1 - m, 0, None))",
        OBJ + "    return 0.5 * np.sum(w ** 2) + C * sum(max(0.0, 1 - v) for v in m)",
    ],
    "q2": [
        SUB + "    gw = w - C * (X * (y * a)[:, None]).sum(axis=0)\n"
        "    return gw, -C * np.sum(y * a)",
        SUB + "    return w - C * X.T @ (y * a), float(-C * (y * a).sum())",
    ],
    "q3": [
        TRAIN + REST,
        TRAIN.replace("2 * np.asarray(y, dtype=float) - 1", "np.where(y == 0, -1, 1)") + REST,
    ],
    "q4": [
        RBF + "    d2 = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]\n"
        "    return np.exp(-gamma * d2)",
        RBF
        + "    return np.exp(-gamma * np.array([[np.sum((a - b) ** 2) for b in B] for a in A]))",
    ],
    "q5": [MARGIN],
    "q6": [
        WINE + SCALED,
        WINE + "scaled_svc = make_pipeline(MinMaxScaler(), SVC(C=10)).fit(Xw_train, yw_train)\n"
        "scaled_accuracy = scaled_svc.score(Xw_test, yw_test)\n",
    ],
    "q7": [
        GRID + GRID_END,
        GRID + "digits_model = SVC(C=best_C, gamma=best_gamma).fit(Xd_train, yd_train)\n"
        "digits_predictions = digits_model.predict(Xd_test)\n"
        "from sklearn.metrics import accuracy_score\n"
        "digits_test_accuracy = accuracy_score(yd_test, digits_predictions)\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (
            OBJ + "    return 0.5 * w @ w + C * np.maximum(0, 1 + m).sum()",
            "Sign error in the hinge",
        ),
        (OBJ + "    return C * np.maximum(0, 1 - m).sum()", "regularisation term is missing"),
        (
            OBJ + "    return 0.5 * C * w @ w + np.maximum(0, 1 - m).sum()",
            "*weaker* regularisation",
        ),
        (OBJ + "    return 0.5 * w @ w + C * np.maximum(0, 1 - m).mean()", "the mean divides"),
        (OBJ + "    return w @ w + C * np.maximum(0, 1 - m).sum()", "*half* the squared norm"),
        (
            OBJ + "    return 0.5 * np.linalg.norm(w) + C * np.maximum(0, 1 - m).sum()",
            "*squared* norm",
        ),
        (OBJ + "    return 0.5 * w @ w + C * np.maximum(0, -m).sum()", "perceptron"),
        (
            "from sklearn.metrics import hinge_loss\n"
            "def svm_objective(w, b, X, y, C):\n"
            "    w = np.asarray(w, float)\n"
            "    return 0.5 * w @ w + C * len(y) * hinge_loss(y, np.asarray(X) @ w + b)",
            "NumPy only",
        ),
        (
            "def svm_objective(w, b, X, y, C):\n"
            "    m = y * (X @ w + b)\n"
            "    return 0.5 * w @ w + C * np.maximum(0, 1 - m).sum()",
            "fails a hidden check",
        ),
    ],
    "q2": [
        (SUB + "    return -C * (y[a] @ X[a]), -C * y[a].sum()", "forgets the regularisation term"),
        (SUB + "    return w + C * (y[a] @ X[a]), C * y[a].sum()", "wrong sign"),
        (SUB + "    return w - C * (y @ X), -C * y.sum()", "Only active points"),
        (
            SUB.replace("< 1", "> -1") + "    return w + C * (y[a] @ X[a]), C * y[a].sum()",
            "max(0, 1 + y * f)",
        ),
        (
            SUB + "    return w - C * (y[a] @ X[a]) / len(y), -C * y[a].sum() / len(y)",
            "no division by n",
        ),
        (
            SUB + "    return w - C * (y[a] @ X[a]), b - C * y[a].sum()",
            "intercept is not regularised",
        ),
        (SUB + "    return C * w - (y[a] @ X[a]), -y[a].sum()", "`C` belongs on the hinge part"),
        (SUB + "    return w - C * (y[a] @ X[a])", "pair `(grad_w, grad_b)`"),
    ],
    "q3": [
        (
            TRAIN.replace("2 * np.asarray(y, dtype=float) - 1", "np.asarray(y, dtype=float)")
            + REST,
            "left as 0 and 1",
        ),
        (
            TRAIN.replace(
                "w - lr / np.sqrt(t + 1) * gw, b - lr / np.sqrt(t + 1) * gb",
                "w + lr / np.sqrt(t + 1) * gw, b + lr / np.sqrt(t + 1) * gb",
            )
            + REST,
            "go uphill",
        ),
        (
            TRAIN.replace("b - lr / np.sqrt(t + 1) * gb", "0.0") + REST,
            "`b` never moves",
        ),
        (TRAIN + REST.replace(', loss="hinge"', ""), "loss='hinge'"),
        (TRAIN + REST.replace("LinearSVC(C=C_scratch", "LinearSVC(C=1 / C_scratch"), "same C"),
        (
            TRAIN + REST.replace(").fit(X_train, y_train)", ").fit(X_test, y_test)"),
            "fitted on the test split",
        ),
        (
            TRAIN + REST.replace("(X_test) == (X_test @", "(X_train) == (X_train @"),
            "measured on the training points",
        ),
        (
            # the regularisation term forgotten in the subgradient: objective far above the minimum
            TRAIN.replace("gw, gb = w - C *", "gw, gb = -C *") + REST,
            "above it",
        ),
        (
            TRAIN.replace("return w, b", "return w")
            + REST.replace(
                "w_scratch, b_scratch = train_linear_svm(X_train, y_train, C_scratch)",
                "w_scratch, b_scratch = train_linear_svm(X_train, y_train, C_scratch), 0.0",
            ),
            "pair `(w, b)`",
        ),
    ],
    "q4": [
        (
            RBF + "    return np.exp(-gamma * np.sqrt(((A[:, None] - B[None]) ** 2).sum(2)))",
            "must be squared",
        ),
        (
            RBF + "    return np.exp(gamma * ((A[:, None] - B[None]) ** 2).sum(2))",
            "exponent is negative",
        ),
        (
            RBF + "    return np.exp(-((A[:, None] - B[None]) ** 2).sum(2) / gamma)",
            "Multiply by gamma",
        ),
        (
            RBF + "    return np.exp(-gamma * ((B[:, None] - A[None]) ** 2).sum(2))",
            "(len(A), len(B))",
        ),
        (RBF + "    return np.exp(-gamma * (A @ B.T))", "linear kernel"),
        (
            RBF + "    return np.exp(-gamma * ((A**2).sum(1)[:, None] - A @ B.T + (B**2).sum(1)))",
            "factor 2",
        ),
        (
            "from sklearn.metrics.pairwise import rbf_kernel as sk\n"
            "def rbf_kernel(A, B, gamma):\n    return sk(A, B, gamma=gamma)",
            "NumPy only",
        ),
    ],
    "q5": [
        (MARGIN.replace("np.argmax", "np.argmin"), "C backwards"),
        (
            MARGIN.replace(
                "widest_margin_C = C_values[int(np.argmax(margin_widths))]", "widest_margin_C = 100"
            ),
            "C backwards",
        ),
        (MARGIN.replace("2 / np.linalg.norm", "1 / np.linalg.norm"), "not `1 / ‖w‖`"),
        (MARGIN.replace("m.n_support_.sum()", "m.n_support_[0]"), "*per class*"),
        (
            MARGIN.replace("2 / np.linalg.norm(m.coef_)", "2 / np.sum(m.coef_ ** 2)"),
            "not its squared norm",
        ),
        (MARGIN.replace("m.n_support_.sum()", "m.support_vectors_.shape[1]"), "number of features"),
        (
            MARGIN.replace(".fit(X_train, y_train)", ".fit(X_test, y_test)"),
            "fitted on the test split",
        ),
    ],
    "q6": [
        (
            WINE + "scaled_svc = SVC().fit(Xw_train, yw_train)\n"
            "scaled_accuracy = scaled_svc.score(Xw_test, yw_test)\n",
            "does not scale the features",
        ),
        (
            WINE + "scaled_svc = SVC(C=100).fit(Xw_train, yw_train)\n"
            "scaled_accuracy = scaled_svc.score(Xw_test, yw_test)\n",
            "does not scale the features",
        ),
        (
            WINE + SCALED.replace(".fit(Xw_train, yw_train)", ".fit(Xw_test, yw_test)"),
            "fitted on the test split",
        ),
        (
            WINE
            + SCALED.replace(
                ".fit(Xw_train, yw_train)",
                ".fit(np.vstack([Xw_train, Xw_test]), np.concatenate([yw_train, yw_test]))",
            ),
            "test split included",
        ),
        (
            WINE.replace(".score(Xw_test, yw_test)", ".score(Xw_train, yw_train)") + SCALED,
            "`unscaled_accuracy` is measured on the training split",
        ),
        (
            WINE + "scaled_svc = make_pipeline(StandardScaler(), SVC())\nscaled_accuracy = 1.0\n",
            "not been fitted",
        ),
    ],
    "q7": [
        (
            GRID.replace(").fit(Xd_train, yd_train)", ").fit(Xd_test, yd_test)") + GRID_END,
            "tuned on the test split",
        ),
        (
            GRID.replace(
                'cv_scores = search.cv_results_["mean_test_score"].reshape(3, 3)',
                "cv_scores = np.array([[SVC(C=c, gamma=g).fit(Xd_train, yd_train).score(Xd_test, "
                "yd_test) for g in param_grid['gamma']] for c in param_grid['C']])",
            )
            + GRID_END,
            "test-split accuracies",
        ),
        (GRID.replace(".reshape(3, 3)", ".reshape(3, 3).T") + GRID_END, "transpose"),
        (
            GRID + GRID_END.replace("search.score(Xd_test, yd_test)", "search.best_score_"),
            "`best_score_`",
        ),
        (
            GRID
            + GRID_END.replace(
                "search.best_estimator_",
                "SVC(C=best_C, gamma=best_gamma).fit(np.vstack([Xd_train, Xd_test]), "
                "np.concatenate([yd_train, yd_test]))",
            ),
            "test split included",
        ),
        (
            GRID.replace('best_C = search.best_params_["C"]', "best_C = 0.1")
            + GRID_END.replace(
                "search.best_estimator_", "SVC(C=best_C, gamma=best_gamma).fit(Xd_train, yd_train)"
            ),
            "highest cross-validated score",
        ),
        (
            GRID + "digits_predictions = SVC().fit(Xd_train, yd_train).predict(Xd_test)\n"
            "digits_test_accuracy = np.mean(digits_predictions == yd_test)\n",
            "default settings",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(svm, question_id, code):
    result = answer(svm, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(svm, question_id, code, named):
    result = answer(svm, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [("1.0 - margins", "0.5 - margins"), ("0.5 * w @ w", "0.25 * w @ w")],
    "q2": [
        ("< 1", "<= 0"),
        ("w - C *", "w - 2 * C *"),
        ("-C * y[active].sum()", "C * y[active].sum()"),
    ],
    "q3": [
        ("lr / np.sqrt(t + 1)", "lr * (t + 1)"),
        ("y_signed * (X @ w + b) < 1", "y_signed * (X @ w + b) < 0"),
    ],
    "q4": [
        ("np.exp(-gamma * squared)", "np.exp(-gamma * squared / 2)"),
        ("** 2).sum", "** 1).sum"),
    ],
    "q5": [
        ("2 / np.linalg.norm", "2.5 / np.linalg.norm"),
        ("len(model.support_)", "len(model.support_) - 1"),
    ],
    "q6": [
        (
            'make_pipeline(StandardScaler(), SVC(kernel="rbf"))',
            'make_pipeline(StandardScaler(), SVC(kernel="rbf", gamma=100))',
        )
    ],
    "q7": [
        ("cv=3", "cv=4"),
        ("np.mean(digits_predictions == yd_test)", "np.mean(digits_predictions != yd_test)"),
        ("digits_model.predict(Xd_test)", "digits_model.predict(Xd_test[::-1])"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(svm, question_id, old, new):
    solution = svm.question(question_id).solution
    assert old in solution
    result = answer(svm, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(svm):
    for question in svm.questions:
        assert question.mistakes, question.id
        assert len(question.hints) >= 2
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_partial_answer_names_what_is_missing(svm):
    result = answer(
        svm, "q6", "unscaled_accuracy = 0.7\nscaled_svc = ____\nscaled_accuracy = ____\n"
    )
    assert result.status == Status.FAILED and "`scaled_svc`" in result.message


def test_different_seeds_give_different_data(svm):
    a, b = svm.run_context(seed=0), svm.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
    assert not np.array_equal(a["Xd_train"], b["Xd_train"])


def test_the_scratch_svm_reaches_the_libsvm_optimum(svm):
    """The from-scratch reference really solves the problem the prompt states (gap < 1e-3)."""
    from curriculum.exercises.svm import _optimum, _reference_objective, _signed

    for seed in (0, 5):
        namespace = svm.run_context(seed=seed)
        exec(svm.question("q3").solution, namespace)
        X, y = namespace["X_train"], namespace["y_train"]
        reached = _reference_objective(
            namespace["w_scratch"], namespace["b_scratch"], X, _signed(y), 0.1
        )
        assert reached <= _optimum(X, y, 0.1) * 1.001
