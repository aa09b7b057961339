"""Small HTML inspection helpers for page tests (standard library only)."""

from __future__ import annotations

from html.parser import HTMLParser


class PageParser(HTMLParser):
    """Collects the elements and attributes that accessibility and CSP tests look at."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts = 0
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        self._in_script_without_src = tag == "script" and "src" not in attributes

    def handle_data(self, data):
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script_without_src = False

    def find(self, tag: str) -> list[dict[str, str]]:
        """Attributes of every element with this tag."""
        return [attrs for name, attrs in self.elements if name == tag]


def parse(html: str) -> PageParser:
    """Parse a page."""
    parser = PageParser()
    parser.feed(html)
    return parser


def field_value(html: str, name: str) -> str:
    """The value of the first input of that name on the page."""
    for attrs in parse(html).find("input"):
        if attrs.get("name") == name:
            return attrs["value"]
    raise AssertionError(f"no {name} field on the page")


def form_token(html: str) -> str:
    """The CSRF token of the first form on the page."""
    return field_value(html, "csrf_token")


def unlabelled_fields(html: str) -> list[str]:
    """Ids (or names) of visible form fields that no <label for> names."""
    page = parse(html)
    labelled = {attrs.get("for") for attrs in page.find("label")}
    fields = [attrs for attrs in page.find("input") if attrs.get("type") not in ("hidden", "submit")]
    fields += page.find("textarea") + page.find("select")
    return [attrs.get("id") or attrs.get("name", "?") for attrs in fields if attrs.get("id") not in labelled]
