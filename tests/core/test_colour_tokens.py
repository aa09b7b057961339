"""Components take their colours from the tokens in site.css, which the dark scheme redefines: a hard-coded
light colour would sit on the dark page (diff lines of revisions, the chat's "connected" dot)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text()
TOKEN = re.compile(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\b")


def token_blocks() -> tuple[dict, dict]:
    light = CSS[CSS.index(":root {") :]
    light = light[: light.index("}")]
    dark = CSS[CSS.index("@media (prefers-color-scheme: dark)") :]
    dark = dark[dark.index(":root {") :]
    dark = dark[: dark.index("}")]
    return dict(TOKEN.findall(light)), dict(TOKEN.findall(dark))


def declarations(selector: str) -> dict:
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", CSS)
    assert match, selector
    return dict(
        (name.strip(), value.strip())
        for name, value in (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    )


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def token_of(value: str) -> str:
    found = re.fullmatch(r"var\(--([\w-]+)\)", value)
    assert found, f"{value} is not a colour token"
    return found.group(1)


@pytest.mark.parametrize("selector", [".diff__line--added", ".diff__line--removed"])
def test_diff_lines_use_tokens_readable_in_both_schemes(selector):
    rule = declarations(selector)
    background, ink = token_of(rule["background"]), token_of(rule["color"])
    for scheme in token_blocks():
        assert contrast(scheme[ink], scheme[background]) >= 4.5, (selector, scheme[ink], scheme[background])


def test_the_connected_dot_is_a_token_readable_on_the_dark_page():
    rule = declarations('.chat-connection[data-state="connected"]::before')
    dot = token_of(rule["color"])
    for scheme in token_blocks():
        for background in ("paper", "surface", "surface-2"):
            assert contrast(scheme[dot], scheme[background]) >= 4.5, (scheme[dot], scheme[background])
