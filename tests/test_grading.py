"""The autograder end to end: papermill executes the notebook in a fresh kernel."""

import ast
import inspect
import json
import textwrap

import nbformat
import pytest

from conftest import solutions, write_variant
from curriculum.grading import grade_notebook
from curriculum.notebook_builder import build_exercise_notebook
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


def test_error_after_a_correct_answer_keeps_the_points(linreg, tmp_path):
    answers = solutions(linreg)
    answers["q4"] += '\nraise ValueError("oops")\n'  # r2 is defined before the cell raises
    report = grade_notebook(write_variant(tmp_path / "late.ipynb", linreg, answers))
    q4 = report.questions[3]
    assert (q4.id, q4.status, q4.points) == ("q4", Status.PASSED, 1)
    assert "raised ValueError" in q4.message
    assert report.score == 10


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


def all_strings(data):
    """Every string in a JSON document, unescaped: what a reader of the file can see."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from all_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_strings(item)


def hidden_check_secrets(exercise):
    """Every hidden check's source lines (code, inputs, literals) and string constants (the
    messages it raises), and the values q1's hidden check expects, printed as a message would."""
    from curriculum.exercises.linear_regression import _random_problem, _reference_ols

    secrets = set()
    for question in exercise.questions:
        for check in question.hidden_checks:
            source = textwrap.dedent(inspect.getsource(check.run))
            secrets.update(line.strip() for line in source.splitlines())
            secrets.update(  # string literals: the messages it raises, the names it uses
                node.value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Constant)
            )
    # what the blank exercise itself shows (names such as `ols_fit(X, y)`) is no secret
    public = "\n".join(cell.source for cell in build_exercise_notebook(exercise).cells)
    secrets = {s for s in secrets if isinstance(s, str) and len(s) >= 12 and s not in public}
    for seed, n, p in [(11, 50, 5), (12, 8, 1), (13, 200, 12), (22, 100, 3)]:  # hidden problems
        secrets.update(f"{v:.6g}" for v in _reference_ols(*_random_problem(seed, n, p)[:2]))
    return secrets


def test_seed_parameter_and_executed_notebook_without_hidden_checks(linreg, tmp_path):
    answers = solutions(linreg)
    # pass the public checks, fail hidden ones: the hidden failure paths run during grading
    answers["q2"] = (  # ignores lr: right at the public check's rate, wrong at any other
        "def gradient_step(X, y, w, b, lr):\n"
        "    r = X @ w + b - y\n"
        "    return w - 0.05 * 2 / len(y) * X.T @ r, b - 0.05 * 2 / len(y) * r.sum()\n"
    )
    answers["q6"] = answers["q6"].replace(  # ignores its alphas argument
        "for a in alphas])", "for a in [0.1, 1.0, 10.0, 100.0, 1000.0]])"
    )
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    report = grade_notebook(path, parameters={"seed": 5}, out_dir=tmp_path / "out")
    assert report.score == 6
    failed = {q.id: q.message for q in report.questions if q.status == Status.FAILED}
    assert set(failed) == {"q2", "q6"} and all("hidden check" in m for m in failed.values())
    executed = (tmp_path / "out" / "07_linear_regression.ipynb").read_text()
    nb = nbformat.reads(executed, as_version=4)
    assert nb.metadata.papermill.parameters == {"seed": 5}
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "seed = 5" in injected[0].source
    # what the learner gets back: the executed notebook and the report
    seen = "\n".join([*all_strings(json.loads(executed)), *all_strings(report.to_dict())])
    secrets = hidden_check_secrets(linreg)
    assert len(secrets) > 40
    leaked = sorted(secret for secret in secrets if secret in seen)
    assert leaked == []
    assert "answers.sock" not in seen and "serve_answers" not in seen


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


def test_a_data_answer_larger_than_a_socket_buffer_is_graded_promptly(linreg, tmp_path):
    """q3's model carries 8 MB of extra data: it must cross, and the later questions with it,
    instead of stalling the notebook's last cell until its time limit."""
    answers = solutions(linreg)
    answers["q3"] += "\nmodel.ballast_ = np.arange(1_000_000, dtype=float)\n"
    path = write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)
    report = grade_notebook(path, cell_timeout=20)
    assert report.score == 10, [(q.id, q.message) for q in report.questions]
    assert report.duration_s < 15
