"""The exercise 01 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import pytest

from curriculum.exercises import load_exercise
from curriculum.exercises.the_path import BANK
from curriculum.results import Status


@pytest.fixture(scope="module")
def the_path():
    return load_exercise("01")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 17, 42])
def test_reference_solutions_pass_every_check(the_path, seed):
    results = evaluate(the_path, the_path.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in the_path.questions
    }


def test_templates_are_not_attempted(the_path):
    namespace = the_path.run_context(seed=0)
    for question in the_path.questions:
        exec(question.template, namespace)
    results = evaluate(the_path, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    exec(code, namespace)
    return exercise.question(question_id).evaluate(
        namespace, {"seed": seed}, include_hidden=True, time_limit=2
    )


SHAPE = "n_samples = len(wines)\nn_features = wines.shape[1] - 1\n"
MEAN = 'mean_alcohol = wines["alcohol"].mean()\n'
TOP = 'top_class = int(wines["target"].value_counts().idxmax())\n'
ACC = "def accuracy(y_true, y_pred):\n"
LABELS = "setting_of = {" + ", ".join(f"{n!r}: {s!r}" for n, (_, s, _) in BANK.items()) + "}\n"
RAW = "raw = {" + ", ".join(repr(n) for n, (_, _, r) in BANK.items() if r) + "}\n"
SETTINGS = "settings = {name: setting_of[name] for name in problems}\n"
DEEP = "deep_learning = [name for name in problems if name in raw]\n"
Q3 = LABELS + RAW

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "n_samples = wines.shape[0]\nn_features = len(wines.columns.drop('target'))\n"
        "mean_alcohol = float(np.mean(wines['alcohol'].to_numpy()))\n"
        "top_class = int(np.bincount(wines['target']).argmax())\n",
        "n_samples = int(wines.count().iloc[0])\n"
        "n_features = wines.drop(columns='target').shape[1]\n"
        "mean_alcohol = wines.alcohol.sum() / len(wines)\n"
        "top_class = wines.target.mode()[0]\n",
    ],
    "q2": [
        ACC + "    y_true, y_pred = list(y_true), list(y_pred)\n"
        "    return sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true)\n",
        ACC
        + "    return np.count_nonzero(np.array(y_true) == np.array(y_pred)) / np.size(y_true)\n",
    ],
    "q3": [
        Q3 + SETTINGS + DEEP,
        # a literal answer for seed 0, written by reading the printed problems; a set is fine
        "settings = {'churn': 'supervised', 'customer-groups': 'unsupervised', "
        "'flat-prices': 'supervised', 'game-screen': 'reinforcement', "
        "'keyword-audio': 'supervised', 'thermostat': 'reinforcement'}\n"
        "deep_learning = {'keyword-audio', 'game-screen'}\n",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        ("n_samples, n_features = wines.shape\n" + MEAN + TOP, "counts the `target` column"),
        ("n_features, n_samples = wines.shape\n" + MEAN + TOP, "are swapped"),
        (
            "n_samples = wines.shape[1] - 1\nn_features = wines.shape[0]\n" + MEAN + TOP,
            "are swapped",
        ),
        (SHAPE + 'mean_alcohol = wine.frame["alcohol"].mean()\n' + TOP, "whole wine data set"),
        (SHAPE + 'mean_alcohol = wines["alcohol"].median()\n' + TOP, "is the median"),
        (SHAPE + 'mean_alcohol = wines["alcohol"].sum()\n' + TOP, "total of the column"),
        (SHAPE + MEAN + 'top_class = wines["target"].value_counts().max()\n', "not the count"),
        (SHAPE + MEAN + 'top_class = wines["target"].value_counts().idxmin()\n', "*least* often"),
        (SHAPE + 'mean_alcohol = round(wines["alcohol"].mean(), 2)\n' + TOP, "full precision"),
        (SHAPE + "mean_alcohol = 'thirteen'\n" + TOP, "should be a number"),
        (SHAPE + MEAN + "top_class = 7\n", "numbered 0, 1 and 2"),
        ("n_samples = 100.5\nn_features = 13\n" + MEAN + TOP, "whole number"),
    ],
    "q2": [
        (ACC + "    return np.sum(np.asarray(y_true) == np.asarray(y_pred))\n", "how many"),
        (ACC + "    return np.mean(np.asarray(y_true) != np.asarray(y_pred))\n", "error rate"),
        (ACC + "    return np.sum(np.array(y_true) == np.array(y_pred)) // len(y_true)\n", "`//`"),
        (ACC + "    return (y_true == y_pred).mean()\n", "On Python lists"),
        (ACC + "    return np.mean(y_true == y_pred)\n", "On Python lists"),
        (ACC + "    return np.mean(np.sort(y_true) == np.sort(y_pred))\n", "breaks the pairs"),
        (
            "from sklearn.metrics import accuracy_score\n"
            + ACC
            + "    return accuracy_score(y_true, y_pred)\n",
            "NumPy only",
        ),
        (
            ACC + "    y_true.sort()\n    y_pred.sort()\n"
            "    return np.mean(np.asarray(y_true) == np.asarray(y_pred))\n",
            "breaks the pairs",
        ),
        (
            ACC + "    right = np.asarray(y_true) == np.asarray(y_pred)\n"
            "    y_pred[right] = -1\n    return right.mean()\n",
            "in place",
        ),
        (ACC + "    np.mean(np.asarray(y_true) == np.asarray(y_pred))\n", "forget to `return`"),
        (ACC + "    while True:\n        pass\n", "endless loop"),
    ],
    "q3": [
        (
            Q3 + "settings = {n: 'supervised' if setting_of[n] == 'reinforcement' "
            "else setting_of[n] for n in problems}\n" + DEEP,
            "not a label",
        ),
        (
            Q3 + "settings = {n: 'supervised' if setting_of[n] == 'unsupervised' "
            "else setting_of[n] for n in problems}\n" + DEEP,
            "is unsupervised learning",
        ),
        (
            Q3 + "settings = {n: 'deep learning' if n in raw else setting_of[n] "
            "for n in problems}\n" + DEEP,
            "kind of model, not a kind of feedback",
        ),
        (
            Q3 + "settings = {n: setting_of[n].title() for n in problems}\n" + DEEP,
            "lower case",
        ),
        (
            Q3 + SETTINGS + "deep_learning = [n for n in problems if n in raw and "
            "setting_of[n] == 'supervised']\n",
            "not only for labelled data",
        ),
        (
            Q3 + SETTINGS + "deep_learning = [n for n in problems if setting_of[n] == "
            "'supervised']\n",
            "not every supervised problem",
        ),
        (Q3 + "settings = {n: 'supervised' for n in problems}\n" + DEEP, "labels in `settings`"),
        (Q3 + "settings = [setting_of[n] for n in problems]\n" + DEEP, "should be a dict"),
        (
            Q3 + "settings = {n: setting_of[n] for n in list(problems)[1:]}\n" + DEEP,
            "missing",
        ),
        (Q3 + SETTINGS + "deep_learning = 'keyword-audio'\n", "should be a list"),
        (Q3 + SETTINGS + "deep_learning = ['speech']\n", "not one of the names"),
        (Q3 + SETTINGS + "deep_learning = []\n", "fails a hidden check"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(the_path, question_id, code):
    result = answer(the_path, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(the_path, question_id, code, named):
    result = answer(the_path, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


def test_the_reward_mistake_is_named_at_another_seed(the_path):
    # seed 1 draws three reinforcement problems and no unsupervised one
    result = answer(
        the_path,
        "q3",
        Q3 + "settings = {n: 'supervised' if setting_of[n] == 'reinforcement' "
        "else setting_of[n] for n in problems}\n" + DEEP,
        seed=1,
    )
    assert result.status == Status.FAILED and "not a label" in result.message


def test_an_answer_for_one_seed_fails_at_another(the_path):
    literal = RIGHT["q3"][1]
    assert answer(the_path, "q3", literal, seed=0).status == Status.PASSED
    assert answer(the_path, "q3", literal, seed=3).status == Status.FAILED
    values = the_path.run_solutions(seed=0)
    typed = f"n_samples = 100\nn_features = 13\nmean_alcohol = {values['mean_alcohol']!r}\n" + TOP
    assert answer(the_path, "q1", typed, seed=0).status == Status.PASSED
    assert answer(the_path, "q1", typed, seed=4).status == Status.FAILED


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("n_columns - 1", "n_columns - 2"),
        ('wines["alcohol"].mean()', 'wines["alcohol"].iloc[1:].mean()'),
        ("idxmax()", "index[1]"),
    ],
    "q2": [
        ("np.asarray(y_true) == np.asarray(y_pred)", "np.asarray(y_true) <= np.asarray(y_pred)"),
        ("float(np.mean(right))", "float(np.mean(right[1:]))"),
    ],
    "q3": [
        ("'robot-walk': 'reinforcement'", "'robot-walk': 'supervised'"),
        ("'photo-groups': 'unsupervised'", "'photo-groups': 'supervised'"),
        ("'game-screen', ", ""),
        ("if name in raw_inputs", "if name not in raw_inputs"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    the_path, question_id, old, new
):
    solution = the_path.question(question_id).solution
    assert old in solution
    mutant = solution.replace(old, new)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # a mutant may hide at one seed (a problem that was not drawn); it must show at some
        statuses = {answer(the_path, question_id, mutant, seed=s).status for s in (0, 1, 2, 3)}
    assert statuses != {Status.PASSED}, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(the_path):
    for question in the_path.questions:
        assert len(question.mistakes) >= 5, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_partial_answer_names_what_is_missing(the_path):
    result = answer(the_path, "q1", "n_samples = len(wines)\nn_features = ____\n")
    assert result.status == Status.FAILED and "`n_features`" in result.message


def test_different_seeds_give_different_data_and_problems(the_path):
    a, b = the_path.run_context(seed=0), the_path.run_context(seed=1)
    assert not a["wines"].equals(b["wines"])
    assert list(a["problems"]) != list(b["problems"])
    assert len(a["problems"]) == 6
