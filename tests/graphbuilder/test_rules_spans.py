"""Argument boundaries (``graphbuilder.extractors.rules_spans``) on sentences written for these tests."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


@pytest.fixture(scope="module")
def extractor() -> RulesExtractor:
    return RulesExtractor()


def _pairs(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str]]:
    return {(r.cause.text, r.effect.text) for r in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # a definite description names its referent through the name set off after it
        ("The hormone, insulin, lowers blood glucose in patients.", ("insulin", "blood glucose")),
        (
            "The common pathogen, K. pneumoniae, is the leading cause of neonatal sepsis.",
            ("K. pneumoniae", "neonatal sepsis"),
        ),
    ],
)
def test_a_name_after_a_definite_description_is_the_argument(extractor, sentence, pair):
    assert pair in _pairs(extractor, sentence)


def test_an_indefinite_apposition_describes_and_is_not_taken_for_the_name(extractor):
    pairs = _pairs(extractor, "Metformin, a biguanide, lowers hepatic glucose output.")
    assert ("Metformin", "hepatic glucose output") in pairs
