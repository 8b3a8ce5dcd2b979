"""The exercise 15 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def nets():
    return load_exercise("15")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_reference_solutions_pass_every_check(nets, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(nets, nets.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in nets.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(nets):
    namespace = nets.run_context(seed=0)
    for question in nets.questions:
        exec(question.template, namespace)
    results = evaluate(nets, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(nets, question_id, code, seed=0):
    namespace = nets.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return nets.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=10
        )


def solution(nets, question_id):
    return nets.question(question_id).solution


def variant(nets, question_id, old, new):
    code = solution(nets, question_id)
    assert old in code, old
    return code.replace(old, new)


ACT = "def activation(z, kind):\n    z = np.asarray(z, dtype=float)\n"
FWD = "def forward(X, W1, b1, W2, b2):\n"
SOFTMAX = (
    "    S = S - S.max(axis=1, keepdims=True)\n"
    "    P = np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)\n"
    "    return H, P\n"
)
GRAD = (
    "def gradients(X, y, W1, b1, W2, b2):\n"
    "    n = len(y)\n"
    "    H = np.tanh(X @ W1 + b1)\n"
    "    S = H @ W2 + b2\n"
    "    P = np.exp(S - S.max(axis=1, keepdims=True))\n"
    "    P /= P.sum(axis=1, keepdims=True)\n"
    "    Y = np.eye(W2.shape[1])[y]\n"
)
# a train built on the learner's own gradients(), as most learners will write it
GRAD_OK = (
    GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T * (1 - H**2)\n"
    "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n"
)
TRAIN_HEAD = (
    "def train(X, y, hidden, lr, epochs, batch_size, seed):\n"
    "    X, y = np.asarray(X, dtype=float), np.asarray(y)\n"
    "    n, d = X.shape\n"
    "    k = int(y.max()) + 1\n"
    "    rng = np.random.default_rng(seed)\n"
    "    W1 = rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))\n"
    "    W2 = rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))\n"
    "    b1, b2 = np.zeros(hidden), np.zeros(k)\n"
    "    for epoch in range(epochs):\n"
    "        order = rng.permutation(n)\n"
    "        for start in range(0, n, batch_size):\n"
    "            rows = order[start:start + batch_size]\n"
    "            g = gradients(X[rows], y[rows], W1, b1, W2, b2)\n"
    "            W1, b1, W2, b2 = [p - lr * d for p, d in zip((W1, b1, W2, b2), g)]\n"
    "    return W1, b1, W2, b2\n"
)
TRAIN_OK = GRAD_OK + TRAIN_HEAD
TRAIN_REST = (
    "net = train(X_train, y_train, 16, 0.5, 100, 32, seed)\n"
    "H = np.tanh(X_test @ net[0] + net[1])\n"
    "test_accuracy = np.mean((H @ net[2] + net[3]).argmax(axis=1) == y_test)\n"
)
Q5_OK = (
    TRAIN_OK + "def mean_loss(X, y, net):\n"
    "    H = np.tanh(X @ net[0] + net[1])\n"
    "    S = H @ net[2] + net[3]\n"
    "    P = np.exp(S - S.max(axis=1, keepdims=True))\n"
    "    P /= P.sum(axis=1, keepdims=True)\n"
    "    return -np.mean(np.log(np.clip(P[np.arange(len(y)), y], 1e-300, 1)))\n"
    "start_loss = mean_loss(X_train, y_train, train(X_train, y_train, 16, 1.0, 0, 32, seed))\n"
    "final_losses = [mean_loss(X_train, y_train, train(X_train, y_train, 16, lr, 3, 32, seed))\n"
    "                for lr in learning_rates]\n"
    "best_lr = learning_rates[np.argmin(final_losses)]\n"
    "too_large = [r for r, v in zip(learning_rates, final_losses) if v > start_loss]\n"
)
MLP = (
    "from sklearn.neural_network import MLPClassifier\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import MinMaxScaler, StandardScaler\n"
)
Q6_OK = MLP + (
    "digits_model = make_pipeline(StandardScaler(), MLPClassifier((64,), max_iter=100, "
    "random_state=seed)).fit(Xd_train, yd_train)\n"
    "digits_scaler = digits_model[0]\n"
    "digits_proba = digits_model.predict_proba(Xd_test)\n"
    "digits_accuracy = digits_model.score(Xd_test, yd_test)\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        ACT + "    if kind == 'sigmoid':\n        s = np.exp(-np.logaddexp(0, -z))\n"
        "        return s, s - s**2\n"
        "    if kind == 'tanh':\n        return np.tanh(z), 1 / np.cosh(z) ** 2\n"
        "    return np.where(z > 0, z, 0.0), np.heaviside(z, 0.0)\n",
    ],
    "q2": [
        FWD + "    H = np.tanh(np.dot(X, W1) + b1)\n    S = np.dot(H, W2) + b2\n" + SOFTMAX,
        FWD + "    H = np.tanh(X @ W1 + b1)\n    S = H @ W2 + b2\n"
        "    logp = S - S.max(1, keepdims=True)\n"
        "    logp = logp - np.log(np.exp(logp).sum(1, keepdims=True))\n"
        "    return H, np.exp(logp)\n",
    ],
    "q3": [
        GRAD_OK,
        GRAD + "    G = P.copy()\n    G[np.arange(n), y] -= 1\n    G = G / n\n"
        "    dW2 = np.einsum('ih,ik->hk', H, G)\n"
        "    dZ = (G @ W2.T) * (1 - np.tanh(X @ W1 + b1) ** 2)\n"
        "    return X.T @ dZ, dZ.sum(axis=0), dW2, G.sum(axis=0)\n",
    ],
    "q4": [TRAIN_OK + TRAIN_REST],
    "q5": [Q5_OK],
    "q6": [
        Q6_OK,
        Q6_OK.replace("StandardScaler()", "MinMaxScaler()").replace(
            "(64,), max_iter=100", "(100,), max_iter=200"
        ),
    ],
}

WRONG = {
    "q1": [
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    return np.maximum(z, 0), (z >= 0).astype(float)\n",
            "at z = 0",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    return np.maximum(z, 0), np.maximum(z, 0)\n",
            "not ReLU itself",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    return np.maximum(z, 0), np.sign(z)\n",
            "derivative is 0 there",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, z * (1 - z)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    return np.maximum(z, 0), (z > 0) * 1.0\n",
            "sigmoid's *output*",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - z ** 2\n"
            "    return np.maximum(z, 0), (z > 0) * 1.0\n",
            "not `1 - z**2`",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z) ** 2\n"
            "    return np.maximum(z, 0), (z > 0) * 1.0\n",
            "not the sigmoid `s`",
        ),
        (
            ACT + "    if kind == 'sigmoid':\n        s = 1 / (1 + np.exp(-z))\n"
            "        return s, s * (1 - s)\n"
            "    if kind == 'tanh':\n        return np.tanh(z), 1 - np.tanh(z)\n"
            "    return np.maximum(z, 0), (z > 0) * 1.0\n",
            "tanh is squared",
        ),
    ],
    "q2": [
        (FWD + "    H = np.tanh(X @ W1.T + b1)\n    S = H @ W2 + b2\n" + SOFTMAX, "transposed"),
        (FWD + "    H = X @ W1 + b1\n    S = H @ W2 + b2\n" + SOFTMAX, "no activation"),
        (FWD + "    H = np.tanh(X @ W1)\n    S = H @ W2 + b2\n" + SOFTMAX, "`b1` is missing"),
        (FWD + "    H = np.tanh(X @ W1 + b1)\n    S = H @ W2\n" + SOFTMAX, "`b2` is missing"),
        (
            FWD + "    H = np.tanh(X @ W1 + b1)\n    S = H @ W2 + b2\n"
            "    return H, np.exp(S) / np.exp(S).sum(axis=1, keepdims=True)\n",
            "overflows",
        ),
        (
            FWD + "    H = np.tanh(X @ W1 + b1)\n    S = H @ W2 + b2\n    S = S - S.max()\n"
            "    return H, np.exp(S) / np.exp(S).sum(axis=0, keepdims=True)\n",
            "wrong axis",
        ),
        (FWD + "    H = np.tanh(X @ W1 + b1)\n    return H, H @ W2 + b2\n", "softmax"),
    ],
    "q3": [
        (
            GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T\n"
            "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n",
            "missing the activation's derivative",
        ),
        (
            GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T * (1 - (X @ W1 + b1) ** 2)\n"
            "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n",
            "hidden *outputs*",
        ),
        (
            GRAD + "    G = P - Y\n    dZ = G @ W2.T * (1 - H**2)\n"
            "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n",
            "carries 1/n",
        ),
        (
            GRAD + "    G = (Y - P) / n\n    dZ = G @ W2.T * (1 - H**2)\n"
            "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n",
            "wrong sign",
        ),
        (
            GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T * (1 - H**2)\n"
            "    return X.T @ dZ, dZ.sum(0), G.T @ H, G.sum(0)\n",
            "Transposed",
        ),
        (
            GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T * (1 - H**2)\n"
            "    return X.T @ dZ, dZ.sum(1), H.T @ G, G.sum(1)\n",
            "db1",
        ),
        (
            GRAD + "    G = (P - Y) / n\n    dZ = G @ W2.T * (1 - H)\n"
            "    return X.T @ dZ, dZ.sum(0), H.T @ G, G.sum(0)\n",
            "dW1",
        ),
    ],
    "q4": [
        (
            TRAIN_OK.replace(
                "rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))", "np.zeros((d, hidden))"
            ).replace(
                "rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))", "np.zeros((hidden, k))"
            )
            + TRAIN_REST,
            "stay identical",
        ),
        (
            TRAIN_OK.replace(
                "rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))", "np.full((d, hidden), 0.1)"
            ).replace(
                "rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))", "np.full((hidden, k), 0.1)"
            )
            + TRAIN_REST,
            "same weights",
        ),
        (TRAIN_OK.replace("rng.permutation(n)", "np.arange(n)") + TRAIN_REST, "never shuffled"),
        (
            TRAIN_OK.replace("rng.permutation(n)", "np.random.default_rng(seed).permutation(n)")
            + TRAIN_REST,
            "same shuffle",
        ),
        (
            TRAIN_OK.replace("range(0, n, batch_size)", "range(0, n - batch_size + 1, batch_size)")
            + TRAIN_REST,
            "shorter batch is skipped",
        ),
        (TRAIN_OK.replace("p - lr * d", "p + lr * d") + TRAIN_REST, "uphill"),
        (
            TRAIN_OK.replace("0.5, 100, 32", "0.5, 100, 32").replace(
                "test_accuracy = np.mean", "test_accuracy = 0.5 + 0 * np.mean"
            )
            + TRAIN_REST.replace("test_accuracy = np.mean", "test_accuracy = 0.5 + 0 * np.mean"),
            "test_accuracy",
        ),
        (
            TRAIN_OK
            + TRAIN_REST.replace("X_test @ net[0]", "X_train @ net[0]").replace(
                "== y_test", "== y_train"
            ),
            "test_accuracy",
        ),
    ],
    "q5": [
        (
            Q5_OK.replace("learning_rates[np.argmin(final_losses)]", "max(learning_rates)"),
            "largest learning rate is not the best",
        ),
        (
            Q5_OK.replace("learning_rates[np.argmin(final_losses)]", "10.0"),
            "largest learning rate is not the best",
        ),
        (Q5_OK.replace("if v > start_loss]", "if v > min(final_losses)]"), "start_loss"),
        (
            Q5_OK.replace(
                "mean_loss(X_train, y_train, train(X_train, y_train, 16, lr",
                "mean_loss(X_test, y_test, train(X_train, y_train, 16, lr",
            ),
            "training rows",
        ),
        (Q5_OK.replace("16, lr, 3, 32", "16, lr, 100, 32"), "3 epochs"),
        (Q5_OK.replace("return -np.mean", "return np.mean"), "minus sign"),
        (
            Q5_OK.replace("too_large = [r for", "too_large = [] and [r for"),
            "worse than at the start",
        ),
    ],
    "q6": [
        (
            MLP + "digits_model = MLPClassifier((64,), max_iter=100, random_state=seed)"
            ".fit(Xd_train, yd_train)\n"
            "digits_scaler = None\n"
            "digits_proba = digits_model.predict_proba(Xd_test)\n"
            "digits_accuracy = digits_model.score(Xd_test, yd_test)\n",
            "unscaled",
        ),
        (
            Q6_OK.replace(
                "StandardScaler(), ", "StandardScaler(with_mean=False, with_std=False), "
            ),
            "unscaled",
        ),
        (Q6_OK.replace("fit(Xd_train, yd_train)", "fit(Xd, yd)"), "fitted on all the images"),
        (Q6_OK.replace("fit(Xd_train, yd_train)", "fit(Xd_test, yd_test)"), "saw the test images"),
        (
            Q6_OK.replace("score(Xd_test, yd_test)", "score(Xd_train, yd_train)"),
            "training images",
        ),
        (
            Q6_OK.replace("predict_proba(Xd_test)", "predict_proba(Xd_train)"),
            "shape",
        ),
        (
            Q6_OK.replace("max_iter=100", "max_iter=1"),
            "at least",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(nets, question_id, code):
    result = answer(nets, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(nets, question_id, code, named):
    result = answer(nets, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


MUTANTS = {
    "q1": [("s * (1 - s)", "s * (1 - s) * 0.5"), ("np.maximum(z, 0.0)", "np.maximum(z, 0.1)")],
    "q2": [
        ("S.max(axis=1, keepdims=True)", "S.min(axis=1, keepdims=True) * 0 + 1"),
        ("np.tanh(X @ W1 + b1)", "np.tanh(X @ W1 - b1)"),
        ("E / E.sum(axis=1, keepdims=True)", "E / E.sum()"),
    ],
    "q3": [
        ("db1 = dZ.sum(axis=0)", "db1 = dZ.mean(axis=0)"),
        ("dW1 = X.T @ dZ", "dW1 = 2 * X.T @ dZ"),
        ("Y[np.arange(n), y] = 1.0", "Y[np.arange(n), y] = 0.5"),
    ],
    "q4": [
        ("1 / np.sqrt(d)", "1 / d"),
        ("order[start : start + batch_size]", "order[start : start + batch_size - 1]"),
        ("b1 = b1 - lr * dZ.sum(axis=0)", "b1 = b1"),
    ],
    "q5": [
        ("loss > start_loss", "loss > start_loss * 10"),
        ("for lr in learning_rates", "for lr in learning_rates[::-1]"),
    ],
    "q6": [
        ("score(Xd_test, yd_test)", "score(Xd_test[:-5], yd_test[:-5])"),
        ("predict_proba(Xd_test)", "predict_proba(Xd_test)[::-1]"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(nets, question_id, old, new):
    result = answer(nets, question_id, variant(nets, question_id, old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(nets):
    assert len(nets.questions) >= 6
    for question in nets.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_a_zero_start_leaves_every_hidden_unit_identical(nets):
    namespace = nets.run_context(seed=0)
    code = variant(
        nets, "q4", "rng.normal(0, 1 / np.sqrt(d), size=(d, hidden))", "np.zeros((d, hidden))"
    )
    exec(
        code.replace(
            "rng.normal(0, 1 / np.sqrt(hidden), size=(hidden, k))", "np.zeros((hidden, k))"
        ),
        namespace,
    )
    W1 = namespace["net"][0]
    assert np.allclose(W1, W1[:, :1])


def test_the_too_large_rates_depend_on_the_seed(nets):
    from curriculum.exercises.neural_networks import _q5_reference

    lists = {tuple(_q5_reference(seed)["too_large"]) for seed in range(6)}
    assert len(lists) > 1


def test_different_seeds_give_different_data(nets):
    a, b = nets.run_context(seed=0), nets.run_context(seed=1)
    assert not np.array_equal(a["X_train"], b["X_train"])
