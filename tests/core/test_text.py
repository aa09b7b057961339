"""The pure text rules: what shows as nothing, and bidi controls in one-line texts (no Flask needed)."""

from __future__ import annotations

import pytest

from core.exceptions import InvalidInput
from core.text import clean_line, looks_empty, strip_bidi_controls

# The invisible characters an attacker used for titles and posts that show as nothing (issue 13).
INVISIBLE = [
    "\u200b",  # zero width space
    "\u200c",  # zero width non-joiner
    "\u200d",  # zero width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark
    "\u3164",  # Hangul filler
    "\u115f",  # Hangul choseong filler
    "\u1160",  # Hangul jungseong filler
    "\u2800",  # Braille pattern blank
    "\u00ad",  # soft hyphen
    "\ufe0f",  # variation selector 16
    "\U000e0041",  # tag latin capital letter A
]
BIDI = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
]
BIDI.append("\u061c")
WHITESPACE = [" ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\u2028", "\u2029"]


@pytest.mark.parametrize("char", INVISIBLE + BIDI + WHITESPACE)
def test_a_text_of_one_invisible_character_looks_empty(char):
    assert looks_empty(char)
    assert looks_empty(char * 3)


def test_a_text_mixing_every_invisible_character_looks_empty():
    assert looks_empty("".join(INVISIBLE + BIDI + WHITESPACE))
    assert looks_empty("")


@pytest.mark.parametrize(
    "text",
    [
        "a",
        "\u200bHej\u200b",
        "\u202eHej",
        "👩\u200d👩\u200d👧",  # a family emoji joined with zero width joiners
        "❤\ufe0f",
        "\u200fשלום\u200f",  # Hebrew with right-to-left marks
        "\u0600\u0661",  # an Arabic number sign over a digit
        "\u0600",  # the sign is drawn even alone
        ".",
        "ㅤㅤx",
    ],
)
def test_a_text_with_anything_visible_does_not_look_empty(text):
    assert not looks_empty(text)


def test_bidi_controls_are_stripped_and_nothing_else():
    text = "\u202eGNAL\u202c Hej\u2066 där\u2069\u200e\u200f\u061c 👩\u200d👩\u200d👧 \u200b"
    assert strip_bidi_controls(text) == "GNAL Hej där 👩\u200d👩\u200d👧 \u200b"


@pytest.mark.parametrize("value", ["\u200b\u200b", "\u3164", "\u202e \u202c", "\u2800\u00ad"])
def test_clean_line_refuses_text_that_looks_empty(value):
    with pytest.raises(InvalidInput):
        clean_line(value, "name_sv", 100)


def test_clean_line_strips_bidi_controls():
    assert clean_line("\u202eNattugglorna\u202c  \u2067rummet\u2069", "name_sv", 100) == "Nattugglorna rummet"
