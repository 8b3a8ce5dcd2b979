"""Exercise 01: the path — warm-up on the mechanics: read data, write a function, interpret."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_callable,
    expect_close,
    expect_equal,
    expect_inputs_unchanged,
    expect_number,
    expect_only_numpy,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 01 — The path: warming up on the mechanics

Three short questions that teach you how every exercise in this curriculum works, before any
machine learning gets hard: read values from a data set, write a small function that the checks
call, and decide which kind of learning fits each of several problems.

For each question: read the prompt, replace every `____` in the answer cell with your code, run
the cell, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/01_the_path.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
from sklearn.datasets import load_wine"""

PARAMETERS = {"seed": 0}

SAMPLE_SIZE = 100
N_PROBLEMS = 6

# The problem bank for q3: the descriptions are shown to the learner; the labels stay here.
SUPERVISED, UNSUPERVISED, REINFORCEMENT = "supervised", "unsupervised", "reinforcement"
SETTINGS = (SUPERVISED, UNSUPERVISED, REINFORCEMENT)
BANK: dict[str, tuple[str, str, bool]] = {
    # name: (description, setting, raw image or sound inputs)
    "ad-banner": (
        "Decide which of four banners to show each visitor to a website. The only feedback is "
        "whether the visitor clicked the banner that was shown; nobody ever learns what the "
        "other three would have done.",
        REINFORCEMENT,
        False,
    ),
    "churn": (
        "Predict which subscribers will cancel next month from their usage statistics, using "
        "last year's subscribers and a column saying whether each one cancelled.",
        SUPERVISED,
        False,
    ),
    "customer-groups": (
        "Split 5,000 shop customers into a handful of groups with similar buying habits. No "
        "one has defined the groups in advance.",
        UNSUPERVISED,
        False,
    ),
    "flat-prices": (
        "Estimate the sale price of a flat from its floor area, age and district, learning "
        "from 10,000 past sales and the price each one fetched.",
        SUPERVISED,
        False,
    ),
    "game-screen": (
        "Learn to play a video game from the raw pixels of its screen, pressing buttons and "
        "seeing only the score go up or down.",
        REINFORCEMENT,
        True,
    ),
    "keyword-audio": (
        "Recognise the spoken word 'stop' in one-second sound recordings, learning from 30,000 "
        "recordings that people have tagged with the word that was said.",
        SUPERVISED,
        True,
    ),
    "odd-payments": (
        "Flag card payments that look unlike all the others, from a history of payments in "
        "which nobody recorded which ones were fraudulent.",
        UNSUPERVISED,
        False,
    ),
    "photo-groups": (
        "Sort 100,000 untagged holiday photos into piles of similar-looking pictures, working "
        "from the pixels alone.",
        UNSUPERVISED,
        True,
    ),
    "robot-walk": (
        "A simulated robot, given its joint angles and speeds, learns to walk by trial and "
        "error: it is rewarded for distance covered and penalised for falling.",
        REINFORCEMENT,
        False,
    ),
    "sensor-summary": (
        "Replace the 200 correlated readings logged per machine by 5 numbers that keep most "
        "of their variation, with no target to predict.",
        UNSUPERVISED,
        False,
    ),
    "thermostat": (
        "Find a heating schedule by trying a setting every day and receiving a score that "
        "rises with the occupants' comfort and falls with the energy bill.",
        REINFORCEMENT,
        False,
    ),
    "xray-pneumonia": (
        "Mark chest X-ray images as showing pneumonia or not, learning from 20,000 images that "
        "radiologists have already marked.",
        SUPERVISED,
        True,
    ),
}

_BANK_CODE = "\n".join(f"    {name!r}: {text!r}," for name, (text, _, _) in BANK.items())

