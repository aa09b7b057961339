"""Small pure cleaners for short texts: names, descriptions, URL slugs and client-chosen ids."""

from __future__ import annotations

import re

from core.exceptions import InvalidInput, TooLong

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60
# A client-generated id that makes a retried write idempotent (a UUID fits, as does any short token).
CLIENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


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


def clean_client_id(value: object) -> str | None:
    """An optional client id; anything but a short token of safe characters is refused."""
    if value is None:
        return None
    if not isinstance(value, str) or not CLIENT_ID.fullmatch(value):
        raise InvalidInput(field="client_id")
    return value
