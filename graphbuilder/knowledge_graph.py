"""The knowledge graph and its candidate DAGs, as plain data.

``KnowledgeGraph`` is what the graph stage produces and what the planner, the exporters and the app read.
It keeps cycles and contradictions; ``CandidateDAG`` is one acyclic reading of it, with the edges it had to
drop and why. Building one from claims is ``graphbuilder.assemble.build_knowledge_graph``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from causemap.models import Edge, Evidence, Variable

ContradictionKind = Literal["opposite_sign", "effect_vs_null", "both_directions"]


@dataclass(frozen=True)
class Contradiction:
    """Two bodies of evidence that cannot both be right about one pair of variables."""

    source: str
    target: str
    kind: ContradictionKind
    description: str
    supporting: list[Evidence] = field(default_factory=list)  # one side (e.g. the "+" claims)
    opposing: list[Evidence] = field(default_factory=list)  # the other ("-", "0", or reverse direction)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "description": self.description,
            "supporting": [e.model_dump(mode="json") for e in self.supporting],
            "opposing": [e.model_dump(mode="json") for e in self.opposing],
        }


@dataclass(frozen=True)
class DroppedEdge:
    edge: tuple[str, str]
    reason: str


@dataclass(frozen=True)
class CandidateDAG:
    """An acyclic subgraph of the knowledge graph: its edges, and what was dropped to make it so."""

    rank: int  # 1 = most credible
    score: float  # higher is more credible (e.g. summed log-belief of what it keeps)
    edges: list[tuple[str, str]]
    dropped: list[DroppedEdge] = field(default_factory=list)

    def to_networkx(self, graph: KnowledgeGraph | None = None) -> nx.DiGraph:
        """The DAG; with ``graph``, nodes and edges carry the knowledge graph's attributes."""
        dag = nx.DiGraph()
        if graph is not None:
            dag.add_nodes_from((v.id, _node_attrs(v)) for v in graph.variables.values())
        for s, t in self.edges:
            attrs = _edge_attrs(graph.edges[(s, t)]) if graph is not None else {}
            dag.add_edge(s, t, **attrs)
        return dag

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "score": self.score,
            "edges": [list(e) for e in self.edges],
            "dropped": [{"edge": list(d.edge), "reason": d.reason} for d in self.dropped],
        }


@dataclass
class KnowledgeGraph:
    variables: dict[str, Variable] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)
    contradictions: list[Contradiction] = field(default_factory=list)
    candidates: list[CandidateDAG] = field(default_factory=list)
    # How the graph was built: claims used and ignored, self-loops, synonym merges, decisions
    # applied or stale (see graphbuilder.assemble.build_knowledge_graph).
    report: dict[str, Any] = field(default_factory=dict)

    def to_networkx(self, min_belief: float = 0.0) -> nx.DiGraph:
        """Directed graph of variables; edge attributes are the Edge's fields (evidence included)."""
        g = nx.DiGraph()
        g.add_nodes_from((v.id, _node_attrs(v)) for v in self.variables.values())
        for (s, t), edge in self.edges.items():
            if edge.belief >= min_belief:
                g.add_edge(s, t, **_edge_attrs(edge))
        return g

    def filtered(self, min_belief: float) -> KnowledgeGraph:
        """The same graph without edges below ``min_belief`` (candidates keep only surviving edges)."""
        edges = {k: e for k, e in self.edges.items() if e.belief >= min_belief}
        return KnowledgeGraph(
            variables=self.variables,
            edges=edges,
            contradictions=[c for c in self.contradictions if _touches(c, edges)],
            candidates=[
                CandidateDAG(c.rank, c.score, [e for e in c.edges if e in edges], c.dropped)
                for c in self.candidates
            ],
            report=self.report,
        )

    def export(
        self, format: str, path: str | Path | None = None, candidate: CandidateDAG | int | None = None
    ) -> str:
        """The graph as ``format`` (json, graphml, dot, dagitty, gml); written to ``path`` when given.

        ``candidate`` (a rank, 1 = most credible) exports that candidate DAG; the acyclic formats
        (dagitty, gml) export the most credible one by default. The file is replaced only once the
        whole text is written, so a failed export never leaves a half-written file.
        """
        from causemap.graphbuilder.exporters import export_graph

        text = export_graph(self, format, candidate)
        if path is not None:
            target = Path(path)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``causemap graph --json``."""
        return {
            "nodes": [
                {"id": v.id, "label": v.label, "aliases": list(v.aliases)} for v in self.variables.values()
            ],
            "edges": [e.model_dump(mode="json") for e in self.edges.values()],
            "candidates": [c.to_dict() for c in self.candidates],
            "contradictions": [c.to_dict() for c in self.contradictions],
            "report": self.report,
        }


def _node_attrs(v: Variable) -> dict[str, Any]:
    return {"label": v.label, "aliases": list(v.aliases)}


def _edge_attrs(edge: Edge) -> dict[str, Any]:
    return edge.model_dump(exclude={"source", "target"})


def _touches(c: Contradiction, edges: dict[tuple[str, str], Edge]) -> bool:
    return (c.source, c.target) in edges or (c.target, c.source) in edges
