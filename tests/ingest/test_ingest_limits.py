"""Every reading limit, hit by a file built here, is reported by name, and the batch goes on.

The hostile files reproduce what real ones did to an earlier causemap: a PDF whose text layer is one word
repeated over megabytes (6 minutes, one 5 MB chunk), PDFs whose structure makes pypdf work for minutes
(here: a page of millions of drawing operators), a 21 MB JSONL line (22,581 chunks). Each run ingests a
good file after the bad one, to show the rest of the batch is kept. No assertion is timed: a limit that
did not work would show as a file ingested that must fail, or a test that never ends.
"""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pytest

from causemap.ingest.pipeline import ingest_paths
from causemap.workspace import Workspace


@pytest.fixture
def good_pdf(tmp_path, sample_pdfs) -> Path:
    path = tmp_path / "zz_good.pdf"  # sorts after the bad files: read after them
    path.write_bytes(sample_pdfs[0].read_bytes())
    return path


def _ingest(tmp_path: Path, files: list[Path], **ingest_settings):
    with Workspace.open(tmp_path / "ws", ingest=ingest_settings) as ws:
        report = ingest_paths(ws, files, progress=False)
        counts = ws.store.counts()
    return report, counts


def _only_failure(report) -> dict:
    [failure] = report.failed
    return failure


def test_a_page_of_one_word_repeated_over_a_megabyte_fails_on_the_page_limit(tmp_path, spec, good_pdf):
    bad = tmp_path / "repeated.pdf"
    bad.write_bytes(spec.repeated_word_pdf("lorem", megabytes=1.0))
    report, counts = _ingest(tmp_path, [bad, good_pdf])
    failure = _only_failure(report)
    assert failure["path"] == str(bad) and failure["code"] == "page_chars_limit"
    assert "ingest.max_page_chars" in failure["error"] and "page 1" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]
    assert counts["papers_by_state"] == {"ready": 1}


def test_a_page_of_thousands_of_short_lines_is_read_into_bounded_chunks(tmp_path, spec):
    # 5,000 one-line "sentences" with no full stop once took minutes to clean; the default time
    # limit would now report it, so being ingested at all shows the cleaning is no longer quadratic.
    path = tmp_path / "lines.pdf"
    path.write_bytes(spec.word_per_line_pdf(5000))
    with Workspace.open(tmp_path / "ws") as ws:
        report = ingest_paths(ws, [path], progress=False)
        assert not report.failed, report.failed
        chunks = ws.store.chunks(report.ingested[0]["paper_id"])
    assert len(chunks) >= 55 and max(len(c.text) for c in chunks) <= 1000


def test_a_page_of_millions_of_drawing_operators_is_stopped_by_the_time_limit(tmp_path, spec, good_pdf):
    # Forms drawn inside forms were the slow file once; pypdf 7 stops after 5,000 form invocations
    # (about 2 s), so a content stream of 10 million operators (about a minute for pypdf) stands in for it.
    bad = tmp_path / "operators.pdf"
    bad.write_bytes(spec.many_operators_pdf(10_000_000))
    report, counts = _ingest(tmp_path, [bad, good_pdf], max_seconds_per_file=3)
    failure = _only_failure(report)
    assert failure["path"] == str(bad) and failure["code"] == "time_limit"
    assert "ingest.max_seconds_per_file" in failure["error"] and "3 s" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]  # the replaced worker read it
    assert counts["papers_by_state"] == {"ready": 1}


def test_a_file_needing_more_memory_than_allowed_fails_on_the_memory_limit(tmp_path, good_pdf):
    bad = _huge_text(tmp_path)
    # a time limit far above the memory limit's ~10 s: under load in CI the default 120 s struck first
    report, counts = _ingest(tmp_path, [bad, good_pdf], max_memory_mb=256, max_seconds_per_file=600)
    failure = _only_failure(report)
    assert failure["path"] == str(bad)
    assert failure["code"] in ("memory_limit", "crashed") and "ingest.max_memory_mb" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]
    assert counts["papers_by_state"] == {"ready": 1}


