"""Ingest: files in, papers with pages, chunks and vectors out.

Files are read, cleaned and chunked in reader processes (``worker.py``), each file under a time and a
memory limit; this process stores and embeds, so the readers parse the next files while the model embeds
the last ones, and the model runs in a thread of its own (unless progress is told stage by stage), so
this thread stores the next papers and writes the last batch's vectors while it embeds. Results are
taken in the order the files were given, so a run is reproducible.

Each paper lands in two steps. First its rows (paper, pages, chunks) commit in one transaction with the
paper in state ``embedding``; then its chunk vectors are written to the vector store under the chunk
ids, and the paper becomes ``ready``. Papers are embedded several at a time (one model call for many
abstracts, texts sorted by length inside it), so several may wait in ``embedding`` at once. A kill
between the two steps leaves papers in ``embedding``, which the next run finishes (re-writing a vector
under the same id replaces it: no duplicates); a kill before the first leaves nothing at all.

Several processes may ingest into one workspace at once: each paper is claimed for the run before it is
read (``causemap.store.work``), so a paper another live run is storing is skipped as "in progress
elsewhere" and one whose run died is taken over; each file's outcome is recorded in the store as the file
finishes (``file_outcomes``), so a killed batch's outcomes stay visible.

Reference lists are stored and chunked but, unless ``ingest.embed_references``, not embedded: retrieval
leaves them out, and they are up to a fifth of a paper's chunks.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from causemap.ingest.chunking import CHUNKING_LABEL
from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.readers import load_bytes
from causemap.ingest.readers.base import ReadFailure
from causemap.ingest.readers.text import JSONL_PARSER_PREFIX, count_records, jsonl_records
from causemap.ingest.vectorstore import vector_store
from causemap.ingest.walk import walk_paths
from causemap.ingest.worker import PreparedDocument, ReaderPool, ReadItem, ReadJob
from causemap.models import Chunk, Page, Paper, PaperState
from causemap.workspace import Workspace

StageCallback = Callable[[int, int, str], None]
RECORDS_PER_TASK = 64  # JSONL records one reader task parses (each task has the time limit)
INGEST_WORK = "ingest"  # what an ingest run claims a paper for (see causemap.store.work)
PAGE_POLL_SECONDS = 0.25  # how often the page count of a PDF being read is looked at


@dataclass
class IngestReport:
    ingested: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    resumed: list[dict[str, Any]] = field(default_factory=list)  # papers finished from an interrupted run
    # What folder walks did not read, and why: hidden files, broken or looping links, other types.
    passed_over: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "skipped": self.skipped,
            "failed": self.failed,
            "resumed": self.resumed,
            "passed_over": self.passed_over,
        }

    @property
    def partial(self) -> bool:
        return bool(self.failed)


def ingest_paths(
    workspace: Workspace,
    paths: Sequence[Path | str],
    progress: bool = True,
    on_file: Callable[[int, int, Path], None] | None = None,
    on_stage: StageCallback | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively) into the workspace; never stops on one bad file.

    Progress counts documents (a JSONL export of 300 abstracts is 300): ``on_file(done, total, path)``
    is called as documents finish, with the file they come from (the app's progress bar); ``progress``
    draws a bar on stderr. ``on_stage(done, total, "paper.pdf: embedding chunks 64/340")`` is told
    what happens inside a file meanwhile (reading, storing, embedding chunk by chunk), so that one long
    PDF does not sit at 0/1 until it is done; the chunks are then embedded one model batch at a time.
    """
    store = workspace.store
    vector_store(workspace)  # the server answers and the embedding model matches, before anything is stored
    report = IngestReport()
    run_id = store.start_run("ingest")
    report.resumed = resume_interrupted(workspace, run_id)
    walk = walk_paths(paths)
    report.passed_over = walk.passed_over
    for path, code, reason in walk.unusable:
        report.failed.append({"path": str(path), "error": reason, "code": code})
        store.record_outcome(run_id, "failed", report.failed[-1])
    with _IngestRun(workspace, report, run_id, progress, on_file, on_stage) as run:
        run.ingest(walk.files)
    store.finish_run(
        run_id,
        "partial" if report.partial else "ok",
        {k: len(v) for k, v in report.to_dict().items()},
    )
    return report


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
class _Task:
    file: FileOutcome
    future: Any
    records: list[tuple[int, bytes]]  # empty for a whole-file task
    claimed: list[str] = field(default_factory=list)  # paper ids this run claimed for the task


