"""Dates as people read them: the rules in core/dates.py, and pages that show no ISO dates as text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

from core.dates import day, when

ISO_LIKE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NOW = datetime(2026, 11, 27, 22, 30, tzinfo=UTC)  # 23:30 in Stockholm


class VisibleText(HTMLParser):
    """The text a person reads (attributes such as `<time datetime>` and scripts left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "textarea"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "textarea"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def test_moments_read_as_today_yesterday_tomorrow_or_a_date_in_swedish(app):
    with app.test_request_context("/"):
        assert when(datetime(2026, 11, 27, 22, 14, tzinfo=UTC), NOW) == "i dag 23:14"
        assert when(datetime(2026, 11, 26, 7, 2, tzinfo=UTC), NOW) == "i går 08:02"
        assert when(datetime(2026, 11, 28, 8, 30, tzinfo=UTC), NOW) == "i morgon 09:30"
        assert when(datetime(2026, 11, 20, 7, 5, tzinfo=UTC), NOW) == "20 nov. 2026"
        assert when(datetime(2025, 1, 2, 7, 5, tzinfo=UTC), NOW) == "2 jan. 2025"
        # Midnight in Stockholm is 23:00 UTC: a moment at 23:10 UTC on the 26th is "today" on the 27th.
        assert when(datetime(2026, 11, 26, 23, 10, tzinfo=UTC), NOW) == "i dag 00:10"
        assert when("2026-11-27T22:14:00+00:00", NOW) == "i dag 23:14"  # the text of a JSON shape
        assert when(None) == ""
        assert day(date(2026, 11, 27)) == "27 november 2026"


def test_moments_in_english(app):
    with app.test_request_context("/?lang=en"):
        assert when(datetime(2026, 11, 27, 22, 14, tzinfo=UTC), NOW) == "today 23:14"
        assert when(datetime(2026, 11, 26, 7, 2, tzinfo=UTC), NOW) == "yesterday 08:02"


def test_forum_pages_show_human_dates_and_keep_iso_in_the_datetime_attribute(seeded, new_api):
    anna = new_api()
    anna.signup("anna")
    thread_id = anna.new_thread("Kvällarna", "Hur gör ni?").get_json()["thread"]["id"]
    anna.reply(thread_id, "Ett svar")
    for path in (f"/threads/{thread_id}", "/forum/demens", "/account", "/forum/search?q=svar"):
        html = anna.client.get(path).get_data(as_text=True)
        text = visible_text(html)
        assert ISO_LIKE.search(text) is None, (path, ISO_LIKE.search(text).group(0))
        if path != "/account":
            assert "i dag " in text and '<time datetime="' in html, path
