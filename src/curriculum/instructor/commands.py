"""The instructor's click commands; each only parses, calls the library and prints."""

from __future__ import annotations

from pathlib import Path

import click

SPECS_OPTION = click.option(
    "--specs",
    "specs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of private exercises or hidden checks (outside the package).",
)


def use_specs_or_exit(specs: tuple[Path, ...]) -> None:
    """Load ``--specs`` folders; a broken spec is a one-line error naming its file."""
    from curriculum.instructor.private_specs import PrivateSpecError, use_private_specs

    if not specs:
        return
    try:
        use_private_specs(*specs)
    except PrivateSpecError as error:
        raise click.ClickException(str(error)) from None


@click.command("assign")
@click.argument("modules", nargs=-1, required=True)
@click.option(
    "--out", "out", type=click.Path(path_type=Path), required=True, help="Release folder."
)
@click.option(
    "--roster",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="CSV with a student id column: one variant per student.",
)
@click.option("--id-column", help="The roster's student id column (default: found by name).")
@click.option("--due", help="Due date, ISO 8601 (2025-03-01 or 2025-03-01T23:59).")
@click.option("--name", help="Assignment name (default: the release folder's name).")
@SPECS_OPTION
def assign_command(
    modules: tuple[str, ...],
    out: Path,
    roster: Path | None,
    id_column: str | None,
    due: str | None,
    name: str | None,
    specs: tuple[Path, ...],
) -> None:
    """For instructors: a release folder of student notebooks (per-student with --roster).

    Notebooks have no solutions, no checks and no outputs; OUT/assignment.json (keep it, do not
    hand it out) records modules, parameters, due date and checksums.
    """
    from curriculum.instructor.assign import AssignError, assign
    from curriculum.instructor.variants import RosterError, read_roster

    use_specs_or_exit(specs)
    try:
        entries = read_roster(roster, id_column) if roster else None
        release = assign(list(modules), out, roster=entries, due=due, name=name)
    except (AssignError, RosterError) as error:
        raise click.ClickException(str(error)) from None
    who = f"{len(entries)} students" if entries else "everyone"
    click.echo(f"wrote {len(release.notebooks)} notebook(s) for {who} in {release.folder}")
    click.echo(
        f"manifest: {release.manifest} (keep it: `curriculum grade DIR --manifest` needs it)"
    )


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "canvas", "gradescope"]),
    default="csv",
    show_default=True,
)
@click.option("--questions", is_flag=True, help="csv: add one column per question.")
@click.option(
    "--gradebook",
    "gradebook_path",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=Path("gradebook.sqlite"),
    show_default=True,
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, exists=True),
    help="canvas: take names, ids and sections from the assignment's roster.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File (default: stdout); for gradescope, a folder (required).",
)
def export_command(
    fmt: str, questions: bool, gradebook_path: Path, manifest: Path | None, output: Path | None
) -> None:
    """For instructors: the gradebook as a spreadsheet CSV, a Canvas import CSV or Gradescope
    results.json files."""
    from curriculum.gradebook import Gradebook, GradebookError, export_csv
    from curriculum.instructor.exports import export_canvas, export_gradescope
    from curriculum.instructor.variants import Manifest, ManifestError

    if fmt == "gradescope" and output is None:
        raise click.UsageError("--format gradescope writes a folder: give it with -o DIR")
    try:
        roster, max_points = None, None
        if manifest is not None:
            data = Manifest.load(manifest).data
            roster = {s: r.get("fields", {}) for s, r in data["students"].items()}
            max_points = data.get("max_points")
        with Gradebook(gradebook_path) as book:
            if fmt == "gradescope":
                written = export_gradescope(book, output)
                click.echo(f"wrote {len(written)} results.json file(s) in {output}", err=True)
                return
            if fmt == "canvas":
                text = export_canvas(book, roster=roster, max_points=max_points)
            else:
                text = export_csv(book, questions=questions)
    except (GradebookError, ManifestError) as error:
        raise click.ClickException(str(error)) from None
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text)
        click.echo(f"wrote {output}", err=True)


