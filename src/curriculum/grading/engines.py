"""Papermill engines for grading.

``curriculum-fork`` (the default) runs cells in a child forked from a pre-imported zygote
(see ``sandbox.py``); papermill's own ``nbclient`` engine starts a real Jupyter kernel instead.
Both go through papermill's NotebookExecutionManager, so executed notebooks carry the same
papermill metadata either way.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import nbformat
from papermill.engines import Engine, papermill_engines

from curriculum.grading.sandbox import CellRun, Limits, run_cells

FORK_ENGINE = "curriculum-fork"
KERNEL_ENGINE = "nbclient"
ENGINES = (FORK_ENGINE, KERNEL_ENGINE)


def _outputs(run: CellRun) -> list[Any]:
    outputs = [nbformat.v4.new_output("stream", name=name, text=text) for name, text in run.outputs]
    if run.ename:
        outputs.append(
            nbformat.v4.new_output(
                "error", ename=run.ename, evalue=run.evalue, traceback=list(run.traceback)
            )
        )
    return outputs


class ForkEngine(Engine):
    """Execute a notebook's code cells in a fresh forked interpreter with limits."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        limits: Limits | None = None,
        cwd: str = ".",
        always_run: Sequence[str] = (),
        **kwargs: Any,
    ) -> None:
        nb = nb_man.nb
        position = {cell.get("id"): i for i, cell in enumerate(nb.cells)}
        code = [(c.id, c.source) for c in nb.cells if c.cell_type == "code"]
        counter = itertools.count(1)
        started: set[str] = set()

        def on_start(cell_id: str) -> None:
            started.add(cell_id)
            nb_man.cell_start(nb.cells[position[cell_id]], position[cell_id])

        def on_done(cell_id: str, run: CellRun) -> None:
            cell = nb.cells[position[cell_id]]
            cell.outputs = _outputs(run)
            cell.execution_count = next(counter)
            if cell_id in started:
                nb_man.cell_complete(cell, position[cell_id])

        result = run_cells(
            code,
            limits=limits or Limits(),
            cwd=cwd,
            always_run=always_run,
            on_start=on_start,
            on_done=on_done,
        )
        for cell_id, run in result.cells.items():
            if not run.ran:  # never started: the notebook ran out of time first
                nb.cells[position[cell_id]].outputs = _outputs(run)


papermill_engines.register(FORK_ENGINE, ForkEngine)
