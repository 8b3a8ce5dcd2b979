"""The learner's workspace: their own copies of the notebooks, their progress, JupyterLab on it."""

from curriculum.workspace.layout import (
    MARKER,
    Workspace,
    WorkspaceError,
    find_workspace,
    open_workspace,
)

__all__ = ["MARKER", "Workspace", "WorkspaceError", "find_workspace", "open_workspace"]