def load_manifest_or_exit(path: Path | None):
    """The assignment manifest given with ``--manifest``, or None."""
    from curriculum.instructor.variants import Manifest, ManifestError

    if path is None:
        return None
    try:
        return Manifest.load(path)
    except ManifestError as error:
        raise click.ClickException(str(error)) from None


def prepare_single(assignment, path: Path) -> tuple[dict | None, tuple[str, ...]]:
    """Parameters and flags for one notebook graded on its own: its stamp names the student."""
    from curriculum.grading.errors import SubmissionError
    from curriculum.grading.load import load_submission
    from curriculum.instructor.variants import STAMP_KEY
    from curriculum.notebook_builder import ROLE_KEY

    try:
        nb = load_submission(path)
    except SubmissionError:
        return None, ()
    meta = nb.metadata.get(ROLE_KEY, {})
    meta = meta if isinstance(meta, dict) else {}
    stamp = meta.get(STAMP_KEY)
    student = stamp.get("student") if isinstance(stamp, dict) else None
    exercise = meta.get("exercise")
    if not isinstance(exercise, str):
        return None, ()
    if not isinstance(student, str):
        student = path.parent.name  # SUBMISSIONS/<student>/<file>
    prepared = assignment.check(student, exercise, stamp, nb)
    return prepared.parameters, prepared.flags


def validate_private_specs(specs: tuple[Path, ...], modules: tuple[str, ...]) -> int:
    """`curriculum validate --specs DIR`: each private exercise (or extended one of ours)
    must score 100 % with its key and 0 when blank, for several seeds; 1 if one does not."""
    from curriculum.instructor.private_specs import active_specs, find_exercise
    from curriculum.instructor.validation import validate_exercise

    use_specs_or_exit(specs)
    found = active_specs()
    names = list(found.exercises) + list(found.hidden_checks)
    if modules:
        names = [find_exercise(m).name for m in modules]
    failed = 0
    for name in names:
        problems = validate_exercise(find_exercise(name))
        failed += bool(problems)
        where = found.files.get(name, "")
        if problems:
            click.echo(f"FAIL  {name} ({where}): " + "; ".join(problems))
        else:
            click.echo(f"ok    {name} ({where}): key 100% and blank 0% for every seed")
    if not names:
        click.echo("no private specs found")
    return 1 if failed else 0


@click.command("feedback")
@click.option(
    "--gradebook",
    "gradebook_path",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False))
@SPECS_OPTION
def feedback_command(gradebook_path: Path, out: Path, specs: tuple[Path, ...]) -> None:
    """For instructors: one HTML feedback page per student and exercise (OUT/<student>/...)."""
    from curriculum.gradebook import Gradebook, GradebookError
    from curriculum.instructor.feedback import write_feedback

    use_specs_or_exit(specs)
    try:
        with Gradebook(gradebook_path) as book:
            written = write_feedback(book, out)
    except GradebookError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {len(written)} feedback page(s) in {out}")


@click.command("report")
@click.option(
    "--gradebook",
    "gradebook_path",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("report.html"),
    show_default=True,
)
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, exists=True),
    help="The assignment manifest (its due date marks late submissions).",
)
@click.option("--due", help="Due date, ISO 8601, if there is no manifest.")
@SPECS_OPTION
def report_command(
    gradebook_path: Path, out: Path, manifest: Path | None, due: str | None, specs: tuple[Path, ...]
) -> None:
    """For instructors: the class report: scores, hardest questions, mistakes, late work."""
    from curriculum.gradebook import Gradebook, GradebookError
    from curriculum.instructor.assign import AssignError, parse_due
    from curriculum.instructor.report import write_report

    use_specs_or_exit(specs)
    try:
        deadline = parse_due(due) if due else None
    except AssignError as error:
        raise click.BadParameter(str(error)) from None
    if manifest is not None and deadline is None:
        deadline = load_manifest_or_exit(manifest).due
    try:
        with Gradebook(gradebook_path) as book:
            click.echo(f"wrote {write_report(book, out, deadline)}")
    except GradebookError as error:
        raise click.ClickException(str(error)) from None
