"""The workspace database: papers, pages, chunks, claims, curation, LLM cache, runs.

One interface, two backends, through SQLAlchemy Core: a SQLite file in the workspace (the default) or a
PostgreSQL database (``store.url = "postgresql://USER@HOST:PORT/DB"``, or ``CAUSEMAP_STORE__URL``).
Writes that must land together go through ``Store.transaction()``: a committed transaction survives a
kill, an uncommitted one vanishes, which is what lets an interrupted run resume without duplicates.
Opening a store migrates it to the current schema with Alembic, and refuses a database written by a newer
causemap (``NewerSchemaError``) before writing anything.

Layout:

    engine.py        URL -> engine; SQLite pragmas and transactions; errors that name the server
    tables.py        every table as the queries see it (the result of the latest migration)
    migrate.py       schema version check and Alembic upgrade on open (linear, numbered revisions)
    migrations/      Alembic's env.py and versions/0001_initial.py, 0002_claim_role.py, ...
    base.py          StoreBase: engine, transaction(), _rows(), portable _upsert()
    papers.py, claims.py, runs.py, work.py, llm_cache.py, variable_decisions.py,
                     version_decisions.py, curation_history.py (curation recorded for undo)
                     one module of queries per concern, each a StoreBase subclass
    liveness.py      whether a run's process lives (a lock it holds: advisory on PostgreSQL, flock on SQLite)
    copy.py          every row into another, empty store in one verified transaction (`causemap migrate`)
    workspace_migration.py
                     a workspace into PostgreSQL + a Chroma server: checks, copy, settings.toml switched
    store.py         Store: all of them on one object, plus counts()

Adding a table (say ``notes``) is three small steps:

1. ``migrations/versions/NNNN_notes.py``, NNNN the next number, ``revision = "NNNN"``,
   ``down_revision`` the previous number, with ``upgrade()`` calling ``op.create_table(...)`` (copy the
   latest file; spell the columns out there rather than importing ``tables.py``: a migration stays as it
   was written). To change a column on SQLite use ``with op.batch_alter_table("t") as batch:``.
   Revisions stay linear: if another lane lands a migration first, renumber yours on rebase.
2. The same table in ``tables.py`` (``tests/core/test_store_schema.py`` checks that the migrations and
   ``tables.py`` agree, on SQLite and PostgreSQL).
3. ``notes.py`` with ``class NoteQueries(StoreBase)`` and its methods, using ``self.transaction()`` for
   writes, ``self._rows(select)`` for reads and ``self._upsert(...)`` / ``self._insert(table)`` for
   INSERT ... ON CONFLICT in either dialect; add ``NoteQueries`` to ``Store``'s bases in ``store.py``.

Keep to portable SQL (SQLAlchemy Core expressions; times with ``tables.now()``; JSON as text) so both
backends run the same code; the store tests run every test on both.
"""

from causemap.store.claims import EDITABLE_CLAIM_FIELDS
from causemap.store.errors import NewerSchemaError, StoreConnectionError, WorkspaceError
from causemap.store.migrate import SCHEMA_VERSION
from causemap.store.store import Store

__all__ = [
    "EDITABLE_CLAIM_FIELDS",
    "SCHEMA_VERSION",
    "NewerSchemaError",
    "Store",
    "StoreConnectionError",
    "WorkspaceError",
]
