"""The words a researcher reads for causemap's stored codes, in one place: polarity, study design,
claim role, contradiction kind, counts.

The store keeps short codes (``"+"``, ``"case_control"``, ``"opposite_sign"``); the command line and
the app show them through these functions, so that one thing has one name everywhere, and an unknown
polarity is spelled one way ("unknown") wherever it appears.
"""

from __future__ import annotations

from collections.abc import Mapping

from causemap.models import ClaimRole, StudyDesign

__all__ = [
    "DESIGN_LABELS",
    "POLARITY_LABELS",
    "ROLE_LABELS",
    "UNKNOWN_POLARITY",
    "contradiction_kind",
    "count",
    "counts_text",
    "design_label",
    "edge_polarity",
    "polarity_breakdown",
    "polarity_code",
    "polarity_label",
    "role_label",
]

UNKNOWN_POLARITY = "unknown"
POLARITY_LABELS: dict[str | None, str] = {
    "+": "increases",
    "-": "decreases",
    "0": "no effect",
    None: UNKNOWN_POLARITY,
}
DESIGN_LABELS: dict[str, str] = {
    StudyDesign.RCT: "randomised controlled trial",
    StudyDesign.COHORT: "cohort",
    StudyDesign.CASE_CONTROL: "case-control",
    StudyDesign.CROSS_SECTIONAL: "cross-sectional",
    StudyDesign.MENDELIAN_RANDOMISATION: "Mendelian randomisation",
    StudyDesign.ANIMAL: "animal study",
    StudyDesign.IN_VITRO: "in vitro",
    StudyDesign.REVIEW: "review",
    StudyDesign.MODELLING: "modelling",
    StudyDesign.UNKNOWN: "design unknown",
}
ROLE_LABELS: dict[str, str] = {
    ClaimRole.FINDING: "the paper's own finding",
    ClaimRole.BACKGROUND: "background (earlier work)",
}
_CONTRADICTION_KINDS = {
    "opposite_sign": "opposite signs",
    "effect_vs_null": "an effect against no effect",
    "both_directions": "both directions",
}


def polarity_label(code: str | None) -> str:
    """``"+"`` → "increases"; no polarity (``None``, ``""``, ``"none"``) → "unknown".

    >>> [polarity_label(p) for p in ("+", "-", "0", None, "none")]
    ['increases', 'decreases', 'no effect', 'unknown', 'unknown']
    """
    if code in (None, "", "none"):
        return UNKNOWN_POLARITY
    return POLARITY_LABELS.get(code, str(code))


def polarity_code(label: str) -> str | None:
    """The stored code for a label (or a code): "increases" → ``"+"``, "unknown" → ``None``.

    >>> polarity_code("decreases"), polarity_code("unknown"), polarity_code("+")
    ('-', None, '+')
    """
    for code, text in POLARITY_LABELS.items():
        if label in (text, code):
            return code
    if label in ("", "none"):
        return None
    raise ValueError(f"unknown polarity {label!r}; choose one of {', '.join(POLARITY_LABELS.values())}")


def edge_polarity(polarity: str | None, counts: Mapping[str, int]) -> str:
    """An edge's consensus sign; "mixed" when its papers disagree with no side stronger.

    >>> edge_polarity("+", {"+": 3}), edge_polarity(None, {"+": 1, "-": 1}), edge_polarity(None, {"none": 2})
    ('increases', 'mixed', 'unknown')
    """
    if polarity is None and sum(1 for sign in ("+", "-") if counts.get(sign)) == 2:
        return "mixed"
    return polarity_label(polarity)


def polarity_breakdown(counts: Mapping[str, int]) -> str:
    """How many claims say what, in words, largest first.

    >>> polarity_breakdown({"+": 5, "0": 1, "none": 2})
    '5 increases, 2 unknown, 1 no effect'
    """
    parts = sorted(((n, polarity_label(code)) for code, n in counts.items() if n), key=lambda p: -p[0])
    return ", ".join(f"{n} {text}" for n, text in parts)


def design_label(design: str | None) -> str:
    """A study design in words.

    >>> design_label("case_control"), design_label("rct")
    ('case-control', 'randomised controlled trial')
    """
    return DESIGN_LABELS.get(str(design), str(design).replace("_", " "))


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(str(role), str(role))


def contradiction_kind(kind: str) -> str:
    return _CONTRADICTION_KINDS.get(kind, kind.replace("_", " "))


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> count(1, "paper"), count(1207, "claim"), count(0, "chunk")
    ('1 paper', '1,207 claims', '0 chunks')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def counts_text(counts: Mapping[str, int] | None) -> str:
    """Counts by state, largest first: "4 pending, 1 rejected".

    >>> counts_text({"pending": 4, "rejected": 1, "accepted": 0})
    '4 pending, 1 rejected'
    """
    ranked = sorted(((n, k) for k, n in (counts or {}).items() if n), key=lambda item: -item[0])
    return ", ".join(f"{n} {k}" for n, k in ranked)
