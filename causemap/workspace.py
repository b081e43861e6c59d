"""One folder per collection: the SQLite store, the Chroma vectors and the settings.

    causemap-workspace/
        causemap.db      papers, pages, chunks, claims, curation, LLM cache, runs (unless store.url
                         names a PostgreSQL database)
        chroma/          the persistent vector store (unless a Chroma server is configured)
        settings.toml    settings that differ from the defaults
        uploads/         files added through the app

``Workspace.open(path, create=False)`` refuses a folder that is not a workspace (``causemap.paths``),
naming it, so that a mistyped path is never silently created empty; the stages' own callers (tests,
benchmarks) keep the creating default.

The heavy parts (embedding model, vector store) belong to the ingest stage, which opens them on first use
through ``component()``, so that `causemap status` is instant and the core depends on no later stage.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from causemap.paths import (  # noqa: F401 (re-exported: where a workspace is, and whether it is one)
    DB_FILE,
    MARKER_FILES,
    SETTINGS_FILE,
    NotAWorkspaceError,
    is_workspace,
    require_workspace,
    workspace_path,
)
from causemap.settings import Settings
from causemap.store import Store

T = TypeVar("T")


class Workspace:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = Path(settings.workspace)
        self.root.mkdir(parents=True, exist_ok=True)
        store = settings.store
        self.store = Store(store.url or self.root / DB_FILE, connect_timeout_s=store.connect_timeout_s)
        self._components: dict[str, Any] = {}

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True, **overrides: Any) -> Workspace:
        """The workspace at ``path``; with ``create=False`` a folder that is not one is refused."""
        folder = require_workspace(path) if not create else workspace_path(path)
        workspace = cls(Settings.load(folder, **overrides))
        if create and not is_workspace(workspace.root):
            # A store on a database server leaves no causemap.db here: the settings file marks the folder.
            (workspace.root / SETTINGS_FILE).write_text("# settings that differ from the defaults\n")
        return workspace

    def component(self, name: str, factory: Callable[[Workspace], T]) -> T:
        """The workspace's ``name`` component, built by ``factory`` on first use and then kept."""
        if name not in self._components:
            self._components[name] = factory(self)
        return self._components[name]

    @property
    def uploads(self) -> Path:
        path = self.root / "uploads"
        path.mkdir(exist_ok=True)
        return path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
