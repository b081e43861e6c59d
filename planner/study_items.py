"""Proposals that need new evidence: experiments (kind "experiment") and literature searches (kind
"literature"), for the target and for the weak, contested or unclaimed links around it."""

from __future__ import annotations

import math
import re

import networkx as nx

from causemap.models import PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.gaps import Gap
from causemap.planner.scoring import (
    binary_entropy,
    edge_citations,
    entropy,
    load_resource,
    priority,
)

__all__ = [
    "TARGET_EXPERIMENT",
    "choose_design",
    "expected_sign",
    "experiment_items",
    "literature_items",
]

TARGET_EXPERIMENT = "Experiment: intervene on"  # how the experiment on the target itself is titled

# Paths from X to Y read for the expected sign (longer ones add little and cost much).
MAX_PATH_LENGTH = 5
MAX_PATHS = 20
_SIGN = {"+": 1, "-": -1, "0": 0}


def choose_design(
    ctx: PlanContext, x: str, y: str | None = None, instrument: str | None = None
) -> tuple[str, str]:
    """The design that could settle an effect of ``x`` on ``y`` (a designs.json key) and why."""
    lexicon = load_resource("designs.json")
    designs = lexicon["designs"]
    variable = ctx.graph.variables.get(x)
    names = " | ".join([ctx.label(x), *(variable.aliases if variable else [])]).lower()

    def mentions(cues: list[str]) -> bool:
        return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", names) for c in cues)

    if instrument is not None:
        key = "natural_experiment"
    elif mentions(lexicon["genetic_proxy_cues"]):
        key = "mendelian_randomisation"
    elif mentions(lexicon["not_randomisable_cues"]):
        key = "natural_experiment_policy"
    elif mentions(lexicon["harmful_cues"]):
        key = "animal"
    else:
        key = "rct"
    why = (
        designs[key]["why"]
        .replace("{x}", ctx.label(x))
        .replace("{y}", ctx.label(y) if y else "the outcome")
        .replace("{z}", ctx.label(instrument) if instrument else "")
    )
    if key == "natural_experiment" and not any(
        mentions(lexicon[c]) for c in ("not_randomisable_cues", "harmful_cues", "genetic_proxy_cues")
    ):
        why += f"; a randomised trial of {ctx.label(x)} would settle it too, at higher cost"
    return key, why


def expected_sign(ctx: PlanContext, x: str, y: str) -> tuple[str, list[tuple[str, str]]]:
    """The sign of X's effect on Y read along the top candidate's directed paths ('+', '-', '0',
    'mixed' or 'unknown'), and the edges of the paths read."""
    dag = ctx.dags[0]
    if not nx.has_path(dag, x, y):
        return "0", []
    signs, edges = set(), []
    for path in _limited_paths(dag, x, y):
        steps = list(zip(path, path[1:], strict=False))
        edges += steps
        values = [
            _SIGN.get(ctx.graph.edges[e].polarity or "", None) if e in ctx.graph.edges else None
            for e in steps
        ]
        signs.add(None if None in values else math.prod(values))
    edges = list(dict.fromkeys(edges))
    if None in signs or not signs:
        return "unknown", edges
    if len(signs) > 1:
        return "mixed", edges
    return {1: "+", -1: "-", 0: "0"}[signs.pop()], edges


def _limited_paths(dag: nx.DiGraph, x: str, y: str) -> list[list[str]]:
    paths = []
    for path in nx.all_simple_paths(dag, x, y, cutoff=MAX_PATH_LENGTH):
        paths.append(path)
        if len(paths) >= MAX_PATHS:
            break
    return paths


def _effect_probability(ctx: PlanContext, x: str, y: str) -> float:
    """Probability of the most credible directed path X -> ... -> Y (product of edge beliefs)."""
    dag = ctx.dags[0]
    if not nx.has_path(dag, x, y):
        return 0.0

    def cost(s: str, t: str, _: dict) -> float:
        return -math.log(ctx.edge_presence((s, t)) or 1e-9)

    path = nx.shortest_path(dag, x, y, weight=cost)
    return math.prod(ctx.edge_presence(e) for e in zip(path, path[1:], strict=False))


