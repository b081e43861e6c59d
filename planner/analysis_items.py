"""Proposals that analyse data: testable implications and negative controls (kind "refutation"),
DoWhy's refuters of the target estimate, adjustment sets, instruments and front-door sets (kind
"identification"), and variables to measure (kind "measurement")."""

from __future__ import annotations

from causemap.models import PlanAction, PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.grounding import edge_evidence
from causemap.planner.implications import (
    Implication,
    NegativeControl,
    implication_for_pair,
    is_negative_control,
    nearby_pairs,
    negative_control_exposures,
    negative_control_outcomes,
)
from causemap.planner.scoring import binary_entropy, load_resource

__all__ = [
    "identification_items",
    "implication_items",
    "negative_control_item",
    "negative_control_items",
    "usable_controls",
    "refuter_action",
    "refuter_items",
    "refuter_text",
]

# Pairs examined for implications, per implication finally kept (the rest are ranked by a cheap
# proxy first: pairs whose adjacency differs across candidates, then pairs touching the target).
PAIRS_PER_IMPLICATION = 4
NEGATIVE_CONTROLS_PER_ROLE = 2
SETS_PROPOSED = 3
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


def negative_control_items(ctx: PlanContext) -> list[PlanItem]:
    """Negative-control outcomes and exposures for the target, from the top candidate."""
    if ctx.target is None or ctx.identification is None or not ctx.identification.recommended:
        return []
    x, y = ctx.target
    adjustment = ctx.identification.recommended.variables
    return [
        item
        for role, find in (("outcome", negative_control_outcomes), ("exposure", negative_control_exposures))
        for item in (
            negative_control_item(ctx, nc, x, y, adjustment)
            for nc in usable_controls(ctx, find(ctx.dags[0], x, y, adjustment), x, y)
        )
    ]


def usable_controls(ctx: PlanContext, found: list[NegativeControl], x: str, y: str) -> list[NegativeControl]:
    """Controls that are concepts, not the exposure or outcome under another name, best supported first."""
    usable = [
        nc
        for nc in found
        if ctx.is_concept(nc.variable)
        and not ctx.same_concept(nc.variable, x)
        and not ctx.same_concept(nc.variable, y)
    ]
    return usable[:NEGATIVE_CONTROLS_PER_ROLE]


def negative_control_item(
    ctx: PlanContext,
    nc: NegativeControl,
    x: str,
    y: str,
    adjustment: frozenset[str],
    relevant: bool | None = None,
) -> PlanItem:
    """One negative control of ``x -> y``: the test, why the graph justifies the role, the claims."""
    role = nc.role
    valid = [is_negative_control(d, role, x, y, nc.variable, adjustment) for d in ctx.dags]
    info = binary_entropy(ctx.unmeasured_confounding_prior) * ctx.share(valid)
    nodes = [nc.variable, x, y, *sorted(adjustment)]
    lx, ly, ln = ctx.label(x), ctx.label(y), ctx.label(nc.variable)
    shared = ctx.labels(nc.shared_confounders)
    if role == "outcome":
        test = (
            f"{ln} is not caused by {lx} but shares its confounder(s) {shared}. "
            f"Estimate the 'effect' of {lx} on {ln}"
        )
        exposure, outcome = x, nc.variable
    else:
        test = (
            f"{ln} does not cause {ly} but shares the confounder(s) {shared} with {lx}. Estimate the "
            f"'effect' of {ln} on {ly}"
        )
        exposure, outcome = nc.variable, y
    rationale = (
        f"{test} adjusting for {ctx.labels(adjustment)}: the graph predicts none (valid in "
        f"{sum(valid)} of {len(valid)} candidates). An association betrays confounding the "
        f"adjustment misses, which then biases {lx} → {ly} too."
    )
    top = ctx.dags[0]
    edges = [(c, t) for c in nc.shared_confounders for t in (nc.variable, x, y) if top.has_edge(c, t)]
    results = ["no association" if v else "not a valid control" for v in valid]
    expected, apart = ctx.expectations(results)
    cost = ctx.data_cost(nodes)
    return ctx.item(
        "refutation",
        f"Negative-control {role} for {lx} → {ly}: {ln}",
        information=info,
        cost=cost,
        variables=nodes,
        relevant=relevant,
        edges=[(x, y), *edges],
        action=PlanAction(
            method=f"negative_control_{role}",
            arguments={"treatment": exposure, "outcome": outcome, "estimator": ctx.settings.estimator},
            measure=nodes,
            adjust_for=sorted(adjustment),
        ),
        expected=expected,
        distinguishes=apart,
        rationale=rationale,
        evidence=edge_evidence(ctx.graph, edges),
    )


