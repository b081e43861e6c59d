"""Files are read in worker processes: one file (or one batch of JSONL records) per task, each task
under a time limit, each worker under a memory limit.

pebble's ``ProcessPool`` runs the tasks. A task over ``ingest.max_seconds_per_file`` is stopped by
killing its worker, which the pool replaces, so one pathological PDF (forms drawn inside forms, a page
of one word repeated over megabytes) costs at most that long and the batch goes on.

The memory limit, ``ingest.max_memory_mb``, is what a worker may use beyond what it started with, held
two ways, because a forked worker starts as a copy of the parent. Its address space is capped
(``RLIMIT_AS``, set by the initializer) at what it has plus the limit: a new mapping past it (a large
buffer, pymalloc's arenas, more heap) fails, and ``MemoryError`` inside the reader is reported as the
memory limit. That alone does not hold when the parent freed much heap before forking (a model export,
a big graph): the worker inherits those free pages mapped, and once pymalloc is refused new arenas
Python allocates from them instead, so a reader kept going on gigabytes (for a quarter of an hour, in a
test) without mapping anything. So a watcher thread in each worker also measures what it uses: its
address space with the C heap counted by the bytes in use rather than the bytes mapped (glibc's
``mallinfo2``), every 50 ms, and ends the worker with ``MEMORY_LIMIT_EXIT`` once that has grown by more
than the limit; the parent reports this as the memory limit too. The resident size would not do: the
inherited pages are resident already. (The watcher needs the GIL, so inside one long C call it acts when
the call returns; without ``mallinfo2``, not glibc, only the address space is capped.) Forking the pool
before anything heavy is loaded was the other way, but the caller (the app, a notebook) decides when
ingest starts, not causemap. A worker that dies anyway (a C library aborting, the system's
out-of-memory killer) is reported as crashed.

Where the platform forks (Linux), workers are forked: a spawned worker would re-run the caller's main
script, which breaks any script that calls ingest without an ``if __name__ == "__main__"`` guard, and
would import everything again. The forked worker only ever runs the readers (pure Python and pypdf), not
the parent's model, threads or connections, and ends with ``os._exit``. Elsewhere workers are spawned.
A worker reads, cleans, labels sections and chunks; the parent stores and embeds.

While a worker reads a PDF it writes its page count into a slot of a shared array that the parent
reads (``ReaderPool.pages_read``), so a long PDF shows "reading page 40/212" rather than sitting still.
Each task in flight has its own slot and one writer, so no lock is needed: a worker killed mid-write
cannot leave a lock held, and a torn read only shows a page number for a moment.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from causemap.ingest.chunking import ChunkSpan, abstract_overlap, chunk_page, chunking_label
from causemap.ingest.readers import load_bytes, read_document
from causemap.ingest.readers.base import ParsedDocument, ReadFailure, ReadLimits, set_page_reporter
from causemap.ingest.readers.text import is_abstract_record, parse_record


@dataclass(frozen=True)
class ReadJob:
    """What a worker needs to know to read and chunk: the limits and the chunking settings."""

    limits: ReadLimits
    chunk_chars: int
    overlap_sentences: int
    max_chunks: int
    # JSONL abstracts: sentences repeated between their chunks (``chunking.abstract_overlap``)
    abstract_overlap_sentences: int = 0

    @classmethod
    def from_settings(cls, ingest: Any) -> ReadJob:
        """From ``IngestSettings``."""
        return cls(
            limits=ReadLimits(
                max_bytes=int(ingest.max_file_mb * 1024 * 1024),
                max_page_chars=ingest.max_page_chars,
                max_record_bytes=ingest.max_record_kb * 1024,
            ),
            chunk_chars=ingest.chunk_chars,
            overlap_sentences=ingest.chunk_overlap_sentences,
            max_chunks=ingest.max_chunks_per_paper,
            abstract_overlap_sentences=abstract_overlap(ingest),
        )


@dataclass
class PreparedDocument:
    """A parsed document and its chunks, ``(page number, span)`` in reading order: ready to store."""

    document: ParsedDocument
    chunks: list[tuple[int, ChunkSpan]]


ReadItem = PreparedDocument | ReadFailure
MEMORY_LIMIT_EXIT = 86  # the exit status of a worker its memory watcher ended
MEMORY_POLL_S = 0.05
_START_METHOD = (
    "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" else "spawn"
)


def prepare(document: ParsedDocument, job: ReadJob) -> ReadItem:
    """Chunk a parsed document, or refuse it if it makes more chunks than one paper may.

    A JSONL abstract is chunked with ``job.abstract_overlap_sentences`` and its parser label says so
    (``chunking_label``): a paper records how it was chunked (abstracts stored before the label existed
    were chunked with ``overlap_sentences``)."""
    overlap = job.overlap_sentences
    if is_abstract_record(document):
        overlap = job.abstract_overlap_sentences
        document.parser = f"{document.parser} + {chunking_label(overlap)}"
    chunks = [
        (page.number, span) for page in document.pages for span in chunk_page(page, job.chunk_chars, overlap)
    ]
    if len(chunks) > job.max_chunks:
        return ReadFailure(
            "chunk_limit",
            f"{len(chunks):,} chunks, above the limit of {job.max_chunks:,} per paper "
            "(ingest.max_chunks_per_paper)",
        )
    return PreparedDocument(document, chunks)


# ------------------------------------------------------------------------------ in the worker


def _address_space() -> int:
    """Bytes of address space this process has mapped now (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks")
        + ("fordblks", "keepcost")
    ]


