"""Helpers the library's templates use: topic names and film lengths in the page's language."""

from __future__ import annotations

from flask_babel import gettext as _

from content.review import is_due_for_review
from content.topics import Topic
from content.topics import topic_name as named_in
from core.database import utcnow
from core.i18n import current_language

CAPTION_LABELS = {"sv": "Svenska", "en": "English"}


def topic_name(topic: Topic) -> str:
    """The topic's name in the page's language."""
    return named_in(topic, current_language())


def duration(seconds: float) -> str:
    """A film's length the way people say it: "45 seconds", "1 min 30 s"."""
    whole = round(seconds)
    if whole < 60:
        return _("%(seconds)s seconds", seconds=whole)
    return _("%(minutes)s min %(seconds)s s", minutes=whole // 60, seconds=whole % 60)


def caption_label(language: str | None) -> str:
    """A caption track's label, in its own language as players usually show them."""
    return CAPTION_LABELS.get(language or "", language or "")


def file_size(size: int) -> str:
    """A file's size for editors: 830 kB, 4.2 MB."""
    if size < 1_000_000:
        return _("%(size)s kB", size=max(1, round(size / 1000)))
    number = f"{size / 1_000_000:.1f}".removesuffix(".0")
    return _("%(size)s MB", size=number.replace(".", "," if current_language() == "sv" else "."))
def possibly_outdated(item) -> bool:
    """Whether readers should be told the item's facts may be out of date (its review date has passed)."""
    return is_due_for_review(item, utcnow().date())


def library_context() -> dict:
    """Injected into every template, since the home page links to the library too."""
    return {
        "topic_name": topic_name,
        "duration": duration,
        "caption_label": caption_label,
        "file_size": file_size,
        "possibly_outdated": possibly_outdated,
    }
