"""Posts: a member's client id is unique, so a retried reply or new thread is stored once

Revision ID: 7a3c1f0e9b21
Revises: 1ec5dbd1f1c7
Create Date: 2026-11-27 05:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7a3c1f0e9b21'
down_revision = '1ec5dbd1f1c7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index('uq_posts_author_id_client_id', ['author_id', 'client_id'], unique=True)


def downgrade():
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index('uq_posts_author_id_client_id')