CONTEXT = f"""\
rng = np.random.default_rng(seed)

# q1: {SAMPLE_SIZE} wines drawn (with this notebook's seed) from scikit-learn's bundled wine
# data. Each row is one wine: 13 chemical measurements, then `target`, its grape variety (0-2).
wine = load_wine(as_frame=True)
rows = np.sort(rng.choice(len(wine.frame), size={SAMPLE_SIZE}, replace=False))
wines = wine.frame.iloc[rows].reset_index(drop=True)
print(f"wines: {{wines.shape[0]}} rows, columns {{list(wines.columns)[:3]}} ... 'target'")

# q3: {N_PROBLEMS} problems drawn from a bank of {len(BANK)}.
problem_bank = {{
{_BANK_CODE}
}}
names = sorted(rng.choice(sorted(problem_bank), size={N_PROBLEMS}, replace=False).tolist())
problems = {{name: problem_bank[name] for name in names}}
for name, text in problems.items():
    print(f"\\n{{name}}: {{text}}")"""


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _problem_names(params: Params) -> list[str]:
    return list(_context(int(params.get("seed", 0)))["problems"])


def _wines(params: Params) -> Any:
    return _context(int(params.get("seed", 0)))["wines"].copy()


# q1: read values from a data set -------------------------------------------------------------


def _expect_whole_number(value: Any, name: str) -> int:
    number = expect_number(value, name)
    if number != int(number):
        raise CheckFailed(f"`{name}` should be a whole number, but it is {number}.")
    return int(number)


def _q1_shape(answers: Answers, params: Params) -> None:
    wines = _wines(params)
    n_samples = _expect_whole_number(answers["n_samples"], "n_samples")
    n_features = _expect_whole_number(answers["n_features"], "n_features")
    if n_features == wines.shape[0] and n_samples in (wines.shape[1], wines.shape[1] - 1):
        raise KnownMistake(Q1_SWAPPED)
    expect_equal(n_samples, wines.shape[0], "n_samples")
    expect_equal(n_features, wines.shape[1] - 1, "n_features")


def _q1_values(answers: Answers, params: Params) -> None:
    wines = _wines(params)
    expect_close(
        answers["mean_alcohol"], float(wines["alcohol"].mean()), "mean_alcohol", rtol=0, atol=5e-3
    )
    counts = wines["target"].value_counts()
    found = _expect_whole_number(answers["top_class"], "top_class")
    if found not in (0, 1, 2):
        if found in counts.to_numpy():
            raise KnownMistake(Q1_COUNT)
        raise CheckFailed(f"`top_class` is {found}, but the varieties are numbered 0, 1 and 2.")
    top = sorted(int(label) for label in counts.index[counts == counts.max()])
    if found not in top:
        raise CheckFailed(
            f"`top_class` is {found}, which is not the most common variety in `wines`."
        )


def _q1_full_precision(answers: Answers, params: Params) -> None:
    expect_close(
        answers["mean_alcohol"],
        float(_wines(params)["alcohol"].mean()),
        "mean_alcohol",
        rtol=1e-9,
        atol=0,
    )


Q1_SWAPPED = (
    "`n_samples` and `n_features` are swapped: `wines.shape` is (rows, columns), and each row "
    "is one wine (one sample)."
)
Q1_COUNT = (
    "`top_class` is how many wines the commonest variety has, not which variety it is: take "
    "the label (`value_counts().idxmax()`), not the count."
)
Q1_TARGET = (
    "`n_features` counts the `target` column too: the grape variety is what we would predict, "
    "not a measurement. Subtract it."
)
Q1_WHOLE_DATA = (
    "`mean_alcohol` is the mean over the whole wine data set: use the sample `wines` that this "
    "notebook drew with its seed."
)

Q1_REST = """
mean_alcohol = wines["alcohol"].mean()
top_class = int(wines["target"].value_counts().idxmax())"""

