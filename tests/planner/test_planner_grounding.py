"""Plans grounded in the collection: structured items, roles only for real concepts, refutations
without a target, experiments the collection already ran, implications that contradict claims, and
target suggestions. Graphs are built directly, as the graph stage would hand them over."""

from __future__ import annotations

import pytest
from planner_graphs import evidence, make_graph

from causemap.graphbuilder.knowledge_graph import Contradiction
from causemap.models import ClaimRole, StudyDesign
from causemap.planner import make_plan
from causemap.planner.grounding import concept_problem, one_study, same_concept
from causemap.planner.suggest import suggest_targets


@pytest.mark.parametrize("label", ["baseline", "control group", "the intervention group", "risk", "absence"])
def test_study_artefacts_and_generic_words_are_not_concepts(label):
    assert concept_problem(label) is not None


@pytest.mark.parametrize("label", ["insulin resistance", "physical activity", "baseline blood pressure"])
def test_real_variables_are_concepts(label):
    assert concept_problem(label) is None


def test_one_concept_under_two_names_is_recognised_by_its_head_noun():
    assert same_concept("activity", "physical activity")
    assert same_concept("blood pressure", "systolic blood pressure")
    assert not same_concept("sleep", "obstructive sleep apnea")  # an apnea is not a kind of sleep
    assert not same_concept("sodium intake", "blood pressure")


def negative_control_graph(control_label: str):
    """c confounds x -> y; n, caused by c only, is the candidate negative-control outcome."""
    labels = {"x": "physical activity", "y": "depression", "c": "chronic pain", "n": control_label}
    edges = {("c", "x"): 0.9, ("c", "y"): 0.9, ("x", "y"): 0.6, ("c", "n"): 0.9}
    return make_graph(edges, labels, candidates=[list(edges)])


def test_a_negative_control_is_a_concept_the_graph_places_with_the_claims_behind_it():
    plan = make_plan(negative_control_graph("sleep quality"), "x -> y", use_dowhy=False)
    control = next(i for i in plan.items if i.title.startswith("Negative-control outcome"))
    assert control.action.method == "negative_control_outcome"
    assert control.action.arguments["outcome"] == "n" and control.action.adjust_for == ["c"]
    assert control.evidence and all(e.claim_id and e.edge for e in control.evidence)
    assert ("c", "n") in {e.edge for e in control.evidence}  # the claim that makes it a control


@pytest.mark.parametrize("label", ["activity", "baseline"])
def test_no_negative_control_is_the_exposure_renamed_or_an_artefact(label):
    plan = make_plan(negative_control_graph(label), "x -> y", use_dowhy=False)
    assert not [i for i in plan.items if i.title.startswith("Negative-control")]
    roles = [
        i
        for i in plan.items
        if i.action.method != "conditional_independence_test"  # a test about it gives it no role
        and ("n" in i.action.adjust_for or "n" in i.action.arguments.values())
    ]
    assert roles == []


def test_an_artefact_never_takes_a_role_and_the_reason_is_kept():
    labels = {"x": "exercise", "y": "depression", "z": "baseline", "w": "injury"}
    edges = {("z", "x"): 0.9, ("z", "y"): 0.4, ("x", "y"): 0.9, ("w", "z"): 0.9}
    plan = make_plan(make_graph(edges, labels, candidates=[list(edges)]), "x -> y", use_dowhy=False)
    for item in plan.items:
        assert "z" not in item.variables, item.title
    reasons = [d.reason for d in plan.dropped]
    # the graph stage's own test or the planner's artefact list says why, naming it
    assert any(r.startswith("“baseline”") and ("artefact" in r or "names no variable" in r) for r in reasons)
    assert "dropped" in plan.to_dict() and plan.to_dict()["dropped"]


def test_without_a_target_the_plan_proposes_refutations_with_dowhy_names():
    labels = {"a": "salt intake", "b": "blood pressure", "c": "age", "d": "stroke", "e": "kidney function"}
    edges = {
        ("c", "a"): 0.9,
        ("c", "b"): 0.9,
        ("a", "b"): 0.8,
        ("b", "d"): 0.7,
        ("c", "e"): 0.8,
        ("e", "d"): 0.4,
    }
    plan = make_plan(make_graph(edges, labels, candidates=[list(edges)]), use_dowhy=False)
    methods = {i.action.method for i in plan.items if i.kind == "refutation"}
    assert {"placebo_treatment_refuter", "dummy_outcome_refuter"} <= methods
    assert "conditional_independence_test" in methods
    placebo = next(i for i in plan.items if i.action.method == "placebo_treatment_refuter")
    assert placebo.action.arguments["estimator"] == "backdoor.linear_regression"
    assert placebo.edges and placebo.edges[0] in edges


def test_an_experiment_the_collection_already_ran_is_shown_with_its_result():
    graph = make_graph({("x", "y"): 0.6}, {"x": "exercise", "y": "depression"}, candidates=[[("x", "y")]])
    trial = evidence("x", "y", paper="trial-1", design="rct", polarity="0")
    graph.edges[("x", "y")].evidence.append(trial)
    item = make_plan(graph, "x -> y", use_dowhy=False).target_experiment
    assert item.action.design == "rct"
    assert [e.claim_id for e in item.existing] == [trial.claim_id]
    assert item.existing[0].polarity == "0" and item.existing[0].design == StudyDesign.RCT
    assert (
        "already reports 1 randomised controlled trial(s)" in item.rationale and "no effect" in item.rationale
    )
    assert item.adds.startswith("a replication")


