"""Graphviz DOT that renders as it reads: green edges increase, red decrease, grey "no effect",
width grows with belief, dashed edges are contested, dotted ones are associations only. Each edge
also carries its evidence (with provenance) as a JSON ``evidence`` attribute, which Graphviz keeps
and ignores when drawing."""

from __future__ import annotations

from causemap.graphbuilder.belief import is_association_only
from causemap.graphbuilder.exporters.base import edge_keys, evidence_json, select_candidate
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge

__all__ = ["POLARITY_COLOURS", "DotExporter", "penwidth"]

POLARITY_COLOURS = {"+": "#1a9850", "-": "#d73027", "0": "#999999", None: "#4d4d4d"}


def penwidth(belief: float) -> float:
    """Line width from 1 (no belief) to 5 (certain)."""
    return round(1.0 + 4.0 * belief, 2)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _edge_style(edge: Edge) -> str:
    if edge.contradiction:
        return "dashed"
    return "dotted" if is_association_only(edge.evidence) else "solid"


class DotExporter:
    """DOT text for ``dot -Tsvg``; the knowledge graph unless a candidate is given."""

    name = "dot"
    suffix = ".dot"
    acyclic = False

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        chosen = select_candidate(graph, candidate, required=False)
        lines = [
            "digraph causemap {",
            "  graph [rankdir=LR];",
            '  node [shape=box, style=rounded, fontname="Helvetica"];',
            '  edge [fontname="Helvetica", fontsize=10];',
        ]
        for v in graph.variables.values():
            lines.append(f"  {_quote(v.id)} [label={_quote(v.label)}];")
        for key in edge_keys(graph, chosen):
            edge = graph.edges[key]
            sign = edge.polarity or "?"
            attrs = {
                "color": _quote(POLARITY_COLOURS.get(edge.polarity, POLARITY_COLOURS[None])),
                "penwidth": str(penwidth(edge.belief)),
                "style": _edge_style(edge),
                "label": _quote(f"{sign} {edge.belief:.2f}"),
                "tooltip": _quote(f"papers: {edge.n_papers}, claims: {edge.n_claims}"),
                "evidence": _quote(evidence_json(edge)),
            }
            body = ", ".join(f"{k}={v}" for k, v in attrs.items())
            lines.append(f"  {_quote(key[0])} -> {_quote(key[1])} [{body}];")
        lines.append("}")
        return "\n".join(lines) + "\n"
