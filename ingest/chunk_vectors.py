"""Chunk vectors: embed a paper's chunks, write them to the vector store, then mark the paper ready.

A paper is ``ready`` only once every chunk that gets a vector has one (``store_vectors``); a paper left in
``embedding`` by a killed run is finished by the next (``resume_interrupted``): writing a vector again
under the same chunk id replaces it, so there are no duplicates. Reference lists are stored and chunked
but, unless ``ingest.embed_references``, not embedded (``embedded_chunks``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from causemap.ingest.embedding import Embedder, workspace_embedder
from causemap.ingest.vectorstore import vector_store
from causemap.models import Chunk, Paper, PaperState
from causemap.workspace import Workspace

INGEST_WORK = "ingest"  # what an ingest run claims a paper for (see causemap.store.work)
PapersWithChunks = Sequence[tuple[Paper, Sequence[Chunk]]]


def embedded_chunks(workspace: Workspace, chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks that get vectors: all but reference lists, unless ``ingest.embed_references``."""
    if workspace.settings.ingest.embed_references:
        return list(chunks)
    return [c for c in chunks if not c.is_references]


def embed_papers(
    workspace: Workspace,
    papers: PapersWithChunks,
    on_embedded: Callable[[int, int], None] | None = None,
    embedder: Callable[[], Embedder] | None = None,
) -> tuple[list[Chunk], np.ndarray | None]:
    """The papers' chunks that get vectors and their vectors (None when there are none), in one call;
    ``embedder()`` gives the model (default: ``workspace_embedder``), asked only if there are chunks.

    With ``on_embedded(done, total)``, the chunks are embedded one model batch at a time instead, longest
    first: the batches the model makes of one call itself, so the work is the same, told as it goes.
    """
    chunks = [c for _, paper_chunks in papers for c in embedded_chunks(workspace, paper_chunks)]
    if not chunks:
        return chunks, None
    model = embedder() if embedder is not None else workspace_embedder(workspace)
    texts, size = [c.text for c in chunks], workspace.settings.ingest.embed_batch_size
    if on_embedded is None:
        return chunks, model.embed(texts)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors = np.empty((len(texts), model.dimension), dtype=np.float32)
    for start in range(0, len(order), size):
        on_embedded(start, len(texts))
        part = order[start : start + size]
        vectors[part] = model.embed([texts[i] for i in part])
    on_embedded(len(texts), len(texts))
    return chunks, vectors


def store_vectors(
    workspace: Workspace,
    papers: PapersWithChunks,
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


def write_vectors(
    workspace: Workspace, papers: PapersWithChunks, on_embedded: Callable[[int, int], None] | None = None
) -> None:
    """Embed the papers' chunks (``embed_papers``), write the vectors, then mark the papers ready."""
    store_vectors(workspace, papers, *embed_papers(workspace, papers, on_embedded))


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


def delete_paper(workspace: Workspace, paper_id: str) -> bool:
    """Delete a paper, everything derived from it, and its vectors."""
    ids = [c.id for c in workspace.store.chunks(paper_id)]
    deleted = workspace.store.delete_paper(paper_id)
    if ids:
        vector_store(workspace).delete(ids)
    return deleted
