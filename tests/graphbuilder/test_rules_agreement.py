"""Cue verbs the small parse read as nouns or modifiers in a sentence it gave no finite verb: by their
agreement with the noun phrase that opens the sentence, or after an aside of the subject set off by
two commas. The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def signed(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str, str | None]]:
    return {(c.cause.text, c.effect.text, c.polarity) for c in extractor.extract([sentence])[0]}


def test_an_s_form_read_as_a_plural_noun_after_a_singular_subject_is_the_verb(extractor):
    # parsed as one noun phrase, "asbestos causes" a compound of "mesothelioma"
    found = signed(extractor, "Exposure to asbestos causes mesothelioma.")
    assert found == {("Exposure to asbestos", "mesothelioma", "+")}
    # with no noun phrase after it, or no subject phrase before it, the word is the noun
    assert signed(extractor, "Asbestos causes of mesothelioma in shipyards.") == set()
    assert signed(extractor, "The study of causes of mesothelioma.") == set()


def test_a_base_form_read_as_the_object_of_a_plural_subjects_preposition_is_the_verb(extractor):
    # parsed as "Mutations of [the KCNQ4 gene cause]" with "hearing loss" an apposition of "cause"
    found = signed(extractor, "Mutations of the KCNQ4 gene cause hearing loss.")
    assert found == {("Mutations of the KCNQ4 gene", "hearing loss", "+")}


def test_the_subjects_name_keeps_its_determiner_when_the_verb_was_read_into_it(extractor):
    # "Variants of [the LDLR gene cause hypercholesterolaemia]": the name runs from "the" to the verb
    found = signed(extractor, "Variants of the LDLR gene cause hypercholesterolaemia.")
    assert found == {("Variants of the LDLR gene", "hypercholesterolaemia", "+")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Propranolol, a beta-blocker, reduced portal pressure.", ("Propranolol", "portal pressure", "-")),
        (
            "Metformin, a biguanide, reduced hepatic glucose output.",
            ("Metformin", "hepatic glucose output", "-"),
        ),
    ],
)
def test_a_participle_after_an_aside_of_the_subject_is_its_verb(extractor, sentence, expected):
    # parsed with no finite verb: the aside an apposition, "reduced" a modifier of the object
    assert signed(extractor, sentence) == {expected}
    # one comma sets off no aside: an introductory phrase is no subject
    assert signed(extractor, "In mice, reduced glucose output.") == set()


def test_an_aside_read_into_the_objects_noun_still_sets_off_the_subject(extractor):
    # parsed with "anticoagulant" a modifier of "risk" and "Warfarin" alone the root
    found = signed(extractor, "Warfarin, an anticoagulant, increased bleeding risk.")
    assert found == {("Warfarin", "bleeding risk", "+")}
