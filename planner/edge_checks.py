"""Refutation tests without a target: for the top candidate's most central edges, negative controls
chosen from the graph and DoWhy's placebo and dummy-outcome refuters of the edge's estimate.

An edge is central when many shortest paths of the top candidate run through it (edge betweenness)
and it is believed: the conclusions that most of the graph leans on. Only edges between concepts are
considered (see ``grounding.concept_problem``).
"""

from __future__ import annotations

import networkx as nx

from causemap.models import PlanItem
from causemap.planner.adjustment import ancestral_subgraph, minimal_adjustment_sets
from causemap.planner.context import PlanContext
from causemap.planner.grounding import edge_evidence
from causemap.planner.implications import negative_control_exposures, negative_control_outcomes
from causemap.planner.scoring import binary_entropy, load_resource
from causemap.planner.target_checks import (
    negative_control_item,
    refuter_action,
    refuter_text,
    usable_controls,
)

__all__ = ["central_edges", "edge_check_items"]

# Betweenness is sampled from this many sources on large graphs (exact below it).
BETWEENNESS_SOURCES = 200
EDGE_REFUTERS = ("placebo_treatment_refuter", "dummy_outcome_refuter")


def central_edges(ctx: PlanContext, n: int) -> list[tuple[str, str]]:
    """The ``n`` edges of the top candidate, between concepts, with the highest betweenness x belief."""
    top = ctx.dags[0]
    eligible = [
        (s, t)
        for s, t in top.edges
        if ctx.is_concept(s)
        and ctx.is_concept(t)
        and not ctx.same_concept(s, t)
        and (s, t) in ctx.graph.edges
    ]
    if not eligible:
        return []
    sub = top.edge_subgraph(eligible)
    k = BETWEENNESS_SOURCES if sub.number_of_nodes() > BETWEENNESS_SOURCES else None
    betweenness = nx.edge_betweenness_centrality(sub, k=k, seed=ctx.settings.seed)

    def score(edge: tuple[str, str]) -> tuple[float, int]:
        found = ctx.graph.edges[edge]
        return (betweenness.get(edge, 0.0) + 1e-6) * found.belief, found.n_papers

    return sorted(eligible, key=score, reverse=True)[:n]


def edge_check_items(ctx: PlanContext) -> list[PlanItem]:
    """Negative controls and data refuters for the most central edges (only without a target)."""
    if ctx.target is not None:
        return []
    scoring = load_resource("scoring.json")
    refuters = {r["name"]: r for r in load_resource("refuters.json")["refuters"]}
    items = []
    for x, y in central_edges(ctx, scoring["central_edges"]["value"]):
        anc = ancestral_subgraph(ctx.dags[0], [x, y])
        sets, _ = minimal_adjustment_sets(anc, x, y, ctx.observed, limit=1)
        if not sets:
            continue  # not identifiable by adjustment: nothing to refute on data
        adjustment = frozenset(sets[0])
        nodes = [x, y, *sorted(adjustment)]
        for find in (negative_control_outcomes, negative_control_exposures):
            for nc in usable_controls(ctx, find(ctx.dags[0], x, y, adjustment), x, y)[:1]:
                items.append(negative_control_item(ctx, nc, x, y, adjustment, relevant=True))
        belief = ctx.graph.edges[(x, y)].belief
        for name in EDGE_REFUTERS:
            # The refuter checks the estimate's mechanics; it is worth more the less the edge is settled.
            info = refuters[name]["information"] * (1 + binary_entropy(ctx.edge_presence((x, y))))
            lx, ly = ctx.label(x), ctx.label(y)
            items.append(
                ctx.item(
                    "refutation",
                    f"DoWhy {name} on {lx} → {ly}",
                    information=info,
                    cost=ctx.data_cost(nodes),
                    variables=nodes,
                    relevant=True,
                    edges=[(x, y)],
                    action=refuter_action(ctx, name, x, y, adjustment),
                    rationale=(
                        f"{lx} → {ly} is one of the edges the top candidate DAG leans on most (belief "
                        f"{belief:.2f}); estimate it adjusting for {ctx.labels(adjustment)} and check the "
                        f"estimate. " + refuter_text(ctx, name, x, y)
                    ),
                    evidence=edge_evidence(ctx.graph, [(x, y)]),
                )
            )
    return items
