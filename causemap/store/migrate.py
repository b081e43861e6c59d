"""Bring a database to the schema this causemap writes, or refuse it when it is newer.

The schema version is the number of the latest Alembic revision applied (``alembic_version``), mirrored
in ``meta.schema_version`` so that a causemap from before the move to SQLAlchemy refuses a newer
workspace too. A SQLite workspace of that age has only ``meta``: it is stamped at the revision matching
its version (revision 1 and 2 create exactly the tables those versions had) and upgraded from there.

Opening checks the version without a lock; only a database that needs migrating is locked (SQLite's
write lock, a PostgreSQL advisory lock), checked again, and migrated in one transaction, so two
processes opening a new workspace at once create it once. A newer schema is refused before anything is
written.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from causemap.store.engine import WRITE_OPTION
from causemap.store.errors import NewerSchemaError, WorkspaceError
from causemap.store.tables import meta

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_FILES = sorted(p.name for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
SCHEMA_VERSION = int(_REVISION_FILES[-1][:4])
MIGRATION_LOCK = 7_461_937_003  # PostgreSQL advisory lock key held while migrating (any constant)


def revision(version: int) -> str:
    """The Alembic revision id of schema ``version``."""
    return f"{version:04d}"


def recorded_version(conn: sa.Connection) -> tuple[int, bool]:
    """The schema version the database records, and whether it predates Alembic (``meta`` only)."""
    tables = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in tables:
        value = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        return _as_version(value), False
    if "meta" in tables:
        value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
        return (_as_version(value), True) if value is not None else (0, False)
    if "papers" in tables:
        raise WorkspaceError("the database has a 'papers' table but no causemap schema version")
    return 0, False


def upgrade(engine: sa.Engine, name: str) -> None:
    """Migrate the database to ``SCHEMA_VERSION``; ``name`` says which database in error messages."""
    with engine.connect() as conn:
        version, legacy = recorded_version(conn)
        conn.rollback()
    _refuse_newer(version, name)
    if version == SCHEMA_VERSION and not legacy:
        return
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK)))
            version, legacy = recorded_version(conn)  # another process may have migrated meanwhile
            _refuse_newer(version, name)
            if version < SCHEMA_VERSION or legacy:
                _run_alembic(conn, version, legacy)
                _record(conn)


def _run_alembic(conn: sa.Connection, version: int, legacy: bool) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    if legacy:
        command.stamp(config, revision(version))
    command.upgrade(config, revision(SCHEMA_VERSION))


def _record(conn: sa.Connection) -> None:
    conn.execute(sa.delete(meta).where(meta.c.key == "schema_version"))
    conn.execute(sa.insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))


def _refuse_newer(version: int, name: str) -> None:
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"{name} was written by a newer causemap (schema {version} > {SCHEMA_VERSION}); "
            "upgrade causemap to open it; nothing was written"
        )


def _as_version(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise WorkspaceError(f"unknown schema revision {value!r}: not one causemap wrote") from None
