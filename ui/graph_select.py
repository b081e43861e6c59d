"""Which part of a knowledge graph the Graph page draws: filters, a neighbourhood, the strongest edges.

A real collection gives thousands of edges; nobody reads them at once. The page asks for a
``GraphQuery`` (minimum belief; study designs, claim roles and relations the evidence must include;
contested edges only; a variable to centre on and how many steps around it; at most N edges) and
draws the ``GraphSelection`` that ``select`` returns. Nothing is recomputed: an edge keeps the belief,
polarity and evidence the graph stage gave it; filters only decide whether it is drawn.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from causemap.graphbuilder.knowledge_graph import CandidateDAG, KnowledgeGraph
from causemap.models import Edge, Evidence

__all__ = ["GraphQuery", "GraphSelection", "neighbourhood", "select", "strongest_first"]

EdgeKey = tuple[str, str]


@dataclass(frozen=True)
class GraphQuery:
    """What the user asked to see; an empty tuple means "any"."""

    min_belief: float = 0.0
    max_edges: int = 200
    designs: tuple[str, ...] = ()  # StudyDesign values: some evidence must come from one of them
    roles: tuple[str, ...] = ()  # ClaimRole values: finding, background
    relations: tuple[str, ...] = ()  # causal, correlational
    contested_only: bool = False
    focus: str | None = None  # a variable id: draw its neighbourhood
    hops: int = 1  # how many steps around ``focus``

    def evidence_matches(self, evidence: Evidence) -> bool:
        return (
            (not self.designs or str(evidence.design) in self.designs)
            and (not self.roles or str(evidence.role) in self.roles)
            and (not self.relations or evidence.relation in self.relations)
        )

    def edge_matches(self, edge: Edge) -> bool:
        if edge.belief < self.min_belief or (self.contested_only and not edge.contradiction):
            return False
        if not (self.designs or self.roles or self.relations):
            return True
        return any(self.evidence_matches(e) for e in edge.evidence)


@dataclass(frozen=True)
class GraphSelection:
    """The graph to draw, and how it relates to the whole."""

    graph: KnowledgeGraph  # the drawn edges and their variables; candidates and contradictions cut to them
    matching: int  # edges passing the filters (and inside the neighbourhood), before the N cut
    total: int  # edges in the whole graph
    focus: str | None  # the centred variable, if it is in the graph

    @property
    def truncated(self) -> bool:
        return len(self.graph.edges) < self.matching


def strongest_first(graph: KnowledgeGraph, keys: Iterable[EdgeKey] | None = None) -> list[EdgeKey]:
    """Edge keys by belief, then number of papers, highest first; ties in name order."""
    edges = graph.edges
    return sorted(edges if keys is None else keys, key=lambda k: (-edges[k].belief, -edges[k].n_papers, k))


def neighbourhood(edges: Iterable[EdgeKey], centre: str, hops: int) -> dict[str, int]:
    """Variables within ``hops`` steps of ``centre`` (either direction), with their distance.

    >>> neighbourhood([("a", "b"), ("c", "b"), ("c", "d")], "a", 2)
    {'a': 0, 'b': 1, 'c': 2}
    """
    adjacent: dict[str, set[str]] = {}
    for s, t in edges:
        adjacent.setdefault(s, set()).add(t)
        adjacent.setdefault(t, set()).add(s)
    distance = {centre: 0}
    queue = deque([centre])
    while queue:
        node = queue.popleft()
        if distance[node] >= hops:
            continue
        for other in sorted(adjacent.get(node, ())):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    return distance


def select(graph: KnowledgeGraph, query: GraphQuery) -> GraphSelection:
    """The edges ``query`` asks for, at most ``query.max_edges`` of them, strongest (and, around a
    centred variable, nearest) first."""
    keys = [k for k, edge in graph.edges.items() if query.edge_matches(edge)]
    focus = query.focus if query.focus in graph.variables else None
    if focus is not None:
        distance = neighbourhood(keys, focus, max(query.hops, 1))
        keys = [k for k in keys if k[0] in distance and k[1] in distance]
        order = sorted(
            keys,
            key=lambda k: (min(distance[k[0]], distance[k[1]]), -graph.edges[k].belief, k),
        )
    else:
        order = strongest_first(graph, keys)
    chosen = order[: max(query.max_edges, 0)]
    return GraphSelection(
        graph=subgraph(graph, chosen, keep=[focus] if focus else []),
        matching=len(keys),
        total=len(graph.edges),
        focus=focus,
    )


def subgraph(graph: KnowledgeGraph, keys: Iterable[EdgeKey], keep: Iterable[str] = ()) -> KnowledgeGraph:
    """The graph restricted to the edges ``keys`` (in that order) and their variables (plus ``keep``)."""
    edges = {k: graph.edges[k] for k in keys}
    names = {v for key in edges for v in key} | set(keep)
    return KnowledgeGraph(
        variables={vid: v for vid, v in graph.variables.items() if vid in names},
        edges=edges,
        contradictions=[
            c for c in graph.contradictions if (c.source, c.target) in edges or (c.target, c.source) in edges
        ],
        candidates=[
            CandidateDAG(
                c.rank,
                c.score,
                [e for e in c.edges if e in edges],
                [d for d in c.dropped if tuple(d.edge) in edges],
            )
            for c in graph.candidates
        ],
        report=graph.report,
    )
