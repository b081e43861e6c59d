"""Ingest: files in, papers with pages, chunks and vectors out.

Each paper lands in two steps. First its rows (paper, pages, chunks) commit in one SQLite transaction
with the paper in state ``embedding``; then its chunk vectors are written to the vector store under the
chunk ids, and the paper becomes ``ready``. A kill between the two leaves a paper in ``embedding``, which
the next run finishes (re-writing a vector under the same id replaces it: no duplicates); a kill before
the first leaves nothing at all.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from causemap.ingest.chunking import chunk_page
from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.readers import SUPPORTED_SUFFIXES, load_bytes, read_document
from causemap.ingest.readers.base import ParsedDocument, ReadFailure
from causemap.ingest.vectorstore import vector_store
from causemap.models import Chunk, Page, Paper, PaperState
from causemap.workspace import Workspace


@dataclass
class IngestReport:
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    resumed: list[str] = field(default_factory=list)  # paper ids finished from an interrupted run

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": self.ingested, "skipped": self.skipped, "failed": self.failed}

    @property
    def partial(self) -> bool:
        return bool(self.failed)


def ingest_paths(
    workspace: Workspace,
    paths: Sequence[Path | str],
    progress: bool = True,
    on_file: Callable[[int, int, Path], None] | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into the workspace; never stops on one bad file.

    ``on_file(done, total, path)`` is called before each file (the app's progress bar); ``progress``
    draws a bar on stderr.
    """
    store = workspace.store
    report = IngestReport()
    run_id = store.start_run("ingest")
    report.resumed = resume_interrupted(workspace)
    files, unusable = expand_paths(paths)
    for path, reason in unusable:
        report.failed.append({"path": str(path), "error": reason})
    max_bytes = int(workspace.settings.ingest.max_file_mb * 1024 * 1024)
    bar = tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress)
    for done, path in enumerate(bar):
        bar.set_postfix_str(path.name[:40], refresh=False)
        if on_file is not None:
            on_file(done, len(files), path)
        for outcome in _ingest_file(workspace, path, max_bytes):
            kind, row = outcome
            getattr(report, kind).append(row)
    for row in report.failed:
        store.record_failure(run_id, row["path"], row.get("code", "error"), row["error"])
    store.finish_run(
        run_id,
        "partial" if report.partial else "ok",
        {k: len(v) for k, v in report.to_dict().items()},
    )
    return report


def expand_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to read (folders walked recursively, sorted) and paths that cannot be read, with why."""
    files: list[Path] = []
    unusable: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                unusable.append(
                    (
                        path,
                        f"unsupported file type {path.suffix or '(none)'!r}; "
                        f"causemap reads {', '.join(SUPPORTED_SUFFIXES)}",
                    )
                )
        else:
            unusable.append((path, "not found"))
    seen: set[Path] = set()
    unique = [p for p in files if not (p.resolve() in seen or seen.add(p.resolve()))]
    return unique, unusable


def _ingest_file(workspace: Workspace, path: Path, max_bytes: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """Outcomes ("ingested" | "skipped" | "failed", row) for one file."""
    data = load_bytes(path, max_bytes)
    if isinstance(data, ReadFailure):
        yield "failed", _failure(path, data)
        return
    if path.suffix.lower() != ".jsonl":
        # A whole-file document: skip before parsing when its bytes are already stored.
        known = workspace.store.paper(hashlib.sha256(data).hexdigest())
        if known is not None:
            yield "skipped", {"path": str(path), "paper_id": known.id, "reason": "already ingested"}
            return
    for item in read_document(path, data):
        if isinstance(item, ReadFailure):
            yield "failed", _failure(path, item)
            continue
        known = workspace.store.paper(item.sha256)
        if known is not None:
            yield "skipped", {"path": item.source, "paper_id": known.id, "reason": "already ingested"}
            continue
        paper, n_chunks = store_document(workspace, item)
        yield (
            "ingested",
            {
                "path": item.source,
                "paper_id": paper.id,
                "title": paper.title,
                "pages": paper.n_pages,
                "chunks": n_chunks,
            },
        )


def store_document(workspace: Workspace, doc: ParsedDocument) -> tuple[Paper, int]:
    """Store one parsed document (rows, then vectors) and return it with its chunk count."""
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
    pages = [Page(paper_id=paper.id, number=p.number, text=p.text) for p in doc.pages]
    chunks = [
        Chunk(
            id=Chunk.make_id(paper.id, page.number, span.start, span.end),
            paper_id=paper.id,
            page=page.number,
            section=span.section,
            start=span.start,
            end=span.end,
            text=page.text[span.start : span.end],
            is_references=span.is_references,
        )
        for page in doc.pages
        for span in chunk_page(
            page, workspace.settings.ingest.chunk_chars, workspace.settings.ingest.chunk_overlap_sentences
        )
    ]
    store = workspace.store
    with store.transaction():
        store.add_paper(paper, pages, chunks)
        for page in doc.pages:
            store.set_page_sections(paper.id, page.number, [(s.start, s.end, s.label) for s in page.sections])
    _embed_and_finish(workspace, paper, chunks)
    return paper, len(chunks)


def resume_interrupted(workspace: Workspace) -> list[str]:
    """Finish papers whose vectors an interrupted run did not confirm; drop orphaned vectors."""
    store = workspace.store
    pending = store.papers(PaperState.EMBEDDING)
    for paper in pending:
        _embed_and_finish(workspace, paper, store.chunks(paper.id))
    if pending or _vector_count_disagrees(workspace):
        vectors = vector_store(workspace)
        orphans = vectors.ids() - store.chunk_ids()
        vectors.delete(sorted(orphans))
    return [p.id for p in pending]


def _vector_count_disagrees(workspace: Workspace) -> bool:
    n_chunks = workspace.store.counts()["chunks"]
    if n_chunks == 0 and not (workspace.root / "chroma").exists():
        return False  # nothing stored yet: don't open Chroma just to count zero
    return vector_store(workspace).count() != n_chunks


def _embed_and_finish(workspace: Workspace, paper: Paper, chunks: Sequence[Chunk]) -> None:
    if chunks:
        vectors = workspace_embedder(workspace).embed([c.text for c in chunks])
        vector_store(workspace).upsert(
            [c.id for c in chunks],
            vectors,
            [c.text for c in chunks],
            [_metadata(paper, c) for c in chunks],
        )
    workspace.store.set_paper_state(paper.id, PaperState.READY)


def _metadata(paper: Paper, chunk: Chunk) -> dict[str, Any]:
    return {
        "paper_id": paper.id,
        "title": paper.title or "",
        "page": chunk.page,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "is_references": chunk.is_references,
        "parser": paper.parser,
    }


def _failure(path: Path, failure: ReadFailure) -> dict[str, Any]:
    return {"path": str(path), "error": failure.message, "code": failure.code}


def delete_paper(workspace: Workspace, paper_id: str) -> bool:
    """Delete a paper, everything derived from it, and its vectors."""
    ids = [c.id for c in workspace.store.chunks(paper_id)]
    deleted = workspace.store.delete_paper(paper_id)
    if ids:
        vector_store(workspace).delete(ids)
    return deleted
