"""The rota: planned duty shifts (who, when), entered by admins

Revision ID: e91f5a3b7c20
Revises: c4e8b1d2a6f3
Create Date: 2026-11-27 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'e91f5a3b7c20'
down_revision = 'c4e8b1d2a6f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'duty_shifts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('ends_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', core.database.UTCDateTime(), nullable=False),
        sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_duty_shifts_ends_after_start')),
        sa.ForeignKeyConstraint(
            ['created_by_id'], ['users.id'], name=op.f('fk_duty_shifts_created_by_id_users'), ondelete='SET NULL'
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_duty_shifts_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_shifts')),
    )
    with op.batch_alter_table('duty_shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_shifts_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shifts_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('duty_shifts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_shifts_user_id'))
        batch_op.drop_index(batch_op.f('ix_duty_shifts_starts_at'))
    op.drop_table('duty_shifts')
