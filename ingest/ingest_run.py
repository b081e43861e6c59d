"""One ingest run over a list of files: reader tasks in flight, papers stored, outcomes recorded.

Files are read, cleaned and chunked in reader processes (``worker.py``), each file under a time and a
memory limit; this process stores the papers and hands them to ``VectorBatches``, which embeds them, so
the readers parse the next files while the model embeds the last ones. Results are taken in the order the
files were given, so a run is reproducible.

Each paper lands in two steps. First its rows (paper, pages, chunks) commit in one transaction with the
paper in state ``embedding``; then its chunk vectors are written to the vector store under the chunk ids,
and the paper becomes ``ready`` (``chunk_vectors.py``). A kill between the two steps leaves papers in
``embedding``, which the next run finishes; a kill before the first leaves nothing at all.

Several processes may ingest into one workspace at once: each paper is claimed for the run before it is
read (``causemap.store.work``), so a paper another live run is storing is skipped as "in progress
elsewhere" and one whose run died is taken over; each file's outcome is recorded in the store as the file
finishes (``file_finished``), so a killed batch's outcomes stay visible.
"""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import wait as futures_wait
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from tqdm import tqdm

from causemap.ingest.chunk_vectors import INGEST_WORK, write_vectors
from causemap.ingest.chunking import abstract_overlap
from causemap.ingest.embedding import Embedder
from causemap.ingest.ingest_outcomes import (
    FileOutcome,
    StoredPaper,
    failure_row,
    in_progress_row,
    skipped_row,
    stored_paper,
)
from causemap.ingest.readers import load_bytes
from causemap.ingest.readers.base import ReadFailure
from causemap.ingest.readers.text import count_records, jsonl_records
from causemap.ingest.vector_batches import VectorBatches
from causemap.ingest.worker import PreparedDocument, ReaderPool, ReadItem, ReadJob
from causemap.models import Page, PaperState
from causemap.workspace import Workspace

StageCallback = Callable[[int, int, str], None]
RECORDS_PER_TASK = 64  # JSONL records one reader task parses (each task has the time limit)
PAGE_POLL_SECONDS = 0.25  # how often the page count of a PDF being read is looked at


@dataclass
class _Task:
    file: FileOutcome
    future: Any
    records: list[tuple[int, bytes]]  # empty for a whole-file task
    claimed: list[str] = field(default_factory=list)  # paper ids this run claimed for the task


class IngestRun:
    """One ingest over a list of files (``ingest``), into ``report`` (an ``IngestReport``) and the run
    ``run_id``'s recorded outcomes; ``embedder()`` gives the model."""

    def __init__(
        self,
        workspace: Workspace,
        report: Any,
        run_id: int,
        embedder: Callable[[], Embedder],
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
        self.vectors = VectorBatches(
            workspace, embedder, self._written, self._stage if on_stage is not None else None
        )

    def __enter__(self) -> IngestRun:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            self._pool.close(wait=exc_type is None)
        self.vectors.close()
        if self.bar is not None:
            self.bar.close()

    @property
    def pool(self) -> ReaderPool:
        if self._pool is None:
            self._pool = ReaderPool(self.settings, tasks_hint=self._tasks_hint)
            self.vectors.load_model()  # there is something to read: load the model meanwhile
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
            if self.vectors.waiting and not head.future.done():
                self.vectors.embed_waiting()  # embed while the readers work
            self._in_flight.popleft()
            if not head.records:
                self._wait_reading(head)
            items = self._items(head)
            self._fill(tasks)
            self._take(head, items)
            if self.vectors.waiting_chunks >= self.flush_at:
                self.vectors.embed_waiting()
        self.vectors.finish_last_batch()

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
                self._settle(outcome, "failed", failure_row(path, data))
            elif path.suffix.lower() == ".jsonl":
                yield from self._record_tasks(outcome, data)
            elif (known := self.store.paper(paper_id := hashlib.sha256(data).hexdigest())) is not None:
                self._settle(outcome, "skipped", skipped_row(str(path), known.id))
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
                        self._settle(outcome, "failed", failure_row(outcome.path, item))
                        continue
                    number, line, record_id = item
                    paper_id = hashlib.sha256(line).hexdigest()
                    source = f"{outcome.path}#{record_id}" if record_id else f"{outcome.path}:{number}"
                    known = self.store.paper(paper_id)
                    if known is not None:
                        self._settle(outcome, "skipped", skipped_row(source, known.id))
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
        return in_progress_row(source, paper_id, holder)

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

    # -- storing ------------------------------------------------------------------------------
    def _take(self, task: _Task, items: list[ReadItem]) -> None:
        """Store what a reader task returned; its papers wait for their vectors."""
        outcome = task.file
        outcome.open_tasks -= 1
        new: list[PreparedDocument] = []
        for item in items:
            if isinstance(item, ReadFailure):
                self._settle(outcome, "failed", failure_row(outcome.path, item))
            elif (known := self.store.paper(item.document.sha256)) is not None:
                if known.state != PaperState.READY:  # we hold its claim: the run that stored it is gone
                    write_vectors(self.workspace, [(known, self.store.chunks(known.id))])
                self._settle(outcome, "skipped", skipped_row(item.document.source, known.id))
            else:
                new.append(item)
        storing = {item.document.sha256 for item in new}
        for paper_id in task.claimed:
            if paper_id not in storing:  # failed or found stored: nothing more to do with it
                self.store.release_work(INGEST_WORK, paper_id, self.run_id)
        stored = [stored_paper(outcome, item) for item in new]
        if stored and not task.records:
            self._stage(
                outcome.path.name, f"storing {stored[0].paper.n_pages} pages, {len(stored[0].chunks)} chunks"
            )
        if stored:
            kept: list[StoredPaper] = []  # what this run stored
            theirs: list[StoredPaper] = []  # stored meanwhile by a run that took the claim over
            with self.store.transaction():
                for one, item in zip(stored, new, strict=True):
                    pages = [
                        Page(paper_id=one.paper.id, number=p.number, text=p.text) for p in item.document.pages
                    ]
                    if not self.store.add_paper(one.paper, pages, one.chunks):
                        theirs.append(one)
                        continue
                    kept.append(one)
                    for page in item.document.pages:
                        sections = [(s.start, s.end, s.label) for s in page.sections]
                        self.store.set_page_sections(one.paper.id, page.number, sections)
            for one in theirs:
                self.store.release_work(INGEST_WORK, one.paper.id, self.run_id)
                self._settle(outcome, "skipped", skipped_row(one.paper.source, one.paper.id))
            outcome.waiting += len(kept)
            self.vectors.waiting.extend(kept)
        self._finish_if_done(outcome)

    def _written(self, batch: list[StoredPaper]) -> None:
        """A batch's vectors are written: its papers' claims are released and their outcomes settled."""
        with self.store.transaction():  # one commit for the batch's claims and outcomes
            for one in batch:
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
    """The workspace's ``IngestSettings`` with ``abstract_overlap_sentences`` decided for this workspace
    (``chunking.abstract_overlap``, asking the store for its papers' parser labels only if it is unset)."""
    ingest = workspace.settings.ingest
    overlap = abstract_overlap(ingest, workspace.store.paper_parsers)
    return ingest.model_copy(update={"abstract_overlap_sentences": overlap})
