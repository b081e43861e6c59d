"""make_plan end to end on small knowledge graphs (no data): identification across candidates,
ranking by expected information, the JSON shape and the Markdown protocol."""

from __future__ import annotations

import json

import pytest
from planner_graphs import make_graph

from causemap.models import Provenance
from causemap.planner import TargetError, make_plan
from causemap.planner.context import PlanContext
from causemap.planner.scoring import candidate_weights, ensure_candidates
from causemap.planner.study_items import choose_design
from causemap.settings import PlannerSettings

LABELS = {"x": "exercise", "y": "depression", "z": "chronic pain", "w": "injury"}
EDGES = {("z", "x"): 0.9, ("z", "y"): 0.4, ("x", "y"): 0.9, ("w", "z"): 0.9}


@pytest.fixture
def two_readings():
    """Candidate 1 keeps the weak edge chronic pain -> depression; candidate 2 drops it."""
    full = list(EDGES)
    return make_graph(
        EDGES, LABELS, candidates=[full, [e for e in full if e != ("z", "y")]], papers={("z", "y"): 1}
    )


@pytest.fixture
def plan(two_readings):
    return make_plan(two_readings, "exercise -> depression", use_dowhy=False)


def test_candidate_weights_follow_the_beliefs_of_what_each_keeps(two_readings):
    weights = candidate_weights(two_readings, two_readings.candidates)
    assert weights == pytest.approx([0.4, 0.6])


def test_adjustment_sets_are_tallied_across_candidates(plan):
    ident = plan.identification
    by_set = {s.variables: s for s in ident.adjustment_sets}
    assert by_set[frozenset({"z"})].valid_in == [1, 2]
    assert by_set[frozenset({"z"})].minimal_in == [1]
    assert by_set[frozenset()].valid_in == [2]
    assert by_set[frozenset()].share == pytest.approx(0.6)
    assert ident.recommended.variables == {"z"}
    # The weak edge decides both: must chronic pain be adjusted for, and will nothing do?
    assert ("z", "y") in by_set[frozenset({"z"})].deciding_edges
    assert ("z", "y") in by_set[frozenset()].deciding_edges
    # injury causes exercise through chronic pain and reaches depression the same way.
    assert ident.known_confounders == {"w", "z"}


def test_an_implication_that_splits_the_candidates_ranks_first(plan):
    tests = [i for i in plan.items if i.title.startswith("Test the implied independence")]
    assert tests, [i.title for i in plan.items]
    first = tests[0]
    assert set(first.variables[:2]) == {"y", "z"} and "x" in first.variables
    assert "1 of 2 candidate DAGs" in first.rationale
    # An implication every candidate shares tells less about which one holds.
    shared = [i for i in tests if "every candidate" in i.rationale.lower()]
    assert all(i.priority < first.priority for i in shared)


def test_items_are_ranked_and_carry_citations(plan):
    for kind in {i.kind for i in plan.items}:  # by priority within each kind (kinds are interleaved)
        priorities = [i.priority for i in plan.items if i.kind == kind]
        assert priorities == sorted(priorities, reverse=True)
    kinds = {i.kind for i in plan.items}
    assert {"identification", "refutation", "experiment", "literature"} <= kinds
    # every priority follows from the item's own information, kind and cost
    for item in plan.items:
        assert item.information > 0 and item.priority > 0
    adjust = next(i for i in plan.items if i.title.startswith("Adjust for chronic pain"))
    assert adjust.citations and all(c.page >= 1 and c.text for c in adjust.citations)
    edge_experiment = next(
        i for i in plan.items if i.title == "Experiment: does chronic pain affect depression?"
    )
    assert "decides the adjustment set" in edge_experiment.rationale


def test_json_has_the_documented_shape(plan):
    doc = json.loads(json.dumps(plan.to_dict()))
    assert set(doc) >= {"target", "gaps", "items", "identification", "data_check"}
    assert doc["target"]["exposure"] == "x" and doc["target"]["outcome"] == "y"
    for item in doc["items"]:
        assert {"id", "kind", "title", "action", "expected", "distinguishes", "evidence", "rationale"} <= set(
            item
        )
        assert {"cost", "information", "priority", "edges", "existing", "adds", "about_target"} <= set(item)
        assert item["kind"] in {"refutation", "identification", "experiment", "measurement", "literature"}
        assert item["cost"] in {"low", "medium", "high"}
        for e in item["evidence"]:
            assert set(e["provenance"]) == {"paper_id", "title", "page", "start", "end", "text", "section"}
            assert e["claim_id"], "evidence from the graph names its claim"
    assert "dropped" in doc
    assert doc["identification"]["recommended_adjustment_set"] == ["z"]
    assert doc["data_check"] is None
    assert {g["kind"] for g in doc["gaps"]} >= {"weak_edge"}


def test_markdown_reads_as_a_protocol(plan):
    text = plan.to_markdown()
    assert text.startswith("# Research plan: exercise → depression")
    for heading in (
        "## In brief",
        "## Gaps",
        "## Identification of exercise → depression",
        "## Proposals, most informative for their cost first",
    ):
        assert heading in text
    assert "| chronic pain | 1, 2 | 100% |" in text


