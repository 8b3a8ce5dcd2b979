"""Every exercise stays correct across variants: the key scores 100 % and the blank 0 (every
question "not attempted") with the seeds `curriculum assign --roster` hands out."""

import pytest

from curriculum.exercises import available_exercises
from curriculum.instructor.validation import variant_grid, variant_problems
from curriculum.instructor.variants import variant_parameters

EXERCISES = {e.name: e for e in available_exercises()}
# seeds as a roster gets them, plus 1 and 2: small seeds are what authors test least often
STUDENTS = ("ana", "ben")


def seeds_for(exercise):
    derived = [variant_parameters(exercise, "variants-test", s)["seed"] for s in STUDENTS]
    return [1, 2, *derived]


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_key_scores_full_and_blank_zero_for_several_seeds(name):
    exercise = EXERCISES[name]
    problems = []
    for parameters in variant_grid(exercise, seeds_for(exercise)):
        problems += variant_problems(exercise, parameters)
    assert not problems, "\n".join(problems)
