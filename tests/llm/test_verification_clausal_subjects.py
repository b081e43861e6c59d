"""A claim's clause that is the subject of a predicate right after it is talked about, not made
(verification_clausal_subjects.py): "requires that [X causes Y] be entered as an edge".

Sentences written for these tests, none taken from a benchmark set or a paper; the real spaCy parse
decides. Each refused text was stored before the rule; findings whose object is followed by a phrase
of its own (a conjunction, a participle, a comparison, a clause with its own subject) are kept.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

RISK = "the risk of lung cancer"

REFUSED = [
    # a mandative subjunctive whose subject is the claim's clause, under a verb of necessity
    (
        "Guideline 4.2 requires that smoking increases the risk of lung cancer be entered as an edge.",
        "smoking",
        RISK,
    ),
    (
        "The style sheet requires that smoking increases the risk of lung cancer be typed in bold.",
        "smoking",
        RISK,
    ),
    # a coordination inside the argument is the argument's own
    (
        "Guideline 4.2 requires that smoking increases the incidence or severity of lung cancer be entered.",
        "smoking",
        "the incidence or severity of lung cancer",
    ),
    # the same predicate with no governor
    ("Smoking increases the risk of lung cancer be recorded.", "Smoking", RISK),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), REFUSED)
def test_a_claim_that_is_the_subject_of_a_predicate_is_mentioned(
    sentence: str, cause: str, effect: str
) -> None:
    assert verdict(sentence, cause, effect) == "quoted"


KEPT = [
    ("Smoking increased the risk of lung cancer and was associated with stroke.", "Smoking"),
    ("Smoking increased the risk of lung cancer seen in men.", "Smoking"),
    ("Those in whom smoking increased the risk of lung cancer were older.", "smoking"),
    ("Smoking increased the risk of lung cancer compared to other exposures.", "Smoking"),
    ("Smoking increased the risk of lung cancer more than expected.", "Smoking"),
    # the necessity of a finding: the subjunctive has its own subject
    ("Smoking increased the risk of lung cancer, which requires that screening be offered.", "Smoking"),
]


@pytest.mark.parametrize(("sentence", "cause"), KEPT)
def test_a_finding_followed_by_its_own_phrases_is_kept(sentence: str, cause: str) -> None:
    assert isinstance(verdict(sentence, cause, RISK), ExtractedRelation)