def _memory_reader() -> Callable[[], int] | None:
    """A function returning the bytes this process uses: its address space, counting of the C heap's
    arenas only the bytes in use (free heap inherited from the parent is mapped, but not used). None where
    the C library has no ``mallinfo2`` (not glibc >= 2.33)."""
    try:
        mallinfo2 = ctypes.CDLL(None).mallinfo2
    except (AttributeError, OSError):
        return None
    mallinfo2.restype = _MallInfo2
    mallinfo2.argtypes = []

    def in_use() -> int:
        info = mallinfo2()  # arena: heap bytes taken from the system; uordblks: those in use
        return _address_space() - int(info.arena) + int(info.uordblks)

    return in_use


def _watch_memory(in_use: Callable[[], int], memory_bytes: int, started: threading.Event) -> None:
    start = in_use()
    started.set()
    while True:
        time.sleep(MEMORY_POLL_S)
        if in_use() - start > memory_bytes:
            os._exit(MEMORY_LIMIT_EXIT)


_page_slots: Any = None  # the pool's shared array of (pages read, pages) per task slot


def _start_worker(memory_bytes: int, page_slots: Any = None) -> None:
    """Initializer: watch the memory the worker uses and cap its address space, each at what it has
    plus ``memory_bytes`` (see the module's docstring); keep pypdf's chatter off the console; remember
    where page counts go."""
    import resource

    global _page_slots
    _page_slots = page_slots

    from causemap.ingest.readers.pdf import route_pypdf_logging

    in_use = _memory_reader()
    if in_use is not None:
        started = threading.Event()
        watcher = threading.Thread(
            target=_watch_memory, args=(in_use, memory_bytes, started), name="memory-limit", daemon=True
        )
        watcher.start()
        started.wait()  # its stack and heap arena are mapped: the cap below starts after them
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _address_space() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    route_pypdf_logging()


def _memory_failure(memory_mb: int) -> ReadFailure:
    return ReadFailure(
        "memory_limit",
        f"stopped: reading needed more than the {memory_mb:,} MB a reader may use (ingest.max_memory_mb)",
    )


def _report_to_slot(slot: int) -> None:
    """Send this process's page counts to ``slot`` of the shared array (slot -1: nowhere)."""
    if _page_slots is None or slot < 0:
        set_page_reporter(None)
        return

    def report(done: int, total: int) -> None:
        _page_slots[2 * slot + 1] = total
        _page_slots[2 * slot] = done

    set_page_reporter(report)


def read_file_task(path: str, job: ReadJob, memory_mb: int, slot: int = -1) -> list[ReadItem]:
    """Read, clean and chunk one whole file (PDF, text, or a JSONL export read in one go); page counts
    go to ``slot`` of the pool's shared array."""
    _report_to_slot(slot)
    try:
        data = load_bytes(Path(path), job.limits.max_bytes)
        if isinstance(data, ReadFailure):
            return [data]
        return [
            item if isinstance(item, ReadFailure) else prepare(item, job)
            for item in read_document(Path(path), data, job.limits)
        ]
    except MemoryError:
        return [_memory_failure(memory_mb)]


def read_records_task(
    path: str, records: list[tuple[int, bytes]], job: ReadJob, memory_mb: int
) -> list[ReadItem]:
    """Parse and chunk some records (``(line number, line)``) of one JSONL export."""
    try:
        items: list[ReadItem] = []
        for number, line in records:
            item = parse_record(line, number, Path(path))
            items.append(item if isinstance(item, ReadFailure) else prepare(item, job))
        return items
    except MemoryError:
        return [_for_record(number, _memory_failure(memory_mb)) for number, _ in records]


