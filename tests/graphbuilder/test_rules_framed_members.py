"""Members listed beside the complement of a measure, and listed subjects whose items carry their
abbreviations: the rules extractor on sentences written for these tests, with the real spaCy
pipeline."""

from __future__ import annotations

import pytest
from rules_readings import polarity_readings as claims


@pytest.mark.parametrize(
    ("sentence", "cause", "effects", "sign"),
    [
        # a bracketed list after the kind noun the measure takes as its complement
        (
            "Curcumin decreased serum levels of inflammatory cytokines (IL-6, TNF-alpha and IL-1beta).",
            "Curcumin",
            ("IL-6", "TNF-alpha", "IL-1beta"),
            "-",
        ),
        (
            "Ethanol increased the activity of hepatic enzymes (ALT, AST and GGT).",
            "Ethanol",
            ("ALT", "AST", "GGT"),
            "+",
        ),
        # the names right after the kind noun, no brackets
        ("Curcumin reduced the levels of the cytokines IL-6 and TNF.", "Curcumin", ("IL-6", "TNF"), "-"),
        # the frame's direction is each member's: "a reduction in" with a cue of no direction
        (
            "Smoking caused a decrease in the activity of the antioxidant enzymes (SOD, catalase and GPx).",
            "Smoking",
            ("SOD", "catalase", "GPx"),
            "-",
        ),
    ],
)
def test_each_member_beside_a_measured_kind_noun_is_an_effect(extractor, sentence, cause, effects, sign):
    found = claims(extractor, sentence)
    for effect in effects:
        assert found.get((cause, effect)) == sign, (effect, found)


def test_a_measured_kind_noun_with_figures_beside_it_stays_whole(extractor):
    # "(p < 0.05, n = 12)" is a statistic, no list of members
    found = claims(extractor, "Statins reduced the levels of several markers (p < 0.05, n = 12).")
    assert ("Statins", "the levels of several markers") in found, found
    assert not any(effect in ("p", "n", "0.05", "12") for _, effect in found), found


def test_a_measured_noun_with_no_kind_noun_keeps_its_complement(extractor):
    # "genes involved in lipid oxidation" names no members: the measured phrase is the effect
    found = claims(extractor, "Exercise increased the expression of genes involved in lipid oxidation.")
    assert ("Exercise", "the expression of genes involved in lipid oxidation") in found, found


@pytest.mark.parametrize(
    ("sentence", "causes", "effect"),
    [
        # each item of a listed subject carries its abbreviation in brackets
        (
            "Tumour necrosis factor (TNF), interleukin-6 (IL-6) and CRP increased frailty.",
            ("Tumour necrosis factor (TNF)", "interleukin-6 (IL-6)", "CRP"),
            "frailty",
        ),
        (
            "Blood urea nitrogen (BUN), serum creatinine (SCr) and cystatin C were linked to mortality.",
            ("Blood urea nitrogen (BUN)", "serum creatinine (SCr)", "cystatin C"),
            "mortality",
        ),
    ],
)
def test_listed_subjects_with_abbreviations_are_each_a_cause(extractor, sentence, causes, effect):
    found = claims(extractor, sentence)
    for cause in causes:
        assert (cause, effect) in found, (cause, found)


def test_a_statistic_in_brackets_is_no_part_of_a_listed_subject(extractor):
    # "(r = 0.4, p < 0.01)" is an aside of figures: the list is not read back over it
    found = claims(extractor, "Age (r = 0.4, p < 0.01) and BMI were associated with frailty.")
    assert not any("r =" in cause or cause.startswith("p") for cause, _ in found), found


@pytest.mark.parametrize(
    ("sentence", "cause", "effects"),
    [
        # an item opening with a participle that modifies its noun is still an item of the list
        (
            "The toxin caused severe proteinuria, hypoalbuminemia, decreased urinary sodium excretion, "
            "and extensive ascites.",
            "The toxin",
            (
                "severe proteinuria",
                "hypoalbuminemia",
                "decreased urinary sodium excretion",
                "extensive ascites",
            ),
        ),
        # figures in brackets after each item are said of it, no part of its name
        (
            "The diet reduced atherosclerosis (-41%), subcutaneous fat mass (-44%), and cholesterol "
            "levels (-35%).",
            "The diet",
            ("atherosclerosis", "subcutaneous fat mass", "cholesterol levels"),
        ),
        # the first item's acronym in brackets is part of its name, and the list goes on after it
        (
            "Isoproterenol increased serum lactate dehydrogenase (LDH), creatine kinase, aspartate "
            "transaminase and total cholesterol.",
            "Isoproterenol",
            (
                "serum lactate dehydrogenase (LDH)",
                "creatine kinase",
                "aspartate transaminase",
                "total cholesterol",
            ),
        ),
    ],
)
def test_list_items_with_participles_and_asides_are_each_an_effect(extractor, sentence, cause, effects):
    found = claims(extractor, sentence)
    for effect in effects:
        assert (cause, effect) in found, (effect, found)


def test_a_participle_after_the_coordinator_of_a_list_of_objects_is_no_item(extractor):
    # "and decreased lipolysis" may be a second verb: not read as an item raised by "increased"
    found = claims(extractor, "Insulin increased glycogen synthesis, lipogenesis, and decreased lipolysis.")
    assert ("Insulin", "lipogenesis") in found, found
    assert found.get(("Insulin", "lipolysis")) != "+", found
    assert ("Insulin", "decreased lipolysis") not in found, found
