"""A share of a population (a prevalence) is no cause (rules_shares)."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    "sentence",
    [
        "In our cohort, 15% patients showed elevated troponin levels.",
        "During follow-up, 20% participants reported reduced appetite.",
        "After vaccination, 9% children developed fever and 4% infants developed rash.",
    ],
)
def test_a_share_of_a_population_causes_nothing(extractor, sentence):
    found = claims(extractor, sentence)
    assert not any("%" in cause for cause, _ in found), found


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # a share as an outcome is a variable
        (
            "The drug increased the percentage of patients in remission.",
            ("The drug", "the percentage of patients"),
        ),
        # a group compared with another says how it differs
        ("Women were more likely to develop anaemia.", ("Women", "anaemia")),
    ],
)
def test_shares_as_outcomes_and_groups_keep_their_claims(extractor, sentence, pair):
    assert pair in claims(extractor, sentence)
