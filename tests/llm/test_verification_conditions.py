"""A clause opened by a conditional subordinator of several words is a supposition, for every extractor
(verification_mentions._opened_as_condition). Sentences written for these tests; the real parse decides.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

CAUSE, EFFECT = "obesity", "insulin resistance"

SUPPOSED = [
    "Provided that obesity causes insulin resistance, weight loss should restore it.",
    "Weight loss should restore it, provided that obesity causes insulin resistance.",
    "As long as obesity causes insulin resistance, weight loss should help.",
    "So long as obesity causes insulin resistance, diet matters.",
    "On condition that obesity causes insulin resistance, the model predicts a benefit.",
    "In the event that obesity causes insulin resistance, screening would be worthwhile.",
    "Even if obesity causes insulin resistance, other factors dominate.",
]


@pytest.mark.parametrize("sentence", SUPPOSED)
def test_a_clause_under_a_conditional_of_several_words_is_a_supposition(sentence: str) -> None:
    assert verdict(sentence, CAUSE, EFFECT) == "hypothetical"


ASSERTED = [
    # the condition is another clause: the main clause's claim is the paper's
    (
        "As long as the diet was kept, obesity lowered insulin sensitivity in mice.",
        "obesity",
        "insulin sensitivity",
    ),
    (
        "Exercise improved glucose tolerance, provided that the diet was kept.",
        "Exercise",
        "glucose tolerance",
    ),
    # a gerund and a noun phrase that begin with the same words are no conditions
    ("Providing meals reduced hunger in the cohort.", "Providing meals", "hunger"),
    ("In case reports, obesity caused insulin resistance.", "obesity", "insulin resistance"),
    # a reason is asserted, not supposed
    ("Because obesity causes insulin resistance, weight loss helps.", "obesity", "insulin resistance"),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), ASSERTED)
def test_a_claim_outside_the_condition_is_kept(sentence: str, cause: str, effect: str) -> None:
    assert isinstance(verdict(sentence, cause, effect), ExtractedRelation)