def experiment_items(ctx: PlanContext, gaps: list[Gap]) -> list[PlanItem]:
    items = []
    if ctx.target is not None:
        items.append(_target_experiment(ctx))
    seen = set()
    for edge in _edges_to_settle(ctx, gaps):
        if edge in seen or edge not in ctx.graph.edges:
            continue
        seen.add(edge)
        s, t = edge
        design, why = choose_design(ctx, s, t)
        spec = load_resource("designs.json")["designs"][design]
        decides = edge in ctx.deciding_edges
        info = ctx.edge_information(edge) * (2.0 if decides else 1.0)
        belief = ctx.graph.edges[edge].belief
        rationale = (
            f"The claim that {ctx.label(s)} affects {ctx.label(t)} has belief {belief:.2f}"
            + (" and contradicting evidence" if ctx.graph.edges[edge].contradiction else "")
            + f". Design: {spec['name']} — {why}."
        )
        if decides:
            rationale += " Settling it decides the adjustment set for the target effect."
        items.append(
            PlanItem(
                kind="experiment",
                title=f"Experiment: does {ctx.label(s)} affect {ctx.label(t)}?",
                variables=[s, t],
                rationale=rationale,
                citations=edge_citations(ctx.graph, [edge]),
                cost=spec["cost"],
                priority=priority("experiment", spec["cost"], info, ctx.is_relevant(edge)),
            )
        )
    return items


def _edges_to_settle(ctx: PlanContext, gaps: list[Gap]) -> list[tuple[str, str]]:
    edges = sorted(ctx.deciding_edges)
    for gap in gaps:
        if gap.kind in ("weak_edge", "contested_edge"):
            edges.append((gap.variables[0], gap.variables[1]))
    return edges


def _target_experiment(ctx: PlanContext) -> PlanItem:
    x, y = ctx.target
    ident = ctx.identification
    best_instrument = next((s for s in ident.instruments if s.share > 0), None)
    instrument = next(iter(best_instrument.variables)) if best_instrument else None
    design, why = choose_design(ctx, x, y, instrument)
    if best_instrument is not None and best_instrument.share < 1:
        why += f" (the instrument holds in {best_instrument.share:.0%} of the candidate weight)"
    spec = load_resource("designs.json")["designs"][design]
    dag = ctx.dags[0]
    mediating = sorted(nx.descendants(dag, x) & nx.ancestors(dag, y)) if nx.has_path(dag, x, y) else []
    stratify = ident.recommended.variables if ident.recommended else frozenset()
    sign, path_edges = expected_sign(ctx, x, y)
    p_effect = _effect_probability(ctx, x, y)
    sets_by_candidate = {}
    for c in ident.candidates:
        key = (
            "no path"
            if not c.result.has_causal_path
            else tuple(sorted(c.result.adjustment_sets[0]))
            if c.result.adjustment_sets
            else "none"
        )
        sets_by_candidate[key] = sets_by_candidate.get(key, 0.0) + c.weight
    info = (
        binary_entropy(p_effect)
        + entropy(list(sets_by_candidate.values()))
        + ctx.unmeasured_confounding_prior
    )
    sign_text = {
        "+": "an increase",
        "-": "a decrease",
        "0": "no effect",
        "mixed": "an effect of uncertain sign (paths of opposite sign)",
        "unknown": "an effect of unstated sign",
    }[sign]
    rationale = (
        f"Intervene on {ctx.label(x)} and measure {ctx.label(y)}"
        + (f" and the mediators {ctx.labels(mediating)}" if mediating else "")
        + (f"; stratify on (or adjust for) {ctx.labels(stratify)}" if stratify else "")
        + f". The literature predicts {sign_text} (strongest chain of evidence: probability "
        f"{p_effect:.2f}). Design: {spec['name']} — {why}. An intervention settles the effect "
        "whatever the candidate DAGs say about confounding."
    )
    return PlanItem(
        kind="experiment",
        title=f"{TARGET_EXPERIMENT} {ctx.label(x)}, measure {ctx.label(y)}",
        variables=[x, y, *mediating, *sorted(stratify - set(mediating))],
        rationale=rationale,
        citations=edge_citations(ctx.graph, path_edges),
        cost=spec["cost"],
        priority=priority("experiment", spec["cost"], info),
    )


