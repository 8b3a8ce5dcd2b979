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

TIMEOUT_ENAME = "CellTimeoutError"


@dataclass
class CellOutcome:
    """How one cell ended: "ok", "error", "timeout" or "not_run"."""

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
    kernel_died_in: str | None = None  # cell id where the kernel died
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
            status = "timeout" if ename == TIMEOUT_ENAME else "error"
            return CellOutcome(status, ename, output.get("evalue", ""))
    return CellOutcome("ok")


def execute_grading_notebook(
    nb: NotebookNode,
    parameters: Mapping[str, Any],
    *,
    cell_timeout: float,
    cwd: Path,
    kernel_name: str = "python3",
    start_timeout: float = 60,
) -> Execution:
    """Run every cell, continuing past errors and interrupting cells that exceed the limit."""
    from nbclient.exceptions import DeadKernelError
    from papermill.engines import papermill_engines
    from papermill.execute import prepare_notebook_metadata, remove_error_markers
    from papermill.parameterize import parameterize_notebook
    from papermill.utils import chdir

    for cell in nb.cells:  # papermill's loader guarantees this; we build cells ourselves
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(nb, dict(parameters), kernel_name=kernel_name, language="python")
    nb = prepare_notebook_metadata(nb, "<submission>", "<graded>")
    nb = remove_error_markers(nb)
    timeout_error = {
        "ename": TIMEOUT_ENAME,
        "evalue": f"the cell ran for more than {cell_timeout:g} s and was interrupted",
        "traceback": [],
    }
    execution = Execution(notebook=nb)
    try:
        with chdir(str(cwd)):
            executed = papermill_engines.execute_notebook_with_engine(
                None,
                nb,
                kernel_name=kernel_name,
                input_path="<submission>",
                output_path=None,
                progress_bar=False,
                log_output=False,
                start_timeout=start_timeout,
                execution_timeout=cell_timeout,
                allow_errors=True,
                interrupt_on_timeout=True,
                error_on_timeout=timeout_error,
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        execution.notebook = executed
    except DeadKernelError:
        execution.kernel_died_in = _running_cell(nb)
    except Exception as exc:  # the kernel failed to start, or the engine broke
        execution.error = f"the notebook could not be executed: {type(exc).__name__}: {exc}"[:300]
    for cell in execution.notebook.cells:
        execution.outcomes[cell.get("id", "")] = _outcome(cell)
    _mark_timeouts(execution, cell_timeout, timeout_error)
    return execution


def _running_cell(nb: NotebookNode) -> str | None:
    for cell in nb.cells:
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            return cell.get("id")
    return None


def _mark_timeouts(execution: Execution, cell_timeout: float, timeout_error: dict) -> None:
    """nbclient interrupts a cell that runs too long: its KeyboardInterrupt means "timeout"."""
    for cell in execution.notebook.cells:
        outcome = execution.outcomes.get(cell.get("id", ""))
        if outcome is None or outcome.ename != "KeyboardInterrupt":
            continue
        duration = cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0
        if duration >= cell_timeout * 0.95:
            execution.outcomes[cell.id] = CellOutcome(
                "timeout", TIMEOUT_ENAME, timeout_error["evalue"]
            )
