"""JSON with full provenance: variables and their aliases, edges with every piece of evidence."""

from __future__ import annotations

import json

from causemap.graphbuilder.exporters.base import edge_keys, select_candidate
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

__all__ = ["JsonExporter"]


class JsonExporter:
    """``KnowledgeGraph.to_dict()``; with a candidate, only its edges and that candidate."""

    name = "json"
    suffix = ".json"
    acyclic = False

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        chosen = select_candidate(graph, candidate, required=False)
        document = graph.to_dict()
        if chosen is not None:
            document["edges"] = [graph.edges[key].model_dump(mode="json") for key in edge_keys(graph, chosen)]
            document["candidates"] = [chosen.to_dict()]
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
