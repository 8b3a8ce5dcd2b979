"""The exercise 09 spec, in-process: the key passes, blanks are not attempted, mistakes fail;
and the shipped review corpus is exactly what its generator writes."""

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pytest

from curriculum.data import path
from curriculum.exercises import load_exercise
from curriculum.results import Status

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nbayes():
    return load_exercise("09")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(nbayes, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(nbayes, nbayes.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in nbayes.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(nbayes):
    namespace = nbayes.run_context(seed=0)
    for question in nbayes.questions:
        exec(question.template, namespace)
    results = evaluate(nbayes, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


GFIT = (
    "def gaussian_nb_fit(X, y, var_smoothing=1e-9):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    y = np.asarray(y)\n"
    "    classes = np.unique(y)\n"
)
GFIT_OK = (
    GFIT + "    priors = np.array([np.mean(y == c) for c in classes])\n"
    "    means = np.array([X[y == c].mean(axis=0) for c in classes])\n"
    "    eps = var_smoothing * X.var(axis=0).max()\n"
    "    variances = np.array([X[y == c].var(axis=0) for c in classes]) + eps\n"
    "    return priors, means, variances\n"
)
LOGJ = (
    "def gaussian_log_joint(X, priors, means, variances):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    diff = X[:, None, :] - means[None, :, :]\n"
)
LOGPDF = "    log_pdf = -0.5 * (np.log(2 * np.pi * variances) + diff**2 / variances)\n"
PRED = (
    "def gaussian_nb_predict(X, priors, means, variances):\n"
    "    return np.argmax(gaussian_log_joint(X, priors, means, variances), axis=1)\n"
)
MFIT = (
    "def multinomial_nb_fit(X, y, alpha=1.0):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    y = np.asarray(y)\n"
    "    classes = np.unique(y)\n"
    "    log_priors = np.log([np.mean(y == c) for c in classes])\n"
    "    counts = np.array([X[y == c].sum(axis=0) for c in classes])\n"
)
TEXT = (
    "from sklearn.feature_extraction.text import CountVectorizer\n"
    "from sklearn.naive_bayes import MultinomialNB\n"
)
TEXT_OK = (
    TEXT + "vectorizer = CountVectorizer().fit(texts_train)\n"
    "text_nb = MultinomialNB().fit(vectorizer.transform(texts_train), labels_train)\n"
    "text_accuracy = text_nb.score(vectorizer.transform(texts_test), labels_test)\n"
)
DUP = (
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.naive_bayes import GaussianNB\n"
    "copies = [1, 2, 4, 8, 16]\n"
    "def repeat_column(X, column, copies):\n"
    "    X = np.asarray(X, dtype=float)\n"
    "    return np.column_stack([X] + [X[:, column]] * (copies - 1))\n"
)
DUP_ACC = (
    "def acc(model, m):\n"
    "    A, B = repeat_column(X_dup_train, 1, m), repeat_column(X_dup_test, 1, m)\n"
    "    return model.fit(A, y_dup_train).score(B, y_dup_test)\n"
    "nb_acc = np.array([acc(GaussianNB(), m) for m in copies])\n"
    "lr_acc = np.array([acc(LogisticRegression(), m) for m in copies])\n"
)
HURTS = "gaps = lr_acc - nb_acc\nhurts_at = copies[int(np.argmax(gaps >= 0.05))]\n"
CAL = (
    "from sklearn.calibration import CalibratedClassifierCV, calibration_curve\n"
    "from sklearn.metrics import brier_score_loss, roc_auc_score\n"
    "from sklearn.naive_bayes import GaussianNB\n"
    "model = GaussianNB().fit(X_cal_train, y_cal_train)\n"
    "p_nb = model.predict_proba(X_cal_test)[:, 1]\n"
)
CAL_REST = (
    "prob_true, prob_pred = calibration_curve(y_cal_test, p_nb, n_bins=10)\n"
    "auc_nb = roc_auc_score(y_cal_test, p_nb)\n"
    "brier_nb = brier_score_loss(y_cal_test, p_nb)\n"
    "cal = CalibratedClassifierCV(GaussianNB(), method='isotonic', cv=5)"
    ".fit(X_cal_train, y_cal_train)\n"
    "brier_calibrated = brier_score_loss(y_cal_test, cal.predict_proba(X_cal_test)[:, 1])\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        GFIT_OK,
        GFIT + "    counts = np.array([np.sum(y == c) for c in classes])\n"
        "    priors = counts / counts.sum()\n"
        "    means = np.vstack([X[y == c].sum(axis=0) / np.sum(y == c) for c in classes])\n"
        "    sq = np.vstack([((X[y == c] - X[y == c].mean(0)) ** 2).mean(0) for c in classes])\n"
        "    return priors, means, sq + var_smoothing * np.var(X, axis=0).max()\n",
    ],
    "q2": [
        LOGJ + LOGPDF + "    return np.log(priors) + log_pdf.sum(axis=-1)\n" + PRED,
        # a loop over the classes, written the long way
        "def gaussian_log_joint(X, priors, means, variances):\n"
        "    X = np.asarray(X, dtype=float)\n"
        "    cols = []\n"
        "    for c in range(len(priors)):\n"
        "        z = (X - means[c]) ** 2 / variances[c]\n"
        "        cols.append(np.log(priors[c]) - 0.5 * np.sum(np.log(2 * np.pi * variances[c]))"
        " - 0.5 * z.sum(axis=1))\n"
        "    return np.column_stack(cols)\n"
        "def gaussian_nb_predict(X, priors, means, variances):\n"
        "    return gaussian_log_joint(X, priors, means, variances).argmax(axis=1)\n",
    ],
    "q3": [
        MFIT
        + "    probs = (counts + alpha) / (counts.sum(axis=1, keepdims=True) + alpha * X.shape[1])\n"
        "    return log_priors, np.log(probs)\n",
    ],
    "q4": [
        TEXT_OK,
        TEXT + "vectorizer = CountVectorizer(ngram_range=(1, 2))\n"
        "Xtr = vectorizer.fit_transform(texts_train)\n"
        "text_nb = MultinomialNB(alpha=0.5).fit(Xtr, labels_train)\n"
        "from sklearn.metrics import accuracy_score\n"
        "text_accuracy = accuracy_score(labels_test, text_nb.predict(vectorizer.transform(texts_test)))\n",
    ],
    "q5": [
        DUP + DUP_ACC + HURTS,
        DUP.replace(
            "np.column_stack([X] + [X[:, column]] * (copies - 1))",
            "np.hstack([X, np.tile(X[:, [column]], (1, copies - 1))])",
        )
        + DUP_ACC
        + "hurts_at = None\nfor m, a, b in zip(copies, nb_acc, lr_acc):\n"
        "    if b - a >= 0.05:\n        hurts_at = m\n        break\n",
    ],
    "q6": [
        CAL + CAL_REST,
        CAL.replace("[:, 1]", "[:, list(model.classes_).index(1)]")
        + CAL_REST.replace(
            "brier_nb = brier_score_loss(y_cal_test, p_nb)",
            "brier_nb = np.mean((p_nb - y_cal_test) ** 2)",
        ),
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (GFIT_OK.replace("c].var(axis=0)", "c].var(axis=0, ddof=1)"), "ddof=1"),
        (GFIT_OK.replace(") + eps", ")"), "safety term"),
        (
            GFIT_OK.replace("eps = var_smoothing * X.var(axis=0).max()", "eps = var_smoothing"),
            "not `var_smoothing` on its own",
        ),
        (
            GFIT_OK.replace(
                "np.array([np.mean(y == c) for c in classes])",
                "np.ones(len(classes)) / len(classes)",
            ),
            "class prior is missing",
        ),
        (GFIT_OK.replace("np.mean(y == c)", "(y == c).sum()"), "holds counts"),
        (GFIT_OK.replace("c].var(axis=0)", "c].std(axis=0)"), "variances"),
        (
            "from sklearn.naive_bayes import GaussianNB\n"
            "def gaussian_nb_fit(X, y, var_smoothing=1e-9):\n"
            "    m = GaussianNB(var_smoothing=var_smoothing).fit(X, y)\n"
            "    return m.class_prior_, m.theta_, m.var_\n",
            "NumPy only",
        ),
        (
            GFIT_OK.replace("return priors, means, variances", "return means, variances"),
            "should return a tuple",
        ),
    ],
    "q2": [
        (
            LOGJ + "    pdf = np.exp(-diff**2 / (2 * variances)) / np.sqrt(2 * np.pi * variances)\n"
            "    return np.log(priors) + np.log(pdf.prod(axis=2))\n" + PRED,
            "underflows",
        ),
        (LOGJ + LOGPDF + "    return log_pdf.sum(axis=2)\n" + PRED, "class prior is forgotten"),
        (LOGJ + LOGPDF + "    return priors + log_pdf.sum(axis=2)\n" + PRED, "not `priors`"),
        (
            LOGJ
            + LOGPDF
            + "    return np.log(priors) + log_pdf.sum(axis=2)\n"
            + PRED.replace("axis=1", "axis=0"),
            "wrong axis",
        ),
        (
            LOGJ + LOGPDF + "    return np.log(priors)[None, :] + log_pdf.sum(axis=1)\n" + PRED,
            "over the *features*",
        ),
        (
            LOGJ + "    log_pdf = -0.5 * (np.log(2 * np.pi) + diff**2 / variances)\n"
            "    return np.log(priors) + log_pdf.sum(axis=2)\n" + PRED,
            "normalising term is missing",
        ),
        (
            LOGJ
            + "    log_pdf = -0.5 * (np.log(2 * np.pi * variances) + diff**2 / np.sqrt(variances))\n"
            "    return np.log(priors) + log_pdf.sum(axis=2)\n" + PRED,
            "not the standard deviation",
        ),
        (
            LOGJ
            + LOGPDF
            + "    return np.log(priors) + log_pdf.sum(axis=2)\n"
            + PRED.replace("argmax", "max"),
            "not *which* class",
        ),
        (
            LOGJ
            + LOGPDF
            + "    return np.log(priors) + log_pdf.sum(axis=2)\n"
            + PRED.replace("argmax", "sum"),
            "not *which* class",
        ),
    ],
    "q3": [
        (
            MFIT
            + "    return log_priors, np.log((counts + alpha) / counts.sum(axis=1, keepdims=True))\n",
            "numerator only",
        ),
        (
            MFIT + "    tot = counts.sum(axis=1, keepdims=True) + alpha * X.shape[1]\n"
            "    return log_priors, np.log(counts / tot)\n",
            "denominator only",
        ),
        (
            MFIT + "    return log_priors, np.log(counts / counts.sum(axis=1, keepdims=True))\n",
            "Without Laplace smoothing",
        ),
        (
            MFIT + "    tot = counts.sum(axis=1, keepdims=True) + alpha\n"
            "    return log_priors, np.log((counts + alpha) / tot)\n",
            "alpha once",
        ),
        (
            MFIT + "    s = counts + alpha\n    return log_priors, np.log(s / s.sum(axis=0))\n",
            "normalised over the classes",
        ),
        (
            MFIT.replace(
                "np.log([np.mean(y == c) for c in classes])",
                "np.array([np.mean(y == c) for c in classes])",
            )
            + "    s = counts + alpha\n"
            "    return log_priors, np.log(s / s.sum(axis=1, keepdims=True))\n",
            "plain probabilities",
        ),
    ],
    "q4": [
        (
            TEXT_OK.replace(
                "CountVectorizer().fit(texts_train)", "CountVectorizer().fit(texts_test)"
            ),
            "fitted on the test texts",
        ),
        (
            TEXT + "vectorizer = CountVectorizer()\n"
            "vectorizer.fit(reviews['text'])\n"
            "text_nb = MultinomialNB().fit(vectorizer.transform(texts_train), labels_train)\n"
            "text_accuracy = text_nb.score(vectorizer.transform(texts_test), labels_test)\n",
            "fitted on all the texts",
        ),
        (
            TEXT + "vectorizer = CountVectorizer().fit(texts_train)\n"
            "text_nb = MultinomialNB().fit(vectorizer.transform(texts_test), labels_test)\n"
            "text_accuracy = text_nb.score(vectorizer.transform(texts_test), labels_test)\n",
            "trained on the test reviews",
        ),
        (
            TEXT_OK.replace(
                "transform(texts_test), labels_test)", "transform(texts_train), labels_train)"
            ),
            "accuracy on the training reviews",
        ),
        (
            TEXT + "vectorizer = CountVectorizer().fit(texts_train)\n"
            "text_nb = MultinomialNB()\ntext_accuracy = 0.9\n",
            "not been fitted",
        ),
        (
            TEXT + "from sklearn.naive_bayes import GaussianNB\n"
            "vectorizer = CountVectorizer().fit(texts_train)\n"
            "text_nb = GaussianNB().fit(vectorizer.transform(texts_train).toarray(), labels_train)\n"
            "text_accuracy = 0.9\n",
            "should be a MultinomialNB",
        ),
        (
            TEXT_OK.replace("text_accuracy = text_nb.score", "text_accuracy = 1 - text_nb.score"),
            "`text_accuracy` is",
        ),
    ],
    "q5": [
        (DUP.replace("(copies - 1)", "copies") + DUP_ACC + HURTS, "*in total*"),
        (
            DUP.replace(
                "np.column_stack([X] + [X[:, column]] * (copies - 1))", "np.tile(X, (1, copies))"
            )
            + DUP_ACC
            + "hurts_at = None\n",
            "copying every column",
        ),
        (DUP + DUP_ACC.replace(", 1, m)", ", 0, m)") + HURTS, "Repeat column 1"),
        (
            DUP + DUP_ACC.replace("score(B, y_dup_test)", "score(A, y_dup_train)") + HURTS,
            "measured on the training split",
        ),
        (
            DUP + DUP_ACC + "hurts_at = copies[int(np.argmax(nb_acc - lr_acc < 0.05))]\n",
            "`hurts_at`",
        ),
        (DUP + DUP_ACC + "hurts_at = copies[int(np.argmax(lr_acc - nb_acc))]\n", "`hurts_at`"),
        (
            DUP.replace(
                "np.column_stack([X] + [X[:, column]] * (copies - 1))",
                "np.repeat(X[:, [column]], copies, axis=1)",
            )
            + DUP_ACC
            + HURTS,
            "has shape",
        ),
    ],
    "q6": [
        (
            CAL.replace(".predict_proba(X_cal_test)[:, 1]", ".predict(X_cal_test) * 1.0")
            + CAL_REST,
            "hard labels",
        ),
        (CAL.replace("[:, 1]\n", "[:, 0]\n") + CAL_REST, "probability of class **0**"),
        (CAL + CAL_REST.replace(", n_bins=10)", ")"), "n_bins=10"),
        (
            CAL.replace("fit(X_cal_train, y_cal_train)", "fit(X_cal_test, y_cal_test)") + CAL_REST,
            "fitted on the test split",
        ),
        (CAL + CAL_REST.replace("'isotonic'", "'sigmoid'"), "isotonic calibration"),
        (
            CAL
            + CAL_REST.replace(
                "brier_score_loss(y_cal_test, cal.predict_proba(X_cal_test)[:, 1])",
                "brier_score_loss(y_cal_train, cal.predict_proba(X_cal_train)[:, 1])",
            ),
            "measured on the test split",
        ),
        (
            CAL
            + CAL_REST.replace(
                "roc_auc_score(y_cal_test, p_nb)", "roc_auc_score(y_cal_test, p_nb > 0.5)"
            ),
            "`auc_nb` is",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(nbayes, question_id, code):
    result = answer(nbayes, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(nbayes, question_id, code, named):
    result = answer(nbayes, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("X.var(axis=0).max()", "X.var(axis=0).min()"),
        ("c].mean(axis=0)", "c].mean(axis=0) + 1e-3"),
        ("np.mean(y == c)", "np.mean(y != c)"),
    ],
    "q2": [
        ("-0.5 * (", "-1.0 * ("),
        ("np.log(2 * np.pi * variances)", "np.log(np.pi * variances)"),
        ("diff**2", "diff"),
    ],
    "q3": [
        ("smoothed = counts + alpha", "smoothed = counts + 2 * alpha"),
        ("np.log(smoothed) - np.log(totals)", "np.log(smoothed) - np.log(totals + 1)"),
    ],
    "q4": [
        ("CountVectorizer()", "CountVectorizer(max_features=3)"),
        ("fit(texts_train)", "fit(texts_train[:50])"),
    ],
    "q5": [
        ("copies - 1, axis=1)", "max(copies - 2, 0), axis=1)"),
        ("b - a >= 0.05", "b - a >= 0.02"),
        ("GaussianNB().fit(", "GaussianNB(var_smoothing=0.5).fit("),
    ],
    "q6": [
        ("n_bins=10", "n_bins=8"),
        ('method="isotonic", cv=5', 'method="isotonic", cv=3'),
        (
            "brier_nb = brier_score_loss(y_cal_test, p_nb)",
            "brier_nb = np.mean(np.abs(p_nb - y_cal_test))",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(nbayes, question_id, old, new):
    solution = nbayes.question(question_id).solution
    assert old in solution
    result = answer(nbayes, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(nbayes):
    assert len(nbayes.questions) >= 6
    for question in nbayes.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_different_seeds_give_different_data(nbayes):
    a, b = nbayes.run_context(seed=0), nbayes.run_context(seed=1)
    assert a["texts_train"] != b["texts_train"]
    assert not np.array_equal(a["X_dup_train"], b["X_dup_train"])
    assert not np.array_equal(a["X_cal_train"], b["X_cal_train"])


def test_the_text_target_separates_naive_bayes_from_guessing(nbayes):
    """The reference clears the accuracy target on several seeds; a constant guess does not."""
    from curriculum.exercises.naive_bayes import TEXT_TARGET

    for seed in (0, 5, 13):
        namespace = nbayes.run_context(seed=seed)
        exec(nbayes.question("q4").solution, namespace)
        assert namespace["text_accuracy"] >= TEXT_TARGET
        share = np.mean(np.array(namespace["labels_test"]) == "positive")
        assert max(share, 1 - share) < TEXT_TARGET


def test_the_shipped_corpus_is_what_the_generator_writes():
    spec = importlib.util.spec_from_file_location(
        "make_reviews_corpus", REPO / "scripts" / "make_reviews_corpus.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = path("reviews.csv").read_bytes()
    assert module.corpus_text().encode("utf-8") == shipped
    assert module.corpus_text() == module.corpus_text()  # no hidden randomness
    lines = shipped.decode("utf-8").splitlines()
    assert lines[0] == "text,label" and len(lines) == 1 + module.N_REVIEWS
    assert b"\r" not in shipped
