"""Library editing in the browser: an editor role, item status, Markdown source, review date, revisions and
search synonym groups

Existing items were imported from the content folder and shown to readers, so they become `published`; their
Markdown (not stored before) is filled in from the folder by the next `flask seed` or `flask content import`
for every item still as the folder has it. On SQLite the users table is rebuilt to change its CHECK constraint, keeping
AUTOINCREMENT (migrations/env.py turns foreign keys off for the rebuild).

Revision ID: a7d3e5f1c2b9
Revises: a7c3f9e1d2b4
Create Date: 2026-11-27 21:20:00.000000

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = 'a7d3e5f1c2b9'
down_revision = 'a7c3f9e1d2b4'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('member', 'moderator', 'admin')"
NEW_ROLES = "role IN ('member', 'moderator', 'editor', 'admin')"


def set_roles(condition: str) -> None:
    """Replace the users' role CHECK constraint."""
    name = op.f('ck_users_role_known')
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table(
            'users', recreate='always', table_kwargs={'sqlite_autoincrement': True}
        ) as batch_op:
            batch_op.drop_constraint(name, type_='check')
            batch_op.create_check_constraint(name, condition)
    else:
        op.drop_constraint(name, 'users', type_='check')
        op.create_check_constraint(name, 'users', condition)


def upgrade():
    set_roles(NEW_ROLES)
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_markdown', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('status', sa.String(length=12), server_default='published', nullable=False))
        batch_op.add_column(sa.Column('review_by', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('transcript_markdown', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0', nullable=False))
        batch_op.create_index(batch_op.f('ix_library_items_status'), ['status'], unique=False)
        batch_op.create_check_constraint(
            batch_op.f('ck_library_items_status_known'), "status IN ('draft', 'published', 'unpublished')"
        )
    op.create_table(
        'library_revisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('source', sa.String(length=10), nullable=False),
        sa.Column('created_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('changed_fields', sa.JSON(), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['author_id'], ['users.id'], name=op.f('fk_library_revisions_author_id_users'), ondelete='SET NULL'
        ),
        sa.ForeignKeyConstraint(
            ['item_id'], ['library_items.id'], name=op.f('fk_library_revisions_item_id_library_items'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_revisions')),
        sa.UniqueConstraint('item_id', 'number', name=op.f('uq_library_revisions_item_id')),
    )
    op.create_index(op.f('ix_library_revisions_item_id'), 'library_revisions', ['item_id'], unique=False)
    op.create_table(
        'library_synonym_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('terms', sa.JSON(), nullable=False),
        sa.Column('updated_at', core.database.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_synonym_groups')),
    )


def downgrade():
    op.drop_table('library_synonym_groups')
    op.drop_index(op.f('ix_library_revisions_item_id'), table_name='library_revisions')
    op.drop_table('library_revisions')
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_library_items_status_known'), type_='check')
        batch_op.drop_index(batch_op.f('ix_library_items_status'))
        batch_op.drop_column('revision')
        batch_op.drop_column('transcript_markdown')
        batch_op.drop_column('review_by')
        batch_op.drop_column('status')
        batch_op.drop_column('body_markdown')
    op.execute("UPDATE users SET role = 'member' WHERE role = 'editor'")
    set_roles(OLD_ROLES)
