"""Quick exit: a member may choose to stay signed in when leaving quickly

Revision ID: b7d3e5f1a902
Revises: a7d3e5f1c2b9
Create Date: 2026-11-27 21:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d3e5f1a902'
down_revision = "a7d3e5f1c2b9"
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN with the string default "0", never batch mode: on SQLite batch mode recreates the
# users table, and with foreign keys on that would cascade to everything members own (see 3626d0762862).


def upgrade():
    op.add_column('users', sa.Column('stay_signed_in_on_exit', sa.Boolean(), server_default='0', nullable=False))


def downgrade():
    op.drop_column('users', 'stay_signed_in_on_exit')
