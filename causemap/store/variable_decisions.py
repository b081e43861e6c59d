"""The user's decisions about variables (merge, rename, split), replayed in order by the graph stage."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

from causemap.store.curation_history import CurationHistoryQueries
from causemap.store.tables import variable_decisions


class VariableDecisionQueries(CurationHistoryQueries):
    def add_variable_decision(self, kind: str, payload: dict[str, Any]) -> int:
        with self.transaction() as conn:
            result = conn.execute(
                sa.insert(variable_decisions).values(kind=kind, payload=json.dumps(payload))
            )
            decision = int(result.inserted_primary_key[0])
            self._record(conn, "variables", kind, {"decision": decision, **payload})  # for undo
            return decision

    def variable_decisions(self) -> list[dict[str, Any]]:
        rows = self._rows(
            sa.select(
                variable_decisions.c.id, variable_decisions.c.kind, variable_decisions.c.payload
            ).order_by(variable_decisions.c.id)
        )
        return [{"id": r["id"], "kind": r["kind"], **json.loads(r["payload"])} for r in rows]
