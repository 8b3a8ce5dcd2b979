"""The autograder end to end: papermill executes the notebook in a fresh kernel."""

import json

import nbformat
import pytest

from conftest import solutions, write_variant
from curriculum.grading import grade_notebook
from curriculum.results import Status


def statuses(report):
    return {q.id: q.status for q in report.questions}


def test_answer_key_scores_full_marks(linreg, tmp_path):
    report = grade_notebook(write_variant(tmp_path / "key.ipynb", linreg, solutions(linreg)))
    assert report.graded, report.error
    assert report.score == report.max_score == 10
    assert set(statuses(report).values()) == {Status.PASSED}


def test_blank_exercise_scores_zero_all_not_attempted(linreg, tmp_path):
    report = grade_notebook(write_variant(tmp_path / "blank.ipynb", linreg))
    assert report.graded and report.error is None
    assert report.score == 0
    assert set(statuses(report).values()) == {Status.NOT_ATTEMPTED}
    assert all("Traceback" not in q.message for q in report.questions)


def test_error_in_one_answer_costs_only_that_question(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q2"] = "raise ValueError('oops')\n" + answers["q2"]
    report = grade_notebook(write_variant(tmp_path / "err.ipynb", linreg, answers))
    assert statuses(report)["q2"] == Status.ERROR
    assert "ValueError: oops" in report.questions[1].message
    assert report.score == 8


def test_infinite_loop_is_interrupted_and_the_rest_graded(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q4"] = answers["q4"] + "\nwhile True:\n    pass\n"
    report = grade_notebook(write_variant(tmp_path / "loop.ipynb", linreg, answers), cell_timeout=3)
    assert statuses(report)["q4"] == Status.TIMEOUT
    assert "3 s" in report.questions[3].message
    assert report.score == 9


def test_tampering_does_not_change_the_grade(linreg, tmp_path):
    answers = {"q1": linreg.question("q1").solution}
    answers["q2"] = (
        "import curriculum.questions, curriculum.checks\n"
        "curriculum.questions.Question.evaluate = lambda *a, **k: None\n"
        "curriculum.checks.expect_array = lambda *a, **k: None\n"
        "q2.check = lambda: print('q2 passed')\n"
        "def gradient_step(X, y, w, b, lr):\n    return w, b\n"
    )

    def tamper(nb):
        for cell in nb.cells:
            meta = cell.metadata.get("curriculum", {})
            if meta.get("role") == "check":
                cell.source = "print('all checks passed')"
            if meta.get("role") == "context":
                cell.source = "X_train = None"
        nb.cells = [c for c in nb.cells if c.get("id") != "q3-check"]  # a check cell deleted
        nb.cells.append(nbformat.v4.new_code_cell("print('score 10/10')"))

    report = grade_notebook(write_variant(tmp_path / "t.ipynb", linreg, answers, tamper))
    assert statuses(report) == {
        "q1": Status.PASSED,
        "q2": Status.FAILED,
        "q3": Status.NOT_ATTEMPTED,
        "q4": Status.NOT_ATTEMPTED,
        "q5": Status.NOT_ATTEMPTED,
        "q6": Status.NOT_ATTEMPTED,
    }
    assert report.score == 2


def test_deleted_answer_cell_and_own_helper_cells(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q4"] = "r2 = make_r2()"

    def edit(nb):
        nb.cells = [c for c in nb.cells if c.get("id") != "q3-answer"]
        helper = "def make_r2():\n    return lambda t, p: 1 - ((np.asarray(t) - p) ** 2).sum() / ((np.asarray(t) - np.mean(t)) ** 2).sum()\n"
        nb.cells.insert(5, nbformat.v4.new_code_cell(helper))

    report = grade_notebook(write_variant(tmp_path / "d.ipynb", linreg, answers, edit))
    assert statuses(report)["q3"] == Status.ERROR
    assert "missing" in report.questions[2].message
    assert statuses(report)["q4"] == Status.PASSED
    assert report.score == 9


def test_seed_parameter_and_executed_notebook_without_hidden_checks(linreg, tmp_path):
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, solutions(linreg))
    report = grade_notebook(path, parameters={"seed": 5}, out_dir=tmp_path / "out")
    assert report.score == 10
    executed = (tmp_path / "out" / "07_linear_regression.ipynb").read_text()
    nb = nbformat.reads(executed, as_version=4)
    assert nb.metadata.papermill.parameters == {"seed": 5}
    for check in linreg.questions:
        for hidden in check.hidden_checks:
            assert hidden.run.__name__ not in executed
    assert "answers.sock" not in executed and "serve_answers" not in executed


def test_json_report_has_exactly_the_documented_keys(linreg, tmp_path):
    report = grade_notebook(write_variant(tmp_path / "b.ipynb", linreg))
    data = json.loads(report.to_json())
    assert set(data) == {
        "exercise",
        "notebook",
        "score",
        "max_score",
        "status",
        "error",
        "duration_s",
        "questions",
    }
    assert set(data["questions"][0]) == {"id", "points", "max_points", "status", "message"}
    assert data["exercise"] == "07_linear_regression" and data["status"] == "graded"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b'{"cells": [', "invalid JSON"),
        (b"[1, 2, 3]", "no 'nbformat' field"),
        (json.dumps({"nbformat": 3, "nbformat_minor": 0, "worksheets": []}).encode(), "nbformat 3"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_unusable_files_get_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "07_linear_regression.ipynb"
    path.write_bytes(content)
    report = grade_notebook(path)
    assert report.status == "error" and message in report.error
    assert "\n" not in report.error and report.questions == []


def test_wrong_exercise_is_refused(linreg, tmp_path):
    path = write_variant(tmp_path / "x.ipynb", linreg)
    report = grade_notebook(path, exercise="08")
    assert report.status == "error" and "not 08_logistic_regression" in report.error
    nb = nbformat.read(str(path), as_version=4)
    nb.metadata.curriculum.exercise = "13_clustering"
    nbformat.write(nb, str(path))
    report = grade_notebook(path, exercise="07")
    assert report.status == "error"
