import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from conftest import REPO, solutions, write_variant
from curriculum.cli import main
from curriculum.gradebook import Gradebook
from curriculum.validate import offline_environment


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_list_shows_all_modules_with_status():
    result = run("list")
    assert result.exit_code == 0
    assert result.output.count("\n    serves:") == 19
    assert "07  Linear regression" in result.output and "lesson ✓ · exercise ✓" in result.output


def test_list_json():
    rows = json.loads(run("list", "--json").output)
    assert len(rows) == 19
    row = rows[6]
    assert row["id"] == "07" and row["lesson_exists"] and row["exercise_exists"]
    assert {"title", "objectives", "career_step", "minutes", "prerequisites"} <= set(row)
    for row in rows:  # what the repository holds, module by module
        assert row["exercise_exists"] == (REPO / row["exercise"]).is_file()
        assert row["lesson_exists"] == (REPO / row["lesson"]).is_file()


def test_grade_json_and_exit_status(tmp_path):
    bad = tmp_path / "broken.ipynb"
    bad.write_text("{ not json")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "curriculum.cli",
            "grade",
            "--json",
            str(REPO / "exercises/07_linear_regression.ipynb"),
            str(bad),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["graded", "error"]
    assert lines[0]["score"] == 0 and lines[1]["error"].startswith("not a notebook")


def test_grade_table_and_usage_error(tmp_path):
    result = run("grade", str(REPO / "exercises/07_linear_regression.ipynb"))
    assert result.exit_code == 0
    assert (
        "q6" in result.output and "not attempted" in result.output and "total 0/10" in result.output
    )
    assert run("grade").exit_code == 2
    assert run("grade", "--cell-timeout", "-1", "x.ipynb").exit_code == 2


@pytest.fixture
def module_01_without_exercise(monkeypatch):
    """Module 01 as it was before its exercise existed: in the syllabus, no spec."""
    import curriculum.exercises

    real = curriculum.exercises.has_exercise
    monkeypatch.setattr(
        curriculum.exercises, "has_exercise", lambda module: module.id != "01" and real(module)
    )


def test_key_writes_the_answer_key(tmp_path, module_01_without_exercise):
    result = run("key", "linear-regression", "-o", str(tmp_path))
    assert result.exit_code == 0
    text = (tmp_path / "07_linear_regression.ipynb").read_text()
    assert "np.linalg.solve" in text and "____" not in text.split("import ____")[1]
    assert run("key", "01", "-o", str(tmp_path)).exit_code == 1
    assert run("key", "99").exit_code == 2


def answer_key_with(tmp_path, linreg, extra_q4=""):
    answers = solutions(linreg)
    answers["q4"] += extra_q4
    return write_variant(tmp_path / "07_linear_regression.ipynb", linreg, answers)


def cell(nb, cell_id):
    [found] = [c for c in nb.cells if c.get("id") == cell_id]
    return found


