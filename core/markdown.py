"""Markdown to safe HTML, the one nh3 set-up (`clean_html`) every text we show goes through, and the
members' rules: CommonMark (raw HTML off, links made clickable, no images or headings), then nh3. Pure."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "s"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https"})
LINK_REL = "nofollow noopener noreferrer ugc"


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark without raw HTML; images (third-party requests) and headings (page structure) are off."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable(["linkify", "strikethrough"])
    parser.disable(["image", "heading", "lheading"])
    return parser


def clean_html(
    fragment: str,
    tags: frozenset[str],
    attributes: dict[str, set[str]],
    url_schemes: frozenset[str],
    link_rel: str,
) -> str:
    """Keep only the given tags, attributes and URL schemes; links get `link_rel`; comments go."""
    return nh3.clean(
        fragment,
        tags=set(tags),
        # "*" must be given, or nh3 keeps its default generic attributes (title, lang) on every tag.
        attributes={"*": set(), **{tag: set(names) for tag, names in attributes.items()}},
        url_schemes=set(url_schemes),
        link_rel=link_rel,
        strip_comments=True,
    )


def sanitize(fragment: str) -> str:
    """Keep only the tags, attributes and URL schemes members may use; links get our rel."""
    return clean_html(fragment, ALLOWED_TAGS, ALLOWED_ATTRIBUTES, ALLOWED_URL_SCHEMES, LINK_REL)


def render_markdown(source: str) -> str:
    """The HTML stored beside a post's source and shown to members."""
    return sanitize(markdown_parser().render(source)).strip()


TAG_PATTERN = re.compile(r"<[^>]+>")
# nh3 writes every attribute double-quoted, so the targets of its output can be read with a pattern.
LINK_TARGET = re.compile(r'<a\s[^>]*?href="([^"]*)"')


def link_targets(fragment: str) -> list[str]:
    """Where the links of rendered (sanitized) HTML point: Markdown links, autolinks and whatever the renderer
    linkified ("evil.se/p"), exactly as a reader could click them. Targets nh3 dropped are not links."""
    return [html.unescape(target) for target in LINK_TARGET.findall(fragment)]


def plain_text(fragment: str) -> str:
    """Readable text of rendered HTML, for excerpts, search and muted-word matching."""
    return html.unescape(TAG_PATTERN.sub(" ", fragment)).strip()


def quote_markdown(source: str) -> str:
    """A post's source as a Markdown block quote, for quote-reply."""
    lines = source.strip().splitlines() or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines) + "\n\n"
