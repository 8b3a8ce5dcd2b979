"""The ``curriculum`` command: parses arguments, calls the library, prints."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from curriculum.syllabus import SYLLABUS, UnknownModuleError, curriculum_root, find_module


def _quiet_libraries() -> None:
    # papermill and nbclient log every interrupted cell; the report already says it.
    for name in ("papermill", "nbclient", "traitlets", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _module_or_exit(key: str):
    try:
        return find_module(key)
    except UnknownModuleError as error:
        raise click.BadParameter(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="curriculum")
def main() -> None:
    """A Jupyter curriculum for machine learning engineers, with self-grading exercises."""
    _quiet_libraries()


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the syllabus as JSON.")
def list_modules(as_json: bool) -> None:
    """Print the syllabus in order."""
    root = curriculum_root()
    rows = [m.to_dict(root) for m in SYLLABUS]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        lesson = "lesson ✓" if row["lesson_exists"] else "lesson –"
        exercise = "exercise ✓" if row["exercise_exists"] else "exercise –"
        click.echo(f"{row['id']}  {row['title']}  [{row['minutes']} min · {lesson} · {exercise}]")
        click.echo(f"    serves: {row['career_step']}")
        for objective in row["objectives"]:
            click.echo(f"    - {objective}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per notebook.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help="Keep executed notebooks.")
@click.option(
    "--cell-timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds any one cell may run before it is interrupted.",
)
@click.option("--seed", type=int, help="Papermill seed parameter (per-student variants).")
@click.option("--exercise", help="Grade against this exercise (id or slug).")
def grade(
    paths: tuple[Path, ...],
    as_json: bool,
    out_dir: Path | None,
    cell_timeout: float,
    seed: int | None,
    exercise: str | None,
) -> None:
    """Grade exercise notebooks with the autograder."""
    from curriculum.grading import grade_notebook
    from curriculum.results import render_table

    parameters = {"seed": seed} if seed is not None else None
    failures = 0
    for path in paths:
        report = grade_notebook(
            path,
            exercise=exercise,
            parameters=parameters,
            cell_timeout=cell_timeout,
            out_dir=out_dir,
        )
        if not report.graded:
            failures += 1
            if not as_json:
                click.echo(f"error: {path}: {report.error}", err=True)
        if as_json:
            click.echo(report.to_json())
        elif report.graded:
            click.echo(render_table(report))
    sys.exit(1 if failures else 0)


@main.command()
@click.argument("module")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("keys"),
    show_default=True,
    help="File or folder for the key.",
)
def key(module: str, output: Path) -> None:
    """Write the answer key: the exercise with every answer cell filled in."""
    from curriculum.exercises import NoExerciseError
    from curriculum.key import write_answer_key

    _module_or_exit(module)
    try:
        click.echo(write_answer_key(module, output))
    except NoExerciseError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@click.argument("modules", nargs=-1)
def build(modules: tuple[str, ...]) -> None:
    """Regenerate exercises/NN_slug.ipynb from the question specs (for authors)."""
    from curriculum.exercises import available_exercises
    from curriculum.key import write_exercise

    root = curriculum_root()
    chosen = [_module_or_exit(m).id for m in modules] or [
        e.module.id for e in available_exercises()
    ]
    for module_id in chosen:
        click.echo(write_exercise(module_id, root / "exercises"))


@main.command()
@click.argument("modules", nargs=-1)
def validate(modules: tuple[str, ...]) -> None:
    """Run CI's checks for modules (all by default): one line each, non-zero exit on failure."""
    from curriculum.validate import apply_offline_environment, validate_module

    apply_offline_environment()
    root = curriculum_root()
    chosen = [_module_or_exit(m) for m in modules] or list(SYLLABUS)
    failed = 0
    for module in chosen:
        report = validate_module(module, root)
        failed += not report.ok
        click.echo(report.summary())
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--no-browser", is_flag=True, help="Do not open a browser.")
def start(no_browser: bool) -> None:
    """Open the curriculum in JupyterLab."""
    import subprocess

    root = curriculum_root()
    command = [sys.executable, "-m", "jupyterlab", f"--notebook-dir={root}"]
    if no_browser:
        command.append("--no-browser")
    sys.exit(subprocess.call(command))


if __name__ == "__main__":
    main()
