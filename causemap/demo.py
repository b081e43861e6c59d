"""The demo: the whole pipeline on the bundled sample papers, in a workspace the user can open again.

``causemap demo`` and ``causemap.demo()`` run it; it is re-exported by ``causemap.api``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from causemap.errors import CausemapError

if TYPE_CHECKING:
    from causemap.api import Progress
    from causemap.graphbuilder.extract_pipeline import ExtractReport
    from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
    from causemap.ingest.pipeline import IngestReport
    from causemap.planner.plan import Plan

DEMO_WORKSPACE = Path("causemap-demo")


@dataclass
class DemoReport:
    """What ``demo()`` did, stage by stage."""

    workspace: Path
    samples: Path
    ingest: IngestReport
    extract: ExtractReport
    graph: KnowledgeGraph
    plan: Plan
    plan_path: Path

    def stages(self) -> dict[str, str]:
        """One line per stage."""
        i, e, g = self.ingest, self.extract, self.graph
        return {
            "ingest": f"{len(i.ingested)} ingested, {len(i.skipped)} already there, "
            f"{len(i.failed)} failed (from {self.samples})",
            "extract": f"{e.claims_stored} new claims from {e.sentences} sentences "
            f"({e.papers} papers read, {e.papers_skipped} already read)",
            "graph": f"{len(g.variables)} variables, {len(g.edges)} edges, "
            f"{len(g.contradictions)} contradictions, {len(g.candidates)} candidate DAGs",
            "plan": f"{len(self.plan.gaps)} gaps, {len(self.plan.items)} proposals -> {self.plan_path}",
        }

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``causemap demo --json``."""
        return {
            "workspace": str(self.workspace),
            "stages": self.stages(),
            "ingest": self.ingest.to_dict(),
            "extract": self.extract.to_dict(),
            "plan": str(self.plan_path),
        }


def find_samples() -> Path:
    """The bundled sample PDFs: ``$CAUSEMAP_SAMPLES``, ./corpus_samples, or the source checkout's."""
    candidates = [
        os.environ.get("CAUSEMAP_SAMPLES"),
        Path.cwd() / "corpus_samples",
        Path(__file__).resolve().parents[1] / "corpus_samples",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "pdf").is_dir():
            return Path(candidate) / "pdf"
    raise CausemapError(
        "the sample papers were not found: run the demo from a causemap checkout, or set "
        "CAUSEMAP_SAMPLES to its corpus_samples folder"
    )


def demo(
    path: Path | str = DEMO_WORKSPACE, *, samples: Path | str | None = None, progress: Progress = None
) -> DemoReport:
    """The whole pipeline on the bundled samples: ingest, extract (rules), graph, plan (-> plan.md).

    Running it again is quick: what is already stored is skipped. Open the workspace afterwards with
    ``causemap.open(path)`` (or ``causemap ui -w PATH``).
    """
    source = Path(samples) if samples is not None else find_samples()
    from causemap.api import open as open_workspace

    with open_workspace(path, create=True) as ws:
        ingested = ws.ingest([source], progress=progress)
        extracted = ws.extract("rules", progress=progress)
        kg = ws.graph(progress=progress)
        plan = ws.plan(graph=kg, use_llm=False, progress=progress)
        plan_path = ws.root / "plan.md"
        plan_path.write_text(plan.to_markdown() + "\n", encoding="utf-8")
    return DemoReport(Path(path), source, ingested, extracted, kg, plan, plan_path)
