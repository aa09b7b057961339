"""The public library API's answers as pydantic models, built from library items (content/api.py).
Kinds and the query's length come from content.services."""

from __future__ import annotations

from datetime import date
from typing import Literal

from flask import url_for
from pydantic import BaseModel, Field

from content.models import LibraryItem as ItemRow
from content.services import KINDS, MAX_QUERY_LENGTH
from content.shaping import media_by_role, media_url
from core.schemas import Answer

Kind = Literal[KINDS]
TOPIC_DESCRIPTION = "A topic slug such as `demens`; see docs/LIBRARY.md"


class LibraryQuery(BaseModel):
    """`?q=` (full text, Swedish word forms), `?topic=` and `?kind=`; an unknown topic or kind is a 422."""

    q: str = Field(None, max_length=MAX_QUERY_LENGTH)
    topic: str = Field(None, description=TOPIC_DESCRIPTION)
    kind: Kind = None


class LibraryItemSummary(Answer):
    """An item in a list."""

    slug: str
    kind: Kind
    title: str
    summary: str
    topic: str
    url: str | None = None

    @classmethod
    def of(cls, item: ItemRow) -> LibraryItemSummary:
        """With the address of its page."""
        return cls(**summary_fields(item))


def summary_fields(item: ItemRow) -> dict:
    """The fields every item shows, in a list and in full."""
    return {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "topic": item.topic,
        "url": url_for("content.library.item", slug=item.slug),
    }


class LibraryItems(Answer):
    """Matching items, best match first when searching."""

    items: list[LibraryItemSummary]


class Source(Answer):
    """Where a fact comes from."""

    model_config = {"extra": "allow"}
    title: str
    url: str


class Captions(Answer):
    """A captions file."""

    lang: str
    src: str


class Video(Answer):
    """A film's video, poster, captions (Swedish first) and written transcript."""

    src: str
    mime: str
    duration_seconds: float | None = None
    poster: str | None = None
    captions: list[Captions]
    transcript_html: str


class LibraryItem(LibraryItemSummary):
    """An item in full; films add their video, captions and transcript."""

    body_html: str
    tags: list[str] | None = None
    sources: list[Source] | None = None
    reviewed_on: date | None = None
    language: str | None = None
    video: Video | None = None

    @classmethod
    def of(cls, item: ItemRow) -> LibraryItem:
        """Only published items reach here (content.services.get_item)."""
        answer = cls(
            **summary_fields(item),
            body_html=item.body_html,
            tags=list(item.tags),
            sources=[dict(source) for source in item.sources],
            reviewed_on=item.reviewed_on,
            language="sv",
        )
        if item.kind == "film":
            files = media_by_role(item)
            video = files["video"][0]
            answer.video = Video(
                src=media_url(item, video),
                mime=video.mime,
                duration_seconds=item.duration_seconds,
                poster=media_url(item, files["poster"][0]) if files["poster"] else None,
                captions=[
                    Captions(lang=media.language, src=media_url(item, media)) for media in files["captions"]
                ],
                transcript_html=item.transcript_html,
            )
        return answer
