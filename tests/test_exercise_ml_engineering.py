"""The exercise 17 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def mle():
    return load_exercise("17")


# what each question's answer cell builds on (the earlier answers of a completed notebook)
NEEDS = {"q4": ("q3",), "q5": ("q1",), "q7": ("q1", "q2")}


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_reference_solutions_pass_every_check(mle, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(mle, mle.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in mle.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(mle):
    namespace = mle.run_context(seed=0)
    for question in mle.questions:
        exec(question.template, namespace)
    results = evaluate(mle, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(mle, question_id, code, seed=0):
    namespace = mle.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for earlier in NEEDS.get(question_id, ()):
            exec(mle.question(earlier).solution, namespace)
        exec(code, namespace)
        return mle.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


def q1_with(mle, old, new):
    solution = mle.question("q1").solution
    assert old in solution, old
    return solution.replace(old, new)


VALIDATOR = """\
def validate_request(payload):
    errors = []
    allowed = {"age", "monthly_fee", "tenure_months", "plan", "region"}
    errors += [f"{k}: unexpected field" for k in payload if k not in allowed]
    def number(name, low, high=float("inf"), nullable=False):
        if name not in payload:
            return f"{name}: field required"
        v = payload[name]
        if v is None and nullable:
            return None
        if type(v) not in (int, float):
            return f"{name}: not a number"
        if not low <= v <= high:
            return f"{name}: out of range"
        return None
    for message in (number("age", 18, 100), number("monthly_fee", 0),
                    number("tenure_months", 0, nullable=True)):
        if message:
            errors.append(message)
"""
VALIDATOR_END = """\
    for name in ("plan", "region"):
        v = payload.get(name, None)
        if name not in payload:
            errors.append(f"{name}: field required")
        elif not isinstance(v, str) or v == "":
            errors.append(f"{name}: must be text")
    return errors
"""

PSI_HEAD = """\
def psi(expected, actual, bins=10):
    e = np.asarray(expected, dtype=float)
    a = np.asarray(actual, dtype=float)
"""
PSI_QUANTILE = (
    PSI_HEAD
    + "    inner = np.quantile(e, np.linspace(0, 1, bins + 1))[1:-1]\n"
    + "    p = np.bincount(np.searchsorted(inner, e, side='right'), minlength=bins) / len(e)\n"
    + "    q = np.bincount(np.searchsorted(inner, a, side='right'), minlength=bins) / len(a)\n"
)

Q4_HEAD = """\
from scipy.stats import ks_2samp

