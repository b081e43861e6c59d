"""GML for DoWhy: ``CausalModel(data, treatment, outcome, graph=text)`` reads it as the causal graph
(nodes are named by variable id, which must match the data's column names). A DAG, so the top
candidate unless another is given. Each edge carries its evidence (with provenance) as a JSON string."""

from __future__ import annotations

import networkx as nx

from causemap.graphbuilder.exporters.base import edge_keys, evidence_json, select_candidate
from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph

__all__ = ["GmlExporter"]


class GmlExporter:
    """The candidate DAG with its variables' names and its edges' sign and belief."""

    name = "gml"
    suffix = ".gml"
    acyclic = True

    def export(self, graph: KnowledgeGraph, candidate: CandidateDAG | int | None = None) -> str:
        chosen = select_candidate(graph, candidate, required=True)
        g = nx.DiGraph()
        for v in graph.variables.values():
            g.add_node(v.id, name=v.label)  # GML's own "label" holds the node's id
        for key in edge_keys(graph, chosen):
            edge = graph.edges[key]
            g.add_edge(
                *key,
                belief=float(edge.belief),
                polarity=edge.polarity or "",
                n_papers=int(edge.n_papers),
                evidence=evidence_json(edge),
            )
        return "\n".join(nx.generate_gml(g)) + "\n"
