"""Staff notes: the pseudonym a note is about and its writer's pseudonym then

Revision ID: e2bbbc328488
Revises: 8d99fe0d22c7
Create Date: 2026-11-27 18:34:00.462041

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'e2bbbc328488'
down_revision = '8d99fe0d22c7'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('staff_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pseudonym_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('author_pseudonym', sa.String(length=60), nullable=True))
        batch_op.create_index(batch_op.f('ix_staff_notes_pseudonym_id'), ['pseudonym_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_staff_notes_pseudonym_id_pseudonyms'), 'pseudonyms', ['pseudonym_id'], ['id'])
    # Earlier notes did not record which name they were about, nor their writer's name then: the current
    # pseudonyms are the best that is known, and each earlier note is filed under one name only.
    op.execute(
        "UPDATE staff_notes SET pseudonym_id = (SELECT p.id FROM pseudonyms p "
        "WHERE p.user_id = staff_notes.user_id AND p.retired_at IS NULL)"
    )
    op.execute(
        "UPDATE staff_notes SET author_pseudonym = (SELECT p.name FROM pseudonyms p "
        "WHERE p.user_id = staff_notes.author_id AND p.retired_at IS NULL) WHERE author_id IS NOT NULL"
    )


def downgrade():
    with op.batch_alter_table('staff_notes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_staff_notes_pseudonym_id_pseudonyms'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_staff_notes_pseudonym_id'))
        batch_op.drop_column('author_pseudonym')
        batch_op.drop_column('pseudonym_id')
