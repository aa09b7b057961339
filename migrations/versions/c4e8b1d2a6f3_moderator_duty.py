"""Moderators on duty ("I tjänst"): who, since when, and until when without further activity

Revision ID: c4e8b1d2a6f3
Revises: a7d3c2e1f904
Create Date: 2026-11-27 19:55:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'c4e8b1d2a6f3'
down_revision = 'a7d3c2e1f904'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'moderator_duty',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('started_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('active_until', core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_moderator_duty_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_moderator_duty')),
    )
    with op.batch_alter_table('moderator_duty', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_moderator_duty_active_until'), ['active_until'], unique=False)


def downgrade():
    with op.batch_alter_table('moderator_duty', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_moderator_duty_active_until'))
    op.drop_table('moderator_duty')
