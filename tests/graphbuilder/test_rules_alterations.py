"""A gene's alteration or variant stated with the condition it goes with ("X is overexpressed in Y", "X
confers susceptibility to Y"), and its look-alikes that state none. The rules extractor on
sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    ("sentence", "condition", "altered", "polarity"),
    [
        ("IL-6 is overexpressed in breast cancer.", "breast cancer", "IL-6", "+"),
        ("MYC is over-expressed in patients with Burkitt lymphoma.", "Burkitt lymphoma", "MYC", "+"),
        ("KLF4 is underexpressed in gastric cancer.", "gastric cancer", "KLF4", "-"),
        ("The RB1 gene is frequently mutated in retinoblastoma.", "retinoblastoma", "The RB1 gene", None),
        ("PTEN is often deleted in glioblastoma.", "glioblastoma", "PTEN", None),
    ],
)
def test_an_alteration_goes_with_the_condition_it_is_in(extractor, sentence, condition, altered, polarity):
    assert claims(extractor, sentence) == {(condition, altered): ("correlational", polarity)}


@pytest.mark.parametrize(
    "sentence",
    [
        "PTEN was overexpressed in HeLa cells.",  # a sample: what was done in the experiment
        "SOX2 was overexpressed in mice.",  # a group nothing defines
        "The gene was silenced by siRNA in cancer cells.",  # a procedure with its agent
        "IL-6 is expressed in breast cancer.",  # where it is, not that it changed
    ],
)
def test_an_alteration_in_a_sample_or_by_an_agent_relates_nothing(extractor, sentence):
    assert claims(extractor, sentence) == {}


def test_a_variant_that_segregates_with_a_disease_goes_with_it(extractor):
    assert claims(extractor, "The R123W mutation segregated with the disease in all affected members.") == {
        ("The R123W mutation", "the disease"): ("correlational", None)
    }


@pytest.mark.parametrize(
    ("sentence", "variant", "condition"),
    [
        (
            "The V175M polymorphism confers susceptibility to fatty liver disease.",
            "The V175M polymorphism",
            "fatty liver disease",
        ),
        (
            "The promoter polymorphism is a genetic factor conferring predisposition to arthritis.",
            "The promoter polymorphism",
            "arthritis",
        ),
    ],
)
def test_a_variant_conferring_susceptibility_goes_with_the_condition(extractor, sentence, variant, condition):
    assert claims(extractor, sentence) == {(variant, condition): ("correlational", "+")}
