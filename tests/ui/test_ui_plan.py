"""The Plan page: a target chosen from the graph, the ranked plan, the data check, the downloads."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from causemap.graphbuilder.graph_service import build_workspace_graph


@pytest.fixture()
def plan_page(app, sample_ws, open_ws):
    at = app(sample_ws)
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    ws = open_ws(sample_ws)
    graph = build_workspace_graph(ws.store, ws.settings, min_belief=0.0)
    return at, graph


def strongest_edge(graph):
    return max(graph.edges, key=lambda k: (graph.edges[k].belief, k))


def test_choosing_a_target_makes_a_plan_for_it(plan_page):
    at, graph = plan_page
    x, y = strongest_edge(graph)
    at.selectbox(key="plan_exposure").set_value(x)
    at.selectbox(key="plan_outcome").set_value(y)
    at.button(key="plan_make").click().run()
    assert not at.exception
    plan = at.session_state["plan_result"]["plan"]
    assert plan.target == (x, y)
    assert plan.items, "a plan proposes something"
    heading = f"Plan for {graph.variables[x].label} → {graph.variables[y].label}"
    assert heading in [h.value for h in at.subheader]
    assert {b.key for b in at.get("download_button")} == {"plan_download_md", "plan_download_json"}
    # Every proposal is listed, in order, with its rationale.
    titles = [e.label for e in at.expander]
    assert [t.split(". ", 1)[1].split("  ·  ")[0] for t in titles[: len(plan.items)]] == [
        i.title for i in plan.items
    ]


def test_a_plan_without_target_covers_the_whole_graph(plan_page):
    at, _ = plan_page
    at.button(key="plan_make").click().run()
    assert not at.exception
    assert at.session_state["plan_result"]["plan"].target is None
    assert "Plan for the whole graph" in [h.value for h in at.subheader]


def test_uploaded_data_are_checked_against_the_target(plan_page):
    at, graph = plan_page
    x, y = strongest_edge(graph)
    rng = np.random.default_rng(0)
    exposure = rng.normal(size=300)
    outcome = 2.0 * exposure + rng.normal(size=300)
    table = pd.DataFrame({graph.variables[x].label: exposure, graph.variables[y].label: outcome})
    at.selectbox(key="plan_exposure").set_value(x)
    at.selectbox(key="plan_outcome").set_value(y)
    at.file_uploader(key="plan_data").set_value(
        [("data.csv", table.to_csv(index=False).encode(), "text/csv")]
    )
    at.button(key="plan_make").click().run()
    assert not at.exception
    check = at.session_state["plan_result"]["plan"].data_check
    assert check is not None and check.rows == 300
    assert set(check.columns.values()) == {x, y}
    assert any(h.value.startswith("#### Data check") for h in at.markdown)
    if check.identified:  # the simulated effect is 2.0 and nothing confounds it in the data
        assert check.estimate == pytest.approx(2.0, abs=0.3)
        assert any(m.label.startswith("Estimated effect") for m in at.metric)


def test_a_half_chosen_target_is_not_used(plan_page):
    at, graph = plan_page
    at.selectbox(key="plan_exposure").set_value(strongest_edge(graph)[0])
    at.button(key="plan_make").click().run()
    assert any("Choose both" in w.value for w in at.warning)
    assert at.session_state["plan_result"]["plan"].target is None
