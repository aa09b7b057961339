"""Titles, posts and chat messages that would show as nothing are refused (422, or an `invalid` ack), and bidi
controls never reach a title or a moderator's note (issue 13: titles and bodies of zero-width characters were
accepted, and bidi overrides kept)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from chat.models import ChatMessage
from core.extensions import db, socketio
from forum.models import Post, Thread

EMPTY_LOOKING = [
    "\u200b",
    "\u200c\u200d\u2060",
    "\ufeff",
    "\u3164\u3164",
    "\u115f\u1160",
    "\u2800",
    "\u00ad",
    "\u202e\u202c",
    "\u2066\u2069\u200e\u200f\u061c",
    " \u200b \u00a0\n\u3164 ",
]


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def assert_refused(response, field: str) -> None:
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "empty" and error["field"] == field


@pytest.mark.parametrize("text", EMPTY_LOOKING)
def test_a_thread_whose_title_or_body_shows_nothing_is_refused(anna, app, text):
    assert_refused(anna.new_thread(text, "Ett riktigt inlägg"), "title")
    assert_refused(anna.new_thread("En riktig rubrik", text), "body")
    assert count(app, Thread) == 0 and count(app, Post) == 0


@pytest.mark.parametrize("text", EMPTY_LOOKING)
def test_a_reply_or_edit_that_shows_nothing_is_refused(anna, app, text):
    thread_id = anna.new_thread().get_json()["thread"]["id"]
    assert_refused(anna.reply(thread_id, text), "body")
    post_id = anna.reply(thread_id, "Ett svar").get_json()["post"]["id"]
    assert_refused(anna.send("PATCH", f"/posts/{post_id}", {"body": text}), "body")
    assert count(app, Post) == 2


def test_bidi_controls_are_stripped_from_titles_but_kept_in_posts(anna):
    created = anna.new_thread(
        "\u202eNAL\u202c Hur \u2067orkar\u2069 ni?", "\u200fשלום\u200f, jag heter Anna."
    )
    assert created.status_code == 201
    thread_id = created.get_json()["thread"]["id"]
    thread = anna.get(f"/threads/{thread_id}").get_json()
    assert thread["thread"]["title"] == "NAL Hur orkar ni?"
    # Right-to-left writers need the marks in running text; a paragraph ends their reach.
    assert "\u200fשלום\u200f" in thread["posts"][0]["body_html"]


def test_text_with_something_visible_is_accepted(anna):
    created = anna.new_thread("Hej\u200b", "👩\u200d👩\u200d👧")
    assert created.status_code == 201


def test_a_category_name_typed_by_an_admin_loses_bidi_controls_and_cannot_look_empty(anna, runner):
    assert runner.invoke(args=["users", "set-role", "anna", "admin"]).exit_code == 0
    body = {
        "slug": "syskon",
        "name_sv": "\u202eSyskon\u202c",
        "name_en": "Siblings",
        "description_sv": "För syskon",
        "description_en": "For siblings",
    }
    created = anna.post("/categories", body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["category"]["name"] == "Syskon"
    refused = anna.post("/categories", {**body, "slug": "tomt", "name_sv": "\u200b\u3164"})
    assert refused.status_code == 422 and refused.get_json()["error"]["field"] == "name_sv"


@pytest.mark.parametrize("text", EMPTY_LOOKING)
def test_a_chat_message_that_shows_nothing_is_refused(anna, app, text):
    app.config.update(CHAT_UNMODERATED_SLOW_MODE_SECONDS=0)
    chat = socketio.test_client(app, namespace="/chat", flask_test_client=anna.client)
    assert chat.emit("join", {"room": "natten"}, namespace="/chat", callback=True)["ok"]
    ack = chat.emit("send", {"room": "natten", "body": text}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "invalid" and ack["error"]["field"] == "body"
    ack = chat.emit("send", {"room": "natten", "body": "Hej\u200b"}, namespace="/chat", callback=True)
    assert ack["ok"] is True
    chat.disconnect(namespace="/chat")
    assert count(app, ChatMessage) == 1


def test_a_moderators_note_loses_bidi_controls_and_cannot_look_empty(anna, new_api, runner):
    moderator = new_api()
    moderator.signup("moderatorn")
    assert runner.invoke(args=["users", "set-role", "moderatorn", "moderator"]).exit_code == 0
    thread_id = anna.new_thread("Rubrik", "Min granne Kalle Svensson är elak").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    edit = {"action": "edit", "body": "Min granne är elak"}
    refused = moderator.post(f"/moderation/posts/{post_id}", {**edit, "reason": "\u200b\u202e"})
    assert refused.status_code == 422
    done = moderator.post(
        f"/moderation/posts/{post_id}", {**edit, "reason": "\u202eEtt namn togs bort\u202c"}
    )
    assert done.status_code == 200
    assert anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["moderator_note"] == "Ett namn togs bort"
