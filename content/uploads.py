"""Receiving a film's files from editors: streamed into chunks, checked by their bytes, then put in place.

An upload is staged under a new `library_media` row (named `upload-<token>`, `staged_at` set) and written a
chunk at a time in short transactions, so neither memory nor SQLite's write lock grows with the file. Only
when every byte has arrived, the file passed its checks and the editor's session still stands does one
transaction replace the item's file in that place. Any failure (too large, refused, disconnected, signed
out meanwhile) deletes the staged row, and its chunks with it: nothing half-stored is ever served.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext
from markupsafe import escape
from sqlalchemy import delete, select

from content import chunks, mediacheck, search
from content.errors import InvalidMedia, RequiredFile, UploadTooLarge
from content.models import LibraryItem, LibraryMedia
from content.rendering import markdown_problems, plain_text_of_html, render_article
from content.templating import file_size
from core.database import utcnow
from core.exceptions import NotFound, NotSignedIn
from core.extensions import db


@dataclass(frozen=True)
class Slot:
    """A place for one file of a film: what it is, its size limit and how it is named when stored."""

    name: str
    role: str
    language: str | None
    max_bytes: int | None  # None: the configured LIBRARY_UPLOAD_MAX_BYTES
    accept: str  # for the file input


SLOTS = {
    slot.name: slot
    for slot in (
        Slot("video", "video", None, None, "video/mp4,video/webm,.mp4,.webm"),
        Slot("poster", "poster", None, 10_000_000, "image/jpeg,image/png,.jpg,.jpeg,.png"),
        Slot("captions.sv", "captions", "sv", 1_000_000, "text/vtt,.vtt"),
        Slot("captions.en", "captions", "en", 1_000_000, "text/vtt,.vtt"),
        Slot("transcript", "transcript", None, 200_000, "text/markdown,text/plain,.md,.txt"),
    )
}
VIDEO_TYPES = {"mp4": ("video.mp4", "video/mp4"), "webm": ("video.webm", "video/webm")}
POSTER_TYPES = {"jpeg": ("poster.jpg", "image/jpeg"), "png": ("poster.png", "image/png")}
READ_PIECE = 64 * 1024


@dataclass
class Checked:
    """What the checks found out about an upload."""

    name: str
    mime: str
    duration: float | None = None
    cues: list | None = None
    text: str | None = None


def get_slot(name: str) -> Slot:
    """A file place by its API name (`video`, `poster`, `captions.sv`, `captions.en`, `transcript`)."""
    slot = SLOTS.get(name)
    if slot is None:
        raise NotFound()
    return slot


def slot_limit(slot: Slot) -> int:
    """The most bytes this place accepts."""
    configured = current_app.config["LIBRARY_UPLOAD_MAX_BYTES"]
    return configured if slot.max_bytes is None else min(slot.max_bytes, configured)


def too_large(slot: Slot, limit: int) -> UploadTooLarge:
    """413 upload_too_large naming the limit."""
    text = gettext("The file is too large: at most %(size)s here.", size=file_size(limit))
    return UploadTooLarge(slot.name, text, limit)


def film_for_upload(slug: str) -> LibraryItem:
    """The film an editor uploads to; an article has no files (404)."""
    item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == slug))
    if item is None or item.kind != "film":
        raise NotFound()
    return item


def receive(
    item: LibraryItem,
    slot: Slot,
    pieces: Iterable[bytes],
    declared_length: int | None,
    session_stands: Callable[[], bool],
) -> LibraryMedia:
    """Stream one upload into place, or raise and leave no trace of it."""
    limit = slot_limit(slot)
    if declared_length is not None and declared_length > limit:
        raise too_large(slot, limit)
    item_id = item.id
    staged = LibraryMedia(
        item_id=item_id,
        name=f"upload-{secrets.token_hex(8)}",
        role="staging",
        mime="application/octet-stream",
        size=0,
        sha256="",
        updated_at=utcnow(),
        staged_at=utcnow(),
    )
    db.session.add(staged)
    db.session.commit()
    staged_id = staged.id
    try:
        writer = chunks.ChunkWriter(db.engine, staged_id)
        for piece in pieces:
            if writer.size + len(piece) > limit:
                raise too_large(slot, limit)
            writer.write(piece)
        writer.close()
        if writer.size == 0:
            raise InvalidMedia(slot.name, gettext("The file is empty."))
        checked = check(item, slot, writer)
        if not session_stands():
            # Signed out, suspended or no longer an editor while the bytes arrived.
            raise NotSignedIn()
        return install(db.session.get(LibraryItem, item_id), slot, staged_id, writer, checked)
    except BaseException:
        db.session.rollback()
        discard(staged_id)
        raise


def discard(media_id: int) -> None:
    """Remove a staged upload and its chunks (the database cascades to them)."""
    with db.engine.begin() as connection:
        connection.execute(delete(chunks.chunks).where(chunks.chunks.c.media_id == media_id))
        connection.execute(delete(LibraryMedia.__table__).where(LibraryMedia.__table__.c.id == media_id))


def check(item: LibraryItem, slot: Slot, writer: chunks.ChunkWriter) -> Checked:
    """Check the arrived bytes for their place; InvalidMedia names the problem in the editor's language."""
    try:
        if slot.role == "video":
            kind = mediacheck.video_container(writer.head)
            name, mime = VIDEO_TYPES[kind]
            if kind == "mp4":
                stored = io.BufferedReader(
                    chunks.StoredFile(db.engine, writer.media_id, writer.size), READ_PIECE
                )
                duration = mediacheck.mp4_facts(stored)
            else:
                duration = mediacheck.webm_duration(writer.head)
            return Checked(name, mime, duration=duration)
        if slot.role == "poster":
            name, mime = POSTER_TYPES[mediacheck.image_type(writer.head)]
            return Checked(name, mime)
        data = chunks.read_all(db.engine, writer.media_id)
        if slot.role == "captions":
            cues = mediacheck.parse_captions(data)
            mediacheck.check_cues(cues, item.duration_seconds if video_of(item) else None)
            return Checked(f"captions.{slot.language}.vtt", "text/vtt", cues=cues)
        return Checked("transcript.md", "text/markdown", text=transcript_text(data))
    except mediacheck.MediaRefused as refused:
        issue = refused.issue
        raise InvalidMedia(slot.name, gettext(issue.message, **issue.values)) from None


