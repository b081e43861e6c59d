"""What every exporter implements, and the pieces they share.

An exporter turns a ``KnowledgeGraph`` (or one of its candidate DAGs) into the text of one file
format. Formats that can hold cycles (json, graphml, dot) export the whole knowledge graph unless a
candidate is given; formats that must be acyclic (dagitty, gml) export the top candidate by default.
"""

from __future__ import annotations

import json
from typing import Any, Protocol, runtime_checkable

from causemap.graphbuilder.belief import is_association_only
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge

__all__ = [
    "ExportError",
    "Exporter",
    "edge_keys",
    "evidence_json",
    "scalar_edge_attributes",
    "select_candidate",
]


class ExportError(ValueError):
    """The graph cannot be exported as asked (no such candidate, no acyclic candidate, ...)."""


@runtime_checkable
class Exporter(Protocol):
    """One file format."""

    name: str  # as on the command line: --export NAME
    suffix: str  # file name suffix, with the dot
    acyclic: bool  # True: exports a DAG, the top candidate unless one is given

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        """The file's text."""
        ...


def select_candidate(
    graph: KnowledgeGraph, candidate: CandidateDAG | int | None, required: bool
) -> CandidateDAG | None:
    """The candidate to export: as given, by rank, or (when ``required``) the top one.

    Raises
    ------
    ExportError
        If the rank does not exist, or a candidate is required and the graph has none.
    """
    if isinstance(candidate, CandidateDAG):
        return candidate
    if isinstance(candidate, int):
        for c in graph.candidates:
            if c.rank == candidate:
                return c
        raise ExportError(f"no candidate DAG of rank {candidate} (the graph has {len(graph.candidates)})")
    if required:
        if not graph.candidates:
            raise ExportError(
                "this format needs an acyclic graph and the graph has no candidate "
                "DAG; rebuild it with candidates"
            )
        return graph.candidates[0]
    return None


def edge_keys(graph: KnowledgeGraph, candidate: CandidateDAG | None) -> list[tuple[str, str]]:
    """The edges to export, sorted: the candidate's, else all of the knowledge graph's."""
    if candidate is None:
        return sorted(graph.edges)
    return sorted(e for e in candidate.edges if e in graph.edges)


def evidence_json(edge: Edge) -> str:
    """An edge's evidence as one JSON string: each item with its ``provenance`` object as it is.

    For formats whose attributes are scalars (GraphML, GML, DOT): the same nested document the JSON
    export writes, never re-flattened into per-format columns.
    """
    return json.dumps([e.model_dump(mode="json") for e in edge.evidence], ensure_ascii=False)


def scalar_edge_attributes(edge: Edge) -> dict[str, Any]:
    """An edge's fields as scalars: lists and evidence become JSON strings, None becomes ""."""
    return {
        "polarity": edge.polarity or "",
        "belief": float(edge.belief),
        "n_papers": int(edge.n_papers),
        "n_claims": int(edge.n_claims),
        "contradiction": bool(edge.contradiction),
        "association_only": is_association_only(edge.evidence),
        "designs": json.dumps([str(d) for d in edge.designs]),
        "polarity_counts": json.dumps(edge.polarity_counts, sort_keys=True),
        "evidence": evidence_json(edge),
    }
