"""The autograder: load → normalise → execute with papermill → score → GradeReport."""

from curriculum.grading.errors import SubmissionError
from curriculum.grading.pipeline import DEFAULT_CELL_TIMEOUT, grade_notebook

__all__ = ["DEFAULT_CELL_TIMEOUT", "SubmissionError", "grade_notebook"]
