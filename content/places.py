"""The forum categories and chat rooms a library item may link to, got through the forum's and chat's own
public functions (the library never reads their models for this)."""

from __future__ import annotations

from chat.services import get_room, room_choices
from core.exceptions import NotFound
from forum.reading import category_choices, get_category


def place_choices(language: str) -> dict[str, list[tuple[str, str]]]:
    """(slug, name) pairs to offer in the editor: {"forum": [...], "chat": [...]}."""
    return {"forum": category_choices(language), "chat": room_choices(language)}


def place_slugs(choices: dict[str, list[tuple[str, str]]]) -> dict[str, set[str]]:
    """The slugs an item may link to, for checking what an editor sent."""
    return {kind: {slug for slug, _name in pairs} for kind, pairs in choices.items()}


def related_places(forum_category: str | None, chat_room: str | None):
    """The forum category and chat room an item points to, where they exist (and the room is open)."""
    try:
        category = get_category(forum_category) if forum_category else None
    except NotFound:
        category = None
    try:
        room = get_room(chat_room) if chat_room else None
    except NotFound:
        room = None
    if room is not None and room.closed:
        room = None
    return category, room
