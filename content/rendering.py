"""Library Markdown to safe HTML: CommonMark with headings (the page title is the only h1), no raw HTML
and no images, cleaned by nh3 like every other text we show. Pure: no Flask."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from markdown_it import MarkdownIt

from core.markdown import clean_html

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "a", "ul", "ol", "li", "blockquote", "code", "pre", "hr", "h2", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "tel"})
LINK_REL = "noopener noreferrer"
TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1)
def article_parser() -> MarkdownIt:
    """The parser that renders library text."""
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable(["linkify"])
    parser.disable(["image"])
    return parser


@lru_cache(maxsize=1)
def checking_parser() -> MarkdownIt:
    """A permissive parser that sees what the renderer would drop, so the importer can name it."""
    return MarkdownIt("commonmark", {"html": True})


def render_article(source: str) -> str:
    """Sanitized HTML for an article body or a film transcript."""
    html = article_parser().render(source)
    return clean_html(html, ALLOWED_TAGS, ALLOWED_ATTRIBUTES, ALLOWED_URL_SCHEMES, LINK_REL).strip()


def markdown_problems(source: str, headings: bool = True) -> list[str]:
    """What in a text the library would not show as the author meant: headings out of order (the title is
    the only h1; levels may not be skipped; at most h4), headings in a transcript, images, HTML."""
    problems: list[str] = []
    level = 1
    for token in checking_parser().parse(source):
        line = f"line {token.map[0] + 1} of the text" if token.map else "the text"
        if token.type == "heading_open":
            found = int(token.tag[1])
            if not headings:
                problems.append(f"{line}: a transcript holds what is said; leave out headings")
            elif found == 1:
                problems.append(f"{line}: use '##' for headings; the title is the page's only top heading")
            elif found > 4:
                problems.append(f"{line}: use at most four levels of heading ('####')")
            elif found > level + 1:
                problems.append(f"{line}: a heading skips a level ({'#' * found} after {'#' * level})")
            level = found
        elif token.type == "html_block":
            problems.append(f"{line}: HTML is not shown; write Markdown")
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "image":
                    problems.append(f"{line}: images are not supported in library text")
                elif child.type == "html_inline":
                    problems.append(f"{line}: HTML is not shown; write Markdown")
    return list(dict.fromkeys(problems))


def plain_text(source: str) -> str:
    """The words of a Markdown text, for the search index."""
    words = []
    for token in article_parser().parse(source):
        if token.type == "inline":
            words.append(token.content)
    return "\n".join(words)


def plain_text_of_html(html: str) -> str:
    """The words of rendered library HTML (an uploaded film's text has no Markdown source), for the index."""
    return " ".join(unescape(TAG.sub(" ", html)).split())
