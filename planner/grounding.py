"""What ties a proposal to the collection: real concepts, the claims behind it, the studies already done.

Pure functions over a ``KnowledgeGraph``. A variable is a *concept* when its label names something a
study can measure or set; "baseline", "control group" or "absence" are study artefacts or generic words
and take no role in a plan. Two labels name the *same concept* when the content words of one are among
those of the other ("activity" and "physical activity"): one can then not be a control for the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from causemap.graphbuilder.knowledge_graph import Contradiction, KnowledgeGraph
from causemap.graphbuilder.normalise import load_lexicon, singular
from causemap.graphbuilder.variable_names import names_a_variable
from causemap.models import ClaimRole, Evidence, PlanEvidence, Provenance, StudyDesign
from causemap.planner.scoring import load_resource

__all__ = [
    "DESIGN_OF_PLAN",
    "DroppedItem",
    "concept_problem",
    "content_words",
    "edge_evidence",
    "existing_studies",
    "is_weak",
    "one_study",
    "passage_evidence",
    "same_concept",
    "study_key",
    "weak_support",
]

# The study designs a proposed experiment would be, as the collection's claims record designs: a
# laboratory manipulation is an experiment in cells (in vitro) or in model organisms (animal).
DESIGN_OF_PLAN: dict[str, tuple[StudyDesign, ...]] = {
    "rct": (StudyDesign.RCT,),
    "mendelian_randomisation": (StudyDesign.MENDELIAN_RANDOMISATION,),
    "animal": (StudyDesign.ANIMAL,),
    "experimental_manipulation": (StudyDesign.IN_VITRO, StudyDesign.ANIMAL),
}
_WORD = re.compile(r"[a-z0-9][a-z0-9'\-]*")
# A past participle followed by "by" opens a post-modifier: "biofilm formed by both strains" is a biofilm.
_AGENT_PARTICIPLE = re.compile(r"[a-z][a-z\-]{2,}ed")
_PREPOSITIONS = frozenset(
    "of in on at with without for among during after before from to by between within via than versus".split()
)


@dataclass(frozen=True)
class DroppedItem:
    """A proposal the plan does not list, and why."""

    id: str
    kind: str
    title: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "reason": self.reason}


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    data = load_resource("artefacts.json")
    lexicon = load_lexicon()
    artefacts = frozenset(data["artefact_words"]) | frozenset(lexicon.uninformative_words)
    return artefacts, frozenset(data["modifier_words"])


@cache
def content_words(label: str) -> frozenset[str]:
    """The label's words, singular, without modifiers ("higher", "the", "group").

    >>> sorted(content_words("Higher levels of physical activities"))
    ['activity', 'level', 'physical']
    """
    _, modifiers = _vocabulary()
    lexicon = load_lexicon()
    words = (singular(w, lexicon) for w in _WORD.findall(label.lower()))
    return frozenset(w for w in words if w not in modifiers)


@cache
def concept_problem(label: str) -> str | None:
    """Why ``label`` names no concept a study could measure or set, or None when it does.

    >>> concept_problem("control group"), concept_problem("insulin resistance")
    ('“control group” is a study artefact or a generic word, not a variable', None)
    """
    artefacts, _ = _vocabulary()
    data = load_resource("artefacts.json")
    if not names_a_variable(label):
        return f"“{label}” names no variable (a pronoun, statistic or fragment)"
    if set(_WORD.findall(label.lower())) & set(data["clause_words"]):
        return f"“{label}” is a clause from a sentence, not the name of a variable"
    verb = _finite_cue_verb(label)
    if verb:
        return f"“{label}” is a whole claim (“… {verb} …”), not the name of a variable"
    if head_word(label) in set(data["study_role_heads"]):
        return f"“{label}” names a role in a study (which {head_word(label)}s?), not a variable"
    words = content_words(label)
    if words and words <= set(data["fragment_words"]):
        return f"“{label}” is a fragment of a word (a prefix), not a variable"
    if not words or words <= artefacts:
        return f"“{label}” is a study artefact or a generic word, not a variable"
    if words <= artefacts | set(data["generic_class_words"]):
        return f"“{label}” is only a class of things (which one?), not a variable"
    return None


@cache
def _cue_verbs_past() -> frozenset[str]:
    """Past forms of the rules extractor's causal verbs ("attenuated", "increased", "raised")."""
    from causemap.graphbuilder.extractors.rules_lexicon import load_lexicon as load_cues
    from causemap.graphbuilder.extractors.rules_prefilter import inflections

    lemmas = load_cues().verbs
    return frozenset(f for w in lemmas for f in inflections(w) if f.endswith("ed") and f != w)


