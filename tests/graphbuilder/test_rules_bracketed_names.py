"""A name that goes on after the abbreviation defined inside it ("interleukin (IL)-8 production",
"heat shock protein (HSP) 70"): the bracket is no aside, the argument is the whole name. The rules
extractor on sentences written for these tests, with the real spaCy pipeline."""

from __future__ import annotations

import pytest
from rules_readings import polarity_readings as claims

from causemap.graphbuilder.extractors.rules_bracketed_names import (
    closes_inside,
    glued_rest_end,
    name_goes_on_after_abbreviation,
    rest_of_name,
)


@pytest.mark.parametrize(
    ("sentence", "cause", "effect"),
    [
        # the rest of the name glued to the bracket, parsed as an apposition of the long form
        (
            "Smoking increased interleukin (IL)-8 production in mice.",
            "Smoking",
            "interleukin (IL)-8 production in mice",
        ),
        (
            "Obesity is associated with vascular endothelial growth factor (VEGF)-A levels.",
            "Obesity",
            "vascular endothelial growth factor (VEGF)-A levels",
        ),
        # a kind noun ("factor") whose own name goes on: no name set in apposition to it
        (
            "Cortisol suppressed the nuclear factor (NF)-kappaB pathway.",
            "Cortisol",
            "the nuclear factor (NF)-kappaB pathway",
        ),
        # the rest of the name after a space: a number
        (
            "Heat shock protein (HSP) 70 protects neurons from ischemia.",
            "Heat shock protein (HSP) 70",
            "ischemia",
        ),
        # the abbreviation parsed as an apposition of its own, the number as another
        ("Heat shock protein (HSP) 27 reduces apoptosis.", "Heat shock protein (HSP) 27", "apoptosis"),
        # the glued rest hung on the verb by the parser
        (
            "Ethanol increased the levels of tumor necrosis factor (TNF)-alpha in serum.",
            "Ethanol",
            "the levels of tumor necrosis factor (TNF)-alpha",
        ),
    ],
)
def test_a_name_goes_on_after_its_abbreviation(extractor, sentence, cause, effect):
    found = claims(extractor, sentence)
    assert (cause, effect) in found, found


def test_a_phrase_after_the_bracket_is_no_rest_of_the_name(extractor):
    doc = extractor.nlp(
        "The major histocompatibility complex (MHC) on chromosome 6p21 is a key contributor to lupus."
    )
    complex_, code = doc[3], doc[9]
    assert (complex_.text, code.text, code.dep_) == ("complex", "6p21", "appos")
    assert not name_goes_on_after_abbreviation(complex_, code)


@pytest.mark.parametrize(
    ("text", "closes"),
    [("IL)-8", True), ("TNF)-alpha", True), ("IL)", False), (")", False), ("IP(3", False), ("Ca(2+)", False)],
)
def test_a_token_that_closes_a_bracket_and_goes_on(text, closes):
    assert closes_inside(text) is closes


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [("IL)-8", True), ("TNF)-alpha", True), ("CYP)-induced", False), ("PKC)-dependent", False)],
)
def test_what_follows_the_bracket_goes_on_with_the_name(text, goes_on):
    assert rest_of_name(text) is goes_on


@pytest.mark.parametrize(
    ("sentence", "goes_on"),
    [
        ("Toxins raised tumour necrosis factor (TNF)-alpha.", True),
        ("Toxins raised lipid (LP)-induced stress.", False),
    ],
)
def test_a_glued_token_after_the_bracket_ends_the_name_only_when_it_goes_on(extractor, sentence, goes_on):
    doc = extractor.nlp(sentence)
    opening = next(t.i for t in doc if t.text == "(")
    assert glued_rest_end(doc, opening, set()) == (opening + 2 if goes_on else opening)
