"""Notifications: the unread index also holds the thread, so a badge count never reads the table

Revision ID: d8e2f4a6b1c3
Revises: c5f1a8d3e7b6
Create Date: 2026-11-28 00:45:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd8e2f4a6b1c3'
down_revision = "c5f1a8d3e7b6"
branch_labels = None
depends_on = None


def upgrade():
    # A reply counts every follower's unread notices (notify/live.py); per thread, to judge visibility
    # once per thread. With thread_id in the index the count is read from the index alone.
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at', 'thread_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_unread')
        batch_op.create_index('ix_notifications_user_unread', ['user_id', 'read_at'], unique=False)