@dataclass
class _Stored:
    """A paper whose rows are committed and whose vectors are still to be written."""

    file: FileOutcome
    paper: Paper
    chunks: list[Chunk]
    row: dict[str, Any]


@dataclass
class _Embedding:
    """Stored papers whose chunk vectors the model is computing (``vectors``: a future of them)."""

    batch: list[_Stored]
    chunks: list[Chunk]  # those that get vectors, in order
    vectors: Future


class _IngestRun:
    """One ingest over a list of files: reader tasks in flight, stored papers waiting for vectors."""

    def __init__(
        self,
        workspace: Workspace,
        report: IngestReport,
        run_id: int,
        progress: bool,
        on_file: Callable[[int, int, Path], None] | None,
        on_stage: StageCallback | None = None,
    ) -> None:
        self.workspace = workspace
        self.store = workspace.store
        self.run_id = run_id
        self.settings = abstract_chunking(workspace)
        self.report = report
        self.on_file = on_file
        self.on_stage = on_stage
        self.max_bytes = int(self.settings.max_file_mb * 1024 * 1024)
        self.limits = ReadJob.from_settings(self.settings).limits
        self.flush_at = 4 * self.settings.embed_batch_size  # texts gathered before one model call
        self.show_bar = progress
        self.bar: Any = None
        self.done = 0
        self.total = 0
        self._pool: ReaderPool | None = None
        self._tasks_hint = 1
        self._in_flight: deque[_Task] = deque()
        self._waiting: list[_Stored] = []
        self._model_thread: ThreadPoolExecutor | None = None
        self._embedding: _Embedding | None = None  # the batch whose vectors the model thread computes

    def __enter__(self) -> _IngestRun:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            self._pool.close(wait=exc_type is None)
        if self._model_thread is not None:
            self._model_thread.shutdown(wait=True, cancel_futures=True)
        if self.bar is not None:
            self.bar.close()

    @property
    def pool(self) -> ReaderPool:
        if self._pool is None:
            self._pool = ReaderPool(self.settings, tasks_hint=self._tasks_hint)
        return self._pool

    # -- the loop -----------------------------------------------------------------------------
    def ingest(self, files: Sequence[Path]) -> None:
        outcomes = [FileOutcome(path, self._count_documents(path)) for path in files]
        self.total = sum(o.documents for o in outcomes)
        self._tasks_hint = sum(-(-o.documents // RECORDS_PER_TASK) for o in outcomes)
        self.bar = tqdm(
            total=self.total, desc="ingest", unit="doc", file=sys.stderr, disable=not self.show_bar
        )
        if outcomes and self.on_file is not None:
            self.on_file(0, self.total, outcomes[0].path)
        tasks = self._submit_all(outcomes)
        self._fill(tasks)
        while self._in_flight:
            head = self._in_flight[0]
            if self._waiting and not head.future.done():
                self._write_waiting()  # embed while the readers work
            self._in_flight.popleft()
            if not head.records:
                self._wait_reading(head)
            items = self._items(head)
            self._fill(tasks)
            self._take(head, items)
            if sum(len(s.chunks) for s in self._waiting) >= self.flush_at:
                self._write_waiting()
        self._write_waiting()
        self._write_waiting()  # nothing waits now: this finishes the last batch

    def _wait_reading(self, task: _Task) -> None:
        """Wait for a file's reader, telling its pages as the reader goes ("reading page 40/212")."""
        name = task.file.path.name
        self._stage(name, "reading")
        if self.on_stage is None and not self.show_bar:
            return
        shown = None
        while not task.future.done():
            pages = self.pool.pages_read(task.future)
            if pages is not None and pages != shown:
                self._stage(name, f"reading page {min(pages[0] + 1, pages[1])}/{pages[1]}")
                shown = pages
            futures_wait([task.future], timeout=PAGE_POLL_SECONDS)

    def _fill(self, tasks: Iterator[_Task]) -> None:
        """Keep a few tasks per reader in flight: enough to stay busy, not the whole corpus in memory."""
        limit = 2 * (self._pool.workers if self._pool is not None else 1) + 1
        while len(self._in_flight) < limit:
            task = next(tasks, None)
            if task is None:
                return
            self._in_flight.append(task)

    def _count_documents(self, path: Path) -> int:
        if path.suffix.lower() != ".jsonl":
            return 1
        data = load_bytes(path, self.max_bytes)
        return 1 if isinstance(data, ReadFailure) else max(1, count_records(data))

    def _submit_all(self, outcomes: Sequence[FileOutcome]) -> Iterator[_Task]:
        """Reader tasks, file by file; what is already stored or unreadable is settled without one."""
        for outcome in outcomes:
            path = outcome.path
            data = load_bytes(path, self.max_bytes)
            if isinstance(data, ReadFailure):
                self._settle(outcome, "failed", _failure(path, data))
            elif path.suffix.lower() == ".jsonl":
                yield from self._record_tasks(outcome, data)
            elif (known := self.store.paper(paper_id := hashlib.sha256(data).hexdigest())) is not None:
                self._settle(outcome, "skipped", _skipped(str(path), known.id))
            elif (row := self._claim(str(path), paper_id)) is not None:
                self._settle(outcome, "skipped", row)
            else:
                outcome.open_tasks += 1
                yield _Task(outcome, self.pool.submit_file(path), [], [paper_id])
            outcome.planned = True
            self._finish_if_done(outcome)

    def _record_tasks(self, outcome: FileOutcome, data: bytes) -> Iterator[_Task]:
        """Tasks of at most ``RECORDS_PER_TASK`` records; records already stored are skipped unread.

        Each task's records are looked up and claimed in one transaction (one commit, not one per record)."""
        records = iter(jsonl_records(data, self.limits))
        while group := list(islice(records, RECORDS_PER_TASK)):
            batch: list[tuple[int, bytes]] = []
            claimed: list[str] = []
            with self.store.transaction():
                for item in group:
                    if isinstance(item, ReadFailure):
                        self._settle(outcome, "failed", _failure(outcome.path, item))
                        continue
                    number, line, record_id = item
                    paper_id = hashlib.sha256(line).hexdigest()
                    source = f"{outcome.path}#{record_id}" if record_id else f"{outcome.path}:{number}"
                    known = self.store.paper(paper_id)
                    if known is not None:
                        self._settle(outcome, "skipped", _skipped(source, known.id))
                        continue
                    if (row := self._claim(source, paper_id)) is not None:
                        self._settle(outcome, "skipped", row)
                        continue
                    batch.append((number, line))
                    claimed.append(paper_id)
            if batch:
                outcome.open_tasks += 1
                yield _Task(outcome, self.pool.submit_records(outcome.path, batch), batch, claimed)

    def _claim(self, source: str, paper_id: str) -> dict[str, Any] | None:
        """Claim a paper for this run before reading it: None when it is ours, else the skipped row
        saying which live run is storing it (a paper whose run died is taken over)."""
        holder = self.store.take_work(INGEST_WORK, paper_id, self.run_id)
        if holder is None:
            return None
        return {
            "path": source,
            "paper_id": paper_id,
            "reason": f"in progress elsewhere (run {holder['id']}: {holder['command']} on {holder['host']}, "
            f"process {holder['pid']})",
        }

    def _items(self, task: _Task) -> list[ReadItem]:
        """A task's results; a batch of records stopped by a limit is read again one record at a time,
        so that only the record that hits the limit fails."""
        if not task.records:
            return self.pool.items(task.future)
        items = self.pool.items(task.future, task.records)
        stopped = all(isinstance(i, ReadFailure) and i.code in ReaderPool.STOP_CODES for i in items)
        if len(task.records) > 1 and stopped:
            singles = [(r, self.pool.submit_records(task.file.path, [r])) for r in task.records]
            items = [item for record, future in singles for item in self.pool.items(future, [record])]
        return items

    # -- storing and embedding ----------------------------------------------------------------
    def _take(self, task: _Task, items: list[ReadItem]) -> None:
        """Store what a reader task returned; its papers wait for their vectors."""
        outcome = task.file
        outcome.open_tasks -= 1
        new: list[PreparedDocument] = []
        for item in items:
            if isinstance(item, ReadFailure):
                self._settle(outcome, "failed", _failure(outcome.path, item))
            elif (known := self.store.paper(item.document.sha256)) is not None:
                if known.state != PaperState.READY:  # we hold its claim: the run that stored it is gone
                    write_vectors(self.workspace, [(known, self.store.chunks(known.id))])
                self._settle(outcome, "skipped", _skipped(item.document.source, known.id))
            else:
                new.append(item)
        storing = {item.document.sha256 for item in new}
        for paper_id in task.claimed:
            if paper_id not in storing:  # failed or found stored: nothing more to do with it
                self.store.release_work(INGEST_WORK, paper_id, self.run_id)
        stored = [_rows(outcome, item) for item in new]
        if stored and not task.records:
            self._stage(
                outcome.path.name, f"storing {stored[0].paper.n_pages} pages, {len(stored[0].chunks)} chunks"
            )
        if stored:
            with self.store.transaction():
                for one, item in zip(stored, new, strict=True):
                    pages = [
                        Page(paper_id=one.paper.id, number=p.number, text=p.text) for p in item.document.pages
                    ]
                    self.store.add_paper(one.paper, pages, one.chunks)
                    for page in item.document.pages:
                        sections = [(s.start, s.end, s.label) for s in page.sections]
                        self.store.set_page_sections(one.paper.id, page.number, sections)
            outcome.waiting += len(stored)
            self._waiting.extend(stored)
        self._finish_if_done(outcome)

    def _write_waiting(self) -> None:
        """Embed every waiting paper (one model call) and write its vectors; they become ready.

        Without ``on_stage`` the model runs in the model thread: this call starts the batch and then
        finishes the one started before, so the model computes one batch's vectors while this thread
        stores the next papers and writes the last batch's vectors (storing then costs no wall time on a
        machine with a core to spare). Each vector is the one this thread would compute: the same texts
        through the same model. With ``on_stage`` the batch is embedded here, one model batch at a time,
        each told as it is done."""
        previous, self._embedding = self._embedding, None
        if self._waiting:
            batch, self._waiting = self._waiting, []
            chunks = [c for s in batch for c in embedded_chunks(self.workspace, s.chunks)]
            embedder, size = workspace_embedder(self.workspace), self.settings.embed_batch_size
            texts = [c.text for c in chunks]
            vectors: Future = Future()
            if not texts:  # reference lists only: nothing to embed
                vectors.set_result(None)
            elif self.on_stage is not None:
                names = list(dict.fromkeys(s.file.path.name for s in batch))
                what = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
                on_embedded = lambda done, total: self._stage(what, f"embedding chunks {done}/{total}")  # noqa: E731
                vectors.set_result(_embed(embedder, texts, size, on_embedded))
            else:
                if self._model_thread is None:
                    self._model_thread = ThreadPoolExecutor(1, thread_name_prefix="causemap-embed")
                vectors = self._model_thread.submit(_embed, embedder, texts, size, None)
            self._embedding = _Embedding(batch, chunks, vectors)
        if previous is not None:
            self._finish_embedding(previous)
        if self._embedding is not None and self._embedding.vectors.done():
            self._finish_embedding(self._embedding)  # embedded here: write it now
            self._embedding = None

    def _finish_embedding(self, embedding: _Embedding) -> None:
        """Write a batch's vectors once the model has them: its papers become ready, their claims are
        released and their outcomes settled."""
        vectors = embedding.vectors.result()
        papers = [(s.paper, s.chunks) for s in embedding.batch]
        store_vectors(self.workspace, papers, embedding.chunks, vectors)
        with self.store.transaction():  # one commit for the batch's claims and outcomes
            for one in embedding.batch:
                self.store.release_work(INGEST_WORK, one.paper.id, self.run_id)
                one.file.waiting -= 1
                self._settle(one.file, "ingested", one.row)
                self._finish_if_done(one.file)

    # -- outcomes -----------------------------------------------------------------------------
    def _settle(self, outcome: FileOutcome, kind: str, row: dict[str, Any]) -> None:
        getattr(outcome, kind).append(row)
        self._advance(1, outcome.path)

    def _advance(self, n: int, path: Path) -> None:
        self.done += n
        if self.done > self.total:  # a file held more documents than counted
            self.total = self.done
            self.bar.total = self.total
        self.bar.set_postfix_str(path.name[:40], refresh=False)
        self.bar.update(n)
        if self.on_file is not None:
            self.on_file(self.done, self.total, path)

    def _stage(self, name: str, stage: str) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"{name[:30]}: {stage}")
        if self.on_stage is not None:
            self.on_stage(self.done, self.total, f"{name}: {stage}")

    def _finish_if_done(self, outcome: FileOutcome) -> None:
        if outcome.finished and not outcome.reported:
            outcome.reported = True
            if outcome.settled < outcome.documents:  # fewer documents than lines counted
                self._advance(outcome.documents - outcome.settled, outcome.path)
            self.file_finished(outcome)

    def file_finished(self, outcome: FileOutcome) -> None:
        """The one place a file's outcome is known: called once per input file, as soon as every
        document of it is ingested (its vectors written), skipped or failed."""
        with self.store.transaction():  # committed now: a killed batch's outcomes stay visible
            for kind in ("ingested", "skipped", "failed"):
                rows = getattr(outcome, kind)
                getattr(self.report, kind).extend(rows)
                for row in rows:
                    self.store.record_outcome(self.run_id, kind, row)


def abstract_chunking(workspace: Workspace) -> Any:
    """The workspace's ``IngestSettings`` with ``abstract_overlap_sentences`` decided: as set, or when
    unset 0, unless the store holds JSONL abstracts chunked before the setting existed (their parser
    label names no chunking): those were chunked with ``chunk_overlap_sentences``, which the workspace
    keeps, so its abstracts stay chunked one way (the vectors and passages of an export do not depend on
    which run stored which record)."""
    ingest = workspace.settings.ingest
    if ingest.abstract_overlap_sentences is not None:
        return ingest
    legacy = any(
        paper.parser.startswith(JSONL_PARSER_PREFIX) and CHUNKING_LABEL not in paper.parser
        for paper in workspace.store.papers()
        if paper.parser
    )
    overlap = ingest.chunk_overlap_sentences if legacy else 0
    return ingest.model_copy(update={"abstract_overlap_sentences": overlap})


def _rows(outcome: FileOutcome, item: PreparedDocument) -> _Stored:
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
    }
    return _Stored(outcome, paper, chunks, row)


