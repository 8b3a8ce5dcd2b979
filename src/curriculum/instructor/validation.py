"""Key 100 % and blank 0 % across variants: what ``validate --specs`` and the variant tests run."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from curriculum.grading import grade_notebook
from curriculum.notebook_builder import build_exercise_notebook
from curriculum.questions import Exercise
from curriculum.results import Status
from curriculum.validate import check_known_mistakes

SEEDS = (0, 1, 2)


def grade_built(exercise: Exercise, answers: str, seed: int):
    """Grade the blank exercise or its key (``answers``) with papermill ``seed``."""
    with tempfile.TemporaryDirectory(prefix="curriculum-variant-") as workdir:
        path = Path(workdir) / f"{exercise.name}.ipynb"
        nbformat.write(build_exercise_notebook(exercise, answers), str(path))
        return grade_notebook(path, parameters={"seed": seed})


def variant_problems(exercise: Exercise, seed: int) -> list[str]:
    """What is wrong with ``exercise`` at ``seed`` (module, question, seed, message)."""
    problems = []
    key = grade_built(exercise, "solution", seed)
    if not key.graded:
        problems.append(f"{exercise.name} seed {seed}: key could not be graded: {key.error}")
    else:
        for q in key.questions:
            if q.status != Status.PASSED:
                problems.append(f"{exercise.name} {q.id} seed {seed}: key {q.status}: {q.message}")
    blank = grade_built(exercise, "template", seed)
    if not blank.graded:
        problems.append(f"{exercise.name} seed {seed}: blank could not be graded: {blank.error}")
    else:
        for q in blank.questions:
            if q.status != Status.NOT_ATTEMPTED or q.points:
                problems.append(
                    f"{exercise.name} {q.id} seed {seed}: blank {q.status}: {q.message}"
                )
    return problems


def validate_exercise(exercise: Exercise, seeds: Iterable[int] = SEEDS) -> list[str]:
    """Key 100 % and blank 0 % for every seed, and every known mistake named."""
    problems = []
    for seed in seeds:
        problems += variant_problems(exercise, seed)
    problems += [f"{exercise.name} {p}" for p in check_known_mistakes(exercise)]
    return problems
