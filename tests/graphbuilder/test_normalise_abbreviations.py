"""A short form defined inside a name ("interleukin (IL)-8 production") names the same variable as the
name written without it and as the short form the paper uses later ("IL-8 production")."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.abbreviations import expand_abbreviations
from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.normalise import normalise
from causemap.graphbuilder.normalise_abbreviations import without_inner_short_forms


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("interleukin (IL)-6 secretion", "interleukin-6 secretion"),
        ("tumour necrosis factor (TNF)-alpha levels", "tumour necrosis factor-alpha levels"),
        ("heat shock protein (HSP) 90 expression", "heat shock protein 90 expression"),
        ("glucose transporter (GLUT) 4 translocation", "glucose transporter 4 translocation"),
    ],
)
def test_an_inner_definition_goes_from_the_normalised_name(written, plain):
    assert normalise(written).text == normalise(plain).text


@pytest.mark.parametrize(
    "written",
    [
        "IL-6 (pg/ml) levels",  # a unit, no definition
        "cortisol (morning) levels",  # an aside whose letters spell nothing before it
        "sodium/iodide symporter (NIS)",  # a trailing definition: the normaliser's own rule
    ],
)
def test_a_bracket_that_defines_nothing_inside_a_name_is_kept(written):
    assert without_inner_short_forms(written) == written


def test_spelling_out_leaves_no_space_where_the_bracket_was():
    assert (
        expand_abbreviations("interleukin (IL)-6 secretion", {"IL": "interleukin"})
        == "interleukin-6 secretion"
    )


def test_the_defined_name_and_its_short_form_are_one_variable(make_claim):
    claims = [
        make_claim("p1", "Endotoxin", "interleukin (IL)-6 secretion", "+"),
        make_claim("p1", "Dexamethasone", "IL-6 secretion", "-"),
    ]
    graph = build_knowledge_graph(claims, abbreviations={"p1": {"IL": "interleukin"}})
    effects = {effect for _, effect in graph.edges}
    assert len(effects) == 1, graph.edges
