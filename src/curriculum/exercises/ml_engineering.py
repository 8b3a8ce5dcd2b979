"""Exercise 17: ML engineering — a pipeline on raw rows, request validation, drift, safe loading."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_array,
    expect_callable,
    expect_close,
    expect_inputs_unchanged,
    expect_number,
    expect_only_numpy,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 17 — ML engineering

Seven questions on what happens around a model once it leaves the notebook: one pipeline that
takes raw rows with missing values and new categories, a validator for the requests an API
receives, the population stability index from scratch and a drift decision week by week, saving
a model with skops and loading only the types you reviewed, and the handler behind a
`/predict` endpoint with a model version in its answer. No question starts a server: the lesson
does that; here you write the functions a server calls.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/17_ml_engineering.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
MODEL_VERSION = "churn-lr-1.0.0"  # q7: every answer of the service names the model behind it
NUMERIC = ["age", "monthly_fee", "tenure_months"]
CATEGORICAL = ["plan", "region"]


def make_customers(n, rng, fee_shift=0.0):
    \"\"\"n customers of a subscription service; fee_shift moves every monthly fee (drift).\"\"\"
    plan = rng.choice(["basic", "plus", "pro"], size=n, p=[0.5, 0.3, 0.2])
    region = rng.choice(["north", "south", "east", "west"], size=n)
    fee = np.select([plan == "basic", plan == "plus"], [20.0, 35.0], 55.0)
    fee = fee + rng.normal(0.0, 6.0, size=n) + fee_shift
    age = rng.uniform(18, 80, size=n)
    tenure = rng.exponential(24.0, size=n)
    logit = (
        -0.6 + 0.05 * (fee - 32) - 0.06 * (tenure - 24)
        + 0.6 * (region == "south") - 0.02 * (age - 45)
    )
    churned = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    frame = pd.DataFrame(
        {"age": age, "monthly_fee": fee, "tenure_months": tenure, "plan": plan, "region": region}
    )
    frame.loc[rng.random(n) < 0.10, "age"] = np.nan  # not every customer gave an age
    frame.loc[rng.random(n) < 0.15, "tenure_months"] = np.nan  # migrated accounts
    frame["plan"] = frame["plan"].where(rng.random(n) >= 0.05)  # 5 % of plans missing
    frame["churned"] = churned
    return frame


rng = np.random.default_rng(seed)
customers = make_customers(1200, rng)
X = customers[NUMERIC + CATEGORICAL]
y = customers["churned"].to_numpy()
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, random_state=seed, stratify=y
)
# A region opened after training: it appears only in the held-out rows.
X_test = X_test.copy()
X_test.loc[X_test.index[rng.random(len(X_test)) < 0.08], "region"] = "islands"

# Monitoring (q4): the monthly fees of 8 weeks of requests after launch. A small price change
# starts in week `drift_start`; two weeks later a bigger one grows week by week.
drift_start = int(rng.integers(3, 5))
fee_shifts = [
    0.0 if week < drift_start else 2.5 if week < drift_start + 2 else 3.0 * (week - drift_start)
    for week in range(1, 9)
]
weekly_fees = [make_customers(2000, rng, s)["monthly_fee"].to_numpy() for s in fee_shifts]
fee_reference = X_train["monthly_fee"].to_numpy()  # what the model was trained on

print(f"{len(X_train)} training rows, {len(X_test)} held-out rows; columns {list(X.columns)}")
print("missing values per column in X_train:", X_train.isna().sum().to_dict())
print(f"{len(weekly_fees)} weeks of monitored fees, {len(weekly_fees[0])} requests a week")"""

ALARM_PSI = 0.2  # the usual rule of thumb: above 0.2 the population has shifted a lot
SMALL_PSI = 0.1  # below 0.1 a shift is usually too small to act on
KS_ALPHA = 0.01
SAFE_TYPES = frozenset({"numpy.dtype"})  # the only type the grader accepts beyond skops' own
PROBA_ATOL = 1e-3  # lbfgs stops at tol=1e-4: column order changes probabilities by < 1e-5


@lru_cache(maxsize=4)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    import pandas as pd

    cached = _context(int(params.get("seed", 0)))
    copied = (np.ndarray, pd.DataFrame, pd.Series, list)
    return {k: v.copy() if isinstance(v, copied) else v for k, v in cached.items()}


def _seed(params: Params) -> int:
    return int(params.get("seed", 0))


# q1: one pipeline from raw rows --------------------------------------------------------------


