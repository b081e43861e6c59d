"""Proposals that analyse data: testable implications, negative controls, DoWhy's refuters (kind
"refutation"), and adjustment sets, instruments and front-door sets (kind "identification")."""

from __future__ import annotations

from causemap.models import PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.implications import (
    Implication,
    implication_for_pair,
    is_negative_control,
    nearby_pairs,
    negative_control_exposures,
    negative_control_outcomes,
)
from causemap.planner.scoring import binary_entropy, edge_citations, load_resource, priority

__all__ = ["identification_items", "implication_items", "negative_control_items", "refuter_items"]

# Pairs examined for implications, per implication finally kept (the rest are ranked by a cheap
# proxy first: pairs whose adjacency differs across candidates, then pairs touching the target).
PAIRS_PER_IMPLICATION = 4
NEGATIVE_CONTROLS_PER_ROLE = 2
SETS_PROPOSED = 3


def implication_items(ctx: PlanContext) -> list[PlanItem]:
    """The most informative conditional independences the candidates imply, at most
    ``settings.max_implications``."""
    items = []
    for imp in _candidate_implications(ctx):
        holds = [imp.holds_in(d) for d in ctx.dags]
        share = ctx.share(holds)
        linked = (imp.u, imp.v) in ctx.graph.edges or (imp.v, imp.u) in ctx.graph.edges
        p_independent = share if linked else share * (1 - ctx.link_prior(imp.u, imp.v))
        info = binary_entropy(p_independent)
        if info <= 0:
            continue
        nodes = [imp.u, imp.v, *sorted(imp.given)]
        n_hold = sum(holds)
        verb = "is" if len(imp.given) == 1 else "are"
        given = f" once {ctx.labels(imp.given)} {verb} held fixed" if imp.given else ""
        where = (
            "every candidate DAG implies"
            if n_hold == len(holds)
            else f"{n_hold} of {len(holds)} candidate DAGs (weight {share:.0%}) imply"
        )
        rationale = (
            f"{where[0].upper()}{where[1:]} that {ctx.label(imp.u)} and {ctx.label(imp.v)} are independent"
            f"{given}. A dependence in data means an edge or a confounder between them is missing"
        )
        rationale += (
            ", which would decide between the candidates." if n_hold < len(holds) else " from the graph."
        )
        if not linked and ctx.link_prior(imp.u, imp.v) > load_resource("scoring.json")["missed_link_prior"]:
            rationale += " The two are discussed together in the corpus with no claim between them."
        top = ctx.dags[0]
        edges = [e for e in top.edges if set(e) & {imp.u, imp.v} and set(e) <= set(nodes)]
        items.append(
            PlanItem(
                kind="refutation",
                title=f"Test the implied independence {ctx.label(imp.u)} ⊥ "
                f"{ctx.label(imp.v)}" + (f" | {ctx.labels(imp.given)}" if imp.given else ""),
                variables=nodes,
                rationale=rationale,
                citations=edge_citations(ctx.graph, edges),
                cost=ctx.data_cost(nodes),
                priority=priority("refutation", ctx.data_cost(nodes), info, ctx.is_relevant(nodes)),
            )
        )
    items.sort(key=lambda i: (-i.priority, i.title))
    return items[: ctx.settings.max_implications]


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
    pairs = list(dict.fromkeys(sorted(varying) + nearby_pairs(ctx.dags[0], sorted(focus))))
    target = set(ctx.target or ())
    pairs.sort(key=lambda p: (p not in varying, not (set(p) & target), p))
    budget = max(ctx.settings.max_implications * PAIRS_PER_IMPLICATION, len(varying))
    found: dict[Implication, None] = {}
    for u, v in pairs[:budget]:
        if ctx.observed is not None and not {u, v} <= ctx.observed:
            continue
        for dag in ctx.dags:  # the first (most credible) candidate that implies something for it
            implication = implication_for_pair(dag, u, v, ctx.observed)
            if implication is not None:
                found[implication] = None
                break
    return list(found)


