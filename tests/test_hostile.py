"""Hostile and broken submissions: each gets a result and the other questions keep their credit."""

import json

import nbformat
import pytest

from conftest import solutions, write_variant
from curriculum.grading import grade_notebook
from curriculum.results import Status


def grade_with(linreg, tmp_path, question, code, *, prepend=False, **options):
    answers = solutions(linreg)
    answers[question] = (
        code + "\n" + answers[question] if prepend else answers[question] + "\n" + code
    )
    report = grade_notebook(
        write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers), **options
    )
    assert report.graded, report.error
    by_id = {q.id: q for q in report.questions}
    others = [q for q in report.questions if q.id != question]
    return by_id[question], others, report


def assert_others_passed(others):
    assert [q.status for q in others] == [Status.PASSED] * len(others), [
        (q.id, q.message) for q in others
    ]


def test_infinite_loop_times_out(linreg, tmp_path):
    hit, others, _ = grade_with(linreg, tmp_path, "q3", "while True:\n    pass", cell_timeout=2)
    assert hit.status == Status.TIMEOUT and "more than 2 s" in hit.message
    assert_others_passed(others)


def test_loop_that_ignores_the_alarm_is_killed(linreg, tmp_path):
    code = "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass"
    hit, others, _ = grade_with(linreg, tmp_path, "q3", code, cell_timeout=1)
    assert hit.status == Status.TIMEOUT
    assert_others_passed(others)


def test_slow_notebook_hits_the_whole_notebook_limit(linreg, tmp_path):
    answers = {q: "import time\ntime.sleep(1.5)\n" + s for q, s in solutions(linreg).items()}
    path = write_variant(tmp_path / "slow.ipynb", linreg, answers)
    report = grade_notebook(path, timeout=4, cell_timeout=10)
    statuses = [q.status for q in report.questions]
    assert statuses[:2] == [Status.PASSED, Status.PASSED]
    assert set(statuses[2:]) == {Status.TIMEOUT}
    assert "4 s limit" in report.questions[-1].message


@pytest.mark.parametrize(
    "code",
    [
        # each would succeed without the cap on a machine with a few GiB free: 3 GiB, written
        "import numpy as np\nhuge = np.ones(3 * 1024**3 // 8)",
        "blob = bytearray(3 * 1024**3)",
        "grow = []\nwhile True:\n    grow.append(bytearray(50 * 1024**2))",
    ],
    ids=["numpy-3GiB", "bytearray-3GiB", "growing"],
)
def test_memory_bomb_is_out_of_memory(linreg, tmp_path, code):
    hit, others, _ = grade_with(linreg, tmp_path, "q4", code, memory=1024**3)
    assert hit.status == Status.ERROR and "out of memory" in hit.message and "1 GiB" in hit.message
    assert_others_passed(others)


@pytest.mark.parametrize(
    ("code", "why"),
    [
        ("import os\nos._exit(1)", "exited with status 1"),
        ("import os\nos.kill(os.getpid(), 9)", "killed"),
        ("import ctypes\nctypes.string_at(0)", "segmentation fault"),
    ],
)
def test_kernel_death_costs_only_its_question(linreg, tmp_path, code, why):
    hit, others, report = grade_with(linreg, tmp_path, "q2", code)
    assert hit.status == Status.ERROR
    assert hit.message.startswith("kernel died in cell ") and why in hit.message
    assert_others_passed(others)
    assert report.score == 8


def test_huge_output_is_capped(linreg, tmp_path):
    code = "for _ in range(3000):\n    print('x' * 100_000)"
    answers = solutions(linreg)
    answers["q1"] += "\n" + code
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    report = grade_notebook(path, out_dir=tmp_path / "out")
    assert report.score == 10
    executed = tmp_path / "out" / "07_linear_regression.ipynb"
    assert executed.stat().st_size < 3 * 1024**2
    assert "output truncated" in executed.read_text()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"cells": [], "metadata": {}, "nbformat": 4, ', "invalid JSON"),
        ('{"nbformat": 4, "cells": 7}', "'cells' is missing or not a list"),
        ('{"nbformat": 4, "cells": [{"cell_type": "movie"}]}', "cell 0 is not a valid"),
        ("null", "no 'nbformat' field"),
    ],
)
def test_broken_files(tmp_path, content, message):
    path = tmp_path / "07_linear_regression.ipynb"
    path.write_text(content)
    report = grade_notebook(path)
    assert report.status == "error" and message in report.error and "\n" not in report.error


