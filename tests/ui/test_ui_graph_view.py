"""What the Graph page draws for a large collection: the selection (filters, neighbourhood, strongest N),
the layered layout, the positions handed to the browser, and the words shown for stored codes."""

from __future__ import annotations

import json
import random
import re

import pytest

from causemap.graphbuilder.knowledge_graph import CandidateDAG, Contradiction, KnowledgeGraph
from causemap.models import ClaimRole, Edge, Evidence, Provenance, StudyDesign, Variable
from causemap.ui.graph_select import GraphQuery, neighbourhood, select
from causemap.ui.graph_view import network_data, network_html
from causemap.ui.labels import edge_polarity, polarity_breakdown, polarity_code, polarity_label
from causemap.ui.layout import layered_layout


def evidence(
    paper: str,
    design: StudyDesign = StudyDesign.UNKNOWN,
    role: ClaimRole = ClaimRole.FINDING,
    relation: str = "causal",
) -> Evidence:
    where = Provenance(paper_id=paper, title=paper, page=1, start=0, end=5, text="quote")
    return Evidence(claim_id=paper, provenance=where, design=design, role=role, relation=relation)


def edge(s: str, t: str, belief: float, *ev: Evidence, contested: bool = False) -> Edge:
    return Edge(
        source=s,
        target=t,
        belief=belief,
        polarity="+",
        n_papers=len(ev),
        contradiction=contested,
        evidence=list(ev),
    )


@pytest.fixture()
def chain() -> KnowledgeGraph:
    """a → b → c → d → e, plus x → c; beliefs fall along the chain; b → c is contested."""
    edges = {
        ("a", "b"): edge("a", "b", 0.9, evidence("p1", StudyDesign.RCT)),
        ("b", "c"): edge("b", "c", 0.7, evidence("p2", role=ClaimRole.BACKGROUND), contested=True),
        ("c", "d"): edge("c", "d", 0.5, evidence("p3", relation="correlational")),
        ("d", "e"): edge("d", "e", 0.3, evidence("p4", StudyDesign.COHORT)),
        ("x", "c"): edge("x", "c", 0.1, evidence("p5", StudyDesign.RCT, ClaimRole.BACKGROUND)),
    }
    variables = {v: Variable(id=v, label=f"variable {v}") for v in "abcdex"}
    contradiction = Contradiction("b", "c", "opposite_sign", "b raises and lowers c")
    candidate = CandidateDAG(1, 1.0, list(edges))
    return KnowledgeGraph(variables, edges, [contradiction], [candidate])


def test_the_page_opens_on_the_strongest_edges(chain):
    shown = select(chain, GraphQuery(max_edges=2))
    assert list(shown.graph.edges) == [("a", "b"), ("b", "c")]
    assert set(shown.graph.variables) == {"a", "b", "c"}
    assert (shown.matching, shown.total, shown.truncated) == (5, 5, True)
    assert shown.graph.candidates[0].edges == [("a", "b"), ("b", "c")]


def test_minimum_belief_and_contested_filter_edges(chain):
    assert set(select(chain, GraphQuery(min_belief=0.5)).graph.edges) == {("a", "b"), ("b", "c"), ("c", "d")}
    contested = select(chain, GraphQuery(contested_only=True))
    assert list(contested.graph.edges) == [("b", "c")]
    assert [c.description for c in contested.graph.contradictions] == ["b raises and lowers c"]
    assert select(chain, GraphQuery(max_edges=1)).graph.contradictions == []


def test_evidence_filters_need_one_piece_of_evidence_matching_them_all(chain):
    assert set(select(chain, GraphQuery(designs=("rct",))).graph.edges) == {("a", "b"), ("x", "c")}
    assert set(select(chain, GraphQuery(roles=("background",))).graph.edges) == {("b", "c"), ("x", "c")}
    both = select(chain, GraphQuery(designs=("rct",), roles=("background",)))
    assert set(both.graph.edges) == {("x", "c")}
    assert set(select(chain, GraphQuery(relations=("correlational",))).graph.edges) == {("c", "d")}


def test_centring_on_a_variable_draws_its_neighbourhood_nearest_first(chain):
    one_step = select(chain, GraphQuery(focus="c", hops=1))
    assert set(one_step.graph.edges) == {("b", "c"), ("c", "d"), ("x", "c")}
    assert one_step.focus == "c"
    two_steps = select(chain, GraphQuery(focus="c", hops=2))
    assert set(two_steps.graph.edges) == set(chain.edges)
    # Cut to three edges, the centre's own edges are kept before stronger edges further away.
    assert set(select(chain, GraphQuery(focus="c", hops=2, max_edges=3)).graph.edges) == set(
        one_step.graph.edges
    )
    alone = select(chain, GraphQuery(focus="e", hops=1, min_belief=0.95))
    assert alone.graph.edges == {} and set(alone.graph.variables) == {"e"}
    assert select(chain, GraphQuery(focus="no such variable")).focus is None


def test_neighbourhood_follows_edges_both_ways():
    assert neighbourhood([("a", "b"), ("c", "b")], "b", 1) == {"b": 0, "a": 1, "c": 1}
    assert neighbourhood([("a", "b")], "z", 3) == {"z": 0}


