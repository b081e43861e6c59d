"""Library: add papers (upload or a folder), follow the ingest, see every paper, delete one."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import streamlit as st

from causemap.ingest.pipeline import delete_paper
from causemap.models import PaperState
from causemap.ui import actions, state
from causemap.ui.claims_view import paper_label
from causemap.ui.labels import design_label
from causemap.ui.uploads import ACCEPTED_SUFFIXES, UploadRejected, save_upload

ws = state.workspace()
st.title("Library")
state.show_flashes()
job = state.job_progress(ws, "ingest")
busy = state.busy(ws)
max_mb = ws.settings.ui.max_upload_mb

upload_col, folder_col = st.columns(2)
with upload_col:
    files = st.file_uploader(
        "Upload papers",
        type=[s.lstrip(".") for s in ACCEPTED_SUFFIXES],
        accept_multiple_files=True,
        max_upload_size=max(1, math.ceil(max_mb)),  # the browser refuses bigger files; we check again
        key="library_upload",
        help=f"PDF, TXT, MD or JSONL (one abstract per line), up to {max_mb:g} MB each. "
        "Files are kept in the workspace's uploads folder.",
    )
    if st.button("Ingest uploaded files", key="library_ingest_uploads", disabled=busy or not files):
        saved = []
        for upload in files or []:
            try:
                saved.append(save_upload(ws.uploads, upload.name, upload.getvalue(), max_mb))
            except UploadRejected as exc:
                state.flash("error", f"Not ingested: {exc}")
        if saved:
            actions.start_ingest(ws, [s.path for s in saved], label=f"Ingest of {len(saved)} upload(s)")
        st.rerun()

with folder_col:
    folder = st.text_input(
        "Or ingest a folder on this computer",
        key="library_folder",
        placeholder="/path/to/papers",
        help="Read recursively; PDF, TXT, MD and JSONL files are ingested, others are ignored.",
    )
    if st.button("Ingest folder", key="library_ingest_folder", disabled=busy or not folder.strip()):
        path = Path(folder.strip()).expanduser()
        if path.is_dir():
            actions.start_ingest(ws, [path], label=f"Ingest of {path.name or path}")
            st.rerun()
        else:
            st.error(f"{path} is not a folder on this computer.")

# What happened to each file: the job's own report while this server runs, else the store's record
# of the last ingest's failures (which survives a restart).
if job is not None and job.kind == "ingest" and job.status == "done":
    rows = actions.ingest_rows(job.result)
    failed = sum(r["state"] == "failed" for r in rows)
    st.subheader("Last ingest")
    st.caption(f"{len(rows)} file(s) in {job.elapsed:.1f} s; {failed} failed.")
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="library_last_run")
else:
    failures = ws.store.last_failures("ingest")
    if failures:
        st.subheader("Failures in the last ingest")
        st.dataframe(
            pd.DataFrame(
                [{"file": Path(f["path"]).name, "reason": f["error"], "code": f["code"]} for f in failures]
            ),
            hide_index=True,
        )

papers = ws.store.papers()
interrupted = [p for p in papers if p.state != PaperState.READY]
if interrupted and not busy:
    st.warning(
        f"{len(interrupted)} paper(s) were interrupted while being ingested (their vectors are not all "
        "stored); the next ingest finishes them, or resume now."
    )
    if st.button("Resume the interrupted ingest", key="library_resume"):
        actions.start_ingest(ws, [], label="Resumed ingest")
        st.rerun()
st.subheader(f"Papers ({len(papers)})")
if not papers:
    st.info("No papers yet: upload some above, or ingest a folder.")
    st.stop()

claims_per_paper: dict[str, int] = {}
for claim in ws.store.claims():
    claims_per_paper[claim.paper_id] = claims_per_paper.get(claim.paper_id, 0) + 1
table = pd.DataFrame(
    [
        {
            "title": p.title or "(no title found)",
            "authors": ", ".join(p.authors[:3]) + (" et al." if len(p.authors) > 3 else ""),
            "year": p.year,
            "doi": p.doi,
            "pages": p.n_pages,
            "design": design_label(p.design),
            "state": p.state.value,
            "claims": claims_per_paper.get(p.id, 0),
            "kind": p.kind,
            "file": Path(p.source).name,
            "id": p.id[:12],
        }
        for p in papers
    ]
)
st.dataframe(table, hide_index=True, key="library_papers")

by_id = {p.id: p for p in papers}
chosen = st.selectbox(
    "Paper details",
    options=list(by_id),
    format_func=lambda pid: paper_label(by_id[pid], pid),
    key="library_paper",
)
paper = by_id[chosen]
details, danger = st.columns([3, 1])
with details:
    st.markdown(f"**{paper.title or '(no title found)'}**")
    st.caption(
        f"{', '.join(paper.authors) or 'authors unknown'} · {paper.year or 'year unknown'} · "
        f"DOI {paper.doi or 'unknown'} · {paper.n_pages} page(s) · design {design_label(paper.design)} · "
        f"parsed by {paper.parser or paper.kind}"
    )
    st.caption(f"Source: {paper.source} · id {paper.id}")
with danger:
    confirm = st.checkbox("Yes, delete it", key="library_delete_confirm")
    if (
        st.button(
            "Delete paper",
            key="library_delete",
            type="primary",
            disabled=busy or not confirm,
            help="Removes the paper with its pages, chunks, vectors, claims and curation decisions.",
        )
        and confirm
    ):
        delete_paper(ws, paper.id)
        state.mark_written()
        state.flash("success", f"Deleted {paper_label(paper)} and everything derived from it.")
        st.session_state.pop("library_delete_confirm", None)
        st.rerun()

# Versions of one study (graphbuilder.versions): their evidence counts once; the user can undo a link.
from causemap.graphbuilder.graph_service import paper_versions, set_versions  # noqa: E402

studies = paper_versions(ws.store)
why = {frozenset((link.a, link.b)): link.reason.replace("_", " ") for link in studies.links}
version_pairs = {
    f"{paper_label(by_id[other], other)}  ↔  {paper_label(by_id[primary], primary)}": (other, primary)
    for primary, others in studies.versions().items()
    for other in others
    if primary in by_id and other in by_id
}
if version_pairs:
    st.subheader("Versions of one study")
    st.caption(
        "These papers look like versions of one study (same DOI, same title or near-identical text); "
        "their evidence counts once in belief and in the number of papers. Unlink two that are "
        "different studies."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "version": paper_label(by_id[other], other),
                    "study (primary paper)": paper_label(by_id[primary], primary),
                    "found by": why.get(frozenset((other, primary)), "through another version"),
                }
                for other, primary in version_pairs.values()
            ]
        ),
        hide_index=True,
        key="library_versions",
    )
    pair = st.selectbox(
        "Unlink a version from its study", options=list(version_pairs), key="library_unlink_pair"
    )
    if st.button("Unlink: count them as two studies", key="library_unlink", disabled=busy or pair is None):
        set_versions(ws.store, "separate", *version_pairs[pair])
        state.mark_written()
        state.flash("success", "Unlinked: the two papers now count as two studies.")
        st.rerun()
