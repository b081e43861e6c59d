"""Retrieval: the passages of the corpus closest to a question, each with where it was read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.vectorstore import vector_store
from causemap.models import Provenance, ReadAt
from causemap.workspace import Workspace


@dataclass(frozen=True)
class Passage(ReadAt):
    """A retrieved chunk: where it was read (``provenance``), how close it is, and which chunk."""

    provenance: Provenance
    score: float
    chunk_id: str = ""

    @property
    def section(self) -> str:
        return self.provenance.section or ""

    @property
    def text(self) -> str:
        return self.provenance.text

    def to_dict(self) -> dict[str, Any]:
        return {
            "provenance": self.provenance.model_dump(mode="json"),
            "score": self.score,
            "chunk_id": self.chunk_id,
        }


def retrieve(
    workspace: Workspace, question: str, k: int = 5, include_references: bool = False
) -> list[Passage]:
    """The ``k`` chunks most similar to ``question``; reference lists are left out unless asked for."""
    if not question.strip():
        raise ValueError("the question is empty")
    if workspace.store.counts()["chunks"] == 0:
        return []
    vector = workspace_embedder(workspace).embed([question])[0]
    where = None if include_references else {"is_references": False}
    titles: dict[str, str | None] = {}
    passages = []
    for hit in vector_store(workspace).query(vector, k, where=where):
        paper_id = str(hit.metadata["paper_id"])
        if paper_id not in titles:
            paper = workspace.store.paper(paper_id)
            titles[paper_id] = paper.title if paper else hit.metadata.get("title") or None
        passages.append(
            Passage(
                provenance=Provenance(
                    paper_id=paper_id,
                    title=titles[paper_id],
                    page=int(hit.metadata["page"]),
                    start=int(hit.metadata["start"]),
                    end=int(hit.metadata["end"]),
                    text=hit.text,
                    section=str(hit.metadata.get("section", "")) or None,
                ),
                score=round(hit.score, 4),
                chunk_id=hit.id,
            )
        )
    return passages
