"""The exercise 12 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def evaluation():
    return load_exercise("12")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 5])
def test_reference_solutions_pass_every_check(evaluation, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(evaluation, evaluation.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in evaluation.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(evaluation):
    namespace = evaluation.run_context(seed=0)
    for question in evaluation.questions:
        exec(question.template, namespace)
    results = evaluate(evaluation, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(evaluation, question_id, code, seed=0):
    namespace = evaluation.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return evaluation.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=10
        )


# q1 -------------------------------------------------------------------------------------------
KF = (
    "def kfold_indices(n, k):\n"
    "    sizes = np.full(k, n // k)\n"
    "    sizes[: n % k] += 1\n"
    "    idx = np.arange(n)\n"
    "    out, start = [], 0\n"
    "    for s in sizes:\n"
    "        test = idx[start:start + s]\n"
    "        out.append((np.setdiff1d(idx, test), test))\n"
    "        start += s\n"
    "    return out\n"
)
COUNTS = (
    "kfold_positives = np.array([y_sorted[t].sum() for _, t in kfold_indices(len(y_sorted), 5)])\n"
    "stratified_positives = np.array([y_sorted[t].sum() for _, t in "
    "StratifiedKFold(5).split(y_sorted.reshape(-1, 1), y_sorted)])\n"
)

# q2 -------------------------------------------------------------------------------------------
SEL = (
    "from sklearn.feature_selection import SelectKBest, f_classif\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.model_selection import cross_val_score\n"
    "from sklearn.pipeline import make_pipeline\n"
)
LEAKY = (
    "def leaky_cv(X, y):\n"
    "    Xs = SelectKBest(f_classif, k=20).fit(X, y).transform(X)\n"
    "    return cross_val_score(LogisticRegression(), Xs, y, cv=5)\n"
)
CLEAN = (
    "def clean_cv(X, y):\n"
    "    return cross_val_score(make_pipeline(SelectKBest(f_classif, k=20), "
    "LogisticRegression()), X, y, cv=5)\n"
)
Q2_END = "leaky_scores = leaky_cv(X_noise, y_noise)\nclean_scores = clean_cv(X_noise, y_noise)\n"

# q3 -------------------------------------------------------------------------------------------
KNN = (
    "from sklearn.model_selection import validation_curve\n"
    "from sklearn.neighbors import KNeighborsClassifier\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "knn = make_pipeline(StandardScaler(), KNeighborsClassifier())\n"
)
CURVE = (
    "tr, va = validation_curve(knn, X_train, y_train, "
    "param_name='kneighborsclassifier__n_neighbors', param_range=K_VALUES, cv=cv)\n"
)
Q3_END = (
    "train_mean, val_mean = tr.mean(axis=1), va.mean(axis=1)\n"
    "best_k = K_VALUES[int(np.argmax(val_mean))]\n"
)

# q4 -------------------------------------------------------------------------------------------
SVM = (
    "from sklearn.model_selection import GridSearchCV, cross_val_score\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "from sklearn.svm import SVC\n"
    "search = GridSearchCV(make_pipeline(StandardScaler(), SVC()), {'svc__C': C_GRID}, cv=3)\n"
)
NESTED = (
    "nested_scores = cross_val_score(search, X_train, y_train, cv=cv)\n"
    "nested_mean = np.mean(nested_scores)\n"
)
FINAL = (
    "search.fit(X_train, y_train)\n"
    "inner_best_score = search.best_score_\n"
    "best_C = search.best_params_['svc__C']\n"
    "test_predictions = search.predict(X_test)\n"
    "test_accuracy = (test_predictions == y_test).mean()\n"
)

# q5 -------------------------------------------------------------------------------------------
MODELS = (
    "from scipy import stats\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.model_selection import cross_val_score\n"
    "from sklearn.neighbors import KNeighborsClassifier\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
)
CI = (
    "def paired_ci(a, b, confidence=0.95):\n"
    "    d = np.asarray(a, float) - np.asarray(b, float)\n"
    "    k = len(d)\n"
)
CI_OK = (
    CI + "    h = stats.t.ppf(0.5 + confidence / 2, k - 1) * d.std(ddof=1) / np.sqrt(k)\n"
    "    return d.mean(), d.mean() - h, d.mean() + h\n"
)


def q5_rest(cv_b="cv", verdict=None):
    return (
        "scores_a = cross_val_score(make_pipeline(StandardScaler(), LogisticRegression()), "
        "X_train, y_train, cv=cv)\n"
        "scores_b = cross_val_score(make_pipeline(StandardScaler(), KNeighborsClassifier()), "
        f"X_train, y_train, cv={cv_b})\n"
        "mean_diff, low, high = paired_ci(scores_a, scores_b)\n"
        + (verdict or "verdict = 'A' if low > 0 else ('B' if high < 0 else 'no clear winner')\n")
    )


# q6 -------------------------------------------------------------------------------------------
RARE = (
    "from sklearn.dummy import DummyClassifier\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import average_precision_score, balanced_accuracy_score\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
    "dummy = DummyClassifier(strategy='most_frequent').fit(Xr_train, yr_train)\n"
    "baseline_accuracy = dummy.score(Xr_test, yr_test)\n"
    "baseline_pr_auc = average_precision_score(yr_test, dummy.predict_proba(Xr_test)[:, 1])\n"
    "rare_model = make_pipeline(StandardScaler(), LogisticRegression()).fit(Xr_train, yr_train)\n"
    "rare_accuracy = rare_model.score(Xr_test, yr_test)\n"
)
RARE_END = (
    "rare_balanced_accuracy = balanced_accuracy_score(yr_test, rare_model.predict(Xr_test))\n"
    "rare_pr_auc = average_precision_score(yr_test, rare_model.predict_proba(Xr_test)[:, 1])\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        KF + COUNTS,
        "def kfold_indices(n_samples, n_splits):\n"
        "    idx = np.arange(n_samples)\n"
        "    return [(idx[~np.isin(idx, t)], t) for t in np.array_split(idx, n_splits)]\n" + COUNTS,
    ],
    "q2": [
        SEL + LEAKY + CLEAN + Q2_END,
        SEL + "from sklearn.pipeline import Pipeline\n" + LEAKY + "def clean_cv(X, y):\n"
        "    p = Pipeline([('pick', SelectKBest(k=20)), ('lr', LogisticRegression())])\n"
        "    return cross_val_score(p, X, y, cv=5)\n" + Q2_END,
    ],
    "q3": [
        KNN + CURVE + Q3_END,
        KNN.replace(
            "knn = make_pipeline(StandardScaler(), KNeighborsClassifier())\n",
            "from sklearn.pipeline import Pipeline\n"
            "knn = Pipeline([('scale', StandardScaler()), ('nn', KNeighborsClassifier())])\n",
        )
        + "from sklearn.model_selection import cross_validate\n"
        "res = [cross_validate(knn.set_params(nn__n_neighbors=k), X_train, y_train, cv=cv, "
        "return_train_score=True) for k in K_VALUES]\n"
        "train_mean = np.array([r['train_score'].mean() for r in res])\n"
        "val_mean = np.array([r['test_score'].mean() for r in res])\n"
        "knn = knn.set_params(nn__n_neighbors=5)\n"
        "best_k = K_VALUES[int(np.argmax(val_mean))]\n",
    ],
    "q4": [
        SVM + NESTED + FINAL,
        SVM + "nested_scores = np.array([search.fit(X_train[a], y_train[a]).score("
        "X_train[b], y_train[b]) for a, b in cv.split(X_train, y_train)])\n"
        "nested_mean = float(nested_scores.mean())\n"
        + FINAL.replace(
            "test_accuracy = (test_predictions == y_test).mean()",
            "from sklearn.metrics import accuracy_score\n"
            "test_accuracy = accuracy_score(y_test, test_predictions)",
        ),
    ],
    "q5": [
        MODELS + CI_OK + q5_rest(),
        MODELS + "def paired_ci(scores_a, scores_b, confidence=0.95):\n"
        "    d = np.subtract(scores_a, scores_b)\n"
        "    lo, hi = stats.t.interval(confidence, len(d) - 1, loc=d.mean(), scale=stats.sem(d))\n"
        "    return float(d.mean()), float(lo), float(hi)\n" + q5_rest(),
    ],
    "q6": [
        RARE + RARE_END,
        RARE.replace(
            "baseline_accuracy = dummy.score(Xr_test, yr_test)",
            "baseline_accuracy = np.mean(yr_test == 0)",
        ).replace(
            "baseline_pr_auc = average_precision_score(yr_test, dummy.predict_proba(Xr_test)"
            "[:, 1])",
            "baseline_pr_auc = yr_test.mean()",
        )
        + "from sklearn.metrics import recall_score\n"
        "rare_balanced_accuracy = recall_score(yr_test, rare_model.predict(Xr_test), "
        "average='macro')\n"
        "rare_pr_auc = average_precision_score(yr_test, rare_model.predict_proba(Xr_test)"
        "[:, list(rare_model.classes_).index(1)])\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (KF.replace("    sizes[: n % k] += 1\n", "") + COUNTS, "never tested"),
        (KF.replace("sizes[: n % k] += 1", "sizes[-1] += n % k") + COUNTS, "the last fold"),
        (
            KF.replace(
                "        test = idx[start:start + s]\n",
                "        s = -(-n // k)\n        test = idx[start:start + s]\n",
            )
            + COUNTS,
            "ceil(n / k)",
        ),
        (KF.replace("np.setdiff1d(idx, test)", "idx") + COUNTS, "include the test rows"),
        (
            KF.replace("(np.setdiff1d(idx, test), test)", "(test, np.setdiff1d(idx, test))")
            + COUNTS,
            "`(test, train)`",
        ),
        (
            KF
            + COUNTS.replace(
                "StratifiedKFold(5).split(y_sorted.reshape(-1, 1), y_sorted)",
                "kfold_indices(len(y_sorted), 5)",
            ),
            "unstratified",
        ),
        (
            "from sklearn.model_selection import KFold\n"
            "def kfold_indices(n, k):\n    return list(KFold(k).split(np.zeros((n, 1))))\n"
            + COUNTS,
            "NumPy only",
        ),
        (
            KF.replace(
                "    idx = np.arange(n)\n", "    idx = np.random.default_rng(0).permutation(n)\n"
            )
            + COUNTS,
            "test indices of fold",
        ),
    ],
    "q2": [
        (SEL + LEAKY + LEAKY.replace("leaky_cv", "clean_cv") + Q2_END, "before the split"),
        (
            SEL
            + LEAKY
            + CLEAN.replace(
                "make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())",
                "LogisticRegression()",
            )
            + Q2_END,
            "no feature selection",
        ),
        (
            SEL + LEAKY + "def clean_cv(X, y):\n"
            "    m = make_pipeline(SelectKBest(f_classif, k=20), LogisticRegression())\n"
            "    return np.full(5, m.fit(X, y).score(X, y))\n" + Q2_END,
            "rows the model was trained on",
        ),
        (
            SEL + LEAKY + CLEAN + "leaky_scores = clean_cv(X_noise, y_noise)\n"
            "clean_scores = leaky_cv(X_noise, y_noise)\n",
            "swapped",
        ),
        (SEL + LEAKY + CLEAN.replace("k=20", "k=10") + Q2_END, "`k=20`"),
        (
            SEL + (LEAKY + CLEAN).replace("cv=5", "cv=3") + Q2_END,
            "`leaky_scores` has shape (3,)",
        ),
    ],
    "q3": [
        (
            KNN + "Xs = StandardScaler().fit_transform(X_train)\n"
            "tr, va = validation_curve(KNeighborsClassifier(), Xs, y_train, "
            "param_name='n_neighbors', param_range=K_VALUES, cv=cv)\n" + Q3_END,
            "before cross-validation",
        ),
        (KNN + CURVE + Q3_END.replace("argmax(val_mean)", "argmax(train_mean)"), "training score"),
        (KNN + CURVE.replace("X_train, y_train", "X_test, y_test") + Q3_END, "test split"),
        (KNN + CURVE + Q3_END.replace("argmax", "argmin"), "*lowest*"),
        (KNN + CURVE.replace("cv=cv", "cv=5") + Q3_END, "Use the folds `cv`"),
        (KNN + CURVE + Q3_END.replace("axis=1", "axis=0"), "average over the folds"),
        (
            KNN + CURVE + "train_mean, val_mean = va.mean(axis=1), tr.mean(axis=1)\n"
            "best_k = K_VALUES[int(np.argmax(train_mean))]\n",
            "swapped",
        ),
        (
            KNN.replace(
                "make_pipeline(StandardScaler(), KNeighborsClassifier())", "KNeighborsClassifier()"
            )
            + CURVE.replace("kneighborsclassifier__n_neighbors", "n_neighbors")
            + Q3_END,
            "should be the pipeline",
        ),
    ],
    "q4": [
        (
            SVM
            + "nested_scores = cross_val_score(search, X_train, y_train, cv=cv)\n"
            + FINAL
            + "nested_mean = search.best_score_\n",
            "inner `best_score_`",
        ),
        (
            SVM
            + NESTED
            + FINAL.replace("search.fit(X_train, y_train)", "search.fit(X_test, y_test)"),
            "used for tuning",
        ),
        (
            SVM
            + NESTED
            + FINAL.replace("(test_predictions == y_test).mean()", "search.best_score_"),
            "cross-validated score",
        ),
        (
            SVM.replace("make_pipeline(StandardScaler(), SVC())", "make_pipeline(SVC())")
            + NESTED
            + FINAL,
            "has no scaler",
        ),
        (SVM + NESTED.replace("cv=cv", "cv=3") + FINAL, "inner folds"),
        (
            SVM + NESTED + FINAL + "test_predictions = SVC(C=best_C).fit(X, y).predict(X_test)\n"
            "test_accuracy = (test_predictions == y_test).mean()\n",
            "test_accuracy",
        ),
    ],
    "q5": [
        (MODELS + CI_OK.replace(" / np.sqrt(k)", "") + q5_rest(), "as if it were the standard"),
        (
            MODELS + CI + "    se = np.sqrt(np.var(a, ddof=1) / k + np.var(b, ddof=1) / k)\n"
            "    h = stats.t.ppf(0.5 + confidence / 2, k - 1) * se\n"
            "    return d.mean(), d.mean() - h, d.mean() + h\n" + q5_rest(),
            "unpaired",
        ),
        (MODELS + CI_OK.replace("ddof=1", "ddof=0") + q5_rest(), "`ddof=1`"),
        (
            MODELS + CI_OK.replace("stats.t.ppf(0.5 + confidence / 2, k - 1)", "1.96") + q5_rest(),
            "not the normal 1.96",
        ),
        (
            MODELS
            + CI_OK.replace(
                "np.asarray(a, float) - np.asarray(b, float)",
                "np.asarray(b, float) - np.asarray(a, float)",
            )
            + q5_rest(),
            "`scores_b - scores_a`",
        ),
        (MODELS + CI_OK + q5_rest(cv_b="5"), "different folds"),
        (
            MODELS + CI_OK + q5_rest(verdict="verdict = 'A' if mean_diff > 0 else 'B'\n"),
            "whole interval",
        ),
        (
            MODELS
            + CI_OK.replace(
                "return d.mean(), d.mean() - h, d.mean() + h",
                "return d.mean() - h, d.mean() + h, d.mean()",
            )
            + q5_rest(),
            "`paired_ci(a, b)` differs",
        ),
    ],
    "q6": [
        (
            RARE
            + RARE_END.replace(
                "balanced_accuracy_score(yr_test, rare_model.predict(Xr_test))",
                "rare_model.score(Xr_test, yr_test)",
            ),
            "plain accuracy",
        ),
        (
            RARE
            + RARE_END.replace(
                "rare_model.predict_proba(Xr_test)[:, 1]", "rare_model.predict(Xr_test)"
            ),
            "0/1 predicted labels",
        ),
        (
            RARE
            + "from sklearn.metrics import roc_auc_score\n"
            + RARE_END.replace(
                "rare_pr_auc = average_precision_score", "rare_pr_auc = roc_auc_score"
            ),
            "ROC AUC",
        ),
        (RARE + RARE_END.replace("[:, 1]", "[:, 0]"), "Column 0"),
        (
            RARE.replace(
                "LogisticRegression()).fit(Xr_train, yr_train)",
                "LogisticRegression()).fit(Xr_test, yr_test)",
            )
            + RARE_END,
            "fitted on the test split",
        ),
        (
            RARE.replace("dummy.score(Xr_test, yr_test)", "dummy.score(Xr_train, yr_train)")
            + RARE_END,
            "training rows",
        ),
        (
            RARE.replace("LogisticRegression()).fit", "LogisticRegression(C=0.01)).fit") + RARE_END,
            "rare_accuracy",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(evaluation, question_id, code):
    result = answer(evaluation, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(
    evaluation, question_id, code, named
):
    result = answer(evaluation, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("sizes[: n_samples % n_splits] += 1", "sizes[: n_samples % n_splits] += 2"),
        ("start += size", "start += size - 1"),
        ("StratifiedKFold(n_splits=5)", "StratifiedKFold(n_splits=4)"),
    ],
    "q2": [
        (
            "SelectKBest(f_classif, k=20).fit_transform",
            "SelectKBest(f_classif, k=25).fit_transform",
        ),
        ("LogisticRegression())\n    return", "LogisticRegression(C=0.5))\n    return"),
    ],
    "q3": [
        ("train_scores.mean(axis=1)", "train_scores.min(axis=1)"),
        ("int(np.argmax(val_mean))", "int(np.argmax(val_mean[1:]))"),
    ],
    "q4": [
        ('{"svc__C": C_GRID}, cv=3)', '{"svc__C": C_GRID[:2]}, cv=3)'),
        ("np.mean(test_predictions == y_test)", "np.mean(test_predictions != y_test)"),
    ],
    "q5": [
        ("0.5 + confidence / 2", "confidence"),
        ("df=k - 1", "df=k"),
        ("float(mean - t * standard_error)", "float(mean - 2 * t * standard_error)"),
    ],
    "q6": [
        ("LogisticRegression()).fit", "LogisticRegression(C=0.05)).fit"),
        ("rare_model.score(Xr_test, yr_test)", "rare_model.score(Xr_train, yr_train)"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    evaluation, question_id, old, new
):
    solution = evaluation.question(question_id).solution
    assert old in solution
    result = answer(evaluation, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(evaluation):
    assert len(evaluation.questions) >= 6
    for question in evaluation.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_the_leaky_estimate_is_optimistic_and_the_clean_one_near_chance(evaluation):
    for seed in (0, 1, 2):
        ns = evaluation.run_solutions(seed=seed)
        assert ns["leaky_scores"].mean() > 0.7
        assert abs(ns["clean_scores"].mean() - 0.5) < 0.2


def test_plain_folds_of_sorted_labels_leave_folds_without_positives(evaluation):
    ns = evaluation.run_solutions(seed=0)
    assert (ns["kfold_positives"] == 0).sum() >= 3
    assert ns["stratified_positives"].min() > 0


def test_different_seeds_give_different_data(evaluation):
    a, b = evaluation.run_context(seed=0), evaluation.run_context(seed=1)
    assert not np.array_equal(a["X_noise"], b["X_noise"])
    assert not np.array_equal(a["X_train"], b["X_train"])
