"""What every page shares: the open workspace, messages that survive a rerun, and job progress.

The workspace comes from ``CAUSEMAP_WORKSPACE`` (set by ``causemap ui``), or from the Settings page for
this browser session, else ``./causemap-workspace``. One ``Workspace`` per folder is kept for the whole
server (``st.cache_resource``), so the embedding model and the vector store load once, and a job
running in the background writes through the same connection the pages read from.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Literal

import streamlit as st

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.settings import DEFAULT_WORKSPACE, SETTINGS_FILE
from causemap.ui import jobs
from causemap.workspace import DB_FILE, Workspace

WORKSPACE_ENV = "CAUSEMAP_WORKSPACE"
_SESSION_WORKSPACE = "workspace_path"
_FLASH = "flash_messages"
FlashKind = Literal["success", "info", "warning", "error"]

# Bumped on every write the app makes, so cached views (the graph) never outlive the data they show
# even when two writes land within one tick of the file system clock.
_writes = 0
_writes_lock = threading.Lock()


def workspace_path() -> Path:
    """The workspace folder this session works on."""
    chosen = st.session_state.get(_SESSION_WORKSPACE)
    return Path(chosen or os.environ.get(WORKSPACE_ENV) or DEFAULT_WORKSPACE).expanduser().resolve()


def choose_workspace(path: Path | str) -> None:
    """Switch this browser session to another workspace folder."""
    st.session_state[_SESSION_WORKSPACE] = str(Path(path).expanduser().resolve())


def _settings_stamp(root: Path) -> int:
    path = root / SETTINGS_FILE
    return path.stat().st_mtime_ns if path.exists() else 0


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(root: str, settings_stamp: int) -> Workspace:
    # settings_stamp is part of the key: saving settings.toml opens the workspace with the new settings.
    return Workspace.open(root)


def workspace() -> Workspace:
    """The session's workspace, opened once per folder and settings version."""
    root = workspace_path()
    return _open(str(root), _settings_stamp(root))


def job_key(ws: Workspace) -> str:
    return str(ws.root.resolve())


def mark_written() -> None:
    """Record that the app changed the workspace (claims, variables, papers)."""
    global _writes
    with _writes_lock:
        _writes += 1


def data_stamp(ws: Workspace) -> tuple[Any, ...]:
    """Changes whenever the workspace's data may have changed (here, from the command line, or a job)."""
    stamps: list[Any] = [_writes]
    for name in (DB_FILE, f"{DB_FILE}-wal"):
        path = ws.root / name
        if path.exists():
            stat = path.stat()
            stamps.extend((stat.st_mtime_ns, stat.st_size))
    job = jobs.current_job(job_key(ws))
    if job is not None:
        stamps.extend((job.serial, job.status, job.done))
    return tuple(stamps)


def flash(kind: FlashKind, text: str) -> None:
    """A message shown at the top of the next run of the page (after ``st.rerun``)."""
    st.session_state.setdefault(_FLASH, []).append((kind, text))


def show_flashes() -> None:
    for kind, text in st.session_state.pop(_FLASH, []):
        getattr(st, kind)(text)


@st.fragment(run_every=0.7)
def _live_progress(key: str) -> None:
    job = jobs.current_job(key)
    if job is None:
        return
    if job.running:
        counter = f"{job.done + 1}/{job.total}" if job.total else "starting"
        st.progress(job.fraction, text=f"{job.label}: {counter} · {job.current}")
        st.caption(f"{job.elapsed:.0f} s elapsed; you can keep working on other pages.")
    else:
        st.rerun()  # the whole page, so it shows what the job stored


def job_progress(ws: Workspace, kind: str) -> jobs.Job | None:
    """Show live progress while the workspace's job runs; return the latest job (running or not)."""
    key = job_key(ws)
    job = jobs.current_job(key)
    if job is None:
        return None
    if job.running:
        if job.kind == kind:
            _live_progress(key)
        else:
            st.info(f"{job.label} is running; this page's actions wait until it finishes.")
    elif job.kind == kind and job.status == "failed":
        st.error(f"{job.label} failed: {job.error}")
    return job


def start(ws: Workspace, kind: str, label: str, work: Any) -> jobs.Job | None:
    """Start a job on ``ws``, or say why not (another one is running)."""
    try:
        return jobs.start_job(job_key(ws), kind, label, work)
    except jobs.JobBusy as exc:
        st.warning(str(exc))
        return None


def busy(ws: Workspace) -> bool:
    job = jobs.current_job(job_key(ws))
    return job is not None and job.running


@st.cache_resource(show_spinner="Building the graph…", max_entries=4)
def _graph(root: str, stamp: tuple[Any, ...], _ws: Workspace) -> KnowledgeGraph:
    from causemap.graphbuilder.graph_service import build_workspace_graph

    # min_belief=0: the page filters by belief itself, starting from the settings' value.
    return build_workspace_graph(_ws.store, _ws.settings, min_belief=0.0)


def knowledge_graph(ws: Workspace) -> KnowledgeGraph:
    """The workspace's knowledge graph (as `causemap graph` builds it), rebuilt when the data change.

    The cached object is shared between sessions: callers must not modify it.
    """
    return _graph(str(ws.root), data_stamp(ws), ws)


@st.cache_data(show_spinner=False, max_entries=32)
def _layered(nodes: tuple[str, ...], weights: tuple[tuple[str, str, float], ...]) -> dict:
    from causemap.ui.layout import layered_layout

    return layered_layout(nodes, [(s, t) for s, t, _ in weights], weights={(s, t): w for s, t, w in weights})


def graph_layout(
    name: str, graph: KnowledgeGraph, dag: CandidateDAG | None = None
) -> dict[str, tuple[float, float]] | None:
    """Positions for drawing ``graph`` (None for the force layout, which the browser computes).

    Edges point forwards by their belief; with ``dag``, its own edges come first, so the edges it
    dropped are the ones drawn backwards. Cached: the same view is laid out once.
    """
    if name != "layered":
        return None
    kept = set(dag.edges) if dag is not None else None
    weights = tuple(
        (s, t, edge.belief + (1.0 if kept is not None and (s, t) in kept else 0.0))
        for (s, t), edge in graph.edges.items()
    )
    return _layered(tuple(graph.variables), weights)
