"""Plan: a target X -> Y, the gaps, ranked proposals with their reasons and citations, a data check.

The plan is made in a background job (``actions.start_plan``) with its steps shown: the user may read
other pages meanwhile and finds the plan here on return.
"""

from __future__ import annotations

import hashlib
import json
import math
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from causemap.errors import CausemapError
from causemap.planner.report import item_markdown
from causemap.planner.suggest import suggest_targets
from causemap.planner.workspace_plan import read_table
from causemap.ui import actions, state

NO_TARGET = ""

ws = state.workspace()
st.title("Plan")
st.caption("Experiments and refutation tests for a target effect, the same as `causemap plan`.")
state.show_flashes()
plan_key = state.reading_job_key(ws, "plan")
state.job_progress(ws, "plan")  # an ingest or extraction running: planning waits for it
plan_job = state.job_progress(ws, "plan", key=plan_key)

# The graph `causemap plan` uses: at the settings' minimum belief (the Graph page's slider is a view).
full_graph, note = state.graph_for_page(ws)
if full_graph is None:
    st.stop()  # being built, its progress shown; the page reruns when it is done
if note:
    st.caption(note)
graph = full_graph.filtered(ws.settings.graph.min_belief)
if not graph.edges:
    st.info("No graph yet: extract claims on the Claims page first.")
    st.stop()

labels = {vid: v.label for vid, v in graph.variables.items()}
options = [NO_TARGET, *sorted(labels, key=lambda vid: labels[vid].lower())]


def name(vid: str) -> str:
    return labels.get(vid, vid) if vid else "(no target)"


# Not an expander: the page lists one expander per proposal, in order, and nothing before them.
if st.button(
    "Suggest targets worth studying", key="plan_suggest", help="Contested, weakly supported, identifiable"
):
    st.session_state["plan_suggestions"] = [
        t.to_dict() for t in suggest_targets(graph, 10, ws.settings.planner)
    ]
suggestions = st.session_state.get("plan_suggestions")
if suggestions:
    rows = [{"target": t["target"], "score": t["score"], "why": "; ".join(t["why"])} for t in suggestions]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
elif suggestions is not None:
    st.info("No edge between two concepts that a study could identify.")

with st.form("plan_form"):
    left, right = st.columns(2)
    exposure = left.selectbox("Exposure X", options, format_func=name, key="plan_exposure")
    outcome = right.selectbox("Outcome Y", options, format_func=name, key="plan_outcome")
    data_file = st.file_uploader(
        "Data (CSV, optional): columns named like variables are matched to them",
        type=["csv"],
        max_upload_size=max(1, math.ceil(ws.settings.ui.max_upload_mb)),
        key="plan_data",
    )
    candidates = [c.rank for c in graph.candidates] or [1]
    candidate = st.selectbox(
        "Candidate DAG for the data check", candidates, key="plan_candidate", format_func=lambda r: f"#{r}"
    )
    use_llm = st.checkbox(
        f"Ask {ws.settings.extract.llm} for suggestions (grounded in the corpus when possible)"
        if ws.settings.extract.llm
        else "Ask an LLM for suggestions",
        value=bool(ws.settings.extract.llm),
        disabled=not ws.settings.extract.llm,
        key="plan_use_llm",
        help="Set an LLM on the Settings page to enable this.",
    )
    submitted = st.form_submit_button(
        "Make the plan",
        key="plan_make",
        type="primary",
        disabled=state.busy(ws) or state.busy(ws, plan_key),
    )

if submitted:
    target = (exposure, outcome) if exposure and outcome else None
    data = None
    if data_file is not None:
        raw = data_file.getvalue()
        if len(raw) > ws.settings.ui.max_upload_mb * 1024 * 1024:
            st.error(f"The data file exceeds the {ws.settings.ui.max_upload_mb:g} MB upload limit.")
            st.stop()
        # Read by the planner's own reader (as `causemap plan --data` does), from a private temp file.
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "data.csv"
            path.write_bytes(raw)
            try:
                data = read_table(path)
            except CausemapError as exc:
                st.error(f"{data_file.name}: {exc}")
                st.stop()
    if (exposure or outcome) and target is None:
        state.flash("warning", "Choose both an exposure and an outcome for a target; planning without one.")
    data_id = hashlib.sha1(data_file.getvalue()).hexdigest()[:8] if data_file is not None else None
    started = actions.start_plan(
        ws,
        graph,
        target,
        data,
        candidate if data is not None else None,
        use_llm=use_llm and bool(ws.settings.extract.llm),
        data_id=data_id,
    )
    if started is not None:
        st.rerun()  # draws the job's progress and disables the button

