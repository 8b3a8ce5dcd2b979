"""Exercise specs, one module per exercise, each exposing ``EXERCISE``."""

from __future__ import annotations

import importlib
import importlib.util

from curriculum.questions import Exercise
from curriculum.syllabus import SYLLABUS, Module, find_module


class NoExerciseError(LookupError):
    """The module exists in the syllabus but has no exercise spec yet."""


def has_exercise(module: Module) -> bool:
    return importlib.util.find_spec(f"curriculum.exercises.{module.slug}") is not None


def load_exercise(key: str) -> Exercise:
    """The exercise spec for a module id, slug or ``NN_slug`` stem."""
    module = find_module(key)
    if not has_exercise(module):
        raise NoExerciseError(f"module {module.stem} has no exercise yet")
    spec = importlib.import_module(f"curriculum.exercises.{module.slug}")
    return spec.EXERCISE


def available_exercises() -> list[Exercise]:
    return [load_exercise(m.id) for m in SYLLABUS if has_exercise(m)]
