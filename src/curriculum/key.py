"""Write exercise notebooks and answer keys from their specs."""

from __future__ import annotations

from pathlib import Path

import nbformat

from curriculum.exercises import load_exercise
from curriculum.notebook_builder import Answers, build_exercise_notebook


def _write(module: str, target: str | Path, answers: Answers) -> Path:
    exercise = load_exercise(module)
    target = Path(target)
    if target.is_dir() or target.suffix != ".ipynb":
        target = target / f"{exercise.name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_exercise_notebook(exercise, answers=answers), str(target))
    return target


def write_answer_key(module: str, target: str | Path) -> Path:
    """The exercise notebook with every answer cell holding the reference solution."""
    return _write(module, target, "solution")


def write_exercise(module: str, target: str | Path) -> Path:
    """The blank exercise notebook a learner fills in."""
    return _write(module, target, "template")
