"""Copy one workspace store into another (``causemap migrate``: a SQLite file into PostgreSQL), verified.

Every table is copied row for row, keys included, in ONE transaction on the target, and the target's
row counts are compared with the source's before it commits: a copy that fails or does not add up leaves
the target as it was. The target must hold no data yet (a database just created, or one a failed copy
left empty). Claims on work in progress are not copied: they belong to runs of the source, and a source
with a live run is refused, since that run would go on writing where nobody reads.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from causemap.store.errors import WorkspaceError
from causemap.store.store import Store
from causemap.store.tables import meta, metadata, work_claims

# Tables with an integer id the database hands out: after rows are copied with their ids, PostgreSQL's
# sequence must continue after the largest one (SQLite's AUTOINCREMENT follows inserted ids itself).
_NOT_COPIED = {work_claims.name}
_LOCAL_META = {"schema_version"}  # the target records its own
BATCH = 1000


class MigrationError(WorkspaceError):
    """The copy cannot be made (a busy source, a target that holds data) or did not add up."""


def copied_tables() -> list[sa.Table]:
    """The tables ``copy_store`` copies, parents before children."""
    return [t for t in metadata.sorted_tables if t.name not in _NOT_COPIED]


def table_counts(store: Store) -> dict[str, int]:
    """Rows per copied table (``meta`` without the keys each database records for itself)."""
    return {t.name: _count(store, t) for t in copied_tables()}


def copy_store(
    source: Store, target: Store, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; the verified counts per table."""
    source.close_interrupted_runs()
    busy = source.workers()
    if busy:
        who = ", ".join(f"run {w['id']} ({w['command']} on {w['host']}, process {w['pid']})" for w in busy)
        raise MigrationError(f"{source.name} is in use by {who}; nothing was copied: wait for it to finish")
    held = {name: n for name, n in table_counts(target).items() if n}
    if held:
        listed = ", ".join(f"{n} {name}" for name, n in held.items())
        raise MigrationError(
            f"{target.name} already holds data ({listed}); nothing was copied: migrate into an empty database"
        )
    expected = table_counts(source)
    with target.transaction() as conn:
        for table in copied_tables():
            copied = 0
            for rows in _batches(source, table):
                conn.execute(sa.insert(table), rows)
                copied += len(rows)
                if progress is not None:
                    progress(table.name, len(rows))
        if conn.dialect.name == "postgresql":
            _continue_sequences(conn)
        found = {t.name: _count_in(conn, t) for t in copied_tables()}
        if found != expected:
            wrong = {k: (expected[k], found[k]) for k in expected if expected[k] != found[k]}
            raise MigrationError(
                f"the copy into {target.name} does not add up (table: source rows, copied rows) {wrong}; "
                "nothing was copied"
            )
    return expected


def _selection(table: sa.Table) -> sa.Select:
    query = sa.select(table).order_by(*table.primary_key.columns)
    if table is meta:
        query = query.where(meta.c.key.not_in(_LOCAL_META))
    return query


def _batches(store: Store, table: sa.Table):
    """The table's rows, BATCH at a time, streamed rather than read into memory at once."""
    with store._engine.connect() as conn:
        result = conn.execution_options(yield_per=BATCH).execute(_selection(table)).mappings()
        for part in result.partitions():
            yield [dict(row) for row in part]


def _count(store: Store, table: sa.Table) -> int:
    return int(store._scalar(sa.select(sa.func.count()).select_from(_selection(table).subquery())))


def _count_in(conn: sa.Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(_selection(table).subquery())).scalar())


def _continue_sequences(conn: sa.Connection) -> None:
    for table in copied_tables():
        for column in table.primary_key.columns:
            if isinstance(column.type, sa.Integer) and column.autoincrement in (True, "auto"):
                if len(table.primary_key.columns) != 1:
                    continue
                conn.execute(
                    sa.text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                    )
                )
