"""Search: moderator-edited posts indexed again (earlier versions kept the words a moderator removed)

Revision ID: b41d7e2c9a10
Revises: f0ca541771bd
Create Date: 2026-12-02 09:00:00

"""
import sqlalchemy as sa
from alembic import op

from core.textsearch import stemmed_text


# revision identifiers, used by Alembic.
revision = 'b41d7e2c9a10'
down_revision = 'f0ca541771bd'
branch_labels = None
depends_on = None


def upgrade():
    """Only SQLite keeps a copy of the text (FTS5); PostgreSQL indexes the columns themselves."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    edited = bind.execute(
        sa.text(
            "SELECT p.id, p.body_source, CASE WHEN t.first_post_id = p.id THEN t.title ELSE '' END "
            "FROM posts p JOIN threads t ON t.id = p.thread_id "
            "WHERE p.moderator_note IS NOT NULL AND p.deleted_at IS NULL"
        )
    ).all()
    for post_id, body, title in edited:
        bind.execute(sa.text("DELETE FROM forum_search WHERE rowid = :id"), {"id": post_id})
        bind.execute(
            sa.text("INSERT INTO forum_search (rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": post_id, "title": stemmed_text(title), "body": stemmed_text(body)},
        )


def downgrade():
    """Nothing to undo: the index now matches the posts."""
