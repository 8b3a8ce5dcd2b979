"""A workspace folder: copies of the lessons and exercises that belong to the learner.

``open_workspace(dir)`` creates one, or brings an existing one up to date: notebooks that are
new in this version of the curriculum are copied in, and nothing the learner already has is
ever overwritten. ``Workspace.reset(module)`` replaces one exercise with a fresh copy, keeping
the old file as a backup beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from curriculum.syllabus import SYLLABUS, Module, content_root

MARKER = Path(".curriculum") / "workspace.json"
DEFAULT_DIR = Path("curriculum-workspace")


class WorkspaceError(Exception):
    """A folder cannot be used as a workspace, or a module has nothing to copy."""


@dataclass
class WorkspaceUpdate:
    """What ``open_workspace`` did: files copied in, files left as the learner had them."""

    workspace: Workspace
    created: bool
    added: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Workspace:
    root: Path

    @property
    def state_dir(self) -> Path:
        return self.root / MARKER.parent

    @property
    def progress_db(self) -> Path:
        return self.state_dir / "progress.sqlite"

    def lesson(self, module: Module) -> Path:
        return self.root / module.lesson_path

    def exercise(self, module: Module) -> Path:
        return self.root / module.exercise_path

    def relative(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.root)).as_posix()

    def reset(self, module: Module, source: Path | None = None) -> tuple[Path, Path | None]:
        """A fresh copy of ``module``'s exercise; the learner's file is kept as a backup.

        Returns (fresh copy, backup or None when there was nothing to keep).
        """
        pristine = (source or content_root()) / module.exercise_path
        if not pristine.is_file():
            raise WorkspaceError(f"module {module.stem} has no exercise to reset")
        target = self.exercise(module)
        backup = None
        if target.exists():
            stamp = time.strftime("%Y%m%d-%H%M%S")
            backup = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
            n = 1
            while backup.exists():
                n += 1
                backup = target.with_name(f"{target.stem}.backup-{stamp}-{n}{target.suffix}")
            target.rename(backup)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pristine, target)
        return target, backup


def find_workspace(start: Path | None = None) -> Workspace | None:
    """The workspace that holds ``start`` (default: the current folder), if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / MARKER).is_file():
            return Workspace(folder)
    return None


def open_workspace(directory: Path | None = None, source: Path | None = None) -> WorkspaceUpdate:
    """Create the workspace at ``directory`` or add what it lacks; never overwrite a file."""
    root = (directory or DEFAULT_DIR).expanduser().resolve()
    source = (source or content_root()).resolve()
    if directory is None and (root == source or source in root.parents):
        # run from inside a clone, as its README has you: the workspace goes beside the clone
        root = source.parent / DEFAULT_DIR
    if root == source or source in root.parents:
        raise WorkspaceError(
            f"{root}: a workspace cannot live inside the curriculum's own files ({source}); "
            "choose a folder elsewhere"
        )
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root}: exists and is not a folder")
    marker = root / MARKER
    created = not marker.is_file()
    if created and root.is_dir() and any(root.iterdir()):
        # an unmarked folder with files: only adopt it if it looks like an old workspace
        if not ((root / "notebooks").is_dir() or (root / "exercises").is_dir()):
            raise WorkspaceError(
                f"{root}: is not empty and is not a curriculum workspace; "
                "choose an empty or new folder"
            )
    update = WorkspaceUpdate(Workspace(root), created)
    for module in SYLLABUS:
        for relative in (module.lesson_path, module.exercise_path):
            origin = source / relative
            if not origin.is_file():
                continue
            target = root / relative
            if target.exists():
                update.kept.append(relative)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, target)
            update.added.append(relative)
    marker.parent.mkdir(parents=True, exist_ok=True)
    _write_marker(marker, created)
    return update


def _write_marker(marker: Path, created: bool) -> None:
    from curriculum import __version__

    data = {}
    if not created:
        try:
            data = json.loads(marker.read_text())
        except (OSError, ValueError):
            data = {}
    data.setdefault("created", time.strftime("%Y-%m-%dT%H:%M:%S"))
    data["curriculum_version"] = __version__
    data["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S")
    marker.write_text(json.dumps(data, indent=2) + "\n")
