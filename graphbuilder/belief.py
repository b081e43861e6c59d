"""How much to believe an edge, from the evidence behind it (after INDRA's belief engine).

Each claim has a reliability: the probability that it is right, from its study design and from how it
was read (``resources/belief.json``; accepted and edited claims were read by a person). A paper counts
once: several claims in one paper are not independent, so the paper contributes its strongest claim.
Support for the edge is a noisy-OR over papers, ``P_for = 1 - prod(1 - r_paper)``; evidence against it
(the opposite sign, weighted, and null results) is another noisy-OR, ``P_against``; the belief combines
the two by Dempster's rule, ``P_for (1 - P_against) / (1 - P_for P_against)``, which is ``P_for`` when
nothing disputes the edge and falls as disputing papers accumulate. See ``docs/belief.md``.
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

from causemap.models import CurationState, Evidence, Polarity

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
    >>> where = Provenance(paper_id="p", page=1, start=0, end=1, text="q")
    >>> ev = Evidence(claim_id="c", provenance=where, design="rct", extractor="rules")
    >>> round(evidence_reliability(ev), 3)
    0.63
    """
    p = params or load_belief_params()
    if evidence.state == CurationState.REJECTED:
        return 0.0
    if evidence.state in _CURATED:
        extraction = p.extractor["curated"]
    else:
        family = evidence.extractor.split(":", 1)[0]
        extraction = p.extractor.get(family, p.extractor["default"])
    reliability = p.design.get(str(evidence.design), p.design["unknown"]) * extraction
    if evidence.hedged:
        reliability *= p.hedge_factor
    if evidence.relation == "correlational":
        reliability *= p.correlational_factor
    return reliability


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
    support: float  # noisy-OR of the papers for the consensus
    opposition: float  # noisy-OR of the papers against it (weighted)


def _per_paper(weighted: Iterable[tuple[Evidence, float]]) -> list[float]:
    """Each paper's strongest weighted reliability: several claims in one paper count once."""
    best: dict[str, float] = defaultdict(float)
    for ev, r in weighted:
        best[ev.paper_id] = max(best[ev.paper_id], r)
    return [best[k] for k in sorted(best)]


def consensus_polarity(evidence: Sequence[Evidence], params: BeliefParams | None = None) -> Polarity | None:
    """The sign the papers support most ("+" or "-"); None if unsigned or tied; "0" if only nulls."""
    p = params or load_belief_params()
    return _consensus([(e, evidence_reliability(e, p)) for e in evidence])


def _consensus(weighted: Sequence[tuple[Evidence, float]]) -> Polarity | None:
    live = [(e, r) for e, r in weighted if r > 0.0]
    by_sign = {
        sign: noisy_or(_per_paper((e, r) for e, r in live if not is_null(e) and e.polarity == sign))
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
    support = noisy_or(_per_paper(supporting))
    opposition = noisy_or(_per_paper(opposing))
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
