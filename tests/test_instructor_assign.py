"""`curriculum assign`, rosters, and grading each student's own variant."""

import hashlib
import json

import nbformat
import pytest
from click.testing import CliRunner

from curriculum.batch import discover_submissions
from curriculum.cli import main
from curriculum.instructor.assign import AssignError, assign
from curriculum.instructor.variants import (
    Manifest,
    RosterError,
    read_roster,
    variant_parameters,
)


def roster_file(tmp_path, text):
    path = tmp_path / "roster.csv"
    path.write_text(text)
    return path


def test_roster_keeps_columns_and_finds_the_id_column(tmp_path):
    entries = read_roster(roster_file(tmp_path, "Name,Email,Section\nAna,ana@x.org,S1\n\n"))
    assert [(e.id, e.fields["Section"]) for e in entries] == [("ana@x.org", "S1")]


@pytest.mark.parametrize(
    "rows, fragment",
    [
        ("student_id\nana\nben\nana\n", "line 4: student id 'ana' is already on line 2"),
        ("student_id\nana\nANA\n", "already on line 2"),
        ("student_id\n../x\n", "line 2: student id '../x' is unsafe"),
        ("student_id\nana/../../etc\n", "unsafe"),
        ("student_id\n.hidden\n", "unsafe"),
        ("student_id\na..b\n", "'..' is not allowed"),
        ("student_id,name\n,Ana\n", "line 2: empty 'student_id'"),
        ("name\nAna\n", "no student id column"),
        ("", "empty roster"),
        ("student_id\n", "lists no students"),
    ],
)
def test_hostile_rosters_are_refused_naming_the_line(tmp_path, rows, fragment):
    with pytest.raises(RosterError) as error:
        read_roster(roster_file(tmp_path, rows))
    assert fragment in str(error.value)
    assert "\n" not in str(error.value)


def test_cli_roster_error_is_one_line_and_writes_nothing(tmp_path):
    roster = roster_file(tmp_path, "student_id\nana\n../escape\n")
    result = CliRunner().invoke(
        main, ["assign", "07", "--out", str(tmp_path / "rel"), "--roster", str(roster)]
    )
    assert result.exit_code == 1
    assert "line 3: student id '../escape' is unsafe" in result.output
    assert not (tmp_path / "rel").exists() and not (tmp_path / "escape").exists()


