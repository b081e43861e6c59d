"""A name set after its kind noun inside a frame is the variable, with the frame's direction: the
rules extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

from rules_readings import polarity_readings as claims


def test_a_name_after_its_kind_noun_in_a_change_frame_is_the_variable_with_the_changes_direction(extractor):
    # "inhibition of the kinase ABC1 reduced growth": ABC1 raises growth, and "kinase" is no part of it
    found = claims(extractor, "Tumour growth was reduced by inhibition of the kinase ABC1.")
    assert found.get(("ABC1", "Tumour growth")) == "+", found


def test_a_frame_that_is_no_measure_change_or_exposure_keeps_the_whole_phrase(extractor):
    found = claims(extractor, "The discovery of the kinase ABC1 increased interest in tumour growth.")
    assert not any(cause == "ABC1" for cause, _ in found), found


def test_a_family_members_letter_after_the_kind_noun_keeps_the_kind_noun_in_the_name(extractor):
    # "liver kinase B1": "B1" names a member of the kinase family only with its kind noun
    found = claims(extractor, "Deletion of the liver kinase B1 increases angiogenesis.")
    assert not any(cause == "B1" for cause, _ in found), found
