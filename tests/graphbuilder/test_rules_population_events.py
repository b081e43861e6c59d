"""A participle clause after a clause about who was studied continues what happened to them."""

from __future__ import annotations

from rules_readings import relation_readings as claims


def test_a_coordinated_main_verb_passes_its_object_to_the_participle(extractor):
    # "mice fed X developed Y, resulting from Z": Z gave Y, not the mice
    found = claims(
        extractor, "Mice fed a high-fat diet developed severe steatosis, resulting from hepatic inflammation."
    )
    assert ("hepatic inflammation", "severe steatosis") in found, found
    assert not any(effect.startswith("Mice") for _, effect in found), found


def test_a_single_main_verb_still_passes_its_object(extractor):
    found = claims(extractor, "Patients developed anaemia, resulting from blood loss.")
    assert ("blood loss", "anaemia") in found, found
