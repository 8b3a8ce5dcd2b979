"""Errors the grading pipeline raises for a submission it cannot grade."""


class SubmissionError(Exception):
    """A submission that cannot be graded; ``str(error)`` is a one-line reason for the learner."""
