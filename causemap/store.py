"""The workspace database: one SQLite file holding papers, pages, chunks, claims and decisions.

All SQL lives here. Writes that must land together go through ``transaction()``; SQLite in WAL mode
makes each committed transaction survive a kill, and an uncommitted one vanish, which is what lets an
interrupted run be resumed without duplicates.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from causemap.models import (
    Chunk,
    Claim,
    CurationState,
    Page,
    Paper,
    PaperState,
)
from causemap.schema import MIGRATIONS, SCHEMA_VERSION

_CLAIM_FIELDS = list(Claim.model_fields)
_PAPER_FIELDS = list(Paper.model_fields)
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


class WorkspaceError(RuntimeError):
    """A workspace that cannot be used as asked (newer schema, missing paper, ...)."""


class Store:
    """SQLite-backed store for one workspace."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is exactly what we say.
        self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self._conn.row_factory = sqlite3.Row
        self._lock = threading.RLock()
        self._depth = 0
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._migrate()

    # -- plumbing -----------------------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All statements inside commit together or not at all (nesting joins the outer one)."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _migrate(self) -> None:
        with self.transaction() as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            version = int(row["value"]) if row else 0
            if version > SCHEMA_VERSION:
                raise WorkspaceError(
                    f"{self.path} was written by a newer causemap (schema {version} > "
                    f"{SCHEMA_VERSION}); upgrade causemap to open it"
                )
            for script in MIGRATIONS[version:]:
                for statement in _statements(script):
                    conn.execute(statement)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )

    @property
    def schema_version(self) -> int:
        return int(self._rows("SELECT value FROM meta WHERE key='schema_version'")[0]["value"])

    # -- papers, pages, chunks ----------------------------------------------------------------
    def add_paper(self, paper: Paper, pages: Sequence[Page], chunks: Sequence[Chunk]) -> None:
        """Store a paper with its pages and chunks in one transaction."""
        with self.transaction() as conn:
            row = paper.model_dump(mode="json")
            row["authors"] = json.dumps(row["authors"])
            conn.execute(
                f"INSERT INTO papers({', '.join(_PAPER_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_PAPER_FIELDS))})",
                [row[f] for f in _PAPER_FIELDS],
            )
            conn.executemany(
                "INSERT INTO pages(paper_id, number, text, sections) VALUES (?, ?, ?, ?)",
                [(p.paper_id, p.number, p.text, "[]") for p in pages],
            )
            conn.executemany(
                "INSERT INTO chunks(id, paper_id, page, section, start, end, text, is_references) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.paper_id, c.page, c.section, c.start, c.end, c.text, int(c.is_references))
                    for c in chunks
                ],
            )

    def set_page_sections(self, paper_id: str, number: int, sections: list[tuple[int, int, str]]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE pages SET sections=? WHERE paper_id=? AND number=?",
                (json.dumps(sections), paper_id, number),
            )

    def set_paper_state(self, paper_id: str, state: PaperState) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE papers SET state=? WHERE id=?", (state.value, paper_id))

    def set_paper_design(self, paper_id: str, design: str) -> None:
        with self.transaction() as conn:
            conn.execute("UPDATE papers SET design=? WHERE id=?", (design, paper_id))
            conn.execute("UPDATE claims SET design=? WHERE paper_id=?", (design, paper_id))

    def delete_paper(self, paper_id: str) -> bool:
        """Delete a paper and everything derived from it (pages, chunks, claims, curation)."""
        with self.transaction() as conn:
            return conn.execute("DELETE FROM papers WHERE id=?", (paper_id,)).rowcount > 0

    def paper(self, paper_id: str) -> Paper | None:
        rows = self._rows("SELECT * FROM papers WHERE id=?", (paper_id,))
        return _paper(rows[0]) if rows else None

    def papers(self, state: PaperState | None = None) -> list[Paper]:
        if state is None:
            rows = self._rows("SELECT * FROM papers ORDER BY added_at, id")
        else:
            rows = self._rows("SELECT * FROM papers WHERE state=? ORDER BY added_at, id", (state.value,))
        return [_paper(r) for r in rows]

    def pages(self, paper_id: str) -> list[Page]:
        rows = self._rows(
            "SELECT paper_id, number, text FROM pages WHERE paper_id=? ORDER BY number", (paper_id,)
        )
        return [Page(paper_id=r["paper_id"], number=r["number"], text=r["text"]) for r in rows]

    def page_sections(self, paper_id: str, number: int) -> list[tuple[int, int, str]]:
        rows = self._rows("SELECT sections FROM pages WHERE paper_id=? AND number=?", (paper_id, number))
        return [tuple(s) for s in json.loads(rows[0]["sections"])] if rows else []

    def page_text(self, paper_id: str, number: int) -> str | None:
        rows = self._rows("SELECT text FROM pages WHERE paper_id=? AND number=?", (paper_id, number))
        return rows[0]["text"] if rows else None

    def chunks(self, paper_id: str | None = None) -> list[Chunk]:
        if paper_id is None:
            rows = self._rows("SELECT * FROM chunks ORDER BY paper_id, page, start")
        else:
            rows = self._rows("SELECT * FROM chunks WHERE paper_id=? ORDER BY page, start", (paper_id,))
        return [_chunk(r) for r in rows]

    def chunk_ids(self) -> set[str]:
        return {r["id"] for r in self._rows("SELECT id FROM chunks")}

    # -- runs ---------------------------------------------------------------------------------
    def start_run(self, command: str) -> int:
        with self.transaction() as conn:
            return int(conn.execute("INSERT INTO runs(command) VALUES (?)", (command,)).lastrowid)

    def record_failure(self, run_id: int, path: str, code: str, error: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures(run_id, path, code, error) VALUES (?, ?, ?, ?)",
                (run_id, path, code, error),
            )

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "UPDATE runs SET finished_at=datetime('now'), status=?, summary=? WHERE id=?",
                (status, json.dumps(summary), run_id),
            )

    def record_run(self, command: str, summary: dict[str, Any]) -> int:
        """A finished run of ``command`` with its summary, in one step."""
        run_id = self.start_run(command)
        self.finish_run(run_id, "ok", summary)
        return run_id

    def last_run(self, command: str) -> dict[str, Any] | None:
        """The most recent finished run of ``command``: when it finished and its summary."""
        rows = self._rows(
            "SELECT finished_at, status, summary FROM runs WHERE command=? AND finished_at IS NOT NULL "
            "ORDER BY id DESC LIMIT 1",
            (command,),
        )
        if not rows:
            return None
        return {
            "finished_at": rows[0]["finished_at"],
            "status": rows[0]["status"],
            "summary": json.loads(rows[0]["summary"]),
        }

    def last_failures(self, command: str = "ingest") -> list[dict[str, str]]:
        """Failures recorded by the most recent run of ``command``."""
        rows = self._rows(
            "SELECT f.path, f.code, f.error FROM failures f WHERE f.run_id = "
            "(SELECT max(id) FROM runs WHERE command=?)",
            (command,),
        )
        return [dict(r) for r in rows]

    # -- claims and curation ------------------------------------------------------------------
    def add_claims(self, claims: Iterable[Claim]) -> int:
        """Store claims; returns how many are new.

        A claim already stored (same content hash: same extractor, same words, same place) takes the
        extractor's new reading (relation, polarity, ...) while it is pending; once the user has
        accepted, rejected or edited it, it is left as the user left it.
        """
        rows = []
        for claim in claims:
            d = claim.model_dump(mode="json")
            d["hedged"], d["negated"] = int(d["hedged"]), int(d["negated"])
            rows.append([d[f] for f in _CLAIM_FIELDS])
        if not rows:
            return 0
        ids = [r[0] for r in rows]
        updated = ", ".join(f"{f}=excluded.{f}" for f in _EXTRACTOR_FIELDS)
        with self.transaction() as conn:
            known = {
                r["id"]
                for i in range(0, len(ids), 500)
                for r in conn.execute(
                    f"SELECT id FROM claims WHERE id IN ({', '.join('?' * len(ids[i : i + 500]))})",
                    ids[i : i + 500],
                )
            }
            conn.executemany(
                f"INSERT INTO claims({', '.join(_CLAIM_FIELDS)}) "
                f"VALUES ({', '.join('?' * len(_CLAIM_FIELDS))}) "
                f"ON CONFLICT(id) DO UPDATE SET {updated} WHERE claims.state='pending'",
                rows,
            )
        return len(set(ids) - known)

    def claims(
        self,
        paper_id: str | None = None,
        extractor: str | None = None,
        states: Iterable[CurationState] | None = None,
    ) -> list[Claim]:
        """Claims with the user's edits applied, filtered by paper, extractor and curation state."""
        where, params = [], []
        if paper_id is not None:
            where.append("c.paper_id=?")
            params.append(paper_id)
        if extractor is not None:
            where.append("c.extractor=?")
            params.append(extractor)
        if states is not None:
            values = [CurationState(s).value for s in states]
            where.append(f"c.state IN ({', '.join('?' * len(values))})")
            params.extend(values)
        sql = "SELECT c.*, e.fields AS edit FROM claims c LEFT JOIN claim_edits e ON e.claim_id=c.id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY c.paper_id, c.page, c.sentence_start, c.cause_start"
        return [_claim(r) for r in self._rows(sql, params)]

    def delete_stale_claims(self, paper_id: str, extractor: str, keep: Iterable[str]) -> int:
        """Drop this extractor's uncurated claims on a paper that a new reading no longer finds."""
        keep_ids = set(keep)
        rows = self._rows(
            "SELECT id FROM claims WHERE paper_id=? AND extractor=? AND state='pending'",
            (paper_id, extractor),
        )
        stale = [(r["id"],) for r in rows if r["id"] not in keep_ids]
        with self.transaction() as conn:
            conn.executemany("DELETE FROM claims WHERE id=?", stale)
        return len(stale)

    def claim(self, claim_id: str) -> Claim | None:
        rows = self._rows(
            "SELECT c.*, e.fields AS edit FROM claims c LEFT JOIN claim_edits e ON e.claim_id=c.id "
            "WHERE c.id=?",
            (claim_id,),
        )
        return _claim(rows[0]) if rows else None

    def set_claim_state(self, claim_ids: Iterable[str], state: CurationState) -> int:
        ids = list(claim_ids)
        with self.transaction() as conn:
            return conn.executemany(
                "UPDATE claims SET state=? WHERE id=?", [(CurationState(state).value, i) for i in ids]
            ).rowcount

    def edit_claim(self, claim_id: str, fields: dict[str, Any]) -> Claim:
        """Record the user's correction of a claim; its state becomes ``edited``."""
        unknown = set(fields) - EDITABLE_CLAIM_FIELDS
        if unknown:
            raise ValueError(f"cannot edit {sorted(unknown)}; editable: {sorted(EDITABLE_CLAIM_FIELDS)}")
        current = self.claim(claim_id)
        if current is None:
            raise WorkspaceError(f"no claim {claim_id!r} in this workspace")
        Claim.model_validate({**current.model_dump(), **fields})  # reject invalid values early
        with self.transaction() as conn:
            row = conn.execute("SELECT fields FROM claim_edits WHERE claim_id=?", (claim_id,)).fetchone()
            merged = {**(json.loads(row["fields"]) if row else {}), **fields}
            conn.execute(
                "INSERT OR REPLACE INTO claim_edits(claim_id, fields) VALUES (?, ?)",
                (claim_id, json.dumps(merged)),
            )
            conn.execute("UPDATE claims SET state='edited' WHERE id=?", (claim_id,))
        edited = self.claim(claim_id)
        assert edited is not None
        return edited

    def mark_extracted(self, paper_id: str, extractor: str, version: str, stats: dict[str, Any]) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO extractions(paper_id, extractor, extractor_version, stats) "
                "VALUES (?, ?, ?, ?)",
                (paper_id, extractor, version, json.dumps(stats)),
            )

    def extracted_version(self, paper_id: str, extractor: str) -> str | None:
        rows = self._rows(
            "SELECT extractor_version FROM extractions WHERE paper_id=? AND extractor=?",
            (paper_id, extractor),
        )
        return rows[0]["extractor_version"] if rows else None

    # -- LLM response cache -------------------------------------------------------------------
    def cache_get(self, key: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT * FROM llm_cache WHERE key=?", (key,))
        return dict(rows[0]) if rows else None

    def cache_put(
        self, key: str, model: str, prompt_version: str, response: str, tokens: tuple[int, int]
    ) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO llm_cache(key, model, prompt_version, response, input_tokens, "
                "output_tokens) VALUES (?, ?, ?, ?, ?, ?)",
                (key, model, prompt_version, response, *tokens),
            )

    # -- variable decisions -------------------------------------------------------------------
    def add_variable_decision(self, kind: str, payload: dict[str, Any]) -> int:
        with self.transaction() as conn:
            return int(
                conn.execute(
                    "INSERT INTO variable_decisions(kind, payload) VALUES (?, ?)",
                    (kind, json.dumps(payload)),
                ).lastrowid
            )

    def variable_decisions(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT id, kind, payload FROM variable_decisions ORDER BY id")
        return [{"id": r["id"], "kind": r["kind"], **json.loads(r["payload"])} for r in rows]

    # -- summary ------------------------------------------------------------------------------
    def counts(self) -> dict[str, Any]:
        by_state = {
            r["state"]: r["n"] for r in self._rows("SELECT state, count(*) AS n FROM papers GROUP BY state")
        }
        claims_by_state = {
            r["state"]: r["n"] for r in self._rows("SELECT state, count(*) AS n FROM claims GROUP BY state")
        }
        one = lambda sql: self._rows(sql)[0][0]  # noqa: E731
        return {
            "papers": sum(by_state.values()),
            "papers_by_state": by_state,
            "pages": one("SELECT count(*) FROM pages"),
            "chunks": one("SELECT count(*) FROM chunks"),
            "claims": sum(claims_by_state.values()),
            "claims_by_state": claims_by_state,
        }


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _paper(row: sqlite3.Row) -> Paper:
    d = {f: row[f] for f in _PAPER_FIELDS}
    d["authors"] = json.loads(d["authors"])
    return Paper.model_validate(d)


def _chunk(row: sqlite3.Row) -> Chunk:
    return Chunk(
        id=row["id"],
        paper_id=row["paper_id"],
        page=row["page"],
        section=row["section"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        is_references=bool(row["is_references"]),
    )


def _claim(row: sqlite3.Row) -> Claim:
    d = {f: row[f] for f in _CLAIM_FIELDS}
    d["hedged"], d["negated"] = bool(d["hedged"]), bool(d["negated"])
    if row["edit"]:
        d.update(json.loads(row["edit"]))
    return Claim.model_validate(d)