def refuter_action(ctx: PlanContext, name: str, x: str, y: str, adjustment: frozenset[str]) -> PlanAction:
    """CausalModel.refute_estimate(method_name=``name``) on the estimate of ``x -> y``."""
    refuter = next(r for r in load_resource("refuters.json")["refuters"] if r["name"] == name)
    return PlanAction(
        method=name,
        arguments={"estimator": ctx.settings.estimator, **refuter["settings"]},
        intervene=[],
        measure=[x, y, *sorted(adjustment)],
        adjust_for=sorted(adjustment),
    )


def refuter_text(ctx: PlanContext, name: str, x: str, y: str) -> str:
    """What DoWhy's refuter ``name`` does here and what a pass or a failure means."""
    refuter = next(r for r in load_resource("refuters.json")["refuters"] if r["name"] == name)

    def fill(text: str) -> str:
        return text.replace("{x}", ctx.label(x)).replace("{y}", ctx.label(y))

    return f"{name}: {fill(refuter['what'])}. Pass: {fill(refuter['pass'])}. Fail: {fill(refuter['fail'])}."


def refuter_items(ctx: PlanContext) -> list[PlanItem]:
    """DoWhy's refuters for the target estimate, one item each, with settings and the meaning of
    each outcome; add_unobserved_common_cause is valued by the entropy of its prior."""
    if ctx.target is None or (ctx.identification and ctx.identification.causal_path_share <= 0):
        return []  # no candidate gives an effect to refute
    x, y = ctx.target
    ident = ctx.identification
    adjustment = ident.recommended.variables if (ident and ident.recommended) else frozenset()
    nodes = [x, y, *sorted(adjustment)]
    cost = ctx.data_cost(nodes)
    items = []
    for refuter in load_resource("refuters.json")["refuters"]:
        name = refuter["name"]
        sensitivity = refuter["information"] is None
        info = binary_entropy(ctx.unmeasured_confounding_prior) if sensitivity else refuter["information"]
        items.append(
            ctx.item(
                "refutation",
                f"DoWhy {name} on {ctx.label(x)} → {ctx.label(y)}",
                information=info,
                cost=cost,
                variables=nodes,
                edges=[(x, y)],
                action=refuter_action(ctx, name, x, y, adjustment),
                expected=[],
                rationale=(
                    "How strong would confounding the graph leaves out have to be to overturn the estimate? "
                    if sensitivity
                    else "A check of the estimate itself, run with CausalModel.refute_estimate. "
                )
                + refuter_text(ctx, name, x, y),
            )
        )
    return items


