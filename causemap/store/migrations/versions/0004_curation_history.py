"""The history of the user's curation (claim decisions, variable decisions), so that each can be undone."""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "curation_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.Text, nullable=False),  # claims | variables
        sa.Column("action", sa.Text, nullable=False),  # accepted, rejected, pending, edited | merge, ...
        sa.Column("payload", sa.Text, nullable=False),  # JSON: what the action changed and what was before
        sa.Column("created_at", sa.Text, nullable=False),
        sa.Column("undone_at", sa.Text, nullable=True),
        sqlite_autoincrement=True,
    )
    op.create_index("curation_history_by_scope", "curation_history", ["scope", "id"])


def downgrade() -> None:
    op.drop_table("curation_history")
