"""Proposals that need a literature search (kind "literature"): links the papers only mention together,
contradictions to read closely, and contradictions that may be one variable under two names."""

from __future__ import annotations

from causemap.models import PlanAction, PlanItem, content_hash
from causemap.planner.context import PlanContext
from causemap.planner.gaps import Gap
from causemap.planner.grounding import DroppedItem, edge_evidence, passage_evidence, study_key
from causemap.planner.scoring import binary_entropy, entropy, load_resource

__all__ = ["contradiction_items", "literature_items", "renamed_contradiction_items"]


def literature_items(ctx: PlanContext, gaps: list[Gap]) -> list[PlanItem]:
    items = []
    for gap in gaps:
        if gap.kind == "cooccurrence":
            a, b = gap.variables
            title = f"Search: how are {ctx.label(a)} and {ctx.label(b)} related?"
            synonym = ctx.synonyms(a, b)
            linked = ctx.family_edge(a, b)
            if linked and not synonym:
                synonym = (
                    f"the graph already links {ctx.label(linked[0])} → {ctx.label(linked[1])}, "
                    "other names of "
                    f"{ctx.label(a)} and {ctx.label(b)}: merge the variables rather than search"
                )
            if synonym:
                ctx.dropped.append(
                    DroppedItem(content_hash("literature", title, length=12), "literature", title, synonym)
                )
                continue
            # With a target, an unclaimed link matters when it would change the adjustment.
            decides = ctx.target is not None and ctx.link_decides_target(a, b)
            info = binary_entropy(ctx.link_prior(a, b)) * (2.0 if decides else 1.0) * _linked_share(ctx, a, b)
            why = gap.description + (
                " A link between them would change the adjustment for the target effect." if decides else ""
            )
            if ctx.connected(a, b):
                info *= load_resource("scoring.json")["explained_comention_factor"]["value"]
                why += " A chain of claims already joins them, which may be why they are named together."
            question = f"Does {ctx.label(a)} affect {ctx.label(b)}, or {ctx.label(b)} {ctx.label(a)}?"
            items.append(
                _search(
                    ctx,
                    [a, b],
                    title,
                    why,
                    question,
                    info,
                    passage_evidence(gap.citations),
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
                    edge_evidence(ctx.graph, [(s, t)]),
                    edges=[(s, t)],
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


def contradiction_items(ctx: PlanContext) -> list[PlanItem]:
    """For each contradiction between studies: read both sides and find what differs (design,
    population, dose, measurement) — the cheapest step that can settle it, before any new study."""
    items = []
    for c in ctx.graph.contradictions:
        if c.kind == "both_directions" or tuple(sorted((c.source, c.target))) in ctx.one_study_contradictions:
            continue
        sides = [[e for e in side if e.state != "rejected"] for side in (c.supporting, c.opposing)]
        if not all(sides):
            continue
        counts = [len({study_key(e) for e in side}) for side in sides]
        info = entropy(counts)
        designs = [sorted({e.design.value.replace("_", "-") for e in side}) for side in sides]
        lx, ly = ctx.label(c.source), ctx.label(c.target)
        differ = (
            f" The sides differ in design ({', '.join(designs[0])} against {', '.join(designs[1])}): "
            "check whether confounding or measurement explains the weaker side."
            if designs[0] != designs[1]
            else " Both sides use the same design: compare populations, doses and follow-up."
        )
        rationale = f"{c.description}.{differ}"
        edges = [(c.source, c.target)] + (
            [(c.target, c.source)] if (c.target, c.source) in ctx.graph.edges else []
        )
        question = f"Why do studies disagree on whether {lx} affects {ly}?"
        items.append(
            ctx.item(
                "literature",
                f"Reconcile the contradiction: {lx} → {ly}",
                information=info + ctx.edge_information((c.source, c.target)),
                cost="low",
                variables=[c.source, c.target],
                edges=edges,
                action=PlanAction(
                    query=f'"{lx}" AND "{ly}" AND (meta-analysis OR systematic review)',
                    arguments={"ask": question, "sides": [len(sides[0]), len(sides[1])]},
                ),
                rationale=rationale,
                evidence=edge_evidence(ctx.graph, edges, limit=4),
            )
        )
    return items


def renamed_contradiction_items(ctx: PlanContext) -> list[PlanItem]:
    """Contradictions the graph cannot see because each side names the variables differently
    ("alcohol → chd" +, "alcohol consumption → chd" −): edges between the same two concepts whose
    studies disagree in sign. One item per pair of concepts, on its best-supported edge."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in ctx.graph.edges:
        s, t = key
        if ctx.is_concept(s) and ctx.is_concept(t):
            groups.setdefault((ctx.concept_of(s), ctx.concept_of(t)), []).append(key)
    seen = {tuple(sorted((c.source, c.target))) for c in ctx.graph.contradictions}
    items = []
    for keys in groups.values():
        if len(keys) < 2:
            continue
        studies: dict[str, set[str]] = {}
        for key in keys:
            for e in ctx.graph.edges[key].evidence:
                if e.state != "rejected" and e.polarity in ("+", "-", "0"):
                    studies.setdefault(e.polarity, set()).add(study_key(e))
        if len(studies) < 2 or len(set().union(*studies.values())) < 2:
            continue
        best = max(keys, key=lambda k: (ctx.graph.edges[k].n_papers, ctx.graph.edges[k].belief, k))
        if tuple(sorted(best)) in seen and len(keys) == 1:
            continue
        words = {"+": "an increase", "-": "a decrease", "0": "no effect"}
        sides = "; ".join(
            f"{len(v)} stud{'y' if len(v) == 1 else 'ies'} {words[k]}" for k, v in sorted(studies.items())
        )
        names = ", ".join(f"{ctx.label(a)} → {ctx.label(b)}" for a, b in sorted(keys)[:4])
        lx, ly = ctx.label(best[0]), ctx.label(best[1])
        items.append(
            ctx.item(
                "literature",
                f"Reconcile the contradiction across names: {lx} → {ly}",
                information=entropy([len(v) for v in studies.values()]) + ctx.edge_information(best),
                cost="low",
                variables=list(best),
                edges=sorted(keys),
                action=PlanAction(
                    query=f'"{lx}" AND "{ly}" AND (meta-analysis OR systematic review)',
                    arguments={"ask": f"Why do studies disagree on whether {lx} affects {ly}?"},
                ),
                rationale=(
                    f"Under the names {names}{' and others' if len(keys) > 4 else ''}, the collection "
                    "reports "
                    f"{sides}. The graph keeps them apart, so no single edge shows the disagreement: read "
                    "the sides, merge the names that mean the same variable, and see what differs "
                    "(design, population, dose)."
                ),
                evidence=edge_evidence(
                    ctx.graph, sorted(keys, key=lambda k: -ctx.graph.edges[k].n_papers), limit=4
                ),
            )
        )
    return items


def _linked_share(ctx: PlanContext, a: str, b: str) -> float:
    """How much a link between ``a`` and ``b`` would change the candidates: fully when both take
    part in claimed edges, half when neither does (a link between isolated names changes no path)."""
    degree = ctx.dags[0].degree
    return 0.5 + 0.25 * (degree(a) > 0) + 0.25 * (degree(b) > 0)


def _search(ctx, variables, title, why, question, info, evidence, relevant=None, edges=None) -> PlanItem:
    terms = " AND ".join(f'"{ctx.label(v)}"' for v in variables)
    query = f'{terms} AND (randomised OR cohort OR "Mendelian randomisation" OR mechanism)'
    rationale = f'{why} Ask the corpus: causemap ask "{question}". To add papers, search {query}.'
    return ctx.item(
        "literature",
        title,
        information=info,
        cost="low",
        variables=variables,
        relevant=relevant,
        edges=edges or [tuple(variables)],
        action=PlanAction(query=query, arguments={"ask": question}),
        rationale=rationale,
        evidence=list(evidence),
    )
