import shutil

import pytest
from click.testing import CliRunner

import curriculum.validate
from conftest import REPO
from curriculum.cli import main
from curriculum.exercises import has_exercise
from curriculum.notebook_builder import cell_role
from curriculum.syllabus import SYLLABUS, find_module
from curriculum.validate import offline_environment, validate_module, validate_modules

WITH_CONTENT = [
    m for m in SYLLABUS if (REPO / m.lesson_path).is_file() or (REPO / m.exercise_path).is_file()
]


@pytest.fixture(scope="module")
def every_report():
    """All modules validated once, two at a time, as `curriculum validate` does on 2 cores."""
    return {r.module.stem: r for r in validate_modules(WITH_CONTENT, REPO, workers=2)}


@pytest.mark.parametrize("module", WITH_CONTENT, ids=lambda m: m.stem)
def test_every_module_passes_everything_ci_checks(module, every_report):
    report = every_report[module.stem]
    assert report.ok, report.problems
    assert report.checked == ["lesson runs", "key 100%", "blank 0%", "known mistakes named"]
    assert has_exercise(module)


def test_the_worked_example_is_among_the_validated_modules():
    assert "07_linear_regression" in [m.stem for m in WITH_CONTENT]


def test_a_module_without_content_has_nothing_to_fail(tmp_path, monkeypatch):
    import curriculum.validate

    monkeypatch.setattr(curriculum.validate, "has_exercise", lambda module: False)
    report = validate_module(find_module("19"), tmp_path)  # no notebooks, no spec
    assert report.ok and report.checked == []


def test_parallel_validation_reports_in_syllabus_order_as_each_finishes(tmp_path):
    modules = [find_module("07"), find_module("02")]
    finished = []
    reports = validate_modules(modules, tmp_path, workers=2, on_done=finished.append)
    assert [r.module.id for r in reports] == ["07", "02"]
    assert sorted(r.module.id for r in finished) == ["02", "07"]
    for report in reports:  # a root without the exercise notebooks: each says so, on its own
        assert not report.ok
        assert any("is missing (run `curriculum build`)" in p for p in report.problems)


def test_a_module_whose_validation_crashes_fails_alone(monkeypatch, tmp_path):
    def crash(module, root):
        if module.id == "07":
            raise RuntimeError("disk on fire")
        return curriculum.validate.ModuleValidation(module, checked=["fine"])

    monkeypatch.setattr(curriculum.validate, "validate_module", crash)
    reports = validate_modules([find_module("07"), find_module("08")], tmp_path, workers=1)
    assert reports[0].problems == ["validation crashed: RuntimeError: disk on fire"]
    assert reports[1].ok


@pytest.fixture
def broken_key(monkeypatch, tmp_path):
    """A root with exercise 07 only (no lesson to run), whose answer key gets q4 wrong."""
    (tmp_path / "exercises").mkdir()
    shutil.copy(REPO / "exercises/07_linear_regression.ipynb", tmp_path / "exercises")
    build = curriculum.validate.build_exercise_notebook

    def build_with_a_wrong_q4(exercise, answers="template"):
        nb = build(exercise, answers)
        if answers == "solution":
            for cell in nb.cells:
                if cell_role(cell) == ("answer", "q4"):
                    cell.source = "def r2(y_true, y_pred):\n    return 0.5\n"
        return nb

    monkeypatch.setattr(curriculum.validate, "build_exercise_notebook", build_with_a_wrong_q4)
    return tmp_path


def test_a_key_that_does_not_score_full_marks_fails_validation(broken_key):
    report = validate_module(find_module("07"), broken_key)
    assert not report.ok
    [problem] = report.problems
    assert problem.startswith("answer key scores 9/10") and "q4" in problem
    assert "FAIL  07_linear_regression: answer key scores 9/10" in report.summary()


def test_validate_command_exits_non_zero_naming_the_question(broken_key, monkeypatch):
    monkeypatch.setenv("CURRICULUM_ROOT", str(broken_key))
    for name in offline_environment():  # the command sets these; restore them afterwards
        monkeypatch.setenv(name, "")
    result = CliRunner().invoke(main, ["validate", "07"])
    assert result.exit_code == 1
    assert "FAIL  07_linear_regression: answer key scores 9/10" in result.output
    assert "q4:" in result.output


def test_a_lesson_without_a_seed_parameter_fails_validation(tmp_path):
    import nbformat

    nb = nbformat.read(str(REPO / "notebooks/07_linear_regression.ipynb"), as_version=4)
    for cell in nb.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.metadata["tags"] = []
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, str(tmp_path / "notebooks/07_linear_regression.ipynb"))
    report = validate_module(find_module("07"), tmp_path)
    assert "07_linear_regression.ipynb: no cell tagged 'parameters'" in " ".join(report.problems)


def test_a_lesson_over_its_time_budget_fails_validation(tmp_path, monkeypatch):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    monkeypatch.setattr(curriculum.validate, "has_exercise", lambda module: False)
    nb = new_notebook(
        cells=[
            new_code_cell("seed = 0", metadata={"tags": ["parameters"]}),
            new_code_cell("import time\ntime.sleep(1.5)"),
        ]
    )
    (tmp_path / "notebooks").mkdir()
    nbformat.write(nb, str(tmp_path / find_module("07").lesson_path))
    slow = validate_module(find_module("07"), tmp_path, lesson_budget_s=1.0)
    assert slow.lesson_s > 1.5
    assert any("over the 1s budget" in p for p in slow.problems), slow.problems
    roomy = validate_module(find_module("07"), tmp_path, lesson_budget_s=60.0)
    assert roomy.ok, roomy.problems
