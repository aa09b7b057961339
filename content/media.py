"""Serving a film's stored files: validators first, bytes only when needed, and only the bytes asked for.

A conditional request (If-None-Match, If-Modified-Since) is answered from the stored hash and date without
reading the file; a Range request reads just its slice from the chunks it covers (content/chunks.py), so a
phone seeking in a video, or anyone asking for one byte a thousand times, never makes the server load whole
videos from the database.
"""

from __future__ import annotations

from flask import Response, current_app, request
from sqlalchemy.engine import Engine
from werkzeug.http import parse_range_header
from werkzeug.wsgi import wrap_file

from content.chunks import StoredFile
from content.models import LibraryMedia

READ_SIZE = 64 * 1024


def ignore_unservable_range() -> None:
    """RFC 9110 lets a server ignore a Range it will not serve and send the whole file; Werkzeug would answer
    416 to an unreadable one or to several ranges at once, so such a header is dropped."""
    ranges = parse_range_header(request.headers.get("Range"))
    if ranges is None or ranges.units != "bytes" or len(ranges.ranges) != 1:
        request.environ.pop("HTTP_RANGE", None)


def media_response(media: LibraryMedia, engine: Engine) -> Response:
    """200, 206, 304 or 416 for one stored file, with ETag, Last-Modified and public caching."""
    ignore_unservable_range()
    stored = StoredFile(engine, media.id, media.size)
    response = current_app.response_class(
        wrap_file(request.environ, stored, buffer_size=READ_SIZE),
        mimetype=media.mime,
        direct_passthrough=True,
    )
    response.content_length = media.size
    response.set_etag(media.sha256)
    response.last_modified = media.updated_at
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["LIBRARY_MEDIA_MAX_AGE"]
    return response.make_conditional(request, accept_ranges=True, complete_length=media.size)
