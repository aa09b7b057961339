"""Library pages: the searchable list, article and film pages, and the films' media with HTTP Range."""

from __future__ import annotations

import io

from flask import Blueprint, current_app, g, render_template, request, send_file
from werkzeug.http import parse_range_header

from content import services
from content.limits import searching_per_address
from content.shaping import media_by_role, media_url
from content.topics import TOPICS, TOPICS_BY_SLUG

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
    category, room = services.related_places(item)
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
def media(slug: str, name: str):
    """A film's video, poster or captions; Range requests (206) let a phone seek without downloading all."""
    media = services.get_media(slug, name)
    ranges = parse_range_header(request.headers.get("Range"))
    if ranges is None or ranges.units != "bytes":
        # RFC 9110 asks a server to ignore a Range it cannot read and send the whole file; Werkzeug would
        # answer 416, so the unreadable header is dropped before send_file sees it.
        request.environ.pop("HTTP_RANGE", None)
    g.cacheable = True
    return send_file(
        io.BytesIO(media.data),
        mimetype=media.mime,
        conditional=True,
        etag=media.sha256,
        last_modified=media.updated_at,
        max_age=current_app.config["LIBRARY_MEDIA_MAX_AGE"],
    )
