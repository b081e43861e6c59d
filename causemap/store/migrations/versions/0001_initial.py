"""Papers, pages, chunks, runs and failures, claims and their curation, the LLM cache, variable decisions.

The same tables as the SQLite schema 1 that causemap wrote before it used SQLAlchemy, so a workspace of
that age is stamped at this revision and upgraded from here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _paper_id(primary_key: bool = False) -> sa.Column:
    return sa.Column(
        "paper_id",
        sa.Text,
        sa.ForeignKey("papers.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=primary_key,
    )


def upgrade() -> None:
    op.create_table(
        "meta", sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text, nullable=False)
    )
    op.create_table(
        "papers",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("year", sa.Integer),
        sa.Column("doi", sa.Text),
        sa.Column("n_pages", sa.Integer, nullable=False, server_default="0"),
        sa.Column("design", sa.Text, nullable=False, server_default="unknown"),
        sa.Column("parser", sa.Text, nullable=False, server_default=""),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("added_at", sa.Text, nullable=False),
    )
    op.create_table(
        "pages",
        _paper_id(primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("sections", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_table(
        "chunks",
        sa.Column("id", sa.Text, primary_key=True),
        _paper_id(),
        sa.Column("page", sa.Integer, nullable=False),
        sa.Column("section", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("is_references", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("chunks_by_paper", "chunks", ["paper_id", "page"])
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("status", sa.Text, nullable=False, server_default="running"),
        sa.Column("summary", sa.Text, nullable=False, server_default="{}"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "failures",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Text, primary_key=True),
        _paper_id(),
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
        sa.Column("state", sa.Text, nullable=False, server_default="pending"),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_index("claims_by_paper", "claims", ["paper_id", "extractor"])
    op.create_table(
        "claim_edits",
        sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("edited_at", sa.Text, nullable=False),
    )
    op.create_table(
        "extractions",
        _paper_id(primary_key=True),
        sa.Column("extractor", sa.Text, primary_key=True),
        sa.Column("extractor_version", sa.Text, nullable=False),
        sa.Column("stats", sa.Text, nullable=False, server_default="{}"),
        sa.Column("finished_at", sa.Text, nullable=False),
    )
    op.create_table(
        "llm_cache",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("model", sa.Text, nullable=False),
        sa.Column("prompt_version", sa.Text, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("input_tokens", sa.Integer, nullable=False, server_default="0"),
        sa.Column("output_tokens", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.Text, nullable=False),
    )
    op.create_table(
        "variable_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    for table in (
        "variable_decisions",
        "llm_cache",
        "extractions",
        "claim_edits",
        "claims",
        "failures",
        "runs",
        "chunks",
        "pages",
        "papers",
        "meta",
    ):
        op.drop_table(table)
