"""The app's long-running actions: the command line's ingest, extract and plan, as background jobs.

Each function only adapts a library call to a job: the library does the work and stores the results;
the job relays its progress to the page (per file and the stages inside it, per paper, per step).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from causemap.api import Workspace
from causemap.ui import jobs, state

if TYPE_CHECKING:
    import pandas as pd

    from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
    from causemap.planner.plan import Plan


def start_ingest(ws: Workspace, paths: Sequence[Path], label: str = "Ingest") -> jobs.Job | None:
    """``causemap ingest PATHS`` in the background (no paths: finish what an interrupted ingest left);
    the job's result is the ``IngestReport``. Progress: per document, and the stages inside a file
    ("paper.pdf: reading page 3/12", "paper.pdf: embedding chunks 64/340")."""
    targets = list(paths)

    def work(progress: jobs.ProgressCallback) -> Any:
        return ws.ingest(targets, progress=progress) if targets else ws.resume_ingest(progress=progress)

    return state.start(ws, "ingest", label, work)


def start_extract(ws: Workspace, extractor_name: str) -> jobs.Job | None:
    """``causemap extract --extractor NAME`` in the background; the result is the ``ExtractReport``.
    Progress: per paper, and an LLM's answered sentences inside it."""

    def work(progress: jobs.ProgressCallback) -> Any:
        return ws.extract(extractor_name, progress=progress)

    return state.start(ws, "extract", f"Extraction ({extractor_name})", work)


@dataclass(frozen=True)
class PlanRun:
    """A plan made in the background, with what it was made for."""

    plan: Plan
    target: tuple[str, str] | None
    data: str | None  # a short hash of the data table checked, if any
    stamp: tuple[Any, ...]  # ``state.data_stamp`` when planning started: later changes make it stale


def start_plan(
    ws: Workspace,
    graph: KnowledgeGraph,
    target: tuple[str, str] | None,
    data: pd.DataFrame | None = None,
    candidate: int | None = None,
    use_llm: bool = False,
    data_id: str | None = None,
) -> jobs.Job | None:
    """``causemap plan`` on ``graph`` in the background (a reading job: ingest and extract may run
    beside it); the job's result is a ``PlanRun``."""
    stamp = state.data_stamp(ws)

    def work(progress: jobs.ProgressCallback) -> PlanRun:
        plan = ws.plan(target, data, candidate=candidate, graph=graph, use_llm=use_llm, progress=progress)
        return PlanRun(plan, target, data_id, stamp)

    return state.start(ws, "plan", "Planning", work, key=state.reading_job_key(ws, "plan"))


def ingest_rows(report: Any) -> list[dict[str, Any]]:
    """One row per file of an ``IngestReport``: its name, what happened, and why."""
    rows = []
    for outcome in ("ingested", "skipped", "failed"):
        for item in getattr(report, outcome, []):
            detail = item.get("error") or item.get("reason") or _stored_detail(item)
            rows.append(
                {
                    "file": Path(str(item.get("path", ""))).name,
                    "state": outcome,
                    "detail": detail,
                    "paper": item.get("title") or (item.get("paper_id") or "")[:12],
                }
            )
    return rows


def _stored_detail(item: dict[str, Any]) -> str:
    """A stored paper's size, and its pages whose text is not all there."""
    size = f"{item.get('pages', '?')} pages, {item.get('chunks', '?')} chunks"
    pages = [f"page {w['page']}: {w['reason']}" for w in item.get("warnings", [])]
    return "; ".join([size, *pages])