def embedded_chunks(workspace: Workspace, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks that get vectors: all but reference lists, unless ``ingest.embed_references``."""
    if workspace.settings.ingest.embed_references:
        return list(chunks)
    return [c for c in chunks if not c.is_references]


def write_vectors(
    workspace: Workspace,
    papers: Sequence[tuple[Paper, Sequence[Chunk]]],
    on_embedded: Callable[[int, int], None] | None = None,
) -> None:
    """Embed the papers' chunks in one call, write the vectors, then mark the papers ready.

    With ``on_embedded(done, total)``, the chunks are embedded one model batch at a time instead, longest
    first: the batches the model makes of one call itself, so the work is the same, told as it goes.
    """
    chunks = [c for paper, paper_chunks in papers for c in embedded_chunks(workspace, paper_chunks)]
    vectors = None
    if chunks:
        embedder, size = workspace_embedder(workspace), workspace.settings.ingest.embed_batch_size
        vectors = _embed(embedder, [c.text for c in chunks], size, on_embedded)
    store_vectors(workspace, papers, chunks, vectors)


def store_vectors(
    workspace: Workspace,
    papers: Sequence[tuple[Paper, Sequence[Chunk]]],
    chunks: Sequence[Chunk],
    vectors: np.ndarray | None,
) -> None:
    """Write the vectors of the papers' embedded ``chunks`` (one row each), then mark the papers ready."""
    if chunks:
        titles = {paper.id: paper for paper, _ in papers}
        vector_store(workspace).upsert(
            [c.id for c in chunks],
            vectors,
            [c.text for c in chunks],
            [_metadata(titles[c.paper_id], c) for c in chunks],
        )
    with workspace.store.transaction():
        for paper, _ in papers:
            workspace.store.set_paper_state(paper.id, PaperState.READY)


def _embed(
    embedder: Any, texts: list[str], batch_size: int, on_embedded: Callable[[int, int], None] | None
) -> np.ndarray:
    if on_embedded is None:
        return embedder.embed(texts)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors = np.empty((len(texts), embedder.dimension), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        on_embedded(start, len(texts))
        part = order[start : start + batch_size]
        vectors[part] = embedder.embed([texts[i] for i in part])
    on_embedded(len(texts), len(texts))
    return vectors


def resume_interrupted(workspace: Workspace, run_id: int | None = None) -> list[dict[str, Any]]:
    """Finish papers whose vectors an interrupted run did not confirm; drop orphaned vectors.

    With a ``run_id`` each paper is claimed first, so a paper another live process is embedding right
    now is left to it. Returns the papers finished (id, path, title).
    """
    store = workspace.store
    pending = store.papers(PaperState.EMBEDDING)
    claimed = pending
    if run_id is not None:
        claimed = [p for p in pending if store.take_work(INGEST_WORK, p.id, run_id) is None]
        # another run may have finished one between the listing and the claim
        pending = [p for p in claimed if (now := store.paper(p.id)) and now.state == PaperState.EMBEDDING]
    if pending:
        write_vectors(workspace, [(paper, store.chunks(paper.id)) for paper in pending])
    if run_id is not None:
        for paper in claimed:
            store.release_work(INGEST_WORK, paper.id, run_id)
    if pending or _vector_count_disagrees(workspace):
        vectors = vector_store(workspace)
        orphans = vectors.ids() - store.chunk_ids()
        vectors.delete(sorted(orphans))
    return [{"paper_id": p.id, "path": p.source, "title": p.title} for p in pending]


def _vector_count_disagrees(workspace: Workspace) -> bool:
    n_chunks = workspace.store.counts()["chunks"]
    if n_chunks == 0 and not (workspace.root / "chroma").exists():
        return False  # nothing stored yet: don't open Chroma just to count zero
    n_vectors = vector_store(workspace).count()
    if n_vectors == n_chunks:
        return False  # every chunk has its vector (references too, as before they were left out)
    return n_vectors != len(embedded_chunks(workspace, workspace.store.chunks()))


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


def _skipped(source: str, paper_id: str) -> dict[str, Any]:
    return {"path": source, "paper_id": paper_id, "reason": "already ingested"}


def delete_paper(workspace: Workspace, paper_id: str) -> bool:
    """Delete a paper, everything derived from it, and its vectors."""
    ids = [c.id for c in workspace.store.chunks(paper_id)]
    deleted = workspace.store.delete_paper(paper_id)
    if ids:
        vector_store(workspace).delete(ids)
    return deleted
