"""Whole-pipeline workflows for the command line: the demo on the bundled samples, and status."""

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
    """The whole pipeline on the samples: ingest, extract (rules), graph, plan; returns a summary."""
    from causemap.graphbuilder.extract_pipeline import extract_workspace
    from causemap.graphbuilder.extractors import make_extractor
    from causemap.graphbuilder.graph_service import build_workspace_graph
    from causemap.ingest.pipeline import ingest_paths
    from causemap.planner.workspace_plan import plan_workspace

    samples = find_samples()
    ingested = ingest_paths(ws, [samples], progress=progress)
    extracted = extract_workspace(
        ws, *make_extractor("rules", ws.settings.extract, ws.store), progress=progress
    )
    graph = build_workspace_graph(ws.store, ws.settings)
    record_graph_run(ws, graph)
    plan = plan_workspace(ws, graph=graph)
    plan_path = ws.root / "plan.md"
    plan_path.write_text(plan.to_markdown() + "\n", encoding="utf-8")
    stages = {
        "ingest": f"{len(ingested.ingested)} ingested, {len(ingested.skipped)} already there, "
        f"{len(ingested.failed)} failed (from {samples})",
        "extract": f"{extracted.claims_stored} new claims from {extracted.sentences} sentences "
        f"({extracted.papers} papers read, {extracted.papers_skipped} already read)",
        "graph": f"{len(graph.variables)} variables, {len(graph.edges)} edges, "
        f"{len(graph.contradictions)} contradictions, {len(graph.candidates)} candidate DAGs",
        "plan": f"{len(plan.gaps)} gaps, {len(plan.items)} proposals -> {plan_path}",
    }
    return {
        "workspace": str(ws.root),
        "stages": stages,
        "ingest": ingested.to_dict(),
        "extract": extracted.to_dict(),
    }


def record_graph_run(ws: Workspace, graph: Any) -> None:
    """Remember the graph's size, for `causemap status`."""
    ws.store.record_run(
        "graph",
        {
            "variables": len(graph.variables),
            "edges": len(graph.edges),
            "contradictions": len(graph.contradictions),
            "candidate_dags": len(graph.candidates),
        },
    )


def workspace_status(ws: Workspace) -> dict[str, Any]:
    """Counts of what the workspace holds; the graph's are computed when there are claims."""
    counts = ws.store.counts()
    graph_run = ws.store.last_run("graph")
    if graph_run is not None:  # as of the last build: status stays instant
        counts |= graph_run["summary"]
    return {
        "workspace": str(ws.root.resolve()),
        "schema_version": ws.store.schema_version,
        "counts": counts,
        "graph_built_at": graph_run["finished_at"] if graph_run else None,
        "last_ingest_failures": ws.store.last_failures("ingest"),
    }