if plan_job is None or plan_job.running or plan_job.result is None:
    if plan_job is None or plan_job.status == "done":
        st.info("Choose a target (or none, for the whole graph) and make the plan.")
    st.stop()
result: actions.PlanRun = plan_job.result
plan = result.plan
if result.stamp != state.data_stamp(ws):
    st.warning("The claims or variables changed since this plan was made: make it again to update it.")

title = f"{name(plan.target[0])} → {name(plan.target[1])}" if plan.target else "the whole graph"
st.subheader(f"Plan for {title}")
document = plan.to_dict()
down_md, down_json, _ = st.columns([1, 1, 3])
# A download changes nothing on the page: no rerun (as on the graph page).
down_md.download_button(
    "Protocol (Markdown)",
    plan.to_markdown(),
    "plan.md",
    "text/markdown",
    key="plan_download_md",
    on_click="ignore",
)
down_json.download_button(
    "Protocol (JSON)",
    json.dumps(document, indent=2, ensure_ascii=False),
    "plan.json",
    "application/json",
    key="plan_download_json",
    on_click="ignore",
)
for note in plan.notes:
    st.caption(f"Note: {note}")

ident = plan.identification
if ident is not None:
    st.markdown("#### Identification across the candidate DAGs")
    cols = st.columns(3)
    cols[0].metric("Causal path in", f"{ident.causal_path_share:.0%}")
    cols[1].metric("Identifiable in", f"{ident.identifiable_share:.0%}")
    best = ident.recommended
    adjust = (", ".join(name(v) for v in sorted(best.variables)) or "nothing") if best else "no valid set"
    cols[2].metric("Adjust for", adjust)
    if ident.adjustment_sets:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "adjustment set": ", ".join(name(v) for v in sorted(s.variables)) or "(empty)",
                        "valid in candidates": ", ".join(f"#{r}" for r in s.valid_in),
                        "weight": round(s.share, 3),
                    }
                    for s in ident.adjustment_sets
                ]
            ),
            hide_index=True,
        )

st.markdown(f"#### Gaps ({len(plan.gaps)})")
if plan.gaps:
    st.dataframe(
        pd.DataFrame(
            [
                {"kind": g.kind, "variables": ", ".join(name(v) for v in g.variables), "gap": g.description}
                for g in plan.gaps
            ]
        ),
        hide_index=True,
    )

st.markdown(f"#### Proposals, most informative for their cost first ({len(plan.items)})")
for rank, item in enumerate(plan.items, 1):
    with st.expander(f"{rank}. {item.title}  ·  {item.kind}, {item.cost} cost, priority {item.priority:.2f}"):
        # The same rendering as the Markdown protocol, from the same object.
        st.markdown("\n".join(item_markdown(item, labels)))
if plan.dropped:
    with st.expander(f"Left out ({len(plan.dropped)}), with the reason for each"):
        st.dataframe(pd.DataFrame([d.to_dict() for d in plan.dropped]), hide_index=True)

check = plan.data_check
if check is not None:
    st.markdown(f"#### Data check (candidate #{check.candidate}, {check.rows} rows)")
    if check.estimate is not None:
        ci = check.confidence_interval
        st.metric(
            f"Estimated effect ({check.method})",
            f"{check.estimate:.4g}",
            help=f"95% interval {ci[0]:.4g} to {ci[1]:.4g}" if ci else None,
        )
    for line in check.summary:
        st.markdown(f"- {line}")
    if check.refutations:
        st.dataframe(pd.DataFrame([r.to_dict() for r in check.refutations]), hide_index=True)
    if check.falsification:
        st.json(check.falsification, expanded=False)
    for line in check.next_steps:
        st.markdown(f"- Next: {line}")
    for failure in check.failures:
        st.warning(f"Could not run: {failure}")
    if check.column_matches:
        st.dataframe(
            pd.DataFrame(
                [
                    {**m, "variable": name(m["variable"]) if m["variable"] else ""}
                    for m in check.column_matches
                ]
            ),
            hide_index=True,
        )
    st.caption(
        "Columns matched: "
        + ", ".join(f"{col} → {name(v)}" for col, v in check.columns.items())
        + (f"; not measured: {', '.join(name(v) for v in check.latent)}" if check.latent else "")
    )
