"""The user's decisions about which papers are versions of one study (graphbuilder.versions)."""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    # No foreign key to papers: a paper id is the hash of its bytes, so a decision about a file still
    # holds when the file is deleted and ingested again.
    op.create_table(
        "version_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.Text, nullable=False),  # separate | same
        sa.Column("paper_a", sa.Text, nullable=False),
        sa.Column("paper_b", sa.Text, nullable=False),
        sa.Column("created_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("version_decisions")
