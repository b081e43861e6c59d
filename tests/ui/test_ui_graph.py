"""The Graph page: the network, filters, candidate DAGs, edge evidence, variable decisions, exports."""

from __future__ import annotations

import pytest

from causemap.graphbuilder.exporters import EXPORTERS
from causemap.graphbuilder.graph_service import build_workspace_graph


@pytest.fixture()
def graph_page(app, sample_ws):
    at = app(sample_ws)
    at.switch_page("pages/graph.py").run()
    assert not at.exception
    return at


def stored_graph(ws):
    return build_workspace_graph(ws.store, ws.settings, min_belief=0.0)


def show(at, section: str):
    """Open one of the page's sections (Edge evidence, Contradictions, Variables, Export)."""
    at.segmented_control(key="graph_section").set_value(section).run()
    assert not at.exception
    return at


def network_frames(at) -> list:
    return [e for e in at.get("iframe") if "vis.Network" in str(e.proto)]


def test_the_network_and_every_export_are_offered(graph_page):
    assert len(network_frames(graph_page)) == 1
    show(graph_page, "Export")
    assert {b.key for b in graph_page.get("download_button")} == {f"graph_download_{f}" for f in EXPORTERS}


def test_choosing_an_edge_shows_its_quotes_with_paper_and_page(graph_page, sample_ws, open_ws):
    graph = stored_graph(open_ws(sample_ws))
    box = graph_page.selectbox(key="graph_edge")
    for option in box.options[:3]:
        box.set_value(option).run()
        source_label, rest = option.split(" → ", 1)
        edge = next(
            e
            for (s, t), e in graph.edges.items()
            if graph.variables[s].label == source_label and rest.startswith(graph.variables[t].label + " (")
        )
        quotes = [m.value for m in graph_page.markdown if m.value.startswith("> ")]
        assert len(quotes) == len(edge.evidence)
        for text, evidence in zip(quotes, edge.evidence, strict=True):
            assert evidence.quote in text and f"p. {evidence.page}" in text


def test_min_belief_filters_edges(graph_page):
    graph_page.slider(key="graph_min_belief").set_value(1.0).run()
    assert not graph_page.exception
    assert any("No edge passes the filters" in w.value for w in graph_page.warning)
    assert network_frames(graph_page) == []


def test_a_candidate_dag_shows_what_it_dropped(graph_page, sample_ws, open_ws):
    graph = stored_graph(open_ws(sample_ws))
    assert graph.candidates, "the sample graph has candidate DAGs"
    top = graph.candidates[0]
    graph_page.selectbox(key="graph_candidate").set_value(top.rank).run()
    assert not graph_page.exception
    labels = [e.label for e in graph_page.expander]
    assert f"What candidate DAG #{top.rank} dropped ({len(top.dropped)} edges)" in labels


def test_merging_two_variables_is_stored_and_rebuilds_the_graph(graph_page, sample_ws, open_ws):
    ws = open_ws(sample_ws)
    before = stored_graph(ws)
    a, b = sorted(before.variables)[:2]
    show(graph_page, "Variables")
    graph_page.multiselect(key="graph_merge_ids").set_value([a, b])
    graph_page.text_input(key="graph_merge_label").input("merged test variable")
    graph_page.button(key="graph_merge").click().run()
    assert not graph_page.exception
    decisions = ws.store.variable_decisions()
    assert [d["kind"] for d in decisions] == ["merge"] and decisions[0]["variables"] == [a, b]
    after = stored_graph(ws)
    merged = [v for v in after.variables.values() if v.label == "merged test variable"]
    assert len(merged) == 1
    assert set(before.variables[a].aliases) | set(before.variables[b].aliases) <= set(merged[0].aliases)
    assert len(after.variables) == len(before.variables) - 1
    assert "merged test variable" in graph_page.selectbox(key="graph_rename_id").options


def test_renaming_a_variable_is_stored(graph_page, sample_ws, open_ws):
    ws = open_ws(sample_ws)
    target = sorted(stored_graph(ws).variables)[0]
    show(graph_page, "Variables")
    graph_page.selectbox(key="graph_rename_id").set_value(target)
    graph_page.text_input(key="graph_rename_label").input("a clearer name")
    graph_page.button(key="graph_rename").click().run()
    assert not graph_page.exception
    assert [d["kind"] for d in ws.store.variable_decisions()] == ["rename"]
    assert "a clearer name" in {v.label for v in stored_graph(ws).variables.values()}


def test_an_impossible_decision_is_explained_not_stored(graph_page, sample_ws, open_ws):
    show(graph_page, "Variables")
    graph_page.multiselect(key="graph_merge_ids").set_value([])
    graph_page.button(key="graph_merge").click().run()
    assert any("at least two" in e.value for e in graph_page.error)
    assert open_ws(sample_ws).store.variable_decisions() == []


def test_contradictions_are_listed_with_both_sides(graph_page, sample_ws, open_ws):
    graph = stored_graph(open_ws(sample_ws))
    show(graph_page, "Contradictions")
    text = " ".join(m.value for m in graph_page.markdown) + " ".join(c.value for c in graph_page.caption)
    for contradiction in graph.contradictions:
        assert contradiction.description in text
        for evidence in contradiction.supporting[:5] + contradiction.opposing[:5]:
            assert evidence.quote in text
