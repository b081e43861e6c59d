"""Ways a conclusion states a relation besides a plain cue verb, and ways it states none: word
senses of "control", listed members of a relation noun, relation nouns on verbs of existence,
evidential verbs, outcome compounds, hedges of tendency, calls for research, adjustment gerunds,
clauses as arguments. The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def pairs(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str, str]]:
    return {(c.cause.text, c.effect.text, c.relation) for c in extractor.extract([sentence])[0]}


def test_control_in_the_singular_is_what_is_controlled_not_a_control_group(extractor):
    found = pairs(extractor, "The inhaler improved asthma control.")
    assert ("The inhaler", "asthma control", "causal") in found
    # the plural names the comparison group, which is who was studied, not an outcome
    assert pairs(extractor, "The inhaler was given to controls.") == set()


def test_an_unsigned_verb_of_change_read_as_an_adjective_in_a_verbless_parse(extractor):
    found = pairs(extractor, "Treatment with pioglitazone improved hepatic insulin sensitivity.")
    assert any(c.endswith("pioglitazone") and e == "hepatic insulin sensitivity" for c, e, _ in found), found
    # an amount before the participle is no subject
    sentence = "The intake of fish oil (2 g/d) for 12 wk improved vascular function and lipid levels."
    found = pairs(extractor, sentence)
    assert found and all("wk" not in c for c, _, _ in found), found


def test_members_listed_by_include_are_the_relation_nouns_arguments(extractor):
    sentence = "Risk factors for lameness in dairy herds include overcrowding and poor drainage."
    found = pairs(extractor, sentence)
    assert ("overcrowding", "lameness in dairy herds", "correlational") in found
    assert ("poor drainage", "lameness in dairy herds", "correlational") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a relation noun whose arguments hang off a verb of existence
        (
            "A strong association exists between canopy cover and soil moisture.",
            ("canopy cover", "soil moisture", "correlational"),
        ),
        # "the relationship of X to Y"
        (
            "We confirmed the inverse relationship of stand density to tree growth.",
            ("stand density", "tree growth", "correlational"),
        ),
        # a group with a high or low rate
        ("Grafted seedlings had a low risk of wilt.", ("Grafted seedlings", "risk of wilt", "correlational")),
    ],
)
def test_associations_stated_by_relation_nouns(extractor, sentence, expected):
    assert expected in pairs(extractor, sentence)


def test_an_evidential_verb_with_a_noun_object_relates_sign_and_outcome(extractor):
    found = pairs(extractor, "Early leaf yellowing indicates an increased risk of root rot.")
    assert ("Early leaf yellowing", "an increased risk of root rot", "correlational") in found
    # the study or analysis that indicates is the source of the evidence, not a variable
    assert pairs(extractor, "This analysis indicated a number of predictors of yield loss.") == set()


def test_a_benefit_is_in_the_outcome_its_noun_modifier_names(extractor):
    found = pairs(extractor, "Early weaning provides a growth benefit to piglets.")
    assert ("Early weaning", "growth", "causal") in found
    # other relation nouns keep their modifiers out of it: a side effect is no effect on "side"
    assert all(e != "side" for _, e, _ in pairs(extractor, "The fungicide had side effects."))


def test_a_tendency_hedges_the_claim(extractor):
    claims = extractor.extract(["Mulching tends to reduce weed emergence."])[0]
    assert claims and all(c.hedged for c in claims)


@pytest.mark.parametrize(
    "sentence",
    [
        "The effect of grazing on nesting success merits further study.",
        "The impact of irrigation timing on grain protein deserves further research.",
    ],
)
def test_a_call_for_research_is_no_claim(extractor, sentence):
    assert pairs(extractor, sentence) == set()


def test_accounting_for_as_a_gerund_adjusts_rather_than_explains(extractor):
    found = pairs(extractor, "After accounting for rainfall, nitrogen was associated with higher yields.")
    assert ("nitrogen", "higher yields", "correlational") in found
    assert all("rainfall" not in e and "rainfall" not in c for c, e, _ in found), found


def test_a_because_clause_gives_no_clause_long_arguments(extractor):
    sentence = "Because the samples were small, the estimates of drought tolerance were imprecise."
    assert pairs(extractor, sentence) == set()


def signed(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str, str | None]]:
    return {(c.cause.text, c.effect.text, c.polarity) for c in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an active verb of linking: its object is the first argument, not its subject
        ("Several surveys have linked air pollution to asthma.", ("air pollution", "asthma", None)),
        # a change noun whose noun modifier is what changed
        ("The trial showed a marked LDL reduction with rosuvastatin.", ("rosuvastatin", "LDL", "-")),
        ("The efficacy of ivermectin against scabies was confirmed.", ("ivermectin", "scabies", None)),
        ("Good drainage is critical for root health.", ("Good drainage", "root health", None)),
        (
            "Whole-grain intake may be favourable for diabetes prevention.",
            ("Whole-grain intake", "diabetes prevention", None),
        ),
        ("Copper sprays were helpful against leaf blight.", ("Copper sprays", "leaf blight", None)),
        ("A rising count is indicative of infection.", ("A rising count", "infection", "+")),
        # coordinated predicative adjectives and coordinated modifiers
        (
            "The vaccine was well tolerated and effective against influenza.",
            ("The vaccine", "influenza", None),
        ),
        (
            "Mulching is a cheap and effective strategy for weed control.",
            ("Mulching", "weed control", None),
        ),
        (
            "The gain in yield translated into higher farm income.",
            ("The gain in yield", "higher farm income", "+"),
        ),
        # a prefix the tokenizer split off by a hyphen keeps the compound verb's sign
        (
            "Insulin down-regulates the expression of the receptor.",
            ("Insulin", "the expression of the receptor", "-"),
        ),
        (
            "Insulin up-regulated the expression of the receptor.",
            ("Insulin", "the expression of the receptor", "+"),
        ),
    ],
)
def test_relations_stated_by_verbs_nouns_and_adjectives(extractor, sentence, expected):
    assert expected in signed(extractor, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a time after "after" is when, not what the change followed
        "We saw an improvement in mood after 6 months.",
        # a subset of the participants is who, not an outcome
        "The efficacy of the vaccine in the older subset was lower.",
    ],
)
def test_times_and_subsets_are_not_arguments(extractor, sentence):
    found = signed(extractor, sentence)
    assert all("months" not in c and "subset" not in e for c, e, _ in found), found


def test_the_object_of_a_causal_verb_with_a_preposition_is_who_is_affected(extractor):
    found = signed(extractor, "Drought may predispose seedlings to fungal infection.")
    assert ("Drought", "fungal infection", "+") in found


def test_a_denied_necessity_is_no_null_finding(extractor):
    assert signed(extractor, "Good drainage is not essential for root health.") == set()
    assert signed(extractor, "Nitrogen was not effective against leaf blight.") == {
        ("Nitrogen", "leaf blight", "0")
    }


@pytest.mark.parametrize(
    ("sentence", "listed", "last"),
    [
        (
            "No association was found between age, sex, smoking and the APOE genotype.",
            ("age", "sex", "smoking"),
            "the APOE genotype",
        ),
        (
            "We found an association between obesity, hypertension and the risk of stroke.",
            ("obesity", "hypertension"),
            "the risk of stroke",
        ),
    ],
)
def test_between_a_list_and_its_last_item_relates_each_item_to_the_last_only(
    extractor, sentence, listed, last
):
    found = {(cause, effect) for cause, effect, _ in pairs(extractor, sentence)}
    assert found == {(item, last) for item in listed}, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Calbindin plays a key role in preventing neuronal death.", ("Calbindin", "neuronal death", "-")),
        ("Leptin may play a role in promoting tumour growth.", ("Leptin", "tumour growth", "+")),
        ("The enzyme is involved in reducing oxidative stress.", ("The enzyme", "oxidative stress", "-")),
        # an unsigned gerund leaves the relation as it was written
        ("Insulin has a role in regulating glucose levels.", ("Insulin", "regulating glucose levels", None)),
    ],
)
def test_a_role_in_a_signed_gerund_relates_the_cause_to_its_object(extractor, sentence, expected):
    found = [(c.cause.text, c.effect.text, c.polarity) for c in extractor.extract([sentence])[0]]
    assert found == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a participle clause after a clause about who was studied continues its object's story
        (
            "Patients developed severe anaemia, resulting from chronic blood loss.",
            ("chronic blood loss", "severe anaemia"),
        ),
        ("Mice developed obesity, leading to insulin resistance.", ("obesity", "insulin resistance")),
        # ... and after a clause about a thing, the subject's
        (
            "The mutation abolished kinase activity, resulting in impaired signalling.",
            ("The mutation", "impaired signalling"),
        ),
    ],
)
def test_the_subject_of_a_participle_clause_after_a_clause_about_a_population(extractor, sentence, expected):
    assert expected in {(c.cause.text, c.effect.text) for c in extractor.extract([sentence])[0]}
