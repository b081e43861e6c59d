"""Ingest: files in, papers with pages, chunks and vectors out (``ingest_paths``).

The stages live in their own modules: ``walk.py`` finds the files of folders (and says what it passes
over), ``worker.py`` reads, cleans and chunks each file in a reader process under a time and a memory
limit, ``ingest_run.py`` stores the papers and records each file's outcome as it finishes (the rows it
stores and reports built in ``ingest_outcomes.py``),
``vector_batches.py`` embeds the stored papers a batch at a time, and ``chunk_vectors.py`` writes their
vectors and marks them ready (and finishes the papers of an interrupted run). This module ties them
together and keeps the names other stages import (``delete_paper``, ``embedded_chunks``, ...).

Reference lists are stored and chunked but, unless ``ingest.embed_references``, not embedded: retrieval
leaves them out, and they are up to a fifth of a paper's chunks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from causemap.ingest.chunk_vectors import (
    INGEST_WORK,
    delete_paper,
    embed_papers,
    embedded_chunks,
    resume_interrupted,
    store_vectors,
    write_vectors,
)
from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.ingest_outcomes import FileOutcome
from causemap.ingest.ingest_run import (
    RECORDS_PER_TASK,
    IngestRun,
    StageCallback,
    abstract_chunking,
)
from causemap.ingest.vectorstore import vector_store
from causemap.ingest.walk import walk_paths
from causemap.workspace import Workspace

__all__ = [
    "INGEST_WORK",
    "RECORDS_PER_TASK",
    "FileOutcome",
    "IngestReport",
    "StageCallback",
    "abstract_chunking",
    "delete_paper",
    "embed_papers",
    "embedded_chunks",
    "ingest_paths",
    "resume_interrupted",
    "store_vectors",
    "write_vectors",
]


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
    embedder = lambda: workspace_embedder(workspace)  # noqa: E731  (asked when there is something to embed)
    with IngestRun(workspace, report, run_id, embedder, progress, on_file, on_stage) as run:
        run.ingest(walk.files)
    store.finish_run(
        run_id,
        "partial" if report.partial else "ok",
        {k: len(v) for k, v in report.to_dict().items()},
    )
    return report