def _finite_cue_verb(label: str) -> str | None:
    """A causal verb in the past tense between two noun phrases of ``label`` ("voluntary wheel
    running attenuated high-fat diet-induced insulin"): the label is a claim cut out whole. Not after
    a preposition ("heart failure with reduced ejection fraction") nor before "by" ("hypertension
    induced by salt"), where the participle modifies a noun."""
    _, modifiers = _vocabulary()
    words = label.lower().split()
    for i in range(1, len(words) - 1):
        before, word, after = words[i - 1], words[i], words[i + 1]
        if word in _cue_verbs_past() and before not in _PREPOSITIONS | modifiers and after != "by":
            return word
    return None


@cache
def head_word(label: str) -> str | None:
    """The head noun of ``label``: its last content word before any preposition (English noun
    phrases are head-final: "obstructive sleep apnea" is an apnea, "night with short sleep" a night).

    >>> head_word("insulin resistance in liver and muscle"), head_word("obstructive sleep apnea")
    ('resistance', 'apnea')
    >>> head_word("alcohol consumption"), head_word("range of distances to speckles")
    ('alcohol', 'speckle')
    >>> head_word("biofilm formed by both strains")
    'biofilm'
    """
    _, modifiers = _vocabulary()
    words = _WORD.findall(label.lower())
    cut = next(
        (
            i
            for i, w in enumerate(words)
            if w in _PREPOSITIONS or (i and _AGENT_PARTICIPLE.fullmatch(w) and words[i + 1 : i + 2] == ["by"])
        ),
        len(words),
    )
    lexicon = load_lexicon()
    heads = [singular(w, lexicon) for w in words[:cut] if w not in modifiers]
    measures = set(load_resource("artefacts.json")["measure_heads"]) | set(lexicon.trailing_wrappers)
    if heads and all(h in measures for h in heads) and cut < len(words) - 1:
        return head_word(" ".join(words[cut + 1 :]))  # "range of distance to speckle" measures speckle
    while len(heads) > 1 and heads[-1] in measures:  # "alcohol consumption" is alcohol, measured
        heads.pop()
    return heads[-1] if heads else None


@cache
def same_concept(a: str, b: str) -> bool:
    """Whether labels ``a`` and ``b`` name one concept: the same head noun, and the content words of
    one among the other's ("activity" and "physical activity", not "sleep" and "sleep apnea").

    >>> same_concept("activity", "physical activity"), same_concept("sleep", "obstructive sleep apnea")
    (True, False)
    """
    wa, wb = content_words(a), content_words(b)
    if not (wa and wb) or not (wa <= wb or wb <= wa):
        return False
    return head_word(a) == head_word(b)


def is_weak(evidence: Evidence) -> bool:
    """A claim that alone settles little: hedged, correlational, background, or of a weak design."""
    weak_designs = set(load_resource("scoring.json")["weak_designs"])
    return (
        evidence.hedged
        or evidence.relation != "causal"
        or evidence.role == ClaimRole.BACKGROUND
        or evidence.design in weak_designs
    )


def weak_support(graph: KnowledgeGraph, edges: Iterable[tuple[str, str]]) -> str | None:
    """Why the claims behind ``edges`` are too thin to act on: one study's claims, all weak (one claim,
    or several sentences of one study — which count as one vote, as in the graph's belief)."""
    evidence = [
        e for k in edges if k in graph.edges for e in graph.edges[k].evidence if e.state != "rejected"
    ]
    if not evidence or len({study_key(e) for e in evidence}) > 1 or not all(map(is_weak, evidence)):
        return None
    what = dict.fromkeys(w for e in evidence for w in _weaknesses(e))
    cited = evidence[0].provenance.cite()
    if len(evidence) == 1:
        return f"rests on one claim ({', '.join(what)}), {cited}"
    return f"rests on {len(evidence)} claims of one study, all weak ({', '.join(what)}), {cited}"


