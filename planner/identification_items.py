"""How the target effect can be identified (kind "identification"): adjustment sets, instruments and
front-door sets, each with the share of candidate DAGs in which it holds; and the variables to measure
(kind "measurement") when confounding runs through unmeasured ones."""

from __future__ import annotations

from collections.abc import Collection

from causemap.models import Expectation, PlanAction, PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.grounding import edge_evidence
from causemap.planner.scoring import binary_entropy, load_resource

__all__ = ["identification_items"]

SETS_PROPOSED = 3


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
        expected, apart = _validity(ctx, support.valid_in)
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
        expected, apart = _validity(ctx, support.valid_in)
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
        expected, apart = _validity(ctx, support.valid_in)
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


def _validity(ctx: PlanContext, valid_in: Collection[int]) -> tuple[list[Expectation], list[int]]:
    """What each candidate expects of a set or instrument (valid or not in it), and whether that
    tells the candidates apart (``ctx.expectations``)."""
    return ctx.expectations(["valid" if c.rank in valid_in else "invalid" for c in ctx.candidates])
