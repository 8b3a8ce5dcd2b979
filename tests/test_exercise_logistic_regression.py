"""The exercise 08 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def logreg():
    return load_exercise("08")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(logreg, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(logreg, logreg.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in logreg.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(logreg):
    namespace = logreg.run_context(seed=0)
    for question in logreg.questions:
        exec(question.template, namespace)
    results = evaluate(logreg, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(logreg, question_id, code, seed=0):
    namespace = logreg.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return logreg.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


PROBA = "def predict_proba(X, w, b):\n    z = np.asarray(X, dtype=float) @ np.asarray(w) + b\n"
LOSS = "def log_loss(y, p):\n    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)\n"
STEP = (
    "def gradient_step(X, y, w, b, lr):\n    p = 1 / (1 + np.exp(-(X @ w + b)))\n    n = len(y)\n"
)
LIB = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.preprocessing import StandardScaler\n"
)
Q4_GD = (
    "def step(Z, y, w, b):\n"
    "    e = 1 / (1 + np.exp(-(Z @ w + b))) - y\n"
    "    return w - 4.0 * Z.T @ e / len(y), b - 4.0 * e.mean()\n"
    "w_gd, b_gd = np.zeros(2), 0.0\n"
    "for _ in range(STEPS):\n"
    "    w_gd, b_gd = step(Z2_train, y_train, w_gd, b_gd)\n"
)
Q4_OK = (
    LIB + "scaler = StandardScaler().fit(X2_train)\nZ2_train = scaler.transform(X2_train)\n"
    "clf = LogisticRegression(C=np.inf).fit(Z2_train, y_train)\n"
)
PRF = (
    "def precision_recall_f1(t, p):\n"
    "    t, p = np.asarray(t), np.asarray(p)\n"
    "    tp = np.sum((p == 1) & (t == 1))\n"
    "    fp = np.sum((p == 1) & (t == 0))\n"
    "    fn = np.sum((p == 0) & (t == 1))\n"
)
PRF_END = "    return P, R, 2 * P * R / (P + R)\n"
PIPE = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import roc_auc_score\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
)
Q6_OK = PIPE + (
    "model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)\n"
    "val_proba = model.predict_proba(X_val)[:, 1]\n"
    "val_auc = roc_auc_score(y_val, val_proba)\n"
)
CHOOSE = (
    "def choose_threshold(y_true, proba, thresholds, cost_fn, cost_fp):\n"
    "    y_true, proba = np.asarray(y_true), np.asarray(proba, dtype=float)\n"
    "    costs = [cost_fn * np.sum((proba < t) & (y_true == 1))\n"
    "             + cost_fp * np.sum((proba >= t) & (y_true == 0)) for t in thresholds]\n"
    "    return float(thresholds[int(np.argmin(costs))])\n"
)
MODEL = (
    PIPE + "model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)\n"
)


def q7_rest(y="y_val", x="X_val", ty="y_test", tx="X_test"):
    return (
        f"threshold = choose_threshold({y}, model.predict_proba({x})[:, 1], thresholds, "
        "COST_FN, COST_FP)\n"
        f"f = model.predict_proba({tx})[:, 1] >= threshold\n"
        f"test_cost = COST_FN * np.sum(~f & ({ty} == 1)) + COST_FP * np.sum(f & ({ty} == 0))\n"
    )


# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        PROBA + "    return np.exp(z) / (1 + np.exp(z))",
        "def predict_proba(X, w, b):\n    return 0.5 * (1 + np.tanh(0.5 * (np.dot(X, w) + b)))",
    ],
    "q2": [
        LOSS + "    return -np.mean(np.where(y == 1, np.log(p), np.log(1 - p)))",
        LOSS + "    return float(-(y @ np.log(p) + (1 - y) @ np.log(1 - p)) / len(y))",
    ],
    "q3": [
        STEP + "    g = (p - y) @ X / n\n    return w - lr * g, b - lr * np.mean(p - y)",
        "def gradient_step(X, y, w, b, lr):\n"
        "    Xb = np.column_stack([np.ones(len(X)), X])\n"
        "    theta = np.r_[b, w]\n"
        "    p = 1 / (1 + np.exp(-Xb @ theta))\n"
        "    theta = theta - lr * Xb.T @ (p - y) / len(y)\n"
        "    return theta[1:], theta[0]",
    ],
    "q4": [
        Q4_OK + Q4_GD.replace("STEPS", "1000"),
        Q4_OK.replace("C=np.inf", "C=1e12, max_iter=1000") + Q4_GD.replace("STEPS", "3000"),
    ],
    "q5": [
        PRF
        + "    P, R = tp / (tp + fp), tp / (tp + fn)\n    return P, R, 2 * tp / (2 * tp + fp + fn)",
    ],
    "q6": [
        Q6_OK,
        PIPE + "model = make_pipeline(StandardScaler(), LogisticRegression())\n"
        "model.fit(X_train, y_train)\n"
        "val_proba = model.predict_proba(X_val)[:, list(model.classes_).index(1)]\n"
        "from sklearn.metrics import roc_curve, auc\n"
        "fpr, tpr, _ = roc_curve(y_val, val_proba)\nval_auc = auc(fpr, tpr)\n",
    ],
    "q7": [
        MODEL + CHOOSE + q7_rest(),
        MODEL + "def choose_threshold(y_true, proba, thresholds, cost_fn, cost_fp):\n"
        "    y_true, proba = np.asarray(y_true), np.asarray(proba, dtype=float)\n"
        "    best, best_cost = None, np.inf\n"
        "    for t in thresholds:\n"
        "        c = cost_fn * np.sum((proba < t) & (y_true == 1)) + cost_fp * np.sum(\n"
        "            (proba >= t) & (y_true == 0))\n"
        "        if c < best_cost:\n"
        "            best, best_cost = t, c\n"
        "    return best\n" + q7_rest(),
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (PROBA + "    s = 1 / (1 + np.exp(-z))\n    return 1 / (1 + np.exp(-s))", "sigmoid twice"),
        (PROBA + "    return 1 / (1 + np.exp(z))", "sign in the exponent is flipped"),
        (
            "def predict_proba(X, w, b):\n    return 1 / (1 + np.exp(-np.dot(X, w)))",
            "intercept `b` is missing",
        ),
        (PROBA + "    return np.where(z >= 0, 1.0, 0.0)", "hard 0/1 labels"),
        ("def predict_proba(X, w, b):\n    return 1 / (1 + np.exp(-(X @ w + b)))", "plain Python"),
        (
            "from sklearn.linear_model import LogisticRegression\n"
            "def predict_proba(X, w, b):\n"
            "    m = LogisticRegression()\n"
            "    m.coef_, m.intercept_, m.classes_ = np.array([w]), np.array([b]), np.array([0, 1])\n"
            "    return m.predict_proba(np.asarray(X))[:, 1]",
            "NumPy only",
        ),
        (PROBA + "    return 1 / (1 + np.exp(-z)).reshape(-1, 1)", "shape"),
    ],
    "q2": [
        (LOSS + "    return np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))", "minus sign"),
        (LOSS + "    return -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))", "mean, not the sum"),
        (LOSS + "    return -np.mean(y * np.log(p))", "y = 0 are missing"),
        (
            LOSS + "    return -np.mean(y * np.log10(p) + (1 - y) * np.log10(1 - p))",
            "natural logarithm",
        ),
        (
            LOSS + "    return -np.mean(p * np.log(y) + (1 - p) * np.log(1 - y))",
            "swapped roles",
        ),
        (
            "def log_loss(y, p):\n    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))",
            "plain Python lists",
        ),
        (
            "from sklearn.metrics import log_loss as sk\ndef log_loss(y, p):\n    return sk(y, p)",
            "NumPy only",
        ),
    ],
    "q3": [
        (STEP + "    return w + lr * X.T @ (p - y) / n, b + lr * np.mean(p - y)", "goes uphill"),
        (STEP + "    return w - lr * X.T @ (y - p) / n, b - lr * np.mean(y - p)", "goes uphill"),
        (STEP + "    return w - lr * X.T @ (p - y), b - lr * np.sum(p - y)", "Divide by n"),
        (
            "def gradient_step(X, y, w, b, lr):\n    r = X @ w + b - y\n"
            "    return w - lr * X.T @ r / len(y), b - lr * r.mean()",
            "not the raw score",
        ),
        (STEP + "    return w - lr * X.T @ (p - y) / n, b", "`b_new` must move too"),
        (STEP + "    return w - lr * X.T @ (p - y), b - lr * np.mean(p - y)", "Divide by n"),
        (STEP + "    return w - lr * X.T @ (p - y) / n, b + lr * np.mean(p - y)", "goes uphill"),
        (
            STEP + "    return w - 2 * lr * X.T @ (p - y) / n, b - 2 * lr * np.mean(p - y)",
            "no factor 2",
        ),
        (
            STEP + "    w -= lr * X.T @ (p - y) / n\n    return w, b - lr * np.mean(p - y)",
            "in place",
        ),
        (STEP + "    return w - lr * X.T @ (p - y) / n", "pair `(w_new, b_new)`"),
    ],
    "q4": [
        (
            Q4_OK.replace("Z2_train = scaler.transform(X2_train)\n", "").replace(
                ".fit(Z2_train", ".fit(scaler.transform(X2_train)"
            )
            + "Z2_train = X2_train\n"
            + Q4_GD.replace("STEPS", "1000"),
            "unscaled features",
        ),
        (
            Q4_OK.replace(".fit(Z2_train", ".fit(scaler.transform(X2_train)").replace(
                "Z2_train = scaler.transform(X2_train)\n", "Z2_train = X2_train\n"
            )
            + Q4_GD.replace("4.0", "1e-6").replace("STEPS", "1000"),
            "unscaled features",
        ),
        (
            Q4_OK.replace("fit(X2_train)", "fit(X[:, pair])") + Q4_GD.replace("STEPS", "1000"),
            "fitted on all the rows",
        ),
        (
            Q4_OK.replace("C=np.inf", "") + Q4_GD.replace("STEPS", "1000"),
            "L2 penalty by default",
        ),
        (
            Q4_OK.replace(".fit(Z2_train, y_train)", ".fit(X2_train, y_train)")
            + Q4_GD.replace("STEPS", "1000"),
            "`clf` was fitted on the unscaled",
        ),
        (Q4_OK + Q4_GD.replace("STEPS", "100"), "has not reached the minimum"),
        (Q4_OK + Q4_GD.replace("STEPS", "1000").replace("w - 4.0", "w + 4.0"), "w_gd"),
        (
            Q4_OK.replace("clf = ", "clf = LogisticRegression(C=np.inf)\nx = ")
            + Q4_GD.replace("STEPS", "1000"),
            "not been fitted",
        ),
    ],
    "q5": [
        (PRF + "    P, R = tp / (tp + fn), tp / (tp + fp)\n" + PRF_END, "swapped"),
        (
            PRF + "    P, R = tp / (tp + fp), tp / (tp + fn)\n    return P, R, (P + R) / 2",
            "harmonic",
        ),
        (
            PRF.replace("== 1)", "== 9)").replace("== 0)", "== 1)").replace("== 9)", "== 0)")
            + "    P, R = tp / (tp + fp), tp / (tp + fn)\n"
            + PRF_END,
            "positive class is 1",
        ),
        (PRF + "    P, R = np.mean(t == p), tp / (tp + fn)\n" + PRF_END, "accuracy"),
        (
            PRF.replace("    t, p = np.asarray(t), np.asarray(p)\n", "")
            + "    P, R = tp / (tp + fp), tp / (tp + fn)\n"
            + PRF_END,
            "plain Python lists",
        ),
        (
            "from sklearn.metrics import precision_recall_fscore_support as s\n"
            "def precision_recall_f1(t, p):\n"
            "    P, R, F, _ = s(t, p, average='binary')\n    return P, R, F",
            "NumPy only",
        ),
        (PRF + "    P, R = tp / (tp + fp), tp / (tp + fn)\n    return [P, R]", "three numbers"),
    ],
    "q6": [
        (Q6_OK.replace("[:, 1]", "[:, 0]"), "take column 1"),
        (
            Q6_OK.replace(
                "roc_auc_score(y_val, val_proba)", "roc_auc_score(y_val, model.predict(X_val))"
            ),
            "needs scores, not 0/1 labels",
        ),
        (Q6_OK.replace("fit(X_train, y_train)", "fit(X_test, y_test)"), "fitted on the test"),
        (
            Q6_OK.replace("fit(X_train, y_train)", "fit(X_val, y_val)"),
            "fitted on the validation",
        ),
        (Q6_OK.replace("fit(X_train, y_train)", "fit(X, y)"), "fitted on all the rows"),
        (
            Q6_OK.replace(
                "make_pipeline(StandardScaler(), LogisticRegression())",
                "LogisticRegression(max_iter=10000)",
            ),
            "Put a `StandardScaler`",
        ),
        (
            Q6_OK.replace(
                "roc_auc_score(y_val, val_proba)",
                "roc_auc_score(y_train, model.predict_proba(X_train)[:, 1])",
            ),
            "measured on the validation rows",
        ),
        (
            Q6_OK.replace("LogisticRegression()", "LogisticRegression(C=0.01)"),
            "default settings",
        ),
    ],
    "q7": [
        (MODEL + CHOOSE + q7_rest(y="y_test", x="X_test"), "chosen on the test split"),
        (
            MODEL
            + CHOOSE.replace("cost_fn * np.sum", "cost_fp * np.sum").replace(
                "+ cost_fp *", "+ cost_fn *"
            )
            + q7_rest(),
            "costs are swapped",
        ),
        (
            MODEL
            + CHOOSE.replace("float(thresholds[int(np.argmin(costs))])", "min(costs)")
            + q7_rest(),
            "not its cost",
        ),
        (MODEL + CHOOSE.replace("argmin", "argmax") + q7_rest(), "most expensive"),
        (MODEL + CHOOSE + q7_rest().replace("[:, 1]", "[:, 0]"), "take column 1"),
        (
            MODEL + CHOOSE + q7_rest(ty="y_val", tx="X_val"),
            "`test_cost` must be measured on the test split",
        ),
        (
            MODEL
            + CHOOSE.replace("np.argmin(costs)", "len(costs) - 1 - np.argmin(costs[::-1])")
            + q7_rest(),
            "several thresholds tie",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(logreg, question_id, code):
    result = answer(logreg, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(logreg, question_id, code, named):
    result = answer(logreg, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [("np.exp(-z)", "np.exp(-2 * z)"), ("1 / (1 +", "1 / (2 +")],
    "q2": [("(1 - y) * np.log(1 - p)", "(1 - y) * np.log(1 + p)"), ("-np.mean", "-0.5 * np.mean")],
    "q3": [
        ("error.sum() / n", "error.sum() / (n - 1)"),
        ("w - lr * grad_w", "w - lr * lr * grad_w"),
    ],
    "q4": [
        ("range(1000)", "range(200)"),
        ("StandardScaler().fit(X2_train)", "StandardScaler(with_std=False).fit(X2_train)"),
        ("- 4.0 * error.mean()", "- 0.0 * error.mean()"),
    ],
    "q5": [("tp / (tp + fn)", "tp / (tp + fn + 1)"), ("2 * precision", "precision")],
    "q6": [
        ("fit(X_train, y_train)", "fit(X_train[5:], y_train[5:])"),
        ("LogisticRegression()", "LogisticRegression(C=2.0)"),
    ],
    "q7": [
        ("proba >= t", "proba > t + 0.05"),
        ("np.sum(~flagged & (y_test == 1))", "np.sum(~flagged & (y_test == 0))"),
        ("cost_fn * fn + cost_fp * fp", "cost_fn * fn + cost_fp * fp * 2"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(logreg, question_id, old, new):
    solution = logreg.question(question_id).solution
    assert old in solution
    result = answer(logreg, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(logreg):
    assert len(logreg.questions) >= 6
    for question in logreg.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_a_threshold_chosen_on_the_test_split_differs_from_validation_for_the_default_seed(logreg):
    ns = logreg.run_solutions(seed=0)
    test_choice = ns["choose_threshold"](
        ns["y_test"], ns["model"].predict_proba(ns["X_test"])[:, 1], ns["thresholds"], 10, 1
    )
    assert test_choice != ns["threshold"]


def test_different_seeds_give_different_data(logreg):
    a, b = logreg.run_context(seed=0), logreg.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
