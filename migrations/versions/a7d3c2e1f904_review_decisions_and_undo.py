"""Review items remember who decided them, why, and the state before, so a decision can be undone

Revision ID: a7d3c2e1f904
Revises: 3626d0762862
Create Date: 2026-11-27 19:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d3c2e1f904'
down_revision = '3626d0762862'
branch_labels = None
depends_on = None


# Batch mode as in f0ca541771bd: nothing references review_items, so SQLite's copy-and-swap cascades nowhere.


def upgrade():
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_by_pseudonym', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('decided_reason', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('previous_state', sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_review_items_decided_by_id_users'), 'users', ['decided_by_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('review_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_review_items_decided_by_id_users'), type_='foreignkey')
        batch_op.drop_column('previous_state')
        batch_op.drop_column('decided_reason')
        batch_op.drop_column('decided_by_pseudonym')
        batch_op.drop_column('decided_by_id')
