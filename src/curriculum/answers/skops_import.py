"""skops.io without the half second it spends, on import, listing scikit-learn's estimators.

On import, skops builds its default list of trusted estimator classes with scikit-learn's
``all_estimators()``, which imports every public module of scikit-learn (and pytest and dask
where they are installed): about 0.5 s of the 2 s a grading process takes to start. The wire
never needs that list: it trusts a type only if it is a class defined in scikit-learn's own
modules (:func:`curriculum.answers.wire.library_types`) and hands skops those names itself.

So :func:`import_skops_io` imports skops with the list empty and makes it fill itself, by
running skops' own code for it, the first time anything reads it: learner code that asks skops
directly (``get_untrusted_types``, ``load``) sees exactly what plain skops says. The wire's own
calls run inside :func:`without_default_estimators`, which leaves the list unread. If skops is
not laid out as expected, or was imported already, nothing is changed.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

_LIST_NAME = "SKLEARN_ESTIMATOR_TYPE_NAMES"
_swap_lock = threading.RLock()


class _EstimatorNames(list):
    """skops' list of trusted estimator names, computed by skops' own code on first read."""

    _filled = False

    def _fill(self) -> None:
        if self._filled:
            return
        self._filled = True  # first, so a failure leaves it empty (trusting less), not looping
        trusted_types = sys.modules["skops.io._trusted_types"]
        importlib.reload(trusted_types)  # runs skops' listing, with the real all_estimators
        list.extend(self, getattr(trusted_types, _LIST_NAME))
        setattr(trusted_types, _LIST_NAME, self)

    def _filled_list(self) -> list:
        self._fill()
        return list(list.__iter__(self))

    def __iter__(self) -> Iterator[Any]:
        self._fill()
        return list.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return list.__len__(self)

    def __contains__(self, item: object) -> bool:
        self._fill()
        return list.__contains__(self, item)

    def __getitem__(self, index: Any) -> Any:
        self._fill()
        return list.__getitem__(self, index)

    def __add__(self, other: Any) -> list:
        return self._filled_list() + list(other)

    def __radd__(self, other: Any) -> list:
        return list(other) + self._filled_list()

    def __eq__(self, other: object) -> bool:
        return self._filled_list() == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._filled_list())

    def copy(self) -> list:
        return self._filled_list()

    def index(self, *args: Any) -> int:
        return self._filled_list().index(*args)

    def count(self, item: Any) -> int:
        return self._filled_list().count(item)


def import_skops_io() -> ModuleType:
    """``skops.io``, imported without listing the estimators until something reads the list."""
    if "skops.io" in sys.modules:
        return sys.modules["skops.io"]
    import sklearn.utils

    listing = sklearn.utils.all_estimators
    sklearn.utils.all_estimators = lambda type_filter=None: []  # skops imports it by name
    try:
        skops_io = importlib.import_module("skops.io")
    finally:
        sklearn.utils.all_estimators = listing
    trusted_types = sys.modules.get("skops.io._trusted_types")
    general = sys.modules.get("skops.io._general")
    found = getattr(trusted_types, _LIST_NAME, None)
    if found == [] and getattr(general, _LIST_NAME, None) is found:
        lazy = _EstimatorNames()
        setattr(trusted_types, _LIST_NAME, lazy)
        setattr(general, _LIST_NAME, lazy)
    elif found == []:  # laid out otherwise: make plain skops' list now, in place
        importlib.reload(trusted_types)
        found[:] = getattr(trusted_types, _LIST_NAME)
        setattr(trusted_types, _LIST_NAME, found)
    return skops_io


@contextlib.contextmanager
def without_default_estimators() -> Iterator[None]:
    """Inside, skops trusts no estimator class by default (the caller names the ones it
    trusts), so its list is not computed. Outside, it is the list plain skops has."""
    general = sys.modules.get("skops.io._general")
    current = getattr(general, _LIST_NAME, None)
    if not isinstance(current, _EstimatorNames) or current._filled:
        yield
        return
    with _swap_lock:
        setattr(general, _LIST_NAME, [])
        try:
            yield
        finally:
            setattr(general, _LIST_NAME, current)
