"""What an ingest run records of each file and document, as plain data.

A file's outcome (``FileOutcome``: its documents ingested, skipped or failed, and what is still open),
the rows of a document read from it (``stored_paper``: its paper in state ``embedding`` and its chunks,
``StoredPaper`` until their vectors are written) and the report lines the run gives for each outcome.
``ingest_run.py`` drives the readers and the store; what it stores and reports is built here, without
the reader processes or the store, so that the shape of every row is decided in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from causemap.ingest.readers.base import ReadFailure
from causemap.ingest.worker import PreparedDocument
from causemap.models import Chunk, Paper, PaperState


@dataclass
class FileOutcome:
    """What became of one input file's documents; complete once ``finished``."""

    path: Path
    documents: int  # how many the file is expected to hold (for progress)
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    open_tasks: int = 0  # reader tasks not yet taken
    waiting: int = 0  # documents stored, vectors not yet written
    planned: bool = False  # every task of the file has been submitted
    reported: bool = False

    @property
    def settled(self) -> int:
        return len(self.ingested) + len(self.skipped) + len(self.failed)

    @property
    def finished(self) -> bool:
        return self.planned and not self.open_tasks and not self.waiting


@dataclass
class StoredPaper:
    """A paper whose rows are committed and whose vectors are still to be written."""

    file: FileOutcome
    paper: Paper
    chunks: list[Chunk]
    row: dict[str, Any]  # its line in the report once ingested


def stored_paper(outcome: FileOutcome, item: PreparedDocument) -> StoredPaper:
    """The rows of a read document: its paper (state ``embedding``), its chunks and its report line."""
    doc = item.document
    paper = Paper(
        id=doc.sha256,
        source=doc.source,
        kind=doc.kind,
        title=doc.title,
        authors=list(doc.authors),
        year=doc.year,
        doi=doc.doi,
        n_pages=len(doc.pages),
        parser=doc.parser,
        state=PaperState.EMBEDDING,
    )
    texts = {page.number: page.text for page in doc.pages}
    chunks = [
        Chunk(
            id=Chunk.make_id(paper.id, number, span.start, span.end),
            paper_id=paper.id,
            page=number,
            section=span.section,
            start=span.start,
            end=span.end,
            text=texts[number][span.start : span.end],
            is_references=span.is_references,
        )
        for number, span in item.chunks
    ]
    row = {
        "path": doc.source,
        "paper_id": paper.id,
        "title": paper.title,
        "pages": paper.n_pages,
        "chunks": len(chunks),
        "warnings": [warning.to_dict() for warning in doc.page_warnings],  # pages not all read
    }
    return StoredPaper(outcome, paper, chunks, row)


def failure_row(path: Path, failure: ReadFailure) -> dict[str, Any]:
    """The failed row of a file or record the reader could not read."""
    return {"path": str(path), "error": failure.message, "code": failure.code}


def skipped_row(source: str, paper_id: str) -> dict[str, Any]:
    """The skipped row of a document whose paper is stored already."""
    return {"path": source, "paper_id": paper_id, "reason": "already ingested"}


def in_progress_row(source: str, paper_id: str, holder: dict[str, Any]) -> dict[str, Any]:
    """The skipped row of a paper that the live run ``holder`` (a run row of the store) is storing."""
    return {
        "path": source,
        "paper_id": paper_id,
        "reason": f"in progress elsewhere (run {holder['id']}: {holder['command']} on {holder['host']}, "
        f"process {holder['pid']})",
    }
