"""Flags: the reporter's pseudonym at the time, and whether the flag counts toward auto-hide

Revision ID: 8d99fe0d22c7
Revises: b41d7e2c9a10
Create Date: 2026-11-27 18:28:43.972662

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = '8d99fe0d22c7'
down_revision = 'b41d7e2c9a10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reporter_pseudonym_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('counts', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.create_foreign_key(batch_op.f('fk_flags_reporter_pseudonym_id_pseudonyms'), 'pseudonyms', ['reporter_pseudonym_id'], ['id'], ondelete='SET NULL')
    # Earlier flags: the reporter's current pseudonym is the best that is known. They keep counting, as they
    # did when they were made.
    op.execute(
        "UPDATE flags SET reporter_pseudonym_id = (SELECT p.id FROM pseudonyms p "
        "WHERE p.user_id = flags.reporter_id AND p.retired_at IS NULL) WHERE reporter_id IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_flags_reporter_pseudonym_id_pseudonyms'), type_='foreignkey')
        batch_op.drop_column('counts')
        batch_op.drop_column('reporter_pseudonym_id')
