"""The ``curriculum`` command: parses arguments, calls the library, prints."""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

import click

from curriculum.lean_imports import skip_unused_optional_imports
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


LEARNER_COMMANDS = ("start", "list", "progress", "grade", "reset", "grader")


class _Commands(click.Group):
    """The command group: learner commands first in ``--help``, then everyone else's.
    Ctrl-C ends any command with the usual status 130 and one line, rather than click's
    "Aborted!" and status 1 (which means "a file could not be graded")."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        others = sorted(name for name in self.commands if name not in LEARNER_COMMANDS)
        return [name for name in LEARNER_COMMANDS if name in self.commands] + others

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        def rows(names):
            # the section says who a command is for; its own help says it again in full
            helps = [self.commands[n].get_short_help_str(limit=90) for n in names]
            return [(n, h.split(": ", 1)[-1]) for n, h in zip(names, helps, strict=True)]

        names = self.list_commands(ctx)
        learner = [n for n in names if n in LEARNER_COMMANDS]
        with formatter.section("For learners"):
            formatter.write_dl(rows(learner))
        with formatter.section("For instructors and authors"):
            formatter.write_dl(rows([n for n in names if n not in LEARNER_COMMANDS]))

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.version_option(package_name="curriculum")
def main() -> None:
    """A Jupyter curriculum for machine learning engineers, with self-grading exercises."""
    skip_unused_optional_imports()
    _quiet_libraries()


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the syllabus as JSON.")
def list_modules(as_json: bool) -> None:
    """For learners: the modules in order; inside a workspace, where you stand on each."""
    from curriculum.workspace.commands import list_states

    root = curriculum_root()
    rows = [m.to_dict(root) for m in SYLLABUS]
    states = list_states()
    if as_json:
        for row in rows:
            if states:
                row["state"] = states[row["id"]]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        lesson = "lesson ✓" if row["lesson_exists"] else "lesson –"
        exercise = "exercise ✓" if row["exercise_exists"] else "exercise –"
        state = f"  {states[row['id']]}" if states else ""
        click.echo(
            f"{row['id']}  {row['title']}  [{row['minutes']} min · {lesson} · {exercise}]{state}"
        )
        click.echo(f"    serves: {row['career_step']}")
        for objective in row["objectives"]:
            click.echo(f"    - {objective}")
    if not states:
        click.echo("\nto begin: `curriculum start` makes your workspace and opens module 01")


class ByteSize(click.ParamType):
    """Sizes such as 512M, 2G or a plain number of bytes."""

    name = "size"
    units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().removesuffix("B").removesuffix("I")
        unit = text[-1:] if text[-1:] in self.units else ""
        try:
            number = float(text[: len(text) - len(unit)])
        except ValueError:
            self.fail(f"{value!r} is not a size like 512M or 2G", param, ctx)
        if number <= 0:
            self.fail(f"{value!r} must be positive", param, ctx)
        return int(number * self.units[unit])


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
@click.option(
    "--question-timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds the checks of one question may spend calling the learner's code.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=600.0,
    show_default=True,
    help="Seconds a whole notebook may run.",
)
@click.option(
    "--memory", type=ByteSize(), default="2G", show_default=True, help="Memory cap per notebook."
)
@click.option("--seed", type=int, help="Papermill seed parameter (per-student variants).")
@click.option("--exercise", help="Grade against this exercise (id or slug).")
@click.option(
    "--engine",
    type=click.Choice(["curriculum-fork", "nbclient"]),
    default="curriculum-fork",
    show_default=True,
    help="Forked pre-imported interpreter (fast) or a real Jupyter kernel.",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Parallel submissions (default: cores)."
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Grade folders on this Dask cluster: scheduler address (tcp://host:8786) or file.",
)
@click.option(
    "--gradebook",
    "gradebook_path",
    type=click.Path(path_type=Path),
    default=Path("gradebook.sqlite"),
    show_default=True,
    help="SQLite gradebook for folder grading.",
)
@click.option("--regrade", is_flag=True, help="Grade again what the gradebook already has.")
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, exists=True),
    help="Assignment manifest: each student's own parameters; flags notebooks of others.",
)
@click.option(
    "--specs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of private exercises or hidden checks.",
)
def grade(
    paths: tuple[Path, ...],
    as_json: bool,
    out_dir: Path | None,
    cell_timeout: float,
    question_timeout: float,
    timeout: float,
    memory: int,
    seed: int | None,
    exercise: str | None,
    engine: str,
    workers: int | None,
    gradebook_path: Path,
    regrade: bool,
    manifest: Path | None = None,
    specs: tuple[Path, ...] = (),
    dask_address: str | None = None,
) -> None:
    """For learners and instructors: grade a notebook, or a folder of submissions (a class).

    A folder holds SUBMISSIONS/<student>/<NN_slug>.ipynb, or <student>.ipynb files directly.
    """
    from curriculum.instructor.commands import load_manifest_or_exit, use_specs_or_exit
    from curriculum.warm import grade_warm, warm_grader_enabled

    single_files = engine == "curriculum-fork" and not any(path.is_dir() for path in paths)
    warm = single_files and not specs and warm_grader_enabled()
    if single_files and not warm:
        from curriculum.grading.sandbox import start_zygote
        from curriculum.syllabus import module_named_by_file

        # its imports overlap with ours and with loading the notebook; for files of known
        # exercises it imports only what they need
        named = [exercise or getattr(module_named_by_file(p), "stem", None) for p in paths]
        start_zygote(named, lean=all(named))
    from curriculum.results import print_report
    from curriculum.workspace.progress import practice_time, record_grade

    use_specs_or_exit(specs)
    assignment = load_manifest_or_exit(manifest)
    options = {
        "parameters": {"seed": seed} if seed is not None else None,
        "cell_timeout": cell_timeout,
        "question_timeout": question_timeout,
        "timeout": timeout,
        "memory": memory,
        "out_dir": out_dir,
        "engine": engine,
    }
    failures = 0
    for path in paths:
        if path.is_dir():
            failures += _grade_folder(
                path,
                gradebook_path,
                workers,
                regrade,
                exercise,
                as_json,
                options,
                assignment,
                dask_address,
            )
            continue
        flags: tuple[str, ...] = ()
        if assignment is not None:
            from curriculum.instructor.commands import prepare_single

            parameters, flags = prepare_single(assignment, path)
            options = {**options, "parameters": parameters or options["parameters"]}
        report = grade_warm(path, exercise=exercise, **options) if warm else None
        if report is None:  # no warm grader here, or it failed: grade in this process
            from curriculum.grading import grade_notebook

            report = grade_notebook(path, exercise=exercise, **options)
        for flag in flags:
            click.echo(f"flag: {path}: {flag}", err=True)
        record_grade(path, report)  # into the learner's progress, when in a workspace
        if not report.graded:
            failures += 1
            if not as_json:
                click.echo(f"error: {path}: {report.error}", err=True)
        if as_json:
            click.echo(report.to_json())
        elif report.graded:
            print_report(report)
            timed = practice_time(path, report.exercise)  # a timed practice in a workspace
            if timed is not None:
                spent, limit = timed
                over = f", {spent - limit:.0f} over" if spent > limit else ""
                click.echo(f"practice time: {spent:.0f} min of {limit:g}{over}")
    sys.exit(1 if failures else 0)


def _grade_folder(
    folder: Path,
    gradebook_path: Path,
    workers: int | None,
    regrade: bool,
    exercise: str | None,
    as_json: bool,
    options: dict,
    assignment=None,
    dask_address: str | None = None,
) -> int:
    from curriculum.batch import grade_batch
    from curriculum.gradebook import Gradebook, GradebookError
    from curriculum.progress import Progress

    progress = Progress()
    batch = grade_batch if dask_address is None else _on_dask(dask_address)

    def on_result(submission, report) -> None:
        progress.update(submission.source, report)
        if as_json:
            click.echo(report.to_json())

    try:
        gradebook = Gradebook(gradebook_path)
    except GradebookError as error:
        raise click.ClickException(str(error)) from None
    with gradebook:
        try:
            summary = batch(
                folder,
                gradebook,
                workers=workers,
                regrade=regrade,
                exercise=exercise,
                on_start=progress.start,
                on_result=on_result,
                prepare=assignment.prepare if assignment is not None else None,
                **options,
            )
        except KeyboardInterrupt:
            progress.finish()
            stored, _ = gradebook.counts()
            click.echo(
                f"interrupted: {stored} submission(s) stored in {gradebook_path}; "
                "run the same command again to grade the rest",
                err=True,
            )
            sys.exit(130)
        progress.finish()
    rate = summary.graded + summary.errors
    per_minute = 60 * rate / summary.duration_s if summary.duration_s else 0.0
    message = (
        f"{folder}: {summary.graded} graded, {summary.errors} could not be graded, "
        f"{summary.skipped} already in {gradebook_path} ({summary.duration_s:.1f}s, "
        f"{per_minute:.0f}/min)"
    )
    click.echo(message, err=as_json)
    for submission, report in summary.reports:
        if not report.graded:
            click.echo(f"error: {submission.source}: {report.error}", err=True)
    for source, flags in sorted(summary.flags.items()):
        for flag in flags:
            click.echo(f"flag: {source}: {flag}", err=True)
    return summary.errors


def _on_dask(address: str):
    """grade_batch's twin on the Dask cluster at ``address`` (dask is imported only here); a
    cluster that cannot be used is a one-line error, and what is stored stays stored."""
    from curriculum.cluster import ClusterError, grade_batch_on_dask

    def batch(folder, gradebook, **options):
        try:
            return grade_batch_on_dask(folder, gradebook, address, **options)
        except ClusterError as error:
            raise click.ClickException(str(error)) from None

    return batch


@main.group()
def gradebook() -> None:
    """For instructors: the gradebook that folder grading fills (export for an LMS)."""


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
    """For instructors and authors: the exercise with every answer filled in (the key)."""
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
    """For authors: regenerate exercises/NN_slug.ipynb from the question specs."""
    from curriculum.exercises import NoExerciseError, available_exercises
    from curriculum.key import write_exercise

    root = curriculum_root()
    chosen = [_module_or_exit(m).id for m in modules] or [
        e.module.id for e in available_exercises()
    ]
    for module_id in chosen:
        try:
            click.echo(write_exercise(module_id, root / "exercises"))
        except NoExerciseError as error:
            raise click.ClickException(str(error)) from None


@main.command()
@click.argument("modules", nargs=-1)
@click.option(
    "--specs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Also validate the private exercises and hidden checks in this folder.",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    help="Modules validated at once, each in its own process (default: cores).",
)
def validate(
    modules: tuple[str, ...], specs: tuple[Path, ...] = (), workers: int | None = None
) -> None:
    """For authors and CI: lesson runs, key 100 %, blank 0 %, for modules (default: all)."""
    from curriculum.validate import apply_offline_environment, validate_modules

    apply_offline_environment()
    if specs:
        from curriculum.instructor.commands import validate_private_specs

        sys.exit(validate_private_specs(specs, modules))
    root = curriculum_root()
    chosen = [_module_or_exit(m) for m in modules] or list(SYLLABUS)
    started = time.perf_counter()
    reports = validate_modules(
        chosen,
        root,
        workers=workers or os.cpu_count() or 1,
        on_done=lambda report: click.echo(report.summary()),
    )
    failed = sum(not report.ok for report in reports)
    if len(reports) > 1:
        click.echo(
            f"{len(reports)} modules in {time.perf_counter() - started:.0f}s: "
            f"{len(reports) - failed} ok, {failed} failed"
        )
    sys.exit(1 if failed else 0)


def _add_learner_commands() -> None:
    from curriculum.warm.commands import grader_command
    from curriculum.workspace.commands import progress, reset, start

    for command in (start, progress, reset, grader_command):
        main.add_command(command)


def _add_instructor_commands() -> None:
    from curriculum.instructor.commands import (
        assign_command,
        export_command,
        feedback_command,
        report_command,
    )

    for command in (assign_command, feedback_command, report_command):
        main.add_command(command)
    gradebook.add_command(export_command)


_add_learner_commands()
_add_instructor_commands()


if __name__ == "__main__":
    main()
