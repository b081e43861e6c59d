"""Proposals that need new experiments (kind "experiment"), for the target and for the weak, contested or
unclaimed links around it. Literature searches are in ``search_items``."""

from __future__ import annotations

import math
import re

import networkx as nx

from causemap.models import PlanAction, PlanEvidence, PlanItem, StudyDesign
from causemap.planner.context import PlanContext
from causemap.planner.gaps import Gap
from causemap.planner.grounding import (
    DESIGN_OF_PLAN,
    edge_evidence,
    existing_studies,
)
from causemap.planner.scoring import binary_entropy, entropy, load_resource

__all__ = [
    "TARGET_EXPERIMENT",
    "choose_design",
    "expected_sign",
    "experiment_items",
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
    elif mentions(lexicon["molecular_cues"]):
        key = "experimental_manipulation"
    elif mentions(lexicon["genetic_proxy_cues"]):
        key = "mendelian_randomisation"
    elif mentions(lexicon["not_randomisable_cues"]):
        key = "natural_experiment_policy"
    elif mentions(lexicon["harmful_cues"]):
        key = "animal"
    elif y is not None and _studied_at_the_bench(ctx, x, y):
        # The name says nothing, but the collection studies the link in cells or model organisms.
        return "experimental_manipulation", (
            f"the collection studies {ctx.label(x)} → {ctx.label(y)} in cells or model organisms: "
            "a manipulation there, against an unchanged control, tests it directly"
        )
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


def _studied_at_the_bench(ctx: PlanContext, x: str, y: str) -> bool:
    """Whether the collection's evidence for ``x -> y`` comes from laboratory work only."""
    edge = ctx.graph.edges.get((x, y))
    designs = {e.design for e in edge.evidence if e.state != "rejected"} if edge else set()
    known = designs - {StudyDesign.UNKNOWN}
    return bool(known) and known <= set(DESIGN_OF_PLAN["experimental_manipulation"])


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
        found = ctx.graph.edges[edge]
        contested = found.contradiction and tuple(sorted(edge)) not in ctx.one_study_contradictions
        rationale = (
            f"The claim that {ctx.label(s)} affects {ctx.label(t)} has belief {found.belief:.2f} from "
            f"{found.n_papers} paper(s)"
            + (" and contradicting evidence" if contested else "")
            + f". Design: {spec['name']} — {why}."
        )
        caveats = []
        if found.contradiction and not contested:
            caveats.append(
                "its contradiction is one study against itself "
                "(versions of one paper, or one paper read both ways)"
            )
        if decides:
            rationale += " Settling it decides the adjustment set for the target effect."
        existing, adds = _grounding(ctx, s, t, design)
        if existing:
            rationale += f" {_existing_text(ctx, existing, spec['name'])}"
        if _replicates(existing, contested):
            info *= load_resource("scoring.json")["replication_factor"]["value"]
            caveats.append(
                f"ranked down: a {spec['name']} of it is already reported with this result; "
                "a study of another design, with other biases, would tell more"
            )
        results = ["effect" if (s, t) in d.edges else "no direct effect" for d in ctx.dags]
        expected, apart = ctx.expectations(results)
        items.append(
            ctx.item(
                "experiment",
                f"Experiment: does {ctx.label(s)} affect {ctx.label(t)}?",
                information=info,
                cost=spec["cost"],
                variables=[s, t],
                edges=[edge],
                action=PlanAction(intervene=[s], measure=[t], design=design),
                expected=expected,
                distinguishes=apart,
                rationale=rationale,
                evidence=edge_evidence(ctx.graph, [edge]),
                existing=existing,
                adds=adds,
                caveats=caveats,
            )
        )
    return items


def _replicates(existing: list[PlanEvidence], contested: bool) -> bool:
    """Whether a new study would repeat the collection's studies of its design, which agree, on an
    edge no other study contests: it would share their biases, and mostly re-answer their question."""
    return bool(existing) and not contested and len({e.polarity or "?" for e in existing}) == 1


def _grounding(ctx: PlanContext, x: str, y: str, design: str) -> tuple[list[PlanEvidence], str]:
    """The collection's own studies of ``x -> y`` with ``design``, and what a new one would add."""
    spec = load_resource("designs.json")["designs"][design]
    same_design = DESIGN_OF_PLAN.get(design, ())
    existing = existing_studies(ctx.graph, x, y, same_design)
    edge = ctx.graph.edges.get((x, y))
    other = sorted(
        {e.design.value.replace("_", "-") for e in (edge.evidence if edge else []) if e.state != "rejected"}
        - {d.value.replace("_", "-") for d in same_design}
    )
    if existing:
        results = {e.polarity or "?" for e in existing}
        if len(results) > 1:
            return existing, f"a larger {spec['name']} to settle the conflicting results of the ones reported"
        return existing, f"a replication in another population or setting ({len(existing)} already reported)"
    if other:
        return (
            [],
            f"another design: the collection's evidence is {', '.join(other)}; a {spec['name']} is not in it",
        )
    return [], "the first study of this link in the collection"


def _existing_text(ctx: PlanContext, existing: list[PlanEvidence], design_name: str) -> str:
    words = {"+": "an increase", "-": "a decrease", "0": "no effect"}
    found = "; ".join(
        f"{words.get(e.polarity or '', 'an effect of unstated sign')} ({e.provenance.cite()})"
        for e in existing
    )
    return f"The collection already reports {len(existing)} {design_name}(s) of it, finding {found}."


def _edges_to_settle(ctx: PlanContext, gaps: list[Gap]) -> list[tuple[str, str]]:
    edges = sorted(ctx.deciding_edges)
    for gap in gaps:
        if gap.kind in ("weak_edge", "contested_edge"):
            edges.append((gap.variables[0], gap.variables[1]))
    return edges


def _target_experiment(ctx: PlanContext) -> PlanItem:
    x, y = ctx.target
    ident = ctx.identification
    usable = [
        s
        for s in ident.instruments
        if s.share > 0 and all(ctx.is_concept(v) and not ctx.same_concept(v, x) for v in s.variables)
    ]
    best_instrument = usable[0] if usable else None
    instrument = next(iter(best_instrument.variables)) if best_instrument else None
    design, why = choose_design(ctx, x, y, instrument)
    if best_instrument is not None and best_instrument.share < 1:
        why += f" (the instrument holds in {best_instrument.share:.0%} of the candidate weight)"
    spec = load_resource("designs.json")["designs"][design]
    dag = ctx.dags[0]
    mediating = sorted(nx.descendants(dag, x) & nx.ancestors(dag, y)) if nx.has_path(dag, x, y) else []
    mediating = [m for m in mediating if ctx.is_concept(m)]
    stratify = frozenset(
        v for v in (ident.recommended.variables if ident.recommended else ()) if ctx.is_concept(v)
    )
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
    existing, adds = _grounding(ctx, x, y, design)
    rationale = (
        f"Intervene on {ctx.label(x)} and measure {ctx.label(y)}"
        + (f" and the mediators {ctx.labels(mediating)}" if mediating else "")
        + (f"; stratify on (or adjust for) {ctx.labels(stratify)}" if stratify else "")
        + f". The literature predicts {sign_text} (strongest chain of evidence: probability "
        f"{p_effect:.2f}). Design: {spec['name']} — {why}. An intervention settles the effect "
        "whatever the candidate DAGs say about confounding."
    )
    if existing:
        rationale += f" {_existing_text(ctx, existing, spec['name'])}"
    results = [("effect" if c.result.has_causal_path else "no effect") for c in ident.candidates]
    expected, apart = ctx.expectations(results)
    return ctx.item(
        "experiment",
        f"{TARGET_EXPERIMENT} {ctx.label(x)}, measure {ctx.label(y)}",
        information=info,
        cost=spec["cost"],
        variables=[x, y, *mediating, *sorted(stratify - set(mediating))],
        relevant=True,
        edges=[(x, y), *path_edges],
        action=PlanAction(
            intervene=[x],
            measure=[y, *mediating],
            adjust_for=sorted(stratify - set(mediating)),
            design=design,
            arguments={"instrument": instrument} if instrument else {},
        ),
        expected=expected,
        distinguishes=apart,
        rationale=rationale,
        evidence=edge_evidence(ctx.graph, path_edges or [(x, y)]),
        existing=existing,
        adds=adds,
        about_target=True,
    )
