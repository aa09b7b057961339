"""JSON API of the library: search and list items, read one. Public, like the pages."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from content import services
from content.limits import searching_per_address
from content.shaping import item_json, item_summary_json

bp = Blueprint("library_api", __name__, url_prefix="/api/v1")


@bp.get("/library")
@searching_per_address
def list_items():
    """Items matching `q` (full text), `topic` and `kind`."""
    items = services.find_items(
        request.args.get("q", ""), request.args.get("topic") or None, request.args.get("kind") or None
    )
    return jsonify(items=[item_summary_json(item) for item in items])


@bp.get("/library/<slug>")
def show_item(slug: str):
    """One article or film."""
    return jsonify(item_json(services.get_item(slug)))
