"""A short name stands for the longer one its paper uses: generic heads and process nouns."""

from __future__ import annotations

from causemap.graphbuilder.bare_names import resolve_bare_names


def test_a_process_noun_takes_the_paper_s_compound_naming_what_undergoes_it():
    mentions = [
        ("p", "pollen dispersal"),
        ("p", "pollen dispersal"),
        ("p", "the dispersal of pollen"),
        ("p", "dispersal"),
        ("q", "dispersal"),  # another paper says nothing of pollen
    ]
    assert resolve_bare_names(mentions) == {("p", "dispersal"): "pollen dispersal"}


def test_a_kind_of_the_process_is_not_what_undergoes_it():
    mentions = [
        ("p", "fermentation"),
        ("p", "anaerobic fermentation"),
        ("p", "asthma"),
        ("p", "childhood asthma"),
        ("p", "training"),
        ("p", "supervised training"),
    ]
    assert resolve_bare_names(mentions) == {}


def test_a_process_noun_with_two_compounds_and_none_dominant_stays():
    mentions = [("p", "degradation"), ("p", "protein degradation"), ("p", "lipid degradation")]
    assert resolve_bare_names(mentions) == {}


def test_a_noun_that_is_no_process_keeps_its_name():
    # "weight" is not made from a verb: "birth weight" is another variable, not its full name
    assert resolve_bare_names([("p", "weight"), ("p", "birth weight")]) == {}


def test_a_gerund_names_an_activity_that_stands_alone():
    assert resolve_bare_names([("p", "drinking"), ("p", "alcohol drinking")]) == {}


def test_a_short_name_is_not_the_complement_of_another_head():
    # pdfs-s22: "the presence of multiple transcripts at the transcription site" (normalised
    # "transcript") was read as the paper's "the trafficking of transcripts", a claim it never made
    mentions = [("p", "the presence of multiple transcripts"), ("p", "the trafficking of transcripts")]
    assert resolve_bare_names(mentions) == {}


def test_a_generic_short_name_still_takes_its_premodified_name():
    assert resolve_bare_names([("p", "some mutants"), ("p", "AB18 mutants")]) == {
        ("p", "some mutants"): "AB18 mutants"
    }