# -- layout ---------------------------------------------------------------------------------------------
def columns(positions):
    return {node: x for node, (x, _) in positions.items()}


def test_layered_layout_puts_every_cause_left_of_its_effects_in_a_dag():
    # The "asia" network (Lauritzen and Spiegelhalter), a textbook DAG.
    asia = [
        ("asia", "tub"),
        ("smoke", "lung"),
        ("smoke", "bronc"),
        ("tub", "either"),
        ("lung", "either"),
        ("either", "xray"),
        ("either", "dysp"),
        ("bronc", "dysp"),
    ]
    x = columns(layered_layout([], asia))
    assert all(x[s] < x[t] for s, t in asia)
    ys = [y for _, y in layered_layout([], asia).values()]
    assert len(set(layered_layout([], asia).values())) == 8, "no two variables on one spot"
    assert min(ys) < 0 < max(ys)


def test_a_cycle_is_drawn_backwards_at_its_weakest_edge():
    cycle = [("a", "b"), ("b", "c"), ("c", "a")]
    x = columns(layered_layout([], cycle, weights={("a", "b"): 0.9, ("b", "c"): 0.8, ("c", "a"): 0.1}))
    assert x["a"] < x["b"] < x["c"]
    x = columns(layered_layout([], cycle, weights={("a", "b"): 0.1, ("b", "c"): 0.8, ("c", "a"): 0.9}))
    assert x["b"] < x["c"] < x["a"]


def test_barycentre_ordering_uncrosses_a_crossed_pair():
    # a1 → b1, a2 → b2; names sort b-columns the crossing way round, the heuristic must undo it.
    edges = [("a1", "z_b1"), ("a2", "b2")]
    pos = layered_layout([], edges)
    assert (pos["a1"][1] < pos["a2"][1]) == (pos["z_b1"][1] < pos["b2"][1])


def test_a_tall_column_is_wrapped_so_the_drawing_is_wide_not_a_strip():
    # Twenty causes of one effect, and twenty effects of another cause: two columns of twenty.
    edges = [(f"cause {i:02}", "outcome") for i in range(20)] + [
        ("outcome", f"effect {i:02}") for i in range(20)
    ]
    pos = layered_layout([], edges)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert len(set(xs)) > 3 and width > 0.8 * height, (width, height)  # unwrapped: 520 wide, 1,330 high
    assert len(set(pos.values())) == len(pos), "no two variables on one spot"
    assert all(pos[s][0] < pos[t][0] for s, t in edges), "causes stay left of their effects"
    # Drawn on a tall canvas, the same graph keeps its columns whole.
    tall = layered_layout([], edges, aspect=0.05)
    assert len({x for x, _ in tall.values()}) == 3


def test_layered_layout_is_deterministic_and_handles_isolated_variables():
    rng = random.Random(3)
    nodes = [f"v{i}" for i in range(60)]
    edges = list({tuple(rng.sample(nodes, 2)) for _ in range(150)})
    first = layered_layout(nodes + ["alone"], edges)
    assert first == layered_layout(nodes + ["alone"], list(reversed(edges)))
    assert set(first) == set(nodes) | {"alone"}
    assert layered_layout([], []) == {}


# -- what the browser receives -------------------------------------------------------------------------
def test_positions_fix_the_drawing_and_turn_physics_off(chain):
    positions = layered_layout(chain.variables, chain.edges)
    data = network_data(chain, positions=positions, focus="c")
    by_id = {n["id"]: n for n in data["nodes"]}
    assert (by_id["a"]["x"], by_id["a"]["y"]) == tuple(round(c, 1) for c in positions["a"])
    assert by_id["c"]["color"] != by_id["a"].get("color") and data["focus"] == "c"
    html = network_html(chain, positions=positions)
    options = json.loads(re.search(r"const options = (\{.*?\});\n", html, re.S).group(1))
    assert options["physics"] is False
    free = json.loads(re.search(r"const options = (\{.*?\});\n", network_html(chain), re.S).group(1))
    assert free["physics"]["solver"] == "barnesHut"


def test_long_names_are_cut_on_the_canvas_but_kept_whole_in_the_panel(chain):
    long_name = "serum concentration of 25-hydroxyvitamin D in postmenopausal women"
    chain.variables["a"] = Variable(id="a", label=long_name)
    node = next(n for n in network_data(chain)["nodes"] if n["id"] == "a")
    assert len(node["label"]) <= 40 and node["label"].endswith("…")
    assert node["name"] == long_name and node["title"].startswith(long_name)


# -- labels -----------------------------------------------------------------------------------------------
def test_one_spelling_for_an_unknown_polarity():
    assert {polarity_label(p) for p in (None, "", "none")} == {"unknown"}
    assert polarity_code(polarity_label(None)) is None
    for code in ("+", "-", "0"):
        assert polarity_code(polarity_label(code)) == code
    with pytest.raises(ValueError, match="unknown polarity 'sideways'"):
        polarity_code("sideways")


def test_edge_polarity_and_counts_read_as_words():
    assert edge_polarity(None, {"+": 2, "-": 2}) == "mixed"
    assert edge_polarity("-", {"-": 3, "+": 1}) == "decreases"
    text = polarity_breakdown({"+": 5, "-": 1})
    assert text == "5 increases, 1 decreases" and "{" not in text
