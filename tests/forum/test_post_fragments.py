"""Rendered posts are shared between readers only when they would see the same markup: each reader still
gets their own buttons, reaction state, ignores and CSRF token, in their own language."""

from __future__ import annotations

import re

import pytest

from forum.fragments import EXTENSION_KEY
from tests.html import form_token


@pytest.fixture
def readers(seeded, new_api):
    members = {}
    for name in ("anna", "bertil", "cecilia"):
        member = new_api()
        member.signup(name)
        members[name] = member
    return members


def page_of(member, path: str) -> str:
    return member.client.get(path).get_data(as_text=True)


def test_each_reader_sees_their_own_state_on_shared_posts(readers, app):
    anna, bertil, cecilia = readers["anna"], readers["bertil"], readers["cecilia"]
    thread_id = anna.new_thread("Delad tråd", "Första inlägget").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    path = f"/threads/{thread_id}"
    for member in (bertil, cecilia, bertil, cecilia):  # warm the shared store from both readers
        page_of(member, path)
    assert bertil.post(f"/posts/{post_id}/reactions").status_code == 200

    as_bertil, as_cecilia, as_anna = page_of(bertil, path), page_of(cecilia, path), page_of(anna, path)
    assert 'aria-pressed="true"' in as_bertil
    assert 'aria-pressed="true"' not in as_cecilia and 'aria-pressed="false"' in as_cecilia
    assert f'href="/posts/{post_id}/edit"' in as_anna
    assert (
        f'href="/posts/{post_id}/edit"' not in as_bertil and f'href="/posts/{post_id}/edit"' not in as_cecilia
    )
    for page in (as_anna, as_bertil, as_cecilia):
        tokens = set(re.findall(r'name="csrf_token" value="([^"]+)"', page))
        assert tokens == {form_token(page)}, "every form on the page carries this reader's own token"
        assert "\x00" not in page
    assert form_token(as_bertil) != form_token(as_cecilia)
    assert len(app.extensions[EXTENSION_KEY].entries) >= 2  # shared entries exist at all


def test_ignoring_the_writer_and_switching_language_change_the_post_for_that_reader_only(readers):
    anna, bertil, cecilia = readers["anna"], readers["bertil"], readers["cecilia"]
    thread_id = anna.new_thread("Språk", "Text att läsa").get_json()["thread"]["id"]
    path = f"/threads/{thread_id}"
    page_of(bertil, path)
    pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
    assert bertil.post("/me/ignored", {"pseudonym": pseudonym}).status_code in (200, 201)
    assert "Du ignorerar det här aliaset" in page_of(bertil, path)
    assert "Du ignorerar det här aliaset" not in page_of(cecilia, path)
    english = page_of(cecilia, path + "?lang=en")
    assert "I recognise this" in english and "Jag känner igen mig" not in english
    assert "Jag känner igen mig" in page_of(bertil, path + "?lang=sv")


def test_an_edit_is_seen_at_once_by_readers_who_had_the_old_text(readers):
    anna, bertil = readers["anna"], readers["bertil"]
    thread_id = anna.new_thread("Ändras", "Gammal text").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert "Gammal text" in page_of(bertil, f"/threads/{thread_id}")
    assert anna.send("PATCH", f"/posts/{post_id}", {"body": "Ny text"}).status_code == 200
    page = page_of(bertil, f"/threads/{thread_id}")
    assert "Ny text" in page and "Gammal text" not in page
