"""Library models: articles and films (written in the browser or imported from a folder), their revisions,
the media files of films, and the search synonym groups."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.database import UTCDateTime, utcnow
from core.extensions import db

STATUSES = ("draft", "published", "unpublished")


class LibraryItem(db.Model):
    """One article or film. Editors change it in the browser (each save a LibraryRevision); a folder import
    may change it too, and `fingerprint` tells the import whether anything in the item's files changed."""

    __tablename__ = "library_items"
    __table_args__ = (
        CheckConstraint("status IN ('draft', 'published', 'unpublished')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400))
    topic: Mapped[str] = mapped_column(String(40), index=True)
    tags: Mapped[list] = mapped_column(JSON, default=list)
    # [{"title": ..., "url": ...}], shown under the text so a reader can check where facts come from.
    sources: Mapped[list] = mapped_column(JSON, default=list)
    reviewed_on: Mapped[date] = mapped_column(Date)
    body_html: Mapped[str] = mapped_column(Text)
    # The Markdown the editors write; body_html is rendered from it on every save.
    body_markdown: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Only published items are shown to readers, listed, searched and served by the public API.
    status: Mapped[str] = mapped_column(String(12), default="draft", server_default="published", index=True)
    # When the facts should be checked again; past it, readers see that the text may be out of date.
    review_by: Mapped[date | None] = mapped_column(Date)
    # The number of the newest LibraryRevision: a save names the revision it began from (optimistic lock).
    revision: Mapped[int] = mapped_column(default=0, server_default="0")
    transcript_html: Mapped[str | None] = mapped_column(Text)
    # A film's transcript as written (Markdown), kept so an export can write it back out.
    transcript_markdown: Mapped[str | None] = mapped_column(Text)
    # Plain text of body and transcript: what the search indexes (PostgreSQL indexes this column).
    search_text: Mapped[str] = mapped_column(Text)
    forum_category: Mapped[str | None] = mapped_column(String(60))
    chat_room: Mapped[str | None] = mapped_column(String(60))
    duration_seconds: Mapped[float | None] = mapped_column()
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    media: Mapped[list[LibraryMedia]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="LibraryMedia.name",
        passive_deletes=True,
    )


class LibraryMedia(db.Model):
    """A film's video, poster or caption file, kept in the database so every process and backup has it."""

    __tablename__ = "library_media"
    __table_args__ = (UniqueConstraint("item_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"))
    # The file name in the item's folder: video.mp4, poster.jpg, captions.sv.vtt, captions.en.vtt.
    name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(5))
    mime: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column()
    sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Set while an upload is still arriving under this row (named upload-<token>): such a row is never
    # served, and one left behind by a crashed process is removed by the retention rules.
    staged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    item: Mapped[LibraryItem] = relationship(back_populates="media")


class LibraryMediaChunk(db.Model):
    """A slice of a media file's bytes. Files are stored as numbered chunks, so a Range request reads only the
    chunks it covers and an upload is written a chunk at a time, on SQLite and PostgreSQL alike."""

    __tablename__ = "library_media_chunks"

    # No ORM relationship: chunks are written and read in bulk by content/chunks.py, and deleting a media
    # row removes its chunks in the database (ON DELETE CASCADE) without loading them.
    media_id: Mapped[int] = mapped_column(
        ForeignKey("library_media.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    seq: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)
class LibraryRevision(db.Model):
    """One saved state of an item: who saved it (NULL for the folder import or a removed account), when,
    how (browser, api, import, restore), which fields changed, and every editable field as it then was."""

    __tablename__ = "library_revisions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("library_items.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_fields: Mapped[list] = mapped_column(JSON, default=list)
    snapshot: Mapped[dict] = mapped_column(JSON)


class LibrarySynonymGroup(db.Model):
    """Search terms that mean the same to a reader ("glömska", "demens", "minnessjukdom")."""

    __tablename__ = "library_synonym_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The terms, lower-case, in the order the editor wrote them.
    terms: Mapped[list] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
