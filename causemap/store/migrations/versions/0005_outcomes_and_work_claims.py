"""Outcomes recorded as each file finishes, who runs each run, and claims on work in progress.

``file_outcomes`` replaces ``failures`` (its rows are copied over): every file's outcome (ingested,
skipped, failed) is committed when that file finishes, so a killed batch's outcomes stay visible.
``runs`` say which host and process run them, and ``work_claims`` which run is working on which paper.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("host", sa.Text))
        batch.add_column(sa.Column("pid", sa.Integer))
    op.create_table(
        "file_outcomes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),  # ingested | skipped | failed
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("paper_id", sa.Text),
        sa.Column("code", sa.Text),
        sa.Column("message", sa.Text),  # why it was skipped or failed
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),  # the report's row, as JSON
        sa.Column("recorded_at", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("file_outcomes_by_run", "file_outcomes", ["run_id"])
    op.execute(
        "INSERT INTO file_outcomes(run_id, outcome, path, code, message, detail, recorded_at) "
        "SELECT f.run_id, 'failed', f.path, f.code, f.error, '{}', r.started_at "
        "FROM failures f JOIN runs r ON r.id = f.run_id"
    )
    op.drop_table("failures")
    op.create_table(
        "work_claims",
        sa.Column("kind", sa.Text, primary_key=True),  # 'ingest', 'extract:rules', ...
        sa.Column("key", sa.Text, primary_key=True),  # a paper id
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claimed_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("causemap migrates forward only")
