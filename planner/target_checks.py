"""Refutation tests of the target effect (kind "refutation"): negative-control outcomes and
exposures from the top candidate, and DoWhy's refuters of the target estimate.

The pieces that make one negative control or one refuter (``negative_control_item``,
``usable_controls``, ``refuter_action``, ``refuter_text``) serve ``edge_checks`` too, which tests the
most central edges the same way when there is no target.
"""

from __future__ import annotations

from typing import Any

from causemap.models import PlanAction, PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.grounding import edge_evidence
from causemap.planner.implications import (
    NegativeControl,
    is_negative_control,
    negative_control_exposures,
    negative_control_outcomes,
)
from causemap.planner.scoring import binary_entropy, load_resource

__all__ = [
    "negative_control_item",
    "negative_control_items",
    "refuter_action",
    "refuter_items",
    "refuter_text",
    "usable_controls",
]

NEGATIVE_CONTROLS_PER_ROLE = 2


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
    refuter = _refuter(name)
    return PlanAction(
        method=name,
        arguments={"estimator": ctx.settings.estimator, **refuter["settings"]},
        intervene=[],
        measure=[x, y, *sorted(adjustment)],
        adjust_for=sorted(adjustment),
    )


def refuter_text(ctx: PlanContext, name: str, x: str, y: str) -> str:
    """What DoWhy's refuter ``name`` does here and what a pass or a failure means."""
    refuter = _refuter(name)

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


def _refuter(name: str) -> dict[str, Any]:
    """DoWhy's refuter ``name`` as ``resources/refuters.json`` describes it."""
    return next(r for r in load_resource("refuters.json")["refuters"] if r["name"] == name)
