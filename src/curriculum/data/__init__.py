"""Small data files written by ``scripts/make_*.py`` and shipped inside the package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def path(name: str) -> Path:
    """The installed location of a shipped data file, e.g. ``path("corpus.csv")``."""
    found = Path(str(files(__name__).joinpath(name)))
    if not found.is_file():
        raise FileNotFoundError(
            f"curriculum ships no data file named {name!r} (looked in {found.parent})"
        )
    return found
