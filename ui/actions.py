"""The app's long-running actions: the command line's ingest and extract, started as background jobs.

Each function only adapts a library call to a job: the library does the work and stores the results;
the job relays its per-file (or per-paper) progress to the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from causemap.ui import jobs, state
from causemap.workspace import Workspace


def start_ingest(ws: Workspace, paths: Sequence[Path], label: str = "Ingest") -> jobs.Job | None:
    """``causemap ingest PATHS`` in the background; the job's result is the ``IngestReport``."""
    from causemap.ingest.pipeline import ingest_paths

    targets = list(paths)

    def work(progress: jobs.ProgressCallback) -> Any:
        return ingest_paths(
            ws,
            targets,
            progress=False,
            on_file=lambda done, total, path: progress(done, total, Path(path).name),
        )

    return state.start(ws, "ingest", label, work)


def start_extract(ws: Workspace, extractor_name: str) -> jobs.Job | None:
    """``causemap extract --extractor NAME`` in the background; the result is the ``ExtractReport``."""
    from causemap.graphbuilder.extract_pipeline import extract_workspace
    from causemap.graphbuilder.extractors import make_extractor

    def work(progress: jobs.ProgressCallback) -> Any:
        progress(0, 0, f"loading the {extractor_name} extractor")
        extractor, prefilter = make_extractor(extractor_name, ws.settings.extract, ws.store)
        return extract_workspace(
            ws,
            extractor,
            prefilter,
            progress=False,
            on_paper=lambda done, total, paper: progress(done, total, paper.title or paper.source),
        )

    return state.start(ws, "extract", f"Extraction ({extractor_name})", work)


def ingest_rows(report: Any) -> list[dict[str, Any]]:
    """One row per file of an ``IngestReport``: its name, what happened, and why."""
    rows = []
    for outcome in ("ingested", "skipped", "failed"):
        for item in getattr(report, outcome, []):
            detail = (
                item.get("error")
                or item.get("reason")
                or (f"{item.get('pages', '?')} pages, {item.get('chunks', '?')} chunks")
            )
            rows.append(
                {
                    "file": Path(str(item.get("path", ""))).name,
                    "state": outcome,
                    "detail": detail,
                    "paper": item.get("title") or (item.get("paper_id") or "")[:12],
                }
            )
    return rows
