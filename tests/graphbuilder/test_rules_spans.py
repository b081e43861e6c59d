"""Argument boundaries (``graphbuilder.extractors.rules_spans``, ``rules_appositions``, ``rules_measures``) on
sentences written for these tests."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def _pairs(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str]]:
    return {(r.cause.text, r.effect.text) for r in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # a definite description names its referent through the name set off after it
        ("The hormone, insulin, lowers blood glucose in patients.", ("insulin", "blood glucose")),
        (
            "The common pathogen, K. pneumoniae, is the leading cause of neonatal sepsis.",
            ("K. pneumoniae", "neonatal sepsis"),
        ),
        # a kind noun says what the name beside it is; the name is the variable
        ("A novel variant (R123W) was associated with obesity.", ("R123W", "obesity")),
        ("The cytokine IL-6 promotes inflammation.", ("IL-6", "inflammation")),
        ("The transcription factor FOXO3 inhibits tumour growth.", ("FOXO3", "tumour growth")),
        (
            "The mutant allele (K57E) was associated with higher ferritin levels.",
            ("K57E", "higher ferritin levels"),
        ),
    ],
)
def test_a_name_beside_a_description_or_a_kind_noun_is_the_argument(extractor, sentence, pair):
    assert pair in _pairs(extractor, sentence)


def test_an_indefinite_apposition_describes_and_is_not_taken_for_the_name(extractor):
    pairs = _pairs(extractor, "Metformin, a biguanide, lowers hepatic glucose output.")
    assert ("Metformin", "hepatic glucose output") in pairs


def test_lower_case_names_set_off_after_a_kind_noun_are_the_arguments(extractor):
    # drug names are written in lower case; without a determiner, the apposition names them
    pairs = _pairs(extractor, "Two kinase inhibitors, imatinib and nilotinib, reduce leukemic cell growth.")
    assert {("imatinib", "leukemic cell growth"), ("nilotinib", "leukemic cell growth")} == pairs


def test_a_bracketed_name_glued_to_a_modifier_is_no_argument_of_its_own(extractor):
    sentence = "Cisplatin leads to epithelial sodium channel (ENaC)-dependent volume retention."
    assert not any(e.startswith("ENaC") for _, e in _pairs(extractor, sentence))


def test_each_name_of_an_apposed_list_is_its_own_argument(extractor):
    pairs = _pairs(extractor, "The cytokines IL-6 and IL-8 promote inflammation.")
    assert {("IL-6", "inflammation"), ("IL-8", "inflammation")} <= pairs


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        # the parenthesis spells out the phrase's initials: an abbreviation, the phrase stays
        (
            "A single nucleotide polymorphism (SNP) in the promoter was associated with asthma.",
            "A single nucleotide polymorphism",
        ),
        # a statistic beside the noun is no name
        ("The deletion (p=0.01) was associated with asthma.", "The deletion"),
    ],
)
def test_an_abbreviation_or_a_statistic_beside_the_noun_is_no_name(extractor, sentence, cause):
    causes = {c for c, _ in _pairs(extractor, sentence)}
    assert cause in causes


def test_a_common_noun_beside_a_kind_noun_is_a_description_not_a_name(extractor):
    # "the drug, a potent inhibitor ...": an indefinite description, the argument stays the drug
    pairs = _pairs(extractor, "Ponatinib, a potent kinase inhibitor, reduced tumour growth.")
    assert ("Ponatinib", "tumour growth") in pairs


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        # measures coordinated before one "of" phrase all measure it: one argument, not a bare
        # "the incidence" and a "severity of psoriasis"
        (
            "Vitamin D reduced the incidence and severity of psoriasis.",
            "the incidence and severity of psoriasis",
        ),
        (
            "Valproate reduced the onset, frequency and severity of migraine attacks.",
            "the onset, frequency and severity of migraine attacks",
        ),
    ],
)
def test_measures_sharing_one_complement_stay_one_argument(extractor, sentence, effect):
    effects = {e for _, e in _pairs(extractor, sentence)}
    assert effects == {effect}


def test_processes_sharing_a_complement_are_still_split(extractor):
    # "invasion" and "survival" are processes of their own, not measures of the cells
    effects = {
        e for _, e in _pairs(extractor, "Cortisol promotes invasion and survival of breast cancer cells.")
    }
    assert len(effects) == 2


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        # the parser hangs the "to" phrase on the verb ("increase X to 50%"); it completes the noun
        ("Obesity increases susceptibility to infection.", "susceptibility to infection"),
        (
            "Mutant KRAS increased resistance to cetuximab in colorectal cancer cells.",
            "resistance to cetuximab",
        ),
        # "to" read as an infinitive marker and the disease's adjective as its verb
        (
            "A common variant in the promoter is associated with susceptibility to rheumatoid arthritis.",
            "susceptibility to rheumatoid arthritis",
        ),
    ],
)
def test_a_to_complement_completes_its_noun(extractor, sentence, effect):
    assert effect in {e for _, e in _pairs(extractor, sentence)}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # what varies is the property towards the drug, not the drug
        (
            "Strain K2 is more susceptible to ampicillin than strain K1.",
            ("Strain K2", "susceptible to ampicillin"),
        ),
        ("The mutant remained susceptible to penicillin.", ("The mutant", "susceptible to penicillin")),
        # a disease one is prone to is itself the variable
        ("Smokers are prone to bronchitis.", ("Smokers", "bronchitis")),
    ],
)
def test_a_property_adjective_names_the_property_not_its_object(extractor, sentence, pair):
    assert pair in _pairs(extractor, sentence)
