"""The exercise 04 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def calculus():
    return load_exercise("04")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(calculus, seed):
    results = evaluate(calculus, calculus.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in calculus.questions
    }


def test_templates_are_not_attempted(calculus):
    namespace = calculus.run_context(seed=0)
    for question in calculus.questions:
        exec(question.template, namespace)
    results = evaluate(calculus, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(calculus, question_id, code, seed=0):
    namespace = calculus.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return calculus.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


GRAD = "def loss_gradient(w, X, y):\n    t = np.tanh(X @ w)\n"
NUM = "def numerical_gradient(w, X, y, h):\n    g = np.zeros(len(w))\n"
NUM_LOOP = "    for i in range(len(w)):\n        e = np.zeros(len(w))\n        e[i] = h\n"
GD = "def gradient_descent(A, b, w0, lr, n_steps):\n    w, path = w0, [w0]\n"
GD_LOOP = "    for _ in range(n_steps):\n"
GD_END = "        path.append(w)\n    return np.array(path)"
LIMIT = "def learning_rate_limit(H):\n    return 2 / np.linalg.eigvalsh(H).max()\n"
EIG = "ev = np.linalg.eigvalsh(A)\n"
FIRST = (
    "first_diverging = None\n"
    "for lr in learning_rates:\n"
    "    w = w_start\n"
    "    for _ in range(100):\n"
    "        w = w - lr * (A @ w - b)\n"
    "    if not bowl(w) <= bowl(w_start):\n"
    "        first_diverging = lr\n"
    "        break\n"
)
Q4_OK = LIMIT + "lr_limit = learning_rate_limit(A)\n" + EIG + "condition_number = ev[-1] / ev[0]\n"
MOM = (
    "def momentum_descent(A, b, w0, lr, beta, n_steps):\n"
    "    w, v, path = w0, np.zeros(len(w0)), [w0]\n    for _ in range(n_steps):\n"
)
MOM_END = "        path.append(w)\n    return np.array(path)"
SGD = (
    "def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):\n"
    "    rng = np.random.default_rng(seed)\n    w = w0\n"
    "    for _ in range(n_epochs):\n"
)
SGD_ORDER = "        order = rng.permutation(len(y))\n"
SGD_LOOP = "        for s in range(0, len(y), batch_size):\n"
SGD_ROWS = "            r = order[s:s + batch_size]\n"
SGD_STEP = "            w = w - lr * 2 * X[r].T @ (X[r] @ w - y[r]) / len(r)\n    return w"
MIN = "from scipy.optimize import minimize\n"
ACC = "test_accuracy = np.mean(np.sign(X_test @ w_fit) == y_test)\n"

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        GRAD + "    r = (t - y) * (1 - t * t)\n"
        "    return 2 * np.mean(X * r[:, None], axis=0) + 2 * penalty * w",
        "def loss_gradient(w, X, y):\n"
        "    z = X @ w\n"
        "    dt = 1 / np.cosh(z) ** 2\n"
        "    return X.T @ (2 * (np.tanh(z) - y) * dt) / X.shape[0] + penalty * 2 * w",
    ],
    "q2": [
        NUM + "    for i, row in enumerate(np.eye(len(w)) * h):\n"
        "        g[i] = (loss(w + row, X, y) - loss(w - row, X, y)) / (2 * h)\n    return g",
        "def numerical_gradient(w, X, y, h):\n"
        "    E = h * np.eye(len(w))\n"
        "    return np.array([loss(w + e, X, y) - loss(w - e, X, y) for e in E]) / (2 * h)",
    ],
    "q3": [
        "def gradient_descent(A, b, w0, lr, n_steps):\n"
        "    path = np.zeros((n_steps + 1, len(w0)))\n    path[0] = w0\n"
        "    for k in range(n_steps):\n"
        "        path[k + 1] = path[k] - lr * (A @ path[k] - b)\n    return path",
        GD + GD_LOOP + "        w = w.copy()\n        w -= lr * (A @ w - b)\n" + GD_END,
    ],
    "q4": [
        "def learning_rate_limit(H):\n    return 2 / max(np.linalg.eigvals(H).real)\n"
        "lr_limit = learning_rate_limit(A)\ncondition_number = np.linalg.cond(A)\n" + FIRST,
        Q4_OK + GD + GD_LOOP + "        w = w - lr * (A @ w - b)\n" + GD_END + "\n"
        "first_diverging = [lr for lr in learning_rates\n"
        "    if bowl(gradient_descent(A, b, w_start, lr, 100)[-1]) > bowl(w_start)][0]\n",
    ],
    "q5": [
        MOM + "        v = beta * v - lr * (A @ w - b)\n        w = w + v\n" + MOM_END,
        MOM + "        v = beta * v + lr * (A @ w - b)\n        w = w - v\n" + MOM_END,
    ],
    "q6": [
        SGD + SGD_ORDER + SGD_LOOP + SGD_ROWS + SGD_STEP,
        "def minibatch_sgd(X, y, w0, lr, batch_size, n_epochs, seed):\n"
        "    rng = np.random.default_rng(seed)\n    w = np.array(w0, dtype=float)\n"
        "    for _ in range(n_epochs):\n"
        "        for r in np.array_split(rng.permutation(len(y)),\n"
        "                range(batch_size, len(y), batch_size)):\n"
        "            w -= lr * 2 / len(r) * X[r].T @ (X[r] @ w - y[r])\n    return w",
    ],
    "q7": [
        MIN + "res = minimize(loss, np.zeros(4), args=(X_train, y_train), jac=loss_gradient)\n"
        "def loss_gradient(w, X, y):\n    t = np.tanh(X @ w)\n"
        "    return 2 / len(y) * X.T @ ((t - y) * (1 - t**2)) + 2 * penalty * w\n"
        "res = minimize(loss, np.zeros(4), args=(X_train, y_train), jac=loss_gradient)\n"
        "w_fit = res.x\n" + ACC,
        MIN + "res = minimize(lambda w: loss(w, X_train, y_train), np.zeros(4), method='L-BFGS-B',"
        " options={'gtol': 1e-9})\nw_fit = res.x\n" + ACC,
    ],
}
# the first q7 right answer defines loss_gradient after its first use: drop that line
RIGHT["q7"][0] = RIGHT["q7"][0].replace(
    "res = minimize(loss, np.zeros(4), args=(X_train, y_train), jac=loss_gradient)\ndef", "def", 1
)

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (GRAD + "    return 2 / len(y) * X.T @ (t - y) + 2 * penalty * w", "chain-rule factor"),
        (
            GRAD + "    return 2 / len(y) * X.T @ ((t - y) * (1 - t)) + 2 * penalty * w",
            "not `1 - t`",
        ),
        (GRAD + "    return X.T @ ((t - y) * (1 - t**2)) / len(y) + 2 * penalty * w", "factor 2"),
        (GRAD + "    return 2 * X.T @ ((t - y) * (1 - t**2)) + 2 * penalty * w", "Divide by n"),
        (
            GRAD + "    return 2 / len(y) * X.T @ ((y - t) * (1 - t**2)) + 2 * penalty * w",
            "sign is flipped",
        ),
        (GRAD + "    return 2 / len(y) * X.T @ ((t - y) * (1 - t**2))", "penalty's gradient"),
        (GRAD + "    return 2 / len(y) * X @ ((t - y) * (1 - t**2))", "raised"),
        (
            GRAD + "    g = 2 / len(y) * X.T @ ((t - y) * (1 - t**2)) + 2 * penalty * w\n"
            "    w *= 0\n    return g",
            "changed its input `w` in place",
        ),
    ],
    "q2": [
        (
            NUM + NUM_LOOP + "        g[i] = (loss(w + e, X, y) - loss(w, X, y)) / h\n    return g",
            "forward difference",
        ),
        (
            NUM + NUM_LOOP + "        g[i] = (loss(w + e, X, y) - loss(w - e, X, y)) / h\n"
            "    return g",
            "Divide by 2h",
        ),
        (
            NUM + "    for i in range(len(w)):\n"
            "        g[i] = (loss(w + h, X, y) - loss(w - h, X, y)) / (2 * h)\n    return g",
            "one coordinate at a time",
        ),
        (
            NUM + "    for i in range(len(w)):\n        w[i] += h\n        a = loss(w, X, y)\n"
            "        w[i] -= 2 * h\n        g[i] = (a - loss(w, X, y)) / (2 * h)\n"
            "        w[i] += h\n    return g",
            "changed its input `w` in place",
        ),
        (
            "def numerical_gradient(w, X, y, h):\n    t = np.tanh(X @ w)\n"
            "    return 2 / len(y) * X.T @ ((t - y) * (1 - t**2)) + 2 * penalty * w",
            "analytic gradient",
        ),
        (
            "from scipy.optimize import approx_fprime\n"
            "def numerical_gradient(w, X, y, h):\n    return approx_fprime(w, loss, h, X, y)",
            "NumPy only",
        ),
        (
            NUM + NUM_LOOP + "        g[i] = (loss(w + e, X, y) - loss(w - e, X, y)) / 2 * h\n"
            "    return g",
            "differs from the expected",
        ),
    ],
    "q3": [
        (GD + GD_LOOP + "        w = w + lr * (A @ w - b)\n" + GD_END, "go uphill"),
        (GD + GD_LOOP + "        w = w - lr * (A @ w + b)\n" + GD_END, "minus b, not plus"),
        (
            "def gradient_descent(A, b, w0, lr, n_steps):\n    w, path = w0, []\n"
            + GD_LOOP
            + "        w = w - lr * (A @ w - b)\n"
            + GD_END,
            "Row 0 of the path",
        ),
        (GD + GD_LOOP + "        w = w - (A @ w - b)\n" + GD_END, "learning rate is missing"),
        (
            GD + "    for _ in range(n_steps + 1):\n        w = w - lr * (A @ w - b)\n" + GD_END,
            "One step too many",
        ),
        (
            "def gradient_descent(A, b, w0, lr, n_steps):\n    w = np.array(w0, dtype=float)\n"
            "    path = []\n    path.append(w)\n"
            + GD_LOOP
            + "        w -= lr * (A @ w - b)\n"
            + GD_END,
            "appended the same array",
        ),
        (
            GD + GD_LOOP + "        w = w - lr * (A @ w - b)\n" + "    return w",
            "has shape (2,)",
        ),
    ],
    "q4": [
        (
            "def learning_rate_limit(H):\n    return 1 / np.linalg.eigvalsh(H).max()\n"
            "lr_limit = learning_rate_limit(A)\n"
            + EIG
            + "condition_number = ev[-1] / ev[0]\n"
            + FIRST,
            "not 1 / lambda_max",
        ),
        (
            "def learning_rate_limit(H):\n    return 2 / np.linalg.eigvalsh(H).min()\n"
            "lr_limit = learning_rate_limit(A)\n"
            + EIG
            + "condition_number = ev[-1] / ev[0]\n"
            + FIRST,
            "*largest* eigenvalue",
        ),
        (
            LIMIT
            + "lr_limit = learning_rate_limit(A)\n"
            + EIG
            + "condition_number = ev[0] / ev[-1]\n"
            + FIRST,
            "upside down",
        ),
        (
            "def learning_rate_limit(H):\n    return 2 / H.diagonal().max()\n"
            "lr_limit = learning_rate_limit(A)\n"
            + EIG
            + "condition_number = ev[-1] / ev[0]\n"
            + FIRST,
            "Eigenvalues, not entries",
        ),
        (
            Q4_OK
            + FIRST.replace(
                "first_diverging = lr\n        break", "break\n    first_diverging = lr"
            ),
            "last learning rate that still converges",
        ),
        (Q4_OK + "first_diverging = 0.3\n", "not one of learning_rates"),
        (Q4_OK.replace("lr_limit = learning_rate_limit(A)", "lr_limit = 2.0") + FIRST, "lr_limit"),
    ],
    "q5": [
        (
            MOM + "        v = beta * v - lr * (A @ w - b)\n        w = w - v\n" + MOM_END,
            "wrong sign",
        ),
        (MOM + "        v = A @ w - b\n        w = w - lr * v\n" + MOM_END, "never carried over"),
        (
            MOM + "        v = v + beta * (A @ w - b)\n        w = w - lr * v\n" + MOM_END,
            "beta scales the old velocity",
        ),
        (
            MOM + "        w = w - lr * v\n        v = beta * v + (A @ w - b)\n" + MOM_END,
            "Update the velocity first",
        ),
        (
            MOM + "        v = (1 - beta) * v + (A @ w - b)\n        w = w - lr * v\n" + MOM_END,
            "decay is reversed",
        ),
        (
            MOM + "        v = beta * v + (A @ w - b)\n        w = w - lr * v\n    return w",
            "has shape (2,)",
        ),
    ],
    "q6": [
        (
            SGD + "        order = np.arange(len(y))\n" + SGD_LOOP + SGD_ROWS + SGD_STEP,
            "data's own order",
        ),
        (
            SGD + SGD_ORDER + SGD_LOOP + "            r = order[:batch_size]\n" + SGD_STEP,
            "same first batch",
        ),
        (
            SGD.replace(
                "    for _ in range(n_epochs):\n",
                "    order = rng.permutation(len(y))\n    for _ in range(n_epochs):\n",
            )
            + SGD_LOOP
            + SGD_ROWS
            + SGD_STEP,
            "replays the same order",
        ),
        (
            SGD
            + "        order = np.random.default_rng(seed).permutation(len(y))\n"
            + SGD_LOOP
            + SGD_ROWS
            + SGD_STEP,
            "replays the same order",
        ),
        (
            SGD + SGD_ORDER + SGD_LOOP + SGD_ROWS + SGD_STEP.replace(" / len(r)", ""),
            "*mean* over the batch",
        ),
        (
            SGD
            + SGD_ORDER
            + "        for s in range(0, len(y) - batch_size + 1, batch_size):\n"
            + SGD_ROWS
            + SGD_STEP,
            "last, smaller batch was dropped",
        ),
        (
            SGD
            + SGD_ORDER
            + SGD_LOOP
            + SGD_ROWS
            + "            w = w - lr * 2 * X.T @ (X @ w - y) / len(y)\n    return w",
            "batch gradient descent",
        ),
        (
            SGD
            + "        order = np.random.permutation(len(y))\n"
            + SGD_LOOP
            + SGD_ROWS
            + SGD_STEP,
            "differs from the expected",
        ),
    ],
    "q7": [
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_test, y_test)).x\n" + ACC,
            "*test* split",
        ),
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_all, y_all)).x\n" + ACC,
            "all the rows",
        ),
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_train, y_train)).x\n"
            "test_accuracy = np.mean(np.sign(X_train @ w_fit) == y_train)\n",
            "measured on the training split",
        ),
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_train, y_train)).x\n"
            "test_accuracy = np.mean(np.round(np.tanh(X_test @ w_fit)) == y_test)\n",
            "Compare signs",
        ),
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_train, y_train),"
            " options={'maxiter': 3}).x\n" + ACC,
            "stop early",
        ),
        (
            MIN + "result = minimize(loss, np.zeros(4), args=(X_train, y_train))\n"
            "w_fit = result\n" + ACC.replace("w_fit)", "result.x)"),
            "not the whole result",
        ),
        (
            MIN + "w_fit = minimize(loss, np.zeros(4), args=(X_train, y_train)).x\n"
            "test_accuracy = np.mean(np.sign(X_test @ w_fit) == y_test) * 100\n",
            "test_accuracy",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(calculus, question_id, code):
    result = answer(calculus, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(calculus, question_id, code, named):
    result = answer(calculus, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("1 - t**2", "1 + t**2"),
        ("2 * penalty * w", "penalty * w"),
        ("(2 / n)", "(2 / (n - 1))"),
    ],
    "q2": [("(2 * h)", "(2.1 * h)"), ("w - e", "w - 0.5 * e")],
    "q3": [("w - lr *", "w - 0.9 * lr *"), ("A @ w - b", "A @ w - 0.5 * b")],
    "q4": [
        ("eigvalsh(H)[-1]", "eigvalsh(H)[0]"),
        ("eigenvalues[-1] / eigenvalues[0]", "eigenvalues[-1] / eigenvalues[1]"),
        ("first_diverging = lr\n", "first_diverging = 2 * lr\n"),
    ],
    "q5": [("beta * v +", "0.5 * beta * v +"), ("w - lr * v", "w - lr * lr * v")],
    "q6": [
        ("order = rng.permutation(n)", "order = np.arange(n)"),
        ("(2 / len(rows))", "(2 / batch_size)"),
        ("start + batch_size]", "start + batch_size - 1]"),
    ],
    "q7": [('method="BFGS"', 'method="BFGS", options={"maxiter": 4}'), ("== y_test", "!= y_test")],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    calculus, question_id, old, new
):
    solution = calculus.question(question_id).solution
    assert old in solution
    result = answer(calculus, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(calculus):
    for question in calculus.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_first_diverging_depends_on_the_seed_and_is_never_borderline(calculus):
    found = set()
    for seed in range(20):
        namespace = calculus.run_solutions(seed=seed)
        first = namespace["first_diverging"]
        found.add(first)
        rates = sorted(namespace["learning_rates"])
        below = max(r for r in rates if r < first) if first != rates[0] else 0.0
        assert below < 0.9 * namespace["lr_limit"] and first > 1.1 * namespace["lr_limit"]
    assert len(found) >= 2


def test_different_seeds_give_different_data(calculus):
    a, b = calculus.run_context(seed=0), calculus.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
    assert not np.allclose(a["A"], b["A"])