Q1 = Question(
    id="q1",
    title="Read values from a data set",
    points=1,
    prompt=f"""\
## q1 — Read values from a data set (1 point)

`wines` is a pandas DataFrame: one row per wine, one column per measurement, and a last column
`target` holding the wine's grape variety (0, 1 or 2). Store:

- `n_samples`: the number of wines in `wines` (an int; {SAMPLE_SIZE} here, but compute it);
- `n_features`: the number of measurement columns, **not** counting `target` (an int);
- `mean_alcohol`: the mean of the `alcohol` column of `wines` (a float, unrounded);
- `top_class`: the grape variety (0, 1 or 2) that occurs most often in `wines` (an int).""",
    reads=("n_samples", "n_features", "mean_alcohol", "top_class"),
    template="""\
n_samples = ____
n_features = ____
mean_alcohol = ____
top_class = ____""",
    solution="""\
n_samples, n_columns = wines.shape
n_features = n_columns - 1  # every column but `target`"""
    + Q1_REST,
    mistakes=(
        Mistake(Q1_TARGET, "n_samples, n_features = wines.shape" + Q1_REST),
        Mistake(Q1_SWAPPED, "n_features, n_samples = wines.shape" + Q1_REST),
        Mistake(
            Q1_WHOLE_DATA,
            "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
            'mean_alcohol = wine.frame["alcohol"].mean()\n'
            'top_class = int(wines["target"].value_counts().idxmax())',
        ),
        Mistake(
            "`mean_alcohol` is the median, the middle value: use `.mean()`, the average.",
            "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
            'mean_alcohol = wines["alcohol"].median()\n'
            'top_class = int(wines["target"].value_counts().idxmax())',
        ),
        Mistake(
            "`mean_alcohol` is the total of the column: divide by the number of wines, or use "
            "`.mean()`.",
            "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
            'mean_alcohol = wines["alcohol"].sum()\n'
            'top_class = int(wines["target"].value_counts().idxmax())',
        ),
        Mistake(
            Q1_COUNT,
            "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
            'mean_alcohol = wines["alcohol"].mean()\n'
            'top_class = int(wines["target"].value_counts().max())',
        ),
        Mistake(
            "`top_class` is the variety that occurs *least* often: `value_counts()` sorts from "
            "most to least common, so take the first label (`idxmax()`).",
            "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
            'mean_alcohol = wines["alcohol"].mean()\n'
            'top_class = int(wines["target"].value_counts().idxmin())',
        ),
    ),
    hints=(
        "`wines.shape` is the pair (rows, columns); a column is `wines['alcohol']`, and pandas "
        "columns have `.mean()` and `.value_counts()`.",
        "`n_samples, n_columns = wines.shape`, then subtract one column for `target`; "
        "`wines['target'].value_counts().idxmax()` is the commonest label.",
    ),
    checks=(
        Check("the numbers of samples and features", _q1_shape),
        Check("the mean alcohol and the commonest variety", _q1_values),
        Check(
            "`mean_alcohol` is computed from the data at full precision, not rounded or typed in",
            _q1_full_precision,
            hidden=True,
        ),
    ),
)


# q2: a small function the checks call ---------------------------------------------------------


def _reference_accuracy(y_true: Any, y_pred: Any) -> float:
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def _q2_example(answers: Answers, params: Params) -> None:
    accuracy = answers["accuracy"]
    expect_callable(accuracy, "accuracy")
    y_true = np.array([0, 1, 1, 2, 0, 2, 1, 0])
    y_pred = np.array([0, 1, 2, 2, 0, 1, 1, 1])
    found = call_learner_function(accuracy, "accuracy", y_true.copy(), y_pred.copy())
    expect_close(found, _reference_accuracy(y_true, y_pred), "accuracy(y_true, y_pred)")
    expect_only_numpy(accuracy, "accuracy")
    expect_inputs_unchanged(accuracy, "accuracy", ("y_true", "y_pred"))


def _q2_other_inputs(answers: Answers, params: Params) -> None:
    accuracy = answers["accuracy"]
    rng = np.random.default_rng(200 + int(params.get("seed", 0)))
    y_true = rng.integers(0, 3, size=25)
    y_pred = np.where(rng.random(25) < 0.7, y_true, rng.integers(0, 3, size=25))
    cases = [
        (list(y_true), list(y_pred), "accuracy on plain Python lists"),
        (["cat", "dog", "dog", "cat"], ["cat", "cat", "dog", "dog"], "accuracy on string labels"),
        ([1, 1, 1], [1, 1, 1], "accuracy of perfect predictions"),
        (np.array([4, 5]), np.array([5, 4]), "accuracy of predictions that are all wrong"),
        (np.array([2]), np.array([2]), "accuracy of a single prediction"),
    ]
    for truth, predicted, what in cases:
        found = call_learner_function(accuracy, "accuracy", truth, predicted)
        expect_close(found, _reference_accuracy(truth, predicted), what)
    expect_inputs_unchanged(accuracy, "accuracy", ("y_true", "y_pred"))