def _huge_text(tmp_path: Path) -> Path:
    bad = tmp_path / "huge.txt"
    line = b"Coffee intake and sleep quality in adults\n"
    bad.write_bytes(line * (60 * 2**20 // len(line)))  # 60 MB of lines: several times that to clean
    return bad


def test_the_memory_limit_holds_in_a_reader_forked_from_a_process_that_freed_much_heap(tmp_path, good_pdf):
    # A process that freed gigabytes of heap before the readers were forked (as one that exported a
    # model did) hands them that heap mapped and free: the address-space cap alone let a reader reuse it
    # and run for a quarter of an hour. 2 GiB of C heap is allocated and freed here, below a block kept
    # so that it stays mapped; with only the address-space cap the reader reads on (time limit, or an
    # ingested file), and the test fails.
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallinfo2"):
        pytest.skip("the heap watcher needs glibc's mallinfo2")
    block = 64 * 1024  # below glibc's mmap threshold: from the heap
    freed = [bytes(block) for _ in range(2 * 2**30 // block)]
    kept = bytes(block)
    del freed
    try:
        bad = _huge_text(tmp_path)
        report, counts = _ingest(tmp_path, [bad, good_pdf], max_memory_mb=256, max_seconds_per_file=600)
    finally:
        del kept
        libc.malloc_trim(0)  # the freed pages back to the system
    failure = _only_failure(report)
    assert failure["path"] == str(bad)
    assert failure["code"] == "memory_limit" and "ingest.max_memory_mb" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]
    assert counts["papers_by_state"] == {"ready": 1}


def test_a_paper_with_more_chunks_than_allowed_fails_on_the_chunk_limit(tmp_path, good_pdf):
    bad = tmp_path / "long.txt"
    paragraphs = [f"Finding {i}: coffee intake raised sleep latency in cohort {i}." for i in range(3000)]
    bad.write_text("\n\n".join(paragraphs) + "\n")
    report, counts = _ingest(tmp_path, [bad, good_pdf], max_chunks_per_paper=100)
    failure = _only_failure(report)
    assert failure["code"] == "chunk_limit" and "ingest.max_chunks_per_paper" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]
    assert counts["papers_by_state"] == {"ready": 1}


def test_a_21_mb_jsonl_line_fails_on_the_record_limit_and_the_other_records_load(tmp_path):
    path = tmp_path / "export.jsonl"
    records = [
        {"id": "a1", "title": "Salt", "text": "Sodium intake raises blood pressure in adults."},
        {"id": "big", "title": "Huge", "text": "Coffee raises alertness. " * (21 * 2**20 // 25)},
        {"id": "a2", "title": "Sleep", "text": "Short sleep was associated with obesity in children."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    report, counts = _ingest(tmp_path, [path])
    failure = _only_failure(report)
    assert failure["code"] == "record_size_limit"
    assert failure["error"].startswith("line 2:") and "ingest.max_record_kb" in failure["error"]
    assert sorted(row["title"] for row in report.ingested) == ["Salt", "Sleep"]
    assert counts["papers"] == 2 and counts["chunks"] == 2


def test_limits_are_reported_in_the_command_line_json(tmp_path, spec, good_pdf):
    from typer.testing import CliRunner

    from causemap.cli import app

    bad = tmp_path / "repeated.pdf"
    bad.write_bytes(spec.repeated_word_pdf("lorem", megabytes=0.5))
    result = CliRunner().invoke(
        app, ["ingest", str(bad), str(good_pdf), "--workspace", str(tmp_path / "ws"), "--json"]
    )
    assert result.exit_code == 3, result.output  # partial success: the failure is listed
    report = json.loads(result.stdout)
    assert [row["code"] for row in report["failed"]] == ["page_chars_limit"]
    assert [row["path"] for row in report["ingested"]] == [str(good_pdf)]


def test_a_page_cut_short_by_pypdf_is_a_warning_of_the_ingested_paper_in_json_and_text(tmp_path, spec):
    from typer.testing import CliRunner

    from causemap.cli import app

    table = tmp_path / "table.pdf"
    table.write_bytes(spec.form_invoked_pdf(5_003))
    workspace = tmp_path / "ws"
    result = CliRunner().invoke(app, ["ingest", str(table), "--workspace", str(workspace), "--json"])
    assert result.exit_code == 0, result.output  # stored: what was read is kept
    [row] = json.loads(result.stdout)["ingested"]
    [warning] = row["warnings"]
    assert (warning["page"], warning["code"]) == (1, "page_cut_short")
    assert "5000 form XObject invocations" in warning["reason"]
    with Workspace.open(workspace) as ws:
        [page] = ws.store.pages(row["paper_id"])
        assert page.text.endswith("The page ends with this sentence.") and page.text.count("cell") == 5_000
        assert ws.store.latest_run("ingest")["ingested"][0]["warnings"] == [warning]  # recorded too
    again = tmp_path / "again.pdf"
    again.write_bytes(spec.form_invoked_pdf(5_004))
    shown = CliRunner().invoke(app, ["ingest", str(again), "--workspace", str(workspace)])
    assert shown.exit_code == 0, shown.output
    assert f"page 1: {warning['reason']}" in shown.stderr


@pytest.mark.skipif(
    __import__("causemap.ingest.worker", fromlist=["_START_METHOD"])._START_METHOD != "fork",
    reason="the patched reader reaches the worker only through fork",
)
def test_a_reader_process_that_dies_is_reported_as_crashed_and_replaced(tmp_path, monkeypatch, good_pdf):
    # A C library aborting inside the reader (what pypdf's dependencies can do on a hostile file) is
    # stood in for by os.abort() on one file: what is tested is the pool's handling of a dead worker,
    # not what makes it die.
    import faulthandler
    import os

    import causemap.ingest.worker as worker

    real_read = worker.read_document

    def read_or_abort(path, data, limits):
        if path.name == "abort.pdf":
            faulthandler.disable()  # pytest's traceback dump of the abort is noise here
            os.abort()
        return real_read(path, data, limits)

    monkeypatch.setattr(worker, "read_document", read_or_abort)
    bad = tmp_path / "abort.pdf"
    bad.write_bytes(good_pdf.read_bytes() + b"\n% a different file\n")
    report, counts = _ingest(tmp_path, [bad, good_pdf], reader_processes=1)
    failure = _only_failure(report)
    assert failure["path"] == str(bad) and failure["code"] == "crashed"
    assert "signal 6" in failure["error"]
    assert [row["path"] for row in report.ingested] == [str(good_pdf)]  # read by the replaced worker
    assert counts["papers_by_state"] == {"ready": 1}
