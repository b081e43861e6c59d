"""Which database a workspace uses, and how causemap talks to it (SQLAlchemy engines for both backends).

SQLite (the default: ``causemap.db`` in the workspace) runs in WAL mode with foreign keys on, and
causemap opens its transactions itself: ``BEGIN IMMEDIATE`` for writes (the write lock is taken at the
start, so two processes never deadlock upgrading a read lock), a plain ``BEGIN`` for reads. PostgreSQL
runs at READ COMMITTED through psycopg 3; connections are checked before use, so a restarted server
costs a reconnect rather than an error.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from causemap.store.errors import StoreConnectionError, WorkspaceError

SQLITE_BUSY_TIMEOUT_S = 60.0  # how long a writer waits for another process's write to finish
WRITE_OPTION = "causemap_write"  # execution option: this connection's next transaction writes


def database_url(target: Path | str) -> sa.URL:
    """The SQLAlchemy URL for a workspace store: a file path is SQLite, a URL names a server."""
    text = str(target)
    if "://" not in text:
        return sa.URL.create("sqlite+pysqlite", database=str(Path(text)))
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError as exc:
        raise WorkspaceError(f"store.url {text!r} is not a database URL: {exc}") from exc
    backend = url.get_backend_name()
    if backend == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and url.database:
        return url.set(drivername="sqlite+pysqlite")
    raise WorkspaceError(
        f"store.url {describe(url)!r}: causemap stores in PostgreSQL (postgresql://USER@HOST:PORT/DB) "
        "or in a SQLite file"
    )


def describe(url: sa.URL) -> str:
    """The database as a user would name it, without its password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    where = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"
    user = f" as {url.username}" if url.username else ""
    return f"PostgreSQL server {where}{user}"


def create_engine(url: sa.URL, connect_timeout_s: float = 10.0) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(
        url,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": max(1, math.ceil(connect_timeout_s)),
            "application_name": "causemap",
        },
    )


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver must not open transactions of its own
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def translated_errors(url: sa.URL) -> Iterator[None]:
    """Database errors a user can act on become causemap errors naming the database and the reason."""
    try:
        yield
    except sa.exc.DBAPIError as exc:
        # SQLSTATE class 40 (serialisation failure, deadlock) is a transaction to retry, not a lost server.
        retryable = str(getattr(exc.orig, "sqlstate", "") or "").startswith("40")
        lost = isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError) or exc.connection_invalidated
        if lost and not retryable:
            raise connection_error(url, exc) from exc
        raise


def connection_error(url: sa.URL, exc: sa.exc.DBAPIError) -> WorkspaceError:
    reason = _first_line(exc.orig) if exc.orig is not None else str(exc)
    name = describe(url)
    if url.get_backend_name() == "sqlite":
        if "locked" in reason or "busy" in reason:
            return WorkspaceError(
                f"{name} stayed locked by another causemap process for {SQLITE_BUSY_TIMEOUT_S:.0f} s; "
                "nothing was written: try again when it has finished"
            )
        return WorkspaceError(f"cannot use {name}: {reason}")
    if "password authentication failed" in reason or "no password supplied" in reason:
        why = f"the server refused the credentials ({reason})"
    elif re.search(r'database ".*" does not exist', reason):
        why = f"{reason}; create it first (createdb) or fix store.url"
    else:
        why = f"cannot reach it ({reason})"
    return StoreConnectionError(f"{name}: {why}; nothing was written")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0].strip() if text else type(error).__name__
