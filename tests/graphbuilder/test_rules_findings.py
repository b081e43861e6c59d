"""A variant found in a group defined by a condition states the gene's association with it, also
when the group comes first ("In two families with Y, we found mutations in X") or the variant is
written by its code; nothing else found after a fronted group does, nor a denied finding. A variant
named by its code in apposition keeps its gene. Invented sentences, the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims


@pytest.mark.parametrize(
    ("sentence", "condition", "variant"),
    [
        (
            "In a girl with severe epilepsy, we identified a de novo mutation in SCN2A.",
            "severe epilepsy",
            "a de novo mutation in SCN2A",
        ),
        (
            "In a patient with Marfan syndrome, we identified a novel mutation in FBN1.",
            "Marfan syndrome",
            "a novel mutation in FBN1",
        ),
        (
            "In two families with long QT syndrome, we found mutations in KCNH2.",
            "long QT syndrome",
            "mutations in KCNH2",
        ),
    ],
)
def test_a_group_set_before_a_variant_it_was_found_in_is_its_setting(extractor, sentence, condition, variant):
    assert claims(extractor, sentence)[(condition, variant)] == ("correlational", None)


def test_a_variant_written_by_its_code_is_what_was_found(extractor):
    # the parse hangs the code's first piece apart from its noun; the tagger calls the condition
    # an adjective, though it is the object of "with"
    found = claims(
        extractor, "The c.1234G>A variant in TTN was found in 3 affected members with cardiomyopathy."
    )
    assert found[("cardiomyopathy", "The c.1234G>A variant in TTN")] == ("correlational", None)


@pytest.mark.parametrize(
    "sentence",
    [
        # what is found after a fronted group is no variant: no feature of those with the condition
        "In patients with diabetes, we found a correlation between insulin and weight.",
        "In patients with diabetes, we identified three subgroups.",
        # nothing found, or the finding denied
        "In patients with epilepsy, we sequenced SCN1A.",
        "In patients with epilepsy, no mutations in SCN1A were found.",
        "In patients with epilepsy, we found no mutation in SCN1A.",
        "In patients with epilepsy, we did not find mutations in SCN1A.",
        # a group that is only compared with, or a time
        "In contrast to patients with epilepsy, we found mutations in SCN1A.",
        "In 2005, we identified a mutation in SCN1A.",
    ],
)
def test_nothing_but_a_variant_found_after_a_fronted_group_goes_with_its_condition(extractor, sentence):
    found = claims(extractor, sentence)
    assert not any(
        effect in ("diabetes", "epilepsy") or cause in ("diabetes", "epilepsy") for cause, effect in found
    ), found


def test_a_gene_not_mutated_in_a_group_is_a_null(extractor):
    assert (
        claims(extractor, "SCN1A was not mutated in patients with epilepsy.")[("epilepsy", "SCN1A")][1] == "0"
    )


@pytest.mark.parametrize(
    ("sentence", "code", "gene", "condition"),
    [
        ("A novel mutation (R75W) in GJB2 causes deafness.", "R75W", "GJB2", "deafness"),
        (
            "A novel GJB2 mutation (R75W) was identified in patients with deafness.",
            "R75W",
            "GJB2",
            "deafness",
        ),
        ("Deafness due to a novel mutation, R75W, in the GJB2 gene.", "R75W", "GJB2", "Deafness"),
    ],
)
def test_a_variant_named_by_its_code_in_apposition_keeps_its_gene(extractor, sentence, code, gene, condition):
    found = {frozenset(pair): reading for pair, reading in claims(extractor, sentence).items()}
    assert frozenset((code, condition)) in found
    assert found[frozenset((gene, condition))][1] is None  # the gene's claim is unsigned


def test_a_code_in_apposition_to_no_variant_noun_names_no_gene(extractor):
    # the code stands beside "protein", no variant noun: the name before it is no variant's gene
    found = claims(extractor, "The GJB2 protein (R75W) reduced hearing thresholds.")
    assert ("R75W", "hearing thresholds") in found
    assert ("GJB2", "hearing thresholds") not in found