def negative_control_items(ctx: PlanContext) -> list[PlanItem]:
    """Negative-control outcomes and exposures for the target, from the top candidate."""
    if ctx.target is None or ctx.identification is None or not ctx.identification.recommended:
        return []
    x, y = ctx.target
    adjustment = ctx.identification.recommended.variables
    finders = {"outcome": negative_control_outcomes, "exposure": negative_control_exposures}
    items = []
    for role, find in finders.items():
        for nc in find(ctx.dags[0], x, y, adjustment)[:NEGATIVE_CONTROLS_PER_ROLE]:
            valid = [is_negative_control(d, role, x, y, nc.variable, adjustment) for d in ctx.dags]
            info = binary_entropy(ctx.unmeasured_confounding_prior) * ctx.share(valid)
            nodes = [nc.variable, x, y, *sorted(adjustment)]
            shared = ctx.labels(nc.shared_confounders)
            if role == "outcome":
                test = (
                    f"{ctx.label(nc.variable)} is not caused by {ctx.label(x)} but shares its "
                    f"confounder(s) {shared}. Estimate the 'effect' of {ctx.label(x)} on "
                    f"{ctx.label(nc.variable)}"
                )
            else:
                test = (
                    f"{ctx.label(nc.variable)} does not cause {ctx.label(y)} but shares the "
                    f"confounder(s) {shared} with {ctx.label(x)}. Estimate the 'effect' of "
                    f"{ctx.label(nc.variable)} on {ctx.label(y)}"
                )
            rationale = (
                f"{test} adjusting for {ctx.labels(adjustment)}: the graph predicts none (valid in "
                f"{sum(valid)} of {len(valid)} candidates). An association betrays confounding the "
                f"adjustment misses, which then biases {ctx.label(x)} → {ctx.label(y)} too."
            )
            edges = [
                (c, t)
                for c in nc.shared_confounders
                for t in (nc.variable, x, y)
                if ctx.dags[0].has_edge(c, t)
            ]
            items.append(
                PlanItem(
                    kind="refutation",
                    title=f"Negative-control {role}: {ctx.label(nc.variable)}",
                    variables=nodes,
                    rationale=rationale,
                    citations=edge_citations(ctx.graph, edges),
                    cost=ctx.data_cost(nodes),
                    priority=priority("refutation", ctx.data_cost(nodes), info),
                )
            )
    return items


def refuter_items(ctx: PlanContext) -> list[PlanItem]:
    """DoWhy's refuters for the target estimate, with settings and the meaning of each outcome:
    one item for the checks of the estimate's mechanics, one for sensitivity to unmeasured
    confounding (add_unobserved_common_cause), whose value is the entropy of that prior."""
    if ctx.target is None or (ctx.identification and ctx.identification.causal_path_share <= 0):
        return []  # no candidate gives an effect to refute
    x, y = ctx.target
    adjustment = (
        ctx.identification.recommended.variables
        if (ctx.identification and ctx.identification.recommended)
        else frozenset()
    )
    nodes = [x, y, *sorted(adjustment)]
    cost = ctx.data_cost(nodes)

    def fill(text: str) -> str:
        return text.replace("{x}", ctx.label(x)).replace("{y}", ctx.label(y))

    def describe(refuter: dict) -> str:
        settings = ", ".join(f"{k}={v!r}" for k, v in refuter["settings"].items())
        return (
            f"{refuter['name']}({settings}): {fill(refuter['what'])}. Pass: "
            f"{fill(refuter['pass'])}. Fail: {fill(refuter['fail'])}."
        )

    refuters = load_resource("refuters.json")["refuters"]
    mechanics = [r for r in refuters if r["information"] is not None]
    sensitivity = [r for r in refuters if r["information"] is None]
    items = [
        PlanItem(
            kind="refutation",
            title="DoWhy refuters: " + ", ".join(r["name"] for r in mechanics),
            variables=nodes,
            rationale=(
                "Checks of the estimate itself, each run with CausalModel.refute_estimate("
                "method_name=...). " + " ".join(describe(r) for r in mechanics)
            ),
            cost=cost,
            priority=priority("refutation", cost, max(r["information"] for r in mechanics)),
        )
    ]
    for refuter in sensitivity:
        items.append(
            PlanItem(
                kind="refutation",
                title=f"DoWhy refuter {refuter['name']} (sensitivity analysis)",
                variables=nodes,
                rationale=(
                    "How strong would confounding the graph leaves out have to be to overturn "
                    "the estimate? " + describe(refuter)
                ),
                cost=cost,
                priority=priority("refutation", cost, binary_entropy(ctx.unmeasured_confounding_prior)),
            )
        )
    return items


