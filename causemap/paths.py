"""Where a workspace is, and whether a folder is one, decided without loading anything.

The command line checks the workspace it is given before it imports the settings model, the store or
any stage, so that a mistyped path is reported at once (and never silently created empty).

A folder is a workspace when it holds ``causemap.db`` or ``settings.toml`` (a team's workspace whose
store is a database server holds only the settings that point at it).
"""

from __future__ import annotations

import os
from pathlib import Path

from causemap.errors import UsageError

DEFAULT_WORKSPACE = Path("causemap-workspace")
SETTINGS_FILE = "settings.toml"
DB_FILE = "causemap.db"
MARKER_FILES = (DB_FILE, SETTINGS_FILE)


class NotAWorkspaceError(UsageError):
    """A folder that holds no causemap workspace was given where one must exist (exit status 2)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if not self.path.exists():
            why = "does not exist"
        elif not self.path.is_dir():
            why = "is a file, not a folder"
        else:
            why = f"has no {DB_FILE} or {SETTINGS_FILE}"
        super().__init__(
            f"{self.path} is not a causemap workspace (it {why}). Check the path; a new workspace is "
            f"started by `causemap ingest PAPERS --workspace {self.path}` (in Python: "
            f"causemap.open(path, create=True)), or try `causemap demo`"
        )


def workspace_path(path: Path | str | None = None) -> Path:
    """The folder meant by ``path``: itself, else ``CAUSEMAP_WORKSPACE``, else ./causemap-workspace.

    >>> workspace_path("reviews/sleep")
    PosixPath('reviews/sleep')
    """
    return Path(path or os.environ.get("CAUSEMAP_WORKSPACE") or DEFAULT_WORKSPACE).expanduser()


def is_workspace(path: Path | str) -> bool:
    """Whether ``path`` is a folder holding a causemap workspace.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> is_workspace(folder), is_workspace(folder / "typo")
    (False, False)
    >>> (folder / "causemap.db").touch()
    >>> is_workspace(folder)
    True
    """
    folder = Path(path)
    return folder.is_dir() and any((folder / name).is_file() for name in MARKER_FILES)


def require_workspace(path: Path | str | None = None) -> Path:
    """The workspace folder meant by ``path``; raises ``NotAWorkspaceError`` if it holds none."""
    folder = workspace_path(path)
    if not is_workspace(folder):
        raise NotAWorkspaceError(folder)
    return folder
