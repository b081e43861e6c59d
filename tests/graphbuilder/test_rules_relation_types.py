"""Which relation a cue states: a dependence is a causal determination, not an association; a
contribution made towards an outcome is one made to it. The rules extractor on invented sentences,
with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def relations(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str, str]]:
    return {(c.cause.text, c.effect.text, c.relation) for c in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    "sentence",
    [
        "Germination depends on soil temperature.",
        "Germination was dependent on soil temperature.",
    ],
)
def test_a_dependence_says_the_outcome_is_determined_by_its_object(extractor, sentence):
    # the object of "on" is the cause, as in "temperature-dependent germination"
    assert ("soil temperature", "Germination", "causal") in relations(extractor, sentence)


@pytest.mark.parametrize("prep", ["towards", "toward"])
def test_a_contribution_towards_an_outcome(extractor, prep):
    found = relations(extractor, f"Late frost contributes {prep} poor fruit set.")
    assert ("Late frost", "poor fruit set", "causal") in found