def transcript_text(data: bytes) -> str:
    """A written transcript: UTF-8 Markdown without headings, raw HTML or images."""
    try:
        text = data.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        raise mediacheck.refuse("The transcript is not UTF-8 text.") from None
    if not text or "\x00" in text:
        raise mediacheck.refuse("The transcript is empty or not text.")
    problems = markdown_problems(text, headings=False)
    if problems:
        raise mediacheck.refuse("The transcript cannot be shown: %(problem)s", problem=problems[0])
    return text


def video_of(item: LibraryItem) -> LibraryMedia | None:
    """The film's current video, if it has one."""
    return next((m for m in item.media if m.role == "video" and m.staged_at is None), None)


def install(item: LibraryItem, slot: Slot, staged_id: int, writer, checked: Checked) -> LibraryMedia:
    """In one transaction: the old file of this place goes, the staged one takes its name, the film's
    length, transcript and search entry follow."""
    now = utcnow()
    for old in [m for m in item.media if same_place(m, slot)]:
        item.media.remove(old)
    db.session.flush()  # the old name is free before the staged row takes it
    media = db.session.get(LibraryMedia, staged_id)
    if media is None:  # an import removed the item's files meanwhile
        raise NotFound()
    media.name, media.role, media.language, media.mime = checked.name, slot.role, slot.language, checked.mime
    media.size, media.sha256, media.updated_at, media.staged_at = writer.size, writer.sha256, now, None
    if slot.role == "video":
        item.duration_seconds = checked.duration
    if slot.role == "transcript":
        # The Markdown is kept on the item too, so the editor's form and `flask content export` see it.
        item.transcript_markdown = checked.text
        item.transcript_html = render_article(checked.text)
    elif slot.name == "captions.sv" and not item.transcript_markdown:
        # A written transcript (uploaded, or imported from transcript.md, which has no media row) wins.
        item.transcript_html = transcript_html(checked.cues)
    item.updated_at = now
    reindex(item)
    db.session.commit()
    return media


def same_place(media: LibraryMedia, slot: Slot) -> bool:
    """Whether a stored file fills this place (video.mp4 and video.webm both fill `video`)."""
    return media.staged_at is None and media.role == slot.role and media.language == slot.language


def transcript_html(cues) -> str:
    """The transcript made from the Swedish captions: what is said, in paragraphs."""
    return "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in mediacheck.transcript_paragraphs(cues))


def reindex(item: LibraryItem) -> None:
    """The film's searchable text follows its new transcript."""
    item.search_text = (
        f"{plain_text_of_html(item.body_html)}\n{plain_text_of_html(item.transcript_html or '')}"
    )
    db.session.flush()
    search.index_item(item.id, item.title, " ".join([item.summary, *item.tags]), item.search_text.strip())


def purge_stale_uploads() -> int:
    """Remove uploads a crashed process left unfinished; returns how many."""
    hours = current_app.config["LIBRARY_UPLOAD_STALE_HOURS"]
    stale = db.session.scalars(
        select(LibraryMedia.id).where(LibraryMedia.staged_at < utcnow() - timedelta(hours=hours))
    ).all()
    for media_id in stale:
        discard(media_id)
    return len(stale)


REMOVABLE = ("poster", "captions.en", "transcript")


def remove(item: LibraryItem, slot: Slot) -> None:
    """Remove an optional file (a poster, English captions, a written transcript); the video and the Swedish
    captions are replaced, never removed, so a film never loses what it needs to be shown."""
    if slot.name not in REMOVABLE:
        raise RequiredFile(
            slot.name, gettext("The video and the Swedish captions can be replaced, not removed.")
        )
    for old in [m for m in item.media if same_place(m, slot)]:
        item.media.remove(old)
    if slot.name == "transcript":
        # The Markdown goes too, or the next export would write the removed transcript back.
        item.transcript_markdown = None
        swedish = next((m for m in item.media if same_place(m, SLOTS["captions.sv"])), None)
        cues = mediacheck.parse_captions(chunks.read_all(db.engine, swedish.id)) if swedish else None
        item.transcript_html = transcript_html(cues) if cues else None
    item.updated_at = utcnow()
    reindex(item)
    db.session.commit()
