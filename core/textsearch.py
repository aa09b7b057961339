"""Swedish full-text search terms shared by the forum and the library: one stemmer, one stopword list, and
safe query strings for SQLite FTS5 and PostgreSQL's `swedish` configuration. Pure: no Flask.

The index holds Snowball stems without stopwords (as PostgreSQL's `swedish` configuration does). A query
word is stemmed twice and matched as a prefix: the stemmer treats a word's forms unevenly ("kaffekalas" stems
to "kaffekal", "kaffekalaset" to "kaffekalas"), and stemming the stem again brings both to a common start.
Prefix matching also finds Swedish compounds ("demens" in "demenssjukdom").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_TERMS = 12
# Snowball's Swedish stopword list, the same file PostgreSQL ships as swedish.stop.
STOPWORDS_FILE = Path(__file__).with_name("data") / "swedish_stopwords.txt"


@lru_cache(maxsize=1)
def swedish_stemmer():
    """Snowball's Swedish stemmer (PostgreSQL's `swedish` configuration uses the same algorithm)."""
    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words too common to search for ("och", "att", "dem")."""
    return frozenset(STOPWORDS_FILE.read_text(encoding="utf-8").split())


def normalized(content: str) -> str:
    """Composed characters (NFC), so "ö" typed as "o" plus a combining mark is one word character."""
    return unicodedata.normalize("NFC", content)


def stem(word: str) -> str | None:
    """One word's stem, or None for a stopword. Lower-cased as PostgreSQL does (not casefolded: "ß" stays)."""
    folded = word.lower()
    if folded in stopwords():
        return None
    return swedish_stemmer().stemWord(folded)


def stems(content: str) -> list[str]:
    """The stems of a text's words, stopwords left out."""
    return [found for word in WORD.findall(normalized(content)) if (found := stem(word))]


def stemmed_text(content: str) -> str:
    """What a SQLite index stores for a text."""
    return " ".join(stems(content))


def query_stems(query: str) -> list[str]:
    """The distinct, twice-stemmed words of a query, at most MAX_QUERY_TERMS."""
    twice = (swedish_stemmer().stemWord(once) for once in stems(query))
    return list(dict.fromkeys(twice))[:MAX_QUERY_TERMS]


def fts_query(query: str) -> str | None:
    """A safe FTS5 MATCH expression: every term must begin a word (quoted, so no FTS syntax gets through)."""
    terms = query_stems(query)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', "") + '"*' for term in terms)


def ts_query(query: str) -> str | None:
    """A safe PostgreSQL query for `to_tsquery('simple', …)`: the twice-stemmed terms as prefixes, as in
    fts_query. 'simple' because the terms are stems already: the `swedish` configuration would stem them
    again and drop those that happen to be stopwords ("demens" stems to "dem", a stopword). Terms hold only
    word characters."""
    terms = query_stems(query)
    return " & ".join(f"{term}:*" for term in terms) if terms else None


def word_matches(word: str, terms: list[str]) -> bool:
    """Whether a word of a text is one a query with these terms (from query_stems) finds."""
    lowered = normalized(word).lower()
    # A stem begins its word, so a word that does not begin with a term cannot match: no stemming needed.
    if not any(lowered.startswith(term) for term in terms):
        return False
    found = stem(lowered)
    return found is not None and any(found.startswith(term) for term in terms)
