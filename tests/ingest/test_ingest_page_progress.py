"""A PDF being read tells its pages as the reader process goes, before the file is done.

The reader runs in a forked worker process. To see it mid-file whatever the machine's speed, the test
gates the reader at one page (a ``multiprocessing`` event, inherited through the fork) and releases it
only once the parent has seen that page's count: so the count can only have come from the worker.
"""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path
from typing import Any

import pytest

import causemap
from causemap.ingest import worker
from causemap.ingest.readers import pdf as pdf_reader
from causemap.ingest.worker import PreparedDocument, ReaderPool
from causemap.settings import IngestSettings

pytestmark = pytest.mark.skipif(
    worker._START_METHOD != "fork", reason="the test's gate reaches the reader through a fork"
)


def gate_reader_at(monkeypatch: pytest.MonkeyPatch, page: int) -> Any:
    """The reader, in its process, stops after telling ``page`` pages read until the event is set."""
    release = multiprocessing.get_context("fork").Event()
    told = pdf_reader.report_pages

    def gated(done: int, total: int) -> None:
        told(done, total)
        if done == page and not release.wait(120):
            raise RuntimeError("the test never released the reader")

    monkeypatch.setattr(pdf_reader, "report_pages", gated)
    return release


def test_the_pool_shows_the_pages_a_worker_has_read(monkeypatch, paper_pdf: Path) -> None:
    release = gate_reader_at(monkeypatch, page=2)
    with ReaderPool(IngestSettings(), tasks_hint=1) as pool:
        future = pool.submit_file(paper_pdf)
        deadline = time.monotonic() + 120
        while pool.pages_read(future) != (2, 4) and time.monotonic() < deadline:
            time.sleep(0.05)
        seen = pool.pages_read(future)
        release.set()
        (item,) = pool.items(future)
    assert seen == (2, 4), "the parent never saw the worker's page count"
    assert isinstance(item, PreparedDocument) and len(item.document.pages) == 4
    assert pool.pages_read(future) is None  # the task is over: its slot is free for the next file


def test_ingest_tells_the_page_being_read(monkeypatch, tmp_path, paper_pdf: Path) -> None:
    release = gate_reader_at(monkeypatch, page=1)
    steps: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, what: str) -> None:
        steps.append((done, total, what))
        if what == f"{paper_pdf.name}: reading page 2/4":
            release.set()

    with causemap.open(tmp_path / "ws", create=True) as ws:
        report = ws.ingest(paper_pdf, progress=progress)
    assert len(report.ingested) == 1 and not report.failed
    inside = [w.removeprefix(f"{paper_pdf.name}: ") for d, t, w in steps if d == 0 and ": " in w]
    reading = [w for w in inside if w.startswith("reading page ")]
    assert inside[0] == "reading" and "reading page 2/4" in reading
    pages = [int(w.split()[-1].split("/")[0]) for w in reading]
    assert pages == sorted(pages) and all(w.endswith("/4") for w in reading)
    # the pages are told after "reading" and before the paper is stored
    assert inside.index(reading[-1]) < next(i for i, w in enumerate(inside) if w.startswith("storing"))
