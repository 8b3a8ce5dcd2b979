"""The learner's workspace: copies that are theirs, updates that never overwrite, reset."""

import json
import shutil
import subprocess
import sys
import zipfile

import nbformat
import pytest
from click.testing import CliRunner

from conftest import REPO, solutions, write_variant
from curriculum.cli import main
from curriculum.exercises import load_exercise
from curriculum.notebook_builder import build_exercise_notebook, cell_role
from curriculum.syllabus import SYLLABUS, find_module
from curriculum.workspace import MARKER, WorkspaceError, find_workspace, open_workspace

SHIPPED = sorted(
    path
    for module in SYLLABUS
    for path in (module.lesson_path, module.exercise_path)
    if (REPO / path).is_file()
)


def only_module_07(tmp_path):
    """A curriculum source with module 07 alone, whatever else the repository holds."""
    source = tmp_path / "source"
    for relative in (
        "notebooks/07_linear_regression.ipynb",
        "exercises/07_linear_regression.ipynb",
    ):
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / relative, source / relative)
    return source


def run(*args, cwd=None, monkeypatch=None):
    if cwd is not None:
        monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, list(args))


def test_start_makes_a_workspace_with_a_copy_of_every_notebook(tmp_path, monkeypatch):
    result = run("start", "--no-lab", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    root = tmp_path / "curriculum-workspace"
    assert f"created workspace {root}, added {len(SHIPPED)} notebook(s)" in result.output
    assert (root / MARKER).is_file()
    for relative in SHIPPED:
        assert (root / relative).read_bytes() == (REPO / relative).read_bytes()
    assert find_workspace(root / "exercises").root == root


def test_a_second_start_keeps_the_learners_work_and_adds_new_modules(tmp_path):
    source = tmp_path / "v1"
    for relative in (
        "notebooks/07_linear_regression.ipynb",
        "exercises/07_linear_regression.ipynb",
    ):
        (source / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / relative, source / relative)
    workspace = tmp_path / "ws"
    first = open_workspace(workspace, source)
    assert first.created and len(first.added) == 2
    mine = workspace / "exercises/07_linear_regression.ipynb"
    mine.write_text(mine.read_text().replace("____", "42", 1))
    learner_bytes = mine.read_bytes()
    # an upgrade brings module 08's notebooks and a changed 07 exercise
    for relative in (
        "notebooks/08_logistic_regression.ipynb",
        "exercises/08_logistic_regression.ipynb",
    ):
        (source / relative).write_text("{}")
    (source / "exercises/07_linear_regression.ipynb").write_text("{}")
    second = open_workspace(workspace, source)
    assert not second.created
    assert sorted(second.added) == [
        "exercises/08_logistic_regression.ipynb",
        "notebooks/08_logistic_regression.ipynb",
    ]
    assert "exercises/07_linear_regression.ipynb" in second.kept
    assert mine.read_bytes() == learner_bytes


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: (p / "ws").write_text("a file"), "exists and is not a folder"),
        (lambda p: ((p / "ws").mkdir(), (p / "ws/thesis.tex").write_text("x")), "is not empty"),
    ],
    ids=["a-file", "someone-elses-folder"],
)
def test_folders_that_are_not_a_workspace_are_refused_untouched(tmp_path, setup, message):
    setup(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(WorkspaceError, match=message):
        open_workspace(tmp_path / "ws", REPO)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_workspace_inside_the_curriculum_itself_is_refused(monkeypatch):
    result = run("start", "--no-lab", str(REPO / "exercises" / "mine"), monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "cannot live inside the curriculum's own files" in result.output
    assert not (REPO / "exercises" / "mine").exists()


def test_reset_gives_a_fresh_exercise_and_keeps_the_old_one(tmp_path, monkeypatch):
    open_workspace(tmp_path / "ws", REPO)
    mine = tmp_path / "ws/exercises/07_linear_regression.ipynb"
    mine.write_text("my work")
    result = run("reset", "07", cwd=tmp_path / "ws" / "exercises", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    [backup] = (tmp_path / "ws/exercises").glob("07_linear_regression.backup-*.ipynb")
    assert backup.read_text() == "my work"
    assert f"kept your work as exercises/{backup.name}" in result.output
    assert mine.read_bytes() == (REPO / "exercises/07_linear_regression.ipynb").read_bytes()
    run("reset", "07", cwd=tmp_path / "ws", monkeypatch=monkeypatch)  # twice: two backups
    assert len(list((tmp_path / "ws/exercises").glob("07_*.backup-*.ipynb"))) == 2


def test_reset_outside_a_workspace_or_of_a_module_without_exercise(tmp_path, monkeypatch):
    result = run("reset", "07", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 1 and "not inside a curriculum workspace" in result.output
    monkeypatch.setenv("CURRICULUM_ROOT", str(only_module_07(tmp_path)))
    open_workspace(tmp_path / "ws")
    result = run("reset", "19", cwd=tmp_path / "ws", monkeypatch=monkeypatch)
    assert result.exit_code == 1 and "19_interview_prep has no exercise to reset" in result.output
    assert run("reset", "99", cwd=tmp_path / "ws", monkeypatch=monkeypatch).exit_code == 2


def test_the_wheel_ships_the_notebooks_and_start_works_from_it(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path / "dist"), str(REPO)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = (tmp_path / "dist").glob("curriculum-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for relative in SHIPPED:
        assert f"curriculum/content/{relative}" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    started = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "start", "--no-lab", str(tmp_path / "ws")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert started.returncode == 0, started.stderr
    for relative in SHIPPED:
        assert (tmp_path / "ws" / relative).read_bytes() == (REPO / relative).read_bytes()


def test_progress_records_checks_and_grades_and_points_to_the_next_module(tmp_path, monkeypatch):
    from curriculum.learner import bind_questions
    from curriculum.workspace.progress import path_progress

    linreg = find_module("07")
    open_workspace(tmp_path / "ws", REPO)
    workspace = find_workspace(tmp_path / "ws")
    [row] = [r for r in path_progress(workspace) if r.id == "07"]
    assert (row.state, row.exercise_attempted, row.score) == ("not started", False, None)

    # check() in a notebook whose folder is in the workspace records what it found
    monkeypatch.chdir(tmp_path / "ws" / "exercises")
    from curriculum.exercises import load_exercise

    exercise = load_exercise("07")
    namespace = exercise.run_context(seed=0)
    q1, q2, *_ = bind_questions("07", namespace)
    q1.check()  # not attempted
    exec(exercise.question("q1").solution, namespace)
    assert q1.check().status == "passed"
    [row] = [r for r in path_progress(workspace) if r.id == "07"]
    assert (row.state, row.exercise_attempted, row.checks_passed) == ("in progress", True, 1)

    # a grade of the learner's file: 10/10 passes the module
    path = workspace.exercise(linreg)
    write_variant(path, exercise, solutions(exercise))
    result = CliRunner().invoke(main, ["grade", str(path)])
    assert result.exit_code == 0, result.output
    [row] = [r for r in path_progress(workspace) if r.id == "07"]
    assert (row.score, row.max_score, row.passed, row.state) == (10, 10, True, "passed")

    listed = CliRunner().invoke(main, ["list"])
    assert "07  Linear regression" in listed.output and "passed" in listed.output
    data = json.loads(CliRunner().invoke(main, ["progress", "--json"]).output)
    assert {m["id"]: m["state"] for m in data["modules"]}["07"] == "passed"
    table = CliRunner().invoke(main, ["progress"]).output
    assert "07 Linear regression" in table and "10/10 (100%)" in table


def test_a_grade_below_the_pass_mark_keeps_the_module_next(tmp_path, monkeypatch):
    from curriculum.exercises import load_exercise
    from curriculum.workspace.progress import next_module, path_progress

    exercise = load_exercise("07")
    source = only_module_07(tmp_path)
    open_workspace(tmp_path / "ws", source)
    workspace = find_workspace(tmp_path / "ws")
    path = workspace.exercise(find_module("07"))
    write_variant(path, exercise, solutions(exercise, "q1", "q2"))  # 4 of 10 points
    assert CliRunner().invoke(main, ["grade", str(path)]).exit_code == 0
    rows = path_progress(workspace, source)
    [row] = [r for r in rows if r.id == "07"]
    assert (row.score, row.passed, row.state) == (4, False, "in progress")
    assert next_module(rows).id == "07"


def test_next_is_the_first_unpassed_module_whose_prerequisites_are_passed():
    from curriculum.workspace.progress import ModuleProgress, next_module

    def row(id_, passed, prerequisites=(), available=True):
        return ModuleProgress(
            id_, id_, id_, available, False, False, 0, 6, None, None, passed, prerequisites
        )

    rows = [row("01", True), row("02", False, ("01",)), row("03", False, ("02",))]
    assert next_module(rows).id == "02"
    rows = [row("01", True), row("02", True), row("03", False, ("02",)), row("04", False)]
    assert next_module(rows).id == "03"
    # a prerequisite that is not passed blocks; one that does not exist yet does not
    rows = [row("05", False, ("04",)), row("04", False, ("03",)), row("03", True)]
    assert next_module(rows).id == "04"
    rows = [row("01", False, available=False), row("02", False, ("01",))]
    assert next_module(rows).id == "02"
    assert next_module([row("01", True)]) is None


def test_progress_html_opens_from_disk_with_the_path_chart(tmp_path, monkeypatch):
    monkeypatch.setenv("CURRICULUM_ROOT", str(only_module_07(tmp_path)))
    open_workspace(tmp_path / "ws")
    page = tmp_path / "path.html"
    result = run("progress", "--html", str(page), cwd=tmp_path / "ws", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "")  # nothing to fetch
    for module in SYLLABUS:
        assert f"<td>{module.id}</td>" in text
    assert 'class="next"' in text and "next: 07 Linear regression" in text


def test_a_broken_progress_database_never_breaks_check_or_progress(tmp_path, monkeypatch):
    from curriculum.learner import bind_questions

    open_workspace(tmp_path / "ws", REPO)
    (tmp_path / "ws/.curriculum/progress.sqlite").write_bytes(b"not a database" * 100)
    monkeypatch.chdir(tmp_path / "ws")
    from curriculum.exercises import load_exercise

    q1 = bind_questions("07", load_exercise("07").run_context(seed=0))[0]
    assert q1.check().status == "not_attempted"
    result = CliRunner().invoke(main, ["progress"])
    assert result.exit_code == 0 and "07 Linear regression" in result.output


def test_help_lists_learner_commands_first():
    text = CliRunner().invoke(main, ["--help"]).output
    learner, others = text.split("For instructors and authors:")
    for name in ("start", "list", "progress", "grade", "reset"):
        assert f"  {name} " in learner
    for name in ("key", "build", "validate", "gradebook"):
        assert f"  {name} " in others and f"  {name} " not in learner


def test_blank_copies_are_valid_notebooks(tmp_path):
    open_workspace(tmp_path / "ws", REPO)
    for relative in SHIPPED:
        nbformat.validate(nbformat.read(str(tmp_path / "ws" / relative), as_version=4))


def test_a_timed_practice_is_reported_by_grade_in_the_workspace(tmp_path, monkeypatch):
    import time as clock

    from curriculum.learner import start_timer

    open_workspace(tmp_path / "ws", REPO)
    workspace = find_workspace(tmp_path / "ws")
    path = workspace.exercise(find_module("07"))
    result = CliRunner().invoke(main, ["grade", str(path)])
    assert "practice time" not in result.output  # no timer started: nothing said
    monkeypatch.chdir(path.parent)  # where the notebook's kernel runs
    assert "will report your time" in start_timer("07", 30).body
    real = clock.time
    monkeypatch.setattr(clock, "time", lambda: real() + 45 * 60)  # 45 minutes later
    result = CliRunner().invoke(main, ["grade", str(path)])
    assert result.exit_code == 0, result.output
    assert "practice time: 45 min of 30, 15 over" in result.output


def test_a_timed_practice_outside_a_workspace_is_reported_by_grade(tmp_path, monkeypatch):
    import time as clock

    from curriculum.learner import start_timer
    from curriculum.practice_timer import state_file

    monkeypatch.setenv("CURRICULUM_STATE_DIR", str(tmp_path / "state"))
    folder = tmp_path / "handed-out"
    folder.mkdir()
    path = folder / "19_interview_prep.ipynb"
    key = build_exercise_notebook(load_exercise("19"), "solution")
    setup = max(i for i, c in enumerate(key.cells) if cell_role(c)[0] == "context")
    key.cells.insert(setup + 1, nbformat.v4.new_code_cell("start_timer(30)"))
    nbformat.write(key, str(path))
    monkeypatch.chdir(folder)  # where the notebook's kernel runs
    assert "will report your time" in start_timer("19", 30).body
    real = clock.time
    monkeypatch.setattr(clock, "time", lambda: real() + 45 * 60)  # 45 minutes later
    result = CliRunner().invoke(main, ["grade", str(path)])
    assert result.exit_code == 0, result.output
    assert "practice time: 45 min of 30, 15 over" in result.output
    # the notebook's own start_timer(30) ran again while graded: that replay records nothing
    assert len(json.loads(state_file().read_text())) == 1
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(path, other)
    result = CliRunner().invoke(main, ["grade", str(other / path.name)])
    assert "practice time" not in result.output  # a timer belongs to its own folder


def test_the_grader_folder_never_records_a_timer(tmp_path, monkeypatch):
    from curriculum.practice_timer import GRADING_MARKER, state_file
    from curriculum.workspace.progress import record_timer_start

    monkeypatch.setenv("CURRICULUM_STATE_DIR", str(tmp_path / "state"))
    (tmp_path / GRADING_MARKER).touch()
    assert not record_timer_start("19", 30, tmp_path)
    assert not state_file().exists()


def test_an_unwritable_or_corrupt_timers_file_costs_only_the_report(tmp_path, monkeypatch):
    from curriculum.practice_timer import elapsed, record_start, state_file

    monkeypatch.setenv("CURRICULUM_STATE_DIR", str(tmp_path / "state"))
    state_file().parent.mkdir(parents=True)
    state_file().write_text("{not json")
    assert elapsed("19", tmp_path) is None
    assert record_start("19", 30, tmp_path)  # a corrupt file is replaced, not fatal
    assert elapsed("19", tmp_path)[1] == 30
    (tmp_path / "blocked").write_text("a file where the state folder should be")
    monkeypatch.setenv("CURRICULUM_STATE_DIR", str(tmp_path / "blocked"))
    assert not record_start("19", 30, tmp_path)


def test_start_inside_a_clone_puts_the_workspace_beside_it(tmp_path, monkeypatch):
    source = only_module_07(tmp_path)
    monkeypatch.chdir(source)
    update = open_workspace(None, source)
    assert update.workspace.root == tmp_path / "curriculum-workspace"
    assert (tmp_path / "curriculum-workspace" / "exercises/07_linear_regression.ipynb").is_file()
    assert not (source / "curriculum-workspace").exists()


@pytest.mark.parametrize("args", [["--ServerApp.x=1"], ["--", "--ServerApp.x=1"]])
def test_a_jupyterlab_option_is_passed_on_not_taken_for_the_folder(args, tmp_path, monkeypatch):
    import curriculum.workspace.jupyter

    commands = []
    monkeypatch.setattr(
        curriculum.workspace.jupyter, "run_lab", lambda command, ready: commands.append(command)
    )
    result = run("start", "--no-browser", *args, cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "curriculum-workspace" / MARKER).is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["curriculum-workspace"]
    assert "--ServerApp.x=1" in commands[0].argv
