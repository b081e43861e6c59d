"""The Store: every query module's methods on one object, and what sums them up."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from causemap.store.claims import ClaimQueries
from causemap.store.llm_cache import LLMCacheQueries
from causemap.store.papers import PaperQueries
from causemap.store.tables import chunks, claims, meta, pages, papers
from causemap.store.variable_decisions import VariableDecisionQueries
from causemap.store.version_decisions import VersionDecisionQueries
from causemap.store.work import WorkQueries


class Store(
    PaperQueries,
    ClaimQueries,
    WorkQueries,
    LLMCacheQueries,
    VariableDecisionQueries,
    VersionDecisionQueries,
):
    """One workspace's database: a SQLite file (a path) or a PostgreSQL database (a URL)."""

    def __enter__(self) -> Store:
        return self

    def close(self) -> None:
        for lock in self._run_locks().values():  # runs left unfinished read as interrupted
            lock.release()
        self._run_locks().clear()
        super().close()

    @property
    def schema_version(self) -> int:
        return int(self._scalar(sa.select(meta.c.value).where(meta.c.key == "schema_version")))

    @property
    def workspace_id(self) -> str:
        """This workspace's identity, made on first use; its vector collection records it."""
        query = sa.select(meta.c.value).where(meta.c.key == "workspace_id")
        value = self._scalar(query)
        if value is None:
            with self.transaction() as conn:
                insert = self._insert(meta).values(key="workspace_id", value=uuid.uuid4().hex)
                conn.execute(insert.on_conflict_do_nothing(index_elements=["key"]))
                value = conn.execute(query).scalar()
        return str(value)

    def counts(self) -> dict[str, Any]:
        by_state = _grouped(self, papers.c.state)
        claims_by_state = _grouped(self, claims.c.state)
        return {
            "papers": sum(by_state.values()),
            "papers_by_state": by_state,
            "pages": self._scalar(sa.select(sa.func.count()).select_from(pages)),
            "chunks": self._scalar(sa.select(sa.func.count()).select_from(chunks)),
            "claims": sum(claims_by_state.values()),
            "claims_by_state": claims_by_state,
        }


def _grouped(store: Store, column: sa.Column) -> dict[str, int]:
    rows = store._rows(sa.select(column, sa.func.count().label("n")).group_by(column).order_by(column))
    return {r[column.name]: r["n"] for r in rows}
