"""Measures of one construct ("obesity", "body mass index", "weight") and labels that name no variable
(a whole claim, a study's role): recognised from name vectors and how the collection treats the
names, and kept out of the plan with the reason. Graphs are built directly; vectors are either
hand-made (to pin each condition) or the real packaged MiniLM model's."""

from __future__ import annotations

import numpy as np
import pytest
from planner_graphs import make_graph

from causemap.planner import make_plan
from causemap.planner.constructs import construct_pairs, constructs
from causemap.planner.grounding import concept_problem

LABELS = {
    "obesity": "obesity",
    "bmi": "body mass index",
    "weight": "weight",
    "hfd": "high-fat diet",
    "sleep": "short sleep",
    "pa": "physical activity",
    "t2d": "type 2 diabetes",
    "inflammation": "inflammation",
}


def _graph(signs: dict[tuple[str, str], str] | None = None):
    """Short sleep raises obesity, BMI and weight; each raises diabetes and inflammation; a high-fat
    diet raises diabetes and inflammation too (a cause of the construct, with no cause of its own
    in the graph); physical activity lowers diabetes and inflammation; obesity -> weight is claimed."""
    edges = {
        ("sleep", "obesity"): 0.6,
        ("sleep", "bmi"): 0.6,
        ("sleep", "weight"): 0.6,
        ("obesity", "t2d"): 0.6,
        ("bmi", "t2d"): 0.6,
        ("weight", "t2d"): 0.6,
        ("obesity", "inflammation"): 0.6,
        ("bmi", "inflammation"): 0.6,
        ("hfd", "t2d"): 0.6,
        ("hfd", "inflammation"): 0.6,
        ("pa", "t2d"): 0.6,
        ("pa", "inflammation"): 0.6,
        ("obesity", "weight"): 0.5,
    }
    graph = make_graph(edges, LABELS, candidates=[list(edges)], papers={e: 1 for e in edges})
    signs = {("pa", "t2d"): "-", ("pa", "inflammation"): "-", **(signs or {})}
    for key, sign in signs.items():
        graph.edges[key] = graph.edges[key].model_copy(update={"polarity": sign})
    return graph


@pytest.fixture(scope="module")
def embedder():
    """The real packaged MiniLM model (loaded offline, once for this module)."""
    from causemap.ingest.embedding import get_embedder

    return get_embedder()


def _vectors(similar: dict[frozenset[str], float]) -> dict[str, np.ndarray]:
    """Unit vectors, one per variable: each has its own axis, and the two of each pair in
    ``similar`` also share one, weighted so that their cosine is about the given value."""
    ids = sorted(LABELS)
    n = len(ids) + len(similar)
    vectors = {v: np.eye(n)[i] for i, v in enumerate(ids)}
    for k, (pair, cosine) in enumerate(similar.items()):
        for v in pair:
            vectors[v] = vectors[v] + np.sqrt(cosine / (1 - cosine)) * np.eye(n)[len(ids) + k]
    return {v: x / np.linalg.norm(x) for v, x in vectors.items()}


def _pairs(graph, vectors):
    return {frozenset((p.a, p.b)) for p in construct_pairs(graph, vectors, lambda v: v, 0.5, 2)}


def test_close_names_with_the_same_causes_and_effects_measure_one_construct():
    vectors = _vectors({frozenset(("obesity", "bmi")): 0.7, frozenset(("bmi", "weight")): 0.7})
    assert _pairs(_graph(), vectors) == {frozenset(("obesity", "bmi")), frozenset(("bmi", "weight"))}
    groups = constructs(sorted(LABELS), construct_pairs(_graph(), vectors, lambda v: v, 0.5, 2))
    assert groups["obesity"] == groups["bmi"] == groups["weight"] != groups["hfd"]


def test_names_far_apart_are_not_one_construct_however_alike_their_edges():
    vectors = _vectors({frozenset(("obesity", "bmi")): 0.3})
    assert _pairs(_graph(), vectors) == set()


