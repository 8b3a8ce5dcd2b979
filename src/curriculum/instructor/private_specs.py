"""Private questions and hidden checks from a folder outside the package (``--specs DIR``).

Each ``*.py`` file in the folder (files starting with ``_`` are skipped) is a spec module in the
package's own format, and does one of two things:

- defines ``EXERCISE``: a new exercise, whose ``Module`` is not in the syllabus
  (``Module("p1", "pandas_quiz", ...)``); it is graded and validated like ours;
- defines ``EXTENDS = "07"`` and ``HIDDEN_CHECKS = {"q1": [Check(..., hidden=True)], ...}``:
  extra hidden checks for one of our exercises, run by the grader after the question's own.

Nothing from these files is written into a release folder. The folders in use travel to the
grader's children (the checker) explicitly, and to kernels through ``CURRICULUM_SPECS``.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
import re
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from curriculum.exercises import load_exercise
from curriculum.questions import Check, Exercise
from curriculum.syllabus import UnknownModuleError, find_module

ENV_VAR = "CURRICULUM_SPECS"


class PrivateSpecError(ValueError):
    """A private spec cannot be used; the one-line message names the file."""


@dataclass
class PrivateSpecs:
    folders: tuple[Path, ...] = ()
    exercises: dict[str, Exercise] = field(default_factory=dict)  # stem -> exercise
    hidden_checks: dict[str, dict[str, tuple[Check, ...]]] = field(default_factory=dict)
    modules: dict[str, ModuleType] = field(default_factory=dict)  # exercise name -> spec module
    files: dict[str, Path] = field(default_factory=dict)  # exercise name -> file


_active = PrivateSpecs()


def _one_line(path: Path, error: BaseException) -> str:
    where = ""
    if isinstance(error, SyntaxError) and error.lineno:
        where = f" (line {error.lineno})"
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == str(path)]
        if frames:
            where = f" (line {frames[-1].lineno})"
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{path}: {type(error).__name__}{where}: {text}".rstrip(": ")


def _import(path: Path) -> ModuleType:
    name = "curriculum_private_specs." + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PrivateSpecError(f"{path}: not a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # any error in an instructor's file: one line naming it
        sys.modules.pop(name, None)
        raise PrivateSpecError(_one_line(path, error)) from None
    return module


def load_private_specs(*folders: str | Path) -> PrivateSpecs:
    """Read every spec in ``folders``; a broken one raises PrivateSpecError naming its file."""
    found = PrivateSpecs(folders=tuple(Path(f).resolve() for f in folders))
    for folder in found.folders:
        if not folder.is_dir():
            raise PrivateSpecError(f"{folder}: not a folder of private specs")
        for path in sorted(folder.glob("*.py")):
            if path.name.startswith("_"):
                continue
            module = _import(path)
            if hasattr(module, "EXERCISE"):
                _add_exercise(found, path, module)
            elif hasattr(module, "EXTENDS"):
                _add_hidden_checks(found, path, module)
            else:
                raise PrivateSpecError(
                    f"{path}: defines neither EXERCISE (a new exercise) nor EXTENDS with "
                    "HIDDEN_CHECKS (hidden checks for one of ours)"
                )
    return found


def _add_exercise(found: PrivateSpecs, path: Path, module: ModuleType) -> None:
    exercise = module.EXERCISE
    if not isinstance(exercise, Exercise):
        raise PrivateSpecError(f"{path}: EXERCISE is not a curriculum.questions.Exercise")
    for key in (exercise.module.id, exercise.module.slug, exercise.name):
        try:
            ours = find_module(key)
        except UnknownModuleError:
            continue
        raise PrivateSpecError(
            f"{path}: module {key!r} is the syllabus's {ours.stem}; give a private exercise its "
            "own id (such as 'p1'), or use EXTENDS to add hidden checks to ours"
        )
    if exercise.name in found.exercises:
        raise PrivateSpecError(
            f"{path}: exercise {exercise.name} is also in {found.files[exercise.name]}"
        )
    found.exercises[exercise.name] = exercise
    found.modules[exercise.name] = module
    found.files[exercise.name] = path


def _add_hidden_checks(found: PrivateSpecs, path: Path, module: ModuleType) -> None:
    try:
        base = load_exercise(str(module.EXTENDS))
    except (UnknownModuleError, LookupError) as error:
        raise PrivateSpecError(f"{path}: EXTENDS {module.EXTENDS!r}: {error}") from None
    extra = getattr(module, "HIDDEN_CHECKS", None)
    if not isinstance(extra, dict) or not extra:
        raise PrivateSpecError(f"{path}: HIDDEN_CHECKS must map question ids to lists of Checks")
    ids = {q.id for q in base.questions}
    checks = found.hidden_checks.setdefault(base.name, {})
    for question_id, items in extra.items():
        if question_id not in ids:
            raise PrivateSpecError(
                f"{path}: {base.name} has no question {question_id!r}"
                f" (it has {', '.join(sorted(ids))})"
            )
        items = tuple(items) if isinstance(items, list | tuple) else (items,)
        for item in items:
            if not isinstance(item, Check):
                raise PrivateSpecError(
                    f"{path}: HIDDEN_CHECKS[{question_id!r}] holds {item!r}, not a Check"
                )
            if not item.hidden:
                raise PrivateSpecError(
                    f"{path}: the check {item.description!r} is not hidden=True: a private check "
                    "would otherwise run in the learner's check()"
                )
        checks[question_id] = checks.get(question_id, ()) + items
    found.files.setdefault(base.name, path)


def use_private_specs(*folders: str | Path) -> PrivateSpecs:
    """Load ``folders`` and make every grading step in this process (and its children) see
    them. With no folders, private specs are switched off."""
    global _active
    _active = load_private_specs(*folders) if folders else PrivateSpecs()
    if folders:
        os.environ[ENV_VAR] = os.pathsep.join(str(f) for f in _active.folders)
    else:
        os.environ.pop(ENV_VAR, None)
    return _active


def active_folders() -> tuple[str, ...]:
    return tuple(str(f) for f in _active.folders)


def active_specs() -> PrivateSpecs:
    return _active


def _from_environment() -> None:
    wanted = tuple(f for f in os.environ.get(ENV_VAR, "").split(os.pathsep) if f)
    if wanted and wanted != active_folders():
        use_private_specs(*wanted)


def find_exercise(key: str) -> Exercise:
    """The exercise for ``key``: a private one, or ours with any private hidden checks added.
    Raises what :func:`curriculum.exercises.load_exercise` raises for an unknown key."""
    _from_environment()
    text = str(key).strip().lower().replace("-", "_").removesuffix(".ipynb")
    for name, exercise in _active.exercises.items():
        if text in (exercise.module.id.lower(), exercise.module.slug, name.lower()):
            return exercise
    exercise = load_exercise(key)
    extra = _active.hidden_checks.get(exercise.name)
    return with_hidden_checks(exercise, extra) if extra else exercise


_extended: dict[tuple[int, int], Exercise] = {}


def with_hidden_checks(exercise: Exercise, extra: dict[str, tuple[Check, ...]]) -> Exercise:
    """A copy of ``exercise`` whose questions also run ``extra`` hidden checks."""
    key = (id(exercise), id(extra))
    if key not in _extended:
        questions = tuple(
            dataclasses.replace(q, checks=q.checks + extra.get(q.id, ()), exercise=None)
            for q in exercise.questions
        )
        _extended[key] = dataclasses.replace(exercise, questions=questions)
    return _extended[key]


def spec_module(exercise: Exercise) -> ModuleType | None:
    """The Python module that defines ``exercise`` (ours or a private one)."""
    if exercise.name in _active.modules:
        return _active.modules[exercise.name]
    return sys.modules.get(f"curriculum.exercises.{exercise.module.slug}")
