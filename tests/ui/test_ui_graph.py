"""The Graph page: the network, filters, candidate DAGs, edge evidence, variable decisions, exports."""

from __future__ import annotations

import json
import re

import pytest

from causemap.graphbuilder.exporters import EXPORTERS
from causemap.graphbuilder.graph_service import build_workspace_graph
from causemap.ui import jobs


@pytest.fixture()
def sample_view(open_ws, sample_ws):
    """The sample workspace opened beside the app, before it: opening a workspace commits (its schema
    version), which the app rightly takes as a change of the data."""
    return open_ws(sample_ws)


@pytest.fixture()
def graph_page(graph_page_of, sample_ws, sample_view):
    at = graph_page_of(sample_ws)
    assert not at.exception
    assert network_frames(at), "the page shows the graph once it is built"
    return at


def settle(at, workspace):
    """Run the page again once the graph it is rebuilding in the background is built."""
    job = jobs.current_job(str(workspace.resolve()) + "#graph")
    if job is not None:
        assert job.wait(120) and job.status == "done", job.error
    at.run()
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
    # A download must not rerun the page: a rerun left the other export buttons disabled (a CI flake).
    assert all(b.proto.ignore_rerun for b in graph_page.get("download_button"))


def test_choosing_an_edge_shows_its_quotes_with_paper_and_page(graph_page, sample_ws, sample_view):
    graph = stored_graph(sample_view)
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


def test_a_candidate_dag_shows_what_it_dropped(graph_page, sample_ws, sample_view):
    graph = stored_graph(sample_view)
    assert graph.candidates, "the sample graph has candidate DAGs"
    top = graph.candidates[0]
    graph_page.selectbox(key="graph_candidate").set_value(top.rank).run()
    assert not graph_page.exception
    labels = [e.label for e in graph_page.expander]
    assert f"What candidate DAG #{top.rank} dropped ({len(top.dropped)} edges)" in labels


def test_merging_two_variables_is_stored_and_rebuilds_the_graph(graph_page, sample_ws, sample_view):
    ws = sample_view
    before = stored_graph(ws)
    a, b = sorted(before.variables)[:2]
    show(graph_page, "Variables")
    graph_page.multiselect(key="graph_merge_ids").set_value([a, b])
    graph_page.text_input(key="graph_merge_label").input("merged test variable")
    graph_page.button(key="graph_merge").click().run()
    assert not graph_page.exception
    settle(graph_page, sample_ws)  # the decision changed the data: the graph is rebuilt
    decisions = ws.store.variable_decisions()
    assert [d["kind"] for d in decisions] == ["merge"] and decisions[0]["variables"] == [a, b]
    after = stored_graph(ws)
    merged = [v for v in after.variables.values() if v.label == "merged test variable"]
    assert len(merged) == 1
    assert set(before.variables[a].aliases) | set(before.variables[b].aliases) <= set(merged[0].aliases)
    assert len(after.variables) == len(before.variables) - 1
    assert "merged test variable" in graph_page.selectbox(key="graph_rename_id").options


def test_renaming_a_variable_is_stored(graph_page, sample_ws, sample_view):
    ws = sample_view
    target = sorted(stored_graph(ws).variables)[0]
    show(graph_page, "Variables")
    graph_page.selectbox(key="graph_rename_id").set_value(target)
    graph_page.text_input(key="graph_rename_label").input("a clearer name")
    graph_page.button(key="graph_rename").click().run()
    assert not graph_page.exception
    assert [d["kind"] for d in ws.store.variable_decisions()] == ["rename"]
    assert "a clearer name" in {v.label for v in stored_graph(ws).variables.values()}


