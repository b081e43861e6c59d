"""Targets worth studying: effects of the graph that are contested or weakly supported, that the
collection discusses, and that the candidate DAGs let one identify — each with why.

    score = (H(belief) + sign entropy if contested) x identifiable share x log2(2 + papers)

H(belief) is what settling the edge would tell (1 bit at belief 0.5); a contradiction between studies
adds the entropy of its sides; the identifiable share is the candidate weight in which the effect has a
directed path and an adjustment set of real concepts (a study could estimate it); more papers mean a
question the field asks. Edges whose ends are not concepts, or are one concept under two names, are
left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from causemap.graphbuilder.knowledge_graph import KnowledgeGraph
from causemap.planner.adjustment import ancestral_subgraph, minimal_adjustment_sets
from causemap.planner.context import PlanContext
from causemap.planner.scoring import (
    binary_entropy,
    candidate_weights,
    edge_probability,
    ensure_candidates,
    entropy,
)
from causemap.settings import PlannerSettings

__all__ = ["TargetSuggestion", "suggest_targets"]

# Edges examined for identification (the most uncertain first): each costs a separator search per candidate.
MAX_EXAMINED = 80


@dataclass
class TargetSuggestion:
    exposure: str
    outcome: str
    text: str  # "X -> Y" with labels, as --target takes it
    score: float
    belief: float
    papers: int
    contested: bool
    identifiable_share: float
    adjust_for: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.text,
            "exposure": self.exposure,
            "outcome": self.outcome,
            "score": round(self.score, 4),
            "belief": round(self.belief, 4),
            "papers": self.papers,
            "contested": self.contested,
            "identifiable_share": round(self.identifiable_share, 4),
            "adjust_for": self.adjust_for,
            "why": self.why,
        }


def suggest_targets(
    graph: KnowledgeGraph, n: int = 10, settings: PlannerSettings | None = None
) -> list[TargetSuggestion]:
    """The ``n`` effects most worth a study, best first (ties: more papers, then higher belief)."""
    settings = settings or PlannerSettings()
    if not graph.edges:
        return []
    candidates = ensure_candidates(graph)
    weights = candidate_weights(graph, candidates)
    dags = []
    for c in candidates:
        dag = nx.DiGraph()
        dag.add_nodes_from(graph.variables)
        dag.add_edges_from(c.edges)
        dags.append(dag)
    ctx = PlanContext(graph, candidates, dags, weights, settings)
    contested = {
        (c.source, c.target): c
        for c in graph.contradictions
        if c.kind != "both_directions"
        and tuple(sorted((c.source, c.target))) not in ctx.one_study_contradictions
    }
    eligible = [
        key
        for key in graph.edges
        if ctx.is_concept(key[0]) and ctx.is_concept(key[1]) and not ctx.same_concept(*key)
    ]

    def uncertainty(key: tuple[str, str]) -> float:
        edge = graph.edges[key]
        bits = binary_entropy(edge_probability(edge.belief))
        if key in contested:
            c = contested[key]
            bits += entropy([len({e.paper_id for e in c.supporting}), len({e.paper_id for e in c.opposing})])
        return bits

    eligible.sort(key=lambda k: (-uncertainty(k), -graph.edges[k].n_papers, -graph.edges[k].belief))
    concepts = {v for v in graph.variables if ctx.is_concept(v)}
    found = []
    for x, y in eligible[:MAX_EXAMINED]:
        edge = graph.edges[(x, y)]
        share, adjust = 0.0, None
        for dag, w in zip(dags, weights, strict=True):
            if not nx.has_path(dag, x, y):
                continue
            sets, _ = minimal_adjustment_sets(ancestral_subgraph(dag, [x, y]), x, y, concepts, limit=1)
            if sets:
                share += w
                adjust = sorted(sets[0]) if adjust is None else adjust
        bits = uncertainty((x, y))
        score = bits * share * math.log2(2 + edge.n_papers)
        if score <= 0:
            continue
        why = []
        if (x, y) in contested:
            why.append(f"contested: {contested[(x, y)].description.rstrip('.')}")
        why.append(
            f"belief {edge.belief:.2f} from {edge.n_papers} paper(s): settling it is worth {bits:.2f} bits"
        )
        why.append(
            f"identifiable in {share:.0%} of the candidate weight"
            + (f", adjusting for {ctx.labels(adjust)}" if adjust else ", with no adjustment")
        )
        found.append(
            TargetSuggestion(
                x,
                y,
                f"{ctx.label(x)} -> {ctx.label(y)}",
                score,
                edge.belief,
                edge.n_papers,
                (x, y) in contested,
                share,
                adjust or [],
                why,
            )
        )
    found.sort(key=lambda s: (-s.score, -s.papers, -s.belief))
    return found[:n]
