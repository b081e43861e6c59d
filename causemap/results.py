"""The typed result of the API's verb that no stage defines: a workspace's status.

(The stages define the others: ``IngestReport``, ``ExtractReport``, ``KnowledgeGraph``, ``Plan``,
``Passage``, ``Answer``.) Importing this module loads no stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from causemap.labels import counts_text


@dataclass(frozen=True)
class Status:
    """What a workspace holds: counts by state, and the graph's size as of its last build."""

    workspace: Path
    schema_version: int
    counts: dict[str, Any]
    graph: dict[str, int] | None = None  # variables, edges, contradictions, candidate_dags
    graph_built_at: str | None = None
    last_ingest_failures: list[dict[str, str]] = field(default_factory=list)
    # who is working on what now (live runs and the papers they hold), and the latest ingest's outcomes
    # file by file, as recorded when each file finished (a killed batch's too)
    workers: list[dict[str, Any]] = field(default_factory=list)
    last_ingest: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``causemap status --json``."""
        return {
            "workspace": str(self.workspace),
            "schema_version": self.schema_version,
            "counts": {**self.counts, **(self.graph or {})},
            "graph_built_at": self.graph_built_at,
            "last_ingest_failures": list(self.last_ingest_failures),
            "workers": list(self.workers),
            "last_ingest": self.last_ingest,
        }

    def describe(self) -> list[str]:
        """The status as lines a researcher reads.

        >>> status = Status(Path("ws"), 3, {"papers": 2, "papers_by_state": {"ready": 2}, "pages": 9,
        ...                 "chunks": 40, "claims": 5, "claims_by_state": {"pending": 4, "rejected": 1}})
        >>> print("\\n".join(status.describe()))
        workspace  ws
        papers     2 (2 ready)
        pages      9
        chunks     40
        claims     5 (4 pending, 1 rejected)
        graph      not built yet (causemap graph)
        """
        c = self.counts
        lines = [
            f"workspace  {self.workspace}",
            f"papers     {c.get('papers', 0)}{_by_state(c.get('papers_by_state'))}",
            f"pages      {c.get('pages', 0)}",
            f"chunks     {c.get('chunks', 0)}",
            f"claims     {c.get('claims', 0)}{_by_state(c.get('claims_by_state'))}",
        ]
        if self.graph is None:
            lines.append("graph      not built yet (causemap graph)")
        else:
            g = self.graph
            lines.append(
                f"graph      {g.get('variables', 0)} variables, {g.get('edges', 0)} edges, "
                f"{g.get('contradictions', 0)} contradictions, {g.get('candidate_dags', 0)} candidate DAGs "
                f"(built {self.graph_built_at})"
            )
        if self.last_ingest_failures:
            lines.append(f"last ingest: {len(self.last_ingest_failures)} file(s) failed")
            lines.extend(f"    {f['path']}: {f['error']}" for f in self.last_ingest_failures)
        for w in self.workers:  # several processes on one workspace (a lab)
            held = ", ".join(p["title"] or p["paper_id"] for p in w["working_on"]) or "nothing claimed now"
            lines.append(f"run {w['id']} {w['command']} on {w['host']}, process {w['pid']}: {held}")
        return lines


def _by_state(counts: dict[str, int] | None) -> str:
    text = counts_text(counts)
    return f" ({text})" if text else ""
