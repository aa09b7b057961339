"""The editors' media page of a film: what it has, uploads that work without JavaScript, what is missing."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext

from accounts.session import login_required
from content import filmstatus, streaming, uploads
from content.errors import InvalidMedia
from core.errors import message_for
from core.exceptions import DomainError
from core.security import streams_request_body

bp = Blueprint("film", __name__)


def render_media_page(
    item,
    errors: dict | None = None,
    status: int = 200,
    uploaded: str | None = None,
    removed: str | None = None,
):
    """The page, with a refused upload's message next to its field."""
    return (
        render_template(
            "content/media.html",
            item=item,
            uploaded=uploaded,
            removed=removed,
            removable=uploads.REMOVABLE,
            places=filmstatus.places(item),
            missing=filmstatus.missing_for_publishing(item),
            errors=errors or {},
        ),
        status,
    )


@bp.get("/library/edit/<slug>/media")
@login_required
def media_page(slug: str):
    """The film's files and upload forms."""
    streaming.require_editor()
    uploaded = filmstatus.LABELS.get(request.args.get("uploaded", ""))
    removed = filmstatus.LABELS.get(request.args.get("removed", ""))
    return render_media_page(uploads.film_for_upload(slug), uploaded=uploaded, removed=removed)


@bp.post("/library/edit/<slug>/media/<name>")
@login_required
@streams_request_body
def upload(slug: str, name: str):
    """One file from the page's form (multipart), streamed into place; back to the page either way."""
    user = streaming.require_editor()
    item = uploads.film_for_upload(slug)
    slot = uploads.get_slot(name)
    limit = uploads.slot_limit(slot)
    try:
        if request.content_length is not None and request.content_length > limit + streaming.FORM_OVERHEAD:
            raise uploads.too_large(slot, limit)
        streaming.allow_body(limit + streaming.FORM_OVERHEAD)
        form = streaming.MultipartUpload()
        form.check_csrf()
        if not form.filename:
            raise InvalidMedia(slot.name, gettext("Choose a file to upload."))
        uploads.receive(item, slot, form.pieces(), None, streaming.session_check(user))
    except DomainError as refused:
        if refused.status in (401, 403, 404):
            raise
        item = uploads.film_for_upload(slug)
        return render_media_page(item, {slot.name: message_for(refused)}, refused.status)
    return redirect(url_for("content.film.media_page", slug=slug, uploaded=slot.name), 303)


@bp.post("/library/edit/<slug>/media/<name>/remove")
@login_required
def remove(slug: str, name: str):
    """Remove an optional file; back to the page."""
    streaming.require_editor()
    item = uploads.film_for_upload(slug)
    slot = uploads.get_slot(name)
    try:
        uploads.remove(item, slot)
    except DomainError as refused:
        if refused.status in (401, 403, 404):
            raise
        return render_media_page(
            uploads.film_for_upload(slug), {slot.name: message_for(refused)}, refused.status
        )
    return redirect(url_for("content.film.media_page", slug=slug, removed=slot.name), 303)
