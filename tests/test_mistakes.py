"""Naming mistakes: the matching rules, and every spec's mistakes reaching the learner."""

import numpy as np
import pytest

from curriculum.checks import CheckFailed
from curriculum.exercises import available_exercises
from curriculum.mistakes import alike
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module
from curriculum.validate import check_known_mistakes


def test_alike_compares_numbers_within_tolerance_and_everything_else_exactly():
    assert alike((np.array([1.0, 2.0]), 3.0), [np.array([1.0, 2.0 + 1e-12]), np.float64(3.0)])
    assert not alike(np.array([1.0, 2.0]), np.array([2.0, 1.0]))
    assert not alike(np.zeros((2, 3)), np.zeros((3, 2)))
    assert alike("bmi", "bmi") and not alike("bmi", "BMI")
    assert not alike("1", 1)
    labels = np.array(["ham", "spam"])
    assert alike(labels, labels.copy()) and not alike(labels, np.array(["spam", "ham"]))


def test_alike_compares_pandas_objects_by_labels_and_values():
    import pandas as pd

    frame = pd.DataFrame({"price": [1.0, 2.0], "category": ["toys", "books"]})
    nudged = frame.assign(price=[1.0, 2.0 + 1e-12])
    assert alike(frame, nudged) and alike(frame["price"], nudged["price"])
    assert not alike(frame, frame.assign(category=["toys", "Books"]))
    assert not alike(frame, frame.set_axis(["a", "b"]))  # same values, other row labels
    assert not alike(frame, frame.to_numpy()) and not alike(frame["price"], frame)


def _double(answers, params):
    found = answers["double"](np.array([1.0, -2.0]))
    if not np.allclose(found, [2.0, -4.0]):
        raise CheckFailed(f"`double([1, -2])` is {found}, expected [2, -4]")


def _double_hidden(answers, params):
    if not np.allclose(answers["double"](np.array([3.0])), [6.0]):
        raise CheckFailed("secret")


DOUBLE = Question(
    id="q1",
    title="double",
    points=1,
    prompt="p",
    reads=("double",),
    template="def double(x):\n    return ____",
    solution="def double(x):\n    return 2 * x",
    hints=("a", "b"),
    checks=(Check("doubles", _double), Check("other inputs", _double_hidden, hidden=True)),
    mistakes=(
        Mistake("You squared instead of doubling.", "def double(x):\n    return x ** 2"),
        Mistake("The sign is flipped.", "def double(x):\n    return -2 * x"),
        Mistake(
            "Agrees with the reference: can never be named.", "def double(x):\n    return x + x"
        ),
        Mistake(
            "You took a dot product with a fixed-length vector.",
            "def double(x):\n    return np.dot(x, [2.0, 2.0, 2.0])",
        ),
    ),
)
EXERCISE = Exercise(
    module=find_module("02"),
    intro="",
    imports="import numpy as np",
    parameters={"seed": 0},
    context="",
    questions=(DOUBLE,),
)


def check_answer(code):
    namespace = EXERCISE.run_context()
    exec(code, namespace)
    return DOUBLE.evaluate(namespace, {"seed": 0}, include_hidden=True)


def test_the_mistake_the_answer_behaves_like_is_named_with_the_check_detail():
    result = check_answer("def double(x):\n    return -x - x")
    assert result.message.startswith("The sign is flipped.\n(`double([1, -2])` is")


def test_an_answer_like_no_known_mistake_gets_the_checks_own_message():
    result = check_answer("def double(x):\n    return x + 1")
    assert result.message.startswith("`double([1, -2])` is")


def test_an_error_is_named_only_when_its_message_matches_the_variants():
    named = check_answer("def double(x):\n    return np.dot(x, np.full(3, 2.0))")
    assert named.message.startswith("You took a dot product with a fixed-length vector.")
    own = check_answer("def double(x):\n    raise ValueError('not implemented')")
    assert "dot product" not in own.message
    assert "raised ValueError: not implemented" in own.message


def test_sys_exit_in_a_learner_function_fails_the_check_instead_of_ending_it():
    result = check_answer("def double(x):\n    import sys\n    sys.exit(3)")
    assert result.status == "failed"
    assert "raised SystemExit: sys.exit(3) was called" in result.message


def test_a_variant_that_equals_the_reference_names_nothing_and_validate_says_so():
    problems = check_known_mistakes(EXERCISE)
    assert problems == ["q1 mistake 3 passes every check"]


@pytest.mark.parametrize("exercise", available_exercises(), ids=lambda e: e.name)
def test_every_known_mistake_of_every_exercise_is_named(exercise):
    assert check_known_mistakes(exercise) == []