Q2_LISTS = (
    "On Python lists `y_true == y_pred` is a single True or False for the whole list; convert "
    "both with `np.asarray(...)` first to compare them element by element."
)

Q2 = Question(
    id="q2",
    title="Accuracy as a function",
    points=1,
    prompt="""\
## q2 — Write a function the checks can call (1 point)

A classifier's **accuracy** is the fraction of its predictions that equal the true labels:
$$\\text{accuracy} = \\frac{1}{n}\\sum_{i=1}^{n} [\\,\\hat y_i = y_i\\,],$$
where $[\\hat y_i = y_i]$ is 1 when prediction $i$ is right and 0 otherwise.

Write `accuracy(y_true, y_pred)` that returns this fraction as a float between 0 and 1. Use
NumPy only (no scikit-learn), accept plain Python lists as well as arrays, labels of any kind
(numbers or strings), and do not modify the inputs.""",
    reads=("accuracy",),
    template='''\
def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true labels."""
    return ____''',
    solution='''\
def accuracy(y_true, y_pred):
    """Fraction of predictions equal to the true labels."""
    right = np.asarray(y_true) == np.asarray(y_pred)  # one True/False per prediction
    return float(np.mean(right))''',
    mistakes=(
        Mistake(
            "You returned how many predictions are right; accuracy is that count divided by "
            "the number of predictions (a fraction between 0 and 1).",
            "def accuracy(y_true, y_pred):\n"
            "    return int(np.sum(np.asarray(y_true) == np.asarray(y_pred)))",
        ),
        Mistake(
            "You returned the error rate, the fraction that are wrong: count the predictions "
            "that *equal* the labels (`==`, not `!=`).",
            "def accuracy(y_true, y_pred):\n"
            "    return float(np.mean(np.asarray(y_true) != np.asarray(y_pred)))",
        ),
        Mistake(
            Q2_LISTS,
            "def accuracy(y_true, y_pred):\n    return float(np.mean(y_true == y_pred))",
        ),
        Mistake(
            Q2_LISTS,
            "def accuracy(y_true, y_pred):\n    return float((y_true == y_pred).mean())",
        ),
        Mistake(
            "`//` is whole-number division and rounds the fraction down to 0: divide with `/`.",
            "def accuracy(y_true, y_pred):\n"
            "    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)\n"
            "    return int(np.sum(y_true == y_pred)) // len(y_true)",
        ),
        Mistake(
            "Sorting the labels breaks the pairs: prediction i must be compared with label i.",
            "def accuracy(y_true, y_pred):\n"
            "    return float(np.mean(np.sort(y_true) == np.sort(y_pred)))",
        ),
        Mistake(
            "calls scikit-learn, but the prompt asks for NumPy only",
            "from sklearn.metrics import accuracy_score\n\n"
            "def accuracy(y_true, y_pred):\n"
            "    return float(accuracy_score(y_true, y_pred))",
        ),
        Mistake(
            "changed its input `y_true` in place",
            "def accuracy(y_true, y_pred):\n"
            "    right = np.asarray(y_true) == np.asarray(y_pred)\n"
            "    if isinstance(y_true, np.ndarray):\n"
            "        y_true[:] = 0\n"
            "    return float(np.mean(right))",
        ),
    ),
    hints=(
        "Turn both inputs into arrays with `np.asarray`; comparing two arrays with `==` gives "
        "one True or False per position.",
        "`np.mean` of a True/False array is the fraction of True: "
        "`float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))`.",
    ),
    checks=(
        Check("matches the formula on an example, NumPy only, inputs unchanged", _q2_example),
        Check(
            "works on plain Python lists, string labels, and all-right, all-wrong and "
            "one-element inputs",
            _q2_other_inputs,
            hidden=True,
        ),
    ),
)


# q3: which kind of learning fits each problem -------------------------------------------------

