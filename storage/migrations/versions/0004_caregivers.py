"""caregivers: invitations (hashed one-time codes) and links

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

import storage.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "caregiverinvite",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(), nullable=False),
        sa.Column("sharing", sa.String(), nullable=False),
        sa.Column("code_hash", sa.String(), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code_hash"),
    )
    with op.batch_alter_table("caregiverinvite") as batch_op:
        batch_op.create_index(batch_op.f("ix_caregiverinvite_person_id"), ["person_id"], unique=False)
    op.create_table(
        "caregiverlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("person_name", sa.String(), nullable=False),
        sa.Column("caregiver_user_id", sa.BigInteger(), nullable=False),
        sa.Column("caregiver_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("caregiver_name", sa.String(), nullable=False),
        sa.Column("sharing", sa.String(), nullable=False),
        sa.Column("timezone", sa.String(), nullable=True),
        sa.Column("accepted_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("planned_until", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("caregiverlink") as batch_op:
        batch_op.create_index(batch_op.f("ix_caregiverlink_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_caregiverlink_caregiver", ["caregiver_user_id"], unique=False)


def downgrade() -> None:
    op.drop_table("caregiverlink")
    op.drop_table("caregiverinvite")
