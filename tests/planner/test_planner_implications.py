"""Implied independences and negative controls on textbook DAGs with known answers."""

from __future__ import annotations

import networkx as nx

from causemap.planner.implications import (
    Implication,
    confounders,
    implication_for_pair,
    is_negative_control,
    missing_edge_implications,
    nearby_pairs,
    negative_control_exposures,
    negative_control_outcomes,
)


def _as_set(implications):
    return {(i.u, i.v, i.given) for i in implications}


def test_chain_implies_ends_independent_given_the_middle(textbook):
    assert _as_set(missing_edge_implications(textbook["mediator"])) == {("x", "y", frozenset({"m"}))}


def test_complete_graph_implies_nothing(textbook):
    assert missing_edge_implications(textbook["confounder"]) == []


def test_collider_implications_as_dagitty_lists_them(textbook):
    # dagitty: c _||_ ... none; d _||_ x | c; d _||_ y | c; x _||_ y
    assert _as_set(missing_edge_implications(textbook["collider"])) == {
        ("x", "y", frozenset()),
        ("d", "x", frozenset({"c"})),
        ("d", "y", frozenset({"c"})),
    }


def test_m_bias_implications_are_minimal_separators(textbook):
    g = textbook["m_bias"]
    found = {(i.u, i.v): i.given for i in missing_edge_implications(g)}
    # Pairs with a unique minimal separator, as DAGitty lists them.
    assert found[("a", "b")] == frozenset()
    assert found[("b", "x")] == frozenset()
    assert found[("a", "y")] == frozenset({"x"})
    assert found[("m", "x")] == frozenset({"a"})
    # m and y: m <- b -> y needs b; m <- a -> x -> y needs a or x. DAGitty shows one of the two.
    assert found[("m", "y")] in ({"a", "b"}, {"b", "x"})
    assert len(found) == 5  # 10 pairs, 5 adjacent


def test_unmeasured_variables_are_never_conditioned_on(textbook):
    g = textbook["front_door"]
    # x and y cannot be separated by measured variables; u is not in the data.
    assert implication_for_pair(g, "x", "y", observed={"x", "m", "y"}) is None
    assert implication_for_pair(g, "u", "m", observed={"x", "m", "y", "u"}) == Implication(
        "m", "u", frozenset({"x"})
    )


def test_holds_in_tells_candidates_apart():
    with_edge = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    without = nx.DiGraph([("a", "b"), ("b", "c")])
    implication = implication_for_pair(without, "a", "c")
    assert implication.holds_in(without) and not implication.holds_in(with_edge)


def test_nearby_pairs_are_two_steps_apart():
    chain = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")])
    assert nearby_pairs(chain, ["c"]) == [("a", "c"), ("c", "e")]


def test_negative_controls_in_the_textbook_setting(textbook):
    g = textbook["negative_controls"]
    assert confounders(g, "x", "y") == {"c"}
    outcomes = negative_control_outcomes(g, "x", "y", {"c"})
    exposures = negative_control_exposures(g, "x", "y", {"c"})
    assert {nc.variable for nc in outcomes} == {"n", "e"}
    assert {nc.variable for nc in exposures} == {"n", "e"}
    assert all(nc.shared_confounders == {"c"} for nc in outcomes + exposures)


def test_a_cause_of_the_outcome_is_an_outcome_control_but_not_an_exposure_control(textbook):
    g = nx.freeze(nx.DiGraph(list(textbook["negative_controls"].edges) + [("n", "y")]))
    assert is_negative_control(g, "outcome", "x", "y", "n", {"c"})
    assert not is_negative_control(g, "exposure", "x", "y", "n", {"c"})


def test_effects_of_the_exposure_and_unrelated_variables_are_never_controls(textbook):
    g = nx.freeze(
        nx.DiGraph(
            list(textbook["negative_controls"].edges) + [("x", "m"), ("m", "y"), ("y", "after"), ("q", "r")]
        )
    )
    names = {nc.variable for nc in negative_control_outcomes(g, "x", "y", {"c"})}
    names |= {nc.variable for nc in negative_control_exposures(g, "x", "y", {"c"})}
    assert names == {"n", "e"}


def test_a_control_open_to_the_exposure_given_the_adjustment_is_rejected(textbook):
    # n shares a second, unadjusted parent w with x: x and n stay dependent given c.
    g = nx.DiGraph(list(textbook["negative_controls"].edges) + [("w", "x"), ("w", "n")])
    assert not is_negative_control(g, "outcome", "x", "y", "n", {"c"})
    assert is_negative_control(g, "outcome", "x", "y", "n", {"c", "w"})


def test_no_confounders_means_no_controls(textbook):
    assert negative_control_outcomes(textbook["mediator"], "x", "y") == []
