"""The user's decisions about which papers are versions of one study, replayed by the graph stage."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from causemap.store.base import StoreBase
from causemap.store.tables import version_decisions

VERSION_DECISION_KINDS = ("separate", "same")


class VersionDecisionQueries(StoreBase):
    def add_version_decision(self, kind: str, paper_a: str, paper_b: str) -> int:
        """Record that two papers are (``same``) or are not (``separate``) versions of one study."""
        if kind not in VERSION_DECISION_KINDS:
            raise ValueError(f"unknown version decision {kind!r}: {' or '.join(VERSION_DECISION_KINDS)}")
        with self.transaction() as conn:
            result = conn.execute(
                sa.insert(version_decisions).values(kind=kind, paper_a=paper_a, paper_b=paper_b)
            )
            return int(result.inserted_primary_key[0])

    def version_decisions(self) -> list[dict[str, Any]]:
        """Oldest first, as ``{"id", "kind", "papers": [a, b]}``."""
        t = version_decisions
        rows = self._rows(sa.select(t.c.id, t.c.kind, t.c.paper_a, t.c.paper_b).order_by(t.c.id))
        return [{"id": r["id"], "kind": r["kind"], "papers": [r["paper_a"], r["paper_b"]]} for r in rows]
