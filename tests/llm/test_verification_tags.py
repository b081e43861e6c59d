"""Words the tagger misreads as finite verbs (verification_tags.py), and what that frees.

Sentences written for these tests; the real spaCy parse decides. The small tagger reads some plural
nouns before a noun as verbs ("This genomes/VBZ article offers ..."), so the sentence's real verb
becomes their complement clause, which the assertion-context test then refuses as embedded under a
word that asserts nothing. Each kept claim below was refused so before the rule.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation
from causemap.graphbuilder.extractors.rules import load_spacy
from causemap.graphbuilder.verification_tags import noun_read_as_verb

KEPT = [
    ("This genomes survey describes how salt raises blood pressure.", "salt", "blood pressure"),
    ("Higher intakes values indicate that salt raises blood pressure.", "salt", "blood pressure"),
    ("This genomes article offers vaccination to reduce infections in wards.", "vaccination", "infections"),
    ("This centrefolds essay describes yoga classes to reduce burnout in nurses.", "yoga classes", "burnout"),
]


@pytest.mark.parametrize(("sentence", "cause", "effect"), KEPT)
def test_a_clause_under_a_noun_read_as_a_verb_is_main(sentence: str, cause: str, effect: str) -> None:
    assert isinstance(verdict(sentence, cause, effect), ExtractedRelation)


REFUSED = [
    # a real verb of writing or telling, with its clause right after it, asserts nothing
    "Anna writes salt raises blood pressure.",
    "The clerk writes that salt raises blood pressure.",
    # the misread noun frees its own clause only: the telling above it still embeds it
    "My uncle told me this genomes survey describes how salt raises blood pressure.",
]


@pytest.mark.parametrize("sentence", REFUSED)
def test_a_clause_under_a_verb_or_a_telling_stays_refused(sentence: str) -> None:
    assert verdict(sentence, "salt", "blood pressure") == "not_asserted"


def test_only_a_lemma_english_has_as_a_noun_alone_is_misread() -> None:
    doc = load_spacy()("Higher genomes values indicate that salt raises blood pressure.")
    by_word = {t.lower_: t for t in doc}
    assert by_word["genomes"].tag_ == "VBZ" and noun_read_as_verb(by_word["genomes"])
    # "raises" is a verb ("raise"), "indicate" too: a verb's lemma, whatever nouns share it
    assert not noun_read_as_verb(by_word["raises"])
    assert not noun_read_as_verb(by_word["indicate"])
