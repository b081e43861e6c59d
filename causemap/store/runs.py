"""Runs of the commands (who runs them, how each ended) and every file's outcome as it finishes.

A run is ``running`` while the process that started it holds its lock (``liveness``), taken before the
run's row is visible to anyone; a run whose process died without finishing it is closed as
``interrupted`` by the next run or `causemap status`.
"""

from __future__ import annotations

import json
import os
import socket
from typing import Any

import sqlalchemy as sa

from causemap.store import liveness
from causemap.store.base import StoreBase
from causemap.store.tables import file_outcomes, now, runs, work_claims

OUTCOMES = ("ingested", "skipped", "failed")


class RunQueries(StoreBase):
    def start_run(self, command: str) -> int:
        """A new run of ``command`` by this process (runs left running by a dead process are closed)."""
        self.close_interrupted_runs()
        lock: liveness.RunLock | None = None
        try:
            with self.transaction() as conn:
                run_id = int(
                    conn.execute(
                        sa.insert(runs).values(command=command, host=socket.gethostname(), pid=os.getpid())
                    ).inserted_primary_key[0]
                )
                # Locked before the row commits: a run that others see running always holds its lock.
                # Locked after, a process starting a run meanwhile would find it running without one,
                # close it as interrupted and delete its work claims, ones it took since included.
                lock = liveness.hold(self._engine, self.path, run_id)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        self._run_locks()[run_id] = lock
        return run_id

    def record_outcome(self, run_id: int, outcome: str, row: dict[str, Any]) -> None:
        """Commit one file's outcome (``ingested``, ``skipped`` or ``failed`` and its report row) now."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; one of {OUTCOMES}")
        message = row.get("error") if outcome == "failed" else row.get("reason")
        with self.transaction() as conn:
            conn.execute(
                sa.insert(file_outcomes).values(
                    run_id=run_id,
                    outcome=outcome,
                    path=str(row.get("path", "")),
                    paper_id=row.get("paper_id"),
                    code=row.get("code"),
                    message=message,
                    detail=json.dumps(row, default=str),
                )
            )

    def record_failure(self, run_id: int, path: str, code: str, error: str) -> None:
        self.record_outcome(run_id, "failed", {"path": path, "code": code, "error": error})

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(
                sa.update(runs)
                .where(runs.c.id == run_id)
                .values(finished_at=now(), status=status, summary=json.dumps(summary))
            )
            conn.execute(sa.delete(work_claims).where(work_claims.c.run_id == run_id))
        lock = self._run_locks().pop(run_id, None)
        if lock is not None:
            lock.release()

    def record_run(self, command: str, summary: dict[str, Any]) -> int:
        """A finished run of ``command`` with its summary, in one step."""
        run_id = self.start_run(command)
        self.finish_run(run_id, "ok", summary)
        return run_id

    def run_is_alive(self, conn: sa.Connection, run_id: int) -> bool:
        if run_id in self._run_locks():
            return True
        return liveness.is_alive(conn, self.path, run_id)

    def close_interrupted_runs(self) -> list[int]:
        """Close as ``interrupted`` the runs whose process died before finishing them; their ids."""
        running = self._rows(sa.select(runs.c.id).where(runs.c.status == "running"))
        if not running:
            return []
        closed = []
        with self.transaction() as conn:
            for row in running:
                if self.run_is_alive(conn, row["id"]):
                    continue
                done = conn.execute(
                    sa.update(runs)
                    .where(runs.c.id == row["id"], runs.c.status == "running")
                    .values(status="interrupted", finished_at=now())
                )
                if done.rowcount:
                    conn.execute(sa.delete(work_claims).where(work_claims.c.run_id == row["id"]))
                    closed.append(row["id"])
        return closed

    def last_run(self, command: str) -> dict[str, Any] | None:
        """The most recent finished run of ``command``: when it finished and its summary."""
        rows = self._rows(
            sa.select(runs.c.finished_at, runs.c.status, runs.c.summary)
            .where(runs.c.command == command, runs.c.finished_at.is_not(None))
            .order_by(runs.c.id.desc())
            .limit(1)
        )
        if not rows:
            return None
        return {**rows[0], "summary": json.loads(rows[0]["summary"])}

    def run_outcomes(self, run_id: int) -> dict[str, list[dict[str, Any]]]:
        """The outcomes recorded for a run, by kind, in the order the files finished."""
        rows = self._rows(
            sa.select(file_outcomes).where(file_outcomes.c.run_id == run_id).order_by(file_outcomes.c.id)
        )
        found: dict[str, list[dict[str, Any]]] = {kind: [] for kind in OUTCOMES}
        for r in rows:
            detail = json.loads(r["detail"]) or {"path": r["path"], "code": r["code"], "error": r["message"]}
            found.setdefault(r["outcome"], []).append(detail)
        return found

    def latest_run(self, command: str) -> dict[str, Any] | None:
        """The latest run of ``command`` whether or not it finished, with its files' outcomes so far."""
        rows = self._rows(
            sa.select(runs).where(runs.c.command == command).order_by(runs.c.id.desc()).limit(1)
        )
        if not rows:
            return None
        run = dict(rows[0])
        run["summary"] = json.loads(run["summary"])
        return {**run, **self.run_outcomes(run["id"])}

    def last_failures(self, command: str = "ingest") -> list[dict[str, str]]:
        """Failures recorded by the most recent run of ``command``."""
        latest = sa.select(sa.func.max(runs.c.id)).where(runs.c.command == command).scalar_subquery()
        rows = self._rows(
            sa.select(file_outcomes.c.path, file_outcomes.c.code, file_outcomes.c.message.label("error"))
            .where(file_outcomes.c.run_id == latest, file_outcomes.c.outcome == "failed")
            .order_by(file_outcomes.c.id)
        )
        return [dict(r) for r in rows]

    def _run_locks(self) -> dict[int, liveness.RunLock]:
        if not hasattr(self, "_held_runs"):
            self._held_runs: dict[int, liveness.RunLock] = {}
        return self._held_runs
