"""Helpers for the library editor's tests: an editor's session and a valid article's fields."""

from __future__ import annotations

from flask import Flask

from tests.conftest import Api


def make_editor(app: Flask, username: str = "redaktor", role: str = "editor") -> Api:
    """A signed-in member given the editor role through the real CLI."""
    api = Api(app.test_client())
    assert api.signup(username).status_code == 201
    result = app.test_cli_runner().invoke(args=["users", "set-role", username, role])
    assert result.exit_code == 0, result.output
    return api


def article_fields(**changes) -> dict:
    """A valid new article, as the API takes it."""
    return {
        "slug": "att-orka-pa-natten",
        "kind": "article",
        "title": "Att orka på natten",
        "summary": "När sömnen inte kommer och oron tar över.",
        "topic": "egen-halsa",
        "tags": ["sömn", "oro"],
        "body": "Det är vanligt att ligga vaken.\n\n## Vad kan hjälpa?\n\n- Skriv ner det som oroar dig.",
        "sources": [{"title": "1177 Vårdguiden", "url": "https://www.1177.se/somn", "read": "2026-11-01"}],
        "reviewed_on": "2026-11-01",
        "review_by": "2027-11-01",
        **changes,
    }


def form_fields(csrf: str, **changes) -> dict:
    """The same article as the HTML form posts it."""
    fields = article_fields()
    source = fields.pop("sources")[0]
    form = {
        **fields,
        "tags": ", ".join(fields["tags"]),
        "source_title": source["title"],
        "source_url": source["url"],
        "source_read": source["read"],
        "csrf_token": csrf,
        "action": "save",
    }
    form.update(changes)
    return form
