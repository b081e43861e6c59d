"""Whole noun phrases as arguments (verification_phrases.py, verification_members.py).

Sentences written for these tests; the real spaCy parse decides. Each refused claim below was kept
before its rule, and each rule has a claim of the same sentence it must still keep.
"""

from __future__ import annotations

import pytest
from test_verification import verdict  # type: ignore[import-not-found]

from causemap.graphbuilder.extractors.base import ExtractedRelation

LYME = "Lyme disease is caused by Borrelia burgdorferi, a bacterium belonging to the spirochete family."
TICKS = "Lyme disease is caused by a bacterium transmitted by ticks."
HEAT = "The heatwave led to the deaths of many people with heart disease."
HEAT_MEASURE = "The heatwave increased the mortality of patients with heart disease."


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [(LYME, "a bacterium belonging"), (TICKS, "a bacterium transmitted")],
)
def test_a_modifying_participle_cut_from_its_complement_is_no_phrase(sentence: str, cause: str) -> None:
    assert verdict(sentence, cause, "Lyme disease") == "not_a_phrase"


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [(LYME, "a bacterium"), (TICKS, "a bacterium transmitted by ticks"), (TICKS, "a bacterium")],
)
def test_the_noun_alone_or_with_the_whole_participle_phrase_is_one(sentence: str, cause: str) -> None:
    kept = verdict(sentence, cause, "Lyme disease")
    assert isinstance(kept, ExtractedRelation) and kept.cause.text == cause


@pytest.mark.parametrize("sentence", [HEAT, HEAT_MEASURE])
def test_what_defines_a_group_whose_measure_is_the_effect_is_no_effect(sentence: str) -> None:
    # the heatwave killed people with heart disease; it did not cause heart disease
    assert verdict(sentence, "The heatwave", "heart disease") == "unrelated"


def test_the_measure_of_the_group_is_the_effect() -> None:
    kept = verdict(HEAT, "The heatwave", "the deaths of many people")
    assert isinstance(kept, ExtractedRelation)


def test_what_defines_the_group_of_a_setting_stands_for_it() -> None:
    sentence = "Metformin reduced mortality in patients with diabetes."
    kept = verdict(sentence, "diabetes", "mortality", "correlational")
    assert isinstance(kept, ExtractedRelation)


ANAEMIA = "Impaired absorption of iron in the gut may be the reason for patients ’ anaemia ."


@pytest.mark.parametrize(
    ("sentence", "possessor"),
    [
        (ANAEMIA, "patients"),  # a detached apostrophe, which the parse reads as a quotation mark
        ("Low iron intake may be the cause of children ’ anaemia .", "children"),
        ("Low iron intake may be the cause of the patient's anaemia.", "patient"),
    ],
)
def test_a_possessor_alone_is_no_phrase(sentence: str, possessor: str) -> None:
    assert verdict(sentence, sentence.split(" may")[0], possessor) == "not_a_phrase"


def test_the_possessed_phrase_is_one() -> None:
    kept = verdict(ANAEMIA, "Impaired absorption of iron", "patients ’ anaemia")
    assert isinstance(kept, ExtractedRelation) and kept.effect.text == "patients ’ anaemia"


def test_a_noun_cut_from_the_numeral_after_it_is_no_phrase() -> None:
    # "day 3" names which day: "day" alone is part of that name
    assert verdict("Fever on day 3 predicted death.", "Fever on day", "death") == "not_a_phrase"
    kept = verdict("Fever on day 3 predicted death.", "Fever on day 3", "death")
    assert isinstance(kept, ExtractedRelation) and kept.cause.text == "Fever on day 3"
