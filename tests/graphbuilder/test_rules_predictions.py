"""A future-tense clause under a verb of prediction or expectation states no finding (rules_predictions)."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    "sentence",
    [
        "We expect that loss of the kinase will impair insulin secretion.",
        "Our results predict that carriers of the variant will display poorer responses to statin therapy.",
    ],
)
def test_predictions_give_no_claim(extractor, sentence):
    assert claims(extractor, sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        ("Loss of the kinase will impair insulin secretion.", ("Loss of the kinase", "insulin secretion")),
        ("Smoking predicted lung cancer.", ("Smoking", "lung cancer")),  # the cue verb itself
    ],
)
def test_future_statements_and_predictors_keep_their_claims(extractor, sentence, pair):
    assert pair in claims(extractor, sentence)


def test_a_hedged_prediction_stays_a_hedged_claim(extractor):
    found = claims(extractor, "These data predict that loss of the kinase would impair insulin secretion.")
    assert ("loss of the kinase", "insulin secretion") in found, found