def test_notebook_for_another_exercise(linreg, tmp_path):
    path = write_variant(tmp_path / "08_logistic_regression.ipynb", linreg)
    report = grade_notebook(path, exercise="07")
    assert report.graded  # the notebook says 07, as asked
    other = json.loads(path.read_text())
    other["metadata"]["curriculum"]["exercise"] = "99_no_such_module"
    path.write_text(json.dumps(other))
    report = grade_notebook(path)
    assert report.status == "error" and "99_no_such_module" in report.error


def test_duplicated_reordered_and_same_id_cells(linreg, tmp_path):
    def edit(nb):
        by_id = {c.id: c for c in nb.cells}
        q4 = by_id["q4-answer"]
        nb.cells.remove(q4)
        nb.cells.insert(2, q4)  # reordered: q4's answer before the context
        nb.cells.append(nbformat.from_dict(dict(by_id["q1-answer"])))  # duplicated
        nb.cells[-1].source = "ols_fit = None  # a stale copy"
        nb.cells[-1].id = "stale-copy"

    path = write_variant(tmp_path / "d.ipynb", linreg, solutions(linreg), edit)
    raw = json.loads(path.read_text())
    for cell in raw["cells"]:
        if cell["id"] in ("q2-check", "stale-copy"):
            cell["id"] = "q1-check"  # three cells with the same id, as a bad merge leaves them
    path.write_text(json.dumps(raw))
    report = grade_notebook(path)
    assert report.graded
    statuses = {q.id: q.status for q in report.questions}
    # the later duplicate of q1 wins, as it would in Jupyter; q4 is graded in its slot
    assert statuses["q1"] == Status.FAILED and statuses["q4"] == Status.PASSED
    assert report.score == 8


def test_fake_results_printed_by_student_code(linreg, tmp_path):
    fake = json.dumps({"score": 10, "max_score": 10, "status": "graded"})
    hit, others, report = grade_with(
        linreg, tmp_path, "q2", f"print({fake!r})\ndef gradient_step(*a):\n    return 0, 0"
    )
    assert hit.status == Status.FAILED and report.score == 8


def test_grading_is_deterministic(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q5"] = (
        "from sklearn.linear_model import SGDRegressor\nsparse_model = SGDRegressor().fit(Xs_train, ys_train)"
    )
    path = write_variant(tmp_path / "det.ipynb", linreg, answers)
    first, second = grade_notebook(path), grade_notebook(path)
    assert [q.to_dict() for q in first.questions] == [q.to_dict() for q in second.questions]


def test_nothing_leaks_between_submissions(linreg, tmp_path):
    poison = (
        "import numpy, sklearn, builtins\n"
        "numpy.linalg.solve = lambda *a: 'poisoned'\n"
        "builtins.len = lambda x: 0\n"
        "open('leftover.txt', 'w').write('x')\n"
        "import curriculum.checks\n"
        "curriculum.checks.expect_array = None\n"
    )
    answers = {"q1": poison + linreg.question("q1").solution}
    first = grade_notebook(write_variant(tmp_path / "a.ipynb", linreg, answers))
    assert first.graded
    probe = "import os, builtins\nassert not os.path.exists('leftover.txt')\nassert builtins.len([1]) == 1\n"
    answers = solutions(linreg)
    answers["q1"] = probe + answers["q1"]
    second = grade_notebook(write_variant(tmp_path / "b.ipynb", linreg, answers))
    assert second.score == 10, [(q.id, q.message) for q in second.questions]


def test_sys_exit_inside_a_learner_function_fails_only_its_check(linreg, tmp_path):
    code = "def gradient_step(X, y, w, b, lr):\n    import sys\n    sys.exit(0)"
    hit, others, report = grade_with(linreg, tmp_path, "q2", code)
    assert hit.status == Status.FAILED
    assert "raised SystemExit: sys.exit(0) was called" in hit.message
    assert_others_passed(others)
