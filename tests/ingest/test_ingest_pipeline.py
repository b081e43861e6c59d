"""Ingest end to end on real PDFs: SQLite rows, Chroma vectors, idempotence, bad files, retrieval."""

from __future__ import annotations

import json

import pytest

from causemap.ingest.pipeline import delete_paper, ingest_paths
from causemap.ingest.retrieval import retrieve
from causemap.ingest.vectorstore import vector_store
from causemap.models import PaperState
from causemap.workspace import Workspace


def _embedded_ids(ws) -> set[str]:
    """Chunks that get vectors: all but the reference lists (stored, not embedded)."""
    return {c.id for c in ws.store.chunks() if not c.is_references}


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, sample_pdfs):
    ws = Workspace.open(tmp_path_factory.mktemp("ws"))
    report = ingest_paths(ws, sample_pdfs[:3], progress=False)
    yield ws, report
    ws.close()


def test_papers_pages_chunks_and_vectors_agree(ingested, sample_pdfs):
    ws, report = ingested
    assert len(report.ingested) == 3 and not report.failed
    counts = ws.store.counts()
    assert counts["papers_by_state"] == {"ready": 3}
    assert counts["pages"] == sum(row["pages"] for row in report.ingested)
    assert counts["chunks"] == sum(row["chunks"] for row in report.ingested) > 0
    assert vector_store(ws).ids() == _embedded_ids(ws)
    assert any(c.is_references for c in ws.store.chunks())  # stored all the same


def test_chunks_point_into_the_cleaned_page_text(ingested):
    ws, _ = ingested
    for paper in ws.store.papers():
        pages = {p.number: p.text for p in ws.store.pages(paper.id)}
        for chunk in ws.store.chunks(paper.id):
            assert pages[chunk.page][chunk.start : chunk.end] == chunk.text
            assert chunk.text.strip()


def test_reingest_is_a_noop_reported_as_skipped(ingested, sample_pdfs):
    ws, _ = ingested
    before = ws.store.counts()
    report = ingest_paths(ws, sample_pdfs[:3], progress=False)
    assert not report.ingested and len(report.skipped) == 3
    assert {row["reason"] for row in report.skipped} == {"already ingested"}
    assert ws.store.counts() == before
    assert vector_store(ws).count() == len(_embedded_ids(ws))


def test_a_chunk_retrieves_itself_first_with_its_citation(ingested):
    ws, _ = ingested
    chunk = next(c for c in ws.store.chunks() if not c.is_references and len(c.text) > 200)
    passages = retrieve(ws, chunk.text, k=3)
    assert passages[0].chunk_id == chunk.id
    assert passages[0].page == chunk.page
    assert passages[0].title == ws.store.paper(chunk.paper_id).title
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_retrieval_leaves_out_reference_lists(ingested):
    ws, _ = ingested
    for question in ["journal volume pages references", "et al. 2019 cohort"]:
        for passage in retrieve(ws, question, k=10):
            assert passage.section != "references"


def test_bad_files_are_reported_by_name_and_the_batch_is_kept(tmp_path, sample_pdfs):
    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "good.pdf"
    good.write_bytes(sample_pdfs[0].read_bytes())
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("just some notes, not a PDF at all\n")
    data = sample_pdfs[1].read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "ignored.docx").write_bytes(b"PK")  # not a supported type: not picked from a folder
    ws = Workspace.open(tmp_path / "ws")
    report = ingest_paths(ws, [folder, tmp_path / "missing.pdf"], progress=False)
    assert [row["path"] for row in report.ingested] == [str(good)]
    failed = {row["path"].rsplit("/", 1)[-1]: row for row in report.failed}
    assert set(failed) == {"empty.pdf", "notes.pdf", "truncated.pdf", "missing.pdf"}
    assert failed["empty.pdf"]["code"] == "empty"
    assert failed["notes.pdf"]["code"] == "not_pdf"
    assert failed["truncated.pdf"]["code"] == "corrupt"
    assert "not found" in failed["missing.pdf"]["error"]
    [docx] = report.passed_over  # not read, and said so
    assert docx["path"] == str(folder / "ignored.docx") and "unsupported file type '.docx'" in docx["reason"]
    assert ws.store.last_failures("ingest")  # recorded in the workspace too


def test_size_limit_is_configurable(tmp_path, sample_pdfs):
    ws = Workspace.open(tmp_path / "ws", ingest={"max_file_mb": 0.001})
    report = ingest_paths(ws, sample_pdfs[:1], progress=False)
    assert report.failed[0]["code"] == "too_large" and "max_file_mb" in report.failed[0]["error"]


def test_jsonl_abstracts_one_paper_per_record(tmp_path):
    path = tmp_path / "pubmed.jsonl"
    records = [
        {
            "id": "p1",
            "title": "Salt and pressure",
            "text": "Sodium intake raises blood pressure in adults.",
            "year": 2020,
        },
        {"id": "p2", "title": "Sleep", "text": "Short sleep was associated with obesity in children."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n{not json\n")
    ws = Workspace.open(tmp_path / "ws")
    report = ingest_paths(ws, [path], progress=False)
    assert sorted(row["title"] for row in report.ingested) == ["Salt and pressure", "Sleep"]
    assert len(report.failed) == 1 and report.failed[0]["code"] == "bad_record"
    again = ingest_paths(ws, [path], progress=False)
    assert len(again.skipped) == 2 and not again.ingested


def test_delete_paper_removes_rows_and_vectors(tmp_path, sample_pdfs):
    ws = Workspace.open(tmp_path / "ws")
    report = ingest_paths(ws, sample_pdfs[:2], progress=False)
    gone = report.ingested[0]["paper_id"]
    assert delete_paper(ws, gone)
    assert ws.store.paper(gone) is None
    assert vector_store(ws).ids() == _embedded_ids(ws)
    assert ws.store.papers(PaperState.READY)[0].id == report.ingested[1]["paper_id"]
