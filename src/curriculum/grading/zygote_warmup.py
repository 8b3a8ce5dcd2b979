"""The zygote's last import: do once, before any fork, what every child would otherwise redo.

Each submission's children (its notebook's kernel, its checker) start from the zygote's memory,
so anything computed here is free for all of them, while anything computed in a child is lost
when it exits. Nothing here runs learner code: it imports modules and builds our own data.

- IPython's shell imports a few modules only when the first shell is made (every kernel makes
  one).
- scikit-learn's input validation asks narwhals for its plugins on first use, which reads every
  installed package's entry points (about 15 ms in each child that validates an array).
- ``skops.io`` (answers that are estimators cross with it), without the listing of
  scikit-learn's estimators it would make on import (:mod:`curriculum.answers.skops_import`).
- The spec modules of the exercises named in ``CURRICULUM_ZYGOTE_EXERCISES`` (comma-separated
  ids or slugs, set by :func:`curriculum.grading.sandbox.expect_exercises` before the zygote
  starts) are imported with every module their setup and reference solutions import, and
  their pristine data for the default parameters is built: by convention a spec's
  ``_context(seed)`` is cached, and its checks take copies of what it returns.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import os
import warnings

from curriculum.grading.sandbox import ZYGOTE_EXERCISES_VARIABLE

# imported lazily by IPython's first shell, and by our children's own code
_CHILD_MODULES = (
    "IPython.core.application",
    "IPython.core.completer",
    "IPython.core.completerlib",
    "IPython.core.crashhandler",
    "IPython.core.magics",
    "IPython.core.oinspect",
    "IPython.utils.generics",
    "IPython.utils.wildcard",
    "curriculum.answers.standins",
    "curriculum.answers.learner_side",
    "curriculum.instructor.private_specs",
)


def _import_child_modules() -> None:
    for name in _CHILD_MODULES:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _import_skops_io() -> None:
    from curriculum.answers.skops_import import import_skops_io

    import_skops_io()


def imported_modules(*sources: str) -> list[str]:
    """The modules that ``import`` statements in ``sources`` name, in order, once each."""
    found: dict[str, None] = {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(dict.fromkeys(alias.name for alias in node.names))
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found[node.module] = None
    return list(found)


def _discover_array_plugins() -> None:
    import numpy as np
    from sklearn.utils import check_array

    check_array(np.zeros((1, 1)))


def warm_exercise(key: str) -> bool:
    """Import ``key``'s spec and build its default data; False if there is no such exercise."""
    from curriculum.exercises import load_exercise

    try:
        exercise = load_exercise(key)
    except LookupError:
        return False
    module = importlib.import_module(f"curriculum.exercises.{exercise.module.slug}")
    solutions = [question.solution for question in exercise.questions]
    for name in imported_modules(exercise.imports, *solutions):
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    context = getattr(module, "_context", None)
    seed = exercise.parameters.get("seed", 0)
    if callable(context) and isinstance(seed, int):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            context(seed)
    return True


def warm_named_exercises() -> list[str]:
    """Warm the exercises named in the environment; the ones that exist."""
    named = os.environ.get(ZYGOTE_EXERCISES_VARIABLE, "")
    names = [name.strip() for name in named.split(",") if name.strip()]
    return [name for name in names if _safely(warm_exercise, name)]


def _safely(function, *args) -> bool:
    # A failure here must never stop the zygote: the child would simply do the work itself.
    try:
        return bool(function(*args))
    except Exception:
        return False


_safely(_import_child_modules)
_safely(_import_skops_io)
_safely(_discover_array_plugins)
warm_named_exercises()
