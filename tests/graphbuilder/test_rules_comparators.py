"""A comparison's comparator is no outcome of a setting (rules_comparators).

The parser attaches "in patients with Z" to the comparator in long trial sentences on some wordings
and not others, so the check is tested on such a parse, written out token by token."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.extractors.rules_comparators import is_comparator

# "The drug was not associated with ulcers relative to aspirin or placebo in patients with gout ."
WORDS = ["The", "drug", "was", "not", "associated", "with", "ulcers", "relative", "to", "aspirin"]
WORDS += ["or", "placebo", "in", "patients", "with", "gout", "."]
HEADS = [1, 4, 4, 4, 4, 4, 5, 6, 7, 8, 9, 9, 9, 12, 13, 14, 4]
DEPS = ["det", "nsubjpass", "auxpass", "neg", "ROOT", "prep", "pobj", "amod", "prep", "pobj"]
DEPS += ["cc", "conj", "prep", "pobj", "prep", "pobj", "punct"]


def _doc() -> Doc:
    return Doc(load_spacy().vocab, words=WORDS, heads=HEADS, deps=DEPS)


@pytest.mark.parametrize(
    ("word", "comparator"),
    [("aspirin", True), ("placebo", True), ("ulcers", False), ("patients", False), ("gout", False)],
)
def test_the_object_of_a_comparing_phrase_is_a_comparator(word, comparator):
    doc = _doc()
    assert is_comparator(next(t for t in doc if t.text == word)) is comparator


def test_than_and_versus_introduce_comparators():
    # "Bleeding was rarer than stroke ." / "aspirin versus placebo"
    doc = Doc(
        load_spacy().vocab, words=["rarer", "than", "stroke"], heads=[0, 0, 1], deps=["ROOT", "prep", "pobj"]
    )
    assert is_comparator(doc[2])
    doc = Doc(
        load_spacy().vocab,
        words=["aspirin", "versus", "placebo"],
        heads=[0, 0, 1],
        deps=["ROOT", "prep", "pobj"],
    )
    assert is_comparator(doc[2])


def test_no_setting_is_read_with_a_comparator(extractor, monkeypatch):
    # the setting the parse offers: "placebo in patients with gout"
    from causemap.graphbuilder.extractors import rules

    doc = _doc()
    prep, group, definer, outcome = doc[12], doc[13], doc[15], doc[11]
    monkeypatch.setattr(rules, "setting_matches", lambda *_: iter([(prep, group, definer, outcome)]))
    monkeypatch.setattr(rules, "find_cues", lambda *_: [])
    monkeypatch.setattr(rules, "find_comparisons", lambda *_: [])
    assert extractor.relations_in(doc) == []
