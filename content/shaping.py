"""Library shapes still written by hand: media addresses and grouping (pages and content/schemas.py) and
the editors' JSON (content/editor_api.py, described by content/editor_schemas.py)."""

from __future__ import annotations

from flask import url_for

from content.models import LibraryItem, LibraryMedia
from content.review import is_due_for_review, review_due
from content.revisions import snapshot


def media_url(item: LibraryItem, media: LibraryMedia) -> str:
    """A media file's address; the version changes with the bytes, so browsers may keep it long."""
    return url_for("content.library.media", slug=item.slug, name=media.name, v=media.sha256[:12])


def media_by_role(item: LibraryItem) -> dict[str, list[LibraryMedia]]:
    """A film's files grouped as video, poster and captions (Swedish captions first)."""
    grouped: dict[str, list[LibraryMedia]] = {"video": [], "poster": [], "captions": []}
    for media in item.media:
        if media.staged_at is not None:
            continue
        grouped.setdefault(media.role, []).append(media)
    grouped["captions"].sort(key=lambda media: (media.language != "sv", media.language or ""))
    return grouped


def editor_item_json(item: LibraryItem, today, full: bool = True) -> dict:
    """An item as the editors see it: status, revision, review date; in full with its Markdown and fields."""
    shaped = {
        "slug": item.slug,
        "kind": item.kind,
        "title": item.title,
        "topic": item.topic,
        "status": item.status,
        "revision": item.revision,
        "review_due": review_due(item).isoformat(),
        "due_for_review": is_due_for_review(item, today),
    }
    if full:
        shaped.update(snapshot(item))
        shaped["media"] = [
            {"name": media.name, "role": media.role, "language": media.language} for media in item.media
        ]
    return shaped


def revision_json(revision, names: dict[int, str]) -> dict:
    """A revision in a list: its number, when, how, by whom (pseudonym), and which fields changed."""
    return {
        "number": revision.number,
        "created_at": revision.created_at.isoformat(),
        "source": revision.source,
        "author": names.get(revision.author_id) if revision.author_id else None,
        "changed_fields": list(revision.changed_fields),
    }
