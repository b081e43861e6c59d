"""Relations stated through the group in which something was seen, what a group came to have, and
names packed into hyphenated modifiers; and their look-alikes that state none. The rules extractor on
sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import relation_readings as claims

ASSOCIATION, SEQUEL = ("correlational", None), ("causal", None)


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "reading"),
    [
        # a verb of finding or occurrence whose setting is a group defined by an exposure or condition
        (
            "Deletions in PAX6 were detected in nine families with aniridia.",
            "aniridia",
            "Deletions in PAX6",
            ASSOCIATION,
        ),
        ("Tremor occurred in six patients receiving lithium.", "lithium", "Tremor", ASSOCIATION),
        (
            "We saw low-grade fever in 30% of children receiving the vaccine.",
            "the vaccine",
            "low-grade fever",
            ASSOCIATION,
        ),
        # a heading naming a condition after an exposure
        (
            "Interstitial nephritis after rifampicin therapy.",
            "rifampicin therapy",
            "Interstitial nephritis",
            SEQUEL,
        ),
        (
            "Acute dystonia following metoclopramide administration",
            "metoclopramide administration",
            "Acute dystonia",
            SEQUEL,
        ),
    ],
)
def test_a_condition_in_a_defined_group_or_after_an_exposure_goes_with_it(
    extractor, sentence, cause, effect, reading
):
    found = claims(extractor, sentence)
    assert found.get((cause, effect)) == reading, found


@pytest.mark.parametrize(
    "sentence",
    [
        "No deletions were detected in families with aniridia.",  # nothing found: no association
        "Tremor did not occur in patients receiving lithium.",
        "Blood samples were collected in patients with aniridia.",  # a procedure, not a finding
        "Tremor occurred in six patients.",  # a group that nothing defines
    ],
)
def test_a_denied_finding_or_a_procedure_in_a_group_states_no_association(extractor, sentence):
    assert not [k for k, v in claims(extractor, sentence).items() if v[1] != "0"], sentence


def test_a_measure_said_to_be_the_same_in_the_group_is_a_null_finding(extractor):
    found = claims(
        extractor, "Bone density in women with coeliac disease was comparable to that of controls."
    )
    assert found and all(polarity == "0" for _, polarity in found.values()), found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        (
            "Two dogs developed pancreatitis after treatment with azathioprine.",
            "treatment with azathioprine",
            "pancreatitis",
        ),
        (
            "Several patients acquired pneumonia during mechanical ventilation.",
            "mechanical ventilation",
            "pneumonia",
        ),
    ],
)
def test_a_condition_a_group_developed_after_an_exposure_is_its_effect(extractor, sentence, cause, effect):
    assert claims(extractor, sentence).get((cause, effect)) == ("causal", "+")


@pytest.mark.parametrize(
    "sentence",
    [
        "We developed a scoring tool for pancreatitis after surgery.",  # creating, not falling ill
        "Two dogs developed pancreatitis after 4 weeks.",  # a time is no exposure
        "No patient developed pneumonia during ventilation.",  # nothing followed
    ],
)
def test_developing_something_that_follows_no_exposure_states_no_effect(extractor, sentence):
    assert not [k for k, v in claims(extractor, sentence).items() if v[1] == "+"], sentence


def test_a_group_noun_with_nothing_that_sets_it_apart_is_no_compared_variable(extractor):
    assert claims(extractor, "The patients showed higher rates of relapse.") == {}
    # a noun of age or sex, or a modifier, is what the comparison is about
    found = claims(extractor, "Women showed higher rates of relapse.")
    assert found.get(("Women", "rates of relapse")) == ("correlational", "+"), found


def test_a_group_modifier_hung_on_the_predicate_still_defines_the_group(extractor):
    # "with asthma" right after "adults", whichever word the parser hangs it on
    found = claims(extractor, "Serum levels of magnesium were lower in adults with asthma.")
    assert ("asthma", "Serum levels of magnesium") in found, found


def test_a_degree_word_scales_the_direction_of_a_downward_comparison(extractor):
    # "more limited" is less of the thing: a negative association
    found = claims(extractor, "Smokers had a more limited exercise capacity.")
    assert found.get(("Smokers", "exercise capacity")) == ("correlational", "-"), found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        ("Ciprofloxacin-associated tendinopathy is rare.", "Ciprofloxacin", "tendinopathy"),
        ("Ventilator-associated pneumonia is preventable.", "Ventilator", "pneumonia"),
    ],
)
def test_an_associated_modifier_relates_its_word_to_the_noun(extractor, sentence, cause, effect):
    assert claims(extractor, sentence).get((cause, effect)) == ("correlational", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Actin-associated protein levels were measured in the cortex.",  # a name of a kind of protein
        "Work-related quality of life was assessed.",  # "-related" classifies
        "Weight-related interventions were popular.",
        "Interferon-induced protein 10 was elevated.",
    ],
)
def test_a_hyphenated_modifier_of_a_class_noun_names_a_kind(extractor, sentence):
    found = claims(extractor, sentence)
    assert not [k for k in found if k[0] in ("Actin", "Work", "Weight", "Interferon")], found


def test_a_counted_subject_contains_what_it_includes(extractor):
    assert claims(extractor, "Forty percent of the isolates contained the integron.") == {}
    assert claims(extractor, "12 of the wells contained the inhibitor.") == {}


def test_a_noun_compound_in_ing_is_no_verb_of_signalling(extractor):
    found = claims(extractor, "Metformin activated AMPK signalling and lowered hepatic glucose output.")
    assert found.get(("Metformin", "hepatic glucose output")) == ("causal", "-"), found


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        # parsed as "Ablation of [X reduced Y]": the name after the "of" belongs to the subject
        ("Ablation of NLRP3 reduced neuronal loss.", "Ablation of NLRP3"),
        # a gerund with its "of" opening a verbless parse is the subject
        ("Silencing of KRAS suppressed migration of pancreatic cancer cells.", "Silencing of KRAS"),
    ],
)
def test_a_loss_of_function_subject_the_parser_split_keeps_its_name(extractor, sentence, cause):
    found = claims(extractor, sentence)
    assert any(c == cause and polarity == "-" for (c, _), (_, polarity) in found.items()), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Interstitial nephritis after 6 weeks.",  # a time is no exposure
        "Patients after rifampicin therapy.",  # who, not a condition
        "Nephritis developed in a patient after rifampicin therapy.",  # a clause: the heading rule is out
    ],
)
def test_a_heading_with_a_time_or_a_group_or_a_verb_is_no_titled_sequel(extractor, sentence):
    assert not [k for k in claims(extractor, sentence) if k[1] in ("Interstitial nephritis", "Patients")]


def test_a_gene_or_allele_of_susceptibility_is_associated_with_its_condition(extractor):
    found = claims(extractor, "PTPN22 is a susceptibility locus for type 1 diabetes.")
    assert found.get(("PTPN22", "type 1 diabetes")) == ("correlational", None), found
    # without a word of risk the noun only names a gene
    assert claims(extractor, "PTPN22 is a gene for a phosphatase.") == {}


def test_a_setting_of_another_cues_outcome_is_who_was_studied(extractor):
    # the women with obesity are the trial's population, not an association of obesity with waist size
    found = claims(extractor, "Acupuncture reduced waist circumference in women with obesity.")
    assert ("Acupuncture", "waist circumference") in found
    assert not [k for k in found if k[0] == "obesity"], found
    # a second "in" after a cue's own preposition is a setting too, not a second effect
    found = claims(extractor, "Rest resulted in faster recovery than massage in runners with tendinitis.")
    assert not [k for k in found if k[1] in ("tendinitis", "runners")], found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect", "polarity"),
    [
        ("Etoricoxib is a highly selective COX-2 inhibitor.", "Etoricoxib", "COX-2", "-"),
        ("Rosiglitazone, a PPAR-gamma agonist, lowered glucose.", "Rosiglitazone", "PPAR-gamma", "+"),
        # parsed flat, the target and the agent noun both compounds of the name
        ("The ALK inhibitor crizotinib shrank the tumours.", "crizotinib", "ALK", "-"),
    ],
)
def test_an_agent_noun_acts_on_what_its_modifier_names(extractor, sentence, cause, effect, polarity):
    assert claims(extractor, sentence).get((cause, effect)) == ("causal", polarity)


def test_an_agent_noun_without_a_named_target_or_holder_relates_nothing(extractor):
    assert claims(extractor, "Most patients took a Selective inhibitor.") == {}
    assert claims(extractor, "Proton pump inhibitors were prescribed at discharge.") == {}


def test_a_passive_clause_explained_by_a_connective_names_no_variable(extractor):
    # what was done ("the drug was withdrawn") is a decision, not a variable
    assert claims(extractor, "Valproate was discontinued because of hyperammonaemia.") == {}
    # a subject that changed is one
    found = claims(extractor, "Admissions rose because of the influenza epidemic.")
    assert ("the influenza epidemic", "Admissions") in found, found


def test_a_present_tense_cue_tagged_as_a_plural_noun_in_a_verbless_parse(extractor):
    # read as one noun phrase by the small parser; the downward head keeps its name and sign
    found = claims(extractor, "The absence of p21 promotes genomic instability.")
    assert found.get(("The absence of p21", "genomic instability")) == ("causal", "+"), found
    # plural nouns of the lexicon stay nouns
    assert claims(extractor, "The causes of death were recorded.") == {}


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # a treatment of a condition lessens it
        (
            "Dapsone is an effective treatment for dermatitis herpetiformis.",
            "Dapsone",
            "dermatitis herpetiformis",
        ),
        ("Cryotherapy is the treatment of choice for actinic keratosis.", "Cryotherapy", "actinic keratosis"),
        (
            "Colchicine is used in the treatment of familial Mediterranean fever.",
            "Colchicine",
            "familial Mediterranean fever",
        ),
    ],
)
def test_a_treatment_for_a_condition_reduces_it(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert found.get((cause, effect)) == ("causal", "-"), found
    assert not [k for k in found if k[1] == "choice"], found


def test_a_suspended_hyphen_gives_each_cause_its_claim(extractor):
    found = claims(extractor, "Gentamicin- and vancomycin-induced nephrotoxicity was compared.")
    assert found.get(("Gentamicin", "nephrotoxicity")) == ("causal", "+"), found
    assert found.get(("vancomycin", "nephrotoxicity")) == ("causal", "+"), found
