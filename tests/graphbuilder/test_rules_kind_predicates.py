"""A kind noun said of a name stands for it: "X was identified as the gene responsible for Y" and
"X, the enzyme responsible for Y" are claims about X; a kind noun said of nothing ("the gene
responsible for Y encodes ...", "we cloned the gene responsible for Y") stays as written. Invented
sentences, the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    ("sentence", "named", "effect"),
    [
        ("CLN3 was identified as the gene responsible for Batten disease.", "CLN3", "Batten disease"),
        ("CLN3 is the gene responsible for Batten disease.", "CLN3", "Batten disease"),
        (
            "CLN3, the gene responsible for Batten disease, encodes a membrane protein.",
            "CLN3",
            "Batten disease",
        ),
        ("CYP2D6 is the enzyme responsible for codeine activation.", "CYP2D6", "codeine activation"),
    ],
)
def test_a_kind_noun_said_of_a_name_stands_for_it(extractor, sentence, named, effect):
    found = claims(extractor, sentence)
    assert found[(named, effect)] == ("causal", "+")
    assert not any(cause.lower().endswith(("gene", "enzyme")) for cause, _ in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "The gene responsible for Batten disease encodes a membrane protein.",
        "We cloned the gene responsible for Batten disease.",
    ],
)
def test_a_kind_noun_said_of_nothing_stays_as_written(extractor, sentence):
    found = claims(extractor, sentence)
    assert [effect for cause, effect in found if cause.lower() == "the gene"] == ["Batten disease"]
