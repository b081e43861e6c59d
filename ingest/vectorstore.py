"""Where chunk vectors live: a persistent Chroma collection in the workspace, or a Chroma server.

Vectors are stored under the chunk's id, so writing the same chunk twice overwrites rather than
duplicates: that is what makes an interrupted ingest safe to resume.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from causemap.settings import VectorSettings


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

    def __init__(self, client: Any, collection: str = "chunks"):
        self._client = client
        # embedding_function=None: Chroma must never fetch its own default model.
        self._col = client.get_or_create_collection(
            collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )

    @classmethod
    def open(cls, settings: VectorSettings, workspace: Path) -> ChromaVectorStore:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if settings.backend == "chroma-http":
            client = chromadb.HttpClient(host=settings.host, port=settings.port, settings=chroma_settings)
        else:
            client = chromadb.PersistentClient(path=str(workspace / "chroma"), settings=chroma_settings)
        return cls(client, settings.collection)

    def upsert(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        # Chroma caps one call's size; stay well below it.
        step = 2000
        for i in range(0, len(ids), step):
            self._col.upsert(
                ids=list(ids[i : i + step]),
                embeddings=np.asarray(vectors[i : i + step], dtype=np.float32),
                documents=list(texts[i : i + step]),
                metadatas=list(metadatas[i : i + step]),
            )

    def delete(self, ids: Sequence[str]) -> None:
        if ids:
            self._col.delete(ids=list(ids))

    def ids(self) -> set[str]:
        return set(self._col.get(include=[])["ids"])

    def count(self) -> int:
        return int(self._col.count())

    def query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None = None) -> list[VectorHit]:
        n = min(k, self.count())
        if n <= 0:
            return []
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


def vector_store(workspace: Any) -> VectorStore:
    """The workspace's vector store, opened once per workspace object."""
    return workspace.component("vectors", lambda ws: ChromaVectorStore.open(ws.settings.vector, ws.root))
