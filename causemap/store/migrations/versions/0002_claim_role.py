"""A claim says whether it reports the paper's own finding or restates background."""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.add_column("claims", sa.Column("role", sa.Text, nullable=False, server_default="finding"))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("role")
