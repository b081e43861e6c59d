"""Retrieval: the passages of the corpus closest to a question, each with where it was read."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from causemap.ingest.embedding import workspace_embedder
from causemap.ingest.vectorstore import vector_store
from causemap.workspace import Workspace


@dataclass(frozen=True)
class Passage:
    paper_id: str
    title: str | None
    page: int
    section: str
    text: str
    score: float
    chunk_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
                paper_id=paper_id,
                title=titles[paper_id],
                page=int(hit.metadata["page"]),
                section=str(hit.metadata.get("section", "")),
                text=hit.text,
                score=round(hit.score, 4),
                chunk_id=hit.id,
            )
        )
    return passages
