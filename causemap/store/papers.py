"""Papers, their pages and their chunks."""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa

from causemap.models import Chunk, Page, Paper, PaperState
from causemap.store.base import StoreBase
from causemap.store.tables import chunks, pages, papers

_PAPER_FIELDS = list(Paper.model_fields)


class PaperQueries(StoreBase):
    def add_paper(self, paper: Paper, page_rows: Sequence[Page], chunk_rows: Sequence[Chunk]) -> bool:
        """Store a paper with its pages and chunks in one transaction; False (and nothing written) when
        a paper of that id is stored already, e.g. by another process that read the same file."""
        row = paper.model_dump(mode="json")
        row["authors"] = json.dumps(row["authors"])
        with self.transaction() as conn:
            insert = self._insert(papers).values({f: row[f] for f in _PAPER_FIELDS})
            inserted = insert.on_conflict_do_nothing(index_elements=["id"]).returning(papers.c.id)
            if conn.execute(inserted).first() is None:
                return False
            if page_rows:
                conn.execute(
                    sa.insert(pages),
                    [{"paper_id": p.paper_id, "number": p.number, "text": p.text} for p in page_rows],
                )
            if chunk_rows:
                conn.execute(sa.insert(chunks), [c.model_dump() for c in chunk_rows])
        return True

    def set_page_sections(self, paper_id: str, number: int, sections: list[tuple[int, int, str]]) -> None:
        with self.transaction() as conn:
            conn.execute(
                sa.update(pages)
                .where(pages.c.paper_id == paper_id, pages.c.number == number)
                .values(sections=json.dumps(sections))
            )

    def set_paper_state(self, paper_id: str, state: PaperState) -> None:
        with self.transaction() as conn:
            conn.execute(sa.update(papers).where(papers.c.id == paper_id).values(state=state.value))

    def delete_paper(self, paper_id: str) -> bool:
        """Delete a paper and everything derived from it (pages, chunks, claims, curation)."""
        with self.transaction() as conn:
            return conn.execute(sa.delete(papers).where(papers.c.id == paper_id)).rowcount > 0

    def paper(self, paper_id: str) -> Paper | None:
        rows = self._rows(sa.select(papers).where(papers.c.id == paper_id))
        return _paper(rows[0]) if rows else None

    def papers(self, state: PaperState | None = None) -> list[Paper]:
        query = sa.select(papers).order_by(papers.c.added_at, papers.c.id)
        if state is not None:
            query = query.where(papers.c.state == state.value)
        return [_paper(r) for r in self._rows(query)]

    def paper_parsers(self) -> set[str]:
        """The distinct parser labels of the stored papers (how each was read and chunked)."""
        return {r["parser"] for r in self._rows(sa.select(papers.c.parser).distinct()) if r["parser"]}

    def pages(self, paper_id: str) -> list[Page]:
        rows = self._rows(
            sa.select(pages.c.paper_id, pages.c.number, pages.c.text)
            .where(pages.c.paper_id == paper_id)
            .order_by(pages.c.number)
        )
        return [Page(**r) for r in rows]

    def page_sections(self, paper_id: str, number: int) -> list[tuple[int, int, str]]:
        value = self._scalar(
            sa.select(pages.c.sections).where(pages.c.paper_id == paper_id, pages.c.number == number)
        )
        return [tuple(s) for s in json.loads(value)] if value is not None else []

    def page_text(self, paper_id: str, number: int) -> str | None:
        return self._scalar(
            sa.select(pages.c.text).where(pages.c.paper_id == paper_id, pages.c.number == number)
        )

    def chunks(self, paper_id: str | None = None) -> list[Chunk]:
        query = sa.select(chunks)
        if paper_id is None:
            query = query.order_by(chunks.c.paper_id, chunks.c.page, chunks.c.start)
        else:
            query = query.where(chunks.c.paper_id == paper_id).order_by(chunks.c.page, chunks.c.start)
        return [Chunk(**r) for r in self._rows(query)]

    def chunk_ids(self) -> set[str]:
        return {r["id"] for r in self._rows(sa.select(chunks.c.id))}


def _paper(row: sa.RowMapping) -> Paper:
    d = {f: row[f] for f in _PAPER_FIELDS}
    d["authors"] = json.loads(d["authors"])
    return Paper.model_validate(d)
