"""Category follows: a member is told of each new thread in a category they follow

Revision ID: c5f1a8d3e7b6
Revises: b7d3e9f1a2c4
Create Date: 2026-11-27 22:40:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'c5f1a8d3e7b6'
down_revision = "b7d3e9f1a2c4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'category_follows',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('category_id', sa.Integer(), nullable=False),
        sa.Column('created_at', core.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['category_id'], ['categories.id'], name=op.f('fk_category_follows_category_id_categories'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_category_follows_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', 'category_id', name=op.f('pk_category_follows')),
    )
    with op.batch_alter_table('category_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_category_follows_category_id'), ['category_id'], unique=False)


def downgrade():
    with op.batch_alter_table('category_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_category_follows_category_id'))
    op.drop_table('category_follows')
