"""JSON API of the library: search and list items, read one. Public, like the pages."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from content import services
from content.limits import searching_per_address
from content.schemas import LibraryItem, LibraryItems, LibraryItemSummary, LibraryQuery
from core.schemas import documented

bp = Blueprint("library_api", __name__, url_prefix="/api/v1")


@bp.get("/library")
@searching_per_address
@documented(
    query=LibraryQuery, responses={200: (LibraryItems, "Matching items")}, errors=(422, 429), public=True
)
def list_items():
    """Library items matching a full-text query (Swedish word forms), a topic and a kind

    Best match first when searching."""
    items = services.find_items(
        request.args.get("q", ""), request.args.get("topic") or None, request.args.get("kind") or None
    )
    return jsonify(LibraryItems(items=[LibraryItemSummary.of(item) for item in items]).dump())


@bp.get("/library/<slug>")
@documented(responses={200: (LibraryItem, "The item")}, errors=(404,), public=True)
def show_item(slug: str):
    """One article or film"""
    return jsonify(LibraryItem.of(services.get_item(slug)).dump())
