"""Grading a class: layouts, parallel workers, resume after a kill, export."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from conftest import solutions, write_variant
from curriculum.batch import discover_submissions, grade_batch
from curriculum.cli import main
from curriculum.gradebook import Gradebook, export_csv


def make_class(root, linreg, n):
    for i in range(n):
        folder = root / f"s{i:02d}"
        folder.mkdir(parents=True)
        answers = solutions(linreg) if i % 2 == 0 else {"q1": linreg.question("q1").solution}
        write_variant(folder / "07_linear_regression.ipynb", linreg, answers)
    return root


def test_discovers_nested_and_flat_layouts(linreg, tmp_path):
    make_class(tmp_path, linreg, 2)
    write_variant(tmp_path / "zoe.ipynb", linreg)
    (tmp_path / ".hidden").mkdir()
    found = discover_submissions(tmp_path)
    assert [(s.student, s.source, s.exercise) for s in found] == [
        ("s00", "s00/07_linear_regression.ipynb", "07_linear_regression"),
        ("s01", "s01/07_linear_regression.ipynb", "07_linear_regression"),
        ("zoe", "zoe.ipynb", None),
    ]


def test_parallel_batch_isolates_submissions_and_skips_what_is_stored(linreg, tmp_path):
    subs = make_class(tmp_path / "subs", linreg, 4)
    poison = "import numpy\nnumpy.linalg.solve = None\nimport builtins\nbuiltins.sum = None\n"
    write_variant(
        subs / "s01" / "07_linear_regression.ipynb",
        linreg,
        {"q1": poison + linreg.question("q1").solution},
    )
    wrong = subs / "s03" / "08_logistic_regression.ipynb"
    write_variant(wrong, linreg)  # an exercise-07 notebook handed in as 08
    with Gradebook(tmp_path / "g.sqlite") as book:
        summary = grade_batch(subs, book, workers=2)
        assert (summary.graded, summary.errors, summary.skipped) == (4, 1, 0)
        scores = {s.source: r.score for s, r in summary.reports}
        assert scores["s00/07_linear_regression.ipynb"] == 10
        assert scores["s02/07_linear_regression.ipynb"] == 10
        errors = [r.error for s, r in summary.reports if not r.graded]
        assert "not 08_logistic_regression" in errors[0]
        assert book.counts() == (5, 24)
        again = grade_batch(subs, book, workers=2)
        assert (again.graded, again.skipped) == (0, 5)
        forced = grade_batch(subs, book, workers=2, regrade=True)
        assert forced.graded == 4 and book.counts() == (5, 24)


def stored_grades(book):
    """What the gradebook holds: one entry per submission row, with its question rows."""
    db = book.connection
    grades = {}
    for sub_id, student, status, score in db.execute(
        "SELECT id, student, status, score FROM submissions ORDER BY id"
    ):
        questions = {
            question: (points, status_, message)
            for question, points, status_, message in db.execute(
                "SELECT question, points, status, message FROM question_results"
                " WHERE submission_id = ?",
                (sub_id,),
            )
        }
        grades.setdefault(student, []).append((status, score, questions))
    orphans = db.execute(
        "SELECT COUNT(*) FROM question_results"
        " WHERE submission_id NOT IN (SELECT id FROM submissions)"
    ).fetchone()[0]
    return grades, orphans


def test_regrade_replaces_the_stored_grade_with_the_new_one(linreg, tmp_path):
    subs = tmp_path / "subs"
    for student in ("ann", "bob"):
        (subs / student).mkdir(parents=True)
    hungry = solutions(linreg)
    hungry["q4"] += "\n_scratch = np.ones(32 * 1024**2)  # 256 MiB\n"
    write_variant(subs / "ann" / "07_linear_regression.ipynb", linreg, hungry)
    write_variant(subs / "bob" / "07_linear_regression.ipynb", linreg, solutions(linreg))
    with Gradebook(tmp_path / "g.sqlite") as book:
        grade_batch(subs, book, workers=2, memory=128 * 1024**2)
        before, orphans = stored_grades(book)
        assert orphans == 0
        [(status, score, questions)] = before["ann"]
        assert (status, score) == ("graded", 9)
        assert questions["q4"][:2] == (0, "error") and "out of memory" in questions["q4"][2]
        assert [(s, score) for s, score, _ in before["bob"]] == [("graded", 10)]

        # same files, same hashes, a larger memory cap: the grade changes and must replace the old
        summary = grade_batch(subs, book, workers=2, regrade=True)
        assert (summary.graded, summary.skipped) == (2, 0)
        after, orphans = stored_grades(book)
        assert orphans == 0
        assert set(after) == {"ann", "bob"}
        [(status, score, questions)] = after["ann"]  # one row: the old 9/10 is gone
        assert (status, score) == ("graded", 10)
        assert sorted(questions) == [q.id for q in linreg.questions]
        assert questions["q4"][:2] == (1, "passed")
        assert all(status == "passed" for _, status, _ in questions.values())
        assert [(s, score) for s, score, _ in after["bob"]] == [("graded", 10)]
        assert len(after["bob"][0][2]) == 6
        assert book.counts() == (2, 12)
        assert export_csv(book).splitlines()[1:] == ["ann,10,10", "bob,10,10"]


def test_killed_batch_finishes_on_rerun_without_losing_or_duplicating(linreg, tmp_path):
    subs = make_class(tmp_path / "subs", linreg, 10)
    book = tmp_path / "g.sqlite"
    command = [
        sys.executable,
        "-m",
        "curriculum.cli",
        "grade",
        str(subs),
        "--gradebook",
        str(book),
        "--workers",
        "2",
    ]
    grader = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and grader.poll() is None:
        if book.exists():
            try:
                with sqlite3.connect(book) as db:
                    stored = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
        if stored >= 3:
            break
        time.sleep(0.05)
    assert grader.poll() is None, "the batch finished before it could be killed"
    os.killpg(grader.pid, signal.SIGKILL)
    grader.wait()
    with Gradebook(book) as db:
        partial, _ = db.counts()
    assert 3 <= partial < 10
    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{partial} already in" in rerun.stdout
    with Gradebook(book) as db:
        assert db.counts() == (10, 60)
        rows = db.connection.execute(
            "SELECT student, COUNT(*) FROM submissions GROUP BY student"
        ).fetchall()
    assert [count for _, count in rows] == [1] * 10


def test_cli_folder_grading_and_export(linreg, tmp_path):
    subs = make_class(tmp_path / "subs", linreg, 3)
    book = tmp_path / "g.sqlite"
    runner = CliRunner()
    result = runner.invoke(main, ["grade", str(subs), "--gradebook", str(book), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "3 graded, 0 could not be graded" in result.output
    assert "[3/3]" in result.output  # plain progress lines when not a terminal
    out = tmp_path / "grades.csv"
    result = runner.invoke(
        main, ["gradebook", "export", "--format", "csv", "--gradebook", str(book), "-o", str(out)]
    )
    assert result.exit_code == 0
    assert out.read_text().splitlines() == [
        "student,07_linear_regression,total",
        "s00,10,10",
        "s01,2,2",
        "s02,10,10",
    ]
    result = runner.invoke(main, ["gradebook", "export", "--questions", "--gradebook", str(book)])
    assert result.output.splitlines()[0].startswith(
        "student,07_linear_regression,07_linear_regression:q1,"
    )


def test_progress_bar_on_a_terminal_and_plain_lines_elsewhere():
    import io

    from curriculum.progress import Progress
    from curriculum.results import GradeReport

    report = GradeReport("07_linear_regression", "n", 8.0, 10.0, "graded", None, 0.2)
    live = io.StringIO()
    bar = Progress(live, live=True)
    bar.start(4, 1)
    bar.update("s00/07.ipynb", report)
    bar.finish()
    assert "1 already in the gradebook" in live.getvalue()
    drawn = live.getvalue()
    assert "\x1b[" in drawn and "1/4" in drawn and "ETA" in drawn  # a rich bar, redrawn in place
    assert "s00/07.ipynb" not in drawn  # the bar, not one line per submission
    plain = io.StringIO()
    lines = Progress(plain, live=False)
    lines.start(2, 0)
    lines.update("s00/07.ipynb", report)
    assert "[1/2] s00/07.ipynb: 8/10" in plain.getvalue() and "\r" not in plain.getvalue()
