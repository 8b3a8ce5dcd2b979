"""curriculum: a Jupyter path to machine learning engineering, with self-grading exercises."""

__version__ = "0.1.0"
