"""Library revisions: every save keeps a full snapshot of the editable fields, who saved it and what changed;
two revisions can be compared field by field, and an earlier one restored as a new revision."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import select

from accounts.models import User
from content.models import LibraryItem, LibraryRevision
from core.database import utcnow
from core.exceptions import NotFound
from core.extensions import db

# What a revision keeps, in the order a diff shows it. Media belong to lib-film's page and are not versioned.
FIELDS = (
    "title",
    "summary",
    "topic",
    "tags",
    "body",
    "sources",
    "forum_category",
    "chat_room",
    "reviewed_on",
    "review_by",
    "status",
)
# A restore brings back the text; whether the item is shown stays a separate, deliberate step.
RESTORED_FIELDS = tuple(name for name in FIELDS if name != "status")
SOURCES = ("browser", "api", "import", "restore")


def snapshot(item: LibraryItem) -> dict:
    """The editable fields of an item as JSON-ready values."""
    return {
        "title": item.title,
        "summary": item.summary,
        "topic": item.topic,
        "tags": list(item.tags or []),
        "body": item.body_markdown or "",
        "sources": [dict(source) for source in item.sources or []],
        "forum_category": item.forum_category,
        "chat_room": item.chat_room,
        "reviewed_on": item.reviewed_on.isoformat() if item.reviewed_on else None,
        "review_by": item.review_by.isoformat() if item.review_by else None,
        "status": item.status,
    }


def changed_fields(before: dict | None, after: dict) -> list[str]:
    """The fields whose value differs (all of them for a new item)."""
    if before is None:
        return list(FIELDS)
    return [name for name in FIELDS if before.get(name) != after.get(name)]


def record(
    item: LibraryItem, before: dict | None, author_id: int | None, source: str
) -> LibraryRevision | None:
    """Keep the item's current state as its next revision, unless nothing changed since `before`."""
    after = snapshot(item)
    changed = changed_fields(before, after)
    if not changed and item.revision > 0:
        return None
    item.revision += 1
    revision = LibraryRevision(
        item_id=item.id,
        number=item.revision,
        author_id=author_id,
        source=source,
        created_at=utcnow(),
        changed_fields=changed,
        snapshot=after,
    )
    db.session.add(revision)
    return revision


def history(item: LibraryItem) -> list[LibraryRevision]:
    """The item's revisions, newest first."""
    return list(
        db.session.scalars(
            select(LibraryRevision)
            .where(LibraryRevision.item_id == item.id)
            .order_by(LibraryRevision.number.desc())
        )
    )


def get_revision(item: LibraryItem, number: object) -> LibraryRevision:
    """One revision of the item by its number, or NotFound."""
    try:
        wanted = int(str(number))
    except ValueError:
        raise NotFound() from None
    revision = db.session.scalar(
        select(LibraryRevision).where(LibraryRevision.item_id == item.id, LibraryRevision.number == wanted)
    )
    if revision is None:
        raise NotFound()
    return revision


def author_names(found: list[LibraryRevision]) -> dict[int, str]:
    """The current pseudonym of each revision's author (editors are pseudonymous like everyone)."""
    ids = {revision.author_id for revision in found if revision.author_id}
    if not ids:
        return {}
    users = db.session.scalars(select(User).where(User.id.in_(ids)))
    return {user.id: user.pseudonym.name if user.pseudonym else "–" for user in users}


@dataclass
class FieldDiff:
    """How one field differs: unified diff lines, each with its kind (added, removed, context, header)."""
    field: str
    lines: list[tuple[str, str]]

    def text(self) -> str:
        """The diff as plain unified-diff text."""
        return "\n".join(line for _kind, line in self.lines)


def as_lines(name: str, value) -> list[str]:
    """A field's value as lines to compare: the body line by line, sources one per line."""
    if value is None:
        return []
    if name == "body":
        return str(value).splitlines()
    if name == "tags":
        return [", ".join(value)]
    if name == "sources":
        return [" | ".join(str(source.get(key, "")) for key in ("title", "url", "read")) for source in value]
    return [str(value)]


def diff(before: dict, after: dict) -> list[FieldDiff]:
    """Field-by-field differences between two snapshots (only the fields that differ)."""
    found = []
    for name in FIELDS:
        if before.get(name) == after.get(name):
            continue
        lines = []
        for line in difflib.unified_diff(
            as_lines(name, before.get(name)), as_lines(name, after.get(name)), lineterm="", n=2
        ):
            if line.startswith(("---", "+++")):
                continue
            kinds = {"+": "added", "-": "removed", "@": "header"}
            kind = kinds.get(line[:1], "context")
            lines.append((kind, line))
        found.append(FieldDiff(name, lines))
    return found


def diff_json(found: list[FieldDiff]) -> list[dict]:
    """Differences for the API: per field, its unified diff as text."""
    return [{"field": item.field, "diff": item.text()} for item in found]