def _pipeline(
    strategy: str = "median",
    scale: bool = True,
    handle_unknown: str = "ignore",
    drop: str | None = None,
) -> Any:
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline, make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [SimpleImputer(strategy=strategy)] + ([StandardScaler()] if scale else [])
    encoder = OneHotEncoder(handle_unknown=handle_unknown, drop=drop)
    categorical = make_pipeline(SimpleImputer(strategy="most_frequent"), encoder)
    preprocess = ColumnTransformer(
        [
            ("num", make_pipeline(*numeric), ["age", "monthly_fee", "tenure_months"]),
            ("cat", categorical, ["plan", "region"]),
        ]
    )
    return Pipeline([("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))])


@lru_cache(maxsize=4)
def _fitted(seed: int, kind: str) -> Any:
    """The reference pipeline (kind "train") and the wrong ones the checks recognise."""
    import pandas as pd

    data = _context(seed)
    X_train, y_train, X_test, y_test = (data[k] for k in ("X_train", "y_train", "X_test", "y_test"))
    if kind == "all_rows":
        return _pipeline().fit(pd.concat([X_train, X_test]), np.concatenate([y_train, y_test]))
    if kind == "test_rows":
        return _pipeline().fit(X_test, y_test)
    options = {
        "train": {},
        "mean": {"strategy": "mean"},
        "unscaled": {"scale": False},
        "drop_first": {"drop": "first", "handle_unknown": "ignore"},
    }[kind]
    return _pipeline(**options).fit(X_train, y_train)


Q1_UNKNOWN = (
    "Your pipeline fails on a category it never saw in training (the new region 'islands'): "
    "build the encoder with `OneHotEncoder(handle_unknown='ignore')` so an unseen category "
    "becomes a row of zeros instead of an error."
)
Q1_NAN = (
    "Your pipeline cannot take missing values: put a `SimpleImputer` in front of the scaler "
    "(median) and of the encoder (most frequent), inside the pipeline."
)
Q1_ALL_ROWS = (
    "`model` was fitted on all the rows, held-out ones included: the imputer's medians, the "
    "scaler's means and the weights have seen the test rows. Fit on `X_train, y_train` only."
)
Q1_TEST_ROWS = "`model` was fitted on the held-out rows: fit on `X_train, y_train`."
Q1_MEAN = (
    "The numeric columns were filled with their mean: the prompt asks for the median "
    "(`SimpleImputer(strategy='median')`), which a few extreme fees or tenures do not drag."
)
Q1_UNSCALED = (
    "The numeric columns are not standardised: add a `StandardScaler()` after their imputer, "
    "so the penalty of the logistic regression treats every column alike."
)
Q1_DROP = (
    "The encoder drops a category (`drop='first'`): the prompt asks for one column per "
    "category, the default."
)
Q1_WRONG_KIND = {
    "all_rows": Q1_ALL_ROWS,
    "test_rows": Q1_TEST_ROWS,
    "mean": Q1_MEAN,
    "unscaled": Q1_UNSCALED,
    "drop_first": Q1_DROP,
}


def _model_proba(model: Any, rows: Any, name: str = "model") -> np.ndarray:
    """``model.predict_proba(rows)``, whether the model crossed as data or stayed a stand-in."""
    from sklearn.base import BaseEstimator

    kind = type(model).__name__
    if kind == "LearnerFunction" or not (
        isinstance(model, BaseEstimator) or hasattr(type(model), "type_name")
    ):
        raise CheckFailed(
            f"`{name}` should be a fitted scikit-learn Pipeline, but it is a "
            f"{getattr(model, 'type_name', kind)}."
        )
    try:
        method = model.predict_proba
    except AttributeError:
        raise CheckFailed(
            f"`{name}` has no `predict_proba`: end the pipeline with `LogisticRegression`."
        ) from None
    try:
        found = method(rows)
    except CheckFailed as failure:
        _explain_failure(str(failure))
        raise
    except Exception as exc:  # the model crossed as data: its error is the learner's
        _explain_failure(f"{type(exc).__name__}: {exc}")
        raise CheckFailed(
            f"`{name}.predict_proba` raised {type(exc).__name__}: {str(exc)[:160]}"
        ) from None
    return np.asarray(found, dtype=float)


def _explain_failure(text: str) -> None:
    lowered = text.lower()
    if "unknown categor" in lowered:
        raise KnownMistake(Q1_UNKNOWN)
    if "nan" in lowered and ("contains" in lowered or "missing" in lowered):
        raise KnownMistake(Q1_NAN)
    if "not fitted" in lowered:
        raise CheckFailed("`model` has not been fitted: call `model.fit(X_train, y_train)`.")


def _expect_like_reference(found: np.ndarray, seed: int, rows: Any, what: str) -> None:
    expected = _fitted(seed, "train").predict_proba(rows)
    if found.shape != expected.shape:
        raise CheckFailed(
            f"`model.predict_proba({what})` has shape {found.shape}; {expected.shape} was "
            "expected (one row per customer, one column per class)."
        )
    if np.allclose(found, expected, atol=PROBA_ATOL):
        return
    for kind, message in Q1_WRONG_KIND.items():
        if np.allclose(found, _fitted(seed, kind).predict_proba(rows), atol=PROBA_ATOL):
            raise KnownMistake(message)
    gap = float(np.max(np.abs(found - expected)))
    raise CheckFailed(
        f"`model.predict_proba({what})` differs from the pipeline the prompt describes by up "
        f"to {gap:.3g}: check each step (median imputer and scaler on {NUMERIC_TEXT}; most "
        "frequent imputer and one-hot encoder on plan and region; LogisticRegression(max_iter="
        "1000)) and that it was fitted on the training rows."
    )


NUMERIC_TEXT = "age, monthly_fee, tenure_months"


def _q1_held_out(answers: Answers, params: Params) -> None:
    data = _data(params)
    found = _model_proba(answers["model"], data["X_test"])
    _expect_like_reference(found, _seed(params), data["X_test"], "X_test")


def _odd_rows() -> Any:
    import pandas as pd

    return pd.DataFrame(
        {
            "age": [np.nan, 90.0, 18.0, np.nan],
            "monthly_fee": [np.nan, 80.0, 0.0, 30.0],
            "tenure_months": [np.nan, 0.0, 120.0, np.nan],
            "plan": [None, "enterprise", "basic", "pro"],
            "region": ["moon", None, "north", "islands"],
        }
    )


def _q1_odd_rows(answers: Answers, params: Params) -> None:
    rows = _odd_rows()
    found = _model_proba(answers["model"], rows)
    _expect_like_reference(found, _seed(params), rows, "rows with gaps and new categories")


Q1_SOLUTION = """\
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

numeric_steps = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
categorical_steps = make_pipeline(
    SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")
)
preprocess = ColumnTransformer(
    [("num", numeric_steps, NUMERIC), ("cat", categorical_steps, CATEGORICAL)]
)
model = Pipeline([("preprocess", preprocess), ("classifier", LogisticRegression(max_iter=1000))])
model.fit(X_train, y_train)"""


def _q1_variant(old: str, new: str) -> str:
    if old not in Q1_SOLUTION:
        raise ValueError(f"{old!r} is not in the q1 solution")
    return Q1_SOLUTION.replace(old, new)


Q1 = Question(
    id="q1",
    title="One pipeline from raw rows",
    points=2,
    prompt="""\
## q1 — A pipeline that takes raw rows (2 points)

`X_train` is a DataFrame as it comes from the database: three numeric columns (`NUMERIC`) with
gaps, two text columns (`CATEGORICAL`) with gaps, and `X_test` even has a region the training
rows never saw. Build `model`, a scikit-learn `Pipeline` that goes from such rows to churn
probabilities, and fit it on `X_train, y_train`:

- a `ColumnTransformer` that sends `NUMERIC` through `SimpleImputer(strategy="median")` then
  `StandardScaler()`, and `CATEGORICAL` through `SimpleImputer(strategy="most_frequent")` then
  `OneHotEncoder(handle_unknown="ignore")`;
- then `LogisticRegression(max_iter=1000)`.

The check calls `model.predict_proba` on raw held-out rows.""",
    reads=("model",),
    template="""\
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# numeric_steps = make_pipeline(...)
# categorical_steps = make_pipeline(...)
# preprocess = ColumnTransformer([...])
model = ____""",
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(
            Q1_UNKNOWN,
            _q1_variant('OneHotEncoder(handle_unknown="ignore")', "OneHotEncoder()"),
        ),
        Mistake(
            Q1_ALL_ROWS,
            _q1_variant(
                "model.fit(X_train, y_train)",
                "model.fit(pd.concat([X_train, X_test]), np.concatenate([y_train, y_test]))",
            ),
        ),
        Mistake(Q1_MEAN, _q1_variant('strategy="median"', 'strategy="mean"')),
        Mistake(
            Q1_UNSCALED,
            _q1_variant(
                'make_pipeline(SimpleImputer(strategy="median"), StandardScaler())',
                'make_pipeline(SimpleImputer(strategy="median"))',
            ),
        ),
        Mistake(
            Q1_TEST_ROWS,
            _q1_variant("model.fit(X_train, y_train)", "model.fit(X_test, y_test)"),
        ),
    ),
    hints=(
        "A `ColumnTransformer` takes a list of `(name, transformer, columns)`; each transformer "
        "can itself be a small `make_pipeline(imputer, scaler_or_encoder)`.",
        "`ColumnTransformer([('num', make_pipeline(SimpleImputer(strategy='median'), "
        "StandardScaler()), NUMERIC), ('cat', make_pipeline(SimpleImputer(strategy="
        "'most_frequent'), OneHotEncoder(handle_unknown='ignore')), CATEGORICAL)])`, then "
        "`Pipeline([('preprocess', that), ('classifier', LogisticRegression(max_iter=1000))])"
        ".fit(X_train, y_train)`.",
    ),
    checks=(
        Check(
            "predicts raw held-out rows (gaps, a new region) like the described pipeline",
            _q1_held_out,
        ),
        Check(
            "works on rows with every value missing and categories never seen", _q1_odd_rows, True
        ),
    ),
)


# q2: validating a request ---------------------------------------------------------------------

FIELDS = ("age", "monthly_fee", "tenure_months", "plan", "region")

VALID = {"age": 42, "monthly_fee": 35.5, "tenure_months": 12.0, "plan": "plus", "region": "east"}


def _with(**changes: Any) -> dict[str, Any]:
    payload = dict(VALID)
    for key, value in changes.items():
        if value is _DROP:
            payload.pop(key)
        else:
            payload[key] = value
    return payload


_DROP = object()

Q2_MISSING = (
    "A request with a missing field passed your validator: every one of the five fields must "
    "be present (`tenure_months` may be None, but the key must be there)."
)
Q2_MISTYPED = (
    "A request with a mistyped field passed your validator (a number sent as text, such as "
    "`'42'`, or a plan that is a number): check the type with `isinstance`, do not convert."
)
Q2_BOOL = (
    "`True` passed as a number: `bool` is a subclass of `int` in Python, so "
    "`isinstance(True, int)` is True. Reject booleans explicitly."
)
Q2_RANGE = (
    "A value out of range passed your validator: `age` must be between 18 and 100, "
    "`monthly_fee` and `tenure_months` at least 0."
)
Q2_NULL = (
    "Your validator rejects `tenure_months: None`: a missing tenure is allowed (the "
    "pipeline's imputer fills it in)."
)
Q2_EXTRA = (
    "A request with an unexpected field passed your validator: any key other than the five "
    "fields is an error (a typo such as `'tenure'` would otherwise be silently ignored)."
)
Q2_FIRST_ONLY = (
    "Your validator stops at the first problem: return one message for every bad field, so a "
    "client can fix its request in one go."
)
Q2_NOT_LIST = (
    "`validate_request` must return a list of strings (an empty list for a valid request)."
)

# (payload, the fields that are wrong, the mistake to name if the validator says nothing)
Q2_CASES: tuple[tuple[dict[str, Any], tuple[str, ...], str | None], ...] = (
    (VALID, (), None),
    (_with(age=18, monthly_fee=0, tenure_months=None), (), Q2_NULL),
    (_with(age=100.0, region="islands", plan="enterprise"), (), None),
    (_with(plan=_DROP), ("plan",), Q2_MISSING),
    (_with(age=_DROP), ("age",), Q2_MISSING),
    (_with(tenure_months=_DROP), ("tenure_months",), Q2_MISSING),
    (_with(age="42"), ("age",), Q2_MISTYPED),
    (_with(monthly_fee="19.90"), ("monthly_fee",), Q2_MISTYPED),
    (_with(plan=3), ("plan",), Q2_MISTYPED),
    (_with(age=True), ("age",), Q2_BOOL),
    (_with(age=17), ("age",), Q2_RANGE),
    (_with(monthly_fee=-5.0), ("monthly_fee",), Q2_RANGE),
    (_with(discount=10), ("discount",), Q2_EXTRA),
    (_with(age="old", region=_DROP), ("age", "region"), Q2_FIRST_ONLY),
)

Q2_OTHER_CASES: tuple[tuple[dict[str, Any], tuple[str, ...], str | None], ...] = (
    (_with(age=99.5, monthly_fee=120, tenure_months=0, plan="basic", region="west"), (), None),
    (_with(age=None), ("age",), Q2_MISSING),
    (_with(region=None), ("region",), Q2_MISTYPED),
    (_with(tenure_months="12"), ("tenure_months",), Q2_MISTYPED),
    (_with(monthly_fee=False), ("monthly_fee",), Q2_BOOL),
    (_with(age=101), ("age",), Q2_RANGE),
    (_with(tenure_months=-1), ("tenure_months",), Q2_RANGE),
    (_with(plan=""), ("plan",), None),
    (_with(Age=40), ("Age",), Q2_EXTRA),
    ({}, FIELDS, Q2_FIRST_ONLY),
    ({"age": "x", "monthly_fee": "y", "plan": 1, "region": 2}, FIELDS, Q2_FIRST_ONLY),
)


def _mentions(message: str, field: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(field)}(?![A-Za-z0-9_])", message) is not None


def _q2_run(answers: Answers, cases: Any) -> None:
    validate = answers["validate_request"]
    expect_callable(validate, "validate_request")
    for payload, bad, mistake in cases:
        found = call_learner_function(validate, "validate_request", dict(payload))
        if not isinstance(found, list) or not all(isinstance(m, str) for m in found):
            raise KnownMistake(
                f"{Q2_NOT_LIST} For {payload!r} it returned {type(found).__name__} "
                f"{str(found)[:60]}."
            )
        shown = f"`validate_request({payload!r})`"
        if not bad:
            if found:
                if mistake:
                    raise KnownMistake(mistake)
                raise CheckFailed(f"{shown} should return [] (a valid request), not {found!r}.")
            continue
        if not found:
            raise KnownMistake(mistake) if mistake else CheckFailed(f"{shown} returned [].")
        if len(bad) > 1 and len(found) == 1:
            raise KnownMistake(Q2_FIRST_ONLY)
        named = {field for field in bad if any(_mentions(m, field) for m in found)}
        if named != set(bad):
            missing = ", ".join(f"`{f}`" for f in bad if f not in named)
            raise CheckFailed(
                f"{shown} returned {found!r}: no message names {missing}. Put the field's name "
                "in each message, one message per bad field."
            )
        if len(found) != len(bad):
            raise CheckFailed(
                f"{shown} returned {len(found)} messages for {len(bad)} bad field(s): "
                "one message per bad field."
            )
    expect_inputs_unchanged(validate, "validate_request", ("payload",))


def _q2_public(answers: Answers, params: Params) -> None:
    _q2_run(answers, Q2_CASES)


def _q2_hidden(answers: Answers, params: Params) -> None:
    _q2_run(answers, Q2_OTHER_CASES)


Q2_SOLUTION = '''\
NUMBER_RANGES = {"age": (18, 100), "monthly_fee": (0, None), "tenure_months": (0, None)}
TEXT_FIELDS = ("plan", "region")


def validate_request(payload):
    """Return one message per problem in the request; [] when it is valid."""
    errors = []
    for name in payload:
        if name not in NUMBER_RANGES and name not in TEXT_FIELDS:
            errors.append(f"{name}: unexpected field")
    for name, (low, high) in NUMBER_RANGES.items():
        if name not in payload:
            errors.append(f"{name}: field required")
            continue
        value = payload[name]
        if value is None and name == "tenure_months":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            errors.append(f"{name}: must be a number, got {type(value).__name__}")
        elif value < low or (high is not None and value > high):
            errors.append(f"{name}: {value} is outside [{low}, {high}]")
    for name in TEXT_FIELDS:
        if name not in payload:
            errors.append(f"{name}: field required")
        elif not isinstance(payload[name], str) or not payload[name]:
            errors.append(f"{name}: must be a non-empty string")
    return errors'''


def _q2_variant(old: str, new: str) -> str:
    if old not in Q2_SOLUTION:
        raise ValueError(f"{old!r} is not in the q2 solution")
    return Q2_SOLUTION.replace(old, new)


Q2 = Question(
    id="q2",
    title="Validate a request",
    points=2,
    prompt="""\
## q2 — Reject bad requests before the model sees them (2 points)

A prediction service receives JSON objects such as
`{"age": 42, "monthly_fee": 35.5, "tenure_months": 12.0, "plan": "plus", "region": "east"}`.
Write `validate_request(payload: dict) -> list[str]` in plain Python that returns **one message
per bad field**, each message containing the field's name, and `[]` for a valid request:

| field | rule |
|---|---|
| `age` | required; a number (`int` or `float`, never `bool`) from 18 to 100 |
| `monthly_fee` | required; a number, at least 0 |
| `tenure_months` | required key; a number, at least 0, **or `None`** (the imputer fills it) |
| `plan`, `region` | required; a non-empty string (any value: the encoder ignores new ones) |
| any other key | an error ("unexpected field") |

Check types, do not convert them: `"42"` is not an age. Do not modify `payload`.""",
    reads=("validate_request",),
    template='''\
def validate_request(payload):
    """Return one message per problem in the request; [] when it is valid."""
    errors = []
    ____
    return errors''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(
            Q2_MISSING,
            _q2_variant(
                '        if name not in payload:\n            errors.append(f"{name}: field '
                'required")\n            continue\n        value = payload[name]\n'
                '        if value is None and name == "tenure_months":',
                "        value = payload.get(name)\n        if value is None:",
            ),
        ),
        Mistake(
            Q2_MISTYPED,
            _q2_variant(
                "        if isinstance(value, bool) or not isinstance(value, (int, float)):\n"
                '            errors.append(f"{name}: must be a number, got '
                '{type(value).__name__}")\n'
                "        elif value < low",
                "        try:\n            value = float(value)\n        except (TypeError, "
                "ValueError):\n"
                '            errors.append(f"{name}: must be a number")\n'
                "            continue\n"
                "        if value < low",
            ),
        ),
        Mistake(
            Q2_BOOL,
            _q2_variant(
                "if isinstance(value, bool) or not isinstance(value, (int, float)):",
                "if not isinstance(value, (int, float)):",
            ),
        ),
        Mistake(
            Q2_RANGE,
            _q2_variant(
                "        elif value < low or (high is not None and value > high):\n"
                '            errors.append(f"{name}: {value} is outside [{low}, {high}]")\n',
                "",
            ),
        ),
        Mistake(
            Q2_NULL,
            _q2_variant(
                '        if value is None and name == "tenure_months":\n            continue\n', ""
            ),
        ),
        Mistake(
            Q2_EXTRA,
            _q2_variant(
                "    for name in payload:\n"
                "        if name not in NUMBER_RANGES and name not in TEXT_FIELDS:\n"
                '            errors.append(f"{name}: unexpected field")\n',
                "",
            ),
        ),
        Mistake(Q2_FIRST_ONLY, _q2_variant("    return errors", "    return errors[:1]")),
    ),
    hints=(
        "Three passes: keys that should not be there, the three numbers (present? a number and "
        "not a bool? in range?), the two strings (present? a non-empty `str`?).",
        "For a number: `if isinstance(value, bool) or not isinstance(value, (int, float))` is a "
        "type error; `elif value < low or value > high` is a range error; skip the checks when "
        "`name == 'tenure_months'` and `value is None`.",
    ),
    checks=(
        Check("accepts valid requests and names every bad field", _q2_public),
        Check(
            "other requests: boundaries, None, empty strings, several bad fields at once",
            _q2_hidden,
            hidden=True,
        ),
    ),
)


# q3: the population stability index from scratch ----------------------------------------------

PSI_EPS = 1e-4


def _bin_shares(values: np.ndarray, inner_edges: np.ndarray, bins: int) -> np.ndarray:
    return np.bincount(np.searchsorted(inner_edges, values, side="right"), minlength=bins) / len(
        values
    )


def _reference_psi(expected: Any, actual: Any, bins: int = 10) -> float:
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    inner = np.quantile(expected, np.linspace(0, 1, bins + 1))[1:-1]
    p = np.clip(_bin_shares(expected, inner, bins), PSI_EPS, None)
    q = np.clip(_bin_shares(actual, inner, bins), PSI_EPS, None)
    return float(np.sum((q - p) * np.log(q / p)))


def _psi_parts(expected: np.ndarray, actual: np.ndarray, bins: int) -> dict[str, float]:
    """What the usual slips compute, to recognise them."""
    with np.errstate(all="ignore"):
        inner = np.quantile(expected, np.linspace(0, 1, bins + 1))[1:-1]
        p_raw, q_raw = _bin_shares(expected, inner, bins), _bin_shares(actual, inner, bins)
        p, q = np.clip(p_raw, PSI_EPS, None), np.clip(q_raw, PSI_EPS, None)
        inner_new = np.quantile(actual, np.linspace(0, 1, bins + 1))[1:-1]
        pn = np.clip(_bin_shares(expected, inner_new, bins), PSI_EPS, None)
        qn = np.clip(_bin_shares(actual, inner_new, bins), PSI_EPS, None)
        closed = np.quantile(expected, np.linspace(0, 1, bins + 1))
        qc = np.clip(np.histogram(actual, bins=closed)[0] / len(actual), PSI_EPS, None)
        pc = np.clip(np.histogram(expected, bins=closed)[0] / len(expected), PSI_EPS, None)
        width = np.linspace(expected.min(), expected.max(), bins + 1)[1:-1]
        pw = np.clip(_bin_shares(expected, width, bins), PSI_EPS, None)
        qw = np.clip(_bin_shares(actual, width, bins), PSI_EPS, None)
        counts_p = np.clip(p_raw * len(expected), PSI_EPS, None)
        counts_q = np.clip(q_raw * len(actual), PSI_EPS, None)
        return {
            "inverted": float(np.sum((q - p) * np.log(p / q))),
            "no_log": float(np.sum((q - p) * (q / p))),
            "bins_on_new": float(np.sum((qn - pn) * np.log(qn / pn))),
            "closed": float(np.sum((qc - pc) * np.log(qc / pc))),
            "equal_width": float(np.sum((qw - pw) * np.log(qw / pw))),
            "counts": float(np.sum((counts_q - counts_p) * np.log(counts_q / counts_p))),
            "kl": float(np.sum(q * np.log(q / p))),
            "kl_reverse": float(np.sum(p * np.log(p / q))),
        }


Q3_NO_EPS = (
    "`psi` is infinite or NaN when a bin of `actual` is empty: log(0) is -inf. Clip both "
    "shares at 1e-4 (`np.clip(share, 1e-4, None)`) before the logarithm."
)
Q3_INVERTED = (
    "The ratio inside the logarithm is upside down: PSI is "
    "`sum((q - p) * log(q / p))` with q the new shares and p the reference shares; each term "
    "is then ≥ 0."
)
Q3_NO_LOG = "The logarithm is missing: each term is `(q - p) * np.log(q / p)`."
Q3_BINS_ON_NEW = (
    "The bin edges come from `actual`: the bins must be fixed on the reference data "
    "(`expected`), so that every week is compared with the same yardstick."
)
Q3_CLOSED = (
    "New values below the reference's minimum or above its maximum fell out of your bins: "
    "the first and last bins must be open-ended (use only the inner quantile edges, or put "
    "-inf and +inf at the ends)."
)
Q3_EQUAL_WIDTH = (
    "Your bins have equal widths: the prompt asks for quantile bins of the reference "
    "(`np.quantile(expected, np.linspace(0, 1, bins + 1))`), each holding a tenth of it."
)
Q3_COUNTS = (
    "Turn the counts into shares: divide each bin's count by the number of values, so the "
    "shares of each sample add up to 1."
)
Q3_KL = (
    "That is a Kullback-Leibler divergence (`sum(q * log(q / p))` or `sum(p * log(p / q))`), "
    "one half of PSI and lopsided: PSI weights each log ratio by the *difference* of the "
    "shares, `sum((q - p) * log(q / p))`, which is the two KL divergences added and is the "
    "same whichever sample you call the reference."
)
Q3_KNOWN = {
    "inverted": Q3_INVERTED,
    "no_log": Q3_NO_LOG,
    "bins_on_new": Q3_BINS_ON_NEW,
    "closed": Q3_CLOSED,
    "equal_width": Q3_EQUAL_WIDTH,
    "counts": Q3_COUNTS,
    "kl": Q3_KL,
    "kl_reverse": Q3_KL,
}


def _q3_compare(psi: Any, expected: np.ndarray, actual: np.ndarray, bins: int, what: str) -> None:
    found = call_learner_function(psi, "psi", expected.copy(), actual.copy(), bins)
    if isinstance(found, (float, int, np.floating, np.integer)) and not np.isfinite(found):
        raise KnownMistake(Q3_NO_EPS)
    value = expect_number(found, f"psi({what})")
    target = _reference_psi(expected, actual, bins)
    if abs(value - target) <= 1e-6 + 1e-6 * abs(target):
        return
    for kind, other in _psi_parts(expected, actual, bins).items():
        if np.isfinite(other) and abs(value - other) <= 1e-6 + 1e-6 * abs(other):
            raise KnownMistake(Q3_KNOWN[kind])
    raise CheckFailed(f"`psi({what})` is {value:.6g}, but {target:.6g} was expected.")


def _q3_public(answers: Answers, params: Params) -> None:
    psi = answers["psi"]
    expect_callable(psi, "psi")
    rng = np.random.default_rng(300)
    reference = rng.normal(0.0, 1.0, size=1000)
    same = rng.normal(0.0, 1.0, size=1000)
    call_learner_function(psi, "psi", reference.copy(), same.copy(), 10)
    expect_only_numpy(psi, "psi", ("sklearn", "scipy"))
    _q3_compare(psi, reference, same, 10, "reference, a sample of the same distribution")
    shifted = rng.normal(0.6, 1.3, size=800)
    _q3_compare(psi, reference, shifted, 10, "reference, a shifted sample")
    above = rng.normal(3.0, 0.2, size=500)  # almost every value above the reference: empty bins
    _q3_compare(psi, reference, above, 10, "reference, a sample far above it")
    expect_inputs_unchanged(psi, "psi", ("expected", "actual", "bins"))


def _q3_hidden(answers: Answers, params: Params) -> None:
    psi = answers["psi"]
    rng = np.random.default_rng(301 + _seed(params))
    reference = rng.gamma(2.0, 3.0, size=2000)
    newer = rng.gamma(2.5, 3.0, size=1500)
    _q3_compare(psi, reference, newer, 5, "a skewed reference, 5 bins")
    _q3_compare(psi, reference, newer, 4, "a skewed reference, 4 bins")
    wider = rng.normal(6.0, 8.0, size=700)
    _q3_compare(psi, reference, wider, 10, "new values spreading beyond the reference")
    found = call_learner_function(psi, "psi", reference[:1000].tolist(), newer[:1000].tolist(), 10)
    expect_close(found, _reference_psi(reference[:1000], newer[:1000]), "psi on lists", rtol=1e-6)


Q3_SOLUTION = '''\
def psi(expected, actual, bins=10):
    """Population stability index of `actual` against the reference `expected`."""
    expected = np.asarray(expected, dtype=float)
    actual = np.asarray(actual, dtype=float)
    inner = np.quantile(expected, np.linspace(0, 1, bins + 1))[1:-1]
    p = np.bincount(np.searchsorted(inner, expected, side="right"), minlength=bins)
    q = np.bincount(np.searchsorted(inner, actual, side="right"), minlength=bins)
    p = np.clip(p / len(expected), 1e-4, None)
    q = np.clip(q / len(actual), 1e-4, None)
    return float(np.sum((q - p) * np.log(q / p)))'''


def _q3_variant(old: str, new: str) -> str:
    if old not in Q3_SOLUTION:
        raise ValueError(f"{old!r} is not in the q3 solution")
    return Q3_SOLUTION.replace(old, new)


Q3 = Question(
    id="q3",
    title="The population stability index",
    points=2,
    prompt="""\
## q3 — PSI from scratch (2 points)

The population stability index compares the distribution of a feature in new data (`actual`)
with the data the model was trained on (`expected`). Write `psi(expected, actual, bins=10)`
with NumPy only:

1. Bin edges from the **reference**: the quantiles
   `np.quantile(expected, np.linspace(0, 1, bins + 1))`. Keep only the inner edges and let the
   first and last bins run to $-\\infty$ and $+\\infty$, so every new value lands in a bin
   (`np.searchsorted(inner, values, side="right")` gives each value's bin, 0 to `bins - 1`).
2. The share of each sample in each bin: $p_i$ for `expected`, $q_i$ for `actual`, each
   clipped below at $10^{-4}$ so an empty bin does not give $\\log 0$.
3. $\\mathrm{PSI} = \\sum_i (q_i - p_i)\\,\\ln\\frac{q_i}{p_i}$, returned as a float.

Accept lists as well as arrays, and do not modify the inputs.""",
    reads=("psi",),
    template='''\
def psi(expected, actual, bins=10):
    """Population stability index of `actual` against the reference `expected`."""
    return ____''',
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(
            Q3_NO_EPS,
            _q3_variant(
                "    p = np.clip(p / len(expected), 1e-4, None)\n"
                "    q = np.clip(q / len(actual), 1e-4, None)\n",
                "    p = p / len(expected)\n    q = q / len(actual)\n",
            ),
        ),
        Mistake(Q3_INVERTED, _q3_variant("np.log(q / p)", "np.log(p / q)")),
        Mistake(Q3_NO_LOG, _q3_variant("np.log(q / p)", "(q / p)")),
        Mistake(Q3_KL, _q3_variant("(q - p) * np.log(q / p)", "q * np.log(q / p)")),
        Mistake(Q3_KL, _q3_variant("(q - p) * np.log(q / p)", "p * np.log(p / q)")),
        Mistake(
            Q3_COUNTS,
            _q3_variant(
                "    p = np.clip(p / len(expected), 1e-4, None)\n"
                "    q = np.clip(q / len(actual), 1e-4, None)\n",
                "    p = np.clip(p, 1e-4, None)\n    q = np.clip(q, 1e-4, None)\n",
            ),
        ),
        Mistake(
            Q3_BINS_ON_NEW,
            _q3_variant("np.quantile(expected, np.linspace", "np.quantile(actual, np.linspace"),
        ),
        Mistake(
            Q3_CLOSED,
            "def psi(expected, actual, bins=10):\n"
            "    expected = np.asarray(expected, dtype=float)\n"
            "    actual = np.asarray(actual, dtype=float)\n"
            "    edges = np.quantile(expected, np.linspace(0, 1, bins + 1))\n"
            "    p = np.histogram(expected, bins=edges)[0] / len(expected)\n"
            "    q = np.histogram(actual, bins=edges)[0] / len(actual)\n"
            "    p, q = np.clip(p, 1e-4, None), np.clip(q, 1e-4, None)\n"
            "    return float(np.sum((q - p) * np.log(q / p)))",
        ),
        Mistake(
            Q3_EQUAL_WIDTH,
            _q3_variant(
                "np.quantile(expected, np.linspace(0, 1, bins + 1))[1:-1]",
                "np.linspace(expected.min(), expected.max(), bins + 1)[1:-1]",
            ),
        ),
    ),
    hints=(
        "`inner = np.quantile(expected, np.linspace(0, 1, bins + 1))[1:-1]`; "
        "`np.bincount(np.searchsorted(inner, x, side='right'), minlength=bins)` counts per bin.",
        "Divide the counts by `len(...)`, clip with `np.clip(share, 1e-4, None)`, and return "
        "`float(np.sum((q - p) * np.log(q / p)))`.",
    ),
    checks=(
        Check("matches the PSI formula, empty bins included", _q3_public),
        Check(
            "other bin counts, skewed data, values beyond the reference, lists", _q3_hidden, True
        ),
    ),
)


# q4: a drift decision per week ----------------------------------------------------------------


@lru_cache(maxsize=4)
def _q4_expected(seed: int) -> dict[str, Any]:
    from scipy.stats import ks_2samp

    data = _context(seed)
    reference, weeks = data["fee_reference"], data["weekly_fees"]
    psi = np.array([_reference_psi(reference, w) for w in weeks])
    swapped = np.array([_reference_psi(w, reference) for w in weeks])
    tests = [ks_2samp(reference, w) for w in weeks]
    p = np.array([t.pvalue for t in tests])
    numbers = np.arange(1, len(weeks) + 1)
    return {
        "psi": psi,
        "swapped": swapped,
        "p": p,
        "statistic": np.array([t.statistic for t in tests]),
        "alarm": [int(w) for w in numbers[psi > ALARM_PSI]],
        "alarm_low": [int(w) for w in numbers[psi > SMALL_PSI]],
        "small": [int(w) for w in numbers[(p < KS_ALPHA) & (psi < SMALL_PSI)]],
        "small_inverted": [int(w) for w in numbers[(p > KS_ALPHA) & (psi < SMALL_PSI)]],
        "ks_only": [int(w) for w in numbers[p < KS_ALPHA]],
    }


Q4_SWAPPED = (
    "`weekly_psi` was computed with the week as the reference: call "
    "`psi(fee_reference, fees)`, the training fees first, so the bins come from training."
)
Q4_STATISTIC = (
    "`weekly_p` holds the KS statistic: the p-value is `ks_2samp(fee_reference, fees).pvalue`."
)
Q4_ZERO_BASED = "Number the weeks from 1, as in the prompt: the first week is week 1, not 0."
Q4_LOW_THRESHOLD = (
    f"`alarm_weeks` used PSI > {SMALL_PSI}: the alarm is for a large shift, PSI > {ALARM_PSI}."
)
Q4_ALARM_BY_P = (
    f"`alarm_weeks` follows the KS p-value: with 2000 requests a week even a tiny change is "
    f"significant. Raise the alarm on the size of the shift, PSI > {ALARM_PSI}."
)
Q4_INVERTED = (
    f"A small p-value is the evidence of a change: keep the weeks with p < {KS_ALPHA} "
    f"(and PSI < {SMALL_PSI}), not p > {KS_ALPHA}."
)
Q4_KS_ONLY = (
    "`small_significant_weeks` lists every week the KS test flags: keep only those whose PSI "
    f"is also below {SMALL_PSI}, where the shift is significant but small."
)


def _week_list(value: Any, name: str) -> list[int]:
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, (list, tuple)):
        raise CheckFailed(f"`{name}` should be a list of week numbers, but it is {value!r:.60}.")
    weeks = []
    for item in value:
        if isinstance(item, (bool, np.bool_)) or not isinstance(item, (int, np.integer)):
            raise CheckFailed(
                f"`{name}` should hold week numbers (ints 1 to 8), but it holds {item!r:.40}."
            )
        weeks.append(int(item))
    return sorted(weeks)


def _q4_numbers(answers: Answers, params: Params) -> None:
    expected = _q4_expected(_seed(params))
    found_psi = (
        np.asarray(answers["weekly_psi"], dtype=float)
        if isinstance(answers["weekly_psi"], (list, tuple, np.ndarray))
        else answers["weekly_psi"]
    )
    if isinstance(found_psi, np.ndarray) and found_psi.shape == expected["psi"].shape:
        if not np.allclose(found_psi, expected["psi"], rtol=1e-5, atol=1e-6) and np.allclose(
            found_psi, expected["swapped"], rtol=1e-5, atol=1e-6
        ):
            raise KnownMistake(Q4_SWAPPED)
    expect_array(answers["weekly_psi"], expected["psi"], "weekly_psi", rtol=1e-5, atol=1e-6)
    found_p = answers["weekly_p"]
    if isinstance(found_p, (list, tuple, np.ndarray)) and len(found_p) == len(expected["p"]):
        as_array = np.asarray(found_p, dtype=float)
        if np.allclose(as_array, expected["statistic"], rtol=1e-6) and not np.allclose(
            as_array, expected["p"], rtol=1e-6
        ):
            raise KnownMistake(Q4_STATISTIC)
    expect_array(found_p, expected["p"], "weekly_p", rtol=1e-5, atol=1e-12)
    alarm = _week_list(answers["alarm_weeks"], "alarm_weeks")
    if alarm != expected["alarm"]:
        if alarm == [w - 1 for w in expected["alarm"]]:
            raise KnownMistake(Q4_ZERO_BASED)
        if alarm == expected["alarm_low"]:
            raise KnownMistake(Q4_LOW_THRESHOLD)
        if alarm == expected["ks_only"]:
            raise KnownMistake(Q4_ALARM_BY_P)
        raise CheckFailed(
            f"`alarm_weeks` is {alarm}, but the weeks with PSI > {ALARM_PSI} are "
            f"{expected['alarm']}."
        )


def _q4_decisions(answers: Answers, params: Params) -> None:
    expected = _q4_expected(_seed(params))
    small = _week_list(answers["small_significant_weeks"], "small_significant_weeks")
    if small == expected["small"]:
        return
    if small == [w - 1 for w in expected["small"]] and expected["small"]:
        raise KnownMistake(Q4_ZERO_BASED)
    if small == expected["small_inverted"]:
        raise KnownMistake(Q4_INVERTED)
    if small == expected["ks_only"]:
        raise KnownMistake(Q4_KS_ONLY)
    raise CheckFailed(
        "`small_significant_weeks` is not the list of weeks whose KS p-value is below "
        f"{KS_ALPHA} while their PSI stays below {SMALL_PSI}."
    )


Q4_SOLUTION = """\
from scipy.stats import ks_2samp

weekly_psi = np.array([psi(fee_reference, fees) for fees in weekly_fees])
weekly_p = np.array([ks_2samp(fee_reference, fees).pvalue for fees in weekly_fees])
week_numbers = np.arange(1, len(weekly_fees) + 1)
alarm_weeks = [int(w) for w in week_numbers[weekly_psi > 0.2]]
small_significant_weeks = [
    int(w) for w in week_numbers[(weekly_p < 0.01) & (weekly_psi < 0.1)]
]"""


def _q4_variant(old: str, new: str) -> str:
    if old not in Q4_SOLUTION:
        raise ValueError(f"{old!r} is not in the q4 solution")
    return Q3_SOLUTION + "\n\n\n" + Q4_SOLUTION.replace(old, new)


Q4 = Question(
    id="q4",
    title="Drift, week by week",
    points=2,
    prompt=f"""\
## q4 — Is the fee drifting? (2 points)

`weekly_fees` holds 8 arrays, the monthly fees of each week's requests after launch;
`fee_reference` the fees the model was trained on. For each week, in order:

- `weekly_psi`: an array of 8 values, `psi(fee_reference, fees)` with your q3 function
  (10 bins);
- `weekly_p`: an array of 8 p-values of the two-sample Kolmogorov–Smirnov test,
  `scipy.stats.ks_2samp(fee_reference, fees).pvalue`.

Then two decisions, as lists of week numbers (the first week is **1**), in increasing order:

- `alarm_weeks`: the weeks with PSI > {ALARM_PSI}, where the population has shifted a lot;
- `small_significant_weeks`: the weeks where the KS test is significant (p < {KS_ALPHA}) but
  PSI < {SMALL_PSI}: a change too small to act on, which a large sample still detects.""",
    reads=("weekly_psi", "weekly_p", "alarm_weeks", "small_significant_weeks"),
    template="""\
from scipy.stats import ks_2samp

weekly_psi = ____
weekly_p = ____
alarm_weeks = ____
small_significant_weeks = ____""",
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(Q4_SWAPPED, _q4_variant("psi(fee_reference, fees)", "psi(fees, fee_reference)")),
        Mistake(Q4_STATISTIC, _q4_variant(").pvalue for fees", ").statistic for fees")),
        Mistake(
            Q4_ZERO_BASED,
            _q4_variant("np.arange(1, len(weekly_fees) + 1)", "np.arange(len(weekly_fees))"),
        ),
        Mistake(
            Q4_ALARM_BY_P,
            _q4_variant("week_numbers[weekly_psi > 0.2]", "week_numbers[weekly_p < 0.01]"),
        ),
        Mistake(Q4_INVERTED, _q4_variant("weekly_p < 0.01", "weekly_p > 0.01")),
        Mistake(
            Q4_KS_ONLY,
            _q4_variant("(weekly_p < 0.01) & (weekly_psi < 0.1)", "weekly_p < 0.01"),
        ),
    ),
    hints=(
        "Two list comprehensions over `weekly_fees` give the numbers; a boolean mask on "
        "`np.arange(1, 9)` gives the week numbers.",
        "`weekly_p = np.array([ks_2samp(fee_reference, f).pvalue for f in weekly_fees])`; "
        "`small_significant_weeks = [int(w) for w in weeks[(weekly_p < 0.01) & "
        "(weekly_psi < 0.1)]]` with `weeks = np.arange(1, 9)`.",
    ),
    checks=(
        Check("the weekly PSI and p-values, and the alarm weeks", _q4_numbers),
        Check("the weeks that are significant but small", _q4_decisions, hidden=True),
    ),
)


# q5: saving the pipeline with skops -----------------------------------------------------------

Q5_PICKLE = (
    "`model_bytes` is a pickle: whoever loads it runs whatever code the file names. Save with "
    "`skops.io.dumps(model)`, a format that is inspected before anything is built."
)
Q5_NOT_BYTES = (
    "`model_bytes` should be the bytes of the saved model, `skops.io.dumps(model)` "
    "(`skops.io.dump` writes a file and returns nothing)."
)
Q5_UNAUDITED = (
    "`untrusted_types` is not what skops reports for your file: ask it with "
    "`skops.io.get_untrusted_types(data=model_bytes)` instead of writing the list yourself."
)
Q5_UNFITTED = (
    "The saved pipeline was never fitted: save `model` after `model.fit(X_train, y_train)`."
)
Q5_CLASSIFIER_ONLY = (
    "The file holds only the final classifier: save the whole pipeline (`model`), so that the "
    "service can be given raw rows."
)


def _audit(blob: Any) -> list[str]:
    import skops.io

    if isinstance(blob, str):
        raise KnownMistake(Q5_NOT_BYTES)
    if not isinstance(blob, bytes):
        raise CheckFailed(f"`model_bytes` should be bytes, but it is {type(blob).__name__}.")
    if blob[:1] == b"\x80":
        raise KnownMistake(Q5_PICKLE)
    try:
        return sorted(skops.io.get_untrusted_types(data=blob))
    except Exception:
        raise CheckFailed(
            "`model_bytes` is not a skops file: make it with `skops.io.dumps(model)`."
        ) from None


def _load_reviewed_blob(blob: bytes, untrusted: list[str]) -> Any:
    """Load a learner's skops file in the checker: only with types known to be harmless."""
    import skops.io

    unexpected = sorted(set(untrusted) - SAFE_TYPES)
    if unexpected:
        raise CheckFailed(
            f"your file needs types the grader does not load: {unexpected}. Save the pipeline "
            "of q1, made of scikit-learn classes only."
        )
    return skops.io.loads(blob, trusted=sorted(SAFE_TYPES & set(untrusted)))


def _q5_public(answers: Answers, params: Params) -> None:
    from sklearn.base import BaseEstimator
    from sklearn.exceptions import NotFittedError

    untrusted = _audit(answers["model_bytes"])
    found = answers["untrusted_types"]
    if not isinstance(found, (list, tuple)) or not all(isinstance(t, str) for t in found):
        raise CheckFailed(
            "`untrusted_types` should be the list of strings returned by "
            f"`skops.io.get_untrusted_types`, but it is {found!r:.60}."
        )
    if sorted(found) != untrusted:
        raise KnownMistake(Q5_UNAUDITED)
    loaded = _load_reviewed_blob(answers["model_bytes"], untrusted)
    if not isinstance(loaded, BaseEstimator):
        raise CheckFailed("`model_bytes` does not hold a scikit-learn model.")
    data = _data(params)
    try:
        found_proba = loaded.predict_proba(data["X_test"])
    except NotFittedError:
        raise KnownMistake(Q5_UNFITTED) from None
    except Exception:
        if not hasattr(loaded, "steps"):
            raise KnownMistake(Q5_CLASSIFIER_ONLY) from None
        raise CheckFailed(
            "the model in `model_bytes` cannot predict the raw rows of `X_test`: save the "
            "fitted pipeline of q1."
        ) from None
    _expect_like_reference(np.asarray(found_proba), _seed(params), data["X_test"], "X_test")


def _q5_hidden(answers: Answers, params: Params) -> None:
    untrusted = _audit(answers["model_bytes"])
    loaded = _load_reviewed_blob(answers["model_bytes"], untrusted)
    if not hasattr(loaded, "steps"):
        raise KnownMistake(Q5_CLASSIFIER_ONLY)
    rows = _odd_rows()
    _expect_like_reference(
        np.asarray(loaded.predict_proba(rows)), _seed(params), rows, "rows with gaps"
    )


Q5_SOLUTION = """\
import skops.io as sio

model_bytes = sio.dumps(model)
untrusted_types = sio.get_untrusted_types(data=model_bytes)
print(untrusted_types)"""


Q5 = Question(
    id="q5",
    title="Save the pipeline with skops",
    points=1,
    prompt="""\
## q5 — Persist the model safely (1 point)

Save your fitted pipeline `model` from q1 with skops: `model_bytes`, the bytes of the file
(`skops.io.dumps`). Then audit it: `untrusted_types`, the list of type names that skops will
not load unless you say you trust them (`skops.io.get_untrusted_types`). Print the list and
read it: these are what you must review before anyone loads the file.""",
    reads=("model_bytes", "untrusted_types"),
    template="""\
import skops.io as sio

model_bytes = ____
untrusted_types = ____
print(untrusted_types)""",
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            Q5_PICKLE,
            Q1_SOLUTION + "\nimport pickle\n\nimport skops.io as sio\n\n"
            "model_bytes = pickle.dumps(model)\nuntrusted_types = []",
        ),
        Mistake(
            Q5_UNAUDITED,
            Q1_SOLUTION + "\nimport skops.io as sio\n\n"
            "model_bytes = sio.dumps(model)\nuntrusted_types = []",
        ),
        Mistake(
            Q5_UNFITTED,
            Q1_SOLUTION.replace("model.fit(X_train, y_train)", "")
            + "\nimport skops.io as sio\n\nmodel_bytes = sio.dumps(model)\n"
            "untrusted_types = sio.get_untrusted_types(data=model_bytes)",
        ),
        Mistake(
            Q5_CLASSIFIER_ONLY,
            Q1_SOLUTION + "\nimport skops.io as sio\n\n"
            'model_bytes = sio.dumps(model.named_steps["classifier"])\n'
            "untrusted_types = sio.get_untrusted_types(data=model_bytes)",
        ),
    ),
    hints=(
        "`skops.io.dumps(obj)` returns bytes; `skops.io.get_untrusted_types(data=...)` reads "
        "them without building anything.",
        "`model_bytes = sio.dumps(model)` and "
        "`untrusted_types = sio.get_untrusted_types(data=model_bytes)`.",
    ),
    checks=(
        Check("a skops file of the fitted pipeline, and its audit", _q5_public),
        Check("the saved pipeline still takes raw rows with gaps", _q5_hidden, hidden=True),
    ),
)


# q6: loading only what you reviewed -----------------------------------------------------------


@lru_cache(maxsize=4)
def _q6_blobs(seed: int) -> dict[str, bytes]:
    import copy

    import skops.io
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    model = _fitted(seed, "train")
    # a file that names a function nobody reviewed (harmless here: copy.copy)
    odd = Pipeline([("copy", FunctionTransformer(copy.copy)), *model.steps])
    return {"reference": skops.io.dumps(model), "unreviewed": skops.io.dumps(odd)}


Q6_TRUST_ALL = (
    "`load_reviewed` loaded a file with a type nobody reviewed: passing "
    "`trusted=get_untrusted_types(...)` of the same file trusts whatever the file asks for. "
    "Pass `trusted=reviewed`, the list a person checked, and let skops refuse the rest."
)
Q6_HARDCODED = (
    "`load_reviewed` ignores its `reviewed` argument: it refused a file whose every type was "
    "in `reviewed`. Pass `trusted=reviewed`."
)
Q6_PICKLE = (
    "The bytes are a skops file, which `pickle.loads` cannot read; and a pickle must never be "
    "loaded from a file you did not make. Use `skops.io.loads(blob, trusted=reviewed)`."
)
Q6_LABELS = (
    "`load_reviewed` returned class labels: return the churn probabilities, "
    "`model.predict_proba(rows)[:, 1]`."
)
Q6_CLASS0 = (
    "`load_reviewed` returned the probability of *staying* (column 0): churn is column 1, "
    "`predict_proba(rows)[:, 1]`."
)


def _refused(call: Any) -> bool:
    """Whether a learner call raised (True) or returned (False); other failures propagate."""
    from curriculum.results import Status

    try:
        call()
    except CheckFailed as failure:
        if getattr(failure, "status", Status.FAILED) == Status.FAILED and "raised" in str(failure):
            return True
        raise
    return False


def _q6_probabilities(found: Any, expected: np.ndarray, what: str) -> None:
    array = np.asarray(found, dtype=float) if isinstance(found, (list, np.ndarray)) else None
    if array is not None and array.shape == expected.shape:
        if np.allclose(array, 1 - expected, atol=PROBA_ATOL):
            raise KnownMistake(Q6_CLASS0)
        if np.all(np.isin(array, [0.0, 1.0])) and not np.allclose(array, expected):
            raise KnownMistake(Q6_LABELS)
    if array is not None and array.ndim == 2 and array.shape == (len(expected), 2):
        raise CheckFailed(f"`{what}` has two columns: return only the churn column, `[:, 1]`.")
    expect_array(found, expected, what, atol=PROBA_ATOL, rtol=0)


def _q6_public(answers: Answers, params: Params) -> None:
    load = answers["load_reviewed"]
    expect_callable(load, "load_reviewed")
    blobs = _q6_blobs(_seed(params))
    rows = _data(params)["X_test"].head(25)
    expected = _fitted(_seed(params), "train").predict_proba(rows)[:, 1]
    try:
        found = call_learner_function(
            load, "load_reviewed", blobs["reference"], ["numpy.dtype"], rows.copy()
        )
    except CheckFailed as failure:
        if "Unpickling" in str(failure) or "pickle" in str(failure).lower():
            raise KnownMistake(Q6_PICKLE) from None
        raise
    _q6_probabilities(found, expected, "load_reviewed(model file, ['numpy.dtype'], rows)")
    if not _refused(
        lambda: call_learner_function(
            load, "load_reviewed", blobs["unreviewed"], ["numpy.dtype"], rows.copy()
        )
    ):
        raise KnownMistake(Q6_TRUST_ALL)


def _q6_hidden(answers: Answers, params: Params) -> None:
    load = answers["load_reviewed"]
    blobs = _q6_blobs(_seed(params))
    rows = _data(params)["X_test"].tail(15)
    expected = _fitted(_seed(params), "train").predict_proba(rows)[:, 1]
    returned: list[Any] = []

    def reviewed_file() -> None:
        returned.append(
            call_learner_function(
                load, "load_reviewed", blobs["unreviewed"], ["copy.copy", "numpy.dtype"], rows
            )
        )

    if _refused(reviewed_file):
        raise KnownMistake(Q6_HARDCODED)
    found = returned[0]
    _q6_probabilities(found, expected, "load_reviewed(a reviewed file, its types, rows)")
    if not _refused(
        lambda: call_learner_function(load, "load_reviewed", blobs["reference"], [], rows.copy())
    ):
        raise KnownMistake(Q6_TRUST_ALL)


Q6_SOLUTION = '''\
import skops.io as sio


def load_reviewed(blob, reviewed, rows):
    """Load a skops file trusting only the reviewed types; return churn probabilities."""
    loaded = sio.loads(blob, trusted=list(reviewed))
    return loaded.predict_proba(rows)[:, 1]'''


Q6 = Question(
    id="q6",
    title="Load only what you reviewed",
    points=2,
    prompt="""\
## q6 — Refuse what nobody reviewed (2 points)

A prediction service receives model files from a training job. Write
`load_reviewed(blob, reviewed, rows)` that loads the skops bytes `blob` trusting **only** the
type names in the list `reviewed` (someone read them and judged them harmless), and returns the
churn probabilities of the DataFrame `rows` (`predict_proba(rows)[:, 1]`, a NumPy array).
If the file needs a type that is not in `reviewed`, the function must not load it: let skops
raise its error.""",
    reads=("load_reviewed",),
    template='''\
import skops.io as sio


def load_reviewed(blob, reviewed, rows):
    """Load a skops file trusting only the reviewed types; return churn probabilities."""
    return ____''',
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_TRUST_ALL,
            Q6_SOLUTION.replace(
                "trusted=list(reviewed)", "trusted=sio.get_untrusted_types(data=blob)"
            ),
        ),
        Mistake(
            Q6_HARDCODED,
            Q6_SOLUTION.replace("trusted=list(reviewed)", 'trusted=["numpy.dtype"]'),
        ),
        Mistake(
            Q6_PICKLE,
            Q6_SOLUTION.replace(
                "sio.loads(blob, trusted=list(reviewed))", "pickle.loads(blob)"
            ).replace("import skops.io as sio", "import pickle"),
        ),
        Mistake(Q6_LABELS, Q6_SOLUTION.replace("predict_proba(rows)[:, 1]", "predict(rows)")),
        Mistake(Q6_CLASS0, Q6_SOLUTION.replace("[:, 1]", "[:, 0]")),
    ),
    hints=(
        "`skops.io.loads(blob, trusted=...)` raises `UntrustedTypesFoundException` when the "
        "file holds a type outside `trusted` and skops' own safe list.",
        "`sio.loads(blob, trusted=list(reviewed)).predict_proba(rows)[:, 1]`: never "
        "`trusted=get_untrusted_types(data=blob)`, which trusts whatever the file asks for.",
    ),
    checks=(
        Check("loads a reviewed file and refuses one with an unreviewed type", _q6_public),
        Check("uses the reviewed list it is given, whatever it holds", _q6_hidden, hidden=True),
    ),
)


# q7: the handler behind /predict --------------------------------------------------------------

Q7_NO_VERSION = (
    "The answer has no `model_version`: add `'model_version': MODEL_VERSION` to every "
    "answer, the errors included, so each logged prediction says which model made it."
)
Q7_NOT_VALIDATED = (
    "`predict_one` sent a bad request to the model: call `validate_request(row)` first and, "
    "if it finds errors, return `{'model_version': MODEL_VERSION, 'errors': errors}` "
    "without predicting."
)
Q7_LABEL = (
    "`churn_probability` is a class label: use `model.predict_proba(frame)[0, 1]`, the "
    "probability of churn."
)
Q7_CLASS0 = (
    "`churn_probability` is the probability of *staying*: churn is column 1 of `predict_proba`."
)
Q7_FRAME = (
    "Turn the one request into a one-row DataFrame, `pd.DataFrame([row])`, before calling "
    "the model (a dict of scalars needs the list around it)."
)


def _q7_expected(seed: int, row: dict[str, Any]) -> float:
    import pandas as pd

    return float(_fitted(seed, "train").predict_proba(pd.DataFrame([row]))[0, 1])


def _q7_answer(answers: Answers, row: dict[str, Any]) -> dict[str, Any]:
    predict_one = answers["predict_one"]
    expect_callable(predict_one, "predict_one")
    try:
        found = call_learner_function(predict_one, "predict_one", dict(row))
    except CheckFailed as failure:
        if "scalar values" in str(failure):
            raise KnownMistake(Q7_FRAME) from None
        raise
    if not isinstance(found, dict):
        raise CheckFailed(
            f"`predict_one` should return a dict, but it returned {type(found).__name__}."
        )
    if "model_version" not in found:
        raise KnownMistake(Q7_NO_VERSION)
    version = found["model_version"]
    if version != _context(0)["MODEL_VERSION"]:
        raise CheckFailed(
            f"`model_version` is {version!r}: use the constant `MODEL_VERSION` of the setup."
        )
    return found


def _q7_valid(answers: Answers, seed: int, row: dict[str, Any]) -> None:
    found = _q7_answer(answers, row)
    if set(found) != {"model_version", "churn_probability"}:
        raise CheckFailed(
            f"for a valid request the answer's keys should be model_version and "
            f"churn_probability, not {sorted(found)}."
        )
    expected = _q7_expected(seed, row)
    value = expect_number(found["churn_probability"], "churn_probability")
    if abs(value - expected) <= PROBA_ATOL:
        return
    if abs(value - (1 - expected)) <= PROBA_ATOL:
        raise KnownMistake(Q7_CLASS0)
    if value in (0.0, 1.0):
        raise KnownMistake(Q7_LABEL)
    expect_close(value, expected, f"churn_probability for {row}", atol=PROBA_ATOL, rtol=0)


def _q7_invalid(answers: Answers, row: dict[str, Any]) -> None:
    try:
        found = _q7_answer(answers, row)
    except KnownMistake:
        raise
    except CheckFailed as failure:
        if "raised" in str(failure):
            raise KnownMistake(Q7_NOT_VALIDATED) from None
        raise
    if "churn_probability" in found:
        raise KnownMistake(Q7_NOT_VALIDATED)
    errors = found.get("errors")
    if not isinstance(errors, list) or not errors:
        raise CheckFailed(
            f"for the bad request {row} the answer should hold a non-empty list under "
            f"'errors', but it is {found!r:.80}."
        )


def _q7_public(answers: Answers, params: Params) -> None:
    seed = _seed(params)
    _q7_valid(answers, seed, dict(VALID))
    _q7_invalid(answers, _with(age="forty"))


def _q7_hidden(answers: Answers, params: Params) -> None:
    seed = _seed(params)
    _q7_valid(
        answers,
        seed,
        {"age": 30, "monthly_fee": 60.0, "tenure_months": None, "plan": "pro", "region": "islands"},
    )
    _q7_valid(answers, seed, _with(age=75.5, monthly_fee=0, plan="basic", region="south"))
    _q7_invalid(answers, _with(monthly_fee=-1.0, plan=_DROP))


Q7_SOLUTION = '''\
def predict_one(row):
    """The body of POST /predict: validate, predict, and say which model answered."""
    errors = validate_request(row)
    if errors:
        return {"model_version": MODEL_VERSION, "errors": errors}
    frame = pd.DataFrame([row])
    probability = float(model.predict_proba(frame)[0, 1])
    return {"model_version": MODEL_VERSION, "churn_probability": probability}'''

_Q7_BASE = Q1_SOLUTION + "\n\n" + Q2_SOLUTION + "\n\n\n"

Q7 = Question(
    id="q7",
    title="The handler behind /predict",
    points=2,
    prompt="""\
## q7 — A versioned prediction handler (2 points)

A web framework (FastAPI in the lesson) turns each request into a Python dict and calls a
function like this one. Write `predict_one(row: dict) -> dict` using your `validate_request`
(q2) and `model` (q1):

- if `validate_request(row)` finds errors, return
  `{"model_version": MODEL_VERSION, "errors": <the list>}` and do not call the model;
- otherwise return `{"model_version": MODEL_VERSION, "churn_probability": p}`, with `p` the
  model's churn probability (a float) for the one-row DataFrame `pd.DataFrame([row])`.""",
    reads=("predict_one",),
    template='''\
def predict_one(row):
    """The body of POST /predict: validate, predict, and say which model answered."""
    ____''',
    solution=Q7_SOLUTION,
    mistakes=(
        Mistake(
            Q7_NO_VERSION,
            _Q7_BASE
            + Q7_SOLUTION.replace(
                '{"model_version": MODEL_VERSION, "churn_probability": probability}',
                '{"churn_probability": probability}',
            ),
        ),
        Mistake(
            Q7_NOT_VALIDATED,
            _Q7_BASE + Q7_SOLUTION.replace("    if errors:\n", "    if False:\n"),
        ),
        Mistake(
            Q7_LABEL,
            _Q7_BASE
            + Q7_SOLUTION.replace("model.predict_proba(frame)[0, 1]", "model.predict(frame)[0]"),
        ),
        Mistake(Q7_CLASS0, _Q7_BASE + Q7_SOLUTION.replace("[0, 1]", "[0, 0]")),
        Mistake(
            Q7_FRAME, _Q7_BASE + Q7_SOLUTION.replace("pd.DataFrame([row])", "pd.DataFrame(row)")
        ),
    ),
    hints=(
        "Validate first and return early; only a clean request reaches `model.predict_proba`.",
        "`float(model.predict_proba(pd.DataFrame([row]))[0, 1])` is the probability; both "
        "returned dicts carry `'model_version': MODEL_VERSION`.",
    ),
    checks=(
        Check(
            "a valid request gets a probability, a bad one errors; both carry the version",
            _q7_public,
        ),
        Check(
            "a request with a missing tenure and a new region; several bad fields",
            _q7_hidden,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("17"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
