"""Full-text search over threads and posts, Swedish word forms matched.

SQLite: an FTS5 table holding Snowball-stemmed text, kept in step by every service that changes a text or
a title (writing, editing, a moderator's edit or new title, deleting, erasing an account). PostgreSQL: the
built-in `swedish` text-search configuration (the same Snowball stemmer) over expression indexes, which
follow the columns by themselves. Visibility is always applied when reading: hidden, held and deleted text
and hidden threads are never found, whatever the index holds (a hidden post keeps its row for a restore).
"""

from __future__ import annotations

from sqlalchemy import text

from core.database import is_sqlite
from core.extensions import db
from core.textsearch import fts_query, stemmed_text, ts_query


def index_post(post_id: int, title: str, body: str) -> None:
    """Add or replace a post in the SQLite index (PostgreSQL indexes the columns themselves)."""
    if not is_sqlite(db.engine):
        return
    db.session.execute(text("DELETE FROM forum_search WHERE rowid = :id"), {"id": post_id})
    db.session.execute(
        text("INSERT INTO forum_search (rowid, title, body) VALUES (:id, :title, :body)"),
        {"id": post_id, "title": stemmed_text(title), "body": stemmed_text(body)},
    )


def unindex_post(post_id: int) -> None:
    """Remove a post from the SQLite index."""
    if is_sqlite(db.engine):
        db.session.execute(text("DELETE FROM forum_search WHERE rowid = :id"), {"id": post_id})


def drop_stale_rows() -> int:
    """Forget SQLite index rows of posts whose text is gone (deleted, or the post itself); returns how many.

    Every service keeps the index in step within its own transaction; this hourly sweep (core/retention.py)
    clears whatever an earlier version or a hand edit left behind. PostgreSQL keeps no copy to go stale."""
    if not is_sqlite(db.engine):
        return 0
    dropped = db.session.execute(
        text(
            "DELETE FROM forum_search WHERE rowid IN (SELECT id FROM posts WHERE deleted_at IS NOT NULL) "
            "OR rowid NOT IN (SELECT id FROM posts)"
        )
    ).rowcount
    db.session.commit()
    return dropped


def matching_post_ids(
    query: str, limit: int, offset: int, include_age_banded: bool = True
) -> tuple[list[int], int]:
    """Ids of visible posts matching the query, best first, and how many there are in all; without posts in
    age-banded categories for a member outside their band."""
    visible = "p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.hidden_at IS NULL"
    if not include_age_banded:
        visible += " AND t.category_id NOT IN (SELECT id FROM categories WHERE age_max IS NOT NULL)"
    if is_sqlite(db.engine):
        match = fts_query(query)
        if match is None:
            return [], 0
        # bm25() works only directly in the FTS5 query, so SQLite joins without a subquery.
        base = (
            "FROM forum_search s JOIN posts p ON p.id = s.rowid JOIN threads t ON t.id = p.thread_id "
            f"WHERE forum_search MATCH :match AND {visible}"
        )
        params: dict = {"match": match}
        order = "ORDER BY bm25(forum_search, 3.0, 1.0), p.id DESC"
    else:
        tsq = ts_query(query)
        if tsq is None:
            return [], 0
        # Two index-friendly halves (GIN on posts.body_source and on threads.title), then merged.
        hits = (
            "SELECT p.id AS post_id, -ts_rank(to_tsvector('swedish', p.body_source), q.query) AS score "
            "FROM posts p, (SELECT to_tsquery('simple', :tsq) AS query) q "
            "WHERE to_tsvector('swedish', p.body_source) @@ q.query "
            "UNION ALL "
            "SELECT t.first_post_id, -1 - ts_rank(to_tsvector('swedish', t.title), q.query) "
            "FROM threads t, (SELECT to_tsquery('simple', :tsq) AS query) q "
            "WHERE to_tsvector('swedish', t.title) @@ q.query AND t.first_post_id IS NOT NULL"
        )
        base = (
            f"FROM ({hits}) h JOIN posts p ON p.id = h.post_id JOIN threads t ON t.id = p.thread_id "
            f"WHERE {visible} GROUP BY p.id"
        )
        params = {"tsq": tsq}
        order = "ORDER BY min(h.score), p.id DESC"
    total = db.session.execute(
        text(f"SELECT count(*) FROM (SELECT p.id {base}) counted"), params
    ).scalar_one()
    rows = db.session.execute(
        text(f"SELECT p.id {base} {order} LIMIT :limit OFFSET :offset"),
        {**params, "limit": limit, "offset": offset},
    )
    return [row[0] for row in rows], total
