"""Markdown rendering and sanitizing: hostile input is neutralised, the allow-list always holds."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.markdown import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    LINK_REL,
    link_targets,
    plain_text,
    quote_markdown,
    render_markdown,
    sanitize,
)


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(fragment: str) -> list[tuple[str, dict]]:
    collector = TagCollector()
    collector.feed(fragment)
    return collector.tags


def assert_within_allow_list(fragment: str) -> None:
    for tag, attrs in tags_of(fragment):
        assert tag in ALLOWED_TAGS, (tag, fragment)
        for name, value in attrs.items():
            if tag == "a" and name == "rel":
                assert value == LINK_REL
                continue
            assert name in ALLOWED_ATTRIBUTES.get(tag, set()), (tag, name, fragment)
            if name == "href":
                assert value.lower().startswith(("http://", "https://")), value


# Ported from the usual XSS cheat sheets (OWASP filter evasion, html5sec.org, bleach's and ammonia's tests).
HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<form action="https://evil.example"><input name=x></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<p onmouseover=alert(1)>x</p>",
    "<<script>script>alert(1)<</script>/script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "<!--<script>alert(1)//-->",
    '<img src="x` `<script>alert(1)</script>"` `>',
    "![x](https://evil.example/track.png)",
    '<a href="https://ok.example" style="position:fixed">x</a>',
    "<details open ontoggle=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(1)</x:script>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_is_neutralised(source):
    rendered = render_markdown(source)
    assert_within_allow_list(rendered)
    lowered = rendered.lower()
    # Escaped text (&lt;script&gt;) is harmless; a real tag is not (URLs are checked by the allow-list).
    for needle in ("<script", "<img", "<svg", "<iframe", "<style", "<form", "<math", "<object", "<embed"):
        assert needle not in lowered, rendered


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_html_given_to_the_sanitizer_directly_is_neutralised(source):
    assert_within_allow_list(sanitize(source))


def test_markdown_basics_render():
    html = render_markdown("**fet** *kursiv* ~~struken~~\n\n> citat\n\n- ett\n- två\n\n3. tre\n\n`kod`")
    assert "<strong>fet</strong>" in html and "<em>kursiv</em>" in html and "<s>struken</s>" in html
    assert (
        "<blockquote>" in html and "<ul>" in html and '<ol start="3">' in html and "<code>kod</code>" in html
    )


def test_links_are_clickable_and_marked_user_generated():
    html = render_markdown("Läs www.1177.se och [Anhörigas Riksförbund](https://anhoriga.se)")
    assert '<a href="http://www.1177.se" rel="nofollow noopener noreferrer ugc">' in html
    assert '<a href="https://anhoriga.se" rel="nofollow noopener noreferrer ugc">' in html


def test_headings_and_images_do_not_render():
    html = render_markdown("# Stor rubrik\n\n![bild](https://example.org/x.png)")
    assert "<h1" not in html and "<img" not in html


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>hej</b>") == "<p>&lt;b&gt;hej&lt;/b&gt;</p>"


def test_plain_text_and_quotes():
    assert plain_text("<p>Hej &amp; <strong>du</strong></p>") == "Hej &  du"
    assert quote_markdown("rad ett\n\nrad två") == "> rad ett\n>\n> rad två\n\n"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_sanitizing_is_idempotent_and_stays_within_the_allow_list(fragment):
    once = sanitize(fragment)
    assert sanitize(once) == once
    assert_within_allow_list(once)


html_fragments = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "<script>",
                "</script>",
                "<a href='javascript:x'>",
                "<a href='https://ok.example'>",
                "</a>",
                "<img src=x",
                " onerror=alert(1)>",
                "<svg>",
                "<p style='x'>",
                "<iframe>",
                "<b>",
                "</b>",
                "<!--",
                "-->",
                "&lt;",
                "&#x3C;",
                "<math>",
                "<p title='x' lang='sv' dir=rtl>",
                " class=x id=y",
                "<a title=t href=https://ok.example>",
                "<style>",
                "<em>",
                "</em>",
                "<ul><li>",
                '"',
                "'",
                ">",
                "<",
            ]
        ),
        st.text(max_size=8),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(html_fragments)
def test_html_soup_never_escapes_the_allow_list(fragment):
    once = sanitize(fragment)
    assert sanitize(once) == once
    assert_within_allow_list(once)
    assert_within_allow_list(render_markdown(fragment))


@pytest.mark.parametrize(
    "source",
    [
        '<p title="x" lang="en" dir="rtl" id="a" class="b">text</p>',
        '<a href="https://ok.example" title="t">x</a>',
        "<strong title=x>y</strong>",
    ],
)
def test_generic_attributes_never_pass(source):
    cleaned = sanitize(source)
    assert_within_allow_list(cleaned)
    assert "title=" not in cleaned and "lang=" not in cleaned


def test_markdown_link_titles_are_dropped():
    html = render_markdown('[x](https://example.org "en titel")')
    assert "title=" not in html and 'href="https://example.org"' in html


@pytest.mark.parametrize(
    ("source", "targets"),
    [
        ("[x](//evil.example/p)", ["//evil.example/p"]),
        ("Se evil.se/p", ["http://evil.se/p"]),
        ("<https://a.example>", ["https://a.example"]),
        ("[x](HTTPS://a.example) och [y](sida)", ["HTTPS://a.example", "sida"]),
        ("evil.example/p", []),  # .example is no top-level domain: the renderer makes no link of it
        ("[x](javascript:alert(1)) [y](mailto:a@b.se) ftp://a.se", []),  # nh3 drops those targets
        ("klockan 10.30, version 1.2.3, t.ex. fil.txt", []),
    ],
)
def test_link_targets_are_read_from_the_rendered_html(source, targets):
    assert link_targets(render_markdown(source)) == targets