def test_release_without_roster_has_no_solutions_checks_or_outputs(linreg, tmp_path):
    release = assign(["07"], tmp_path / "hw1", due="2030-05-01")
    manifest = json.loads(release.manifest.read_text())
    assert manifest["modules"] == ["07_linear_regression"]
    assert manifest["due"] == "2030-05-01T23:59:59+00:00"
    (notebook,) = release.notebooks
    assert notebook == tmp_path / "hw1" / "notebooks" / "07_linear_regression.ipynb"
    digest = hashlib.sha256(notebook.read_bytes()).hexdigest()
    assert manifest["files"] == {"notebooks/07_linear_regression.ipynb": digest}
    text = notebook.read_text()
    nb = nbformat.read(str(notebook), as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    for question in linreg.questions:
        assert question.solution.strip() not in text
        for check in question.hidden_checks:
            assert check.description not in text
    with pytest.raises(AssignError, match="already holds a release"):
        assign(["07"], tmp_path / "hw1")


def test_each_student_gets_their_own_numbers_recorded_everywhere(linreg, tmp_path):
    roster = read_roster(roster_file(tmp_path, "student_id,name\nana,Ana\nben,Ben\n"))
    release = assign(["07"], tmp_path / "hw1", roster=roster)
    manifest = json.loads(release.manifest.read_text())
    seeds = {
        s: r["parameters"]["07_linear_regression"]["seed"] for s, r in manifest["students"].items()
    }
    assert seeds["ana"] != seeds["ben"]
    assert seeds["ana"] == variant_parameters(linreg, "hw1", "ana")["seed"]  # reproducible
    assert manifest["students"]["ana"]["fields"] == {"student_id": "ana", "name": "Ana"}
    for student, seed in seeds.items():
        path = tmp_path / "hw1" / "students" / student / "07_linear_regression.ipynb"
        nb = nbformat.read(str(path), as_version=4)
        stamp = nb.metadata["curriculum"]["variant"]
        assert stamp["student"] == student and stamp["parameters"]["seed"] == seed
        params = next(c for c in nb.cells if c.get("id") == "parameters")
        assert f"seed = {seed}" in params.source
        assert "parameters" in params.metadata["tags"]
    assert "secret" in manifest  # the manifest stays with the instructor
    assert not any("secret" in p.read_text() for p in release.notebooks)


def test_grader_uses_each_students_parameters_and_flags_borrowed_notebooks(linreg, tmp_path):
    roster = read_roster(roster_file(tmp_path, "student_id\nana\nben\ncid\ndee\n"))
    assign(["07"], tmp_path / "hw1", roster=roster)
    manifest = Manifest.load(tmp_path / "hw1")
    students = tmp_path / "hw1" / "students"
    subs = tmp_path / "subs"
    for student in ("ana", "ben", "cid", "dee", "eve"):
        (subs / student).mkdir(parents=True)
    name = "07_linear_regression.ipynb"
    (subs / "ana" / name).write_bytes((students / "ana" / name).read_bytes())
    (subs / "ben" / name).write_bytes((students / "ana" / name).read_bytes())  # ana's, renamed
    forged = nbformat.read(str(students / "ana" / name), as_version=4)
    forged.metadata["curriculum"]["variant"]["student"] = "cid"  # stamp edited to match
    nbformat.write(forged, str(subs / "cid" / name))
    stripped = nbformat.read(str(students / "dee" / name), as_version=4)
    del stripped.metadata["curriculum"]["variant"]
    nbformat.write(stripped, str(subs / "dee" / name))
    (subs / "eve" / name).write_bytes((students / "ana" / name).read_bytes())
    prepared = {s.student: manifest.prepare(s) for s in discover_submissions(subs)}
    assert prepared["ana"].flags == ()
    seeds = {s: manifest.parameters_for(s, "07_linear_regression")["seed"] for s in ("ana", "ben")}
    assert prepared["ana"].parameters["seed"] == seeds["ana"]
    assert prepared["ben"].parameters["seed"] == seeds["ben"]  # graded with ben's own numbers
    assert "released to ana, submitted by ben" in prepared["ben"].flags
    assert "signature does not match" in prepared["cid"].flags[0]
    assert prepared["dee"].flags[0].startswith("no variant stamp")
    assert "eve is not on the roster" in prepared["eve"].flags[0]


def test_cli_grade_with_manifest_reports_the_renamed_submission(linreg, tmp_path):
    roster = roster_file(tmp_path, "student_id\nana\nben\n")
    runner = CliRunner()
    result = runner.invoke(
        main, ["assign", "07", "--out", str(tmp_path / "hw1"), "--roster", str(roster)]
    )
    assert result.exit_code == 0, result.output
    name = "07_linear_regression.ipynb"
    source = tmp_path / "hw1" / "students" / "ana" / name
    for student in ("ana", "ben"):
        (tmp_path / "subs" / student).mkdir(parents=True)
        (tmp_path / "subs" / student / name).write_bytes(source.read_bytes())
    book = tmp_path / "g.sqlite"
    result = runner.invoke(
        main,
        [
            "grade",
            str(tmp_path / "subs"),
            "--manifest",
            str(tmp_path / "hw1" / "assignment.json"),
            "--gradebook",
            str(book),
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (
        "flag: ben/07_linear_regression.ipynb: released to ana, submitted by ben" in result.output
    )
    assert "flag: ana/" not in result.output
    import sqlite3

    rows = dict(sqlite3.connect(book).execute("SELECT student, flags FROM submissions"))
    assert json.loads(rows["ben"]) == ["released to ana, submitted by ben"]
    assert json.loads(rows["ana"]) == []
    from curriculum.gradebook import Gradebook
    from curriculum.instructor.report import render_report

    page = render_report(Gradebook(book))
    flagged = page.split("<h2>Flagged submissions</h2>")[1].split("<h2>")[0]
    assert "ben" in flagged and "released to ana, submitted by ben" in flagged
    assert "<td>ana</td>" not in flagged
