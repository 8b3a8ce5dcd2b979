"""Step 3: execute the grading notebook with papermill in a fresh kernel.

The recipe is papermill's own (parameterize → prepare metadata → engine), minus its final
"raise on the first error" step: errors are recorded per cell so that one broken answer costs
only its own question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbformat import NotebookNode

from curriculum.grading.engines import FORK_ENGINE, KERNEL_ENGINE
from curriculum.grading.sandbox import (
    DEAD_KERNEL_ENAME,
    NOTEBOOK_TIMEOUT_ENAME,
    TIMEOUT_ENAME,
    Limits,
)

_STATUS_OF_ENAME = {
    TIMEOUT_ENAME: "timeout",
    NOTEBOOK_TIMEOUT_ENAME: "notebook_timeout",
    DEAD_KERNEL_ENAME: "died",
    "MemoryError": "out_of_memory",
}


@dataclass
class CellOutcome:
    """How one cell ended: "ok", "error", "timeout", "notebook_timeout", "died",
    "out_of_memory" or "not_run"."""

    status: str
    ename: str = ""
    evalue: str = ""

    @property
    def summary(self) -> str:
        text = f"{self.ename}: {self.evalue}" if self.evalue else self.ename
        return text.splitlines()[0][:200] if text else ""


@dataclass
class Execution:
    notebook: NotebookNode
    outcomes: dict[str, CellOutcome] = field(default_factory=dict)  # cell id -> outcome
    error: str | None = None  # the engine could not run at all


def _outcome(cell: NotebookNode) -> CellOutcome:
    if cell.cell_type != "code":
        return CellOutcome("ok")
    if cell.get("execution_count") is None and not cell.get("outputs"):
        pm = cell.get("metadata", {}).get("papermill", {})
        if pm.get("status") not in ("completed", "running"):
            return CellOutcome("not_run")
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename = output.get("ename", "")
            status = _STATUS_OF_ENAME.get(ename, "error")
            return CellOutcome(status, ename, output.get("evalue", ""))
    return CellOutcome("ok")


def execute_grading_notebook(
    nb: NotebookNode,
    parameters: Mapping[str, Any],
    *,
    limits: Limits,
    cwd: Path,
    engine: str = FORK_ENGINE,
    always_run: tuple[str, ...] = (),
    kernel_name: str = "python3",
) -> Execution:
    """Run every cell, continuing past errors; cells past their limits are stopped."""
    from papermill.engines import papermill_engines
    from papermill.execute import prepare_notebook_metadata, remove_error_markers
    from papermill.parameterize import parameterize_notebook

    for cell in nb.cells:  # papermill's loader guarantees this; we build cells ourselves
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(nb, dict(parameters), kernel_name=kernel_name, language="python")
    nb = prepare_notebook_metadata(nb, "<submission>", "<graded>")
    nb = remove_error_markers(nb)
    execution = Execution(notebook=nb)
    options: dict[str, Any] = {
        "kernel_name": kernel_name,
        "input_path": "<submission>",
        "output_path": None,
        "progress_bar": False,
        "log_output": False,
    }
    if engine == FORK_ENGINE:
        options.update(limits=limits, cwd=str(cwd), always_run=always_run)
    elif engine == KERNEL_ENGINE:
        options.update(
            execution_timeout=limits.cell_timeout,
            allow_errors=True,
            interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "", "traceback": []},
            # after an interrupt the kernel may be slow to flush its output: that is not a
            # reason to abandon the notebook
            raise_on_iopub_timeout=False,
            # the kernel's own log ("KeyboardInterrupt caught in kernel") would reach the
            # grader's terminal among the progress lines: only critical errors may
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            # start the kernel in the submission's folder; never change this process's
            # working directory, which other submissions' threads share
            resources={"metadata": {"path": str(cwd)}},
        )
    else:
        raise ValueError(f"unknown engine {engine!r}; choose from {FORK_ENGINE}, {KERNEL_ENGINE}")
    try:
        execution.notebook = papermill_engines.execute_notebook_with_engine(engine, nb, **options)
    except Exception as exc:
        from nbclient.exceptions import DeadKernelError

        if not isinstance(exc, DeadKernelError):  # the kernel failed to start, or worse
            execution.error = f"the notebook could not be executed: {type(exc).__name__}: {exc}"
            execution.error = execution.error.splitlines()[0][:300]
        _mark_dead_kernel(nb)
    for cell in execution.notebook.cells:
        execution.outcomes[cell.get("id", "")] = _outcome(cell)
    _mark_interrupts_as_timeouts(execution, limits.cell_timeout)
    return execution


def _mark_dead_kernel(nb: NotebookNode) -> None:
    """nbclient raises when its kernel dies: record it on the cell that was running."""
    for cell in nb.cells:
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            cell.outputs = [
                {"output_type": "error", "ename": DEAD_KERNEL_ENAME, "evalue": "", "traceback": []}
            ]


def _mark_interrupts_as_timeouts(execution: Execution, cell_timeout: float) -> None:
    """nbclient interrupts a cell that runs too long: its KeyboardInterrupt means "timeout"."""
    for cell in execution.notebook.cells:
        outcome = execution.outcomes.get(cell.get("id", ""))
        if outcome is None or outcome.ename != "KeyboardInterrupt":
            continue
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
        if duration >= cell_timeout * 0.95:
            execution.outcomes[cell.id] = CellOutcome("timeout", TIMEOUT_ENAME)
