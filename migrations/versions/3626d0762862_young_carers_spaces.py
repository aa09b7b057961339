"""Young carers' spaces: young_until on users, age bands on categories and rooms, staff marks on posts and
chat messages, and the new `grooming` reason second in the moderation queue's urgency order

Revision ID: 3626d0762862
Revises: e2bbbc328488
Create Date: 2026-11-27 18:39:36.167192

"""
from alembic import op
import sqlalchemy as sa

import core.database  # noqa: F401  (custom column types)


# revision identifiers, used by Alembic.
revision = '3626d0762862'
down_revision = 'e2bbbc328488'
branch_labels = None
depends_on = None

# The seeded young carers' category and room (forum/seed.py, chat/seed.py) get the 16–25 band.
YOUNG_SLUG = 'unga-anhoriga'


# Plain ALTER TABLE ADD/DROP COLUMN on every backend, never batch mode's copy-and-swap: on SQLite that recreates
# the table, and with foreign keys on, dropping the old posts and chat_messages tables would cascade to their
# flags, review items, revisions, reactions and notifications. Hence also the string server default "0" (a
# SQL expression such as sa.false() makes Alembic recreate the table); PostgreSQL reads '0' as false. Dropping
# a column needs SQLite 3.35 or later.


def upgrade():
    for table in ('categories', 'chat_rooms'):
        op.add_column(table, sa.Column('age_min', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('age_max', sa.Integer(), nullable=True))
    for table in ('posts', 'chat_messages'):
        op.add_column(table, sa.Column('by_staff', sa.Boolean(), server_default='0', nullable=False))
    op.add_column('users', sa.Column('young_until', sa.Date(), nullable=True))
    op.add_column('users', sa.Column('young_checked_at', core.database.UTCDateTime(), nullable=True))

    for table in ('categories', 'chat_rooms'):
        op.execute(
            sa.text(f"UPDATE {table} SET age_min = 16, age_max = 25 WHERE slug = :slug").bindparams(
                slug=YOUNG_SLUG
            )
        )
    # review_items.urgency is an index into moderation.models.URGENCY; `grooming` now comes second, after
    # `crisis`, so every later reason moves down one place.
    op.execute("UPDATE review_items SET urgency = urgency + 1 WHERE urgency >= 1")


def downgrade():
    # Grooming flags and items fall back to `other` (index 4 in the old order) before the rest move back up.
    op.execute("UPDATE flags SET reason = 'other' WHERE reason = 'grooming'")
    op.execute("UPDATE review_items SET urgency = 5 WHERE urgency = 1")
    op.execute("UPDATE review_items SET urgency = urgency - 1 WHERE urgency >= 2")

    op.drop_column('users', 'young_checked_at')
    op.drop_column('users', 'young_until')
    for table in ('posts', 'chat_messages'):
        op.drop_column(table, 'by_staff')
    for table in ('categories', 'chat_rooms'):
        op.drop_column(table, 'age_max')
        op.drop_column(table, 'age_min')
