"""What a film has and what it still needs before it may be published, for the media page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext, lazy_gettext

from content import chunks, mediacheck
from content.models import LibraryItem, LibraryMedia
from content.uploads import SLOTS, Slot, slot_limit
from core.extensions import db

LABELS = {
    "video": lazy_gettext("Video"),
    "poster": lazy_gettext("Poster image"),
    "captions.sv": lazy_gettext("Swedish captions"),
    "captions.en": lazy_gettext("English captions"),
    "transcript": lazy_gettext("Written transcript"),
}
HINTS = {
    "video": lazy_gettext("MP4 (H.264 video, AAC sound) or WebM."),
    "poster": lazy_gettext("JPEG or PNG, shown before the film starts."),
    "captions.sv": lazy_gettext("WebVTT. Required: the film must be possible to follow without sound."),
    "captions.en": lazy_gettext("WebVTT. Optional."),
    "transcript": lazy_gettext(
        "Markdown or plain text. Optional: without it, the transcript is made from the Swedish captions."
    ),
}


@dataclass
class Place:
    """One file place of a film and what fills it."""

    slot: Slot
    media: LibraryMedia | None
    detail: str = ""

    @property
    def label(self) -> str:
        return str(LABELS[self.slot.name])

    @property
    def hint(self) -> str:
        return str(HINTS[self.slot.name])

    @property
    def max_bytes(self) -> int:
        return slot_limit(self.slot)


def places(item: LibraryItem) -> list[Place]:
    """Every file place of the film, filled or not, in the page's order."""
    stored = [media for media in item.media if media.staged_at is None]
    found = []
    for slot in SLOTS.values():
        media = next((m for m in stored if m.role == slot.role and m.language == slot.language), None)
        found.append(Place(slot, media, describe(item, slot, media)))
    return found


def describe(item: LibraryItem, slot: Slot, media: LibraryMedia | None) -> str:
    """A line on what the file is: the film's length, how many captions, until when."""
    if media is None:
        if slot.name == "transcript" and item.transcript_markdown:
            # Imported from the folder's transcript.md: it has no media row, but it is written and removable.
            return gettext("A written transcript, imported from the library folder.")
        if slot.name == "transcript" and item.transcript_html:
            return gettext("Made from the Swedish captions.")
        return ""
    if slot.role == "video" and item.duration_seconds:
        return gettext("%(length)s long.", length=mediacheck.clock(item.duration_seconds))
    if slot.role == "captions":
        cues = caption_cues(media)
        if cues:
            return gettext(
                "%(count)s captions, the last ending at %(end)s.",
                count=len(cues),
                end=mediacheck.clock(cues[-1].end),
            )
    return ""


def caption_cues(media: LibraryMedia) -> list[mediacheck.Cue]:
    """The stored captions' cues (small files, read whole)."""
    try:
        return mediacheck.parse_captions(chunks.read_all(db.engine, media.id))
    except mediacheck.MediaRefused:
        return []


def missing_for_publishing(item: LibraryItem) -> list[dict]:
    """What stops the film from being published: [{code, message}], empty when it may be."""
    filled = {place.slot.name: place for place in places(item)}
    missing = []
    if filled["video"].media is None:
        missing.append({"code": "video_missing", "message": gettext("A video.")})
    swedish = filled["captions.sv"].media
    if swedish is None:
        missing.append({"code": "captions_sv_missing", "message": gettext("Swedish captions (WebVTT).")})
    elif filled["video"].media is not None and item.duration_seconds:
        cues = caption_cues(swedish)
        if cues and cues[-1].end > item.duration_seconds + 0.05:
            missing.append(
                {
                    "code": "captions_sv_too_long",
                    "message": gettext(
                        "Swedish captions that end within the video: the last one ends at %(end)s, the video "
                        "at %(length)s.",
                        end=mediacheck.clock(cues[-1].end),
                        length=mediacheck.clock(item.duration_seconds),
                    ),
                }
            )
    return missing


def status_json(item: LibraryItem) -> dict:
    """The film's files and what it still needs, for the API."""
    files = []
    for place in places(item):
        entry = {
            "slot": place.slot.name,
            "label": place.label,
            "required": place.slot.name in ("video", "captions.sv"),
            "max_bytes": place.max_bytes,
            "file": None,
        }
        if place.media is not None:
            entry["file"] = {
                "name": place.media.name,
                "mime": place.media.mime,
                "size": place.media.size,
                "sha256": place.media.sha256,
                "updated_at": place.media.updated_at.isoformat(),
                "detail": place.detail,
            }
        files.append(entry)
    missing = missing_for_publishing(item)
    return {
        "slug": item.slug,
        "duration_seconds": item.duration_seconds,
        "files": files,
        "missing": missing,
        "ready_to_publish": not missing,
    }
