"""The history of the user's curation, and undo.

Every claim decision (accept, reject, back to pending, an edit) and every variable decision (merge,
rename, split) is recorded in ``curation_history`` in the same transaction as the change itself, with
what it replaced. ``undo_curation(scope)`` reverts the latest action of that scope not yet undone, again
in one transaction, and marks it undone; the record stays, so the history shows what was done and
undone. Undoing again reverts the action before it.

What "before" means: a claim decision keeps each claim's previous state and previous edit (or none); a
variable decision is one row of ``variable_decisions``, which the graph stage replays in order, so
undoing it deletes that row (its content stays in the history).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from causemap.store.base import StoreBase, in_batches
from causemap.store.tables import claim_edits, claims, curation_history, now, variable_decisions

SCOPES = ("claims", "variables")


@dataclass(frozen=True)
class CurationAction:
    """One recorded curation action: ``scope`` claims or variables, ``action`` what was done."""

    id: int
    scope: str
    action: str
    payload: dict[str, Any]
    created_at: str
    undone_at: str | None = None

    @property
    def claim_ids(self) -> list[str]:
        return [c["id"] for c in self.payload.get("claims", [])]

    def describe(self) -> str:
        """The action in words, with claim ids and the papers' names for variables (never slugs).

        >>> CurationAction(1, "claims", "accepted", {"claims": [{"id": "c1"}, {"id": "c2"}]}, "").describe()
        'accepted 2 claims (c1, c2)'
        >>> CurationAction(2, "variables", "merge", {"groups": [["exercise"], ["physical activity"]],
        ...     "variables": ["exercise", "physical_activity"]}, "").describe()
        "merged 'exercise' and 'physical activity'"
        """
        if self.scope == "claims":
            ids = self.claim_ids
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            noun = "claim" if len(ids) == 1 else "claims"
            if self.action == "edited":
                fields = ", ".join(f"{k} {v!r}" for k, v in self.payload.get("fields", {}).items())
                return f"edited claim {shown} ({fields})"
            return f"{'set' if self.action == 'pending' else self.action} {len(ids)} {noun} ({shown})" + (
                " back to pending" if self.action == "pending" else ""
            )
        decision = self.payload
        if self.action == "merge":
            names = [repr(group[0]) for group in decision.get("groups", []) if group]
            text = "merged " + " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
            return text + (f" as {decision['label']!r}" if decision.get("label") else "")
        if self.action == "rename":
            first = (decision.get("aliases") or [decision.get("variable")])[0]
            return f"renamed {first!r} to {decision.get('label')!r}"
        if self.action == "split":
            moved = ", ".join(repr(a) for a in decision.get("aliases", []))
            return f"split {moved} out into a variable of their own"
        return f"{self.action} ({json.dumps(decision, ensure_ascii=False)})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "scope": self.scope,
            "action": self.action,
            "description": self.describe(),
            "payload": self.payload,
            "created_at": self.created_at,
            "undone_at": self.undone_at,
        }


class CurationHistoryQueries(StoreBase):
    def _record_claims_before(
        self, conn: sa.Connection, claim_ids: list[str], action: str, fields: dict[str, Any] | None = None
    ) -> None:
        """Record, inside the change's transaction and before it, each claim's state and edit."""
        before: dict[str, dict[str, Any]] = {}
        for batch in in_batches(claim_ids):
            rows = conn.execute(
                sa.select(claims.c.id, claims.c.state, claim_edits.c.fields)
                .outerjoin(claim_edits, claim_edits.c.claim_id == claims.c.id)
                .where(claims.c.id.in_(batch))
            ).mappings()
            for r in rows:
                edit = json.loads(r["fields"]) if r["fields"] else None
                before[r["id"]] = {"id": r["id"], "state": r["state"], "edit": edit}
        found = [before[i] for i in dict.fromkeys(claim_ids) if i in before]
        if found:
            payload: dict[str, Any] = {"claims": found}
            if fields is not None:
                payload["fields"] = fields
            self._record(conn, "claims", action, payload)

    def _record(self, conn: sa.Connection, scope: str, action: str, payload: dict[str, Any]) -> None:
        conn.execute(
            sa.insert(curation_history).values(
                scope=scope, action=action, payload=json.dumps(payload, ensure_ascii=False), created_at=now()
            )
        )

    def curation_history(self, scope: str | None = None, limit: int | None = None) -> list[CurationAction]:
        """Recorded curation actions, newest first (undone ones included, with ``undone_at``)."""
        query = sa.select(curation_history).order_by(curation_history.c.id.desc())
        if scope is not None:
            query = query.where(curation_history.c.scope == _scope(scope))
        if limit is not None:
            query = query.limit(limit)
        return [_action(r) for r in self._rows(query)]

    def undo_curation(self, scope: str) -> CurationAction | None:
        """Revert the latest action of ``scope`` not yet undone; None when there is nothing to undo."""
        with self.transaction() as conn:
            # FOR UPDATE: two people undoing at once revert two actions, not one twice.
            row = (
                conn.execute(
                    sa.select(curation_history)
                    .where(curation_history.c.scope == _scope(scope), curation_history.c.undone_at.is_(None))
                    .order_by(curation_history.c.id.desc())
                    .limit(1)
                    .with_for_update()
                )
                .mappings()
                .first()
            )
            if row is None:
                return None
            action = _action(row)
            if action.scope == "claims":
                _restore_claims(conn, action.payload["claims"])
            else:
                conn.execute(
                    sa.delete(variable_decisions).where(variable_decisions.c.id == action.payload["decision"])
                )
            undone = now()
            conn.execute(
                sa.update(curation_history).where(curation_history.c.id == action.id).values(undone_at=undone)
            )
        return CurationAction(**{**action.__dict__, "undone_at": undone})


def _restore_claims(conn: sa.Connection, before: list[dict[str, Any]]) -> None:
    for entry in before:
        exists = conn.execute(sa.select(claims.c.id).where(claims.c.id == entry["id"])).scalar()
        if exists is None:  # its paper was removed since: nothing to restore
            continue
        conn.execute(sa.update(claims).where(claims.c.id == entry["id"]).values(state=entry["state"]))
        conn.execute(sa.delete(claim_edits).where(claim_edits.c.claim_id == entry["id"]))
        if entry["edit"] is not None:
            conn.execute(
                sa.insert(claim_edits).values(
                    claim_id=entry["id"], fields=json.dumps(entry["edit"]), edited_at=now()
                )
            )


def _scope(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"unknown curation scope {scope!r}: {' or '.join(SCOPES)}")
    return scope


def _action(row: sa.RowMapping) -> CurationAction:
    return CurationAction(
        id=row["id"],
        scope=row["scope"],
        action=row["action"],
        payload=json.loads(row["payload"]),
        created_at=row["created_at"],
        undone_at=row["undone_at"],
    )
