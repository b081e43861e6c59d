"""Claims, the user's curation of them, and which extractor has read which paper."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa

from causemap.models import Claim, CurationState
from causemap.store.base import in_batches
from causemap.store.curation_history import CurationHistoryQueries
from causemap.store.errors import WorkspaceError
from causemap.store.tables import claim_edits, claims, extractions, papers

_CLAIM_FIELDS = list(Claim.model_fields)
# What an extractor decides about a claim it finds again (the words and their place are its identity).
_EXTRACTOR_FIELDS = (
    "section",
    "relation",
    "polarity",
    "hedged",
    "negated",
    "design",
    "extractor_version",
    "confidence",
)
EDITABLE_CLAIM_FIELDS = frozenset({"cause", "effect", "relation", "polarity", "hedged", "negated", "design"})
_PENDING = CurationState.PENDING.value


class ClaimQueries(CurationHistoryQueries):
    def add_claims(self, new: Iterable[Claim]) -> int:
        """Store claims; returns how many are new.

        A claim already stored (same content hash: same extractor, same words, same place) takes the
        extractor's new reading (relation, polarity, ...) while it is pending; once the user has
        accepted, rejected or edited it, it is left as the user left it.
        """
        rows = [c.model_dump(mode="json") for c in new]
        if not rows:
            return 0
        ids = [r["id"] for r in rows]
        insert = self._insert(claims)
        upsert = insert.on_conflict_do_update(
            index_elements=["id"],
            set_={f: insert.excluded[f] for f in _EXTRACTOR_FIELDS},
            where=claims.c.state == _PENDING,
        )
        with self.transaction() as conn:
            known = {
                i
                for batch in in_batches(ids)
                for i in conn.execute(sa.select(claims.c.id).where(claims.c.id.in_(batch))).scalars()
            }
            conn.execute(upsert, rows)
        return len(set(ids) - known)

    def claims(
        self,
        paper_id: str | None = None,
        extractor: str | None = None,
        states: Iterable[CurationState] | None = None,
    ) -> list[Claim]:
        """Claims with the user's edits applied, filtered by paper, extractor and curation state."""
        query = _with_edits()
        if paper_id is not None:
            query = query.where(claims.c.paper_id == paper_id)
        if extractor is not None:
            query = query.where(claims.c.extractor == extractor)
        if states is not None:
            query = query.where(claims.c.state.in_([CurationState(s).value for s in states]))
        query = query.order_by(
            claims.c.paper_id, claims.c.page, claims.c.sentence_start, claims.c.cause_start, claims.c.id
        )
        return [_claim(r) for r in self._rows(query)]

    def claim(self, claim_id: str) -> Claim | None:
        rows = self._rows(_with_edits().where(claims.c.id == claim_id))
        return _claim(rows[0]) if rows else None

    def delete_stale_claims(self, paper_id: str, extractor: str, keep: Iterable[str]) -> int:
        """Drop this extractor's uncurated claims on a paper that a new reading no longer finds."""
        keep_ids = set(keep)
        with self.transaction() as conn:
            pending = conn.execute(
                sa.select(claims.c.id).where(
                    claims.c.paper_id == paper_id,
                    claims.c.extractor == extractor,
                    claims.c.state == _PENDING,
                )
            ).scalars()
            stale = sorted(set(pending) - keep_ids)
            for batch in in_batches(stale):
                conn.execute(sa.delete(claims).where(claims.c.id.in_(batch)))
        return len(stale)

    def set_claim_state(self, claim_ids: Iterable[str], state: CurationState) -> int:
        ids = list(claim_ids)
        changed = 0
        with self.transaction() as conn:
            self._record_claims_before(conn, ids, CurationState(state).value)  # for undo
            for batch in in_batches(ids):
                changed += conn.execute(
                    sa.update(claims).where(claims.c.id.in_(batch)).values(state=CurationState(state).value)
                ).rowcount
        return changed

    def edit_claim(self, claim_id: str, fields: dict[str, Any]) -> Claim:
        """Record the user's correction of a claim; its state becomes ``edited``."""
        unknown = set(fields) - EDITABLE_CLAIM_FIELDS
        if unknown:
            raise ValueError(f"cannot edit {sorted(unknown)}; editable: {sorted(EDITABLE_CLAIM_FIELDS)}")
        with self.transaction() as conn:
            # FOR UPDATE: two people editing one claim at once merge their fields instead of losing one.
            current = conn.execute(
                sa.select(claims.c.id).where(claims.c.id == claim_id).with_for_update()
            ).scalar()
            if current is None:
                raise WorkspaceError(f"no claim {claim_id!r} in this workspace")
            claim = self.claim(claim_id)
            assert claim is not None
            Claim.model_validate({**claim.model_dump(), **fields})  # reject invalid values early
            previous = conn.execute(
                sa.select(claim_edits.c.fields).where(claim_edits.c.claim_id == claim_id)
            ).scalar()
            merged = {**(json.loads(previous) if previous else {}), **fields}
            self._record_claims_before(conn, [claim_id], CurationState.EDITED.value, fields)  # for undo
            self._upsert(conn, claim_edits, [{"claim_id": claim_id, "fields": json.dumps(merged)}])
            conn.execute(
                sa.update(claims).where(claims.c.id == claim_id).values(state=CurationState.EDITED.value)
            )
        edited = self.claim(claim_id)
        assert edited is not None
        return edited

    def set_paper_design(self, paper_id: str, design: str) -> None:
        with self.transaction() as conn:
            conn.execute(sa.update(papers).where(papers.c.id == paper_id).values(design=design))
            conn.execute(sa.update(claims).where(claims.c.paper_id == paper_id).values(design=design))

    def mark_extracted(self, paper_id: str, extractor: str, version: str, stats: dict[str, Any]) -> None:
        with self.transaction() as conn:
            self._upsert(
                conn,
                extractions,
                [
                    {
                        "paper_id": paper_id,
                        "extractor": extractor,
                        "extractor_version": version,
                        "stats": json.dumps(stats),
                    }
                ],
            )

    def extracted_version(self, paper_id: str, extractor: str) -> str | None:
        return self._scalar(
            sa.select(extractions.c.extractor_version).where(
                extractions.c.paper_id == paper_id, extractions.c.extractor == extractor
            )
        )


def _with_edits() -> sa.Select:
    return sa.select(claims, claim_edits.c.fields.label("edit")).outerjoin(
        claim_edits, claim_edits.c.claim_id == claims.c.id
    )


def _claim(row: sa.RowMapping) -> Claim:
    d = {f: row[f] for f in _CLAIM_FIELDS}
    if row["edit"]:
        d.update(json.loads(row["edit"]))
    return Claim.model_validate(d)
