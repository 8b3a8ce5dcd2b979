import csv
import io

from curriculum.gradebook import Gradebook, export_csv
from curriculum.results import GradeReport, QuestionResult, Status


def report(exercise, points, status="graded"):
    questions = [
        QuestionResult(f"q{i + 1}", p, 2.0, Status.PASSED if p else Status.FAILED, "m")
        for i, p in enumerate(points)
    ]
    return GradeReport(
        exercise, "nb.ipynb", float(sum(points)), 2.0 * len(points), status, None, 0.1, questions
    )


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_record_is_idempotent_per_hash(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as book:
        book.record("ann", "ann/07.ipynb", "aaa", report("07_linear_regression", [2, 0]))
        book.record("ann", "ann/07.ipynb", "aaa", report("07_linear_regression", [2, 2]))
        assert book.counts() == (1, 2)
        assert book.is_graded("ann", "ann/07.ipynb", "aaa")
        assert not book.is_graded("ann", "ann/07.ipynb", "bbb")


def test_export_one_row_per_student_one_column_per_exercise(tmp_path):
    with Gradebook(tmp_path / "g.sqlite") as book:
        book.record("ann", "ann/07.ipynb", "h1", report("07_linear_regression", [2, 0]))
        book.record(
            "ann", "ann/07.ipynb", "h2", report("07_linear_regression", [2, 2])
        )  # resubmitted
        book.record("ann", "ann/08.ipynb", "h3", report("08_logistic_regression", [1]))
        book.record("bob", "bob/07.ipynb", "h4", report("07_linear_regression", [0, 2]))
        book.record(
            "cy",
            "cy/07.ipynb",
            "h5",
            GradeReport.failed("x", "file is empty"),
            "07_linear_regression",
        )
        text = export_csv(book)
        detailed = export_csv(book, questions=True)
    table = rows(text)
    assert list(table[0]) == ["student", "07_linear_regression", "08_logistic_regression", "total"]
    assert table[0] == {
        "student": "ann",
        "07_linear_regression": "4",
        "08_logistic_regression": "1",
        "total": "5",
    }
    assert table[1] == {
        "student": "bob",
        "07_linear_regression": "2",
        "08_logistic_regression": "",
        "total": "2",
    }
    assert table[2]["07_linear_regression"] == "0"
    header = next(csv.reader(io.StringIO(detailed)))
    assert header[:4] == [
        "student",
        "07_linear_regression",
        "07_linear_regression:q1",
        "07_linear_regression:q2",
    ]
    assert rows(detailed)[1]["07_linear_regression:q2"] == "2"


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    import pytest

    from curriculum.gradebook import GradebookError

    bad = tmp_path / "g.sqlite"
    bad.write_text("not sqlite at all, just text " * 100)
    with pytest.raises(GradebookError, match="not a usable gradebook"):
        Gradebook(bad)
