"""What every page shares: the open workspace, messages that survive a rerun, and job progress.

The workspace comes from ``CAUSEMAP_WORKSPACE`` (set by ``causemap ui``), or from the Settings page for
this browser session, else ``./causemap-workspace``. One ``Workspace`` (the API's, ``causemap.open``)
per folder is kept for the whole server (``st.cache_resource``), so the embedding model and the vector
store load once, and a job running in the background writes through the same connection the pages
read from.

Each workspace has one writing job at a time (ingest, extract) under ``job_key``, and reading jobs
beside it under their own keys (``reading_job_key``: building the graph, making a plan).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any, Literal

import streamlit as st

from causemap.api import Workspace
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.settings import DEFAULT_WORKSPACE, SETTINGS_FILE
from causemap.ui import jobs
from causemap.workspace import DB_FILE

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
    """The key of the workspace's writing job."""
    return str(ws.root.resolve())


def reading_job_key(ws: Workspace, kind: str) -> str:
    """The key of a job that only reads the workspace (``kind``: "graph", "plan"): it runs beside the
    writing one, one of each kind at a time."""
    return f"{job_key(ws)}#{kind}"


def mark_written() -> None:
    """Record that the app changed the workspace (claims, variables, papers)."""
    global _writes
    with _writes_lock:
        _writes += 1


_watchers: dict[str, sqlite3.Connection] = {}
_watchers_lock = threading.Lock()


def _commits_seen(db: Path) -> int | None:
    """SQLite's ``data_version`` of the workspace database, seen from a connection of our own: it
    changes with every commit made through any other connection (the app's store, a job, the command
    line in another process), never with reads. None while there is no database."""
    if not db.exists():
        return None
    with _watchers_lock:
        conn = _watchers.get(str(db))
        if conn is None:
            conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, check_same_thread=False)
            _watchers[str(db)] = conn
        try:
            return conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            _watchers.pop(str(db), None).close()
            return None


def data_stamp(ws: Workspace) -> tuple[Any, ...]:
    """Changes whenever the workspace's data may have changed (here, from the command line, or a job).

    Reading the workspace (the command line's ``graph``, a test's second connection) leaves it as is.
    """
    job = jobs.current_job(job_key(ws))
    running = (job.serial, job.status, job.done) if job is not None else ()
    return (_writes, _commits_seen(ws.root / DB_FILE), *running)


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
        counter = f"{min(job.done + 1, job.total)}/{job.total}" if job.total else "starting"
        st.progress(job.fraction, text=f"{job.label}: {counter} · {job.current}")
        st.caption(f"{job.elapsed:.0f} s elapsed; you can keep working on other pages.")
        job.shown.set()
    else:
        st.rerun()  # the whole page, so it shows what the job stored


def job_progress(ws: Workspace, kind: str, key: str | None = None) -> jobs.Job | None:
    """Show live progress while the workspace's job runs; return the latest job (running or not).

    ``key``: a reading job's (``reading_job_key``); by default the workspace's writing job, whose
    progress shows on the page of its ``kind`` and a note on the others.
    """
    key = key or job_key(ws)
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


def start(ws: Workspace, kind: str, label: str, work: Any, key: str | None = None) -> jobs.Job | None:
    """Start a job on ``ws`` (under ``key``, default its writing job), or say why not (one is running)."""
    try:
        return jobs.start_job(key or job_key(ws), kind, label, work)
    except jobs.JobBusy as exc:
        st.warning(str(exc))
        return None


def busy(ws: Workspace, key: str | None = None) -> bool:
    """Whether the workspace's writing job (or the job under ``key``) is running."""
    job = jobs.current_job(key or job_key(ws))
    return job is not None and job.running


# The latest graph built for each workspace folder, with the data stamps it is valid for. Building runs in
# a background job (``graph_for_page``).
_graphs: dict[str, tuple[set[tuple[Any, ...]], KnowledgeGraph]] = {}
_graph_failures: dict[str, tuple[tuple[Any, ...], str]] = {}  # the data a build failed on, and why
_graphs_lock = threading.Lock()


def graph_job_key(ws: Workspace) -> str:
    return reading_job_key(ws, "graph")


def _build_graph(ws: Workspace, progress: jobs.ProgressCallback | None = None) -> KnowledgeGraph:
    from causemap.graphbuilder.graph_service import build_workspace_graph

    before = data_stamp(ws)
    if progress is not None:
        progress(0, 1, "variables, belief, contradictions, candidate DAGs")
    try:
        # min_belief=0: the pages filter by belief themselves, starting from the settings' value.
        graph = build_workspace_graph(ws.store, ws.settings, min_belief=0.0)
    except Exception as exc:
        with _graphs_lock:
            _graph_failures[job_key(ws)] = (before, f"{type(exc).__name__}: {exc}")
        raise
    # Valid for the data as they were before the build, and as the build left them (it may cache).
    with _graphs_lock:
        _graphs[job_key(ws)] = ({before, data_stamp(ws)}, graph)
    return graph


def _cached_graph(ws: Workspace) -> tuple[KnowledgeGraph | None, bool]:
    """(the latest graph built for ``ws``, whether it still matches the data)."""
    with _graphs_lock:
        stamps, graph = _graphs.get(job_key(ws), (set(), None))
    return graph, data_stamp(ws) in stamps


def graph_for_page(ws: Workspace) -> tuple[KnowledgeGraph | None, str | None]:
    """The graph to show now, without waiting: ``(graph, note)``, or ``(None, None)`` while it is built.

    When the data changed since the last build, the graph is rebuilt in a background job, with its
    progress shown, and the page can be left meanwhile. While an ingest or an extraction is still
    writing, the last graph built is shown (with a note saying so) rather than rebuilt on every visit.
    """
    graph, current = _cached_graph(ws)
    if graph is not None and current:
        return graph, None
    if graph is not None and busy(ws):
        writer = jobs.current_job(job_key(ws))
        return (
            graph,
            f"{writer.label} is still running: this is the graph as last built; it is rebuilt when it ends.",
        )
    with _graphs_lock:
        failed_on, error = _graph_failures.get(job_key(ws), ((), ""))
    if failed_on == data_stamp(ws):  # not again on the same data: it would fail the same way
        st.error(f"The graph could not be built: {error}")
        return None, None
    key = graph_job_key(ws)
    job = jobs.current_job(key)
    if job is None or not job.running:
        try:
            jobs.start_job(key, "graph", "Building the graph", lambda progress: _build_graph(ws, progress))
        except jobs.JobBusy:
            pass  # another session started it a moment ago
    _live_progress(key)
    return None, None


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