def _weaknesses(e: Evidence) -> list[str]:
    return [
        w
        for w, bad in (
            ("hedged", e.hedged),
            ("correlational", e.relation != "causal"),
            ("background, not the paper's finding", e.role == ClaimRole.BACKGROUND),
            (f"from a {e.design.value.replace('_', '-')} design", e.design in _weak_designs()),
        )
        if bad
    ]


def _weak_designs() -> set[str]:
    return set(load_resource("scoring.json")["weak_designs"])


def study_key(evidence: Evidence) -> str:
    """One key per study: its title (lower case, words only) when known, else the paper id.

    Several files of one study (a preprint and the published version, a duplicate) share a title.
    """
    title = evidence.provenance.title
    return " ".join(_WORD.findall(title.lower())) if title and title.strip() else evidence.paper_id


def one_study(contradiction: Contradiction) -> bool:
    """Whether ``contradiction`` is no disagreement between studies: both sides from versions of one
    study (several files sharing a title), or from one paper stating both with the same design and
    role — a reading error ("a more limited capacity" read as an increase) far more often than a
    finding. One paper contrasting designs, or its findings with earlier work, is a real contrast."""
    sides = [contradiction.supporting, contradiction.opposing]
    evidence = [e for side in sides for e in side]
    if len({study_key(e) for e in evidence}) > 1:
        return False
    if len({e.paper_id for e in evidence}) > 1:
        return True
    kinds = [{(e.design, e.role) for e in side} for side in sides]
    return kinds[0] == kinds[1]


def edge_evidence(
    graph: KnowledgeGraph, edges: Sequence[tuple[str, str]], limit: int | None = None
) -> list[PlanEvidence]:
    """The claims behind ``edges``: the best of each edge first, in turn (findings and strong
    designs before background and weak designs), one per paper and page, at most ``limit``."""
    limit = limit or load_resource("scoring.json")["max_citations"]
    per_edge = []
    for key in dict.fromkeys(edges):
        if key not in graph.edges:
            continue
        usable = [e for e in graph.edges[key].evidence if e.state != "rejected"]
        usable.sort(key=lambda e: (is_weak(e), e.hedged, e.paper_id, e.page, e.provenance.start))
        per_edge.append([(key, e) for e in usable])
    chosen: list[PlanEvidence] = []
    seen: set[tuple[str, int, tuple[str, str]]] = set()
    for rank in range(max((len(p) for p in per_edge), default=0)):
        for claims in per_edge:
            if rank >= len(claims) or len(chosen) >= limit:
                continue
            key, e = claims[rank]
            if (e.paper_id, e.page, key) in seen:
                continue
            seen.add((e.paper_id, e.page, key))
            chosen.append(_as_plan_evidence(key, e))
    return chosen


def _as_plan_evidence(edge: tuple[str, str], e: Evidence) -> PlanEvidence:
    return PlanEvidence(
        claim_id=e.claim_id,
        provenance=e.provenance,
        edge=edge,
        role=e.role,
        design=e.design,
        polarity=e.polarity or ("0" if e.negated else None),  # "was no more effective": no effect
        hedged=e.hedged,
    )


def passage_evidence(passages: Iterable[Provenance]) -> list[PlanEvidence]:
    """Passages that state no claim (co-mentions, retrieved text) as evidence of a plan item."""
    return [PlanEvidence(provenance=p) for p in passages]


def existing_studies(
    graph: KnowledgeGraph, x: str, y: str, designs: Iterable[StudyDesign]
) -> list[PlanEvidence]:
    """The collection's own findings on ``x -> y`` from a study of one of ``designs``: one per study,
    with its result (the claim's polarity: +, -, or 0 for no effect)."""
    edge = graph.edges.get((x, y))
    designs = set(designs)
    if edge is None or not designs:
        return []
    found: dict[str, PlanEvidence] = {}
    for e in edge.evidence:
        if e.state == "rejected" or e.design not in designs or e.role != ClaimRole.FINDING:
            continue
        found.setdefault(study_key(e), _as_plan_evidence((x, y), e))
    return list(found.values())
