"""Coordinations before a shared head or complement: premodifiers of a head that joins them (a
ratio) are one argument; nouns sharing a complement are one argument each. The rules extractor on
sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import polarity_readings as claims


@pytest.mark.parametrize(
    ("sentence", "earlier", "last"),
    [
        # the design call (rules_lists): each noun keeps its own contiguous span; the earlier one is
        # not given the complement it shares, which would be a name assembled from pieces
        (
            "Smoking increased the predisposition and recurrence of erysipelas.",
            "the predisposition",
            "recurrence of erysipelas",
        ),
        ("Smoking increased obesity and risk of diabetes.", "obesity", "risk of diabetes"),
    ],
)
def test_nouns_sharing_a_complement_are_each_their_own_span(extractor, sentence, earlier, last):
    found = claims(extractor, sentence)
    assert ("Smoking", earlier) in found, found
    assert ("Smoking", last) in found, found
    for _, effect in found:
        assert effect in sentence, effect  # every span is a stretch of the sentence


def test_premodifiers_of_a_ratio_are_one_variable(extractor):
    found = claims(extractor, "Hypoxia increased the Bcl-2 and Bax ratio.")
    assert ("Hypoxia", "the Bcl-2 and Bax ratio") in found, found
    assert ("Hypoxia", "the Bcl-2") not in found, found


def test_premodifiers_of_a_head_that_joins_nothing_are_listed(extractor):
    # "expression" is no ratio: one variable per name
    found = claims(extractor, "Hypoxia increased Bax and caspase-3 expression.")
    assert ("Hypoxia", "Bax") in found, found
    assert ("Hypoxia", "caspase-3 expression") in found, found