def test_a_cause_of_the_construct_shares_its_effects_but_not_its_causes():
    # "high-fat diet" is close to "obesity" and raises what obesity raises, but nothing causes both.
    vectors = _vectors({frozenset(("obesity", "hfd")): 0.7})
    assert _pairs(_graph(), vectors) == set()


def test_opposite_signs_on_a_shared_effect_keep_two_names_apart():
    vectors = _vectors({frozenset(("obesity", "bmi")): 0.7})
    assert _pairs(_graph({("bmi", "t2d"): "-"}), vectors) == set()


def test_a_claim_between_them_keeps_two_names_apart():
    vectors = _vectors({frozenset(("obesity", "weight")): 0.7})  # obesity -> weight is claimed
    assert _pairs(_graph(), vectors) == set()


def test_the_plan_drops_a_study_between_measures_of_one_construct_with_the_reason():
    graph = _graph()
    vectors = _vectors({frozenset(("obesity", "bmi")): 0.7, frozenset(("bmi", "weight")): 0.7})
    title = "Experiment: does obesity affect weight?"
    without = make_plan(graph, use_dowhy=False)
    assert title in [i.title for i in without.items]  # without name vectors nothing tells them apart
    plan = make_plan(graph, use_dowhy=False, name_vectors=vectors)
    assert title not in [i.title for i in plan.items]
    reasons = [d.reason for d in plan.dropped if d.title == title]
    assert reasons and "measures of one construct" in reasons[0]
    for item in plan.items:
        if item.kind == "refutation" and item.title.startswith("Test the implied independence"):
            tested = set(item.variables[:2])
            assert not tested <= {"obesity", "bmi", "weight"}, item.title


def test_real_name_vectors_join_measures_of_adiposity_and_not_its_cause(embedder):
    graph = _graph()
    labels = sorted(LABELS)
    vectors = dict(zip(labels, embedder.embed([LABELS[v] for v in labels]), strict=True))
    pairs = _pairs(graph, vectors)
    assert frozenset(("obesity", "bmi")) in pairs
    assert not any("hfd" in p or "pa" in p for p in pairs)


@pytest.mark.parametrize(
    "label",
    [
        "voluntary wheel running attenuated high-fat diet-induced insulin resistance",
        "high-fat feeding increased fasting glucose",
        "cardiometabolic outcome",
        "lifestyle confounders",
    ],
)
def test_a_claim_cut_out_whole_or_a_study_role_is_no_variable(label):
    assert concept_problem(label) is not None


@pytest.mark.parametrize(
    "label",
    [
        "heart failure with reduced ejection fraction",
        "hypertension induced by salt",
        "reduced ejection fraction",
        "diet-induced obesity",
        "tumour necrosis factor alpha",
    ],
)
def test_participles_that_modify_a_noun_leave_a_variable(label):
    assert concept_problem(label) is None


def test_one_implied_independence_per_pair_of_concepts():
    labels = {"s": "lwoffii", "m": "serious neonatal infection", "b": "biofilm"}
    labels["f"] = "biofilm formed by both strains"  # a biofilm: the participle opens a post-modifier
    edges = {("s", "m"): 0.4, ("m", "b"): 0.4, ("m", "f"): 0.4}
    graph = make_graph(edges, labels, candidates=[list(edges)])
    plan = make_plan(graph, use_dowhy=False)
    tests = [i for i in plan.items if i.action.method == "conditional_independence_test"]
    about = [
        i
        for i in tests
        if {i.action.arguments["x"], i.action.arguments["y"]} & {"b", "f"} and "s" in i.variables[:2]
    ]
    assert len(about) == 1, [i.title for i in tests]
    reasons = [d.reason for d in plan.dropped if d.title.startswith("Test the implied independence")]
    assert any(r.startswith("the same test as") for r in reasons)
