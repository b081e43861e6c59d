"""Testable implications (kind "refutation"): the conditional independences the candidate DAGs
imply, most informative first, chosen among the pairs the candidates disagree on or that touch the
target; one that contradicts claims of the collection says so."""

from __future__ import annotations

from causemap.models import PlanAction, PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.grounding import edge_evidence
from causemap.planner.implications import Implication, implication_for_pair, nearby_pairs
from causemap.planner.scoring import binary_entropy, load_resource

__all__ = ["IMPLICATION_TEST", "implication_items"]

# Pairs examined for implications, per implication finally kept (the rest are ranked by a cheap
# proxy first: pairs whose adjacency differs across candidates, then pairs touching the target).
PAIRS_PER_IMPLICATION = 4
IMPLICATION_TEST = "conditional_independence_test"  # as dowhy.gcm.falsify tests each implication


def implication_items(ctx: PlanContext) -> list[PlanItem]:
    """The most informative conditional independences the candidates imply, at most
    ``settings.max_implications``; one that contradicts claims of the collection says so."""
    items = []
    for imp in _candidate_implications(ctx):
        holds = [imp.holds_in(d) for d in ctx.dags]
        share = ctx.share(holds)
        claimed = [k for k in ((imp.u, imp.v), (imp.v, imp.u)) if k in ctx.graph.edges]
        p_independent = share if claimed else share * (1 - ctx.link_prior(imp.u, imp.v))
        info = binary_entropy(p_independent)
        if info <= 0:
            continue
        nodes = [imp.u, imp.v, *sorted(imp.given)]
        lu, lv = ctx.label(imp.u), ctx.label(imp.v)
        n_hold = sum(holds)
        verb = "is" if len(imp.given) == 1 else "are"
        given = f" once {ctx.labels(imp.given)} {verb} held fixed" if imp.given else ""
        where = (
            "every candidate DAG implies"
            if n_hold == len(holds)
            else f"{n_hold} of {len(holds)} candidate DAGs (weight {share:.0%}) imply"
        )
        rationale = f"{where[0].upper()}{where[1:]} that {lu} and {lv} are independent{given}."
        for s, t in claimed:
            edge = ctx.graph.edges[(s, t)]
            dropping = [c.rank for c, h in zip(ctx.candidates, holds, strict=True) if h]
            rationale += (
                f" But candidate{'s' if len(dropping) > 1 else ''} {', '.join(map(str, dropping))} "
                f"drop{'' if len(dropping) > 1 else 's'} {ctx.label(s)} → {ctx.label(t)}, which "
                f"{_papers_claim(edge.n_papers)}: "
                "a dependence in data would side with those papers."
            )
        if not claimed:
            rationale += " A dependence in data means an edge or a confounder between them is missing"
            rationale += (
                ", which would decide between the candidates." if n_hold < len(holds) else " from the graph."
            )
            if ctx.link_prior(imp.u, imp.v) > load_resource("scoring.json")["missed_link_prior"]:
                rationale += " The two are discussed together in the corpus with no claim between them."
        top = ctx.dags[0]
        # The claims that place u and v: edges among the test's variables first, then their other edges.
        inside = [e for e in top.edges if set(e) & {imp.u, imp.v} and set(e) <= set(nodes)]
        around = [e for e in top.edges if set(e) & {imp.u, imp.v} and e not in inside]
        edges = claimed + inside + around
        expected, apart = ctx.expectations(
            [f"{lu} ⊥ {lv}" + (" given the rest" if imp.given else "") if h else "dependent" for h in holds]
        )
        cost = ctx.data_cost(nodes)
        items.append(
            ctx.item(
                "refutation",
                f"Test the implied independence {lu} ⊥ {lv}"
                + (f" | {ctx.labels(imp.given)}" if imp.given else ""),
                information=info,
                cost=cost,
                variables=nodes,
                edges=[(imp.u, imp.v), *claimed],
                action=PlanAction(
                    method=IMPLICATION_TEST,
                    arguments={
                        "x": imp.u,
                        "y": imp.v,
                        "given": sorted(imp.given),
                        "test": "partial correlation",
                    },
                    measure=nodes,
                    adjust_for=sorted(imp.given),
                ),
                expected=expected,
                distinguishes=apart,
                rationale=rationale,
                evidence=edge_evidence(ctx.graph, edges),
            )
        )
    items.sort(key=lambda i: (-i.priority, -i.information, i.id))
    return items[: ctx.settings.max_implications]


def _papers_claim(n: int) -> str:
    return f"{n} paper claims" if n == 1 else f"{n} papers claim"


def _candidate_implications(ctx: PlanContext) -> list[Implication]:
    all_edges = [set(d.edges) for d in ctx.dags]
    varying = {tuple(sorted(e)) for e in set().union(*all_edges) - set.intersection(*all_edges)}
    if ctx.target is not None:
        x, y = ctx.target
        focus = {x, y} | {p for d in ctx.dags for p in [*d.predecessors(x), *d.predecessors(y)]}
        if ctx.identification and ctx.identification.recommended:
            focus |= ctx.identification.recommended.variables
    else:
        weak = {v for k, e in ctx.graph.edges.items() if e.belief < ctx.settings.weak_belief for v in k}
        focus = weak | {v for p in varying for v in p} or set(ctx.graph.variables)
    focus = {v for v in focus if ctx.is_concept(v)}
    pairs = list(dict.fromkeys(sorted(varying) + nearby_pairs(ctx.dags[0], sorted(focus))))
    # Measured-looking variables only: concepts, not one another under two names.
    pairs = [p for p in pairs if ctx.is_concept(p[0]) and ctx.is_concept(p[1]) and not ctx.synonyms(*p)]
    target = set(ctx.target or ())
    pairs.sort(key=lambda p: (p not in varying, not (set(p) & target), -_pair_support(ctx, p), p))
    budget = max(ctx.settings.max_implications * PAIRS_PER_IMPLICATION, len(varying))
    found: dict[Implication, None] = {}
    for u, v in pairs[:budget]:
        if ctx.observed is not None and not {u, v} <= ctx.observed:
            continue
        for dag in ctx.dags:  # the first (most credible) candidate that implies something for it
            implication = implication_for_pair(dag, u, v, ctx.observed)
            if implication is not None and all(ctx.is_concept(g) for g in implication.given):
                found[implication] = None
                break
    return list(found)


def _pair_support(ctx: PlanContext, pair: tuple[str, str]) -> int:
    """Papers behind the edges touching the pair's variables: how much of the collection it concerns."""
    a, b = pair
    papers = ctx.papers_touching
    shared = sum(e.n_papers for k in ((a, b), (b, a)) if (e := ctx.graph.edges.get(k)))
    return papers.get(a, 0) + papers.get(b, 0) - shared
