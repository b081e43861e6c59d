"""Groups defined by a genotype, whose change composes with the cue's sign, and denials of a whole
coordination or of the evidence for a claim. The rules extractor on invented sentences, with the
real spaCy pipeline, through the verification every extractor's claims pass."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.evaluation_pairs import variable_polarity
from causemap.graphbuilder.extractors.base import extract_candidates
from causemap.graphbuilder.extractors.rules import RulesExtractor


def readings(extractor: RulesExtractor, sentence: str) -> list[tuple[str, str, str | None, bool]]:
    """(cause, effect, sign between the variables named, negated) of each verified claim."""
    found, _ = extract_candidates(extractor, extractor, [sentence])
    return sorted(
        (c.cause.text, c.effect.text, variable_polarity(c.cause.text, c.effect.text, c.polarity), c.negated)
        for c in found[0]
    )


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "sign"),
    [
        # less of the gene, less of the effect's harm: the gene raises it
        ("Nrf7-deficient mice were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "+"),
        ("Mice lacking Nrf7 were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "+"),
        ("Mice deficient in Nrf7 were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "+"),
        ("Nrf7-/- mice were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "+"),
        ("Nrf7(-/-) mice were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "+"),
        # less of the gene, more of the effect: the gene lowers it
        ("Nrf7-null mice developed renal fibrosis.", "Nrf7", "renal fibrosis", "-"),
        ("Nrf7-knockout mice developed renal fibrosis.", "Nrf7", "renal fibrosis", "-"),
        # more of the gene: the sign as the cue gives it
        ("Mice overexpressing Nrf7 were protected from renal fibrosis.", "Nrf7", "renal fibrosis", "-"),
        # a diet defined by what it lacks
        ("An iodine-deficient diet caused goitre in rats.", "iodine", "goitre", "-"),
    ],
)
def test_a_genotype_names_the_gene_and_reverses_a_loss(extractor, sentence, cause, effect, sign):
    found = readings(extractor, sentence)
    assert (cause, effect, sign, False) in found, found


def test_a_group_without_a_genotype_is_still_its_definer(extractor):
    # "patients without X" is X, changed downward: fewer with X, lower Y means X raises Y
    found = readings(extractor, "Patients without anaemia had lower fatigue scores.")
    assert any(cause == "anaemia" and sign == "+" for cause, _, sign, _ in found), found


def test_a_word_without_a_name_before_it_is_no_genotype(extractor):
    # "the deleted region" names no gene; nothing is reversed
    found = readings(extractor, "The deleted region increased splicing errors.")
    assert all(sign != "-" for *_, sign, _ in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither caffeine nor nicotine was associated with tremor.",
        "The drug affected neither bone density nor grip strength.",
        # the evidence for the claim is denied, in an inverted clause, by a negator before it, or
        # by a denying predicate
        "Neither was there evidence that the programme reduced absenteeism.",
        "There was insufficient evidence that melatonin reduced sleep latency.",
        "Evidence that the programme reduced absenteeism was lacking.",
        "Evidence that aspirin reduces migraine remains inconclusive.",
    ],
)
def test_denied_coordinations_and_denied_evidence_are_nulls(extractor, sentence):
    found = readings(extractor, sentence)
    assert found, sentence
    assert all(negated and sign == "0" for *_, sign, negated in found), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Caffeine and nicotine were associated with tremor.",
        "There was evidence that the programme reduced absenteeism.",
    ],
)
def test_without_a_denial_the_claim_stands(extractor, sentence):
    found = readings(extractor, sentence)
    assert all(not negated for *_, negated in found), found


def pairs(extractor: RulesExtractor, sentence: str) -> list[tuple[str, str]]:
    return [(cause, effect) for cause, effect, *_ in readings(extractor, sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        # how often a condition is among those with another, in one group: a prevalence
        "Migraine was found in 40% of patients with lupus.",
        "Migraine was observed in all nine families with lupus.",
    ],
)
def test_a_prevalence_in_one_group_is_no_association(extractor, sentence):
    assert pairs(extractor, sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # unquantified: the condition characterises the group
        ("Iron deposits were found in patients with lupus.", ("lupus", "Iron deposits")),
        # an event among those given an exposure follows it, counted or not
        ("Rash was observed in 20% of children receiving the vaccine.", ("the vaccine", "Rash")),
        # a variant found in patients is how genetic association is reported
        ("Mutations in KLF9 were identified in seven patients with lupus.", ("lupus", "Mutations in KLF9")),
    ],
)
def test_other_settings_still_state_an_association(extractor, sentence, expected):
    assert expected in pairs(extractor, sentence), pairs(extractor, sentence)


def test_a_sample_setting_is_no_part_of_the_variable(extractor):
    found = pairs(extractor, "Quercetin induced apoptosis in HeLa cells.")
    assert ("Quercetin", "apoptosis") in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "HeLa cells were stimulated with quercetin before imaging.",
        "Hippocampal slices treated with quercetin were imaged.",
    ],
)
def test_a_sample_given_a_substance_is_a_procedure(extractor, sentence):
    assert pairs(extractor, sentence) == []


def test_a_sample_is_named_by_what_defines_it(extractor):
    found = pairs(extractor, "Caspase activity was reduced in HeLa cells treated with quercetin.")
    assert ("quercetin", "Caspase activity") in found, found


def test_a_denial_of_evidence_ends_with_its_clause(extractor):
    # the second clause compares, unaffected by the first clause's "no evidence"
    found = readings(
        extractor,
        "There was no evidence for the drug reducing pain; moreover, fatigue was significantly higher "
        "in the drug group than in the control group.",
    )
    assert ("the drug", "pain", "0", True) in found, found
    assert any(effect == "fatigue" and not negated for _, effect, _, negated in found), found


def test_a_correlative_is_no_part_of_the_first_member(extractor):
    found = readings(extractor, "Neither caffeine nor nicotine was associated with tremor.")
    assert {cause for cause, *_ in found} == {"caffeine", "nicotine"}, found


@pytest.mark.parametrize(
    "sentence",
    [
        # the protein-level change is the same variant read through the genetic code, no effect of it
        "The c.418G>A mutation results in a substitution of lysine for glutamic acid at codon 140.",
        "A C-to-T transition results in a change from arginine to cysteine.",
        # the variant and its protein change named in apposition, or parsed "X [to Y substitution]"
        "The mutation, C417T, leads to amino acid substitution (R124C) in the protein.",
        "The A467T mutation produces a threonine to alanine substitution in exon 7.",
        # the protein change written before its code ("the substitution p.R962T")
        "One sporadic tumour showed the mutation g.1024C>T in exon 9 of PTEN, which predicts the "
        "substitution p.R342W in the C2 domain.",
        # a gene or locus is where a variant lies, not its cause
        "The PSA gene contains a G/A substitution in the androgen response element.",
        "Two affected boys carried a homozygous mutation in exon 4 of the GNPTG locus that led to a "
        "Gly204Stop mutation.",
    ],
)
def test_a_variant_restated_at_the_protein_level_gives_no_claim(extractor, sentence):
    assert readings(extractor, sentence) == []


def test_what_a_variant_does_stays_a_claim(extractor):
    found = readings(
        extractor, "The G1681A mutation led to an Ala467Thr substitution and caused ophthalmoplegia."
    )
    assert [(c, e) for c, e, _, _ in found] == [("The G1681A mutation", "ophthalmoplegia")]
    # what a gene's loss brings about, even mutations elsewhere, is a claim too
    found = readings(extractor, "Loss of the MLH1 gene leads to mutations in coding repeats.")
    assert [(c, e) for c, e, _, _ in found] == [("Loss of the MLH1 gene", "mutations in coding repeats")]