def test_a_new_design_says_what_it_adds():
    graph = make_graph({("x", "y"): 0.6}, {"x": "exercise", "y": "depression"}, candidates=[[("x", "y")]])
    item = make_plan(graph, "x -> y", use_dowhy=False).target_experiment
    assert item.existing == [] and item.adds.startswith("another design: the collection's evidence is cohort")


def test_an_implication_that_drops_a_claimed_edge_says_so():
    labels = {"i": "insulin resistance", "t": "type 2 diabetes", "o": "obesity"}
    edges = {("o", "i"): 0.9, ("i", "t"): 0.7, ("o", "t"): 0.9}
    graph = make_graph(
        edges, labels, candidates=[list(edges), [("o", "i"), ("o", "t")]], papers={("i", "t"): 4}
    )
    plan = make_plan(graph, use_dowhy=False)
    test = next(i for i in plan.items if i.action.method == "conditional_independence_test")
    assert "candidate 2 drops insulin resistance → type 2 diabetes, which 4 papers claim" in test.rationale
    assert test.distinguishes == [1, 2]
    assert {tuple(e.candidates) for e in test.expected} == {(1,), (2,)}


def test_a_contradiction_between_versions_of_one_study_settles_nothing():
    support = evidence("x", "y", paper="preprint", polarity="+")
    oppose = evidence("x", "y", paper="published", polarity="-")  # same title: "Study ..." differs
    assert not one_study(Contradiction("x", "y", "opposite_sign", "d", [support], [oppose]))
    same = oppose.model_copy(
        update={"provenance": oppose.provenance.model_copy(update={"title": "Study preprint"})}
    )
    assert one_study(Contradiction("x", "y", "opposite_sign", "d", [support], [same]))
    graph = make_graph({("x", "y"): 0.8}, {"x": "coffee", "y": "insomnia"}, candidates=[[("x", "y")]])
    graph.contradictions.append(
        Contradiction("x", "y", "opposite_sign", "coffee: + and -", [support], [same])
    )
    plan = make_plan(graph, use_dowhy=False)
    assert not [i for i in plan.items if i.title.startswith("Reconcile")]


def test_a_contradiction_between_studies_is_reconciled_first():
    labels = {"x": "coffee", "y": "insomnia", "z": "stress"}
    edges = {("x", "y"): 0.6, ("z", "y"): 0.6}
    graph = make_graph(edges, labels, candidates=[list(edges)])
    support = evidence("x", "y", paper="cohort-1", polarity="+")
    oppose = evidence("x", "y", paper="trial-2", design="rct", polarity="0")
    graph.contradictions.append(
        Contradiction(
            "x", "y", "effect_vs_null", "coffee -> insomnia: 1 + , 1 no effect", [support], [oppose]
        )
    )
    plan = make_plan(graph, use_dowhy=False)
    first = plan.items[0]
    assert first.title == "Reconcile the contradiction: coffee → insomnia"
    assert "cohort against rct" in first.rationale and len(first.evidence) >= 1


def test_an_item_resting_on_one_weak_claim_is_ranked_down_with_a_caveat():
    labels = {"x": "coffee", "y": "insomnia", "a": "noise", "b": "fatigue"}
    graph = make_graph(
        {("x", "y"): 0.5, ("a", "b"): 0.5},
        labels,
        candidates=[[("x", "y"), ("a", "b")]],
        papers={("x", "y"): 1, ("a", "b"): 1},
    )
    weak = graph.edges[("x", "y")].evidence[0]
    graph.edges[("x", "y")].evidence[0] = weak.model_copy(
        update={"hedged": True, "role": ClaimRole.BACKGROUND}
    )
    plan = make_plan(graph, use_dowhy=False)
    by_edge = {(i.kind, tuple(i.edges[0])): i for i in plan.items if i.kind == "experiment"}
    thin, sound = by_edge[("experiment", ("x", "y"))], by_edge[("experiment", ("a", "b"))]
    assert thin.priority < sound.priority
    assert any("rests on one claim (hedged" in c for c in thin.caveats)


def test_suggested_targets_put_the_contested_effect_first_with_why():
    labels = {"x": "coffee", "y": "insomnia", "z": "stress", "w": "caffeine tolerance"}
    edges = {("x", "y"): 0.6, ("z", "y"): 0.95, ("z", "x"): 0.9, ("w", "x"): 0.9}
    graph = make_graph(edges, labels, candidates=[list(edges)])
    graph.contradictions.append(
        Contradiction(
            "x",
            "y",
            "effect_vs_null",
            "coffee -> insomnia: 2 +, 1 no effect",
            [evidence("x", "y", paper="a"), evidence("x", "y", paper="b")],
            [evidence("x", "y", paper="c", polarity="0")],
        )
    )
    found = suggest_targets(graph, n=3)
    assert found[0].text == "coffee -> insomnia" and found[0].contested
    assert any(w.startswith("contested") for w in found[0].why)
    assert found[0].adjust_for == ["z"] and found[0].identifiable_share == pytest.approx(1.0)
    assert len(found) <= 3 and [s.score for s in found] == sorted((s.score for s in found), reverse=True)
