"""Library rules: importing a content folder in one transaction, and finding the items readers may see
(published ones only; the editors' pages use content/editing.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import load_only

from content import chunks, mediacheck, revisions, search, synonyms
from content.models import LibraryItem, LibraryMedia, LibraryRevision
from content.parsing import ItemSource, read_library
from content.rendering import plain_text, plain_text_of_html, render_article
from content.topics import TOPICS, TOPICS_BY_SLUG
from core.database import utcnow
from core.exceptions import InvalidInput, NotFound
from core.extensions import db

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
    # Gone from the folder but written in the browser: an import never deletes an editor's work.
    kept: list[str] = field(default_factory=list)
    # Imported before revisions existed (no Markdown kept) and still as in the folder: given their Markdown
    # and a first revision, so editors can open them.
    prepared: list[str] = field(default_factory=list)
    unchanged: int = 0

    def lines(self) -> list[str]:
        """One line per change, for the command line and `flask seed`."""
        return (
            [f"library: added {slug}" for slug in self.added]
            + [f"library: changed {slug}" for slug in self.changed]
            + [f"library: removed {slug}" for slug in self.removed]
            + [f"library: kept {slug} (edited in the browser; not in the folder)" for slug in self.kept]
            + [f"library: prepared {slug} for editing in the browser" for slug in self.prepared]
        )


def stored_fingerprint(source: ItemSource) -> str:
    """The files' fingerprint together with the rendering version."""
    return hashlib.sha256(f"{RENDERING_VERSION}:{source.fingerprint}".encode()).hexdigest()


def import_library(directory: Path, dry_run: bool = False, only_missing: bool = False) -> ImportReport:
    """Make the library match the folder: add new items, update changed ones (each change a revision, so
    history is kept), remove those gone unless an editor worked on them in the browser.

    `only_missing` (what `flask seed` uses) adds the items the library lacks and touches nothing else.
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
        elif item.fingerprint != stored_fingerprint(source) and not only_missing:
            report.changed.append(source.slug)
        else:
            report.unchanged += 1
            if item.revision == 0 and item.fingerprint == stored_fingerprint(source):
                report.prepared.append(source.slug)
    wanted = {source.slug for source in sources}
    gone = sorted(slug for slug in existing if slug not in wanted)
    if not only_missing:
        edited = edited_in_browser([existing[slug].id for slug in gone])
        report.removed = [slug for slug in gone if existing[slug].id not in edited]
        report.kept = [slug for slug in gone if existing[slug].id in edited]
    if dry_run:
        return report

    for source in sources:
        if source.slug in report.added or source.slug in report.changed or source.slug in report.prepared:
            store_item(existing.get(source.slug), source)
    for slug in report.removed:
        search.unindex_item(existing[slug].id)
        db.session.delete(existing[slug])
    db.session.commit()
    return report


def edited_in_browser(item_ids: list[int]) -> set[int]:
    """Which of these items have a revision saved by an editor (browser, API or restore)."""
    if not item_ids:
        return set()
    return set(
        db.session.scalars(
            select(LibraryRevision.item_id).where(
                LibraryRevision.item_id.in_(item_ids), LibraryRevision.source != "import"
            )
        )
    )


def store_item(item: LibraryItem | None, source: ItemSource) -> LibraryItem:
    """Create or update one item, its media and its search entry, recording the change as a revision."""
    now = utcnow()
    before = None
    if item is None:
        item = LibraryItem(slug=source.slug, created_at=now, revision=0)
        db.session.add(item)
    else:
        before = revisions.snapshot(item)
    body_text = plain_text(source.body)
    transcript_text = plain_text(source.transcript) if source.transcript else ""
    item.kind = source.kind
    item.title = source.title
    item.summary = source.summary
    item.topic = source.topic
    item.tags = source.tags
    item.sources = source.sources
    item.reviewed_on = source.reviewed_on
    item.review_by = source.review_by
    item.status = source.status
    item.body_markdown = source.body
    item.body_html = render_article(source.body) if source.body else ""
    # A transcript the captions make (as `flask content export` writes it) stays made from the captions, so
    # new captions still update it; only a transcript someone wrote is kept as written.
    item.transcript_markdown = None if made_from_captions(source) else (source.transcript or None)
    item.transcript_html = render_article(source.transcript) if source.transcript else None
    item.search_text = f"{body_text}\n{transcript_text}".strip()
    item.forum_category = source.forum
    item.chat_room = source.chat
    item.duration_seconds = source.duration_seconds
    item.fingerprint = stored_fingerprint(source)
    item.updated_at = now
    store_media(item, source, now)
    db.session.flush()
    index(item)
    revisions.record(item, before, None, "import")
    return item


def made_from_captions(source: ItemSource) -> bool:
    """Whether the folder's transcript says, paragraph for paragraph, what its Swedish captions make."""
    captions = next((media for media in source.media if media.name == "captions.sv.vtt"), None)
    if not source.transcript or captions is None:
        return False
    try:
        cues = mediacheck.parse_captions(captions.data)
    except mediacheck.MediaRefused:
        return False
    written = (plain_text_of_html(part) for part in render_article(source.transcript).split("</p>"))
    made = mediacheck.transcript_paragraphs(cues)
    return [" ".join(text.split()) for text in written if text.strip()] == [" ".join(p.split()) for p in made]