def _for_record(number: int, failure: ReadFailure) -> ReadFailure:
    return ReadFailure(failure.code, f"line {number}: {failure.message}")


# ------------------------------------------------------------------------------ in the parent


class ReaderPool:
    """Worker processes reading files under the settings' time and memory limits.

    ``submit_*`` return a pebble future; ``items`` waits for one and turns a stopped or dead worker
    into failures naming the limit, so the caller only ever sees documents and failures.
    """

    # Failures that stop a whole task (its worker was stopped or died), not one document of it.
    STOP_CODES = frozenset({"time_limit", "memory_limit", "crashed"})

    def __init__(self, ingest: Any, tasks_hint: int | None = None) -> None:
        from pebble import ProcessPool

        self.job = ReadJob.from_settings(ingest)
        self.seconds = float(ingest.max_seconds_per_file)
        self.memory_mb = int(ingest.max_memory_mb)
        workers = ingest.reader_processes or os.cpu_count() or 1
        if tasks_hint is not None:
            workers = max(1, min(workers, tasks_hint))
        self.workers = workers
        context = multiprocessing.get_context(_START_METHOD)
        # Slots for more tasks than the caller keeps in flight; a task without a free slot reports nothing.
        self._page_slots = context.RawArray("q", 2 * (4 * workers + 4))
        self._free_slots = list(range(len(self._page_slots) // 2))
        self._slot_of: dict[int, int] = {}  # id(future) -> slot
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_start_worker,
            initargs=(self.memory_mb * 1024 * 1024, self._page_slots),
            context=context,
        )

    def submit_file(self, path: Path) -> Any:
        slot = self._free_slots.pop() if self._free_slots else -1
        if slot >= 0:
            self._page_slots[2 * slot] = self._page_slots[2 * slot + 1] = 0
        future = self._pool.schedule(
            read_file_task, args=(str(path), self.job, self.memory_mb, slot), timeout=self.seconds
        )
        if slot >= 0:
            self._slot_of[id(future)] = slot
        return future

    def pages_read(self, future: Any) -> tuple[int, int] | None:
        """``(pages read, pages)`` of the PDF a file task is reading, once its reader has counted them."""
        slot = self._slot_of.get(id(future))
        if slot is None or not self._page_slots[2 * slot + 1]:
            return None
        return int(self._page_slots[2 * slot]), int(self._page_slots[2 * slot + 1])

    def submit_records(self, path: Path, records: list[tuple[int, bytes]]) -> Any:
        return self._pool.schedule(
            read_records_task, args=(str(path), records, self.job, self.memory_mb), timeout=self.seconds
        )

    def items(self, future: Any, records: list[tuple[int, bytes]] | None = None) -> list[ReadItem]:
        """The task's documents and failures; if its worker was stopped, one failure for the file, or
        one per record (naming its line) for a task of JSONL ``records``."""
        from pebble import ProcessExpired

        slot = self._slot_of.pop(id(future), None)
        try:
            return list(future.result())
        except FutureTimeout:
            failure = ReadFailure(
                "time_limit",
                f"stopped after {self.seconds:g} s: reading took longer than the time limit "
                "(ingest.max_seconds_per_file)",
            )
        except ProcessExpired as exc:
            failure = _crash(exc.exitcode, self.memory_mb)
        except MemoryError:  # the result itself was too large to hand back
            failure = _memory_failure(self.memory_mb)
        finally:
            if slot is not None:
                self._free_slots.append(slot)
        if records is None:
            return [failure]
        return [_for_record(number, failure) for number, _ in records]

    def close(self, wait: bool = True) -> None:
        if wait:
            self._pool.close()
        else:
            self._pool.stop()
        self._pool.join()

    def __enter__(self) -> ReaderPool:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.close(wait=exc_type is None)


def _crash(exitcode: int | None, memory_mb: int) -> ReadFailure:
    if exitcode == MEMORY_LIMIT_EXIT:
        return _memory_failure(memory_mb)
    if exitcode == -9:
        why = "it was killed (signal 9), most likely by the system for using too much memory"
    elif exitcode is not None and exitcode < 0:
        why = f"it was stopped by signal {-exitcode}"
    else:
        why = f"it exited with code {exitcode}"
    return ReadFailure(
        "crashed",
        f"the reader process died while reading this file: {why} (memory limit: {memory_mb:,} MB, "
        "ingest.max_memory_mb)",
    )
