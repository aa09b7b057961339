"""Small pure cleaners for short texts staff type in: names, descriptions and URL slugs."""

from __future__ import annotations

import re

from core.exceptions import InvalidInput, TooLong

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60


def clean_line(value: object, field: str, limit: int, required: bool = True) -> str | None:
    """A one-line text with inner whitespace collapsed; None when optional and absent."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(field=field)
    value = " ".join(value.split())
    if len(value) > limit:
        raise TooLong(field, limit)
    return value


def clean_slug(value: object) -> str:
    """Lower-case letters, digits and single dashes, as in /forum/<slug> and /chat/<slug>."""
    if not isinstance(value, str) or not SLUG.fullmatch(value) or len(value) > SLUG_MAX:
        raise InvalidInput(field="slug")
    return value