def stream_text(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_grade_seed_reaches_the_notebook_and_out_keeps_it(linreg, tmp_path):
    path = answer_key_with(tmp_path, linreg, "\nprint(f'seed is {seed}')\n")
    out = tmp_path / "executed"
    result = run("grade", "--json", "--seed", "5", "--out", str(out), str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["score"] == 10
    executed = out / "07_linear_regression.ipynb"
    nb = nbformat.read(str(executed), as_version=4)
    assert nb.metadata.papermill.parameters == {"seed": 5}
    [injected] = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert "seed = 5" in injected.source
    assert "seed is 5" in stream_text(cell(nb, "q4-answer"))  # the learner's code saw it
    assert "331 train / 111 test rows" in stream_text(cell(nb, "context"))
    assert all(c.execution_count for c in nb.cells if c.cell_type == "code")
    # without --seed the exercise's own default applies
    result = run("grade", "--out", str(out), str(path))
    assert result.exit_code == 0
    nb = nbformat.read(str(executed), as_version=4)
    assert "seed is 0" in stream_text(cell(nb, "q4-answer"))


def test_grade_memory_caps_the_answer_cells(linreg, tmp_path):
    path = answer_key_with(tmp_path, linreg, "\nbig = np.ones(1024**3 // 8)  # 1 GiB, written\n")
    default = json.loads(run("grade", "--json", str(path)).output)
    assert default["score"] == 10  # fits in the default 2G
    result = run("grade", "--json", "--memory", "512M", str(path))
    assert result.exit_code == 0
    report = json.loads(result.output)
    q4 = report["questions"][3]
    assert q4["status"] == "error" and q4["message"].startswith("out of memory")
    assert "512 MiB" in q4["message"]
    assert report["score"] == 9
    for bad in ("lots", "0", "-1G"):
        result = run("grade", "--memory", bad, str(path))
        assert result.exit_code == 2 and "--memory" in result.output


def interrupt_a_batch(linreg, tmp_path, ready):
    """Grade six submissions in a subprocess and press Ctrl-C once ``ready(pid, stderr)``;
    return (exit status, stderr, submissions stored)."""
    subs = tmp_path / "subs"
    for i in range(6):
        (subs / f"s{i}").mkdir(parents=True)
        write_variant(subs / f"s{i}" / "07_linear_regression.ipynb", linreg, solutions(linreg))
    book = tmp_path / "g.sqlite"
    grader = subprocess.Popen(
        [sys.executable, "-m", "curriculum.cli", "grade", str(subs), "--gradebook", str(book)]
        + ["--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # a shell without job control starts background jobs with SIGINT ignored, and Python
        # then keeps it ignored: give the grader the terminal's default, as Ctrl-C would find it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(grader.stderr), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 120
        while not ready(grader.pid, "".join(lines)):
            assert grader.poll() is None and time.monotonic() < deadline, "".join(lines)
            time.sleep(0.02)
        os.killpg(grader.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        grader.wait(60)
    finally:
        if grader.poll() is None:
            os.killpg(grader.pid, signal.SIGKILL)
            grader.wait()
    reader.join(10)
    with Gradebook(book) as db:
        stored, _ = db.counts()
    return grader.returncode, "".join(lines), stored


def test_ctrl_c_stops_a_batch_with_status_130(linreg, tmp_path):
    status, stderr, stored = interrupt_a_batch(linreg, tmp_path, lambda _, err: "[1/6]" in err)
    assert status == 130, stderr
    assert "Traceback" not in stderr and "Aborted" not in stderr
    assert "interrupted:" in stderr and "run the same command again" in stderr
    assert 1 <= stored < 6


def zygote_is_importing(pid, _):
    """A child of ``pid`` is multiprocessing's forkserver and has NumPy loaded: it is in the
    middle of its preload imports (NumPy first, then pandas, scikit-learn, ... for seconds)."""
    for proc in Path("/proc").iterdir():
        try:
            status = (proc / "status").read_text()
            if f"\nPPid:\t{pid}\n" in status and b"forkserver" in (proc / "cmdline").read_bytes():
                return "_multiarray_umath" in (proc / "maps").read_text()
        except OSError:
            continue
    return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_ctrl_c_while_the_zygote_starts_prints_no_traceback(linreg, tmp_path):
    status, stderr, stored = interrupt_a_batch(linreg, tmp_path, zygote_is_importing)
    assert status == 130 and stored == 0
    assert "interrupted:" in stderr
    assert "Traceback" not in stderr, stderr


def test_ctrl_c_while_grading_a_file_exits_130(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("curriculum.grading.grade_notebook", interrupted)
    result = run("grade", str(REPO / "exercises/07_linear_regression.ipynb"))
    assert result.exit_code == 130 and "Aborted" not in result.output


def test_build_writes_the_committed_exercise(tmp_path, monkeypatch, module_01_without_exercise):
    monkeypatch.setenv("CURRICULUM_ROOT", str(tmp_path))
    result = run("build", "07")
    assert result.exit_code == 0, result.output
    written = tmp_path / "exercises" / "07_linear_regression.ipynb"
    assert result.output.strip() == str(written)
    assert written.read_bytes() == (REPO / "exercises/07_linear_regression.ipynb").read_bytes()
    result = run("build", "01")  # in the syllabus, no exercise yet: one line, no traceback
    assert result.exit_code == 1 and "01_the_path has no exercise yet" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert run("build", "99").exit_code == 2


def test_validate_07_passes(monkeypatch):
    for name in offline_environment():  # the command sets these; restore them afterwards
        monkeypatch.setenv(name, "")
    result = run("validate", "07")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok    07_linear_regression: lesson runs, key 100%, blank 0%")


def test_a_terminal_gets_a_rich_table_and_a_pipe_plain_text():
    import io

    from rich.console import Console

    from curriculum.results import GradeReport, QuestionResult, Status, print_report

    report = GradeReport(
        "07_linear_regression", "mine.ipynb", 1.0, 3.0, "graded", None, 0.5,
        [QuestionResult("q1", 1.0, 1.0, Status.PASSED, "all checks passed"),
         QuestionResult("q2", 0.0, 2.0, Status.FAILED, "found [bold]x[/bold] <b>")],
    )  # fmt: skip
    terminal = io.StringIO()
    print_report(report, Console(file=terminal, force_terminal=True, width=100))
    drawn = terminal.getvalue()
    assert "┏" in drawn and "\x1b[" in drawn and "total 1/3 (33%)" in drawn
    assert "[bold]x[/bold]" in drawn  # learner text is shown as typed, never as markup
    piped = io.StringIO()
    print_report(report, Console(file=piped))
    assert "┏" not in piped.getvalue() and "\x1b[" not in piped.getvalue()
    assert "q2        0/2     failed  found [bold]x[/bold] <b>" in piped.getvalue()
