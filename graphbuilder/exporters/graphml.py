"""GraphML: opens in yEd, Gephi and Cytoscape. GraphML attributes are scalars, so list-valued
fields (aliases, designs, evidence) travel as JSON strings."""

from __future__ import annotations

import json

import networkx as nx

from causemap.graphbuilder.exporters.base import (
    edge_keys,
    scalar_edge_attributes,
    select_candidate,
)
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

__all__ = ["GraphMLExporter"]


class GraphMLExporter:
    """The knowledge graph (or a candidate) with its provenance as node and edge attributes."""

    name = "graphml"
    suffix = ".graphml"
    acyclic = False

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        chosen = select_candidate(graph, candidate, required=False)
        g = nx.DiGraph(candidate_rank=chosen.rank if chosen else 0)
        for v in graph.variables.values():
            g.add_node(v.id, label=v.label, aliases=json.dumps(v.aliases, ensure_ascii=False))
        for key in edge_keys(graph, chosen):
            g.add_edge(*key, **scalar_edge_attributes(graph.edges[key]))
        return "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"
