"""Runs of the commands (what each did, how it ended) and the inputs they could not use."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from causemap.store.base import StoreBase
from causemap.store.tables import failures, now, runs


class RunQueries(StoreBase):
    def start_run(self, command: str) -> int:
        with self.transaction() as conn:
            return int(conn.execute(sa.insert(runs).values(command=command)).inserted_primary_key[0])

    def record_failure(self, run_id: int, path: str, code: str, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(sa.insert(failures).values(run_id=run_id, path=path, code=code, error=error))

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(
                sa.update(runs)
                .where(runs.c.id == run_id)
                .values(finished_at=now(), status=status, summary=json.dumps(summary))
            )

    def record_run(self, command: str, summary: dict[str, Any]) -> int:
        """A finished run of ``command`` with its summary, in one step."""
        run_id = self.start_run(command)
        self.finish_run(run_id, "ok", summary)
        return run_id

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

    def last_failures(self, command: str = "ingest") -> list[dict[str, str]]:
        """Failures recorded by the most recent run of ``command``."""
        latest = sa.select(sa.func.max(runs.c.id)).where(runs.c.command == command).scalar_subquery()
        rows = self._rows(
            sa.select(failures.c.path, failures.c.code, failures.c.error).where(failures.c.run_id == latest)
        )
        return [dict(r) for r in rows]