def test_a_variable_decision_can_be_undone(graph_page, sample_ws, sample_view):
    ws = sample_view
    target = sorted(stored_graph(ws).variables)[0]
    before = stored_graph(ws).variables[target].label
    show(graph_page, "Variables")
    assert graph_page.button(key="graph_undo").disabled
    graph_page.selectbox(key="graph_rename_id").set_value(target)
    graph_page.text_input(key="graph_rename_label").input("a clearer name")
    graph_page.button(key="graph_rename").click().run()
    settle(graph_page, sample_ws)
    show(graph_page, "Variables")
    undo = graph_page.button(key="graph_undo")
    assert undo.label.startswith("Undo: ") and "a clearer name" in undo.label
    undo.click().run()
    assert not graph_page.exception
    labels = {v.label for v in stored_graph(ws).variables.values()}
    assert "a clearer name" not in labels and before in labels


def test_an_impossible_decision_is_explained_not_stored(graph_page, sample_ws, sample_view):
    show(graph_page, "Variables")
    graph_page.multiselect(key="graph_merge_ids").set_value([])
    graph_page.button(key="graph_merge").click().run()
    assert any("at least two" in e.value for e in graph_page.error)
    assert sample_view.store.variable_decisions() == []


def test_contradictions_are_listed_with_both_sides(graph_page, sample_ws, sample_view):
    graph = stored_graph(sample_view)
    show(graph_page, "Contradictions")
    text = " ".join(m.value for m in graph_page.markdown) + " ".join(c.value for c in graph_page.caption)
    for contradiction in graph.contradictions:
        assert contradiction.description in text
        for evidence in contradiction.supporting[:5] + contradiction.opposing[:5]:
            assert evidence.quote in text


def drawn(at) -> dict:
    """The nodes and edges the page handed to vis-network (its one network iframe)."""
    (frame,) = network_frames(at)
    srcdoc = frame.proto.srcdoc
    data = json.loads(re.search(r"const data = (\{.*?\});\n", srcdoc, re.S).group(1))
    options = json.loads(re.search(r"const options = (\{.*?\});\n", srcdoc, re.S).group(1))
    return {"data": data, "options": options}


def caption_with(at, text: str) -> str:
    return next(c.value for c in at.caption if text in c.value)


def test_the_page_opens_on_the_strongest_edges_and_the_control_sets_how_many(
    graph_page, sample_ws, sample_view
):
    graph = stored_graph(sample_view).filtered(graph_page.slider(key="graph_min_belief").value)
    strongest = sorted(graph.edges.values(), key=lambda e: -e.belief)
    graph_page.number_input(key="graph_max_edges").set_value(5).run()
    assert not graph_page.exception
    shown = drawn(graph_page)["data"]["edges"]
    assert len(shown) == 5
    beliefs = sorted((float(e["title"].split()[1]) for e in shown), reverse=True)
    assert beliefs == [round(e.belief, 2) for e in strongest[:5]]
    assert f"Showing 5 of the {len(graph.edges)} edges that match" in caption_with(graph_page, "Showing")


def test_searching_a_variable_centres_its_neighbourhood(graph_page, sample_ws, sample_view):
    graph = stored_graph(sample_view)
    hub = max(graph.variables, key=lambda v: sum(v in key for key in graph.edges))
    graph_page.slider(key="graph_min_belief").set_value(0.0).run()
    graph_page.selectbox(key="graph_focus").set_value(hub).run()
    assert not graph_page.exception
    view = drawn(graph_page)["data"]
    assert view["focus"] == hub
    neighbours = {v for key in graph.edges if hub in key for v in key}
    assert {n["id"] for n in view["nodes"]} == neighbours
    assert graph.variables[hub].label in caption_with(graph_page, "within 1 step(s)")


