"""Key 100 % and blank 0 % across variants: what ``validate --specs`` and the variant tests run."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import nbformat

from curriculum.grading import grade_notebook
from curriculum.instructor.variants import declared_ranges
from curriculum.notebook_builder import build_exercise_notebook
from curriculum.questions import Exercise
from curriculum.results import Status
from curriculum.validate import check_known_mistakes

SEEDS = (0, 1, 2)


def variant_grid(exercise: Exercise, seeds: Iterable[int] = SEEDS) -> list[dict[str, Any]]:
    """One parameter set per seed. Each range the exercise declares in ``VARIANT_PARAMETERS``
    takes its low end, its high end and its middle in turn, so both extremes a roster can hand
    out are graded."""
    ranges = declared_ranges(exercise)
    grid = []
    for turn, seed in enumerate(seeds):
        params = {**exercise.parameters, "seed": seed}
        for name, (low, high) in ranges.items():
            params[name] = (low, high, (low + high) // 2)[turn % 3]
        grid.append(params)
    return grid


def grade_built(exercise: Exercise, answers: str, parameters: Mapping[str, Any]):
    """Grade the blank exercise or its key (``answers``) with these papermill parameters."""
    with tempfile.TemporaryDirectory(prefix="curriculum-variant-") as workdir:
        path = Path(workdir) / f"{exercise.name}.ipynb"
        nbformat.write(build_exercise_notebook(exercise, answers), str(path))
        return grade_notebook(path, parameters=dict(parameters))


def variant_problems(exercise: Exercise, parameters: Mapping[str, Any]) -> list[str]:
    """What is wrong with ``exercise`` with these parameters (module, question, variant,
    message)."""
    where = ", ".join(f"{k}={v}" for k, v in sorted(parameters.items()))
    problems = []
    key = grade_built(exercise, "solution", parameters)
    if not key.graded:
        problems.append(f"{exercise.name} {where}: key could not be graded: {key.error}")
    else:
        for q in key.questions:
            if q.status != Status.PASSED:
                problems.append(f"{exercise.name} {q.id} {where}: key {q.status}: {q.message}")
    blank = grade_built(exercise, "template", parameters)
    if not blank.graded:
        problems.append(f"{exercise.name} {where}: blank could not be graded: {blank.error}")
    else:
        for q in blank.questions:
            if q.status != Status.NOT_ATTEMPTED or q.points:
                problems.append(f"{exercise.name} {q.id} {where}: blank {q.status}: {q.message}")
    return problems


def validate_exercise(exercise: Exercise, seeds: Iterable[int] = SEEDS) -> list[str]:
    """Key 100 % and blank 0 % for every variant, and every known mistake named."""
    problems = []
    for parameters in variant_grid(exercise, seeds):
        problems += variant_problems(exercise, parameters)
    problems += [f"{exercise.name} {p}" for p in check_known_mistakes(exercise)]
    return problems