def identification_items(ctx: PlanContext) -> list[PlanItem]:
    """Adjustment sets, instruments and front-door sets for the target, with how often each holds."""
    ident = ctx.identification
    if ctx.target is None or ident is None:
        return []
    x, y = ctx.target
    n = len(ctx.dags)
    scoring = load_resource("scoring.json")
    items = []
    for support in ident.adjustment_sets[:SETS_PROPOSED]:
        z = support.variables
        cost = ctx.analysis_cost(z)
        title = (f"Adjust for {ctx.labels(z)}" if z else "No adjustment needed") + (
            f" to estimate {ctx.label(x)} → {ctx.label(y)}"
        )
        rationale = (
            f"Blocks every backdoor path from {ctx.label(x)} to {ctx.label(y)} in "
            f"{len(support.valid_in)} of {n} candidate DAGs (weight {support.share:.0%}); minimal in "
            f"candidate(s) {', '.join(map(str, support.minimal_in)) or 'none'}."
        )
        if support.deciding_edges:
            decided = "; ".join(f"{ctx.label(s)} → {ctx.label(t)}" for s, t in support.deciding_edges)
            rationale += f" Whether it is valid or needed turns on: {decided}."
        edges = [e for e in ctx.dags[0].edges if e[0] in z and e[1] in ident.relevant]
        edges += list(support.deciding_edges)
        items.append(
            PlanItem(
                kind="identification",
                title=title,
                variables=sorted(z | {x, y}),
                rationale=rationale,
                citations=edge_citations(ctx.graph, edges),
                cost=cost,
                priority=priority("identification", cost, support.share),
            )
        )
    for support in ident.instruments[:2]:
        (z,) = support.variables
        given = f" given {ctx.labels(support.given)}" if support.given else ""
        nodes = sorted({z, x, y} | support.given)
        cost = ctx.analysis_cost(nodes)
        rationale = (
            f"{ctx.label(z)} affects {ctx.label(x)} and reaches {ctx.label(y)} only through it{given}"
            f" in {len(support.valid_in)} of {n} candidates (weight {support.share:.0%}). An "
            "instrumental-variable estimate (DoWhy iv.instrumental_variable) needs, besides the "
            "graph, a linear or monotone effect of the instrument."
        )
        edges = [e for e in ctx.dags[0].edges if e[0] == z]
        items.append(
            PlanItem(
                kind="identification",
                title=f"Use {ctx.label(z)} as an instrument{given}",
                variables=nodes,
                rationale=rationale,
                citations=edge_citations(ctx.graph, edges),
                cost=cost,
                priority=priority("identification", cost, support.share * scoring["instrument_discount"]),
            )
        )
    for support in ident.frontdoor_sets[:1]:
        m = support.variables
        nodes = sorted(m | {x, y})
        cost = ctx.analysis_cost(nodes)
        rationale = (
            f"{ctx.labels(m)} carries all of {ctx.label(x)}'s effect on {ctx.label(y)}, with no "
            f"confounding of {ctx.label(x)} → mediator(s) and none of mediator(s) → "
            f"{ctx.label(y)} that {ctx.label(x)} does not block, in {len(support.valid_in)} of {n} "
            f"candidates (weight {support.share:.0%}): the front-door formula identifies the "
            "effect even with unmeasured confounding of exposure and outcome."
        )
        path_edges = [e for e in ctx.dags[0].edges if set(e) & m]
        items.append(
            PlanItem(
                kind="identification",
                title=f"Front-door estimate through {ctx.labels(m)}",
                variables=nodes,
                rationale=rationale,
                citations=edge_citations(ctx.graph, path_edges),
                cost=cost,
                priority=priority("identification", cost, support.share * scoring["frontdoor_discount"]),
            )
        )
    if ident.latent_confounding:
        latent = ident.latent_confounding
        nodes = sorted(latent | {x, y})
        items.append(
            PlanItem(
                kind="identification",
                title=f"Measure {ctx.labels(latent)}",
                variables=nodes,
                rationale=(
                    f"Confounding of {ctx.label(x)} → {ctx.label(y)} runs through "
                    f"{ctx.labels(latent)}, which the data do not have; measuring them makes "
                    "the effect identifiable by adjustment."
                ),
                cost="medium",
                priority=priority(
                    "identification",
                    "medium",
                    1.0 - ident.identifiable_share + binary_entropy(ident.identifiable_share),
                ),
            )
        )
    return items
