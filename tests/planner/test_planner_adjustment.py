"""Identification on textbook DAGs whose answers are known, and on random DAGs against brute force."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from causemap.planner.adjustment import (
    Instrument,
    d_connected,
    frontdoor_sets,
    identify_target,
    instruments,
    is_backdoor_set,
    is_d_separated,
    is_frontdoor_set,
    is_instrument,
    minimal_adjustment_sets,
    minimal_vertex_separators,
)
from causemap.planner.dowhy_tools import dowhy_identify


def test_confounder_needs_its_common_cause(textbook):
    sets, truncated = minimal_adjustment_sets(textbook["confounder"], "x", "y")
    assert sets == [frozenset({"z"})] and not truncated


def test_mediator_needs_nothing_and_must_not_be_adjusted(textbook):
    g = textbook["mediator"]
    assert minimal_adjustment_sets(g, "x", "y")[0] == [frozenset()]
    assert not is_backdoor_set(g, "x", "y", {"m"})  # a descendant of X


def test_m_bias_adjusting_for_the_collider_opens_a_path(textbook):
    g = textbook["m_bias"]
    assert minimal_adjustment_sets(g, "x", "y")[0] == [frozenset()]
    assert not is_backdoor_set(g, "x", "y", {"m"})
    assert is_backdoor_set(g, "x", "y", {"m", "a"}) and is_backdoor_set(g, "x", "y", {"m", "b"})


def test_m_bias_with_a_direct_confounding_path_needs_a(textbook):
    # With A -> Y the empty set no longer works: X <- A -> Y must be blocked, and A alone does it.
    g = nx.DiGraph(list(textbook["m_bias"].edges) + [("a", "y")])
    sets, _ = minimal_adjustment_sets(g, "x", "y")
    assert sets == [frozenset({"a"})]


def test_unmeasured_confounder_leaves_no_adjustment_but_an_instrument(textbook):
    g = textbook["instrument"]
    observed = {"z", "x", "y"}
    assert minimal_adjustment_sets(g, "x", "y", observed)[0] == []
    assert instruments(g, "x", "y", observed) == [Instrument("z")]
    assert not is_instrument(g, "x", "y", "u")


def test_front_door_through_the_mediator(textbook):
    g = textbook["front_door"]
    observed = {"x", "m", "y"}
    assert minimal_adjustment_sets(g, "x", "y", observed)[0] == []
    assert frontdoor_sets(g, "x", "y", observed) == [frozenset({"m"})]
    result = identify_target(g, "x", "y", observed)
    assert result.identifiable and result.frontdoor_sets == [frozenset({"m"})]


def test_front_door_fails_when_the_mediator_is_confounded_with_the_outcome(textbook):
    g = nx.DiGraph(list(textbook["front_door"].edges) + [("w", "m"), ("w", "y")])
    assert not is_frontdoor_set(g, "x", "y", {"m"})


def test_conditional_instrument_is_found_with_its_conditioning_set():
    # Z <- W -> Y makes Z an instrument only given W.
    g = nx.freeze(nx.DiGraph([("z", "x"), ("w", "z"), ("w", "y"), ("u", "x"), ("u", "y"), ("x", "y")]))
    found = instruments(g, "x", "y", observed={"z", "w", "x", "y"})
    assert Instrument("z", frozenset({"w"})) in found
    assert not is_instrument(g, "x", "y", "z")


def test_no_causal_path_is_reported_as_such(textbook):
    result = identify_target(textbook["collider"], "x", "y")
    assert not result.has_causal_path and result.identifiable


def test_dowhy_agrees_on_textbook_graphs(textbook):
    for name, observed in [
        ("confounder", None),
        ("m_bias", None),
        ("instrument", {"z", "x", "y"}),
        ("front_door", {"x", "m", "y"}),
    ]:
        g = textbook[name]
        ours = identify_target(g, "x", "y", observed)
        theirs = dowhy_identify(g, "x", "y", observed)
        if theirs["backdoor"] is None:
            assert not ours.adjustment_sets, name
        else:
            assert is_backdoor_set(g, "x", "y", theirs["backdoor"]), name
            assert frozenset(theirs["backdoor"]) in ours.adjustment_sets, name
        assert sorted(theirs["instruments"]) == sorted(
            i.variable for i in ours.instruments if not i.conditional_on
        ), name
        assert bool(theirs["frontdoor"]) == bool(ours.frontdoor_sets), name


def _random_dag(rng: random.Random, n: int, p: float) -> nx.DiGraph:
    nodes = [f"n{i}" for i in range(n)]
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1 :] if rng.random() < p)
    return g


def _brute_force_minimal_sets(g, x, y, observed):
    allowed = sorted(set(observed) - nx.descendants(g, x) - {x, y})
    valid = [
        frozenset(c)
        for k in range(len(allowed) + 1)
        for c in itertools.combinations(allowed, k)
        if is_backdoor_set(g, x, y, c)
    ]
    return sorted((s for s in valid if not any(t < s for t in valid)), key=lambda s: (len(s), sorted(s)))


def test_minimal_adjustment_sets_match_brute_force_on_random_dags():
    rng = random.Random(7)
    checked = 0
    for _ in range(150):
        g = nx.freeze(_random_dag(rng, rng.randint(3, 8), rng.uniform(0.2, 0.6)))
        x, y = sorted(rng.sample(sorted(g), 2), key=lambda v: int(v[1:]))
        observed = {v for v in g if rng.random() < 0.8} | {x, y}
        sets, _ = minimal_adjustment_sets(g, x, y, observed, limit=1000)
        assert sets == _brute_force_minimal_sets(g, x, y, observed), (sorted(g.edges), x, y)
        checked += bool(sets)
    assert checked > 50  # the comparison saw many non-trivial cases


def test_d_connected_matches_networkx_d_separation():
    rng = random.Random(11)
    for _ in range(200):
        g = nx.freeze(_random_dag(rng, rng.randint(3, 9), 0.35))
        u, v = rng.sample(sorted(g), 2)
        rest = sorted(set(g) - {u, v})
        given = set(rng.sample(rest, rng.randint(0, len(rest))))
        assert is_d_separated(g, u, v, given) == nx.is_d_separator(g, {u}, {v}, given)
    assert d_connected(nx.DiGraph([("a", "b")]), {"a"}) == {"a", "b"}


def test_vertex_separators_of_a_cycle_are_the_opposite_pairs():
    cycle = nx.cycle_graph(6)  # 0-1-2-3-4-5-0
    cycle = nx.relabel_nodes(cycle, str)
    found = {frozenset(s) for s in minimal_vertex_separators(cycle, "0", "3")}
    assert found == {frozenset(p) for p in [("1", "5"), ("1", "4"), ("2", "5"), ("2", "4")]}


@pytest.mark.parametrize("limit", [1, 2])
def test_listing_stops_at_the_limit(limit):
    # X and Y joined by three parallel confounded paths: 2 x 2 x 2 minimal sets.
    edges = []
    for i in range(3):
        edges += [(f"a{i}", "x"), (f"a{i}", f"b{i}"), (f"b{i}", "y")]
    g = nx.DiGraph(edges + [("x", "y")])
    sets, truncated = minimal_adjustment_sets(g, "x", "y", limit=limit)
    assert len(sets) == limit and truncated
    assert len(minimal_adjustment_sets(g, "x", "y")[0]) == 8
