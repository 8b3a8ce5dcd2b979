"""The autograder: load → normalise → execute with papermill → score → GradeReport.

The names below are imported on first use, so that ``curriculum.grading.sandbox`` can start the
zygote before the pipeline's own imports (nbformat, papermill) are paid for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curriculum.grading.errors import SubmissionError
    from curriculum.grading.pipeline import DEFAULT_CELL_TIMEOUT, grade_notebook

__all__ = ["DEFAULT_CELL_TIMEOUT", "SubmissionError", "grade_notebook"]


def __getattr__(name: str) -> Any:
    if name == "SubmissionError":
        from curriculum.grading.errors import SubmissionError

        return SubmissionError
    if name in ("DEFAULT_CELL_TIMEOUT", "grade_notebook"):
        from curriculum.grading import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
