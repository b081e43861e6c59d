"""Contradictions: evidence about one pair of variables that cannot all be right.

Only comparable claims contradict each other: claims about the same two variables, from different
studies. A study is not set against itself (its other claims, or its other version: a preprint, the
same file twice, see ``graphbuilder.versions``): two readings of one study disagreeing is a misreading,
not a disagreement in the literature. Three kinds, each listed with the evidence on both sides (only
the claims that have a claim of another study on the other side):

- ``opposite_sign``: some claims say the cause increases the effect, others that it decreases it;
- ``effect_vs_null``: some claims report an effect, others an explicit null ("did not affect");
- ``both_directions``: causal claims run both ways between two variables (a feedback loop, or a
  confusion of cause and effect). Associations do not count here: "A is associated with B" says
  nothing about which way the effect runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from causemap.graphbuilder.belief import is_null
from causemap.graphbuilder.knowledge_graph import Contradiction
from causemap.models import CurationState, Edge, Evidence

__all__ = ["contradicted_edges", "find_contradictions"]

_SIGN_WORDS = {"+": "an increase", "-": "a decrease"}


def _live(evidence: Sequence[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.state != CurationState.REJECTED]


def _count(evidence: Sequence[Evidence]) -> str:
    studies = len({e.study for e in evidence})
    return (
        f"{studies} stud{'ies' if studies != 1 else 'y'} "
        f"({len(evidence)} claim{'s' if len(evidence) != 1 else ''})"
    )


def _report(evidence: Sequence[Evidence]) -> str:
    studies = len({e.study for e in evidence})
    return f"{_count(evidence)} report{'s' if studies == 1 else ''}"


def _sorted(evidence: Sequence[Evidence]) -> list[Evidence]:
    return sorted(evidence, key=lambda e: (e.paper_id, e.page, e.claim_id))


def _across_studies(
    one: Sequence[Evidence], other: Sequence[Evidence]
) -> tuple[list[Evidence], list[Evidence]]:
    """The claims of each side that face a claim of another study on the other side."""
    studies_one, studies_other = {e.study for e in one}, {e.study for e in other}
    kept_one = [e for e in one if studies_other - {e.study}]
    kept_other = [e for e in other if studies_one - {e.study}]
    return kept_one, kept_other


def find_contradictions(
    edges: Mapping[tuple[str, str], Edge], labels: Mapping[str, str] | None = None
) -> list[Contradiction]:
    """All contradictions among ``edges``, sorted by source, target and kind.

    Parameters
    ----------
    edges
        The knowledge graph's edges by (source, target).
    labels
        Variable id -> label, for the descriptions (ids are used when absent).
    """
    name = (lambda v: labels.get(v, v)) if labels else (lambda v: v)
    found: list[Contradiction] = []
    for (s, t), edge in sorted(edges.items()):
        live = _live(edge.evidence)
        plus = [e for e in live if not is_null(e) and e.polarity == "+"]
        minus = [e for e in live if not is_null(e) and e.polarity == "-"]
        nulls = [e for e in live if is_null(e)]
        effects = [e for e in live if not is_null(e)]
        pair = f"{name(s)} -> {name(t)}"
        plus, minus = _across_studies(plus, minus)
        effects, nulls = _across_studies(effects, nulls)
        if plus and minus:
            found.append(
                Contradiction(
                    s,
                    t,
                    "opposite_sign",
                    f"{pair}: {_report(plus)} {_SIGN_WORDS['+']}, {_report(minus)} {_SIGN_WORDS['-']}",
                    _sorted(plus),
                    _sorted(minus),
                )
            )
        if effects and nulls:
            found.append(
                Contradiction(
                    s,
                    t,
                    "effect_vs_null",
                    f"{pair}: {_report(effects)} an effect, {_report(nulls)} no effect",
                    _sorted(effects),
                    _sorted(nulls),
                )
            )
        reverse = edges.get((t, s))
        if reverse is not None and s < t:
            forward_causal, backward_causal = _across_studies(
                _causal_effects(live), _causal_effects(_live(reverse.evidence))
            )
            if forward_causal and backward_causal:
                found.append(
                    Contradiction(
                        s,
                        t,
                        "both_directions",
                        f"{pair} is claimed by {_count(forward_causal)} and {name(t)} -> {name(s)} "
                        f"by {_count(backward_causal)}: a feedback loop, or cause and effect "
                        "confused",
                        _sorted(forward_causal),
                        _sorted(backward_causal),
                    )
                )
    return sorted(found, key=lambda c: (c.source, c.target, c.kind))


def _causal_effects(evidence: Sequence[Evidence]) -> list[Evidence]:
    return [e for e in evidence if e.relation == "causal" and not is_null(e)]


def contradicted_edges(contradictions: Sequence[Contradiction]) -> set[tuple[str, str]]:
    """The edges the contradictions involve (both edges of a both-directions contradiction)."""
    involved: set[tuple[str, str]] = set()
    for c in contradictions:
        involved.add((c.source, c.target))
        if c.kind == "both_directions":
            involved.add((c.target, c.source))
    return involved
