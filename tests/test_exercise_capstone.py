"""The exercise 18 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import copy
import subprocess
import sys
import types
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from curriculum.data import path
from curriculum.exercises import load_exercise
from curriculum.exercises.capstone import BASELINE, CONCLUSION, CV, ESTIMATE, PIPELINE, PREP
from curriculum.results import Status

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def capstone():
    return load_exercise("18")


@pytest.fixture(scope="module")
def solved(capstone):
    """The namespace of a completed key (seed 0): later questions' answers build on it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return capstone.run_solutions(seed=0)


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3])
def test_reference_solutions_pass_every_check(capstone, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        namespace = capstone.run_solutions(seed=seed)
    results = evaluate(capstone, namespace, seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in capstone.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(capstone):
    namespace = capstone.run_context(seed=0)
    for question in capstone.questions:
        exec(question.template, namespace)
    results = evaluate(capstone, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def _copy(solved):
    """A copy of the key's namespace that learner code may change freely."""
    namespace = {}
    for name, value in solved.items():
        if name == "__builtins__" or isinstance(value, types.ModuleType) or callable(value):
            namespace[name] = value
        else:
            namespace[name] = copy.deepcopy(value)
    return namespace


def answer(capstone, solved, question_id, code):
    """The learner's cell ``code`` run after every earlier answer of the key."""
    namespace = _copy(solved)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return capstone.question(question_id).evaluate(
            namespace, {"seed": 0}, include_hidden=True, time_limit=5
        )


XY = PREP
RATE = "churn_rate = float(y.mean())\nalways_no_accuracy = 1 - churn_rate\n"
AUC_HEAD = (
    "def roc_auc(y_true, scores):\n"
    "    y = np.asarray(y_true).astype(bool)\n"
    "    s = np.asarray(scores, dtype=float)\n"
    "    pos, neg = s[y], s[~y]\n"
)
IMPORTS = (
    "from sklearn.compose import ColumnTransformer, make_column_selector, make_column_transformer\n"
    "from sklearn.impute import KNNImputer\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.pipeline import Pipeline, make_pipeline\n"
    "from sklearn.preprocessing import OneHotEncoder, StandardScaler\n"
    "from sklearn.dummy import DummyClassifier\n"
)
NUM = (
    'num = ["tenure_months", "monthly_charge", "support_calls", "data_usage_gb", '
    '"satisfaction", "age"]\ncat = ["contract", "plan", "payment_method", "region"]\n'
)


def _pipe(num_steps: str, encoder: str = 'OneHotEncoder(handle_unknown="ignore")') -> str:
    return (
        IMPORTS + NUM + "model = Pipeline([\n"
        f'    ("prep", ColumnTransformer([("n", {num_steps}, num), ("c", {encoder}, cat)])),\n'
        '    ("clf", LogisticRegression(max_iter=1000)),\n'
        "]).fit(X, y)\n"
    )


GOOD_NUM = "make_pipeline(StandardScaler(), KNNImputer(add_indicator=True))"
CONCLUDE = CONCLUSION

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "X = train[[c for c in train.columns if c not in (target, 'customer_id')]]\n"
        "y = train[target].map({'yes': 1, 'no': 0}).to_numpy()\n"
        "churn_rate = np.mean(y)\nalways_no_accuracy = np.mean(y == 0)\n",
        "X = train.drop(['churned', 'customer_id'], axis=1)\n"
        "y = train['churned'].eq('yes').to_numpy()\n"
        "churn_rate = y.sum() / len(y)\nalways_no_accuracy = (~y).mean()\n",
    ],
    "q2": [
        # average ranks by hand: the Mann-Whitney form of the AUC
        "def roc_auc(y_true, scores):\n"
        "    y = np.asarray(y_true) == 1\n"
        "    s = np.asarray(scores, dtype=float)\n"
        "    values, inverse, counts = np.unique(s, return_inverse=True, return_counts=True)\n"
        "    upper = np.cumsum(counts)\n"
        "    ranks = (upper - (counts - 1) / 2)[inverse]\n"
        "    n_pos, n_neg = y.sum(), (~y).sum()\n"
        "    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))\n",
        AUC_HEAD + "    diff = np.sign(pos[:, None] - neg[None, :])\n"
        "    return float((diff.mean() + 1) / 2)\n",
    ],
    "q3": [
        IMPORTS
        + "from sklearn.model_selection import GridSearchCV\n"
        + NUM
        + "search = GridSearchCV(\n"
        "    make_pipeline(\n"
        f"        make_column_transformer(({GOOD_NUM}, num),\n"
        '                                (OneHotEncoder(handle_unknown="ignore"), cat)),\n'
        "        LogisticRegression(max_iter=1000)),\n"
        '    {"logisticregression__C": [0.1, 1.0]}, cv=3, scoring="roc_auc").fit(X, y)\n'
        "model = search.best_estimator_\n",
        IMPORTS + "model = make_pipeline(\n"
        "    make_column_transformer(\n"
        f'        ({GOOD_NUM}, make_column_selector(dtype_include="number")),\n'
        '        (OneHotEncoder(handle_unknown="ignore", min_frequency=20),\n'
        '         make_column_selector(dtype_exclude="number"))),\n'
        "    LogisticRegression(C=0.5, max_iter=1000)).fit(X, y)\n",
    ],
    "q4": [
        "from scipy import stats\nfrom sklearn.base import clone\n"
        "from sklearn.metrics import roc_auc_score\n"
        "cv_scores = []\n"
        "for tr, te in folds.split(X, y):\n"
        "    m = clone(model).fit(X.iloc[tr], y[tr])\n"
        "    cv_scores.append(roc_auc_score(y[te], m.predict_proba(X.iloc[te])[:, 1]))\n"
        "mean = np.mean(cv_scores)\nse = stats.sem(cv_scores)\n"
        'estimate = {"mean": mean, "std_error": se, "low": mean - 1.96 * se, '
        '"high": mean + 1.96 * se}\n',
    ],
    "q5": [
        IMPORTS + "baseline = make_pipeline(\n"
        '    ColumnTransformer([("c", OneHotEncoder(), ["contract"])]), LogisticRegression())\n'
        'baseline_scores = cross_val_score(baseline, X, y, cv=folds, scoring="roc_auc")\n',
        IMPORTS + 'baseline = DummyClassifier(strategy="most_frequent")\n'
        'baseline_scores = cross_val_score(baseline, X, y, cv=folds, scoring="roc_auc")\n',
    ],
    "q6": [
        "conclusion = dict(\n"
        "    problem='Which customers will churn next quarter, so the retention team can call "
        "them first?',\n"
        "    metric='AUC of the ROC curve (5-fold stratified CV)',\n"
        "    model=f'{type(model[-1]).__name__} after scaling, imputing and one-hot encoding',\n"
        "    estimate=round(estimate['mean'], 2),\n"
        "    interval=(round(estimate['low'], 2), round(estimate['high'], 2)),\n"
        "    baseline=round(float(np.mean(baseline_scores)), 2),\n"
        "    limitation='Only 2000 customers from one export; performance on future months "
        "is untested.',\n"
        ")\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        ('X = train.drop(columns=["customer_id"])\n' + XY.split("\n")[1] + "\n" + RATE, "target"),
        ("X = train.drop(columns=[target])\n" + XY.split("\n")[1] + "\n" + RATE, "identifier"),
        (
            "clean = train.dropna()\nX = clean.drop(columns=[target, 'customer_id'])\n"
            "y = (clean[target] == 'yes').astype(int).to_numpy()\n" + RATE,
            "rows with missing values were dropped",
        ),
        (
            "X = train.drop(columns=[target, 'customer_id'])\ny = train[target].to_numpy()\n"
            "churn_rate = 0.3\nalways_no_accuracy = 0.7\n",
            '"yes"/"no"',
        ),
        (XY.replace('== "yes"', '== "no"') + RATE, "reversed"),
        (XY + "churn_rate = int(y.sum())\nalways_no_accuracy = 0.7\n", "count of churners"),
        (XY + "churn_rate = y.mean()\nalways_no_accuracy = y.mean()\n", "1 - churn_rate"),
        (
            "X = pd.get_dummies(train.drop(columns=[target, 'customer_id']))\n"
            + XY.split("\n")[1]
            + "\n"
            + RATE,
            "encoded already",
        ),
        (
            "X = train.drop(columns=[target, 'customer_id'])\n"
            "X = X.fillna(X.median(numeric_only=True))\n" + XY.split("\n")[1] + "\n" + RATE,
            "leave the gaps",
        ),
    ],
    "q2": [
        (AUC_HEAD + "    return float((pos[:, None] > neg[None, :]).mean())\n", "Ties count"),
        (AUC_HEAD + "    return float((pos[:, None] >= neg[None, :]).mean())\n", "`>=`"),
        (
            AUC_HEAD + "    w = (neg[:, None] > pos).sum() + 0.5 * (neg[:, None] == pos).sum()\n"
            "    return float(w / (len(pos) * len(neg)))\n",
            "1 - AUC",
        ),
        (
            AUC_HEAD + "    w = (pos[:, None] > neg).sum() + 0.5 * (pos[:, None] == neg).sum()\n"
            "    return float(w / len(s) ** 2)\n",
            "number of rows squared",
        ),
        (
            "from sklearn.metrics import roc_auc_score\n"
            "def roc_auc(y_true, scores):\n    return roc_auc_score(y_true, scores)\n",
            "NumPy only",
        ),
        (
            "def roc_auc(y_true, scores):\n"
            "    pos = [s for s, t in zip(scores, y_true) if t == 1]\n"
            "    neg = [s for s, t in zip(scores, y_true) if t == 0]\n"
            "    return np.mean([p > n for p in pos for n in neg])\n",
            "Ties count",
        ),
    ],
    "q3": [
        (
            PIPELINE.replace('"region"]', '"region", "churned"]').replace(
                "model.fit(X, y)", "model.fit(train.drop(columns=['customer_id']), y)"
            ),
            "target `churned`",
        ),
        (
            IMPORTS + "model = make_pipeline(KNNImputer(), LogisticRegression(max_iter=1000))\n"
            "model.fit(pd.get_dummies(X), y)\n",
            "pre-encoded",
        ),
        (
            _pipe("StandardScaler()").replace(
                ".fit(X, y)",
                ".fit(X[X.notna().all(axis=1)], y[X.notna().all(axis=1).to_numpy()])",
            ),
            "missing values",
        ),
        (_pipe(GOOD_NUM, "OneHotEncoder()"), "did not see in training"),
        (
            IMPORTS + NUM + "model = make_pipeline(ColumnTransformer([('n', KNNImputer(), num)]),\n"
            "                      LogisticRegression(max_iter=1000)).fit(X, y)\n",
            "only the numeric columns",
        ),
        (
            IMPORTS + NUM + "model = make_pipeline(KNNImputer(), LogisticRegression())\n"
            "model.fit(X[num].to_numpy(), y)\n",
            "NumPy array",
        ),
        (IMPORTS + "model = make_pipeline(StandardScaler(), LogisticRegression())\n", "fitted"),
        (
            IMPORTS
            + "from sklearn.model_selection import GridSearchCV\n"
            + NUM
            + "pipe = Pipeline([('prep', ColumnTransformer([('n', "
            + GOOD_NUM
            + ", num), ('c', OneHotEncoder(handle_unknown='ignore'), cat)])), "
            "('clf', LogisticRegression(max_iter=1000))])\n"
            "model = GridSearchCV(pipe, {'clf__C': [1.0]}, cv=3).fit(X, y)\n",
            "should be a scikit-learn `Pipeline`",
        ),
    ],
    "q4": [
        (
            "from sklearn.base import clone\n"
            "X_ready = clone(model[:-1]).fit_transform(X)\n"
            "cv_scores = cross_val_score(clone(model[-1]), X_ready, y, cv=folds, "
            'scoring="roc_auc")\n' + ESTIMATE,
            "leakage",
        ),
        (CV.replace(', scoring="roc_auc"', "") + ESTIMATE, "accuracies"),
        (CV.replace("cv=folds", "cv=5") + ESTIMATE, "cv=folds"),
        (
            CV + "mean = float(np.mean(cv_scores))\nstd_error = float(np.std(cv_scores, ddof=1))\n"
            'estimate = {"mean": mean, "std_error": std_error, "low": mean - 2 * std_error, '
            '"high": mean + 2 * std_error}\n',
            "standard error",
        ),
        (CV + ESTIMATE.replace(", ddof=1", ""), "ddof=1"),
        (CV + ESTIMATE.replace('"high": mean + 2', '"high": 2'), "does not contain"),
        (CV + ESTIMATE.replace('"std_error": std_error,', ""), "lacks the key"),
        (
            CV + ESTIMATE.replace("float(np.mean(cv_scores))", "float(np.median(cv_scores))"),
            'estimate["mean"]',
        ),
    ],
    "q5": [
        ("baseline = None\nbaseline_scores = None\n", "`baseline` is missing"),
        ("baseline = model\nbaseline_scores = cv_scores\n", "not the model itself"),
        (
            "baseline = model\nbaseline_scores = cv_scores + 0.01\n"
            "cv_scores = cv_scores - 0.1\n"
            "baseline_scores = cross_val_score(model, X, y, cv=folds, scoring='roc_auc')\n",
            "at least as well",
        ),
        (BASELINE.replace(', scoring="roc_auc"', ""), "accuracies"),
        (
            IMPORTS + "baseline = make_pipeline(ColumnTransformer([('c', OneHotEncoder(), "
            "['contract'])]), LogisticRegression())\n"
            "baseline_scores = cross_val_score(baseline, X, y, cv=5, scoring='roc_auc')\n",
            "cv=folds",
        ),
        (
            BASELINE + "baseline_scores = [baseline.fit(X, y).score(X, y)] * 5\n",
            "baseline_scores` is",
        ),
    ],
    "q6": [
        (CONCLUDE.replace('estimate["mean"],', "model.score(X, y),"), "does not match"),
        (CONCLUDE.replace('"ROC AUC, cross-validated', '"accuracy, cross-validated'), "ROC AUC"),
        (
            CONCLUDE.replace('"LogisticRegression in a Pipeline', '"A random forest'),
            "name the model you fitted",
        ),
        (
            CONCLUDE.replace('[estimate["low"], estimate["high"]]', "[0.7, 0.9]"),
            "does not match",
        ),
        (CONCLUDE + 'del conclusion["limitation"]\n', "lacks a required field"),
        (
            CONCLUDE.replace("float(np.mean(baseline_scores))", "0.5 + 0.05"),
            "does not match",
        ),
        (CONCLUDE + 'conclusion["limitation"] = "Small data."\n', "at least 8 words"),
        (
            CONCLUDE
            + 'conclusion["problem"] = "We predict which customers will leave the company soon."\n',
            "what is predicted",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(capstone, solved, question_id, code):
    result = answer(capstone, solved, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(
    capstone, solved, question_id, code, named
):
    result = answer(capstone, solved, question_id, code)
    assert result.status in (Status.FAILED, Status.ERROR, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [('== "yes"', '== "no"'), ("1 - churn_rate", "churn_rate"), ("float(y.mean())", "0.3")],
    "q2": [
        ("0.5 * (pos", "0.4 * (pos"),
        ("(pos[:, None] > neg", "(pos[:, None] < neg"),
        ("len(pos) * len(neg)", "len(pos) * len(pos)"),
    ],
    "q3": [
        ('OneHotEncoder(handle_unknown="ignore")', "OneHotEncoder()"),
        ("model.fit(X, y)", "model.fit(X, 1 - y)"),
        ('[target, "customer_id"]', "[target]"),
    ],
    "q4": [
        ("ddof=1", "ddof=0"),
        ('"low": mean - 2 *', '"low": mean - 3 *'),
        ('"high": mean + 2 *', '"high": mean + 6 *'),
        ("cv=folds", "cv=4"),
    ],
    "q5": [
        ('DummyClassifier(strategy="prior")', "model"),
        ('baseline, X, y, cv=folds, scoring="roc_auc"', 'baseline, X, y, cv=3, scoring="roc_auc"'),
    ],
    "q6": [
        ('"estimate": estimate["mean"]', '"estimate": estimate["high"]'),
        ('"baseline": float(np.mean(baseline_scores))', '"baseline": float(np.max(cv_scores))'),
        ('"metric": "ROC AUC', '"metric": "R2'),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    capstone, solved, question_id, old, new
):
    solution = capstone.question(question_id).solution
    assert old in solution
    result = answer(capstone, solved, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(capstone):
    for question in capstone.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_a_pipeline_that_passes_the_public_checks_can_still_fail_on_the_holdout(capstone, solved):
    # The public check cross-validates a fresh copy; only the hidden one scores the fitted model.
    code = PREP + PIPELINE.replace(
        "model.fit(X, y)", "model.fit(X, np.random.default_rng(0).permutation(y))"
    )
    namespace = _copy(solved)
    exec(code, namespace)
    question = capstone.question("q3")
    public = question.evaluate(namespace, {"seed": 0}, include_hidden=False)
    hidden = question.evaluate(namespace, {"seed": 0}, include_hidden=True)
    assert public.status == Status.PASSED, public.message
    assert hidden.status == Status.FAILED and "held-out customers" in hidden.message


def test_a_model_fitted_on_the_shipped_holdout_rows_is_named_not_rewarded(capstone, solved):
    # The held-out CSV ships in the package; a forest fitted on it too memorises those rows.
    code = (
        PREP + PIPELINE + "from sklearn.ensemble import RandomForestClassifier\n"
        "from curriculum.data import path\n"
        "held = pd.read_csv(path('capstone_holdout.csv'))\n"
        "X_all = pd.concat([X, held.drop(columns=['churned', 'customer_id'])])\n"
        "y_all = np.r_[y, (held['churned'] == 'yes').astype(int)]\n"
        "model = Pipeline([('preprocess', model.steps[0][1]),\n"
        "                  ('forest', RandomForestClassifier(50, random_state=0))])\n"
        "model.fit(X_all, y_all)\n"
    )
    result = answer(capstone, solved, "q3", code)
    assert result.status == Status.FAILED
    assert "was fitted on rows other than the training data" in result.message, result.message


def test_the_leaky_scores_differ_from_the_clean_ones(solved):
    # Otherwise the leakage check could never tell them apart.
    from sklearn.base import clone

    model, X, y, folds = solved["model"], solved["X"], solved["y"], solved["folds"]
    X_ready = clone(model[:-1]).fit_transform(X)
    from sklearn.model_selection import cross_val_score

    leaky = cross_val_score(clone(model[-1]), X_ready, y, cv=folds, scoring="roc_auc")
    assert not np.allclose(leaky, solved["cv_scores"], atol=1e-6)


def test_solutions_stand_alone(capstone):
    # The grader replays a question's solution on the bare context to name mistakes.
    for question in capstone.questions:
        namespace = capstone.run_context(seed=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(question.solution, namespace)
        assert all(name in namespace for name in question.reads), question.id


def test_different_seeds_give_different_folds(capstone):
    a, b = capstone.run_context(seed=0), capstone.run_context(seed=1)
    X, y = a["train"], a["train"]["churned"]
    first = [te[:5].tolist() for _, te in a["folds"].split(X, y)]
    second = [te[:5].tolist() for _, te in b["folds"].split(X, y)]
    assert first != second


# The shipped data ------------------------------------------------------------------------------


def test_the_generator_writes_the_shipped_files_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_capstone_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("capstone_train.csv", "capstone_holdout.csv"):
        assert (tmp_path / name).read_bytes() == path(name).read_bytes(), name


def test_the_data_has_what_the_exercise_promises():
    train = pd.read_csv(path("capstone_train.csv"))
    holdout = pd.read_csv(path("capstone_holdout.csv"))
    assert len(train) == 2000 and len(holdout) == 1000
    assert list(train.columns) == list(holdout.columns)
    assert set(train["churned"]) == {"yes", "no"}
    assert 0.2 < (train["churned"] == "yes").mean() < 0.4
    for column in ("monthly_charge", "data_usage_gb", "satisfaction", "age", "payment_method"):
        assert train[column].isna().any(), column
    unseen = set(holdout["payment_method"].dropna()) - set(train["payment_method"].dropna())
    assert unseen == {"wallet"}
    assert not set(train["customer_id"]) & set(holdout["customer_id"])
