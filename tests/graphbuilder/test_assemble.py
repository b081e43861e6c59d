"""build_knowledge_graph: aggregation, provenance, self-loops, curation, determinism, the corpus."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from causemap.graphbuilder.assemble import NULL_ONLY_REASON, build_knowledge_graph
from causemap.graphbuilder.truth_eval import (
    edge_scores,
    load_truth,
    map_to_truth,
    truth_claims,
    variable_pair_scores,
)
from causemap.models import CurationState

TRUTH = Path(__file__).resolve().parents[2] / "corpus_samples" / "truth.json"


def test_claims_aggregate_into_edges_with_one_evidence_per_claim(make_claim):
    claims = [
        make_claim("p1", "Smoking", "lung cancer", design="cohort"),
        make_claim("p1", "smoking", "the risk of lung cancer", page=2, design="cohort"),
        make_claim("p2", "cigarette smoking", "lung cancer", design="case_control"),
        make_claim("p3", "smoking", "lung cancer", "0", negated=True, design="rct"),
    ]
    graph = build_knowledge_graph(claims, {"p1": "Smoking and cancer"})
    edge = graph.edges[("smoking", "lung_cancer")]
    assert (edge.n_claims, edge.n_papers) == (3, 2)
    assert edge.polarity_counts == {"+": 2, "0": 1}
    assert [str(d) for d in edge.designs] == ["rct", "cohort"]  # in the lexicon's order
    assert {e.claim_id for e in edge.evidence} == {c.id for c in claims[:2]} | {claims[3].id}
    titled = [e for e in edge.evidence if e.paper_id == "p1"]
    assert all(e.title == "Smoking and cancer" and e.quote for e in titled)
    # "cigarette smoking" is another variable without an embedder
    assert ("cigarette_smoking", "lung_cancer") in graph.edges


def test_merging_that_makes_a_self_loop_is_counted_not_drawn(make_claim):
    claims = [make_claim("p1", "stress", "stress levels"), make_claim("p2", "stress", "sleep")]
    graph = build_knowledge_graph(claims)
    assert graph.report["self_loops"] == 1
    assert graph.report["self_loop_claims"][0]["claim_id"] == claims[0].id
    assert list(graph.edges) == [("stress", "sleep")]


def test_rejected_claims_leave_no_trace(make_claim):
    claims = [
        make_claim("p1", "coffee", "alertness"),
        make_claim("p2", "coffee", "insomnia", state=CurationState.REJECTED),
    ]
    graph = build_knowledge_graph(claims)
    assert "insomnia" not in graph.variables and list(graph.edges) == [("coffee", "alertness")]
    assert graph.report["rejected_ignored"] == 1


def test_a_downward_word_reverses_the_sign_between_variables(make_claim):
    claims = [make_claim("p1", "reduced sodium intake", "blood pressure", "-")]
    edge = build_knowledge_graph(claims).edges[("sodium_intake", "blood_pressure")]
    assert edge.polarity == "+" and edge.evidence[0].polarity == "+"


def test_null_only_edges_stay_in_the_graph_but_not_in_candidates(make_claim):
    claims = [
        make_claim("p1", "vitamin c", "common cold", "0", negated=True),
        make_claim("p2", "zinc", "common cold", "-"),
    ]
    graph = build_knowledge_graph(claims)
    assert graph.edges[("vitamin_c", "common_cold")].polarity == "0"
    (top,) = graph.candidates
    assert ("vitamin_c", "common_cold") not in top.edges
    assert [(d.edge, d.reason) for d in top.dropped] == [(("vitamin_c", "common_cold"), NULL_ONLY_REASON)]


def test_same_claims_in_any_order_give_the_same_graph(make_claim, embedder):
    claims = [
        make_claim("p1", "obesity", "sleep apnoea"),
        make_claim("p2", "sleep apnea", "obesity"),
        make_claim("p3", "short sleep", "obesity"),
        make_claim("p4", "sleep apnoea", "short sleep"),
        make_claim("p5", "body weight", "blood pressure"),
        make_claim("p6", "weight", "insulin"),
        make_claim("p7", "insulin resistance", "obesity", "-"),
    ]
    reference = json.dumps(build_knowledge_graph(claims, embedder=embedder).to_dict())
    for seed in range(3):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert json.dumps(build_knowledge_graph(shuffled, embedder=embedder).to_dict()) == reference


@pytest.fixture(scope="module")
def truth():
    if not TRUTH.exists():
        pytest.skip("corpus_samples/truth.json has not been generated")
    return load_truth(TRUTH)


@pytest.fixture(scope="module")
def truth_graph(truth, embedder):
    return build_knowledge_graph(truth_claims(truth), embedder=embedder)


def test_gold_claims_rebuild_the_truth_edges(truth, truth_graph):
    scores = edge_scores(truth_graph, truth)
    assert scores["variables_mapped"] >= 0.95 * scores["variables"]
    assert scores["knowledge_graph"]["recall"] >= 0.95
    assert scores["knowledge_graph"]["precision"] >= 0.95
    assert scores["knowledge_graph"]["sign_agreement"] >= 0.9
    # Disagreements found are real ones; some truth contradictions span finer variables
    # ("systolic blood pressure") that only a user merge joins.
    assert len(scores["truth_contradictions_found"]) >= 2
    assert scores["contradictions_not_in_truth"] == []


def test_synonym_merging_makes_no_wrong_merge_on_the_corpus(truth, truth_graph):
    pairs = variable_pair_scores(truth_graph, truth)
    assert pairs["pair_precision"] is not None and pairs["pair_precision"] >= 0.98
    assert pairs["pairs_merged"] > 0


def test_truth_cycles_are_kept_in_the_graph_and_broken_in_every_candidate(truth, truth_graph):
    mapping = map_to_truth(truth_graph, truth)
    collapsed = nx.DiGraph(
        (mapping[s][0], mapping[t][0])
        for s, t in truth_graph.edges
        if mapping.get(s) and mapping.get(t) and truth_graph.edges[(s, t)].polarity != "0"
    )
    for cycle in truth["cycles"]:
        for u, v in zip(cycle, cycle[1:] + cycle[:1], strict=True):
            assert collapsed.has_edge(u, v), (u, v)
    assert not nx.is_directed_acyclic_graph(truth_graph.to_networkx())
    assert len(truth_graph.candidates) == 3
    for candidate in truth_graph.candidates:
        assert nx.is_directed_acyclic_graph(candidate.to_networkx())
        assert all(d.reason for d in candidate.dropped)


def test_arguments_that_name_no_variable_draw_no_edge_unless_the_user_vouched(make_claim):
    claims = [
        make_claim("p1", "These estimates", "blood pressure"),
        make_claim("p2", "CI 2.4-4.0", "coronary heart disease"),
        make_claim("p3", "sodium intake", "blood pressure"),
    ]
    graph = build_knowledge_graph(claims)
    assert list(graph.edges) == [("sodium_intake", "blood_pressure")]
    assert graph.report["uninformative_ignored"] == 2
    vouched = [claims[0].model_copy(update={"state": CurationState.ACCEPTED}), claims[2]]
    assert len(build_knowledge_graph(vouched).edges) == 2


def test_a_generic_short_name_is_the_longer_name_its_own_paper_uses(make_claim):
    written = [
        ("p1", "chaperone drugs", "surface expression of the GLUT4 transporter"),
        ("p1", "cold exposure", "surface expression"),
        ("p1", "all R7 mutants", "virulence"),
        ("p1", "some mutants", "motility"),
        ("p2", "insulin", "surface expression"),  # another paper's "surface expression" is not p1's
    ]
    graph = build_knowledge_graph([make_claim(*pair) for pair in written])
    assert ("cold_exposure", "surface_expression_of_the_glut4_transporter") in graph.edges
    assert ("r7_mutant", "motility") in graph.edges
    assert ("insulin", "surface_expression") in graph.edges
    assert "surface expression" not in graph.variables["surface_expression_of_the_glut4_transporter"].aliases


def test_a_generic_name_its_own_sentence_modifies_is_not_bare(make_claim):
    claims = [
        make_claim("p1", "all R7 mutants", "virulence"),
        make_claim("p1", "mutants", "biofilm formation", sentence="Some mutants lost biofilm formation."),
        make_claim("p1", "mutants", "motility", sentence="Some K9 mutants lost motility."),
        make_claim("p2", "pulse energy", "the effect of a difference in laser power"),
        make_claim("p2", "polarization", "effects", sentence="We will model polarization-dependent effects."),
    ]
    graph = build_knowledge_graph(claims)
    assert ("r7_mutant", "biofilm_formation") in graph.edges  # written bare: the paper's R7 mutants
    assert ("r7_mutant", "motility") not in graph.edges  # its sentence says K9 mutants
    # "polarization-dependent effects" are not the effect of a difference in laser power
    assert not any(source == "polarization" for source, _ in graph.edges)


def test_a_generic_short_name_with_two_readings_in_its_paper_stays_unresolved(make_claim):
    effects = {
        "drug A": "partially spliced transcripts",
        "drug B": "primary transcripts",
        "heat": "the transcripts",
    }
    graph = build_knowledge_graph([make_claim("p1", cause, effect) for cause, effect in effects.items()])
    assert not any(edge[0] == "heat" for edge in graph.edges)  # "transcript" alone names nothing
    assert graph.report["uninformative_ignored"] == 1