weekly_psi = np.array([psi(fee_reference, f) for f in weekly_fees])
weekly_p = np.array([ks_2samp(fee_reference, f).pvalue for f in weekly_fees])
"""

SIO = "import skops.io as sio\n\n"

LOAD = SIO + "def load_reviewed(blob, reviewed, rows):\n"

PREDICT_HEAD = "def predict_one(row):\n    errors = validate_request(row)\n"

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "from sklearn.compose import make_column_transformer\n"
        "from sklearn.impute import SimpleImputer\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import OneHotEncoder, StandardScaler\n\n"
        "model = make_pipeline(\n"
        "    make_column_transformer(\n"
        "        (make_pipeline(SimpleImputer(strategy='most_frequent'),"
        " OneHotEncoder(handle_unknown='ignore')), CATEGORICAL),\n"
        "        (make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), NUMERIC),\n"
        "    ),\n"
        "    LogisticRegression(max_iter=1000),\n"
        ").fit(X_train, y_train)\n",
    ],
    "q2": [VALIDATOR + VALIDATOR_END],
    "q3": [
        PSI_QUANTILE
        + "    p, q = np.maximum(p, 1e-4), np.maximum(q, 1e-4)\n"
        + "    return float(np.sum((p - q) * np.log(p / q)))\n",
        PSI_HEAD
        + "    edges = np.quantile(e, np.linspace(0, 1, bins + 1))\n"
        + "    edges[0], edges[-1] = -np.inf, np.inf\n"
        + "    p = np.histogram(e, bins=edges)[0] / e.size\n"
        + "    q = np.histogram(a, bins=edges)[0] / a.size\n"
        + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
        + "    return float(((q - p) * (np.log(q) - np.log(p))).sum())\n",
    ],
    "q4": [
        Q4_HEAD + "alarm_weeks = [w + 1 for w, v in enumerate(weekly_psi) if v > 0.2]\n"
        "small_significant_weeks = [w + 1 for w in range(8)"
        " if weekly_p[w] < 0.01 and weekly_psi[w] < 0.1]\n",
        Q4_HEAD + "alarm_weeks = np.flatnonzero(weekly_psi > 0.2) + 1\n"
        "small_significant_weeks = np.flatnonzero((weekly_p < 0.01) & (weekly_psi < 0.1)) + 1\n",
    ],
    "q5": [
        "import skops.io\n\nmodel_bytes = skops.io.dumps(model)\n"
        "untrusted_types = list(skops.io.get_untrusted_types(data=model_bytes))\n",
        "import os, tempfile\nimport skops.io as sio\n\n"
        "path = os.path.join(tempfile.mkdtemp(), 'model.skops')\nsio.dump(model, path)\n"
        "untrusted_types = sio.get_untrusted_types(file=path)\n"
        "model_bytes = open(path, 'rb').read()\n",
    ],
    "q6": [
        LOAD + "    model = sio.loads(blob, trusted=reviewed)\n"
        "    return np.asarray(model.predict_proba(rows))[:, 1].copy()\n",
        LOAD + "    unknown = set(sio.get_untrusted_types(data=blob)) - set(reviewed)\n"
        "    if unknown:\n        raise ValueError(f'refusing a model with {sorted(unknown)}')\n"
        "    return sio.loads(blob, trusted=list(reviewed)).predict_proba(rows)[:, 1]\n",
    ],
    "q7": [
        PREDICT_HEAD + "    answer = {'model_version': MODEL_VERSION}\n"
        "    if errors:\n        answer['errors'] = list(errors)\n        return answer\n"
        "    p = model.predict_proba(pd.DataFrame([row], columns=NUMERIC + CATEGORICAL))\n"
        "    answer['churn_probability'] = float(p[0][1])\n    return answer\n",
    ],
}

# A beginner's wrong answers: each must fail with a message naming the mistake.
WRONG = {
    "q1": [
        (None, ('OneHotEncoder(handle_unknown="ignore")', "OneHotEncoder()"), "handle_unknown"),
        (
            None,
            (
                "model.fit(X_train, y_train)",
                "model.fit(pd.concat([X_train, X_test]), np.concatenate([y_train, y_test]))",
            ),
            "fitted on all the rows",
        ),
        (None, ("model.fit(X_train, y_train)", "model.fit(X_test, y_test)"), "held-out rows"),
        (None, ('strategy="median"', 'strategy="mean"'), "median"),
        (
            None,
            (
                'make_pipeline(SimpleImputer(strategy="median"), StandardScaler())',
                'make_pipeline(SimpleImputer(strategy="median"))',
            ),
            "not standardised",
        ),
        (
            None,
            (
                'OneHotEncoder(handle_unknown="ignore")',
                'OneHotEncoder(handle_unknown="ignore", drop="first")',
            ),
            "drops a category",
        ),
        ("model = 3", None, "should be a fitted scikit-learn Pipeline"),
        (None, ("model.fit(X_train, y_train)", "pass"), "not been fitted"),
    ],
    "q2": [
        (
            "def validate_request(payload):\n    errors = []\n"
            "    for k in ('age', 'monthly_fee'):\n"
            "        v = payload.get(k)\n"
            "        if v is not None and not isinstance(v, (int, float)):\n"
            "            errors.append(f'{k}: bad')\n"
            "    return errors\n",
            "missing field",
        ),
        (
            VALIDATOR.replace(
                "if type(v) not in (int, float):",
                "try:\n            v = float(v)\n        except (TypeError, ValueError):",
            )
            + VALIDATOR_END,
            "mistyped",
        ),
        (
            VALIDATOR.replace("type(v) not in (int, float)", "not isinstance(v, (int, float))")
            + VALIDATOR_END,
            "`bool` is a subclass of `int`",
        ),
        (
            VALIDATOR.replace("if not low <= v <= high:", "if False:") + VALIDATOR_END,
            "out of range",
        ),
        (
            VALIDATOR.replace("nullable=True", "nullable=False") + VALIDATOR_END,
            "`tenure_months: None`",
        ),
        (
            VALIDATOR.replace(
                'errors += [f"{k}: unexpected field" for k in payload if k not in allowed]', ""
            )
            + VALIDATOR_END,
            "unexpected field",
        ),
        (
            VALIDATOR + VALIDATOR_END.replace("    return errors", "    return errors[:1]"),
            "stops at the first",
        ),
        (
            VALIDATOR + VALIDATOR_END.replace("    return errors", "    return ', '.join(errors)"),
            "list of strings",
        ),
        (
            VALIDATOR
            + VALIDATOR_END.replace("    return errors", "    return ['bad'] * len(errors)"),
            "no message names",
        ),
    ],
    "q3": [
        (PSI_QUANTILE + "    return float(np.sum((q - p) * np.log(q / p)))\n", "Clip both"),
        (
            PSI_QUANTILE
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * np.log(p / q)))\n",
            "upside down",
        ),
        (
            PSI_QUANTILE
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * (q / p)))\n",
            "logarithm is missing",
        ),
        (
            PSI_QUANTILE.replace("np.quantile(e,", "np.quantile(a,")
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * np.log(q / p)))\n",
            "bin edges come from `actual`",
        ),
        (
            PSI_HEAD
            + "    edges = np.quantile(e, np.linspace(0, 1, bins + 1))\n"
            + "    p = np.histogram(e, bins=edges)[0] / len(e)\n"
            + "    q = np.histogram(a, bins=edges)[0] / len(a)\n"
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * np.log(q / p)))\n",
            "open-ended",
        ),
        (
            PSI_QUANTILE.replace(
                "np.quantile(e, np.linspace(0, 1, bins + 1))[1:-1]",
                "np.linspace(e.min(), e.max(), bins + 1)[1:-1]",
            )
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * np.log(q / p)))\n",
            "equal widths",
        ),
        (
            PSI_QUANTILE.replace(") / len(e)", ")").replace(") / len(a)", ")")
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum((q - p) * np.log(q / p)))\n",
            "shares",
        ),
        (
            PSI_QUANTILE
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum(q * np.log(q / p)))  # KL(q || p)\n",
            "Kullback-Leibler",
        ),
        (
            PSI_QUANTILE
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(np.sum(p * np.log(p / q)))  # KL(p || q)\n",
            "Kullback-Leibler",
        ),
        (
            "from scipy.stats import entropy\n\n"
            + PSI_QUANTILE
            + "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            + "    return float(entropy(q, p) + entropy(p, q))\n",
            "NumPy only",
        ),
    ],
    "q4": [
        (
            Q4_HEAD.replace("psi(fee_reference, f)", "psi(f, fee_reference)")
            + "alarm_weeks = [int(w) for w in np.flatnonzero(weekly_psi > 0.2) + 1]\n"
            "small_significant_weeks = []\n",
            "week as the reference",
        ),
        (
            Q4_HEAD.replace(").pvalue", ").statistic")
            + "alarm_weeks = []\nsmall_significant_weeks = []\n",
            "KS statistic",
        ),
        (
            Q4_HEAD + "alarm_weeks = [int(w) for w in np.flatnonzero(weekly_psi > 0.2)]\n"
            "small_significant_weeks = []\n",
            "Number the weeks from 1",
        ),
        (
            Q4_HEAD + "alarm_weeks = [int(w) for w in np.flatnonzero(weekly_p < 0.01) + 1]\n"
            "small_significant_weeks = []\n",
            "follows the KS p-value",
        ),
        (
            Q4_HEAD + "alarm_weeks = [int(w) for w in np.flatnonzero(weekly_psi > 0.2) + 1]\n"
            "small_significant_weeks = [int(w) for w in np.flatnonzero("
            "(weekly_p > 0.01) & (weekly_psi < 0.1)) + 1]\n",
            "small p-value is the evidence",
        ),
        (
            Q4_HEAD + "alarm_weeks = [int(w) for w in np.flatnonzero(weekly_psi > 0.2) + 1]\n"
            "small_significant_weeks = [int(w) for w in np.flatnonzero(weekly_p < 0.01) + 1]\n",
            "every week the KS test flags",
        ),
        (
            Q4_HEAD + "alarm_weeks = 'weeks 6 to 8'\nsmall_significant_weeks = []\n",
            "list of week numbers",
        ),
    ],
    "q5": [
        (
            "import pickle\n\nmodel_bytes = pickle.dumps(model)\nuntrusted_types = []\n",
            "is a pickle",
        ),
        (SIO + "model_bytes = sio.dumps(model)\nuntrusted_types = []\n", "get_untrusted_types"),
        (
            SIO + "model_bytes = sio.dumps(model)\nuntrusted_types = 'numpy.dtype'\n",
            "list of strings",
        ),
        (
            SIO + "model_bytes = sio.dump(model, 'model.skops')\n"
            "untrusted_types = sio.get_untrusted_types(file='model.skops')\n",
            "should be bytes",
        ),
        (
            SIO + "model_bytes = sio.dumps(model.named_steps['classifier'])\n"
            "untrusted_types = sio.get_untrusted_types(data=model_bytes)\n",
            "only the final classifier",
        ),
        (
            SIO + "from sklearn.base import clone\n\nmodel_bytes = sio.dumps(clone(model))\n"
            "untrusted_types = sio.get_untrusted_types(data=model_bytes)\n",
            "never fitted",
        ),
        (
            SIO + "import copy\nfrom sklearn.pipeline import Pipeline\n"
            "from sklearn.preprocessing import FunctionTransformer\n\n"
            "model_bytes = sio.dumps(Pipeline([('c', FunctionTransformer(copy.copy)), "
            "*model.steps]))\nuntrusted_types = sio.get_untrusted_types(data=model_bytes)\n",
            "does not load",
        ),
    ],
    "q6": [
        (
            LOAD + "    model = sio.loads(blob, trusted=sio.get_untrusted_types(data=blob))\n"
            "    return model.predict_proba(rows)[:, 1]\n",
            "trusts whatever the file asks for",
        ),
        (
            LOAD + "    model = sio.loads(blob, trusted=['numpy.dtype'])\n"
            "    return model.predict_proba(rows)[:, 1]\n",
            "ignores its `reviewed` argument",
        ),
        (
            "import pickle\n\ndef load_reviewed(blob, reviewed, rows):\n"
            "    return pickle.loads(blob).predict_proba(rows)[:, 1]\n",
            "pickle",
        ),
        (
            LOAD + "    return sio.loads(blob, trusted=reviewed).predict(rows)\n",
            "class labels",
        ),
        (
            LOAD + "    return sio.loads(blob, trusted=reviewed).predict_proba(rows)[:, 0]\n",
            "probability of *staying*",
        ),
        (
            LOAD + "    return sio.loads(blob, trusted=reviewed).predict_proba(rows)\n",
            "two columns",
        ),
        (
            LOAD + "    return sio.loads(blob, trusted=reviewed)\n",
            "it is Pipeline",
        ),  # the model itself, not its probabilities
    ],
    "q7": [
        (
            PREDICT_HEAD + "    if errors:\n        return {'errors': errors}\n"
            "    p = model.predict_proba(pd.DataFrame([row]))[0, 1]\n"
            "    return {'churn_probability': float(p)}\n",
            "no `model_version`",
        ),
        (
            "def predict_one(row):\n"
            "    p = model.predict_proba(pd.DataFrame([row]))[0, 1]\n"
            "    return {'model_version': MODEL_VERSION, 'churn_probability': float(p)}\n",
            "call `validate_request(row)` first",
        ),
        (
            PREDICT_HEAD + "    if errors:\n"
            "        return {'model_version': MODEL_VERSION, 'errors': errors}\n"
            "    p = model.predict(pd.DataFrame([row]))[0]\n"
            "    return {'model_version': MODEL_VERSION, 'churn_probability': float(p)}\n",
            "class label",
        ),
        (
            PREDICT_HEAD + "    if errors:\n"
            "        return {'model_version': MODEL_VERSION, 'errors': errors}\n"
            "    p = model.predict_proba(pd.DataFrame([row]))[0, 0]\n"
            "    return {'model_version': MODEL_VERSION, 'churn_probability': float(p)}\n",
            "probability of *staying*",
        ),
        (
            PREDICT_HEAD + "    if errors:\n"
            "        return {'model_version': MODEL_VERSION, 'errors': errors}\n"
            "    p = model.predict_proba(pd.DataFrame(row))[0, 1]\n"
            "    return {'model_version': MODEL_VERSION, 'churn_probability': float(p)}\n",
            "pd.DataFrame([row])",
        ),
        (
            PREDICT_HEAD + "    if errors:\n"
            "        return {'model_version': '1', 'errors': errors}\n"
            "    p = model.predict_proba(pd.DataFrame([row]))[0, 1]\n"
            "    return {'model_version': '1', 'churn_probability': float(p)}\n",
            "use the constant `MODEL_VERSION`",
        ),
    ],
}


def _wrong_cases():
    for question_id, cases in WRONG.items():
        for case in cases:
            yield question_id, case


@pytest.mark.parametrize(("question_id", "case"), list(_wrong_cases()))
def test_beginner_mistakes_fail_with_a_message_that_names_them(
    mle, question_id, case, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # one wrong answer writes a file
    if question_id == "q1":
        code, change, named = case
        code = code if code is not None else q1_with(mle, *change)
    else:
        code, named = case
    result = answer(mle, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(mle, question_id, code, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = answer(mle, question_id, code)
    assert result.status == Status.PASSED, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("LogisticRegression(max_iter=1000)", "LogisticRegression(max_iter=1000, C=0.1)"),
        ("model.fit(X_train, y_train)", "model.fit(X_train[20:], y_train[20:])"),
    ],
    "q2": [
        ("(18, 100)", "(18, 99)"),
        ("value < low or", "value <= low or"),
        ("not payload[name]", "payload[name] is None"),
    ],
    "q3": [
        ("1e-4, None", "1e-3, None"),
        ("np.log(q / p)", "np.log2(q / p)"),
        ("np.linspace(0, 1, bins + 1)", "np.linspace(0, 1, bins)"),
    ],
    "q4": [
        ("weekly_psi > 0.2", "weekly_psi > 0.35"),
        ("(weekly_psi < 0.1)", "(weekly_psi < 0.05)"),
    ],
    "q5": [
        ("untrusted_types = sio.get_untrusted_types(data=model_bytes)", "untrusted_types = []"),
        ("sio.dumps(model)", "sio.dumps(model.named_steps['preprocess'])"),
    ],
    "q6": [
        ("[:, 1]", "[:, 1] ** 2"),
        ("trusted=list(reviewed)", "trusted=list(reviewed) + ['copy.copy']"),
    ],
    "q7": [
        ("[0, 1])", "[0, 1] + 0.01)"),
        ('"errors": errors', '"errors": []'),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(mle, question_id, old, new):
    solution = mle.question(question_id).solution
    assert old in solution
    result = answer(mle, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(mle):
    for question in mle.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_partial_answer_names_what_is_missing(mle):
    result = answer(mle, "q5", "model_bytes = ____\nuntrusted_types = []\n")
    assert result.status == Status.FAILED and "`model_bytes`" in result.message


def test_different_seeds_give_different_data_and_drift(mle):
    a, b = mle.run_context(seed=0), mle.run_context(seed=1)
    assert not np.allclose(a["fee_reference"][:50], b["fee_reference"][:50])
    assert "islands" in set(a["X_test"]["region"]) and "islands" not in set(a["X_train"]["region"])
    gaps = a["X_train"].isna().any()
    assert gaps[["age", "tenure_months", "plan"]].all() and not gaps["monthly_fee"]
    assert a["drift_start"] in (3, 4) and len(a["weekly_fees"]) == 8


def test_the_server_free_rule_no_question_reads_an_app(mle):
    for question in mle.questions:
        assert "app" not in question.reads
