"""Gaps read from a knowledge graph: weak and contested edges, cycles, unclaimed co-occurrences."""

from __future__ import annotations

from planner_graphs import evidence, make_graph

from causemap.graphbuilder.knowledge_graph import Contradiction
from causemap.models import Edge, Provenance, Variable
from causemap.planner.gaps import (
    cycle_gaps,
    find_cooccurrences,
    find_gaps,
    weak_edge_reasons,
)


def _edge(ev, belief=0.9, n_papers=3):
    return Edge(source="a", target="b", belief=belief, n_papers=n_papers, evidence=ev)


def test_well_supported_edge_is_not_weak():
    ev = [evidence("a", "b", paper=f"p{i}", design="rct") for i in range(3)]
    assert weak_edge_reasons(_edge(ev), 0.5) == []


def test_each_kind_of_weakness_is_named():
    assert "low belief (0.30)" in weak_edge_reasons(_edge([evidence("a", "b")] * 2, 0.3), 0.5)
    assert "a single paper" in weak_edge_reasons(_edge([evidence("a", "b")], n_papers=1), 0.5)
    correlational = [evidence("a", "b", paper=f"p{i}", relation="correlational") for i in range(3)]
    assert "only correlational statements" in weak_edge_reasons(_edge(correlational), 0.5)
    hedged = [evidence("a", "b", paper=f"p{i}", hedged=True) for i in range(3)]
    assert "only hedged statements" in weak_edge_reasons(_edge(hedged), 0.5)
    weak = [
        evidence("a", "b", paper="p1", design="cross_sectional"),
        evidence("a", "b", paper="p2", design="case_control"),
    ]
    reasons = weak_edge_reasons(_edge(weak), 0.5)
    assert "only weak designs (case-control, cross-sectional)" in reasons


def test_rejected_evidence_does_not_count():
    ev = [
        evidence("a", "b", paper="p1", relation="correlational"),
        evidence("a", "b", paper="p2").model_copy(update={"state": "rejected"}),
    ]
    assert "only correlational statements" in weak_edge_reasons(_edge(ev), 0.5)


def test_cycles_are_reported_with_what_the_candidates_drop():
    graph = make_graph(
        {("a", "b"): 0.9, ("b", "c"): 0.8, ("c", "a"): 0.3, ("c", "d"): 0.9},
        candidates=[[("a", "b"), ("b", "c"), ("c", "d")]],
    )
    gaps = cycle_gaps(graph, graph.candidates)
    assert len(gaps) == 1
    assert gaps[0].variables == ["a", "b", "c"]
    assert any("c → a" in r for r in gaps[0].reasons)


def test_contradictions_become_contested_gaps_with_both_sides_cited():
    graph = make_graph({("a", "b"): 0.6})
    graph.contradictions.append(
        Contradiction(
            "a",
            "b",
            "opposite_sign",
            "a raises b in one paper, lowers it in another",
            supporting=[evidence("a", "b", paper="p1")],
            opposing=[evidence("a", "b", paper="p2", polarity="-")],
        )
    )
    gaps = [g for g in find_gaps(graph, []) if g.kind == "contested_edge"]
    assert len(gaps) == 1 and {c.paper_id for c in gaps[0].citations} == {"p1", "p2"}


def test_cooccurrences_match_labels_and_aliases_on_word_boundaries():
    variables = {
        "salt": Variable(id="salt", label="sodium intake", aliases=["salt"]),
        "bp": Variable(id="bp", label="blood pressure", aliases=["BP"]),
        "hr": Variable(id="hr", label="heart rate"),
    }

    def passage(text: str, page: int = 4) -> Provenance:
        return Provenance(paper_id="p1", title="T", page=page, start=0, end=len(text), text=text)

    chunks = [
        passage("Dietary SALT was recorded. Later, blood pressure rose in most."),
        passage("Resting BPM and sodium intake were logged."),  # "BPM" is not "BP"
        passage("Heart rate rose with BP in most.", page=5),
    ]
    found = find_cooccurrences(chunks, variables, within="passage")
    assert set(found) == {("bp", "salt"), ("bp", "hr")}
    assert found[("bp", "salt")][0].page == 4
    quote = found[("bp", "salt")][0].text
    assert "SALT" in quote and "blood pressure" in quote
    # By default both names must share a sentence: the first passage names them in two.
    assert set(find_cooccurrences(chunks, variables)) == {("bp", "hr")}
    assert find_cooccurrences(chunks, variables)[("bp", "hr")][0].text == ("Heart rate rose with BP in most.")


def test_cooccurrences_skip_pairs_the_graph_already_links():
    graph = make_graph({("bp", "salt"): 0.9})
    cite = Provenance(paper_id="p1", page=1, start=0, end=11, text="salt and bp")
    assert find_cooccurrences([cite], graph.variables, graph) == {}


def test_unclaimed_pairs_become_gaps_and_linked_pairs_do_not():
    graph = make_graph({("a", "b"): 0.9, ("c", "d"): 0.9})
    cite = Provenance(paper_id="p1", page=2, start=0, end=7, text="a and c")
    gaps = find_gaps(graph, [], {("a", "c"): [cite], ("a", "b"): [cite]})
    kinds = [(g.kind, g.variables) for g in gaps]
    assert ("cooccurrence", ["a", "c"]) in kinds
    assert ("cooccurrence", ["a", "b"]) not in kinds
