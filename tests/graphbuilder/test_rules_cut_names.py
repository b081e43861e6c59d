"""Whole names where the parse or the tokeniser cut them: a bracket opened inside a name, a coded
name before a head that names nothing alone, a null genotype written as the object. The rules
extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import polarity_readings as claims

from causemap.graphbuilder.extractors.rules_cut_names import name_start


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the tokeniser leaves the bracket opened inside a name on the name's token: no aside
        ("CuSO(4) pretreatment reduced liver injury.", "CuSO(4) pretreatment", "liver injury"),
        ("Alcohol increased IP(3) levels in rats.", "Alcohol", "IP(3) levels"),
        (
            "Ethanol raised intracellular Ca(2+) concentration.",
            "Ethanol",
            "intracellular Ca(2+) concentration",
        ),
    ],
)
def test_a_bracket_opened_inside_a_name_stays_in_the_name(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # the parser hangs "Vitamin Q10" on the verb; "treatment" alone names nothing
        ("Vitamin Q10 treatment ameliorates kidney injury.", ("Vitamin Q10 treatment", "kidney injury")),
        # a coded name tagged as a number
        (
            "Interleukin-99F gene polymorphism in patients with chronic anaemia.",
            ("chronic anaemia", "Interleukin-99F gene polymorphism"),
        ),
    ],
)
def test_a_coded_name_before_a_head_that_names_nothing_alone_is_put_back(extractor, sentence, pair):
    found = claims(extractor, sentence)
    assert pair in found, found


def test_a_span_that_names_a_variable_is_not_widened(extractor):
    doc = extractor.nlp("Q10 blood pressure and Q10 treatment rose.")
    assert name_start(doc, 1, 3, set()) == 1  # "blood pressure" names a variable as it is
    assert name_start(doc, 5, 6, set()) == 4  # "treatment" alone names none: "Q10 treatment"
    assert name_start(doc, 5, 6, {4}) == 5  # a word the argument must leave out stays out


def test_a_null_genotype_read_as_the_object_is_the_gene_changed_downward(extractor):
    # "reduced in Abc1(-/-) cells": Abc1 raises what its loss lowers
    found = claims(extractor, "ROS production was reduced in Abc1(-/-) neutrophils.")
    assert found.get(("Abc1", "ROS production")) == "+", found


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        # a drug's name is written in lower case; its nonproprietary ending says it is a name
        ("The mTOR inhibitor rapamycin reduced tumour growth.", "rapamycin"),
        ("The antibiotic linezolid induced lactic acidosis.", "linezolid"),
        # a common noun after the kind noun is the head of the phrase, not a name beside it
        ("The drug treatment reduced pain.", "The drug treatment"),
    ],
)
def test_a_lower_case_drug_name_after_its_kind_noun_is_the_variable(extractor, sentence, cause):
    found = claims(extractor, sentence)
    assert any(c == cause for c, _ in found), found


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # a written name the parser hung on the verb as a list marker or a symbol, a space before
        # the argument: its premodifier, even where the argument names a variable without it
        ("CuCl(2) pretreatment reduced liver injury in rats.", ("CuCl(2) pretreatment", "liver injury")),
        ("Exercise increased eNOS mRNA expression.", ("Exercise", "eNOS mRNA expression")),
        # ... or cut off as a sentence of its own
        (
            "MnSO(4) pretreatment counteracted cisplatin-induced depletion of GSH.",
            ("MnSO(4) pretreatment", "cisplatin-induced depletion of GSH"),
        ),
        # a bracketed list marker is no name; nor is a code in a phrase set off by a comma
        ("(1) Exercise reduced blood pressure.", ("Exercise", "blood pressure")),
        ("After siRNA transfection, TNF increased IL6 secretion.", ("TNF", "IL6 secretion")),
    ],
)
def test_a_written_name_hung_on_the_verb_is_put_back(extractor, sentence, pair):
    found = claims(extractor, sentence)
    assert pair in found, found
