"""Noun phrases the parse ends or starts too early (``rules_span_completions``): a complement shared
by coordinated heads, a change written as its two states, a long form before a glued abbreviation.
The rules extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import polarity_readings as claims

from causemap.graphbuilder.extractors.rules_span_completions import change_of_states


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the "of" phrase hung on the first head completes the last one
        (
            "Periostin promotes the migration and invasion of glioma cells.",
            "Periostin",
            "invasion of glioma cells",
        ),
        (
            "Vitamin D reduced the incidence, severity and recurrence of otitis media.",
            "Vitamin D",
            "recurrence of otitis media",
        ),
    ],
)
def test_last_conjunct_keeps_the_shared_complement(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found
    assert not any(e.split()[-1] in ("invasion", "recurrence") for _, e in found), found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the "to" phrase of the two states hung on the verb: the argument stopped at the first state
        (
            "Deafness is associated with a T to C transition at nucleotide 1555 of the mitochondrial genome.",
            "Deafness",
            "a T to C transition at nucleotide 1555 of the mitochondrial genome",
        ),
        # the first state hung on the verb: the change noun's span starts at it
        (
            "The MYO7A gene contains a G to C conversion, which causes deafness.",
            "a G to C conversion",
            "deafness",
        ),
        # the first state's bracketed abbreviation broke the run of the noun phrase, the second
        # state was read as an infinitive
        (
            "Serine (Ser) to proline (Pro) substitution at codon 52 has been associated with an increase in "
            "stroke risk.",
            "Serine (Ser) to proline (Pro) substitution at codon 52",
            "an increase in stroke risk",
        ),
    ],
)
def test_a_change_between_two_states_is_one_noun_phrase(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


def test_a_gene_holding_a_change_of_states_is_no_claim(extractor):
    # where the change lies, not what it does (``rules_variants``): the argument's head is the first state
    sentence = (
        "A heterozygous change was found at position 88 of the PAX3 gene, which resulted in a glycine to "
        "serine substitution at codon 30."
    )
    assert claims(extractor, sentence) == {}


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # "(TNF)-alpha" is one token: the span opened at it and left the long form out
        (
            "Fibroblast growth factor (FGF)-23 levels were raised by phosphate loading.",
            "phosphate loading",
            "Fibroblast growth factor (FGF)-23 levels",
        ),
    ],
)
def test_a_span_opening_inside_a_bracket_starts_at_the_long_form(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


def test_a_pronoun_before_an_infinitive_is_no_first_state(extractor):
    # "to undergo" is a verb of the clause, not a second state; a pronoun is no state either
    doc = extractor.nlp("Knockdown of Star-PAP drove them to undergo epithelial-mesenchymal transition.")
    them = next(t for t in doc if t.lower_ == "them")
    assert change_of_states(them) is None
    glycine = next(
        t for t in extractor.nlp("It caused a glycine to serine substitution.") if t.lower_ == "glycine"
    )
    assert change_of_states(glycine).lower_ == "substitution"


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the "to" phrase hung on the verb that governs the noun through its preposition
        (
            "The allele was not associated with the susceptibility to chronic gastritis in the studied "
            "population.",
            "The allele",
            "the susceptibility to chronic gastritis",
        ),
        # ... or through the first conjunct
        (
            "The deletion is associated with early onset and rapid progression to kidney failure.",
            "The deletion",
            "rapid progression to kidney failure",
        ),
        # the name after "to" read as an infinitive ("to [type] 2 diabetes")
        (
            "Polymorphisms of the PPARG gene are associated with the conversion to type 2 diabetes.",
            "Polymorphisms of the PPARG gene",
            "the conversion to type 2 diabetes",
        ),
        # an aside after a comma is no part of the complement
        (
            "The PTPN22 gene makes a contribution to susceptibility to autoimmune disease, notably lupus.",
            "The PTPN22 gene",
            "susceptibility to autoimmune disease",
        ),
    ],
)
def test_a_to_complement_held_by_the_verb_completes_its_noun(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


def test_a_change_noun_keeps_its_complement_tagged_as_an_adverb(extractor):
    # "knockout of [Nrf2 aggravated liver injury]" with "Nrf2" tagged RB: the symbol is the name
    found = claims(extractor, "In mice, knockout of Nrf2 aggravated liver injury.")
    assert ("knockout of Nrf2", "liver injury") in found, found


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the rest of a name read as an apposition though no comma or bracket sets it off
        (
            "Plexiform neurofibromas are the most frequent lesions associated with neurofibromatosis "
            "Type 1 (NF1).",
            "neurofibromatosis Type 1",
            "Plexiform neurofibromas",
        ),
    ],
)
def test_an_unmarked_apposition_is_the_rest_of_the_name(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found or (effect, cause) in found, found


def test_an_amount_or_a_measurement_is_no_unmarked_apposition(extractor):
    found = claims(extractor, "Chronic hyperprolactinemia caused a 40% reduction LH pulse frequency.")
    assert not any("frequency" in effect for _, effect in found), found


def test_a_long_form_glued_into_the_subject_it_modifies_is_no_second_subject(extractor):
    # the parser makes "factor" and "expression" two subjects: one argument, the whole name
    found = claims(extractor, "Tumour necrosis factor (TNF)-alpha expression was increased by endotoxin.")
    assert found == {("endotoxin", "Tumour necrosis factor (TNF)-alpha expression"): "+"}, found


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        # the preposition's object read as a modifier of the verb: between them, it is the object
        ("The p.R123W mutation in SCN1A causes epilepsy.", "The p.R123W mutation in SCN1A"),
        (
            "The G12D mutation in the KRAS9 gene causes pancreatic tumours.",
            "The G12D mutation in the KRAS9 gene",
        ),
        # parsed right already: unchanged
        ("Mutations in KCNQ9 cause progressive deafness.", "Mutations in KCNQ9"),
    ],
)
def test_a_preposition_left_without_object_takes_the_name_before_the_verb(extractor, sentence, cause):
    assert cause in {r.cause.text for r in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "effect"),
    [
        # "molecules" read as a present-tense verb coordinated, with no "and", with the cue
        (
            "Obesity increases the expression of the adhesion molecules ICAM9 and VCAM9.",
            "the expression of the adhesion molecules ICAM9 and VCAM9",
        ),
    ],
)
def test_a_plural_noun_read_as_a_verb_stays_in_its_noun_phrase(extractor, sentence, effect):
    assert effect in {r.effect.text for r in extractor.extract([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "pair"),
    [
        # a verb coordinated by "and" is a verb: its object is its own effect
        ("Obesity increases insulin resistance and causes diabetes.", ("Obesity", "diabetes")),
        # phrases of the verb, not of its object, stay out of the span
        ("The extract reduced tumour growth in mice.", ("The extract", "tumour growth")),
        ("Smoking increased lung cancer risk in women.", ("Smoking", "lung cancer risk")),
    ],
)
def test_spans_do_not_grow_over_what_belongs_to_the_verb(extractor, sentence, pair):
    pairs = {(r.cause.text, r.effect.text) for r in extractor.extract([sentence])[0]}
    assert pair in pairs
    assert not any(e.startswith(pair[1] + " ") for _, e in pairs)
