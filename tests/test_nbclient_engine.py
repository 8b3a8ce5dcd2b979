"""papermill's own engine (a real Jupyter kernel per notebook) in a parallel batch."""

import os

from conftest import solutions, write_variant
from curriculum.batch import grade_batch
from curriculum.gradebook import Gradebook
from curriculum.results import Status

LOOP = "while True:\n    pass\n"


def test_every_submission_gets_its_result_with_two_workers(linreg, tmp_path, capfd):
    subs = tmp_path / "subs"
    expected = {}
    for i in range(4):
        folder = subs / f"s{i}"
        folder.mkdir(parents=True)
        answers = solutions(linreg) if i % 3 == 0 else {}
        if i % 3 == 2:  # one question loops: its cell is interrupted, the rest still count
            answers = solutions(linreg)
            answers["q3"] = LOOP
        write_variant(folder / "07_linear_regression.ipynb", linreg, answers)
        expected[f"s{i}/07_linear_regression.ipynb"] = (10, 0, 9)[i % 3]
    cwd = os.getcwd()
    with Gradebook(tmp_path / "g.sqlite") as book:
        summary = grade_batch(subs, book, workers=2, engine="nbclient", cell_timeout=8)
    assert os.getcwd() == cwd
    assert summary.graded == 4 and summary.errors == 0
    scores = {s.source: r.score for s, r in summary.reports}
    assert scores == expected
    looped = [r for s, r in summary.reports if s.source.startswith("s2/")][0]
    q3 = {q.id: q for q in looped.questions}["q3"]
    assert q3.status == Status.TIMEOUT and "more than 8 s" in q3.message
    assert "IPKernelApp" not in capfd.readouterr().err
