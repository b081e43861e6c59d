"""What every part of the store shares: the engine, transactions, reads, and portable upserts."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from causemap.store.engine import WRITE_OPTION, create_engine, database_url, describe, translated_errors
from causemap.store.migrate import upgrade


class StoreBase:
    """One workspace database (a SQLite file or a PostgreSQL database), migrated on open.

    Each thread gets its own connection from the engine's pool; ``transaction()`` pins one connection to
    the calling thread until it commits, so everything done inside it, reads included, sees and joins
    the same transaction.
    """

    def __init__(self, target: Path | str, *, connect_timeout_s: float = 10.0):
        self.url = database_url(target)
        self.path: Path | None = Path(self.url.database) if self.dialect == "sqlite" else None
        self.name = describe(self.url)
        self._engine = create_engine(self.url, connect_timeout_s)
        self._local = threading.local()
        try:
            with translated_errors(self.url):
                upgrade(self._engine, self.name)
        except BaseException:
            self._engine.dispose()
            raise

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.url.get_backend_name()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sa.Connection]:
        """All statements inside commit together or not at all (nesting joins the outer one)."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            yield active
            return
        with translated_errors(self.url), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                self._local.conn = conn
                try:
                    yield conn
                finally:
                    self._local.conn = None

    def _rows(self, statement: sa.Executable) -> list[sa.RowMapping]:
        """The rows a read returns, inside the thread's transaction if one is open."""
        active = getattr(self._local, "conn", None)
        if active is not None:
            return list(active.execute(statement).mappings())
        with translated_errors(self.url), self._engine.connect() as conn:
            return list(conn.execute(statement).mappings())

    def _scalar(self, statement: sa.Executable) -> Any:
        rows = self._rows(statement)
        return next(iter(rows[0].values())) if rows else None

    def _insert(self, table: sa.Table) -> Any:
        """An INSERT that can say what to do ON CONFLICT, in this database's dialect."""
        return (postgresql if self.dialect == "postgresql" else sqlite).insert(table)

    def _upsert(self, conn: sa.Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows, replacing the non-key columns of rows whose primary key is already stored."""
        if not rows:
            return
        keys = [c.name for c in table.primary_key.columns]
        statement = self._insert(table)
        # A column the rows leave to its default (a timestamp) takes the new default too, as a REPLACE would.
        columns = [
            c.name
            for c in table.columns
            if c.name not in keys and (c.name in rows[0] or c.default is not None)
        ]
        conn.execute(
            statement.on_conflict_do_update(
                index_elements=keys, set_={c: statement.excluded[c] for c in columns}
            ),
            list(rows),
        )


def in_batches(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Consecutive slices of ``values``, so that no statement binds more parameters than a driver takes."""
    for i in range(0, len(values), size):
        yield values[i : i + size]
