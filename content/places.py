"""The forum categories and chat rooms a library item may link to, got through the forum's and chat's own
public functions (the library never reads their models for this)."""

from __future__ import annotations

from chat.services import room_choices
from forum.reading import category_choices


def place_choices(language: str) -> dict[str, list[tuple[str, str]]]:
    """(slug, name) pairs to offer in the editor: {"forum": [...], "chat": [...]}."""
    return {"forum": category_choices(language), "chat": room_choices(language)}


def place_slugs(choices: dict[str, list[tuple[str, str]]]) -> dict[str, set[str]]:
    """The slugs an item may link to, for checking what an editor sent."""
    return {kind: {slug for slug, _name in pairs} for kind, pairs in choices.items()}
