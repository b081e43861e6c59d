"""Claims: run extraction; filter claims; accept, reject or correct them, one by one or in bulk."""

from __future__ import annotations

import streamlit as st

from causemap.graphbuilder.extractors import EXTRACTORS
from causemap.models import Claim, CurationState, StudyDesign
from causemap.store import WorkspaceError
from causemap.ui import actions, state
from causemap.ui.claims_view import (
    NO_POLARITY,
    ClaimFilter,
    claims_frame,
    filter_claims,
    highlight_sentence,
    paper_label,
    state_counts,
    table_changes,
    table_key,
)
from causemap.ui.labels import DESIGN_LABELS, POLARITY_LABELS, design_label, polarity_label
from causemap.ui.undo import undo_button

CARDS_PER_PAGE = 10
POLARITIES = ["+", "-", "0", NO_POLARITY]  # codes; shown with polarity_label
POLARITY_WORDS = list(POLARITY_LABELS.values())
DESIGN_WORDS = list(DESIGN_LABELS.values())
RELATIONS = ["causal", "correlational"]
DESIGNS = [d.value for d in StudyDesign]
STATES = [s.value for s in CurationState]
TRI_STATE = {"any": None, "yes": True, "no": False}

ws = state.workspace()
st.title("Claims")
state.show_flashes()
job = state.job_progress(ws, "extract")
busy = state.busy(ws)

with st.expander("Run extraction", expanded=not ws.store.counts()["claims"]):
    extractor_col, run_col = st.columns([2, 1])
    default = ws.settings.extract.extractor
    extractor_name = extractor_col.selectbox(
        "Extractor",
        EXTRACTORS,
        index=EXTRACTORS.index(default) if default in EXTRACTORS else 0,
        key="claims_extractor",
        help="rules: offline and fast. llm: the model set on the Settings page, on the sentences the rules "
        "flag as candidates.",
    )
    run_col.write("")
    if run_col.button("Run extraction", key="claims_run_extract", disabled=busy, type="primary"):
        actions.start_extract(ws, extractor_name)
        st.rerun()
if job is not None and job.kind == "extract" and job.status == "done":
    report = job.result.to_dict()
    st.success(
        f"Last extraction ({report['extractor']}): {report['papers']} paper(s) read, "
        f"{report['papers_skipped']} already done; {report['claims_stored']} new claim(s), "
        f"{report['rejected']} rejected as not verbatim ({job.elapsed:.1f} s)."
    )

claims = ws.store.claims()
if not claims:
    st.info("No claims yet. Ingest papers on the Library page, then run the extraction above.")
    st.stop()

papers = {p.id: p for p in ws.store.papers()}
counts = state_counts(claims)
for column, (name, n) in zip(
    st.columns(len(counts) + 1), [("all", len(claims)), *counts.items()], strict=True
):
    column.metric(name, n)

with st.expander("Filters", expanded=True):
    row1 = st.columns([2, 3, 2, 2])
    variable = row1[0].text_input("Variable (cause or effect contains)", key="claims_f_variable")
    paper_ids = row1[1].multiselect(
        "Paper",
        sorted(papers, key=lambda pid: paper_label(papers[pid])),
        format_func=lambda pid: paper_label(papers.get(pid), pid),
        key="claims_f_paper",
    )
    states = row1[2].multiselect("State", STATES, key="claims_f_state")
    extractors = row1[3].multiselect(
        "Extractor", sorted({c.extractor for c in claims}), key="claims_f_extractor"
    )
    row2 = st.columns([2, 2, 3, 1, 1])
    relations = row2[0].multiselect("Relation", RELATIONS, key="claims_f_relation")
    polarities = row2[1].multiselect(
        "Polarity", POLARITIES, format_func=polarity_label, key="claims_f_polarity"
    )
    designs = row2[2].multiselect("Design", DESIGNS, format_func=design_label, key="claims_f_design")
    hedged = row2[3].selectbox("Hedged", list(TRI_STATE), key="claims_f_hedged")
    negated = row2[4].selectbox("Negated", list(TRI_STATE), key="claims_f_negated")

flt = ClaimFilter(
    variable=variable,
    papers=tuple(paper_ids),
    relations=tuple(relations),
    polarities=tuple(polarities),
    hedged=TRI_STATE[hedged],
    negated=TRI_STATE[negated],
    designs=tuple(designs),
    states=tuple(states),
    extractors=tuple(extractors),
)
shown = filter_claims(claims, flt)


def set_state(ids: list[str], new_state: CurationState, what: str) -> None:
    n = ws.store.set_claim_state(ids, new_state)
    state.mark_written()
    state.flash("success", f"{what}: {n} claim(s) now {new_state.value}.")
    st.rerun()


bulk = st.columns([3, 1, 1, 1, 2])
bulk[0].markdown(f"**{len(shown)}** of {len(claims)} claims shown")
with bulk[4]:
    undo_button(ws, "claims", key="claims_undo", disabled=busy)
if bulk[1].button("Accept all shown", key="claims_bulk_accept", disabled=not shown):
    set_state([c.id for c in shown], CurationState.ACCEPTED, "Accepted")
if bulk[2].button("Reject all shown", key="claims_bulk_reject", disabled=not shown):
    set_state([c.id for c in shown], CurationState.REJECTED, "Rejected")
if bulk[3].button("Reset shown to pending", key="claims_bulk_pending", disabled=not shown):
    set_state([c.id for c in shown], CurationState.PENDING, "Reset")

cards_tab, table_tab = st.tabs(["Sentences", "Table"])