def test_max_items_caps_the_list_but_keeps_the_target_experiment(two_readings):
    full = make_plan(two_readings, ("x", "y"), use_dowhy=False).items
    short = make_plan(two_readings, ("x", "y"), settings=PlannerSettings(max_items=2), use_dowhy=False)
    target_experiment = next(i for i in full if i.about_target)
    assert target_experiment.action.intervene == ["x"] and target_experiment.action.measure[0] == "y"
    assert full.index(target_experiment) >= 2  # it would have been cut
    assert [i.title for i in short.items] == [full[0].title, target_experiment.title]
    assert short.target_experiment.title == target_experiment.title


def test_plan_without_target_lists_gaps_and_graph_wide_items(two_readings):
    plan = make_plan(two_readings, use_dowhy=False)
    assert plan.identification is None and plan.to_dict()["identification"] == {}
    assert any(g.kind == "weak_edge" for g in plan.gaps)
    assert any(i.kind == "experiment" for i in plan.items)


def test_bad_target_raises_with_suggestions(two_readings):
    with pytest.raises(TargetError, match="exercise"):
        make_plan(two_readings, "excercise -> depression", use_dowhy=False)


def test_cyclic_graph_without_candidates_gets_one_by_dropping_the_weakest_edge():
    graph = make_graph({("a", "b"): 0.9, ("b", "c"): 0.8, ("c", "a"): 0.2})
    (candidate,) = ensure_candidates(graph)
    assert ("c", "a") not in candidate.edges and len(candidate.edges) == 2
    assert candidate.dropped[0].edge == ("c", "a")
    plan = make_plan(graph, "a -> c", use_dowhy=False)
    assert any(g.kind == "cycle" for g in plan.gaps)


def test_dowhy_identification_is_reported_per_candidate(two_readings):
    plan = make_plan(two_readings, ("x", "y"), use_dowhy=True)
    reports = [c.dowhy for c in plan.identification.candidates]
    assert reports[0]["backdoor"] == ["z"]
    assert reports[1]["backdoor"] is not None and "z" not in reports[1]["backdoor"]


@pytest.mark.parametrize(
    "label, design",
    [
        ("exercise", "rct"),
        ("air pollution", "animal"),
        ("body mass index", "mendelian_randomisation"),
        ("socioeconomic status", "natural_experiment_policy"),
    ],
)
def test_designs_follow_what_the_exposure_is(label, design):
    graph = make_graph({("x", "y"): 0.9}, {"x": label})
    ctx = PlanContext(graph, graph.candidates, [], [], PlannerSettings())
    assert choose_design(ctx, "x")[0] == design
    assert choose_design(ctx, "x", "y", instrument="z")[0] == "natural_experiment"


def test_an_unclaimed_link_that_would_confound_the_target_ranks_above_one_that_would_not():
    # q causes depression; were it also to cause exercise, chronic pain would no longer suffice.
    edges = {**EDGES, ("q", "y"): 0.9}
    graph = make_graph(edges, {**LABELS, "q": "poverty"}, candidates=[list(edges)])
    passage = [Provenance(paper_id="p3", page=2, start=0, end=3, text="...")]
    pairs = {("q", "x"): passage, ("w", "y"): passage}
    plan = make_plan(graph, ("x", "y"), cooccurrence=pairs, use_dowhy=False)
    by_title = {i.title: i for i in plan.items}
    confounding = by_title["Search: how are poverty and exercise related?"]
    harmless = by_title["Search: how are injury and depression related?"]
    assert "would change the adjustment" in confounding.rationale
    assert "would change the adjustment" not in harmless.rationale
    assert confounding.priority > harmless.priority


def test_no_kind_crowds_the_others_out_of_a_plan():
    from causemap.models import PlanItem
    from causemap.planner.ranking import rank

    searches = [
        PlanItem(kind="literature", title=f"Search {i}", rationale="r", cost="low", priority=10.0 - i / 100)
        for i in range(30)
    ]
    experiments = [
        PlanItem(
            kind="experiment", title=f"Experiment {i}", rationale="r", cost="high", priority=1.0 - i / 100
        )
        for i in range(3)
    ]
    ranked = rank(searches + experiments, limit=10)
    kinds = [item.kind for item in ranked]
    # every experiment gets a place; searches fill the places nothing else wants
    assert kinds.count("experiment") == 3 and kinds.count("literature") == 7
    # the searches' lead is capped while experiments wait: all three are among the first six
    assert kinds[:2] == ["literature", "literature"] and kinds[:6].count("experiment") == 3
    assert [i.title for i in ranked if i.kind == "literature"] == [f"Search {i}" for i in range(7)]
    assert [i.title for i in ranked if i.kind == "experiment"] == [f"Experiment {i}" for i in range(3)]


def test_ties_are_broken_by_information_and_support_not_by_the_alphabet():
    from causemap.models import PlanEvidence, PlanItem
    from causemap.planner.ranking import rank

    def cited(n):
        return [
            PlanEvidence(provenance=Provenance(paper_id=f"p{k}", page=1, start=0, end=1, text="x"))
            for k in range(n)
        ]

    items = [
        PlanItem(kind="literature", title="A search", rationale="r", priority=0.5, information=0.5),
        PlanItem(kind="literature", title="B search", rationale="r", priority=0.5, information=1.0),
        PlanItem(
            kind="literature",
            title="C search",
            rationale="r",
            priority=0.5,
            information=1.0,
            evidence=cited(3),
        ),
    ]
    assert [i.title for i in rank(items, 10)] == ["C search", "B search", "A search"]
