"""Where chunk vectors live: a persistent Chroma collection in the workspace, or a Chroma server.

Vectors are stored under the chunk's id, so writing the same chunk twice overwrites rather than
duplicates: that is what makes an interrupted ingest safe to resume.

A collection records, in its metadata, the embedding model that made its vectors (with the runtime that
ran it: ``IngestSettings.embedding_identity``) and the workspace it belongs to (``meta.workspace_id`` in
the store). Opening it with another model or runtime is an error (``EmbeddingModelMismatch``): vectors
of two models in one index would answer questions with nonsense.
Opening another workspace's collection on a shared server is an error too, because resuming an
interrupted ingest deletes vectors the store does not know. A server that cannot be reached is a
``VectorStoreConnectionError`` naming it. Each is raised before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from causemap.settings import VectorSettings
from causemap.store.errors import StoreConnectionError, WorkspaceError

MODEL_KEY = "causemap_embedding_model"
WORKSPACE_KEY = "causemap_workspace"


class VectorStoreConnectionError(StoreConnectionError):
    """The Chroma server cannot be reached; the message names it."""


class EmbeddingModelMismatch(WorkspaceError):
    """The collection holds vectors of another embedding model than the workspace embeds with."""


class VectorCopyError(WorkspaceError):
    """A collection copied to another store does not hold the same vectors afterwards."""


@dataclass(frozen=True)
class VectorHit:
    id: str
    text: str
    metadata: dict[str, Any]
    score: float  # cosine similarity in [-1, 1]; higher is closer


class VectorStore(Protocol):
    def upsert(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None: ...
    def delete(self, ids: Sequence[str]) -> None: ...
    def ids(self) -> set[str]: ...
    def count(self) -> int: ...
    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[VectorHit]: ...


class ChromaVectorStore:
    """A Chroma collection with cosine distance; embeddings are always computed by causemap."""

    def __init__(
        self,
        client: Any,
        collection: str = "chunks",
        *,
        model: str | None = None,
        workspace_id: str | None = None,
        where: str = "the workspace's Chroma store",
    ):
        self._client = client
        self.where = where
        self.collection = collection
        expected = {k: v for k, v in ((MODEL_KEY, model), (WORKSPACE_KEY, workspace_id)) if v is not None}
        with self._errors():
            self._col = self._collection(expected)
            self._check(expected)

    @classmethod
    def open(
        cls,
        settings: VectorSettings,
        workspace: Path,
        *,
        model: str | None = None,
        workspace_id: str | None = None,
    ) -> ChromaVectorStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.server is not None:
            host, port = settings.server
            ssl = (settings.url or "").startswith("https:")
            where = f"Chroma server {'https' if ssl else 'http'}://{host}:{port}"
            try:
                client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=chroma_settings)
            except ValueError as exc:  # chromadb's "Could not connect to a Chroma server"
                raise VectorStoreConnectionError(
                    f"{where}: cannot reach it ({exc}); nothing was written"
                ) from exc
            return cls(client, settings.collection, model=model, workspace_id=workspace_id, where=where)
        from filelock import FileLock

        path = workspace / "chroma"
        # Chroma creates a new folder's tables without a lock of its own: processes opening it at once
        # fail with "table collections already exists". One at a time, then, until the folder exists.
        workspace.mkdir(parents=True, exist_ok=True)
        with FileLock(workspace / ".chroma-open.lock", timeout=300):
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            return cls(
                client,
                settings.collection,
                model=model,
                workspace_id=workspace_id,
                where=f"Chroma store {path}",
            )

    def _collection(self, expected: dict[str, str]) -> Any:
        from chromadb.errors import ChromaError

        try:
            # embedding_function=None: Chroma must never fetch its own default model.
            return self._client.get_or_create_collection(
                self.collection,
                configuration={"hnsw": {"space": "cosine"}},
                metadata=expected or None,
                embedding_function=None,
            )
        except ChromaError:
            # Two processes creating the collection at once: the loser finds the winner's.
            return self._client.get_collection(self.collection, embedding_function=None)

    def _check(self, expected: dict[str, str]) -> None:
        recorded = dict(self._col.metadata or {})
        name = f"collection {self.collection!r} on {self.where}"
        model = recorded.get(MODEL_KEY)
        if MODEL_KEY in expected and model is not None and model != expected[MODEL_KEY]:
            raise EmbeddingModelMismatch(
                f"{name} holds vectors made with embedding model {model!r}, but this workspace embeds "
                f"with {expected[MODEL_KEY]!r}; nothing was written. Set ingest.embedding_model (and "
                "ingest.embedding_runtime) back, or use a new collection (vector.collection) and ingest again"
            )
        owner = recorded.get(WORKSPACE_KEY)
        if WORKSPACE_KEY in expected and owner is not None and owner != expected[WORKSPACE_KEY]:
            raise WorkspaceError(
                f"{name} belongs to another workspace ({owner}, this one is {expected[WORKSPACE_KEY]}); "
                "nothing was written. Give each workspace its own collection (vector.collection)"
            )
        missing = {k: v for k, v in expected.items() if k not in recorded}
        if missing:  # a collection made before causemap recorded these: adopt it
            self._col.modify(metadata={**recorded, **missing})

    def check_model(self, model: str) -> None:
        """Refuse the collection if it records another embedding model; record ``model`` if none."""
        with self._errors():
            self._check({MODEL_KEY: model})

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A server that goes away mid-run is an error naming it, not a traceback from the HTTP client."""
        import httpx

        try:
            yield
        except httpx.TransportError as exc:
            raise VectorStoreConnectionError(f"{self.where}: lost the connection ({exc})") from exc

    @property
    def recorded_model(self) -> str | None:
        return (self._col.metadata or {}).get(MODEL_KEY)

    def upsert(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        # Chroma caps one call's size; stay well below it.
        step = 2000
        with self._errors():
            for i in range(0, len(ids), step):
                self._col.upsert(
                    ids=list(ids[i : i + step]),
                    embeddings=np.asarray(vectors[i : i + step], dtype=np.float32),
                    documents=list(texts[i : i + step]),
                    metadatas=list(metadatas[i : i + step]),
                )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            with self._errors():
                self._col.delete(ids=list(ids))

    def ids(self) -> set[str]:
        with self._errors():
            return set(self._col.get(include=[])["ids"])

    def count(self) -> int:
        with self._errors():
            return int(self._col.count())

    def get(self, ids: Sequence[str]) -> dict[str, Any]:
        """Stored ids, embeddings, documents and metadatas of ``ids`` (for copying a collection)."""
        with self._errors():
            return self._col.get(ids=list(ids), include=["embeddings", "documents", "metadatas"])

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[VectorHit]:
        n = min(k, self.count())
        if n <= 0:
            return []
        with self._errors():
            result = self._col.query(
                query_embeddings=np.asarray(vector, dtype=np.float32).reshape(1, -1),
                n_results=n,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        return [
            VectorHit(id=i, text=doc, metadata=dict(meta), score=1.0 - float(dist))
            for i, doc, meta, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=True,
            )
        ]


def copy_vectors(
    source: ChromaVectorStore,
    target: ChromaVectorStore,
    batch: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Copy every vector of ``source`` into ``target`` (same ids), then make ``target`` hold exactly those.

    Writing a vector twice overwrites it, so a copy that stopped half-way is finished by running it again;
    vectors in ``target`` that ``source`` does not have (left by such a copy of an older state) go.
    Returns the number of vectors; raises ``VectorCopyError`` if the target's ids do not match after.
    """
    ids = sorted(source.ids())
    for i in range(0, len(ids), batch):
        got = source.get(ids[i : i + batch])
        target.upsert(got["ids"], np.asarray(got["embeddings"]), got["documents"], got["metadatas"])
        if progress is not None:
            progress(len(got["ids"]))
    wanted = set(ids)
    target.delete(sorted(target.ids() - wanted))
    found = target.ids()
    if found != wanted:
        raise VectorCopyError(
            f"copying vectors to collection {target.collection!r} on {target.where} does not add up: "
            f"{len(wanted)} in the source, {len(found & wanted)} copied, {len(found - wanted)} extra"
        )
    return len(ids)


def open_vector_store(workspace: Any) -> ChromaVectorStore:
    """The workspace's vector store as its settings name it, checked against its model and owner.

    Under ``ingest.embedding_runtime = "auto"`` the runtime is the one the collection records; a
    collection recording none holds torch vectors if it holds any (made before runtimes were recorded)
    and is new otherwise (onnx-int8). ``embedding.workspace_runtime`` reads the answer back.
    """
    from causemap.ingest.embedding import NEW_COLLECTION_RUNTIME, embedding_identity, recorded_runtime

    ingest = workspace.settings.ingest
    runtime = ingest.embedding_runtime
    vectors = ChromaVectorStore.open(
        workspace.settings.vector,
        workspace.root,
        model=None if runtime == "auto" else embedding_identity(ingest.embedding_model, runtime),
        workspace_id=workspace.store.workspace_id,
    )
    if runtime == "auto":
        recorded = vectors.recorded_model
        if recorded is None:
            runtime = "torch" if vectors.count() else NEW_COLLECTION_RUNTIME
        else:  # another model's collection: refused below, as under any runtime
            runtime = recorded_runtime(ingest.embedding_model, recorded) or NEW_COLLECTION_RUNTIME
        vectors.check_model(embedding_identity(ingest.embedding_model, runtime))
    return vectors


def vector_store(workspace: Any) -> VectorStore:
    """The workspace's vector store, opened once per workspace object."""
    return workspace.component("vectors", open_vector_store)
