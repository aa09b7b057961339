"""Member-written Markdown to safe HTML: CommonMark (raw HTML off, links made clickable), then nh3. Pure."""

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


def sanitize(fragment: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes; links get our rel."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        # "*" must be given, or nh3 keeps its default generic attributes (title, lang) on every tag.
        attributes={"*": set(), **{tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


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
