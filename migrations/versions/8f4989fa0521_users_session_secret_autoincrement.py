"""Users: a session secret per account, and ids that are never reused (AUTOINCREMENT on SQLite)

A session cookie named its account by id and session version only. On SQLite an INTEGER PRIMARY KEY without
AUTOINCREMENT gives the newest id again once its account is deleted, so a cookie kept from a deleted account
opened the next new one. From now on SQLite never reuses an id (PostgreSQL's sequence never did), and every
cookie must also carry its account's random session secret. Existing accounts get a secret here; their
sessions, which carry none, end: members sign in again once.

On SQLite the table is rebuilt (copied, dropped, renamed) to get AUTOINCREMENT. migrations/env.py turns
foreign keys off for the migration run, or dropping the old table would delete or unlink every row that
points at an account (ON DELETE CASCADE / SET NULL) and then check them again afterwards.

Revision ID: 8f4989fa0521
Revises: 7a3c1f0e9b21
Create Date: 2026-11-28 09:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

import core.database


# revision identifiers, used by Alembic.
revision = '8f4989fa0521'
down_revision = '7a3c1f0e9b21'
branch_labels = None
depends_on = None


def users_table(metadata: sa.MetaData, with_secret: bool) -> sa.Table:
    """The users table as it stands at this revision (with the secret) or the one before (without)."""
    columns = [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('username', sa.String(length=40), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('recovery_code_hash', sa.String(length=255), nullable=False),
        sa.Column('role', sa.String(length=16), server_default='member', nullable=False),
        sa.Column('session_version', sa.Integer(), server_default='1', nullable=False),
        sa.Column('age_verified_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('created_at', core.database.UTCDateTime(), nullable=False),
        sa.Column('suspended_until', core.database.UTCDateTime(), nullable=True),
        sa.Column('banned', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column('chat_muted_until', core.database.UTCDateTime(), nullable=True),
    ]
    if with_secret:
        columns.append(sa.Column('session_secret', sa.String(length=32), nullable=False))
    return sa.Table(
        'users',
        metadata,
        *columns,
        sa.CheckConstraint("role IN ('member', 'moderator', 'admin')", name='ck_users_role_known'),
        sa.PrimaryKeyConstraint('id', name='pk_users'),
        sa.UniqueConstraint('username', name='uq_users_username'),
        sqlite_autoincrement=with_secret,
    )


def upgrade():
    bind = op.get_bind()
    op.add_column('users', sa.Column('session_secret', sa.String(length=32), nullable=True))
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_secret', sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(
            users.update().where(users.c.id == user_id).values(session_secret=secrets.token_hex(16))
        )
    if bind.dialect.name == 'sqlite':
        # The rebuilt table's sqlite_sequence starts at the largest id copied into it. An account deleted
        # while it was the newest may still have its id given once more; its cookies carry no session secret,
        # so they open nothing.
        with op.batch_alter_table(
            'users', recreate='always', copy_from=users_table(sa.MetaData(), with_secret=True)
        ) as batch_op:
            batch_op.alter_column('session_secret', existing_type=sa.String(length=32), nullable=False)
    else:
        op.alter_column('users', 'session_secret', existing_type=sa.String(length=32), nullable=False)


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table(
            'users', recreate='always', copy_from=users_table(sa.MetaData(), with_secret=False)
        ) as batch_op:
            pass
    else:
        op.drop_column('users', 'session_secret')