def literature_items(ctx: PlanContext, gaps: list[Gap]) -> list[PlanItem]:
    items = []
    for gap in gaps:
        if gap.kind == "cooccurrence":
            a, b = gap.variables
            # With a target, an unclaimed link matters when it would change the adjustment.
            decides = ctx.target is not None and ctx.link_decides_target(a, b)
            info = binary_entropy(ctx.link_prior(a, b)) * (2.0 if decides else 1.0)
            why = gap.description + (
                " A link between them would change the adjustment for the target effect." if decides else ""
            )
            question = f"Does {ctx.label(a)} affect {ctx.label(b)}, or {ctx.label(b)} {ctx.label(a)}?"
            items.append(
                _search(
                    ctx,
                    [a, b],
                    f"Search: how are {ctx.label(a)} and {ctx.label(b)} related?",
                    why,
                    question,
                    info,
                    gap.citations,
                    relevant=ctx.target is None or decides,
                )
            )
        elif gap.kind == "weak_edge" and "a single paper" in gap.reasons:
            s, t = gap.variables
            decides = (s, t) in ctx.deciding_edges
            info = ctx.edge_information((s, t)) * (2.0 if decides else 1.0)
            question = f"Does {ctx.label(s)} affect {ctx.label(t)}?"
            items.append(
                _search(
                    ctx,
                    [s, t],
                    f"Search for replication: {ctx.label(s)} → {ctx.label(t)}",
                    gap.description,
                    question,
                    info,
                    gap.citations,
                )
            )
    ident = ctx.identification
    if ctx.target is not None and ident is not None and ident.causal_path_share < 1:
        x, y = ctx.target
        p_effect = max(ident.causal_path_share, ctx.link_prior(x, y))
        question = f"Does {ctx.label(x)} affect {ctx.label(y)}?"
        items.append(
            _search(
                ctx,
                [x, y],
                f"Search: does {ctx.label(x)} affect {ctx.label(y)} at all?",
                f"Candidate DAGs without a path from {ctx.label(x)} to {ctx.label(y)} carry "
                f"{1 - ident.causal_path_share:.0%} of the weight: on them the effect is zero.",
                question,
                binary_entropy(p_effect),
                [],
            )
        )
    if ctx.target is not None and ident is not None and not ident.known_confounders:
        x, y = ctx.target
        question = f"What affects both {ctx.label(x)} and {ctx.label(y)}?"
        items.append(
            _search(
                ctx,
                [x, y],
                f"Search: common causes of {ctx.label(x)} and {ctx.label(y)}",
                f"No paper in the corpus names a common cause of {ctx.label(x)} and {ctx.label(y)}: "
                "either there is none, or the corpus is silent about confounding.",
                question,
                binary_entropy(ctx.unmeasured_confounding_prior),
                [],
            )
        )
    return items


def _search(ctx, variables, title, why, question, info, citations, relevant=None) -> PlanItem:
    terms = " AND ".join(f'"{ctx.label(v)}"' for v in variables)
    rationale = (
        f'{why} Ask the corpus: causemap ask "{question}". To add papers, search '
        f'{terms} AND (randomised OR cohort OR "Mendelian randomisation" OR mechanism).'
    )
    return PlanItem(
        kind="literature",
        title=title,
        variables=list(variables),
        rationale=rationale,
        citations=list(citations),
        cost="low",
        priority=priority(
            "literature", "low", info, ctx.is_relevant(variables) if relevant is None else relevant
        ),
    )
