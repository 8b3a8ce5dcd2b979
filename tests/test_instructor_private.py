"""Private specs (`--specs DIR`), feedback pages and the class report, read in a real browser."""

import json
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from conftest import REPO, chromium_or_skip, solutions, write_variant
from curriculum.batch import grade_batch
from curriculum.cli import main
from curriculum.gradebook import Gradebook
from curriculum.instructor.assign import assign
from curriculum.instructor.feedback import write_feedback
from curriculum.instructor.private_specs import (
    PrivateSpecError,
    find_exercise,
    load_private_specs,
    use_private_specs,
)
from curriculum.instructor.report import write_report

SECRET_CHECK = """
from curriculum.checks import CheckFailed
from curriculum.questions import Check

EXTENDS = "07"


def _instructor_only(answers, params):
    secret_input = "SECRET_INPUT_4242"
    raise CheckFailed(f"expected EXPECTED_9999 on {secret_input}")


HIDDEN_CHECKS = {"q1": [Check("works on the instructor's own data", _instructor_only, hidden=True)]}
"""
PRIVATE_EXERCISE = """
from curriculum.checks import call_learner_function, expect_callable, expect_close
from curriculum.questions import Check, Exercise, Question
from curriculum.syllabus import Module


def _public(answers, params):
    expect_callable(answers["square"], "square")
    expect_close(call_learner_function(answers["square"], "square", 3), 9, "square(3)")


def _hidden(answers, params):
    expect_close(call_learner_function(answers["square"], "square", -4), 16, "square(-4)")


EXERCISE = Exercise(
    module=Module("p1", "squares", "Private: squares", ("square numbers",), "practice", 5),
    intro="# Private exercise: squares",
    imports="import numpy as np",
    parameters={"seed": 0},
    context="base = 2 + seed * 0",
    questions=(
        Question(
            id="q1",
            title="Square a number",
            points=2,
            prompt="Write `square(x)`.",
            reads=("square",),
            template="def square(x):\\n    return ____",
            solution="def square(x):\\n    return x * x",
            hints=("Multiply.", "x * x"),
            checks=(Check("square(3) is 9", _public), Check("negative numbers", _hidden, True)),
        ),
    ),
)
"""


@pytest.fixture
def specs(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "extra_07.py").write_text(SECRET_CHECK)
    (folder / "squares.py").write_text(PRIVATE_EXERCISE)
    (folder / "_helpers.py").write_text("raise RuntimeError('never imported')\n")
    use_private_specs(folder)
    yield folder
    use_private_specs()


