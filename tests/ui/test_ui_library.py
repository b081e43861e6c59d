"""The Library page: uploads become papers (through a background ingest), bad uploads are refused with
their reason, a folder can be ingested, and deleting a paper removes everything derived from it."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest

from causemap.models import PaperState
from causemap.ui import jobs


def table(at, *columns):
    """The first table on the page that has all ``columns`` (AppTest does not expose a table's key)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def upload(at, *files):
    """Hand files to the page's uploader as a browser would: (name, bytes, mime type)."""
    at.file_uploader(key="library_upload").set_value(list(files)).run()
    at.button(key="library_ingest_uploads").click().run()
    return at


def test_uploaded_pdfs_are_ingested_and_listed(app, empty_ws, sample_papers, finished_job, open_ws):
    at = app(empty_ws)
    assert not at.exception
    files = [(p.name, p.read_bytes(), "application/pdf") for p in sample_papers[:2]]
    upload(at, *files)
    job = finished_job(empty_ws)
    assert job.status == "done", job.error
    at.run()
    assert not at.exception
    ws = open_ws(empty_ws)
    papers = ws.store.papers()
    assert len(papers) == 2
    assert all(str(ws.uploads.resolve()) in p.source for p in papers)  # kept under the workspace
    last_run = table(at, "file", "state", "detail")
    assert sorted(last_run["state"]) == ["ingested", "ingested"]
    assert table(at, "title", "claims").shape[0] == 2


def test_uploads_over_the_size_limit_are_refused_with_the_reason(app, empty_ws, open_ws):
    empty_ws.mkdir(parents=True)
    (empty_ws / "settings.toml").write_text("[ui]\nmax_upload_mb = 0.001\n")  # about 1 kB
    at = app(empty_ws)
    upload(at, ("notes.txt", b"Smoking causes lung cancer. " * 100, "text/plain"))
    assert any("upload limit" in e.value for e in at.error)
    assert not any((empty_ws / "uploads").glob("*"))
    assert open_ws(empty_ws).store.papers() == []


def test_upload_names_are_sanitised(app, empty_ws, sample_papers, finished_job, tmp_path):
    at = app(empty_ws)
    upload(at, ("../../escaped.pdf", sample_papers[0].read_bytes(), "application/pdf"))
    finished_job(empty_ws)
    assert [p.name for p in (empty_ws / "uploads").iterdir()] == ["escaped.pdf"]
    assert not (empty_ws.parent.parent / "escaped.pdf").exists()
    assert not (empty_ws.parent / "escaped.pdf").exists()


def test_a_broken_pdf_is_listed_with_the_reason_it_failed(app, empty_ws, finished_job):
    at = app(empty_ws)
    upload(at, ("broken.pdf", b"%PDF-1.4\n this is not really a pdf", "application/pdf"))
    assert finished_job(empty_ws).status == "done"
    at.run()
    rows = table(at, "file", "state", "detail")
    assert list(rows["state"]) == ["failed"] and rows["detail"][0]


def test_failures_are_shown_again_after_a_restart(app, empty_ws, finished_job, tmp_path):
    at = app(empty_ws)
    upload(at, ("broken.pdf", b"%PDF-1.4\n not a pdf", "application/pdf"))
    finished_job(empty_ws)
    # A fresh server knows nothing of the jobs of the last one: only the workspace remembers.
    moved = tmp_path / "moved"
    shutil.copytree(empty_ws, moved)
    restarted = app(moved)
    assert not restarted.exception
    assert any("broken.pdf" in df.value.to_string() for df in restarted.dataframe)


def test_a_folder_is_ingested(app, empty_ws, sample_papers, finished_job, open_ws):
    at = app(empty_ws)
    at.text_input(key="library_folder").input(str(sample_papers[0].parent)).run()
    at.button(key="library_ingest_folder").click().run()
    assert finished_job(empty_ws).status == "done"
    assert len(open_ws(empty_ws).store.papers()) == len(list(sample_papers[0].parent.glob("*.pdf")))


def test_deleting_a_paper_removes_it_and_its_claims(app, sample_ws, open_ws):
    at = app(sample_ws)
    store = open_ws(sample_ws).store
    n_papers = len(store.papers())
    victim = at.selectbox(key="library_paper").value
    assert store.chunks(victim)
    assert at.button(key="library_delete").disabled  # until the deletion is confirmed
    at.checkbox(key="library_delete_confirm").check().run()
    at.button(key="library_delete").click().run()
    assert not at.exception
    assert store.paper(victim) is None
    assert store.claims(paper_id=victim) == [] and store.chunks(victim) == []
    assert len(store.papers()) == n_papers - 1  # the others are kept


def test_progress_is_shown_and_writers_wait_while_a_job_runs(app, empty_ws):
    release, reported = threading.Event(), threading.Event()

    def slow_ingest(progress):
        progress(1, 3, "second.pdf")
        reported.set()
        release.wait(30)

    job = jobs.start_job(str(empty_ws.resolve()), "ingest", "Ingest of 3 files", slow_ingest)
    try:
        assert reported.wait(30)  # the job's thread may start late on a loaded machine
        at = app(empty_ws)
        assert not at.exception
        bars = at.get("progress")
        assert len(bars) == 1 and "2/3 · second.pdf" in str(bars[0].proto)
        assert at.button(key="library_ingest_folder").disabled
        at.switch_page("pages/claims.py").run()
        assert any("Ingest of 3 files is running" in i.value for i in at.info)
        assert at.button(key="claims_run_extract").disabled
    finally:
        release.set()
        assert job.wait(30)


def test_an_interrupted_ingest_can_be_resumed(app, sample_ws, open_ws, finished_job):
    store = open_ws(sample_ws).store
    paper = store.papers()[0]
    store.set_paper_state(paper.id, PaperState.EMBEDDING)  # as a kill between rows and vectors leaves it
    at = app(sample_ws)
    assert any("1 paper(s) were interrupted" in w.value for w in at.warning)
    at.button(key="library_resume").click().run()
    assert finished_job(sample_ws).status == "done"
    at.run()
    assert store.paper(paper.id).state == PaperState.READY
    assert not at.warning


def test_versions_of_one_study_are_shown_and_can_be_unlinked(
    app, sample_ws, sample_papers, open_ws, tmp_path
):
    from causemap.ingest.pipeline import ingest_paths

    # The same paper saved again (a byte more at the end: another file, the same text).
    copy = tmp_path / "again" / sample_papers[0].name
    copy.parent.mkdir()
    copy.write_bytes(sample_papers[0].read_bytes() + b"\n")
    ws = open_ws(sample_ws)
    assert ingest_paths(ws, [copy], progress=False).ingested
    at = app(sample_ws)
    assert not at.exception
    versions = table(at, "version", "study (primary paper)", "found by")
    assert versions.shape[0] == 1
    at.button(key="library_unlink").click().run()
    assert not at.exception
    (decision,) = ws.store.version_decisions()
    assert decision["kind"] == "separate"
    assert not any(set(f.value.columns) >= {"version", "found by"} for f in at.dataframe)


SHARED_PDFS = Path(__file__).resolve().parents[3] / "shared" / "pdfs"
LONG_PAPER = SHARED_PDFS / "health_heart-failure-programmes-patient-experience_Hindawi2010.pdf"  # 6 pages


@pytest.mark.skipif(not LONG_PAPER.is_file(), reason=f"{LONG_PAPER} (a real paper) is not available")
def test_the_progress_bar_names_the_stage_inside_a_file_before_it_is_done(
    app, empty_ws, finished_job, monkeypatch
):
    """One real multi-page PDF: while its chunks are embedded, the bar says which and how far, at 0 of 1
    files done. (A gate holds the second model batch, so that the page is seen mid-file.)"""
    from causemap.ingest import pipeline

    empty_ws.mkdir(parents=True)
    (empty_ws / "settings.toml").write_text("[ingest]\nembed_batch_size = 8\n")
    inside, release = threading.Event(), threading.Event()
    real_embedder = pipeline.workspace_embedder

    class HeldEmbedder:
        def __init__(self, real):
            self.real, self.name, self.dimension, self.calls = real, real.name, real.dimension, 0

        def embed(self, texts):
            self.calls += 1
            if self.calls == 2:
                inside.set()
                assert release.wait(120), "the test never released the embedder"
            return self.real.embed(texts)

    monkeypatch.setattr(pipeline, "workspace_embedder", lambda ws: HeldEmbedder(real_embedder(ws)))
    at = app(empty_ws)
    upload(at, (LONG_PAPER.name, LONG_PAPER.read_bytes(), "application/pdf"))
    assert inside.wait(300), "the paper's chunks were never embedded"
    job = jobs.current_job(str(empty_ws.resolve()))
    at.run()
    (text,) = [p.proto.text for p in at.get("progress")]
    match = re.fullmatch(
        rf"Ingest of 1 upload\(s\): 1/1 · {re.escape(LONG_PAPER.name)}: embedding chunks 8/(\d+)", text
    )
    assert match, text
    assert job.running and job.done == 0, "the file is not done yet"
    stages = [
        what.removeprefix(f"{LONG_PAPER.name}: ")
        for what in job.log
        if what.startswith(LONG_PAPER.name + ":")
    ]
    # "reading page 3/6" is told as the reader goes, when reading is slow enough to be seen
    stages = [stage for stage in stages if not re.fullmatch(r"reading page \d+/6", stage)]
    assert stages[0] == "reading" and stages[1].startswith("storing 6 pages, ")
    assert stages[2:] == ["embedding chunks 0/" + match[1], "embedding chunks 8/" + match[1]]
    release.set()
    assert finished_job(empty_ws).status == "done"
    assert job.log[-1] == LONG_PAPER.name and job.done == job.total == 1