Q3_VOCABULARY = (
    "Use exactly one of the labels 'supervised', 'unsupervised' or 'reinforcement' for each "
    "problem (lower case, no spaces)."
)
Q3_DEEP_AS_SETTING = (
    "'deep learning' is a kind of model, not a kind of feedback: give every problem its "
    "setting (supervised, unsupervised or reinforcement) and list the problems that call "
    "for a deep network in `deep_learning` instead."
)
Q3_REWARD_AS_LABEL = (
    "A reward for an action the program chose is not a label: when the program acts and "
    "learns only from the score it receives, the setting is reinforcement learning."
)
Q3_NO_LABELS = (
    "Grouping, compressing or flagging unusual data with no answer column to learn from is "
    "unsupervised learning: supervised learning needs examples with known answers."
)
Q3_DEEP_ONLY_LABELLED = (
    "Deep networks are not only for labelled data: every problem whose inputs are raw images "
    "or sound belongs in `deep_learning`, whatever its setting."
)
Q3_DEEP_ALL_SUPERVISED = (
    "`deep_learning` should list the problems whose inputs are raw images or sound, not every "
    "supervised problem: numbers in a table rarely need a deep network."
)


def _expected_settings(params: Params) -> dict[str, str]:
    return {name: BANK[name][1] for name in _problem_names(params)}


def _expected_deep(params: Params) -> list[str]:
    return sorted(name for name in _problem_names(params) if BANK[name][2])


def _q3_settings(answers: Answers, params: Params) -> None:
    settings = answers["settings"]
    names = _problem_names(params)
    if not isinstance(settings, dict):
        raise CheckFailed(
            "`settings` should be a dict from each problem's name to its label, such as "
            f"{{{names[0]!r}: 'supervised', ...}}, but it is a {type(settings).__name__}."
        )
    if set(settings) != set(names):
        missing = sorted(set(names) - set(settings), key=str)
        extra = sorted(set(settings) - set(names), key=str)
        parts = [f"missing {missing}" if missing else "", f"not asked for {extra}" if extra else ""]
        raise CheckFailed(
            f"`settings` should have one entry per name in `problems`, {names}: "
            + ", ".join(p for p in parts if p)
            + "."
        )
    labels = [settings[name] for name in names]
    if any(isinstance(v, str) and "deep" in v.lower() for v in labels):
        raise KnownMistake(Q3_DEEP_AS_SETTING)
    if not all(isinstance(v, str) and v in SETTINGS for v in labels):
        odd = next(v for v in labels if not (isinstance(v, str) and v in SETTINGS))
        raise KnownMistake(f"{Q3_VOCABULARY} Found {odd!r}.")
    expected = _expected_settings(params)
    wrong = [name for name in names if settings[name] != expected[name]]
    if wrong:
        raise CheckFailed(
            f"{len(wrong)} of the {len(names)} labels in `settings` are wrong. For each problem "
            "ask: does the data come with the answers to learn from (supervised), with no "
            "answers at all (unsupervised), or does the program act and learn from a reward "
            "(reinforcement)?"
        )


def _deep_names(answers: Answers, params: Params) -> list[str]:
    deep = answers["deep_learning"]
    names = _problem_names(params)
    if isinstance(deep, str) or not isinstance(deep, (list, tuple, set, frozenset)):
        raise CheckFailed(
            "`deep_learning` should be a list of problem names (possibly empty), but it is a "
            f"{type(deep).__name__}."
        )
    unknown = [d for d in deep if d not in names]
    if unknown:
        raise CheckFailed(
            f"`deep_learning` holds {unknown[0]!r}, which is not one of the names in "
            f"`problems`: {names}."
        )
    if len(set(deep)) != len(list(deep)):
        raise CheckFailed("`deep_learning` names a problem more than once.")
    return sorted(deep)


def _q3_deep_format(answers: Answers, params: Params) -> None:
    _deep_names(answers, params)


def _q3_deep(answers: Answers, params: Params) -> None:
    found = _deep_names(answers, params)
    if found != _expected_deep(params):
        raise CheckFailed("`deep_learning` does not list exactly the right problems.")