with table_tab:
    st.caption(
        "Edit cells in place (state, cause, effect, relation, polarity, hedged, negated, design), or tick "
        "rows and accept or reject them together; then save."
    )
    frame = claims_frame(shown, papers)
    frame.insert(0, "select", False)
    editor_key = table_key(frame["id"])
    edited = st.data_editor(
        frame,
        key=editor_key,
        hide_index=True,
        disabled=["paper", "page", "extractor", "confidence", "sentence", "id"],
        column_config={
            "select": st.column_config.CheckboxColumn("✓", width="small"),
            "state": st.column_config.SelectboxColumn("state", options=STATES, required=True),
            "relation": st.column_config.SelectboxColumn("relation", options=RELATIONS, required=True),
            "polarity": st.column_config.SelectboxColumn("polarity", options=POLARITY_WORDS, required=True),
            "design": st.column_config.SelectboxColumn("design", options=DESIGN_WORDS, required=True),
            "sentence": st.column_config.TextColumn("sentence", width="large"),
            "id": None,
        },
    )
    by_state, edits = table_changes(frame, st.session_state.get(editor_key, {}).get("edited_rows", {}))
    selected = [cid for cid, ticked in zip(edited["id"], edited["select"], strict=True) if ticked]
    buttons = st.columns(3)
    if buttons[0].button("Save table edits", key="claims_table_save", disabled=not (by_state or edits)):
        try:
            for claim_id, fields in edits.items():
                ws.store.edit_claim(claim_id, fields)
            for new_state, ids in by_state.items():
                ws.store.set_claim_state(ids, CurationState(new_state))
        except (ValueError, WorkspaceError) as exc:
            st.error(f"Not saved: {exc}")
        else:
            state.mark_written()
            st.session_state.pop(editor_key, None)  # the table now shows the saved values
            n_states = sum(len(v) for v in by_state.values())
            state.flash("success", f"Saved {len(edits)} correction(s) and {n_states} state change(s).")
            st.rerun()
    if buttons[1].button(f"Accept {len(selected)} ticked", key="claims_table_accept", disabled=not selected):
        st.session_state.pop(editor_key, None)
        set_state(selected, CurationState.ACCEPTED, "Accepted")
    if buttons[2].button(f"Reject {len(selected)} ticked", key="claims_table_reject", disabled=not selected):
        st.session_state.pop(editor_key, None)
        set_state(selected, CurationState.REJECTED, "Rejected")


def claim_card(claim: Claim) -> None:
    with st.container(border=True):
        st.markdown(highlight_sentence(claim), unsafe_allow_html=True)
        flags = [claim.relation, f"polarity: {polarity_label(claim.polarity)}", design_label(claim.design)]
        flags += [f for f, on in (("hedged", claim.hedged), ("negated", claim.negated)) if on]
        st.caption(
            f"{paper_label(papers.get(claim.paper_id), claim.paper_id)}, p. {claim.page} · "
            f"**{claim.cause}** → **{claim.effect}** · {' · '.join(flags)} · {claim.extractor} · "
            f"state **{claim.state.value}**"
        )
        accept, reject, edit = st.columns([1, 1, 4])
        if accept.button("Accept", key=f"claims_accept_{claim.id}", disabled=claim.state == "accepted"):
            set_state([claim.id], CurationState.ACCEPTED, "Accepted")
        if reject.button("Reject", key=f"claims_reject_{claim.id}", disabled=claim.state == "rejected"):
            set_state([claim.id], CurationState.REJECTED, "Rejected")
        with edit.popover("Edit"), st.form(key=f"claims_edit_{claim.id}"):
            cause = st.text_input("Cause", claim.cause, key=f"claims_edit_cause_{claim.id}")
            effect = st.text_input("Effect", claim.effect, key=f"claims_edit_effect_{claim.id}")
            relation = st.selectbox(
                "Relation", RELATIONS, RELATIONS.index(claim.relation), key=f"claims_edit_relation_{claim.id}"
            )
            polarity = st.selectbox(
                "Polarity",
                POLARITIES,
                POLARITIES.index(claim.polarity or NO_POLARITY),
                format_func=polarity_label,
                key=f"claims_edit_polarity_{claim.id}",
            )
            design = st.selectbox(
                "Design",
                DESIGNS,
                DESIGNS.index(claim.design.value),
                format_func=design_label,
                key=f"claims_edit_design_{claim.id}",
            )
            hedged_box = st.checkbox("Hedged", claim.hedged, key=f"claims_edit_hedged_{claim.id}")
            negated_box = st.checkbox("Negated", claim.negated, key=f"claims_edit_negated_{claim.id}")
            if st.form_submit_button("Save correction", key=f"claims_edit_save_{claim.id}"):
                proposed = {
                    "cause": cause.strip(),
                    "effect": effect.strip(),
                    "relation": relation,
                    "polarity": None if polarity == NO_POLARITY else polarity,
                    "design": design,
                    "hedged": hedged_box,
                    "negated": negated_box,
                }
                current = claim.model_dump(mode="json")
                fields = {k: v for k, v in proposed.items() if current[k] != v}
                if fields:
                    try:
                        ws.store.edit_claim(claim.id, fields)
                    except (ValueError, WorkspaceError) as exc:
                        st.error(f"Not saved: {exc}")
                    else:
                        state.mark_written()
                        state.flash("success", f"Corrected {', '.join(sorted(fields))}.")
                        st.rerun()


with cards_tab:
    n_pages = max(1, -(-len(shown) // CARDS_PER_PAGE))
    if st.session_state.get("claims_page", 1) > n_pages:  # the filter now shows fewer claims
        st.session_state["claims_page"] = n_pages
    page = st.number_input(f"Page (of {n_pages})", 1, n_pages, 1, key="claims_page")
    for claim in shown[(page - 1) * CARDS_PER_PAGE : page * CARDS_PER_PAGE]:
        claim_card(claim)
