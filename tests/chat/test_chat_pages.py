"""Chat pages and the rooms API through the HTTP test client; retention; room management."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from accounts.models import User
from chat.models import ChatMessage, Room
from core.database import utcnow
from core.extensions import db
from tests.html import parse, unlabelled_fields


def test_strangers_are_told_why_the_chat_is_closed_and_get_401(seeded, client, api):
    for path in ("/chat", "/chat/allmant"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 200 and "<h1>Chatten är för medlemmar</h1>" in html, path
        assert 'href="/signup"' in html and "/login?next=" in html
        assert 'id="messages"' not in html and "socket.io" not in html
    assert api.get("/chat/rooms").status_code == 401


def test_rooms_are_seeded_and_listed_with_online_counts(anna):
    body = anna.get("/chat/rooms").get_json()
    slugs = [room["slug"] for room in body["rooms"]]
    assert slugs[:2] == ["allmant", "natten"]
    assert {"demens", "psykisk-ohalsa", "beroende", "unga-anhoriga"} <= set(slugs)
    assert all(set(room) >= {"slug", "name", "online"} and room["online"] == 0 for room in body["rooms"])
    assert body["moderator_online"] is False


def test_lobby_and_room_pages(anna):
    lobby = anna.client.get("/chat")
    html = lobby.get_data(as_text=True)
    assert lobby.status_code == 200 and "Nattöppet" in html
    assert "Ingen moderator är inloggad just nu" in html
    room = anna.client.get("/chat/natten")
    html = room.get_data(as_text=True)
    page = parse(html)
    assert room.status_code == 200
    assert unlabelled_fields(html) == []
    assert page.inline_scripts == 0
    messages = [attrs for attrs in page.find("ol") if attrs.get("id") == "messages"]
    assert messages and messages[0]["aria-live"] == "polite"
    scripts = [attrs["src"] for attrs in page.find("script")]
    assert "/static/vendor/socket.io-client/socket.io.min.js" in scripts
    assert anna.client.get("/static/vendor/socket.io-client/socket.io.min.js").status_code == 200
    assert room.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert anna.client.get("/chat/finns-inte").status_code == 404


def test_admins_add_rename_close_and_reopen_rooms(anna, new_api, runner):
    assert (
        anna.post("/chat/rooms", {"slug": "sorg", "name_sv": "Sorg", "name_en": "Grief"}).status_code == 403
    )
    runner.invoke(args=["users", "set-role", "anna", "admin"])
    created = anna.post("/chat/rooms", {"slug": "sorg", "name_sv": "Sorg", "name_en": "Grief"})
    assert created.status_code == 201 and created.get_json()["room"]["name"] == "Sorg"
    assert anna.post("/chat/rooms", {"slug": "sorg", "name_sv": "x", "name_en": "y"}).status_code == 422
    assert anna.post("/chat/rooms", {"slug": "Fel Slug", "name_sv": "x", "name_en": "y"}).status_code == 422
    renamed = anna.send("PATCH", "/chat/rooms/sorg", {"name_sv": "Sorg och saknad"})
    assert renamed.get_json()["room"]["name"] == "Sorg och saknad"
    assert anna.send("PATCH", "/chat/rooms/sorg", {"closed": True}).get_json()["room"]["closed"] is True
    member = new_api()
    member.signup("bertil")
    assert "sorg" not in [room["slug"] for room in member.get("/chat/rooms").get_json()["rooms"]]
    assert member.client.get("/chat/sorg").status_code == 409
    assert member.send("PATCH", "/chat/rooms/sorg", {"closed": False}).status_code == 403
    assert anna.send("PATCH", "/chat/rooms/sorg", {"closed": False}).get_json()["room"]["closed"] is False
    assert "sorg" in [room["slug"] for room in member.get("/chat/rooms").get_json()["rooms"]]


def test_moderators_set_slow_mode_but_cannot_rename(anna, runner):
    runner.invoke(args=["users", "set-role", "anna", "moderator"])
    assert (
        anna.send("PATCH", "/chat/rooms/allmant", {"slow_mode_seconds": 20}).get_json()["room"][
            "slow_mode_seconds"
        ]
        == 20
    )
    assert anna.send("PATCH", "/chat/rooms/allmant", {"slow_mode_seconds": -1}).status_code == 422
    assert anna.send("PATCH", "/chat/rooms/allmant", {"name_sv": "Nytt"}).status_code == 403


def test_messages_older_than_the_retention_period_are_purged(anna, app, runner):
    with app.app_context():
        room = db.session.scalar(select(Room).where(Room.slug == "allmant"))
        user = db.session.scalar(select(User))
        for age_days in (31, 29, 0):
            db.session.add(
                ChatMessage(
                    room_id=room.id,
                    author_id=user.id,
                    author_pseudonym_id=user.pseudonym.id,
                    body_source="x",
                    body_html="<p>x</p>",
                    created_at=utcnow() - timedelta(days=age_days),
                )
            )
        db.session.commit()
    result = runner.invoke(args=["chat", "purge"])
    assert result.exit_code == 0 and "Purged 1" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 2
    app.config["CHAT_RETENTION_DAYS"] = 7
    assert "Purged 1" in runner.invoke(args=["chat", "purge"]).output
