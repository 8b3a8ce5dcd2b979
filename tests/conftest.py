"""Shared fixtures. Every test runs offline: the scikit-learn data home is an empty folder and
HTTP(S) goes to a closed local port, so anything that tries to download fails loudly."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from curriculum.exercises import load_exercise
from curriculum.notebook_builder import build_exercise_notebook

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True, scope="session")
def offline(tmp_path_factory: pytest.TempPathFactory):
    mp = pytest.MonkeyPatch()
    mp.setenv("SCIKIT_LEARN_DATA", str(tmp_path_factory.mktemp("empty-data-home")))
    mp.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    mp.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    mp.setenv("NO_PROXY", "127.0.0.1,localhost")  # servers the tests start themselves
    mp.setenv("MPLBACKEND", "Agg")
    mp.setenv("CURRICULUM_ROOT", str(REPO))
    # practice timers outside a workspace: never the real user's state folder
    mp.setenv("CURRICULUM_STATE_DIR", str(tmp_path_factory.mktemp("state")))
    # commands grade in their own process unless a test asks for the warm grader (test_warm.py):
    # no grader outlives the suite, and no test sees one another test started
    mp.setenv("CURRICULUM_WARM_GRADER", "0")
    # one BLAS/OpenMP thread, as in the grader: on 2 busy cores, many small fits with several
    # threads each run many times slower (here and in the kernels the tests start)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        mp.setenv(name, "1")
    for name in ("papermill", "nbclient", "traitlets"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        yield
    mp.undo()


@pytest.fixture(scope="session")
def linreg():
    return load_exercise("07")


CHROMIUM = next(
    (p for p in (shutil.which("chromium"), shutil.which("chromium-browser")) if p), None
)


def chromium_or_skip() -> str:
    """The system Chromium for a browser test. Missing, the test is skipped, except in CI (`CI`
    set, as CI services do), where a silently skipped browser test would hide a failure."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but no Chromium was found (apt-get install chromium)")
        pytest.skip("no Chromium found (apt-get install chromium)")
    return CHROMIUM


def write_variant(path: Path, exercise, answers: dict[str, str] | None = None, edit=None) -> Path:
    """The blank exercise with some answer cells replaced; ``edit(nb)`` may change it further."""
    nb = build_exercise_notebook(exercise)
    for cell in nb.cells:
        meta = cell.metadata.get("curriculum", {})
        if meta.get("role") == "answer" and answers and meta["question"] in answers:
            cell.source = answers[meta["question"]]
    if edit is not None:
        edit(nb)
    nbformat.write(nb, str(path))
    return path


def solutions(exercise, *ids: str) -> dict[str, str]:
    wanted = ids or tuple(q.id for q in exercise.questions)
    return {q.id: q.solution for q in exercise.questions if q.id in wanted}