def _settings_code(rule: str) -> str:
    """Code that labels the drawn problems from the bank's answers, changed by ``rule``."""
    kinds = "\n".join(f"    {name!r}: {setting!r}," for name, (_, setting, _) in BANK.items())
    raw = ", ".join(repr(name) for name, (_, _, is_raw) in BANK.items() if is_raw)
    return f"""\
setting_of = {{
{kinds}
}}
# the problems whose inputs are raw images or sound
raw_inputs = {{{raw}}}
{rule}"""


Q3_SOLUTION_RULE = """\
settings = {name: setting_of[name] for name in problems}
deep_learning = sorted(name for name in problems if name in raw_inputs)"""


def _q3_variant(settings_rule: str = "", deep_rule: str = "") -> str:
    settings = settings_rule or "settings = {name: setting_of[name] for name in problems}"
    deep = deep_rule or "deep_learning = sorted(name for name in problems if name in raw_inputs)"
    return _settings_code(f"{settings}\n{deep}")


Q3 = Question(
    id="q3",
    title="Which kind of learning?",
    points=2,
    prompt="""\
## q3 — Which kind of learning fits each problem? (2 points)

The setup cell printed the problems in `problems`, a dict from a short name to a description.
For each problem decide what feedback the learning program gets:

- **supervised**: examples come with the answer we want to predict (a label or a number);
- **unsupervised**: there are no answers, only data whose structure we want to find;
- **reinforcement**: the program takes actions and learns from a reward it receives for them.

Store `settings`, a dict from **every** name in `problems` to one of the strings
`'supervised'`, `'unsupervised'` or `'reinforcement'`.

Deep learning is the fourth approach, but it is a family of models (neural networks with many
layers), not a kind of feedback, and it combines with all three. Store `deep_learning`, a list
of the names of the problems whose inputs are **raw images or raw sound recordings**, the
inputs where a deep network is the standard choice. `q3.check()` tests `settings` and only the
form of `deep_learning`; the grader checks its content too.""",
    reads=("settings", "deep_learning"),
    template="""\
# a dict {name: label} with one entry per name in `problems`
settings = ____
# a list of names
deep_learning = ____""",
    solution=_settings_code(Q3_SOLUTION_RULE),
    mistakes=(
        Mistake(
            Q3_REWARD_AS_LABEL,
            _q3_variant(
                "settings = {name: 'supervised' if setting_of[name] == 'reinforcement' "
                "else setting_of[name] for name in problems}"
            ),
        ),
        Mistake(
            Q3_NO_LABELS,
            _q3_variant(
                "settings = {name: 'supervised' if setting_of[name] == 'unsupervised' "
                "else setting_of[name] for name in problems}"
            ),
        ),
        Mistake(
            Q3_DEEP_AS_SETTING,
            _q3_variant(
                "settings = {name: 'deep learning' if name in raw_inputs "
                "else setting_of[name] for name in problems}"
            ),
        ),
        Mistake(
            Q3_VOCABULARY,
            _q3_variant("settings = {name: setting_of[name].capitalize() for name in problems}"),
        ),
        Mistake(
            Q3_DEEP_ONLY_LABELLED,
            _q3_variant(
                deep_rule="deep_learning = sorted(name for name in problems "
                "if name in raw_inputs and setting_of[name] == 'supervised')"
            ),
        ),
        Mistake(
            Q3_DEEP_ALL_SUPERVISED,
            _q3_variant(
                deep_rule="deep_learning = sorted(name for name in problems "
                "if setting_of[name] == 'supervised')"
            ),
        ),
    ),
    hints=(
        "Look for the feedback in each description: a column of known answers, no answers at "
        "all, or a score for actions the program took. For `deep_learning`, look only at the "
        "inputs: pictures or sound?",
        "Banner choices judged by clicks, games judged by score, robots rewarded for walking "
        "and schedules scored each day are reinforcement; groups, summaries and oddities found "
        "without answers are unsupervised. X-rays, photos, game screens and sound recordings "
        "are raw images or sound.",
    ),
    checks=(
        Check("`settings` labels every problem correctly", _q3_settings),
        Check("`deep_learning` is a list of names from `problems`", _q3_deep_format),
        Check(
            "`deep_learning` lists exactly the problems with raw image or sound inputs",
            _q3_deep,
            hidden=True,
        ),
    ),
)


EXERCISE = Exercise(
    module=find_module("01"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3),
)
