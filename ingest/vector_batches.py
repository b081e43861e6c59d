"""Stored papers waiting for their vectors, embedded a batch at a time, the model ahead of the writer.

Papers are embedded several at a time (one model call for many abstracts), so several may wait in state
``embedding`` at once. Without stage-by-stage progress (the CLI, the benchmarks) the model runs in a
thread of its own, which first loads it (while the readers read the first files) and then computes one
batch's vectors while the calling thread stores the next papers and writes the last batch's vectors:
storing costs no wall time on a machine with a core to spare. Each vector is the one the calling thread
would compute: the same texts through the same model. With ``on_stage`` (the app, ``ws.ingest(progress=
...)``) each batch is embedded in the calling thread, one model batch at a time, each told as it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from causemap.ingest.chunk_vectors import PapersWithChunks, embed_papers, embedded_chunks, store_vectors
from causemap.ingest.embedding import Embedder
from causemap.ingest.ingest_outcomes import StoredPaper
from causemap.models import Chunk
from causemap.workspace import Workspace


@dataclass
class _Embedding:
    """Stored papers whose chunk vectors the model is computing (``vectors``: a future of
    ``embed_papers``' chunks and vectors)."""

    batch: list[StoredPaper]
    vectors: Future


class VectorBatches:
    """Stored papers waiting for vectors; ``on_written(batch)`` is told each batch once its papers are
    ready."""

    def __init__(
        self,
        workspace: Workspace,
        embedder: Callable[[], Embedder],
        on_written: Callable[[list[StoredPaper]], None],
        on_stage: Callable[[str, str], None] | None = None,
    ) -> None:
        self.workspace = workspace
        self.embedder = embedder
        self.on_written = on_written
        self.on_stage = on_stage
        self.waiting: list[StoredPaper] = []
        self._model_thread: ThreadPoolExecutor | None = None
        self._embedding: _Embedding | None = None  # the batch whose vectors the model thread computes
        if on_stage is None:
            self._model_thread = ThreadPoolExecutor(1, thread_name_prefix="causemap-embed")
        self._loading = False

    def load_model(self) -> None:
        """Load the model in the model thread now (once), while the readers read the first files."""
        if self._model_thread is not None and not self._loading:
            self._loading = True
            self._model_thread.submit(self.embedder)

    @property
    def waiting_chunks(self) -> int:
        return sum(len(s.chunks) for s in self.waiting)

    def embed_waiting(self) -> None:
        """Start embedding every waiting paper (one model call), then write the batch started before.

        With ``on_stage`` the batch is embedded, and written, here."""
        previous, self._embedding = self._embedding, None
        if self.waiting:
            batch, self.waiting = self.waiting, []
            papers = [(s.paper, s.chunks) for s in batch]
            if self._model_thread is not None and any(embedded_chunks(self.workspace, c) for _, c in papers):
                vectors = self._model_thread.submit(self._embed, papers, None)
            else:  # with stage-by-stage progress, or reference lists only (nothing to embed)
                vectors = Future()
                vectors.set_result(self._embed(papers, self._told(batch)))
            self._embedding = _Embedding(batch, vectors)
        if previous is not None:
            self._write(previous)
        if self._embedding is not None and self._embedding.vectors.done():
            self._write(self._embedding)  # embedded already (here, or nothing to embed): write it now
            self._embedding = None

    def finish_last_batch(self) -> None:
        """Embed what waits and write every batch: nothing is waiting or being embedded afterwards."""
        self.embed_waiting()
        if self._embedding is not None:
            self._write(self._embedding)
            self._embedding = None

    def close(self) -> None:
        if self._model_thread is not None:
            self._model_thread.shutdown(wait=True, cancel_futures=True)

    def _embed(
        self, papers: PapersWithChunks, on_embedded: Callable[[int, int], None] | None
    ) -> tuple[list[Chunk], np.ndarray | None]:
        return embed_papers(self.workspace, papers, on_embedded, self.embedder)

    def _write(self, embedding: _Embedding) -> None:
        """Write a batch's vectors once the model has them: its papers become ready."""
        chunks, vectors = embedding.vectors.result()
        store_vectors(self.workspace, [(s.paper, s.chunks) for s in embedding.batch], chunks, vectors)
        self.on_written(embedding.batch)

    def _told(self, batch: list[StoredPaper]) -> Callable[[int, int], None] | None:
        """``on_embedded(done, total)`` telling the batch's progress as a stage of its file(s)."""
        on_stage = self.on_stage
        if on_stage is None:
            return None
        names = list(dict.fromkeys(s.file.path.name for s in batch))
        what = names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"
        return lambda done, total: on_stage(what, f"embedding chunks {done}/{total}")
