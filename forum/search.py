"""Full-text search over threads and posts, Swedish word forms matched.

SQLite: an FTS5 table holding Snowball-stemmed text, kept in step by the services. PostgreSQL: the built-in
`swedish` text-search configuration (the same Snowball stemmer) over expression indexes. Visibility is
always applied when reading, so hidden or deleted text never shows even if the index lags.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from sqlalchemy import text

from core.database import is_sqlite
from core.extensions import db

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 12


@lru_cache(maxsize=1)
def swedish_stemmer():
    """Snowball's Swedish stemmer (PostgreSQL's `swedish` configuration uses the same algorithm)."""
    return snowballstemmer.stemmer("swedish")


def stems(content: str) -> list[str]:
    """Lower-cased word stems of a text."""
    words = [word.casefold() for word in WORD.findall(content)]
    return swedish_stemmer().stemWords(words)


def stemmed_text(content: str) -> str:
    """What the SQLite index stores for a text."""
    return " ".join(stems(content))


def query_stems(query: str) -> list[str]:
    """The distinct stems of a query, at most MAX_QUERY_TERMS."""
    return list(dict.fromkeys(stems(query)))[:MAX_QUERY_TERMS]


def fts_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: every stem must begin a word (quoted, so no FTS syntax gets through).

    Prefix matching makes up for the stemmer's blind spots ("demens" stems to "dem", "demensen" to
    "demens") and finds Swedish compounds ("demens" in "demenssjukdom").
    """
    terms = query_stems(query)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', "") + '"*' for term in terms)


def ts_query(query: str) -> str | None:
    """The PostgreSQL equivalent: `stem:* & stem:*` (stems hold only word characters, so it is safe)."""
    terms = query_stems(query)
    return " & ".join(f"{term}:*" for term in terms) if terms else None


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


def matching_post_ids(query: str, limit: int, offset: int) -> tuple[list[int], int]:
    """Ids of visible posts matching the query, best first, and how many there are in all."""
    visible = "p.deleted_at IS NULL AND p.hidden_at IS NULL AND t.hidden_at IS NULL"
    if is_sqlite(db.engine):
        match = fts_query(query)
        if match is None:
            return [], 0
        base = (
            "FROM forum_search s JOIN posts p ON p.id = s.rowid JOIN threads t ON t.id = p.thread_id "
            f"WHERE forum_search MATCH :match AND {visible}"
        )
        params = {"match": match}
        order = "ORDER BY bm25(forum_search, 3.0, 1.0), p.id DESC"
    else:
        tsq = ts_query(query)
        if tsq is None:
            return [], 0
        tsquery = "to_tsquery('simple', :tsq)"
        title_hit = f"(p.id = t.first_post_id AND to_tsvector('swedish', t.title) @@ {tsquery})"
        base = (
            "FROM posts p JOIN threads t ON t.id = p.thread_id "
            f"WHERE (to_tsvector('swedish', p.body_source) @@ {tsquery} OR {title_hit}) AND {visible}"
        )
        params = {"tsq": tsq}
        order = (
            f"ORDER BY ts_rank(to_tsvector('swedish', p.body_source), {tsquery}) "
            f"+ CASE WHEN {title_hit} THEN 1 ELSE 0 END DESC, p.id DESC"
        )
    total = db.session.execute(text(f"SELECT count(*) {base}"), params).scalar_one()
    rows = db.session.execute(
        text(f"SELECT p.id {base} {order} LIMIT :limit OFFSET :offset"),
        {**params, "limit": limit, "offset": offset},
    )
    return [row[0] for row in rows], total
