"""Claims on work in progress: which run is storing or reading which paper, so no two do it at once.

A run claims a paper (``kind`` says for what: ``ingest``, ``extract:rules``) before working on it and lets
go when done. A claim held by a live run means "in progress elsewhere"; a claim whose run has died is
taken over, so a killed worker's half-done paper is finished by the next one that comes to it. The claim
is a row written in one short transaction (SQLite's write lock or PostgreSQL's row lock serialises the
claimants); whether its run lives is asked of the run's lock (``liveness``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from causemap.store.runs import RunQueries
from causemap.store.tables import now, papers, runs, work_claims


class WorkQueries(RunQueries):
    def take_work(self, kind: str, key: str, run_id: int) -> dict[str, Any] | None:
        """Claim ``key`` for run ``run_id``: None when it is ours now, else the live run holding it."""
        where = (work_claims.c.kind == kind, work_claims.c.key == key)
        holder_query = sa.select(work_claims.c.run_id).where(*where).with_for_update()
        # RETURNING says whether the row went in: an INSERT's rowcount is -1 (true) on PostgreSQL with
        # psycopg once SQLAlchemy has closed the cursor, so a claim lost to a concurrent claimant looked won.
        insert = (
            self._insert(work_claims)
            .values(kind=kind, key=key, run_id=run_id)
            .on_conflict_do_nothing(index_elements=["kind", "key"])
            .returning(work_claims.c.run_id)
        )
        with self.transaction() as conn:
            holder = conn.execute(holder_query).scalar()
            while holder is None:
                if conn.execute(insert).first() is not None:
                    return None
                # Another claimant came first; if it has let go again already, the claim is free to try.
                holder = conn.execute(holder_query).scalar()
            if holder == run_id:
                return None
            if self.run_is_alive(conn, holder):
                row = conn.execute(
                    sa.select(runs.c.id, runs.c.command, runs.c.host, runs.c.pid, runs.c.started_at).where(
                        runs.c.id == holder
                    )
                ).one()
                return dict(row._mapping)
            conn.execute(
                sa.update(work_claims)
                .where(*where, work_claims.c.run_id == holder)
                .values(run_id=run_id, claimed_at=now())
            )
            return None

    def release_work(self, kind: str, key: str, run_id: int) -> None:
        with self.transaction() as conn:
            conn.execute(
                sa.delete(work_claims).where(
                    work_claims.c.kind == kind, work_claims.c.key == key, work_claims.c.run_id == run_id
                )
            )

    @contextmanager
    def work_on(self, kind: str, key: str, run_id: int) -> Iterator[dict[str, Any] | None]:
        """``take_work`` for the duration of a ``with`` block, released at its end if it was ours."""
        holder = self.take_work(kind, key, run_id)
        try:
            yield holder
        finally:
            if holder is None:
                self.release_work(kind, key, run_id)

    def workers(self) -> list[dict[str, Any]]:
        """Who is working on what: every live run, with the papers it has claimed."""
        self.close_interrupted_runs()
        live = self._rows(
            sa.select(runs.c.id, runs.c.command, runs.c.host, runs.c.pid, runs.c.started_at)
            .where(runs.c.status == "running")
            .order_by(runs.c.id)
        )
        claimed = self._rows(
            sa.select(work_claims.c.run_id, work_claims.c.kind, work_claims.c.key, papers.c.title)
            .outerjoin(papers, papers.c.id == work_claims.c.key)
            .order_by(work_claims.c.claimed_at)
        )
        return [
            {
                **run,
                "working_on": [
                    {"kind": c["kind"], "paper_id": c["key"], "title": c["title"]}
                    for c in claimed
                    if c["run_id"] == run["id"]
                ],
            }
            for run in live
        ]