def identification_items(ctx: PlanContext) -> list[PlanItem]:
    """Adjustment sets, instruments and front-door sets for the target, with how often each holds;
    and the variables to measure when confounding runs through unmeasured ones."""
    ident = ctx.identification
    if ctx.target is None or ident is None:
        return []
    x, y = ctx.target
    lx, ly = ctx.label(x), ctx.label(y)
    n = len(ctx.dags)
    scoring = load_resource("scoring.json")
    ranks = [c.rank for c in ctx.candidates]
    items = []
    for support in ident.adjustment_sets[:SETS_PROPOSED]:
        z = support.variables
        if not all(ctx.is_concept(v) for v in z):
            continue
        rationale = (
            f"Blocks every backdoor path from {lx} to {ly} in {len(support.valid_in)} of {n} candidate DAGs "
            f"(weight {support.share:.0%}); minimal in candidate(s) "
            f"{', '.join(map(str, support.minimal_in)) or 'none'}."
        )
        if support.deciding_edges:
            decided = "; ".join(f"{ctx.label(s)} → {ctx.label(t)}" for s, t in support.deciding_edges)
            rationale += f" Whether it is valid or needed turns on: {decided}."
        edges = [e for e in ctx.dags[0].edges if e[0] in z and e[1] in ident.relevant]
        edges += list(support.deciding_edges)
        expected, apart = ctx.expectations(["valid" if r in support.valid_in else "invalid" for r in ranks])
        items.append(
            ctx.item(
                "identification",
                (f"Adjust for {ctx.labels(z)}" if z else "No adjustment needed")
                + f" to estimate {lx} → {ly}",
                information=support.share,
                cost=ctx.analysis_cost(z),
                variables=sorted(z | {x, y}),
                edges=[(x, y), *support.deciding_edges],
                action=PlanAction(
                    method=ctx.settings.estimator,
                    arguments={"identify": "backdoor", "backdoor_variables": sorted(z)},
                    measure=sorted(z | {x, y}),
                    adjust_for=sorted(z),
                ),
                expected=expected,
                distinguishes=apart,
                rationale=rationale,
                evidence=edge_evidence(ctx.graph, edges),
            )
        )
    for support in ident.instruments[:2]:
        (z,) = support.variables
        if not ctx.is_concept(z) or ctx.same_concept(z, x) or ctx.same_concept(z, y):
            continue
        given = f" given {ctx.labels(support.given)}" if support.given else ""
        nodes = sorted({z, x, y} | support.given)
        edges = [e for e in ctx.dags[0].edges if e[0] == z]
        expected, apart = ctx.expectations(["valid" if r in support.valid_in else "invalid" for r in ranks])
        items.append(
            ctx.item(
                "identification",
                f"Use {ctx.label(z)} as an instrument for {lx} → {ly}{given}",
                information=support.share * scoring["instrument_discount"],
                cost=ctx.analysis_cost(nodes),
                variables=nodes,
                edges=[(x, y), *edges],
                action=PlanAction(
                    method="iv.instrumental_variable",
                    arguments={"iv_instrument_name": z},
                    measure=nodes,
                    adjust_for=sorted(support.given),
                ),
                expected=expected,
                distinguishes=apart,
                rationale=(
                    f"{ctx.label(z)} affects {lx} and reaches {ly} only through it{given} in "
                    f"{len(support.valid_in)} of {n} candidates (weight {support.share:.0%}). An "
                    "instrumental-variable estimate needs, besides the graph, a linear or monotone effect "
                    "of the instrument."
                ),
                evidence=edge_evidence(ctx.graph, edges),
            )
        )
    for support in ident.frontdoor_sets[:1]:
        m = support.variables
        if not all(ctx.is_concept(v) for v in m):
            continue
        nodes = sorted(m | {x, y})
        path_edges = [e for e in ctx.dags[0].edges if set(e) & m]
        expected, apart = ctx.expectations(["valid" if r in support.valid_in else "invalid" for r in ranks])
        items.append(
            ctx.item(
                "identification",
                f"Front-door estimate of {lx} → {ly} through {ctx.labels(m)}",
                information=support.share * scoring["frontdoor_discount"],
                cost=ctx.analysis_cost(nodes),
                variables=nodes,
                edges=[(x, y), *path_edges],
                action=PlanAction(
                    method="frontdoor.two_stage_regression",
                    arguments={"frontdoor_variables": sorted(m)},
                    measure=nodes,
                ),
                expected=expected,
                distinguishes=apart,
                rationale=(
                    f"{ctx.labels(m)} carries all of {lx}'s effect on {ly}, with no confounding of "
                    f"{lx} → mediator(s) and none of mediator(s) → {ly} that {lx} does not block, in "
                    f"{len(support.valid_in)} of {n} candidates (weight {support.share:.0%}): the "
                    "front-door formula identifies the effect even with unmeasured confounding."
                ),
                evidence=edge_evidence(ctx.graph, path_edges),
            )
        )
    if ident.latent_confounding:
        latent = ident.latent_confounding
        items.append(
            ctx.item(
                "measurement",
                f"Measure {ctx.labels(latent)}",
                # Without a measured adjustment set the effect rests on an instrument or front-door
                # set (assumptions beyond the graph) or is not identified: measuring settles that.
                information=1.0 - _adjustable_share(ctx) + binary_entropy(ident.identifiable_share),
                cost="medium",
                variables=sorted(latent | {x, y}),
                edges=[(x, y)],
                action=PlanAction(measure=sorted(latent)),
                rationale=(
                    f"Confounding of {lx} → {ly} runs through {ctx.labels(latent)}, which the data do not "
                    "have; measuring them makes the effect identifiable by adjustment."
                ),
            )
        )
    return items


def _adjustable_share(ctx: PlanContext) -> float:
    """Candidate weight in which a measured adjustment set identifies the target (or no path exists)."""
    return sum(
        c.weight
        for c in ctx.identification.candidates
        if not c.result.has_causal_path or c.result.adjustment_sets
    )
