"""``curriculum grader status|stop``: see and stop the warm grader."""

from __future__ import annotations

import json
import time

import click

from curriculum.warm.client import running_graders, stop_graders, warm_grader_enabled


@click.group("grader")
def grader_command() -> None:
    """For learners: the warm grader that keeps `curriculum grade FILE` fast between commands."""


@grader_command.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the graders as JSON.")
def status_command(as_json: bool) -> None:
    """Which warm graders are running, since when, and how many files each has graded."""
    graders = running_graders()
    if as_json:
        click.echo(json.dumps(graders, indent=2))
        return
    if not graders:
        state = "" if warm_grader_enabled() else " (turned off by CURRICULUM_WARM_GRADER)"
        click.echo(f"no warm grader running{state}")
        return
    for grader in graders:
        minutes = (time.time() - float(grader.get("started", time.time()))) / 60
        click.echo(
            f"pid {grader.get('pid')}: up {minutes:.1f} min, {grader.get('graded')} graded, "
            f"{grader.get('active')} grading now, exits after "
            f"{float(grader.get('idle_seconds', 0)):g} s idle  ({grader['socket']})"
        )


@grader_command.command("stop")
def stop_command() -> None:
    """Stop every warm grader of yours (each finishes the grades it is doing first)."""
    stopped = stop_graders()
    click.echo(f"stopped {stopped} warm grader{'s' if stopped != 1 else ''}")
