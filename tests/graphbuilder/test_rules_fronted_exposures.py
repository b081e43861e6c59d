"""What a group nothing defines came to have or showed after an exposure named in a phrase before
the clause ("After cisplatin therapy, the patient developed ototoxicity"), as in case reports. The
rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims

from causemap.graphbuilder.extractors.rules import RulesExtractor


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        ("After cisplatin therapy, the patient developed severe ototoxicity.", "cisplatin", "ototoxicity"),
        (
            "During lithium treatment, the patient developed nephrogenic diabetes insipidus.",
            "lithium",
            "diabetes",
        ),
        ("After cisplatin therapy, the patient showed severe ototoxicity.", "cisplatin", "ototoxicity"),
    ],
)
def test_a_fronted_exposure_is_what_the_condition_followed(
    extractor: RulesExtractor, sentence: str, cause: str, effect: str
) -> None:
    found = claims(extractor, sentence)
    assert any(cause in c and effect in e for c, e in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "After 6 months, two patients developed pneumonia.",  # a time
        "After 6 months, the patients showed marked improvement.",  # a time
        "After admission, the patient showed severe hypotension.",  # an event, no exposure named
    ],
)
def test_no_exposure_in_a_fronted_time_or_event(extractor: RulesExtractor, sentence: str) -> None:
    assert claims(extractor, sentence) == {}, sentence
