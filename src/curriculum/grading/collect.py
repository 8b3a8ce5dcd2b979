"""Runs inside the grading kernel, after the learner's cells: ship their answers out.

Each answer is pickled on its own (cloudpickle, so functions and classes defined in the
notebook travel by value) and the checks run in a separate, clean process.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Mapping
from typing import Any

import cloudpickle

MAX_ANSWER_BYTES = 200 * 1024 * 1024


def dump_answers(namespace: Mapping[str, Any], names: Iterable[str], path: str) -> None:
    """Write ``{name: ("ok", bytes) | ("error", reason)}`` for every name that is defined."""
    payload: dict[str, tuple[str, Any]] = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            blob = cloudpickle.dumps(namespace[name])
        except Exception as exc:  # whatever the learner stored, grading must go on
            payload[name] = ("error", f"`{name}` cannot be copied for grading: {exc}"[:300])
            continue
        if len(blob) > MAX_ANSWER_BYTES:
            payload[name] = ("error", f"`{name}` is too large to grade ({len(blob) >> 20} MiB)")
        else:
            payload[name] = ("ok", blob)
    with open(path, "wb") as handle:
        pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
