"""Library search over title, summary (with tags), body and transcript, Swedish word forms matched, ranked,
each query word widened by its synonym group (content/synonyms.py).

The same engines as the forum: on SQLite an FTS5 table of Snowball stems kept in step by the importer; on
PostgreSQL the `swedish` configuration over a weighted expression index.
"""

from __future__ import annotations

from sqlalchemy import text

from content.synonyms import expansions
from core.database import is_sqlite
from core.extensions import db
from core.textsearch import MAX_QUERY_TERMS, WORD, normalized, query_stems, stemmed_text

# Title over summary and tags over body: a reader typing "demens" wants the article about dementia first.
SQLITE_WEIGHTS = "10.0, 4.0, 1.0"
PG_DOCUMENT = (
    "setweight(to_tsvector('swedish', title), 'A') || "
    "setweight(to_tsvector('swedish', summary || ' ' || tags::text), 'B') || "
    "setweight(to_tsvector('swedish', search_text), 'D')"
)


def index_item(item_id: int, title: str, summary: str, body: str) -> None:
    """Add or replace an item in the SQLite index (PostgreSQL indexes the columns themselves)."""
    if not is_sqlite(db.engine):
        return
    db.session.execute(text("DELETE FROM library_search WHERE rowid = :id"), {"id": item_id})
    db.session.execute(
        text(
            "INSERT INTO library_search (rowid, title, summary, body) VALUES (:id, :title, :summary, :body)"
        ),
        {
            "id": item_id,
            "title": stemmed_text(title),
            "summary": stemmed_text(summary),
            "body": stemmed_text(body),
        },
    )


def unindex_item(item_id: int) -> None:
    """Remove an item from the SQLite index."""
    if is_sqlite(db.engine):
        db.session.execute(text("DELETE FROM library_search WHERE rowid = :id"), {"id": item_id})


def query_alternatives(query: str, groups: list[list[str]]) -> list[list[list[str]]]:
    """The query as stems: every word must match, through any term of its synonym group, and a term of
    several words needs all of them. [[["glomsk"], ["demen"], ["minnessjukdom"]], ...]"""
    needed = []
    for alternatives in expansions(WORD.findall(normalized(query))[:MAX_QUERY_TERMS], groups):
        stemmed = [found for term in alternatives if (found := query_stems(term))]
        if stemmed:
            needed.append(stemmed)
    return needed


def fts_match(needed: list[list[list[str]]]) -> str | None:
    """A safe FTS5 MATCH expression (terms quoted, so no FTS syntax gets through) with prefix matching."""

    def term(stem: str) -> str:
        return '"' + stem.replace('"', "") + '"*'

    parts = []
    for alternatives in needed:
        options = ["(" + " AND ".join(term(stem) for stem in stems) + ")" for stems in alternatives]
        parts.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return " AND ".join(parts) or None


def ts_match(needed: list[list[list[str]]]) -> str | None:
    """The same for PostgreSQL's `to_tsquery('simple', …)` (stems hold only word characters)."""
    parts = []
    for alternatives in needed:
        options = ["(" + " & ".join(f"{stem}:*" for stem in stems) + ")" for stems in alternatives]
        parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts) or None


def matching_item_ids(
    query: str,
    limit: int,
    topic: str | None = None,
    kind: str | None = None,
    status: str | None = "published",
    groups: list[list[str]] | None = None,
) -> list[int]:
    """Ids of items matching the query (each word through its synonyms) and the filters, best first
    (filtered before the limit). Readers search published items; editors pass status=None for all."""
    filters = (
        " AND (CAST(:topic AS TEXT) IS NULL OR topic = :topic)"
        " AND (CAST(:kind AS TEXT) IS NULL OR kind = :kind)"
        " AND (CAST(:status AS TEXT) IS NULL OR status = :status)"
    )
    params = {"topic": topic, "kind": kind, "status": status, "limit": limit}
    needed = query_alternatives(query, groups or [])
    if is_sqlite(db.engine):
        match = fts_match(needed)
        if match is None:
            return []
        # bm25() works only directly in the FTS5 query, so SQLite joins without a subquery.
        rows = db.session.execute(
            text(
                "SELECT library_search.rowid FROM library_search "
                "JOIN library_items ON id = library_search.rowid "
                f"WHERE library_search MATCH :match{filters} "
                f"ORDER BY bm25(library_search, {SQLITE_WEIGHTS}), library_search.rowid LIMIT :limit"
            ),
            {**params, "match": match},
        )
    else:
        tsq = ts_match(needed)
        if tsq is None:
            return []
        rows = db.session.execute(
            text(
                "SELECT id FROM library_items, to_tsquery('simple', :tsq) query "
                f"WHERE {PG_DOCUMENT} @@ query{filters} "
                f"ORDER BY ts_rank({PG_DOCUMENT}, query) DESC, id LIMIT :limit"
            ),
            {**params, "tsq": tsq},
        )
    return [row[0] for row in rows]
