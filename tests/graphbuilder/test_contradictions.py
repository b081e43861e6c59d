"""Contradictions found on hand-built claims, with the evidence on both sides."""

from __future__ import annotations

from causemap.graphbuilder.assemble import build_knowledge_graph
from causemap.graphbuilder.contradictions import contradicted_edges, find_contradictions
from causemap.models import CurationState


def _kinds(graph) -> set[tuple[str, str, str]]:
    return {(c.source, c.target, c.kind) for c in graph.contradictions}


def test_opposite_signs_are_a_contradiction_with_both_sides(make_claim):
    claims = [
        make_claim("p1", "alcohol", "heart disease", "+"),
        make_claim("p2", "alcohol", "heart disease", "+"),
        make_claim("p3", "alcohol", "heart disease", "-"),
    ]
    graph = build_knowledge_graph(claims)
    (c,) = graph.contradictions
    assert (c.source, c.target, c.kind) == ("alcohol", "heart_disease", "opposite_sign")
    assert {e.paper_id for e in c.supporting} == {"p1", "p2"}
    assert {e.paper_id for e in c.opposing} == {"p3"}
    assert "2 studies" in c.description and "1 study " in c.description
    assert graph.edges[("alcohol", "heart_disease")].contradiction


def test_an_effect_against_an_explicit_null(make_claim):
    claims = [
        make_claim("p1", "sodium", "blood pressure", "+"),
        make_claim("p2", "sodium", "blood pressure", "0", negated=True),
    ]
    graph = build_knowledge_graph(claims)
    assert _kinds(graph) == {("sodium", "blood_pressure", "effect_vs_null")}
    (c,) = graph.contradictions
    assert [e.paper_id for e in c.supporting] == ["p1"]
    assert [e.paper_id for e in c.opposing] == ["p2"] and c.opposing[0].negated


def test_both_directions_flag_both_edges(make_claim):
    claims = [
        make_claim("p1", "obesity", "sleep apnea", "+"),
        make_claim("p2", "sleep apnea", "obesity", "+"),
    ]
    graph = build_knowledge_graph(claims)
    assert _kinds(graph) == {("obesity", "sleep_apnea", "both_directions")}
    (c,) = graph.contradictions
    assert c.supporting[0].paper_id == "p1" and c.opposing[0].paper_id == "p2"
    assert graph.edges[("obesity", "sleep_apnea")].contradiction
    assert graph.edges[("sleep_apnea", "obesity")].contradiction


def test_associations_do_not_claim_a_direction(make_claim):
    claims = [
        make_claim("p1", "obesity", "sleep apnea", "+"),
        make_claim("p2", "sleep apnea", "obesity", "+", relation="correlational"),
    ]
    graph = build_knowledge_graph(claims)
    assert graph.contradictions == []
    assert not any(e.contradiction for e in graph.edges.values())


def test_agreeing_evidence_is_no_contradiction(make_claim):
    claims = [make_claim(f"p{i}", "smoking", "lung cancer", "+") for i in range(3)]
    graph = build_knowledge_graph(claims)
    assert graph.contradictions == []
    assert not graph.edges[("smoking", "lung_cancer")].contradiction


def test_a_rejected_claim_raises_no_contradiction(make_claim):
    claims = [
        make_claim("p1", "coffee", "mortality", "-"),
        make_claim("p2", "coffee", "mortality", "+", state=CurationState.REJECTED),
        make_claim("p3", "mortality", "coffee", "+", state=CurationState.REJECTED),
    ]
    assert build_knowledge_graph(claims).contradictions == []


def test_one_edge_can_hold_two_kinds(make_claim):
    claims = [
        make_claim("p1", "vitamin d", "blood pressure", "-"),
        make_claim("p2", "vitamin d", "blood pressure", "+"),
        make_claim("p3", "vitamin d", "blood pressure", "0"),
    ]
    graph = build_knowledge_graph(claims)
    assert _kinds(graph) == {
        ("vitamin_d", "blood_pressure", "opposite_sign"),
        ("vitamin_d", "blood_pressure", "effect_vs_null"),
    }


def test_finding_contradictions_leaves_its_input_unchanged(make_claim):
    claims = [make_claim("p1", "a", "b", "+"), make_claim("p2", "a", "b", "-")]
    edges = build_knowledge_graph(claims).edges
    plain = {k: e.model_copy(update={"contradiction": False}) for k, e in edges.items()}
    found = find_contradictions(plain)
    assert ("a", "b") in contradicted_edges(found)
    assert not plain[("a", "b")].contradiction


def test_one_study_is_not_set_against_itself(make_claim):
    claims = [
        make_claim("p1", "alcohol", "heart disease", "+"),
        make_claim("p1", "alcohol", "heart disease", "-", page=2),  # a misreading within one paper
        make_claim("p2", "sodium", "blood pressure", "+"),
        make_claim("p2", "sodium", "blood pressure", "0", negated=True, page=3),
    ]
    assert build_knowledge_graph(claims).contradictions == []


def test_a_paper_is_not_set_against_its_other_version(make_claim):
    claims = [
        make_claim("preprint", "alcohol", "heart disease", "+"),
        make_claim("published", "alcohol", "heart disease", "-"),
    ]
    versions = {"preprint": "published", "published": "published"}
    assert build_knowledge_graph(claims, study_of=versions).contradictions == []
    assert _kinds(build_knowledge_graph(claims)) == {("alcohol", "heart_disease", "opposite_sign")}


def test_only_the_claims_facing_another_study_are_listed(make_claim):
    claims = [
        make_claim("p1", "alcohol", "heart disease", "+"),
        make_claim("p1", "alcohol", "heart disease", "-", page=2),
        make_claim("p2", "alcohol", "heart disease", "-"),
    ]
    (c,) = build_knowledge_graph(claims).contradictions
    assert [e.paper_id for e in c.supporting] == ["p1"]
    assert [e.paper_id for e in c.opposing] == ["p2"]


def test_direction_words_are_not_read_as_opposite_findings(make_claim, embedder):
    claims = [
        make_claim("p1", "training", "more limited mobility", "+"),
        make_claim("p2", "training", "mobility", "-"),
        make_claim("p3", "training", "reduced mobility", "+"),
    ]
    graph = build_knowledge_graph(claims, embedder=embedder)
    assert graph.contradictions == []
    assert graph.edges[("training", "mobility")].polarity == "-"
    assert graph.edges[("training", "mobility")].n_papers == 3
