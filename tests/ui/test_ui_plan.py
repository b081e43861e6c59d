"""The Plan page: a target chosen from the graph, the ranked plan made in the background (its steps
shown, the page free to leave), the data check, the downloads."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest

from causemap.graphbuilder.graph_service import build_workspace_graph
from causemap.planner import workspace_plan


@pytest.fixture()
def plan_page(app, sample_ws, open_ws, finished_job):
    at = app(sample_ws)
    at.switch_page("pages/plan.py").run()
    assert not at.exception
    assert finished_job(sample_ws, kind="graph").status == "done"  # the page builds it in the background
    at.run()
    assert not at.exception
    ws = open_ws(sample_ws)
    graph = build_workspace_graph(ws.store, ws.settings, min_belief=0.0)
    return at, graph


@pytest.fixture()
def make_plan(sample_ws, finished_job):
    """``make_plan(at)``: click "Make the plan", wait for its job, show the page again; the ``PlanRun``."""

    def make(at):
        at.button(key="plan_make").click().run()
        assert not at.exception
        job = finished_job(sample_ws, kind="plan")
        assert job.status == "done", job.error
        at.run()
        assert not at.exception
        return job.result

    return make


def strongest_edge(graph):
    return max(graph.edges, key=lambda k: (graph.edges[k].belief, k))


def test_choosing_a_target_makes_a_plan_for_it(plan_page, make_plan):
    at, graph = plan_page
    x, y = strongest_edge(graph)
    at.selectbox(key="plan_exposure").set_value(x)
    at.selectbox(key="plan_outcome").set_value(y)
    plan = make_plan(at).plan
    assert plan.target == (x, y)
    assert plan.items, "a plan proposes something"
    heading = f"Plan for {graph.variables[x].label} → {graph.variables[y].label}"
    assert heading in [h.value for h in at.subheader]
    assert {b.key for b in at.get("download_button")} == {"plan_download_md", "plan_download_json"}
    assert all(b.proto.ignore_rerun for b in at.get("download_button")), "a download must not rerun the page"
    # Every proposal is listed, in order, with its rationale.
    titles = [e.label for e in at.expander]
    assert [t.split(". ", 1)[1].split("  ·  ")[0] for t in titles[: len(plan.items)]] == [
        i.title for i in plan.items
    ]
    assert not at.warning, "a plan just made is not stale"


def test_a_plan_without_target_covers_the_whole_graph(plan_page, make_plan):
    at, _ = plan_page
    assert make_plan(at).plan.target is None
    assert "Plan for the whole graph" in [h.value for h in at.subheader]


def test_the_plan_is_made_in_the_background_and_waits_on_return(plan_page, sample_ws, monkeypatch):
    """The job shows the planner's step, keeps running while another page is read, and its plan is on
    the Plan page on return. (A gate holds the planner inside its co-mentions step meanwhile.)"""
    at, _ = plan_page
    inside, release = threading.Event(), threading.Event()
    real = workspace_plan.corpus_cooccurrences

    def held(ws, graph):
        inside.set()
        assert release.wait(120), "the test never released the planner"
        return real(ws, graph)

    monkeypatch.setattr(workspace_plan, "corpus_cooccurrences", held)
    at.button(key="plan_make").click().run()
    assert inside.wait(60), "the planner did not start"
    at.run()
    texts = [p.proto.text for p in at.get("progress")]
    assert texts == ["Planning: 2/3 · co-mentions in the corpus"]
    assert at.button(key="plan_make").disabled, "a second plan waits for the first"

    at.switch_page("pages/library.py").run()  # the user reads another page
    assert not at.exception and at.title[0].value == "Library"
    from causemap.ui import jobs

    job = jobs.current_job(f"{sample_ws.resolve()}#plan")
    assert job.running, "leaving the page does not stop the plan"
    release.set()
    assert job.wait(120) and job.status == "done", job.error

    at.switch_page("pages/plan.py").run()
    assert not at.exception
    assert "Plan for the whole graph" in [h.value for h in at.subheader]
    assert len(at.expander) >= len(job.result.plan.items) > 0


def test_uploaded_data_are_checked_against_the_target(plan_page, make_plan):
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
    run = make_plan(at)
    check = run.plan.data_check
    assert check is not None and check.rows == 300 and run.data is not None
    assert set(check.columns.values()) == {x, y}
    assert any(h.value.startswith("#### Data check") for h in at.markdown)
    if check.identified:  # the simulated effect is 2.0 and nothing confounds it in the data
        assert check.estimate == pytest.approx(2.0, abs=0.3)
        assert any(m.label.startswith("Estimated effect") for m in at.metric)


def test_a_half_chosen_target_is_not_used(plan_page, sample_ws, finished_job):
    at, graph = plan_page
    at.selectbox(key="plan_exposure").set_value(strongest_edge(graph)[0])
    at.button(key="plan_make").click().run()
    assert any("Choose both" in w.value for w in at.warning)
    assert finished_job(sample_ws, kind="plan").result.plan.target is None
