"""The tables as the store's queries see them, for SQLite and PostgreSQL alike.

The migrations in ``migrations/versions`` create and change the tables; this module describes the result
of the latest one (a test compares the two on both backends). JSON values are stored as text, and times
as ISO-8601 UTC text (``2024-05-01 12:00:00.123456``, which sorts as time does): the same bytes on both
backends and in workspaces written before the store moved to SQLAlchemy.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

metadata = sa.MetaData()


def now() -> str:
    """The current UTC time as the store writes it."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _paper_fk() -> sa.ForeignKey:
    return sa.ForeignKey("papers.id", ondelete="CASCADE")


meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

papers = sa.Table(
    "papers",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # SHA-256 of the bytes
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("authors", sa.Text, nullable=False, default="[]"),
    sa.Column("year", sa.Integer),
    sa.Column("doi", sa.Text),
    sa.Column("n_pages", sa.Integer, nullable=False, default=0),
    sa.Column("design", sa.Text, nullable=False, default="unknown"),
    sa.Column("parser", sa.Text, nullable=False, default=""),
    sa.Column("state", sa.Text, nullable=False),  # embedding | ready
    sa.Column("added_at", sa.Text, nullable=False, default=now),
)

pages = sa.Table(
    "pages",
    metadata,
    sa.Column("paper_id", sa.Text, _paper_fk(), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("sections", sa.Text, nullable=False, default="[]"),  # [[start, end, label], ...]
)

chunks = sa.Table(
    "chunks",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("paper_id", sa.Text, _paper_fk(), nullable=False),
    sa.Column("page", sa.Integer, nullable=False),
    sa.Column("section", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("is_references", sa.Boolean, nullable=False, default=False),
    sa.Index("chunks_by_paper", "paper_id", "page"),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("started_at", sa.Text, nullable=False, default=now),
    sa.Column("finished_at", sa.Text),
    sa.Column("status", sa.Text, nullable=False, default="running"),
    sa.Column("summary", sa.Text, nullable=False, default="{}"),
    sa.Column("host", sa.Text),  # who runs it: host name and process id
    sa.Column("pid", sa.Integer),
    sqlite_autoincrement=True,  # ids are never reused: "the latest run" stays the latest
)

# Every file's outcome in a run, committed as the file finishes.
file_outcomes = sa.Table(
    "file_outcomes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("outcome", sa.Text, nullable=False),  # ingested | skipped | failed
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("paper_id", sa.Text),
    sa.Column("code", sa.Text),
    sa.Column("message", sa.Text),  # why it was skipped or failed
    sa.Column("detail", sa.Text, nullable=False, default="{}"),  # the report's row, as JSON
    sa.Column("recorded_at", sa.Text, nullable=False, default=now),
    sa.Index("file_outcomes_by_run", "run_id"),
    sqlite_autoincrement=True,
)

# Which run is working on which paper; a claim whose run has died may be taken over.
work_claims = sa.Table(
    "work_claims",
    metadata,
    sa.Column("kind", sa.Text, primary_key=True),  # 'ingest', 'extract:rules', ...
    sa.Column("key", sa.Text, primary_key=True),  # a paper id
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("claimed_at", sa.Text, nullable=False, default=now),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("paper_id", sa.Text, _paper_fk(), nullable=False),
    sa.Column("page", sa.Integer, nullable=False),
    sa.Column("section", sa.Text),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("cause", sa.Text, nullable=False),
    sa.Column("cause_start", sa.Integer, nullable=False),
    sa.Column("cause_end", sa.Integer, nullable=False),
    sa.Column("effect", sa.Text, nullable=False),
    sa.Column("effect_start", sa.Integer, nullable=False),
    sa.Column("effect_end", sa.Integer, nullable=False),
    sa.Column("relation", sa.Text, nullable=False),
    sa.Column("polarity", sa.Text),
    sa.Column("hedged", sa.Boolean, nullable=False),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("design", sa.Text, nullable=False),
    sa.Column("extractor", sa.Text, nullable=False),
    sa.Column("extractor_version", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("state", sa.Text, nullable=False, default="pending"),
    sa.Column("created_at", sa.Text, nullable=False, default=now),
    sa.Column("role", sa.Text, nullable=False, default="finding", server_default="finding"),
    sa.Index("claims_by_paper", "paper_id", "extractor"),
)

# The user's corrections, kept apart so that the extractor's reading stays visible.
claim_edits = sa.Table(
    "claim_edits",
    metadata,
    sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("fields", sa.Text, nullable=False),  # JSON object of edited fields
    sa.Column("edited_at", sa.Text, nullable=False, default=now),
)

# Which extractor has finished which paper (so a rerun skips it and a killed run resumes).
extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("paper_id", sa.Text, _paper_fk(), primary_key=True),
    sa.Column("extractor", sa.Text, primary_key=True),
    sa.Column("extractor_version", sa.Text, nullable=False),
    sa.Column("stats", sa.Text, nullable=False, default="{}"),
    sa.Column("finished_at", sa.Text, nullable=False, default=now),
)

llm_cache = sa.Table(
    "llm_cache",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),  # hash of model, prompt version and text
    sa.Column("model", sa.Text, nullable=False),
    sa.Column("prompt_version", sa.Text, nullable=False),
    sa.Column("response", sa.Text, nullable=False),
    sa.Column("input_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("output_tokens", sa.Integer, nullable=False, default=0),
    sa.Column("created_at", sa.Text, nullable=False, default=now),
)

variable_decisions = sa.Table(
    "variable_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),  # merge | rename | split
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("created_at", sa.Text, nullable=False, default=now),
    sqlite_autoincrement=True,
)

version_decisions = sa.Table(
    "version_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.Text, nullable=False),  # separate | same
    sa.Column("paper_a", sa.Text, nullable=False),
    sa.Column("paper_b", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False, default=now),
    sqlite_autoincrement=True,
)

# Every curation action, newest last, with what it replaced: undo restores the latest one not yet undone.
curation_history = sa.Table(
    "curation_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scope", sa.Text, nullable=False),  # claims | variables
    sa.Column(
        "action", sa.Text, nullable=False
    ),  # accepted, rejected, pending, edited | merge, rename, split
    sa.Column("payload", sa.Text, nullable=False),  # JSON
    sa.Column("created_at", sa.Text, nullable=False, default=now),
    sa.Column("undone_at", sa.Text, nullable=True),
    sa.Index("curation_history_by_scope", "scope", "id"),
    sqlite_autoincrement=True,
)
