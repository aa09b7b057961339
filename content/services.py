"""Library rules: importing the content folder in one transaction, and finding items to show."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import load_only

from chat.models import Room
from content import chunks, search
from content.models import LibraryItem, LibraryMedia
from content.parsing import ItemSource, read_library
from content.rendering import plain_text, render_article
from content.topics import TOPICS, TOPICS_BY_SLUG
from core.database import utcnow
from core.exceptions import InvalidInput, NotFound
from core.extensions import db
from forum.models import Category

# Bump when rendering changes, so the next import re-renders every item although no file changed.
RENDERING_VERSION = "1"
KINDS = ("article", "film")
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 100
# What /library/<slug>/files/<name> serves: not uploads still arriving, not a written transcript's source.
SERVED_ROLES = ("video", "poster", "captions")


@dataclass
class ImportReport:
    """What an import added, changed and removed (slugs), and how many items it left as they were."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        """One line per change, for the command line and `flask seed`."""
        return (
            [f"library: added {slug}" for slug in self.added]
            + [f"library: changed {slug}" for slug in self.changed]
            + [f"library: removed {slug}" for slug in self.removed]
        )


def stored_fingerprint(source: ItemSource) -> str:
    """The files' fingerprint together with the rendering version."""
    return hashlib.sha256(f"{RENDERING_VERSION}:{source.fingerprint}".encode()).hexdigest()


def import_library(directory: Path, dry_run: bool = False) -> ImportReport:
    """Make the library match the folder: add new items, update changed ones, remove those gone.

    Everything is read and checked before anything is written, and written in one transaction, so a
    malformed folder (LibraryFormatError) or a failure halfway leaves the library as it was.
    """
    sources = read_library(directory, today=utcnow().date())
    existing = {item.slug: item for item in db.session.scalars(select(LibraryItem))}
    report = ImportReport()
    for source in sources:
        item = existing.get(source.slug)
        if item is None:
            report.added.append(source.slug)
        elif item.fingerprint != stored_fingerprint(source):
            report.changed.append(source.slug)
        else:
            report.unchanged += 1
    wanted = {source.slug for source in sources}
    report.removed = sorted(slug for slug in existing if slug not in wanted)
    if dry_run:
        return report

    for source in sources:
        if source.slug in report.added or source.slug in report.changed:
            store_item(existing.get(source.slug), source)
    for slug in report.removed:
        search.unindex_item(existing[slug].id)
        db.session.delete(existing[slug])
    db.session.commit()
    return report


def store_item(item: LibraryItem | None, source: ItemSource) -> LibraryItem:
    """Create or update one item, its media and its search entry."""
    now = utcnow()
    if item is None:
        item = LibraryItem(slug=source.slug, created_at=now)
        db.session.add(item)
    body_text = plain_text(source.body)
    transcript_text = plain_text(source.transcript) if source.transcript else ""
    item.kind = source.kind
    item.title = source.title
    item.summary = source.summary
    item.topic = source.topic
    item.tags = source.tags
    item.sources = source.sources
    item.reviewed_on = source.reviewed_on
    item.body_html = render_article(source.body) if source.body else ""
    item.transcript_html = render_article(source.transcript) if source.transcript else None
    item.search_text = f"{body_text}\n{transcript_text}".strip()
    item.forum_category = source.forum
    item.chat_room = source.chat
    item.duration_seconds = source.duration_seconds
    item.fingerprint = stored_fingerprint(source)
    item.updated_at = now
    store_media(item, source, now)
    db.session.flush()
    search.index_item(item.id, item.title, " ".join([item.summary, *item.tags]), item.search_text)
    return item


def store_media(item: LibraryItem, source: ItemSource, now) -> None:
    """Replace only the files whose bytes changed, so unchanged files keep their ETag and Last-Modified."""
    current = {media.name: media for media in item.media}
    for file in source.media:
        media = current.pop(file.name, None)
        if media is not None and media.sha256 == file.sha256:
            continue
        if media is None:
            media = LibraryMedia(name=file.name)
            item.media.append(media)
        media.role, media.language, media.mime = file.role, file.language, file.mime
        media.size, media.sha256 = len(file.data), file.sha256
        media.updated_at = now
        db.session.flush()
        # Same transaction as the rows: a failed import leaves neither rows nor chunks behind.
        chunks.write_bytes(db.session.connection(), media.id, file.data)
    for media in current.values():
        item.media.remove(media)


def check_filters(topic: str | None, kind: str | None) -> None:
    """Unknown filters are an error the reader can act on, not an empty list that looks like no content."""
    if topic and topic not in TOPICS_BY_SLUG:
        raise InvalidInput("invalid_filter.topic", field="topic")
    if kind and kind not in KINDS:
        raise InvalidInput("invalid_filter.kind", field="kind")


LISTING_COLUMNS = (
    LibraryItem.id,
    LibraryItem.slug,
    LibraryItem.kind,
    LibraryItem.title,
    LibraryItem.summary,
    LibraryItem.topic,
    LibraryItem.reviewed_on,
    LibraryItem.duration_seconds,
)


def find_items(query: str = "", topic: str | None = None, kind: str | None = None) -> list[LibraryItem]:
    """Items matching the filters; with a query, best match first, otherwise by topic and title."""
    check_filters(topic, kind)
    statement = select(LibraryItem).options(load_only(*LISTING_COLUMNS))
    if topic:
        statement = statement.where(LibraryItem.topic == topic)
    if kind:
        statement = statement.where(LibraryItem.kind == kind)
    query = query.strip()[:MAX_QUERY_LENGTH]
    if query:
        ids = search.matching_item_ids(query, MAX_RESULTS, topic, kind)
        if not ids:
            return []
        found = {item.id: item for item in db.session.scalars(statement.where(LibraryItem.id.in_(ids)))}
        return [found[item_id] for item_id in ids if item_id in found]
    order = {topic.slug: position for position, topic in enumerate(TOPICS)}
    items = list(db.session.scalars(statement))
    return sorted(items, key=lambda item: (order.get(item.topic, len(order)), item.title.casefold()))


def topic_counts() -> dict[str, int]:
    """How many items each topic has, for the topic list."""
    rows = db.session.execute(select(LibraryItem.topic, db.func.count()).group_by(LibraryItem.topic))
    return {topic: count for topic, count in rows}


def get_item(slug: str) -> LibraryItem:
    """One item with its media descriptions (not their bytes), or NotFound."""
    item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == slug))
    if item is None:
        raise NotFound()
    return item


def get_media(slug: str, name: str) -> LibraryMedia:
    """One media file's description (its bytes stay in the database until read), or NotFound."""
    media = db.session.scalar(
        select(LibraryMedia)
        .join(LibraryItem)
        .where(
            LibraryItem.slug == slug,
            LibraryMedia.name == name,
            LibraryMedia.role.in_(SERVED_ROLES),
            LibraryMedia.staged_at.is_(None),
        )
    )
    if media is None:
        raise NotFound()
    return media


def related_places(item: LibraryItem):
    """The forum category and chat room the item points to, where they exist and are open."""
    category = db.session.scalar(select(Category).where(Category.slug == item.forum_category))
    room = db.session.scalar(select(Room).where(Room.slug == item.chat_room))
    if room is not None and room.closed:
        room = None
    return category, room
