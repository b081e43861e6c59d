"""Is the process running a run still alive? A lock it holds for as long as it runs says so.

A run's process holds a lock that the operating system or the database server lets go of the moment the
process dies, however it dies (kill -9 included): on PostgreSQL a session advisory lock on a connection
of its own (outside the pool, so that finishing the run ends the session), on SQLite an ``flock`` on a
file beside the database (the ``filelock`` package). Another process asks whether that lock is still
held; it never guesses from process ids or clocks, so it works across machines on PostgreSQL too. The
lock is taken before the run's row commits (``runs.start_run``), so a run that is seen running and
holds no lock has died.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

RUN_LOCK_CLASS = 7461937  # the first key of every run's advisory lock (the run id is the second)


class RunLock(Protocol):
    def release(self) -> None: ...


class _AdvisoryLock:
    def __init__(self, engine: sa.Engine, run_id: int):
        self._conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        # A session of its own, out of the pool: a pooled connection, closed, goes back to the pool with
        # its session and the session's advisory locks, and the finished run would look alive.
        self._conn.detach()
        self._conn.execute(sa.select(sa.func.pg_advisory_lock(RUN_LOCK_CLASS, run_id)))

    def release(self) -> None:
        self._conn.close()  # ends the session, which releases its advisory locks


class _FileLock:
    def __init__(self, path: Path):
        from filelock import FileLock

        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = FileLock(path, timeout=0)
        self._lock.acquire()

    def release(self) -> None:
        self._lock.release()
        self._path.unlink(missing_ok=True)


def lock_folder(database: Path) -> Path:
    return database.with_name(database.name + "-runs")


def hold(engine: sa.Engine, database: Path | None, run_id: int) -> RunLock:
    """Take run ``run_id``'s lock for this process (released by ``release()`` or by dying)."""
    if database is None:
        return _AdvisoryLock(engine, run_id)
    return _FileLock(lock_folder(database) / f"run-{run_id}.lock")


def is_alive(conn: sa.Connection, database: Path | None, run_id: int) -> bool:
    """Whether some process still holds run ``run_id``'s lock."""
    if database is None:
        held = conn.execute(
            sa.text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND classid = CAST(:cls AS oid) AND objid = CAST(:run AS oid) AND objsubid = 2 "
                # pg_locks lists the whole server's locks; a run of another database's workspace is not ours
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            {"cls": RUN_LOCK_CLASS, "run": run_id},
        ).scalar()
        return bool(held)
    return _file_held(lock_folder(database) / f"run-{run_id}.lock")


def _file_held(path: Path) -> bool:
    from filelock import FileLock, Timeout

    if not path.exists():
        return False
    probe: Any = FileLock(path, timeout=0)
    try:
        probe.acquire()
    except Timeout:
        return True
    probe.release()
    path.unlink(missing_ok=True)
    return False
