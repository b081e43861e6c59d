"""Which proposals a plan keeps and in what order.

``screen`` drops an item that gives a role to something that is not a concept ("baseline", "control
group") or whose outcome is already certain, and ranks down one that rests on a single weak claim,
keeping the reason either way. ``rank``
orders by priority; ties go to the item expected to yield more information, then to the one backed by
more papers, then to the one touching more of the graph — never to the alphabet.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from causemap.models import PlanItem
from causemap.planner.context import PlanContext
from causemap.planner.grounding import DroppedItem, weak_support
from causemap.planner.implication_items import IMPLICATION_TEST
from causemap.planner.scoring import load_resource

__all__ = ["KIND_SHARE", "rank", "screen", "sort_key"]

# No kind of proposal takes more than this share of any leading stretch of a plan while others wait.
KIND_SHARE = 0.4


def screen(ctx: PlanContext, items: list[PlanItem]) -> tuple[list[PlanItem], list[DroppedItem]]:
    """Items worth listing (some ranked down, with a caveat) and the ones dropped, with reasons."""
    factor = load_resource("scoring.json")["weak_support_factor"]["value"]
    kept: list[PlanItem] = []
    dropped: list[DroppedItem] = list(ctx.dropped)
    for item in items:
        problems = [p for p in (ctx.concept_problem(v) for v in item.variables) if p]
        if problems:
            dropped.append(DroppedItem(item.id, item.kind, item.title, problems[0]))
            continue
        measures = _one_construct(ctx, item)
        if measures:
            dropped.append(DroppedItem(item.id, item.kind, item.title, measures))
            continue
        if item.information <= 0 and not item.about_target:
            reason = "its outcome is certain under the candidate DAGs: it would settle nothing"
            dropped.append(DroppedItem(item.id, item.kind, item.title, reason))
            continue
        edges = [e for e in item.edges if e in ctx.graph.edges]
        thin = weak_support(ctx.graph, edges) if edges and not item.about_target else None
        if thin:
            item = item.model_copy(
                update={
                    "priority": round(item.priority * factor, 4),
                    "caveats": [*item.caveats, f"ranked down: it {thin}"],
                }
            )
        kept.append(item)
    return _one_per_sentence(*_one_per_concept_pair(ctx, *_one_test_per_pair(ctx, kept, dropped)))


# Kinds whose items ask one question of one edge: under two names of the same concepts they repeat it.
_EDGE_QUESTIONS = ("experiment", "literature")


def _one_construct(ctx: PlanContext, item: PlanItem) -> str | None:
    """Why an experiment or search between two measures of one construct ("does obesity affect
    weight?") settles nothing, or None: the two are dependent by measurement, not by a cause."""
    if item.kind not in _EDGE_QUESTIONS or item.about_target or len(item.variables) != 2:
        return None
    a, b = item.variables
    if ctx.same_concept(a, b) or ctx.construct_of(a) != ctx.construct_of(b):
        return None
    return ctx.synonyms(a, b)


def _first_of_each(
    items: list[PlanItem], dropped: list[DroppedItem], key_of: Callable[[PlanItem], tuple | None], reason: str
) -> tuple[list[PlanItem], list[DroppedItem]]:
    """The best-ranked item of each key (items whose key is None all stay), by priority; the others
    dropped with ``reason`` naming the one kept."""
    seen: dict[tuple, str] = {}
    kept = []
    for item in sorted(items, key=sort_key):
        key = key_of(item)
        if key is not None and key in seen:
            dropped.append(DroppedItem(item.id, item.kind, item.title, reason.format(kept=seen[key])))
            continue
        if key is not None:
            seen[key] = item.title
        kept.append(item)
    return kept, dropped


def _one_per_sentence(
    items: list[PlanItem], dropped: list[DroppedItem]
) -> tuple[list[PlanItem], list[DroppedItem]]:
    """Experiments and searches resting on one and the same claimed sentence ("X is the main cause
    of morbidity and death") ask one question of it: the best-ranked is kept."""

    def sentence(item: PlanItem) -> tuple | None:
        claims = {(e.provenance.paper_id, e.provenance.page, e.provenance.start) for e in item.evidence}
        # Claims only: one passage naming several pairs (a co-mention) asks a question of each.
        stated = item.evidence and all(e.claim_id for e in item.evidence)
        if item.kind in _EDGE_QUESTIONS and not item.about_target and stated and len(claims) == 1:
            return (item.kind, item.title.split(":")[0], *claims)
        return None

    return _first_of_each(items, dropped, sentence, "rests on the same sentence as “{kept}”")


def _one_test_per_pair(
    ctx: PlanContext, items: list[PlanItem], dropped: list[DroppedItem]
) -> tuple[list[PlanItem], list[DroppedItem]]:
    """One implied independence per pair of constructs ("biofilm ⊥ lwoffii" and "biofilm formed by
    both strains ⊥ lwoffii" are one test): the best-ranked is kept, its information counted once."""

    def tested_pair(item: PlanItem) -> tuple | None:
        if item.action.method != IMPLICATION_TEST or item.about_target:
            return None
        pair = (item.action.arguments.get("x"), item.action.arguments.get("y"))
        return tuple(sorted(ctx.construct_of(v) for v in pair if v))

    reason = "the same test as “{kept}”, under other names of its variables"
    return _first_of_each(items, dropped, tested_pair, reason)


def _question(ctx: PlanContext, item: PlanItem) -> tuple:
    """What an edge item asks, of which two constructs ("Reconcile the contradiction across names"
    asks what "Reconcile the contradiction" asks; "obesity" and "adiposity" are one construct)."""
    asked = item.title.split(":")[0].removesuffix(" across names")
    return (item.kind, asked, *sorted(ctx.construct_of(v) for v in item.variables))


def _one_per_concept_pair(
    ctx: PlanContext, items: list[PlanItem], dropped: list[DroppedItem]
) -> tuple[list[PlanItem], list[DroppedItem]]:
    """An experiment or search asked of one pair of concepts once: the best-ranked of its names."""
    best: dict[tuple, PlanItem] = {}
    for item in sorted(items, key=sort_key):
        if item.kind not in _EDGE_QUESTIONS or item.about_target or len(item.variables) != 2:
            continue
        best.setdefault(_question(ctx, item), item)
    chosen = {id(i) for i in best.values()}
    kept = []
    for item in items:
        if (
            item.kind in _EDGE_QUESTIONS
            and not item.about_target
            and len(item.variables) == 2
            and id(item) not in chosen
        ):
            kept_title = best[_question(ctx, item)].title
            reason = f"the same question as “{kept_title}”, under other names of its variables"
            dropped.append(DroppedItem(item.id, item.kind, item.title, reason))
            continue
        kept.append(item)
    return kept, dropped


def _support(item: PlanItem) -> int:
    return len({e.provenance.paper_id for e in item.evidence})


def sort_key(item: PlanItem) -> tuple:
    """Priority first; then information, papers behind it, variables it touches; the id last, a hash
    that only makes the order reproducible."""
    return (-item.priority, -item.information, -_support(item), -len(item.variables), item.id)


def rank(items: list[PlanItem], limit: int) -> list[PlanItem]:
    """Highest priority first, one item per title, at most ``limit``; sentences capitalised.

    No kind takes more than ``KIND_SHARE`` of any leading stretch while items of other kinds wait:
    cheap literature searches would otherwise crowd out every experiment and refutation test on a
    large corpus. The experiment on the target itself is always kept (in place of the last item if
    need be): whatever else ranks higher, it is the study that would settle the question asked.
    """
    unique: dict[str, PlanItem] = {}
    for item in sorted(items, key=sort_key):
        unique.setdefault(item.title, item)
    ranked = _diversified(list(unique.values()), limit)
    kept = ranked[:limit]
    pinned = [i for i in ranked[limit:] if i.about_target]
    if pinned:
        kept = kept[: max(limit - len(pinned), 0)] + pinned
    return [i.model_copy(update={"rationale": _sentence(i.rationale)}) for i in kept]


def _diversified(ranked: list[PlanItem], limit: int) -> list[PlanItem]:
    """``ranked`` reordered so that in every leading stretch of the list no kind holds more than
    ``KIND_SHARE`` of the places (at least two) while items of other kinds wait; within a kind,
    priority order is kept. The first ``limit`` places are filled this way, the rest follow by priority."""
    remaining = list(ranked)
    chosen: list[PlanItem] = []
    counts: dict[str, int] = {}
    while remaining and len(chosen) < limit:
        cap = max(2, math.ceil(KIND_SHARE * (len(chosen) + 1)))
        pick = next((i for i in remaining if counts.get(i.kind, 0) < cap), remaining[0])
        remaining.remove(pick)
        chosen.append(pick)
        counts[pick.kind] = counts.get(pick.kind, 0) + 1
    return chosen + remaining


def _sentence(text: str) -> str:
    """``text`` with a capital first letter (labels are lower case and often open a sentence)."""
    return text[:1].upper() + text[1:]
