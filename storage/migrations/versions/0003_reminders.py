"""reminders as rows: the database is the schedule

The daily check-in moves from `person.next_checkin_at` onto reminder rows; a planned check-in
becomes its pending row, keyed by its local date.

Revision ID: 0003
Revises: 0002
"""

from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("local_key", sa.String(), nullable=False),
        sa.Column("due_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("available_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("person_id", "kind", "local_key", name="uq_reminder_slot"),
    )
    with op.batch_alter_table("reminder") as batch_op:
        batch_op.create_index("ix_reminder_claim", ["status", "available_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_person_id"), ["person_id"], unique=False)
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("reminders_off", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("stretch_times", sa.String(), nullable=False, server_default="11:00,17:00"))
        batch_op.add_column(sa.Column("planned_until", storage.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_planned_until"), ["planned_until"], unique=False)
    _move_checkins_onto_rows()
    with op.batch_alter_table("person") as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_next_checkin_at"))
        batch_op.drop_column("next_checkin_at")


def _move_checkins_onto_rows() -> None:
    connection = op.get_bind()
    person = sa.table(
        "person",
        sa.column("id", sa.Integer()),
        sa.column("timezone", sa.String()),
        sa.column("next_checkin_at", storage.types.UTCDateTime(timezone=True)),
    )
    reminder = sa.table(
        "reminder",
        *(sa.column(name) for name in ("person_id", "kind", "local_key", "status", "attempts")),
        sa.column("due_at", storage.types.UTCDateTime(timezone=True)),
        sa.column("available_at", storage.types.UTCDateTime(timezone=True)),
    )
    planned = connection.execute(sa.select(person).where(person.c.next_checkin_at.is_not(None))).all()
    rows = [
        {
            "person_id": row.id,
            "kind": "checkin",
            "local_key": row.next_checkin_at.astimezone(ZoneInfo(row.timezone or "UTC")).date().isoformat(),
            "due_at": row.next_checkin_at.astimezone(UTC),
            "available_at": row.next_checkin_at.astimezone(UTC),
            "status": "pending",
            "attempts": 0,
        }
        for row in planned
    ]
    if rows:
        connection.execute(reminder.insert(), rows)


def downgrade() -> None:
    with op.batch_alter_table("person") as batch_op:
        batch_op.add_column(sa.Column("next_checkin_at", storage.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_next_checkin_at"), ["next_checkin_at"], unique=False)
        batch_op.drop_index(batch_op.f("ix_person_planned_until"))
        batch_op.drop_column("planned_until")
        batch_op.drop_column("stretch_times")
        batch_op.drop_column("reminders_off")
    op.drop_table("reminder")
