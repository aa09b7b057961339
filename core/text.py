"""Small pure cleaners for texts: what counts as empty, bidi controls, names, descriptions, URL slugs and
client-chosen ids."""

from __future__ import annotations

import re
import unicodedata

from core.exceptions import InvalidInput, TooLong

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX = 60
# A client-generated id that makes a retried write idempotent (a UUID fits, as does any short token).
CLIENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


# Shown as nothing although not whitespace: letters and symbols that fonts draw empty (Hangul fillers, the
# blank Braille pattern), and marks invisible on their own (combining grapheme joiner, variation selectors,
# Khmer inherent vowels). Format characters (category Cf: zero-width space and joiners, word joiner, BOM,
# soft hyphen, bidi controls, tags) are invisible as a class and need no list.
INVISIBLE = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180e"
    + "".join(chr(code) for code in range(0xFE00, 0xFE10))
    + "".join(chr(code) for code in range(0xE0100, 0xE01F0))
)
# Format characters that are visible after all: signs drawn above or around the number that follows them.
VISIBLE_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
# Embeddings, overrides, isolates and directional marks: in a title or a name they can reorder what follows
# (a pseudonym or a title reading backwards, text that seems to belong to another line).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def is_invisible(char: str) -> bool:
    """Whether one character shows nothing on its own: whitespace, a control or format character, a filler."""
    if char.isspace() or char in INVISIBLE:
        return True
    category = unicodedata.category(char)
    return category in ("Cc", "Zs", "Zl", "Zp") or (category == "Cf" and char not in VISIBLE_FORMAT)


def looks_empty(text: str) -> bool:
    """Whether a text would show as nothing: empty, or made only of invisible characters."""
    return all(is_invisible(char) for char in text)


def strip_bidi_controls(text: str) -> str:
    """The text without bidi embeddings, overrides, isolates and marks (for one-line texts: titles, names)."""
    return BIDI_CONTROLS.sub("", text)


def clean_line(value: object, field: str, limit: int, required: bool = True) -> str | None:
    """A one-line text without bidi controls, inner whitespace collapsed; refused when it would show as
    nothing; None when optional and absent."""
    if value is None and not required:
        return None
    if not isinstance(value, str) or looks_empty(value):
        raise InvalidInput(field=field)
    value = " ".join(strip_bidi_controls(value).split())
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
