"""Candidate DAGs and feedback arc sets: exactness against brute force, alternatives, determinism."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from causemap.graphbuilder.arc_graphs import strongly_connected_components
from causemap.graphbuilder.candidates import (
    candidate_dags,
    edge_weight,
    k_best_feedback_arc_sets,
)
from causemap.graphbuilder.feedback_arcs import minimalise, minimum_feedback_arc_set


def _frozen(edges: dict[tuple[str, str], float]) -> nx.DiGraph:
    g = nx.DiGraph()
    for (s, t), belief in edges.items():
        g.add_edge(s, t, belief=belief)
    return nx.freeze(g)


@pytest.fixture(scope="module")
def asia() -> nx.DiGraph:
    """Lauritzen and Spiegelhalter's chest clinic network: a DAG."""
    return _frozen(
        {
            ("asia", "tub"): 0.6,
            ("smoke", "lung"): 0.9,
            ("smoke", "bronc"): 0.8,
            ("tub", "either"): 0.7,
            ("lung", "either"): 0.7,
            ("either", "xray"): 0.85,
            ("either", "dysp"): 0.5,
            ("bronc", "dysp"): 0.75,
        }
    )


@pytest.fixture(scope="module")
def feedback_triangle() -> nx.DiGraph:
    """A three-cycle with one weak edge, hanging off a chain."""
    return _frozen({("a", "b"): 0.9, ("b", "c"): 0.8, ("c", "a"): 0.3, ("c", "d"): 0.7})


def _beliefs(g: nx.DiGraph) -> dict[tuple[str, str], float]:
    return {(s, t): d["belief"] for s, t, d in g.edges(data=True)}


def _is_acyclic(arcs) -> bool:
    return not strongly_connected_components(list(arcs))


def _random_weights(rng: random.Random, n_nodes: int, n_arcs: int) -> dict[tuple[str, str], float]:
    weights: dict[tuple[str, str], float] = {}
    n_arcs = min(n_arcs, n_nodes * (n_nodes - 1))
    while len(weights) < n_arcs:
        u, v = rng.sample(range(n_nodes), 2)
        weights[(f"v{u}", f"v{v}")] = round(rng.uniform(0.05, 2.0), 3)
    return weights


def _all_minimal_fas_costs(weights: dict[tuple[str, str], float]) -> list[float]:
    """Every minimal feedback arc set by brute force, as sorted costs."""
    arcs = sorted(weights)
    costs = []
    for r in range(len(arcs) + 1):
        for removed in itertools.combinations(arcs, r):
            kept = [a for a in arcs if a not in removed]
            if not _is_acyclic(kept):
                continue
            if all(not _is_acyclic(kept + [a]) for a in removed):
                costs.append(sum(weights[a] for a in removed))
    return sorted(costs)


def test_a_dag_is_its_own_single_candidate(asia):
    dags = candidate_dags(_beliefs(asia), k=3)
    assert len(dags) == 1
    assert set(dags[0].edges) == set(asia.edges)
    assert dags[0].dropped == [] and dags[0].score == 0.0


def test_the_weakest_edge_of_a_cycle_is_dropped_with_its_reason(feedback_triangle):
    best = candidate_dags(_beliefs(feedback_triangle), k=3)[0]
    assert [d.edge for d in best.dropped] == [("c", "a")]
    reason = best.dropped[0].reason
    assert "c -> a -> b -> c" in reason and "least believed" in reason and "0.30" in reason
    assert nx.is_directed_acyclic_graph(best.to_networkx())


def test_alternatives_break_the_cycle_differently_and_rank_by_score(feedback_triangle):
    dags = candidate_dags(_beliefs(feedback_triangle), k=3)
    assert [d.rank for d in dags] == [1, 2, 3]
    dropped_sets = [frozenset(d.edge for d in dag.dropped) for dag in dags]
    assert len(set(dropped_sets)) == 3  # one edge of the triangle each
    assert all(len(s) == 1 and next(iter(s)) != ("c", "d") for s in dropped_sets)
    assert [d.score for d in dags] == sorted((d.score for d in dags), reverse=True)
    assert all(nx.is_directed_acyclic_graph(d.to_networkx()) for d in dags)


