import json
import subprocess
import sys

from click.testing import CliRunner

from conftest import REPO
from curriculum.cli import main


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
    assert rows[0]["exercise_exists"] is False


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


def test_key_writes_the_answer_key(tmp_path):
    result = run("key", "linear-regression", "-o", str(tmp_path))
    assert result.exit_code == 0
    text = (tmp_path / "07_linear_regression.ipynb").read_text()
    assert "np.linalg.solve" in text and "____" not in text.split("import ____")[1]
    assert run("key", "01", "-o", str(tmp_path)).exit_code == 1
    assert run("key", "99").exit_code == 2
