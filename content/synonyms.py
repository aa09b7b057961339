"""Search synonyms: groups of terms a reader may use for the same thing ("glömska", "demens"). A library
search looks for any term of a query word's group. Editors change the groups in the browser; `flask seed` adds
the groups of content/synonyms.tsv that the table lacks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from flask import g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import select

from content.models import LibrarySynonymGroup
from core.database import utcnow
from core.exceptions import DomainError
from core.extensions import db
from core.textsearch import query_stems

TERM = re.compile(r"\w+(?:[ -]\w+)*\Z", re.UNICODE)
MAX_TERM_LENGTH = 60
MAX_TERMS = 12
MAX_GROUPS = 500


class SynonymsInvalid(DomainError):
    """Some groups cannot be saved; `problems` maps a row number (from 0) to what is wrong with it."""
    code = "invalid"
    status = 400

    def __init__(self, problems: dict[int, str]) -> None:
        first = min(problems)
        super().__init__(field=f"groups[{first}]")
        self.problems = problems


def normalized_term(term: str) -> str:
    """A term as stored and compared: NFC, lower-case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", term).lower().split())


def parse_line(line: str) -> list[str]:
    """The terms of one line (comma-separated; `#` starts a comment), in order and without repeats."""
    text = line.split("#", 1)[0]
    return list(dict.fromkeys(term for term in (normalized_term(part) for part in text.split(",")) if term))


def parse_text(text: str) -> list[list[str]]:
    """The groups of a synonyms file: one group a line; blank lines, comments and one-term lines skipped."""
    return [terms for terms in (parse_line(line) for line in text.splitlines()) if len(terms) > 1]


def term_problem(term: str) -> str | None:
    """Why a term cannot be searched for, or None."""
    if len(term) > MAX_TERM_LENGTH:
        return _("“%(term)s” is longer than %(limit)s characters.", term=term[:20], limit=MAX_TERM_LENGTH)
    if not TERM.match(term):
        return _("“%(term)s” may hold only letters, digits, spaces and hyphens.", term=term)
    return None


def check_groups(rows: list[str]) -> list[list[str]]:
    """Rows as typed in the editor's table → groups; an empty row is dropped, a bad one is a field error."""
    problems: dict[int, str] = {}
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows):
        terms = list(dict.fromkeys(t for t in (normalized_term(part) for part in row.split(",")) if t))
        if not terms:
            continue
        problem = next((found for term in terms if (found := term_problem(term))), None)
        if problem is None and len(terms) < 2:
            problem = _("A group needs at least two terms, separated by commas.")
        if problem is None and len(terms) > MAX_TERMS:
            problem = _("A group may hold at most %(limit)s terms.", limit=MAX_TERMS)
        if problem is None:
            twice = next((term for term in terms if term in seen), None)
            if twice is not None:
                problem = _("“%(term)s” is already in row %(row)s; a term may be in one group only.",
                            term=twice, row=seen[twice] + 1)
        if problem:
            problems[number] = problem
            continue
        seen.update({term: number for term in terms})
        groups.append(terms)
    if len(groups) > MAX_GROUPS:
        problems[len(rows) - 1] = _("At most %(limit)s groups.", limit=MAX_GROUPS)
    if problems:
        raise SynonymsInvalid(problems)
    return groups


def stored_groups() -> list[LibrarySynonymGroup]:
    """Every group, in the order they were added."""
    return list(db.session.scalars(select(LibrarySynonymGroup).order_by(LibrarySynonymGroup.id)))


def groups() -> list[list[str]]:
    """Every group's terms; read once per request, since a search page may search twice."""
    if has_request_context() and "library_synonyms" in g:
        return g.library_synonyms
    found = [list(group.terms) for group in stored_groups()]
    if has_request_context():
        g.library_synonyms = found
    return found


def replace_groups(rows: list[str]) -> list[list[str]]:
    """Save the editors' table: the checked groups replace the stored ones, in one transaction."""
    checked = check_groups(rows)
    for group in stored_groups():
        db.session.delete(group)
    now = utcnow()
    for terms in checked:
        db.session.add(LibrarySynonymGroup(terms=terms, updated_at=now))
    db.session.commit()
    if has_request_context():
        g.pop("library_synonyms", None)
    return checked


def seed_from_file(path: Path) -> list[str]:
    """Add the file's groups none of whose terms the table has yet, so the editors' changes stand: a group
    they edited keeps other terms of it, and only a group they deleted whole comes back."""
    if not path.is_file():
        return []
    known = {term for group in stored_groups() for term in group.terms}
    added = []
    for terms in parse_text(path.read_text(encoding="utf-8")):
        if any(term in known for term in terms) or any(term_problem(term) for term in terms):
            continue
        db.session.add(LibrarySynonymGroup(terms=terms[:MAX_TERMS], updated_at=utcnow()))
        known.update(terms)
        added.append(f"library: synonyms {', '.join(terms)}")
    db.session.commit()
    return added


def term_key(term: str) -> tuple[str, ...]:
    """What makes two spellings the same term: their search stems ("demensen" and "demens" match)."""
    return tuple(query_stems(term))


def expansions(words: list[str], all_groups: list[list[str]]) -> list[list[str]]:
    """For each query word, the terms to look for: its group's terms (the word first), or the word alone.
    A word belongs to a group when its stems equal a term's, so every form of a term finds the group."""
    index = {term_key(term): group for group in all_groups for term in group}
    expanded = []
    for word in words:
        group = index.get(term_key(word)) or []
        others = [term for term in group if term_key(term) != term_key(word)]
        expanded.append([word, *others])
    return expanded
