"""Library pages: the searchable list, article and film pages, and the films' media with HTTP Range."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from content import services
from content.limits import reading_media_per_address, searching_per_address
from content.media import media_response
from content.places import related_places
from content.shaping import media_by_role, media_url
from content.topics import TOPICS, TOPICS_BY_SLUG
from core.extensions import db

bp = Blueprint("library", __name__)


@bp.get("/library")
@searching_per_address
def index():
    """Topics, the kind filter, search and the matching items."""
    query = request.args.get("q", "").strip()[: services.MAX_QUERY_LENGTH]
    topic = request.args.get("topic") or None
    kind = request.args.get("kind") or None
    items = services.find_items(query, topic, kind)
    return render_template(
        "content/index.html",
        items=items,
        query=query,
        topic=TOPICS_BY_SLUG.get(topic or ""),
        kind=kind,
        topics=TOPICS,
        topics_by_slug=TOPICS_BY_SLUG,
        counts=services.topic_counts(),
    )


@bp.get("/library/<slug>")
def item(slug: str):
    """An article, or a film with its captions and transcript."""
    item = services.get_item(slug)
    category, room = related_places(item.forum_category, item.chat_room)
    files = media_by_role(item) if item.kind == "film" else {}
    return render_template(
        f"content/{item.kind}.html",
        item=item,
        topic=TOPICS_BY_SLUG[item.topic],
        category=category,
        room=room,
        files=files,
        media_url=media_url,
    )


@bp.get("/library/<slug>/files/<name>")
@reading_media_per_address
def media(slug: str, name: str):
    """A film's video, poster or captions; Range requests (206) let a phone seek without downloading all."""
    response = media_response(services.get_media(slug, name), db.engine)
    # Only now, once no 416 or 404 page can follow: public caching, and no member session on the answer.
    g.cacheable = True
    return response
