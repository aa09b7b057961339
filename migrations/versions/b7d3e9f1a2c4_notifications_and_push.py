"""Member notifications: kinds (reply, mention), notification settings and Web Push subscriptions

Revision ID: b7d3e9f1a2c4
Revises: b7d3e5f1a902
Create Date: 2026-11-27 21:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'b7d3e9f1a2c4'
down_revision = "b7d3e5f1a902"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='reply', nullable=False))
    op.create_table(
        'notification_settings',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('follow_on_reply', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('push_details', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('neutral_app', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_notification_settings_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_settings')),
    )
    op.create_table(
        'push_subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('endpoint', sa.Text(), nullable=False),
        sa.Column('p256dh', sa.String(length=200), nullable=False),
        sa.Column('auth', sa.String(length=100), nullable=False),
        sa.Column('created_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('last_sent_at', core.database.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_push_subscriptions_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_push_subscriptions')),
        sa.UniqueConstraint('endpoint', name=op.f('uq_push_subscriptions_endpoint')),
    )
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_push_subscriptions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('push_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_push_subscriptions_user_id'))
    op.drop_table('push_subscriptions')
    op.drop_table('notification_settings')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_column('kind')
