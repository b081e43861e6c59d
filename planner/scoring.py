"""How much an item would settle, for its cost: candidate weights, entropies, priorities.

The candidate DAGs are weighted as hypotheses about the true graph: each knowledge-graph edge is real
with probability equal to its belief, independently, so a candidate's weight is proportional to the
product of the beliefs of the edges it keeps and one minus the beliefs of the edges it leaves out.
An item's information is the entropy (bits) of its outcome under these weights — what observing it
would tell about which candidate holds, or about the target's identification. docs/planner.md lists
every rule; the constants live in resources/scoring.json.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

import networkx as nx

from causemap.graphbuilder.knowledge_graph import CandidateDAG, DroppedEdge, KnowledgeGraph
from causemap.models import Evidence, Provenance

__all__ = [
    "binary_entropy",
    "candidate_weights",
    "citations_for",
    "edge_probability",
    "edge_citations",
    "ensure_candidates",
    "entropy",
    "load_resource",
    "priority",
]


@cache
def load_resource(name: str) -> dict[str, Any]:
    """A JSON data file of ``causemap.planner/resources``."""
    text = resources.files("causemap.planner").joinpath(f"resources/{name}").read_text("utf-8")
    return json.loads(text)


def edge_probability(belief: float) -> float:
    """An edge's belief, kept away from 0 and 1 so that no single edge vetoes a candidate."""
    low, high = load_resource("scoring.json")["belief_clip"]
    return min(max(belief, low), high)


def binary_entropy(p: float) -> float:
    """Entropy in bits of a yes/no outcome with probability ``p``.

    >>> binary_entropy(0.5), binary_entropy(1.0)
    (1.0, 0.0)
    """
    if p <= 0.0 or p >= 1.0:
        return 0.0
    return -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def entropy(probabilities: Sequence[float]) -> float:
    """Entropy in bits of a distribution (normalised first).

    >>> round(entropy([1, 1, 1, 1]), 6)
    2.0
    """
    total = sum(probabilities)
    if total <= 0:
        return 0.0
    return -sum(p / total * math.log2(p / total) for p in probabilities if p > 0)


def candidate_weights(graph: KnowledgeGraph, candidates: Sequence[CandidateDAG]) -> list[float]:
    """Posterior-like weights of the candidates (summing to 1) from the edges' beliefs."""
    if not candidates:
        return []
    logs = []
    for candidate in candidates:
        kept = set(candidate.edges)
        total = 0.0
        for key, edge in graph.edges.items():
            p = edge_probability(edge.belief)
            total += math.log(p) if key in kept else math.log(1.0 - p)
        logs.append(total)
    top = max(logs)
    raw = [math.exp(v - top) for v in logs]
    return [w / sum(raw) for w in raw]


def priority(kind: str, cost: str, information: float, relevant: bool = True) -> float:
    """relevance x decisiveness x information / cost weight, rounded for stable output.

    >>> priority("experiment", "high", 2.0)
    0.5
    """
    scoring = load_resource("scoring.json")
    relevance = 1.0 if relevant else scoring["off_target_relevance"]
    value = relevance * scoring["decisiveness"][kind] * information / scoring["cost_weight"][cost]
    return round(value, 4)


def ensure_candidates(graph: KnowledgeGraph) -> list[CandidateDAG]:
    """The graph's candidates; when it has none, one built here by dropping, cycle by cycle, the
    least-believed edge (so that the planner works on graphs built without candidates)."""
    if graph.candidates:
        return sorted(graph.candidates, key=lambda c: c.rank)
    g = nx.DiGraph()
    g.add_nodes_from(graph.variables)
    g.add_edges_from(graph.edges)
    dropped = []
    while True:
        try:
            cycle = nx.find_cycle(g)
        except nx.NetworkXNoCycle:
            break
        weakest = min(((s, t) for s, t, *_ in cycle), key=lambda e: (graph.edges[e].belief, e))
        g.remove_edge(*weakest)
        dropped.append(
            DroppedEdge(weakest, f"least-believed edge (belief {graph.edges[weakest].belief:.2f}) of a cycle")
        )
    score = sum(math.log(edge_probability(graph.edges[e].belief)) for e in g.edges)
    return [CandidateDAG(rank=1, score=score, edges=sorted(g.edges), dropped=dropped)]


def citations_for(evidence: Sequence[Evidence], limit: int | None = None) -> list[Provenance]:
    """Citations of ``evidence`` (rejected claims left out), one per paper and page, best designs
    first so that the strongest support is shown when the list is cut."""
    limit = limit or load_resource("scoring.json")["max_citations"]
    weak = set(load_resource("scoring.json")["weak_designs"])
    usable = [e for e in evidence if e.state != "rejected"]
    usable.sort(key=lambda e: (e.design in weak, e.hedged, e.relation != "causal", e.paper_id, e.page))
    seen, citations = set(), []
    for e in usable:
        if (e.paper_id, e.page) in seen:
            continue
        seen.add((e.paper_id, e.page))
        citations.append(e.provenance)
        if len(citations) >= limit:
            break
    return citations


def edge_citations(graph: KnowledgeGraph, edges: Sequence[tuple[str, str]]) -> list[Provenance]:
    """Citations behind ``edges`` of the knowledge graph: the best one of each edge first, in
    turn, up to the same cap overall."""
    limit = load_resource("scoring.json")["max_citations"]
    per_edge = [citations_for(graph.edges[k].evidence, limit) for k in edges if k in graph.edges]
    chosen: list[Provenance] = []
    for rank in range(limit):
        for citations in per_edge:
            if rank < len(citations) and citations[rank] not in chosen and len(chosen) < limit:
                chosen.append(citations[rank])
    return chosen
