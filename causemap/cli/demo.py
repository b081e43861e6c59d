"""Whole-pipeline helpers for the command line: the demo on the bundled samples, and status."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from causemap.errors import CausemapError
from causemap.workspace import Workspace


def find_samples() -> Path:
    """The bundled sample PDFs: $CAUSEMAP_SAMPLES, ./corpus_samples, or the source checkout's."""
    candidates = [
        os.environ.get("CAUSEMAP_SAMPLES"),
        Path.cwd() / "corpus_samples",
        Path(__file__).resolve().parents[2] / "corpus_samples",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "pdf").is_dir():
            return Path(candidate) / "pdf"
    raise CausemapError(
        "the sample papers were not found: run the demo from a causemap checkout, or set "
        "CAUSEMAP_SAMPLES to its corpus_samples folder"
    )


def run_demo(ws: Workspace, progress: bool = True) -> dict[str, Any]:
    """Ingest the samples (and, as stages land, extract, graph and plan); returns a summary."""
    from causemap.ingest.pipeline import ingest_paths

    samples = find_samples()
    report = ingest_paths(ws, [samples], progress=progress)
    stages = {
        "ingest": f"{len(report.ingested)} ingested, {len(report.skipped)} already there, "
        f"{len(report.failed)} failed (from {samples})",
    }
    return {"workspace": str(ws.root), "stages": stages, "ingest": report.to_dict()}


def workspace_status(ws: Workspace) -> dict[str, Any]:
    counts = ws.store.counts()
    return {
        "workspace": str(ws.root.resolve()),
        "schema_version": ws.store.schema_version,
        "counts": counts,
        "last_ingest_failures": ws.store.last_failures("ingest"),
    }