def test_filters_on_contested_edges_and_relation(graph_page, sample_ws, sample_view):
    graph = stored_graph(sample_view)
    graph_page.slider(key="graph_min_belief").set_value(0.0).run()
    graph_page.checkbox(key="graph_contested").check().run()
    assert not graph_page.exception
    contested = [e for e in graph.edges.values() if e.contradiction]
    if contested:  # the samples' contradictions depend on the extractor's and the graph stage's rules
        assert len(drawn(graph_page)["data"]["edges"]) == len(contested)
    else:
        assert not network_frames(graph_page)
        assert any("No edge passes the filters" in w.value for w in graph_page.warning)
    graph_page.checkbox(key="graph_contested").uncheck().run()
    graph_page.multiselect(key="graph_relations").set_value(["correlational"]).run()
    correlational = [
        e for e in graph.edges.values() if any(v.relation == "correlational" for v in e.evidence)
    ]
    assert f"of the {len(correlational)} edges that match" in caption_with(graph_page, "Showing")


def test_the_layered_layout_is_drawn_without_physics_and_force_with(graph_page):
    assert graph_page.selectbox(key="graph_layout").value == "layered"
    view = drawn(graph_page)
    assert view["options"]["physics"] is False
    assert all("x" in n and "y" in n for n in view["data"]["nodes"])
    graph_page.selectbox(key="graph_layout").set_value("force").run()
    view = drawn(graph_page)
    assert view["options"]["physics"]["solver"] == "barnesHut"
    assert not any("x" in n for n in view["data"]["nodes"])


def test_caption_and_section_counts_agree(graph_page):
    graph_page.slider(key="graph_min_belief").set_value(0.0).run()
    caption = caption_with(graph_page, "Showing")
    shown, contradictions = re.search(r"Showing (\d+) .*?; (\d+) contradictions", caption).groups()
    options = graph_page.segmented_control(key="graph_section").options
    assert f"Edge evidence ({shown})" in options and f"Contradictions ({contradictions})" in options
    show(graph_page, "Contradictions")
    boxes = [m for m in graph_page.markdown if re.match(r"\*\*.+ → .+\*\* \(", m.value)]
    assert len(boxes) == int(contradictions)


def test_no_raw_codes_in_the_evidence_caption(graph_page):
    caption = next(c.value for c in graph_page.caption if c.value.startswith("belief "))
    assert "{" not in caption and "'" not in caption
    quotes = [m.value for m in graph_page.markdown if m.value.startswith("> ")]
    assert quotes and not any(
        re.search(r"\b(case_control|cross_sectional|in_vitro|None)\b", q) for q in quotes
    )


def test_the_graph_is_built_in_the_background_while_other_pages_are_read(app, sample_ws, monkeypatch):
    import threading

    from causemap.graphbuilder import graph_service
    from causemap.ui import jobs

    release, real_build = threading.Event(), graph_service.build_workspace_graph

    def slow_build(*args, **kwargs):
        assert release.wait(120), "the test never released the build"
        return real_build(*args, **kwargs)

    monkeypatch.setattr(graph_service, "build_workspace_graph", slow_build)
    at = app(sample_ws)
    at.switch_page("pages/graph.py").run()
    assert not at.exception
    assert any("you can keep working on other pages" in c.value for c in at.caption)
    assert network_frames(at) == []
    at.switch_page("pages/claims.py").run()  # another page meanwhile: it is not blocked
    assert not at.exception and [t.value for t in at.title] == ["Claims"]
    release.set()
    job = jobs.current_job(str(sample_ws.resolve()) + "#graph")
    assert job.wait(120) and job.status == "done", job.error
    at.switch_page("pages/graph.py").run()
    assert len(network_frames(at)) == 1


def test_while_an_ingest_writes_the_last_graph_is_shown_with_a_note(graph_page, sample_ws):
    import threading

    from causemap.ui import jobs, state

    release = threading.Event()
    writer = jobs.start_job(
        str(sample_ws.resolve()), "ingest", "Ingest of 1 upload(s)", lambda p: release.wait(120)
    )
    try:
        state.mark_written()  # the data changed: the graph built before is no longer current
        graph_page.run()
        assert not graph_page.exception
        assert any("Ingest of 1 upload(s) is still running" in i.value for i in graph_page.info)
        assert len(network_frames(graph_page)) == 1
    finally:
        release.set()
        writer.wait(30)