def index(item: LibraryItem) -> None:
    """Keep the item's search entry in step (every status is indexed; queries filter by status)."""
    search.index_item(item.id, item.title, " ".join([item.summary, *item.tags]), item.search_text)


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
    LibraryItem.status,
    LibraryItem.review_by,
)


def find_items(
    query: str = "", topic: str | None = None, kind: str | None = None, status: str | None = "published"
) -> list[LibraryItem]:
    """Items matching the filters; with a query, best match first, otherwise by topic and title.

    Readers see published items only; the editors' list passes status=None (every item) or one status.
    """
    check_filters(topic, kind)
    statement = select(LibraryItem).options(load_only(*LISTING_COLUMNS))
    if status:
        statement = statement.where(LibraryItem.status == status)
    if topic:
        statement = statement.where(LibraryItem.topic == topic)
    if kind:
        statement = statement.where(LibraryItem.kind == kind)
    query = query.strip()[:MAX_QUERY_LENGTH]
    if query:
        ids = search.matching_item_ids(query, MAX_RESULTS, topic, kind, status, synonyms.groups())
        if not ids:
            return []
        found = {item.id: item for item in db.session.scalars(statement.where(LibraryItem.id.in_(ids)))}
        return [found[item_id] for item_id in ids if item_id in found]
    order = {topic.slug: position for position, topic in enumerate(TOPICS)}
    items = list(db.session.scalars(statement))
    return sorted(items, key=lambda item: (order.get(item.topic, len(order)), item.title.casefold()))


def topic_counts() -> dict[str, int]:
    """How many published items each topic has, for the topic list."""
    rows = db.session.execute(
        select(LibraryItem.topic, db.func.count())
        .where(LibraryItem.status == "published")
        .group_by(LibraryItem.topic)
    )
    return {topic: count for topic, count in rows}


def get_item(slug: str, published_only: bool = True) -> LibraryItem:
    """One item with its media descriptions (not their bytes), or NotFound (readers find no drafts)."""
    item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == slug))
    if item is None or (published_only and item.status != "published"):
        raise NotFound()
    return item


def get_media(slug: str, name: str, published_only: bool = True) -> LibraryMedia:
    """One media file's description (its bytes stay in the database until read), or NotFound."""
    statement = (
        select(LibraryMedia)
        .join(LibraryItem)
        .where(
            LibraryItem.slug == slug,
            LibraryMedia.name == name,
            LibraryMedia.role.in_(SERVED_ROLES),
            LibraryMedia.staged_at.is_(None),
        )
    )
    if published_only:
        statement = statement.where(LibraryItem.status == "published")
    media = db.session.scalar(statement)
    if media is None:
        raise NotFound()
    return media
