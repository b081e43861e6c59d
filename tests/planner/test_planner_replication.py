"""What a new experiment would add to the collection's own studies: a repeat of a design already
reported (and uncontested) is ranked below the first study of another design; a laboratory
manipulation is a repeat of the collection's cell or animal work; several weak sentences of one
study are as thin as one. Graphs are built directly, as the graph stage would hand them over."""

from __future__ import annotations

from planner_graphs import evidence, make_graph

from causemap.graphbuilder.knowledge_graph import Contradiction
from causemap.models import ClaimRole, StudyDesign
from causemap.planner import make_plan

LABELS = {"x": "exercise", "y": "depression", "a": "noise", "b": "fatigue"}


def _two_edges(designs: dict[tuple[str, str], str]):
    """exercise -> depression and noise -> fatigue, equally believed, one paper each, of ``designs``."""
    edges = {("x", "y"): 0.5, ("a", "b"): 0.5}
    graph = make_graph(edges, LABELS, candidates=[list(edges)], papers={e: 1 for e in edges})
    for key, design in designs.items():
        graph.edges[key].evidence[0] = evidence(*key, paper=f"{design}-{key[0]}", design=design)
    return graph


def _experiments(plan) -> dict[tuple[str, str], object]:
    return {tuple(i.edges[0]): i for i in plan.items if i.kind == "experiment"}


def test_a_repeat_of_a_reported_trial_ranks_below_the_first_trial_of_a_link():
    graph = _two_edges({("x", "y"): "rct", ("a", "b"): "cohort"})
    found = _experiments(make_plan(graph, use_dowhy=False))
    repeat, first = found[("x", "y")], found[("a", "b")]
    assert repeat.action.design == first.action.design == "rct"
    assert repeat.adds.startswith("a replication") and first.adds.startswith("another design")
    assert repeat.information < first.information and repeat.priority < first.priority
    assert any("already reported with this result" in c for c in repeat.caveats)


def test_a_repeat_that_could_settle_a_contradiction_is_not_ranked_down():
    graph = _two_edges({("x", "y"): "rct", ("a", "b"): "cohort"})
    oppose = evidence("x", "y", paper="cohort-2", polarity="-")
    graph.edges[("x", "y")].evidence.append(oppose)
    graph.edges[("x", "y")] = graph.edges[("x", "y")].model_copy(
        update={"polarity_counts": {"+": 1, "-": 1}, "contradiction": True}
    )
    support = graph.edges[("x", "y")].evidence[0]
    graph.contradictions.append(Contradiction("x", "y", "opposite_sign", "+ and -", [support], [oppose]))
    repeat = _experiments(make_plan(graph, use_dowhy=False))[("x", "y")]
    assert not any("already reported" in c for c in repeat.caveats)


def test_a_laboratory_manipulation_repeats_the_collections_cell_work():
    labels = {"g": "tnf gene", "y": "adhesion"}
    graph = make_graph({("g", "y"): 0.5}, labels, candidates=[[("g", "y")]], papers={("g", "y"): 1})
    graph.edges[("g", "y")].evidence[0] = evidence("g", "y", paper="cells", design="in_vitro")
    item = _experiments(make_plan(graph, use_dowhy=False))[("g", "y")]
    assert item.action.design == "experimental_manipulation"
    assert [e.design for e in item.existing] == [StudyDesign.IN_VITRO]
    assert item.adds.startswith("a replication")


def test_a_link_studied_only_at_the_bench_gets_a_laboratory_design_whatever_its_name():
    labels = {"s": "lwoffii", "y": "biofilm"}  # a species name no cue list knows
    graph = make_graph({("s", "y"): 0.5}, labels, candidates=[[("s", "y")]], papers={("s", "y"): 1})
    graph.edges[("s", "y")].evidence[0] = evidence("s", "y", paper="cells", design="in_vitro")
    item = _experiments(make_plan(graph, use_dowhy=False))[("s", "y")]
    assert item.action.design == "experimental_manipulation"
    assert "in cells or model organisms" in item.rationale


def test_several_weak_sentences_of_one_study_are_as_thin_as_one():
    graph = _two_edges({})
    first = graph.edges[("x", "y")].evidence[0].model_copy(update={"role": ClaimRole.BACKGROUND})
    second = first.model_copy(update={"claim_id": "second", "relation": "correlational"})
    graph.edges[("x", "y")].evidence[:] = [first, second]  # one paper, two weak sentences
    found = _experiments(make_plan(graph, use_dowhy=False))
    thin, sound = found[("x", "y")], found[("a", "b")]
    assert thin.priority < sound.priority
    assert any("rests on 2 claims of one study, all weak" in c for c in thin.caveats)
    other = second.model_copy(
        update={"provenance": second.provenance.model_copy(update={"paper_id": "p2", "title": "Other"})}
    )
    graph.edges[("x", "y")].evidence[1] = other  # two studies: no longer one study's say-so
    again = _experiments(make_plan(graph, use_dowhy=False))[("x", "y")]
    assert not any("rests on" in c for c in again.caveats)
