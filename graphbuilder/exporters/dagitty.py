"""DAGitty model code: paste into dagitty.net (or R's ``dagitty::dagitty``) to find adjustment sets
and testable implications. A DAG, so the top candidate unless another is given."""

from __future__ import annotations

from causemap.graphbuilder.exporters.base import ExportError, edge_keys, select_candidate
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

__all__ = ["DagittyExporter"]


def _name(variable_id: str) -> str:
    # Variable ids are slugs (letters, digits, underscores); anything else is quoted.
    if variable_id.replace("_", "").isalnum() and variable_id[0].isalpha():
        return variable_id
    return '"' + variable_id.replace('"', "") + '"'


class DagittyExporter:
    """``dag { a  b  a -> b }``: every variable, then every edge of the candidate."""

    name = "dagitty"
    suffix = ".dagitty"
    acyclic = True

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        chosen = select_candidate(graph, candidate, required=True)
        if chosen is None:  # pragma: no cover - select_candidate raises first
            raise ExportError("no candidate DAG")
        lines = ["dag {"]
        lines += [_name(v) for v in sorted(graph.variables)]
        lines += [f"{_name(s)} -> {_name(t)}" for s, t in edge_keys(graph, chosen)]
        lines.append("}")
        return "\n".join(lines) + "\n"
