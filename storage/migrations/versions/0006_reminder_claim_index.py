"""the claim index orders due reminders as the claim does: by time, then person

`Reminders.claim` takes the first due rows ordered by (available_at, person_id). With only
(status, available_at) indexed, every claim read and sorted the whole backlog (100k rows due in
the same minute: ~100 ms a claim on SQLite, a sequential scan and an on-disk sort on
PostgreSQL); with person_id in the index a claim reads just the rows it takes.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_reminder_claim", table_name="reminder")
    op.create_index("ix_reminder_claim", "reminder", ["status", "available_at", "person_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_reminder_claim", table_name="reminder")
    op.create_index("ix_reminder_claim", "reminder", ["status", "available_at"], unique=False)
