"""people, episodes, check-ins, conversations, escalations

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 15:34:49.136738
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_user_id', sa.BigInteger(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('consented_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('timezone', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('checkin_time', sa.Time(), nullable=True),
    sa.Column('wake_start', sa.Time(), nullable=False),
    sa.Column('wake_end', sa.Time(), nullable=False),
    sa.Column('onboarded_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('paused_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('blocked_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_checkin_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('telegram_user_id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_next_checkin_at'), ['next_checkin_at'], unique=False)

    op.create_table('conversation',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('flow', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id')
    )
    op.create_table('episode',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('onset_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cause', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('chronic', sa.Boolean(), nullable=False),
    sa.Column('announced_phase', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('episode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_episode_person_id'), ['person_id'], unique=False)

    op.create_table('escalation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('triggers', sa.JSON(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('acknowledgement', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_person_id'), ['person_id'], unique=False)

    op.create_table('checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Integer(), nullable=False),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('started_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('completed_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('pain', sa.Integer(), nullable=True),
    sa.Column('trend', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('red_flags', sa.JSON(), nullable=False),
    sa.Column('sessions', sa.Integer(), nullable=True),
    sa.Column('stretches', sa.Integer(), nullable=True),
    sa.Column('water_glasses', sa.Integer(), nullable=True),
    sa.Column('heat_effect', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['episode_id'], ['episode.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkin_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_checkin_person_started', ['person_id', 'started_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_person_started')
        batch_op.drop_index(batch_op.f('ix_checkin_person_id'))

    op.drop_table('checkin')
    with op.batch_alter_table('escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_person_id'))

    op.drop_table('escalation')
    with op.batch_alter_table('episode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_episode_person_id'))

    op.drop_table('episode')
    op.drop_table('conversation')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_next_checkin_at'))

    op.drop_table('person')
