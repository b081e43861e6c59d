"""Abbreviations a paper defines name the same variable as their long form."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.abbreviations import (
    corpus_abbreviations,
    expand_abbreviations,
    find_abbreviations,
    paper_abbreviations,
)
from causemap.graphbuilder.assemble import build_knowledge_graph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Expression of the sodium/iodide symporter (NIS) fell.", [("NIS", "sodium/iodide symporter")]),
        ("Serum C-reactive protein (CRP) rose.", [("CRP", "C-reactive protein")]),
        ("in obstructive sleep apnoea (OSA; n = 40)", [("OSA", "obstructive sleep apnoea")]),
        (
            "body mass index (BMI) and type 2 diabetes (T2D)",
            [("BMI", "body mass index"), ("T2D", "type 2 diabetes")],
        ),
        ("a loss of function (LoF) variant", [("LoF", "loss of function")]),
        ("TNF (tumour necrosis factor) was measured", [("TNF", "tumour necrosis factor")]),
        # parentheses that define nothing
        ("blood pressure (see Table 2) and weight (kg)", []),
        ("mortality (95% CI 1.1-2.0) and (p < 0.05)", []),
        ("rates of obesity (SM) rose", []),  # no S then M in the words before it
        ("fell sharply. (CRP) rose", []),  # no long form inside the sentence
    ],
)
def test_definitions_are_found_the_schwartz_hearst_way(text, expected):
    assert find_abbreviations(text) == expected


def test_the_first_definition_of_a_paper_holds():
    text = "acute kidney injury (AKI) was common. Later, AKI (acute kidney insult) was redefined."
    assert paper_abbreviations(text) == {"AKI": "acute kidney injury"}


def test_names_are_spelt_out_as_whole_words_only():
    defined = {"NIS": "sodium/iodide symporter", "AT": "angiotensin"}
    assert expand_abbreviations("NIS expression", defined) == "sodium/iodide symporter expression"
    assert expand_abbreviations("serum ATP", defined) == "serum ATP"
    assert expand_abbreviations("AT receptors", defined) == "angiotensin receptors"
    assert expand_abbreviations("sodium/iodide symporter (NIS)", defined) == "sodium/iodide symporter"


def test_the_corpus_spells_out_a_short_form_only_when_its_definers_agree():
    papers = [
        {"CRP": "C-reactive protein"},
        {"CRP": "c-reactive  protein"},
        {"AT": "angiotensin"},
        {"AT": "ataxia"},
    ]
    assert corpus_abbreviations(papers) == {"CRP": "C-reactive protein"}


def test_a_defined_abbreviation_and_its_long_form_are_one_variable(make_claim):
    claims = [
        make_claim("p1", "NIS expression", "iodide uptake", "+"),
        make_claim("p2", "sodium/iodide symporter expression", "iodide uptake", "+"),
        make_claim("p3", "CRP", "cardiovascular events", "+"),  # p3 does not define CRP
        make_claim("p4", "C-reactive protein", "cardiovascular events", "+"),
        make_claim("p5", "AT", "blood pressure", "+"),  # two meanings in two papers
        make_claim("p6", "AT", "neurodegeneration", "+"),
    ]
    abbreviations = {
        "p1": {"NIS": "sodium/iodide symporter"},
        "p2": {},
        "p3": {},
        "p4": {"CRP": "C-reactive protein"},
        "p5": {"AT": "angiotensin"},
        "p6": {"AT": "ataxia telangiectasia"},
    }
    graph = build_knowledge_graph(claims, abbreviations=abbreviations)
    nis = graph.edges[("sodium_iodide_symporter_expression", "iodide_uptake")]
    assert nis.n_papers == 2
    assert graph.variables["sodium_iodide_symporter_expression"].short_forms == ["NIS"]
    assert graph.edges[("c_reactive_protein", "cardiovascular_event")].n_papers == 2
    assert ("angiotensin", "blood_pressure") in graph.edges
    assert ("ataxia_telangiectasia", "neurodegeneration") in graph.edges
    assert graph.report["abbreviations_spelt_out"] == 4  # NIS, CRP (from p4), AT twice
    # without the definitions the same claims give separate variables
    plain = build_knowledge_graph(claims)
    assert ("nis_expression", "iodide_uptake") in plain.edges
