"""Claims stated on the side of a sentence: relative clauses on a noun (restrictive, on a copula's
complement, or set off by commas inside an aim or a method) and examples listed on the complement
of a measure or risk noun. The rules extractor on invented sentences, with the real spaCy pipeline."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.extractors.rules import RulesExtractor


def signed(extractor: RulesExtractor, sentence: str) -> set[tuple[str, str, str | None]]:
    return {(c.cause.text, c.effect.text, c.polarity) for c in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Statins are drugs that reduce cholesterol.", ("Statins", "cholesterol", "-")),
        ("TNF is a cytokine that promotes inflammation.", ("TNF", "inflammation", "+")),
        ("Insulin is the hormone that reduces blood glucose.", ("Insulin", "blood glucose", "-")),
    ],
)
def test_a_relative_clause_on_a_copulas_complement_is_said_of_the_subject(extractor, sentence, expected):
    found = signed(extractor, sentence)
    assert expected in found, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We studied metformin, which reduces hepatic glucose output.",
            ("metformin", "hepatic glucose output"),
        ),
        (
            "We examined whether aspirin, which inhibits platelet aggregation, reduces mortality.",
            ("aspirin", "platelet aggregation"),
        ),
    ],
)
def test_a_relative_clause_set_off_by_commas_is_asserted_inside_an_aim(extractor, sentence, expected):
    found = {(c, e) for c, e, _ in signed(extractor, sentence)}
    assert found == {expected}, found  # the aim's own question ("reduces mortality") stays unasked


@pytest.mark.parametrize(
    "sentence",
    ["Statins are drugs that lower cholesterol.", "Statins, which lower cholesterol, reduce heart attacks."],
)
def test_a_cue_verb_tagged_as_an_adjective_in_a_relative_clause_is_read_as_the_verb(extractor, sentence):
    # "lower" after a relative pronoun, with an object, is the verb, not the adjective "low"
    assert ("Statins", "cholesterol", "-") in signed(extractor, sentence)


def test_a_restrictive_relative_clause_stays_under_the_aim(extractor):
    # which drugs is what the aim asks about: no claim that they do
    assert signed(extractor, "We investigated whether there are genes that cause deafness.") == set()
    assert signed(extractor, "We examined the drugs that reduce cholesterol.") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Smoking increases the risk of cancers such as lung cancer and bladder cancer.",
            {("Smoking", "lung cancer", "+"), ("Smoking", "bladder cancer", "+")},
        ),
        (
            "Aspirin reduces the levels of cytokines such as IL-6 and TNF.",
            {("Aspirin", "IL-6", "-"), ("Aspirin", "TNF", "-")},
        ),
        (
            "Obesity increases the incidence of diseases including diabetes, hypertension and gout.",
            {("Obesity", "diabetes", "+"), ("Obesity", "hypertension", "+"), ("Obesity", "gout", "+")},
        ),
    ],
)
def test_examples_on_the_complement_of_a_risk_noun_are_one_claim_each(extractor, sentence, expected):
    assert signed(extractor, sentence) == expected


def test_examples_of_a_cause_are_one_claim_each(extractor):
    found = signed(extractor, "Drugs including aspirin, ibuprofen and naproxen cause gastric bleeding.")
    assert {c for c, _, _ in found} >= {"aspirin", "ibuprofen", "naproxen"}, found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Seizures were common in patients with Dravet syndrome.", ("Dravet syndrome", "Seizures")),
        ("Hearing loss was frequent among patients with Usher syndrome.", ("Usher syndrome", "Hearing loss")),
        (
            "Anemia was very common in patients with chronic kidney disease.",
            ("chronic kidney disease", "Anemia"),
        ),
    ],
)
def test_an_outcome_said_to_be_common_in_a_group_goes_with_what_defines_it(extractor, sentence, expected):
    found = {(c.cause.text, c.effect.text, c.relation) for c in extractor.extract([sentence])[0]}
    assert found == {(*expected, "correlational")}, found


def test_an_occurrence_adjective_denied_or_counted_is_no_association(extractor):
    assert signed(extractor, "Seizures were not common in patients with Dravet syndrome.") == set()
    assert signed(extractor, "Anemia was present in 30% of patients with chronic kidney disease.") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We report a patient with Dravet syndrome carrying a novel SCN1A mutation.",
            ("Dravet syndrome", "a novel SCN1A mutation"),
        ),
        (
            "Patients with Gaucher disease carrying the N370S mutation had milder disease.",
            ("Gaucher disease", "the N370S mutation"),
        ),
    ],
)
def test_what_a_group_with_a_condition_is_said_to_carry_goes_with_the_condition(
    extractor, sentence, expected
):
    found = {(c.cause.text, c.effect.text, c.relation) for c in extractor.extract([sentence])[0]}
    assert (*expected, "correlational") in found, found


def test_a_carrying_participle_on_no_group_relates_nothing(extractor):
    assert signed(extractor, "We sequenced the plasmid carrying the insert.") == set()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mutations in SCN1A cause Dravet syndrome.", ("Mutations in SCN1A", "Dravet syndrome", "+")),
        ("Mutations in MECP2 cause Rett syndrome.", ("Mutations in MECP2", "Rett syndrome", "+")),
    ],
)
def test_a_plural_subjects_verb_read_into_a_name_is_the_verb(extractor, sentence, expected):
    # the parser reads "SCN1A cause Dravet syndrome" as one name and the sentence as one noun phrase
    assert signed(extractor, sentence) == {expected}


@pytest.mark.parametrize(
    "sentence", ["TNF increase was seen in tumours.", "Growth factor increase in tumours."]
)
def test_a_cue_noun_after_a_singular_noun_is_no_verb(extractor, sentence):
    assert all(c.cause.text not in ("TNF", "Growth factor") for c in extractor.extract([sentence])[0])


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rats treated with cisplatin developed nephrotoxicity.", ("cisplatin", "nephrotoxicity", "+")),
        ("Patients receiving amiodarone developed hypothyroidism.", ("amiodarone", "hypothyroidism", "+")),
    ],
)
def test_a_treated_groups_acquisition_read_into_a_name_is_what_followed_the_exposure(
    extractor, sentence, expected
):
    # parsed as "with [cisplatin developed nephrotoxicity]", one noun phrase and no verb
    assert signed(extractor, sentence) == {expected}


def test_an_acquisition_participle_on_no_treated_group_relates_nothing(extractor):
    assert signed(extractor, "Cells treated with cisplatin developed resistance.") == set()


def test_a_name_tagged_as_an_adjective_that_alone_opens_the_sentence_is_the_subject(extractor):
    # tagged "Ketamine/JJ produced/VBN hallucinations/NNS", one noun phrase with no verb
    assert signed(extractor, "Ketamine produced hallucinations.") == {("Ketamine", "hallucinations", "+")}
    assert signed(extractor, "Increased reduced levels.") == set()
