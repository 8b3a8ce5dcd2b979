"""The learner's commands: ``start``, ``progress``, ``reset``. ``cli.py`` wires them in."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from curriculum.syllabus import SYLLABUS, UnknownModuleError, find_module
from curriculum.workspace.layout import DEFAULT_DIR, WorkspaceError, find_workspace, open_workspace


def _workspace_or_exit(directory: Path | None):
    workspace = find_workspace(directory)
    if workspace is None:
        where = directory or Path.cwd()
        raise click.ClickException(
            f"{where}: not inside a curriculum workspace; `curriculum start` makes one "
            f"(default ./{DEFAULT_DIR})"
        )
    return workspace


@click.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
)
@click.argument("directory", required=False, type=click.Path(path_type=Path))
@click.option("--no-browser", is_flag=True, help="Do not open a browser; print the URL.")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: a free one).")
@click.option("--allow-root", is_flag=True, help="Let JupyterLab run as root.")
@click.option("--no-lab", is_flag=True, help="Only create or update the workspace.")
@click.pass_context
def start(
    ctx: click.Context,
    directory: Path | None,
    no_browser: bool,
    port: int | None,
    allow_root: bool,
    no_lab: bool,
) -> None:
    """For learners: make (or update) your workspace and open JupyterLab in it.

    DIRECTORY defaults to ./curriculum-workspace (beside the clone when run inside the
    curriculum's own folder). Your files are never overwritten; modules new
    in this version are added. Options JupyterLab knows pass through, as does anything after
    `--`. Ctrl-C stops the server.
    """
    from curriculum.workspace.jupyter import lab_command, run_lab
    from curriculum.workspace.progress import next_module, path_progress

    extra = list(ctx.args)
    if directory is not None and str(directory).startswith("-"):
        # a JupyterLab option (or one after `--`) where the folder would be: it is an option
        extra.insert(0, str(directory))
        directory = None
    try:
        update = open_workspace(directory)
    except WorkspaceError as error:
        raise click.ClickException(str(error)) from None
    workspace = update.workspace
    verb = "created" if update.created else "using"
    added = f", added {len(update.added)} notebook(s)" if update.added else ""
    click.echo(f"{verb} workspace {workspace.root}{added}", err=True)
    if no_lab:
        return
    upcoming = next_module(path_progress(workspace))
    open_path = None
    if upcoming is not None:
        lesson = workspace.lesson(find_module(upcoming.id))
        target = lesson if lesson.is_file() else workspace.exercise(find_module(upcoming.id))
        open_path = workspace.relative(target)
    command = lab_command(
        workspace.root,
        open_path,
        port=port,
        no_browser=no_browser,
        allow_root=allow_root,
        extra=extra,
    )

    def ready(url: str) -> None:
        click.echo(f"JupyterLab is running at {url}", err=True)
        click.echo("press Ctrl-C to stop it", err=True)

    sys.exit(run_lab(command, ready))


@click.command()
@click.option("--html", "html_path", type=click.Path(path_type=Path), help="Write a web page.")
@click.option("--json", "as_json", is_flag=True, help="Print the path as JSON.")
@click.option(
    "--workspace",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    help="The workspace (default: the one you are in).",
)
def progress(html_path: Path | None, as_json: bool, directory: Path | None) -> None:
    """For learners: where you stand on the path, module by module, and what comes next."""
    from curriculum.workspace.progress import path_progress
    from curriculum.workspace.report import print_progress, progress_html, progress_json

    rows = path_progress(_workspace_or_exit(directory))
    if html_path is not None:
        html_path.write_text(progress_html(rows), encoding="utf-8")
        click.echo(f"wrote {html_path}", err=True)
    if as_json:
        click.echo(progress_json(rows))
    elif html_path is None:
        print_progress(rows)


@click.command()
@click.argument("module")
@click.option(
    "--workspace",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    help="The workspace (default: the one you are in).",
)
def reset(module: str, directory: Path | None) -> None:
    """For learners: a fresh copy of one exercise; yours is kept as a backup beside it."""
    try:
        chosen = find_module(module)
    except UnknownModuleError as error:
        raise click.BadParameter(str(error)) from None
    workspace = _workspace_or_exit(directory)
    try:
        fresh, backup = workspace.reset(chosen)
    except WorkspaceError as error:
        raise click.ClickException(str(error)) from None
    if backup is not None:
        click.echo(f"kept your work as {workspace.relative(backup)}")
    click.echo(f"fresh copy at {workspace.relative(fresh)}")


def list_states() -> dict[str, str]:
    """Each module's state, when the current folder is in a workspace (for ``list``)."""
    from curriculum.workspace.progress import next_module, path_progress

    workspace = find_workspace()
    if workspace is None:
        return {}
    rows = path_progress(workspace)
    states = {row.id: row.state for row in rows}
    upcoming = next_module(rows)
    if upcoming is not None:
        states[upcoming.id] += " ← next"
    return {m.id: states[m.id] for m in SYLLABUS}
