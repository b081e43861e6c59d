"""Phrases that name where, in whom or on what something was studied, read as no claim of their
own; and the true claims beside them, which must still be read."""

from __future__ import annotations

from rules_readings import relation_readings as claims


def test_a_group_defined_by_what_it_developed_is_no_cause_of_it(extractor):
    # "patients who developed A or B": the relative clause defines the group; read as the cause
    # of what it developed, the group would relate A with B
    found = claims(
        extractor, "The variant was more frequent in patients who developed leukaemia or lymphoma."
    )
    assert ("leukaemia", "lymphoma") not in found, found
    assert ("leukaemia", "The variant") in found, found  # the comparison still stands


def test_a_group_still_develops_what_followed_an_exposure(extractor):
    found = claims(extractor, "Three patients developed hepatitis during isoniazid therapy.")
    assert ("isoniazid therapy", "hepatitis") in found, found


def test_an_analysis_in_patients_with_a_condition_is_a_topic(extractor):
    for sentence in (
        "Analysis of the promoter polymorphism in Danish patients with chronic gout.",
        "Comparison of serial viral isolates in a child with leukaemia.",
        "Mutation screening of the ATP7B gene in patients with Wilson disease.",
    ):
        assert claims(extractor, sentence) == {}, sentence


def test_what_was_found_in_patients_with_a_condition_is_still_a_setting(extractor):
    found = claims(extractor, "Mutations of the ATP7B gene in patients with Wilson disease.")
    assert ("Wilson disease", "the ATP7B gene") in found, found
    found = claims(extractor, "Serum ferritin levels in children with thalassemia.")
    assert ("thalassemia", "Serum ferritin levels") in found, found


def test_a_population_after_a_role_says_in_whom_not_in_what(extractor):
    found = claims(
        extractor,
        "Loss of the channel may play a role in mediation of seizures in individuals with SCN1A mutations.",
    )
    assert ("Loss of the channel", "mediation of seizures") in found, found
    assert ("Loss of the channel", "SCN1A mutations") not in found, found


def test_a_role_in_a_condition_is_still_read(extractor):
    found = claims(extractor, "The receptor has a role in the pathogenesis of colitis in mice.")
    assert ("The receptor", "the pathogenesis of colitis") in found, found
    assert ("Interleukin-6", "sepsis") in claims(extractor, "Interleukin-6 plays a central role in sepsis.")


def test_a_changed_susceptibility_keeps_its_head(extractor):
    # "decreased susceptibility to X": the susceptibility fell; X is no effect, and not raised
    found = claims(extractor, "The mutants showed decreased susceptibility to daptomycin.")
    assert found.get(("The mutants", "susceptibility to daptomycin")) == ("correlational", "-"), found
    assert ("The mutants", "daptomycin") not in found, found


def test_a_heading_naming_a_relation_is_not_the_sequel_of_its_time(extractor):
    # "The association between A and B after Z": Z dates the association, it does not cause it
    found = claims(extractor, "The association between tranexamic acid and seizures after cardiac surgery.")
    assert ("tranexamic acid", "seizures") in found, found
    assert not any(cause == "cardiac surgery" for cause, _ in found), found
    found = claims(extractor, "Effects of melatonin on neuronal loss after hypoxia.")
    assert ("melatonin", "neuronal loss") in found, found
    assert not any(cause == "hypoxia" for cause, _ in found), found


def test_a_heading_naming_a_condition_is_still_the_sequel_of_an_exposure(extractor):
    found = claims(extractor, "Acute renal failure after cisplatin therapy.")
    assert ("cisplatin therapy", "Acute renal failure") in found, found