@pytest.mark.parametrize(
    "source, fragment",
    [
        ("def broken(:\n", "SyntaxError (line 1)"),
        ("import no_such_module_xyz\n", "ModuleNotFoundError (line 1)"),
        ("X = 1\n", "defines neither EXERCISE"),
        ('EXTENDS = "07"\nHIDDEN_CHECKS = {"q99": []}\n', "has no question 'q99'"),
        (
            'from curriculum.questions import Check\nEXTENDS = "07"\n'
            'HIDDEN_CHECKS = {"q1": [Check("x", lambda a, p: None)]}\n',
            "is not hidden=True",
        ),
    ],
)
def test_a_broken_spec_is_a_one_line_error_naming_the_file(tmp_path, source, fragment):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "mine.py").write_text(source)
    with pytest.raises(PrivateSpecError) as error:
        load_private_specs(folder)
    assert str(folder / "mine.py") in str(error.value) and fragment in str(error.value)
    result = CliRunner().invoke(main, ["grade", "x.ipynb", "--specs", str(folder)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "mine.py" in result.output


def test_private_hidden_checks_extend_ours_and_never_reach_the_release(specs, tmp_path):
    extended = find_exercise("07")
    assert [c.description for c in extended.question("q1").hidden_checks][-1] == (
        "works on the instructor's own data"
    )
    assert find_exercise("p1").name == "p1_squares"
    release = assign(["07", "p1"], tmp_path / "rel")
    for path in [*release.notebooks, release.manifest]:
        text = path.read_text()
        assert "instructor's own data" not in text and "SECRET_INPUT" not in text
        assert "x * x" not in text


def test_validate_specs_checks_private_exercises_as_ci_checks_ours(specs):
    # a subprocess: the grader's children must see the folder exactly as the CLI gives it
    result = subprocess.run(
        [sys.executable, "-m", "curriculum.cli", "validate", "--specs", str(specs), "p1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok    p1_squares" in result.stdout


def graded_class(tmp_path, linreg):
    subs = tmp_path / "subs"
    (subs / "ana").mkdir(parents=True)
    answers = solutions(linreg)
    answers["q2"] = "raise ValueError('oops')\n" + answers["q2"]
    write_variant(subs / "ana" / "07_linear_regression.ipynb", linreg, answers)
    book = Gradebook(tmp_path / "g.sqlite")
    grade_batch(subs, book, workers=1)
    return book


def test_feedback_and_report_show_results_but_no_hidden_check(specs, tmp_path, linreg):
    with graded_class(tmp_path, linreg) as book:
        (row,) = book.latest()
        assert row["score"] == 6  # q1 fails the private check; q2 raised
        (page,) = write_feedback(book, tmp_path / "feedback")
        report = write_report(book, tmp_path / "report.html", due="2000-01-01T00:00:00+00:00")
    text = page.read_text()
    assert page == tmp_path / "feedback" / "ana" / "07_linear_regression.html"
    assert "Score: 6 / 10" in text
    assert "fails a hidden check: works on the instructor&#x27;s own data" in text
    for secret in ("SECRET_INPUT_4242", "EXPECTED_9999", "_instructor_only", "secret_input"):
        assert secret not in text and secret not in report.read_text()
    for question in linreg.questions:  # a hidden check of ours shows at most its description
        for check in question.hidden_checks:
            assert check.run.__name__ not in text
    assert "raise ValueError(&#x27;oops&#x27;)" in text
    assert text.count("class='cell marked'") == 2  # q1 (failed) and q2 (raised)
    assert linreg.question("q2").hints[0].split("`")[0][:30] in text.replace("&#x27;", "'")
    report_text = report.read_text()
    assert "data:image/png;base64," in report_text and "1 late" in report_text
    check_in_browser(page, report, tmp_path, chromium_or_skip())


def check_in_browser(page, report, tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--no-proxy-server"]
        )
        tab = browser.new_page()
        tab.goto(page.as_uri())
        assert "Score: 6 / 10" in tab.locator("#score").inner_text()
        assert "works on the instructor's own data" in tab.locator("#q-q1").inner_text()
        dom = tab.content()
        assert "SECRET_INPUT_4242" not in dom and "EXPECTED_9999" not in dom
        tab.screenshot(path=str(tmp_path / "feedback.png"), full_page=True)
        tab.goto(report.as_uri())
        width = tab.locator("img").first.evaluate("img => img.naturalWidth")
        assert width > 100  # the embedded figure decodes
        dom = tab.content()
        assert "Pass rate per question" in dom
        assert "SECRET_INPUT_4242" not in dom and "EXPECTED_9999" not in dom
        tab.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert (tmp_path / "feedback.png").stat().st_size > 0


def test_exports_canvas_and_gradescope(tmp_path, linreg):
    from curriculum.results import GradeReport, QuestionResult, Status

    with Gradebook(tmp_path / "g.sqlite") as book:
        report = GradeReport(
            "07_linear_regression",
            "n",
            2.0,
            10.0,
            "graded",
            None,
            1.0,
            [
                QuestionResult("q1", 2, 2, Status.PASSED, "all checks passed"),
                QuestionResult("q2", 0, 8, Status.FAILED, "fails a hidden check: lists"),
            ],
        )
        book.record("ana", "ana/07.ipynb", "h1", report)
        book.record(
            "ben,jr",
            "x.ipynb",
            "h2",
            GradeReport.failed("x", "file is empty", "07_linear_regression"),
        )
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["gradebook", "export", "--format", "canvas", "--gradebook", str(tmp_path / "g.sqlite")],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Student,ID,SIS User ID,SIS Login ID,Section,07_linear_regression",
        "Points Possible,,,,,10",
        "ana,,ana,ana,,2",
        '"ben,jr",,"ben,jr","ben,jr",,0',
    ]
    out = tmp_path / "gs"
    result = runner.invoke(
        main,
        [
            "gradebook",
            "export",
            "--format",
            "gradescope",
            "--gradebook",
            str(tmp_path / "g.sqlite"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "ana" / "07_linear_regression" / "results.json").read_text())
    assert data["score"] == 2.0
    assert [(t["name"], t["score"], t["max_score"], t["status"]) for t in data["tests"]] == [
        ("q1", 2.0, 2.0, "passed"),
        ("q2", 0.0, 8.0, "failed"),
    ]
    assert (
        "could not be graded: file is empty"
        in json.loads((out / "ben,jr" / "07_linear_regression" / "results.json").read_text())[
            "output"
        ]
    )
    result = runner.invoke(
        main,
        [
            "gradebook",
            "export",
            "--format",
            "gradescope",
            "--gradebook",
            str(tmp_path / "g.sqlite"),
        ],
    )
    assert result.exit_code == 2


def test_an_older_gradebook_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(
        textwrap.dedent(
            """
            CREATE TABLE submissions (id INTEGER PRIMARY KEY, student TEXT NOT NULL,
              source TEXT NOT NULL, sha256 TEXT NOT NULL, exercise TEXT, status TEXT NOT NULL,
              error TEXT, score REAL NOT NULL, max_score REAL NOT NULL,
              duration_s REAL NOT NULL, graded_at TEXT NOT NULL,
              UNIQUE (student, source, sha256));
            INSERT INTO submissions VALUES (1, 'ana', 'a.ipynb', 'h', '07_linear_regression',
              'graded', NULL, 4, 10, 1, '2024-01-01');
            """
        )
    )
    connection.commit()
    connection.close()
    with Gradebook(path) as book:
        (row,) = book.latest()
        assert row["flags"] == "[]" and row["cells"] == "[]" and row["submitted_at"] is None


SIZED_EXERCISE = """
from curriculum.checks import CheckFailed
from curriculum.questions import Check, Exercise, Question
from curriculum.syllabus import Module

VARIANT_PARAMETERS = {"n": (5, 50)}


def _sum(answers, params):
    n = params["n"]
    if answers["total"] != n * (n - 1) // 2:
        raise CheckFailed(f"the sum of 0..{n - 1} is {n * (n - 1) // 2}")


EXERCISE = Exercise(
    module=Module("p2", "sizes", "Private: sizes", ("sums",), "practice", 5),
    intro="# Private exercise: sizes",
    imports="import numpy as np",
    parameters={"seed": 0, "n": 10},
    context="data = np.arange(n)",
    questions=(
        Question(
            id="q1",
            title="Add them up",
            points=1,
            prompt="Set `total` to the sum of `data`.",
            reads=("total",),
            template="total = ____",
            solution="total = KEY",
            hints=("Add.", "data.sum()"),
            checks=(Check("the sum", _sum), Check("the sum, again", _sum, hidden=True)),
        ),
    ),
)
"""


@pytest.mark.parametrize(("key", "broken"), [("int(data.sum())", False), ("45", True)])
def test_declared_size_parameters_are_validated_at_both_ends(tmp_path, key, broken):
    from curriculum.instructor.validation import validate_exercise, variant_grid
    from curriculum.instructor.variants import variant_parameters

    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "sizes.py").write_text(SIZED_EXERCISE.replace("KEY", key))
    use_private_specs(folder)
    try:
        exercise = find_exercise("p2")
        assert [p["n"] for p in variant_grid(exercise)] == [5, 50, 27]
        assert 5 <= variant_parameters(exercise, "hw1", "ana")["n"] <= 50
        problems = validate_exercise(exercise)
    finally:
        use_private_specs()
    if broken:  # right only at the default n=10: both ends of the range say so
        assert any("n=5, seed=0: key failed" in p for p in problems), problems
        assert any("n=50, seed=1: key failed" in p for p in problems), problems
    else:
        assert problems == []