@pytest.mark.parametrize("seed", range(40))
def test_exact_solver_matches_brute_force(seed):
    rng = random.Random(seed)
    weights = _random_weights(rng, rng.randint(3, 6), rng.randint(4, 11))
    fas = minimum_feedback_arc_set(weights)
    assert fas.exact
    assert _is_acyclic(a for a in weights if a not in fas)
    assert fas.cost == pytest.approx(_all_minimal_fas_costs(weights)[0])


@pytest.mark.parametrize("seed", range(12))
def test_k_best_are_the_cheapest_minimal_feedback_arc_sets(seed):
    rng = random.Random(100 + seed)
    weights = _random_weights(rng, rng.randint(3, 5), rng.randint(5, 9))
    expected = _all_minimal_fas_costs(weights)[:3]
    found = k_best_feedback_arc_sets(weights, k=3)
    assert [f.cost for f in found] == pytest.approx(expected)
    assert len({frozenset(f) for f in found}) == len(found)
    for f in found:  # each is minimal: no dropped arc could be put back
        assert minimalise(list(weights), f, weights) == f


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_gives_a_minimal_acyclic_result_close_to_exact(seed):
    rng = random.Random(200 + seed)
    ring = {(f"v{i}", f"v{(i + 1) % 6}"): round(rng.uniform(0.05, 2.0), 3) for i in range(6)}
    weights = _random_weights(rng, 6, 8) | ring  # the ring makes sure there is a cycle
    heuristic = minimum_feedback_arc_set(weights, exact_limit=0)
    exact = minimum_feedback_arc_set(weights)
    assert not heuristic.exact
    assert _is_acyclic(a for a in weights if a not in heuristic)
    assert minimalise(list(weights), heuristic, weights) == heuristic
    assert exact.cost <= heuristic.cost <= 2.0 * exact.cost + 1e-9


def test_heuristic_on_a_large_component_leaves_a_dag():
    rng = random.Random(7)
    weights = _random_weights(rng, 120, 900)
    fas = minimum_feedback_arc_set(weights)
    assert not fas.exact
    assert _is_acyclic(a for a in weights if a not in fas)
    assert minimalise(list(weights), fas, weights) == fas


def test_kept_arcs_are_never_dropped_and_an_all_kept_cycle_is_infeasible():
    weights = {("a", "b"): 0.1, ("b", "c"): 0.2, ("c", "a"): 5.0}
    fas = minimum_feedback_arc_set(weights, keep={("a", "b"), ("b", "c")})
    assert set(fas) == {("c", "a")}
    assert minimum_feedback_arc_set(weights, keep=set(weights)) is None


def test_candidates_are_deterministic_whatever_the_input_order(feedback_triangle):
    beliefs = _beliefs(feedback_triangle) | {("d", "b"): 0.45, ("x", "y"): 0.2, ("y", "x"): 0.2}
    items = list(beliefs.items())
    reference = candidate_dags(dict(items), k=3)
    for seed in range(5):
        random.Random(seed).shuffle(items)
        assert candidate_dags(dict(items), k=3) == reference


def test_large_graph_candidates_are_deterministic_and_acyclic():
    rng = random.Random(11)
    beliefs = {a: min(w / 2.0, 0.99) for a, w in _random_weights(rng, 60, 400).items()}
    items = list(beliefs.items())
    reference = candidate_dags(dict(items), k=3)
    random.Random(1).shuffle(items)
    assert candidate_dags(dict(items), k=3) == reference
    assert len(reference) == 3
    assert [d.score for d in reference] == sorted((d.score for d in reference), reverse=True)
    for dag in reference:
        assert nx.is_directed_acyclic_graph(dag.to_networkx())


def test_excluded_edges_are_in_no_candidate_and_say_why(feedback_triangle):
    beliefs = _beliefs(feedback_triangle) | {("d", "a"): 0.0}
    dags = candidate_dags(beliefs, k=2, excluded={("d", "a"): "only null evidence"})
    for dag in dags:
        assert ("d", "a") not in dag.edges
        assert ("d", "a", "only null evidence") in [(*d.edge, d.reason) for d in dag.dropped]


def test_edge_weight_grows_with_belief_and_stays_finite():
    weights = [edge_weight(b) for b in (0.0, 0.2, 0.5, 0.9, 1.0)]
    assert weights == sorted(weights) and weights[0] == 0.0
    assert all(w < float("inf") for w in weights)
