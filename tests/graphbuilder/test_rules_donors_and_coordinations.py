"""Where a relation holds is not what it relates: a counted group, a sample set apart only by its
donor; a group named by the noun before it; and the shared subject of coordinated verbs. The rules
extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def pairs(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str]]:
    return {(c.cause.text, c.effect.text) for c in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "setting"),
    [
        # a counted group is who it happened to, not a second effect
        (
            "Myocarditis occurs in many infected adults, resulting in heart failure in up to 5% of patients.",
            "patients",
        ),
        # a sample only its donor sets apart is where the change was measured
        ("Elevated levels of BMP4 were detected in the patient's cells.", "cells"),
        ("Reduced levels of the kinase were observed in patient-derived fibroblasts.", "fibroblasts"),
        # a group that only who or which study it is sets apart names nothing
        ("The drug was associated with our patient cohort.", "cohort"),
        ("Treatment with the drug resulted in study patients.", "patients"),
        # a part of who was studied, treated with something, is a sample given it: a procedure
        ("GABA content of mice hippocampus treated with GFC75 showed an increase.", "hippocampus"),
    ],
)
def test_a_setting_is_no_argument(extractor, sentence, setting):
    found = pairs(extractor, sentence)
    assert not any(setting in cause or setting in effect for cause, effect in found), found


def test_a_named_sample_still_compares(extractor):
    # "HeLa cells" names a line; its donor words are absent, so it stays what the sentence compares
    found = pairs(extractor, "Elevated levels of BMP4 were detected in HeLa cells.")
    assert any("HeLa" in cause for cause, _ in found), found


def test_a_group_named_by_the_noun_before_it_is_that_noun(extractor):
    found = pairs(extractor, "Tg mice developed cardiac dilation.")
    assert ("Tg", "cardiac dilation") in found, found


def test_coordinated_verbs_share_the_first_verbs_subject(extractor):
    sentence = "Salidroside decreases the release of inflammatory cytokines and inhibits the MAPK pathway."
    found = pairs(extractor, sentence)
    assert not any(cause == "inflammatory cytokines" for cause, _ in found), found
    assert any(cause == "Salidroside" and "MAPK" in effect for cause, effect in found), found
