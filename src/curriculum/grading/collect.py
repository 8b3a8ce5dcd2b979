"""The grader's own cells, run in the kernel around the learner's: seed, then serve answers.

Nothing is pickled: after the learner's cells, :func:`serve_answers` forks one process per
question from the executed notebook; each connects back to the grader and answers the checks'
requests as data (see ``curriculum.answers``).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, MutableMapping
from typing import Any

from curriculum.answers.learner_side import serve_questions


def seed_everything(namespace: MutableMapping[str, Any]) -> None:
    """Seed the random sources learner code reaches without a seed (NumPy's global state,
    ``random``) from the notebook's ``seed`` parameter, so grading is reproducible."""
    import numpy as np

    seed = namespace.get("seed", 0)
    seed = seed if isinstance(seed, int) and not isinstance(seed, bool) else 0
    random.seed(seed)
    np.random.seed(seed % 2**32)


def serve_answers(
    namespace: Mapping[str, Any],
    questions: Mapping[str, list[str]],
    address: str,
    cpu_seconds: float,
) -> None:
    """Hand the learner's answers to the grader listening at ``address``."""
    serve_questions(namespace, questions, address, cpu_seconds)
