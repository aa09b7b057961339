"""GET /api/v1/me/export: everything the member wrote (posts and earlier versions, chat messages, flags,
settings), nothing anyone else wrote, as a file to keep; and the button on /account."""

from __future__ import annotations

import pytest

from core.extensions import socketio


@pytest.fixture
def anna(seeded, new_api):
    member = new_api()
    member.signup("anna.export")
    return member


@pytest.fixture
def bertil(seeded, new_api):
    member = new_api()
    member.signup("bertil.export")
    return member


def test_the_export_holds_everything_the_member_wrote_and_nothing_else(anna, bertil, app):
    thread_id = anna.new_thread("Min tråd", "Första versionen").get_json()["thread"]["id"]
    post_id = anna.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]
    assert anna.send("PATCH", f"/posts/{post_id}", {"body": "Andra versionen"}).status_code == 200
    bertil_thread = bertil.new_thread("Bertils tråd", "Bertils hemliga text").get_json()["thread"]["id"]
    bertil_post = bertil.get(f"/threads/{bertil_thread}").get_json()["posts"][0]["id"]
    anna.reply(bertil_thread, "Mitt svar till Bertil")
    assert anna.post(f"/posts/{bertil_post}/flags", {"reason": "other", "note": "Orolig"}).status_code == 201
    assert anna.send("PUT", "/me/muted-words", {"words": ["kalas"]}).status_code == 200
    app.config.update(CHAT_UNMODERATED_SLOW_MODE_SECONDS=0)
    chat = socketio.test_client(app, namespace="/chat", flask_test_client=anna.client)
    assert chat.emit("join", {"room": "natten"}, namespace="/chat", callback=True)["ok"]
    assert chat.emit("send", {"room": "natten", "body": "Vaken igen"}, namespace="/chat", callback=True)["ok"]
    chat.disconnect(namespace="/chat")

    response = anna.get("/me/export")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('attachment; filename="bryggan-')
    assert "no-store" in response.headers["Cache-Control"]
    export = response.get_json()
    assert export["account"]["login_name"] == "anna.export"
    assert [p["name"] for p in export["account"]["pseudonyms"]] == [
        anna.get("/session").get_json()["user"]["pseudonym"]
    ]
    assert [t["title"] for t in export["threads_started"]] == ["Min tråd"]
    bodies = {post["body"] for post in export["posts"]}
    assert bodies == {"Andra versionen", "Mitt svar till Bertil"}
    edited = next(post for post in export["posts"] if post["id"] == post_id)
    assert [version["body"] for version in edited["earlier_versions"]] == ["Första versionen"]
    assert [message["body"] for message in export["chat_messages"]] == ["Vaken igen"]
    assert export["flags_made"] == [
        {
            "post_id": bertil_post,
            "chat_message_id": None,
            "reason": "other",
            "note": "Orolig",
            "created_at": export["flags_made"][0]["created_at"],
        }
    ]
    assert export["muted_words"] == ["kalas"]
    text = response.get_data(as_text=True)
    assert "Bertils hemliga text" not in text and "bertil.export" not in text


def test_the_export_needs_a_signed_in_member(seeded, client):
    response = client.get("/api/v1/me/export")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "not_signed_in"


def test_the_account_page_offers_the_download(anna):
    page = anna.client.get("/account").get_data(as_text=True)
    assert 'href="/api/v1/me/export" download' in page


def test_exports_are_rate_limited_per_member(anna, app):
    app.config["RATELIMIT_EXPORTS_PER_MEMBER"] = "2 per hour"
    assert anna.get("/me/export").status_code == 200
    assert anna.get("/me/export").status_code == 200
    assert anna.get("/me/export").status_code == 429
