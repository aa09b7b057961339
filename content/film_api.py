"""JSON API for a film's files: what it has, and uploading one as the raw request body, streamed."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask_wtf.csrf import CSRFError, validate_csrf

from content import filmstatus, streaming, uploads
from core.security import streams_request_body

bp = Blueprint("film_api", __name__, url_prefix="/api/v1")


@bp.get("/library/<slug>/media")
def show_media(slug: str):
    """The film's files, their sizes and what is still missing to publish it (editors only)."""
    streaming.require_editor()
    return jsonify(filmstatus.status_json(uploads.film_for_upload(slug)))


@bp.put("/library/<slug>/media/<name>")
@streams_request_body
def put_media(slug: str, name: str):
    """Replace one of the film's files with the request body (sent as it is, any Content-Type)."""
    user = streaming.require_editor()
    try:
        validate_csrf(request.headers.get("X-CSRF-Token"))
    except Exception as error:
        raise CSRFError(str(error)) from None
    item = uploads.film_for_upload(slug)
    slot = uploads.get_slot(name)
    limit = uploads.slot_limit(slot)
    streaming.allow_body(limit + streaming.READ_PIECE)
    uploads.receive(item, slot, streaming.raw_pieces(), request.content_length, streaming.session_check(user))
    return jsonify(filmstatus.status_json(uploads.film_for_upload(slug)))


@bp.delete("/library/<slug>/media/<name>")
def delete_media(slug: str, name: str):
    """Remove an optional file (poster, English captions, written transcript)."""
    streaming.require_editor()
    item = uploads.film_for_upload(slug)
    uploads.remove(item, uploads.get_slot(name))
    return jsonify(filmstatus.status_json(uploads.film_for_upload(slug)))
