"""Words a researcher reads for causemap's codes: polarity, study design, curation counts.

The command line and the app print these rather than the codes themselves ("+", "case_control",
``{'+': 5}``), and both spell an unknown polarity the same way: "unknown".
"""

from __future__ import annotations

from collections.abc import Mapping

from causemap.models import Edge, StudyDesign

UNKNOWN = "unknown"
POLARITY_WORDS: dict[str | None, str] = {"+": "increases", "-": "decreases", "0": "no effect", None: UNKNOWN}
# An edge's polarity_counts use "none" for claims without a sign.
_COUNT_WORDS = {"+": "increase", "-": "decrease", "0": "no effect", "none": "sign unknown"}
DESIGN_NAMES: dict[str, str] = {
    StudyDesign.RCT: "RCT",
    StudyDesign.COHORT: "cohort",
    StudyDesign.CASE_CONTROL: "case-control",
    StudyDesign.CROSS_SECTIONAL: "cross-sectional",
    StudyDesign.MENDELIAN_RANDOMISATION: "Mendelian randomisation",
    StudyDesign.ANIMAL: "animal",
    StudyDesign.IN_VITRO: "in vitro",
    StudyDesign.REVIEW: "review",
    StudyDesign.MODELLING: "modelling",
    StudyDesign.UNKNOWN: "design unknown",
}


def polarity_word(polarity: str | None) -> str:
    """What a claim's polarity says.

    >>> polarity_word("+"), polarity_word("0"), polarity_word(None)
    ('increases', 'no effect', 'unknown')
    """
    return POLARITY_WORDS.get(polarity, UNKNOWN)


def edge_polarity_word(edge: Edge) -> str:
    """An edge's consensus sign; "mixed" when papers disagree and neither sign prevails.

    >>> edge_polarity_word(Edge(source="a", target="b", polarity=None, polarity_counts={"+": 2, "-": 2}))
    'mixed'
    >>> edge_polarity_word(Edge(source="a", target="b", polarity="-", polarity_counts={"-": 3}))
    'decreases'
    """
    if edge.polarity is None and edge.polarity_counts.get("+") and edge.polarity_counts.get("-"):
        return "mixed"
    return polarity_word(edge.polarity)


def polarity_counts_text(counts: Mapping[str, int]) -> str:
    """How an edge's claims are signed, in words, most frequent first.

    >>> polarity_counts_text({"+": 5, "0": 1, "none": 2})
    '5 increase, 2 sign unknown, 1 no effect'
    """
    ranked = sorted(((n, key) for key, n in counts.items() if n), key=lambda item: -item[0])
    return ", ".join(f"{n} {_COUNT_WORDS.get(key, key)}" for n, key in ranked)


def design_name(design: StudyDesign | str) -> str:
    """A study design as written in papers.

    >>> design_name("case_control"), design_name(StudyDesign.RCT)
    ('case-control', 'RCT')
    """
    return DESIGN_NAMES.get(str(design), str(design).replace("_", " "))


def counts_text(counts: Mapping[str, int] | None) -> str:
    """Counts by state, largest first: "4 pending, 1 rejected".

    >>> counts_text({"pending": 4, "rejected": 1, "accepted": 0})
    '4 pending, 1 rejected'
    """
    ranked = sorted(((n, k) for k, n in (counts or {}).items() if n), key=lambda item: -item[0])
    return ", ".join(f"{n} {k}" for n, k in ranked)
