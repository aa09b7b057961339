"""A chat server that restarts: history replays across the restart, old messages are purged by itself, and
rows left by a disconnect that never got recorded are forgotten."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from accounts.models import User
from chat.models import ChatConnection, ChatMessage, ChatRoomMember, Room
from core.database import utcnow
from core.extensions import db
from tests.chat.conftest import Member, server_env
from tests.conftest import Api, make_app
from tests.servers import app_server, free_port
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server


def test_since_id_replays_after_a_server_restart(chat_db):
    url, settings = chat_db
    port = free_port()
    with app_server(server_env(url, settings), port=port) as base:
        anna, bertil = Member(base), Member(base)
        for each in (anna, bertil):
            each.connect()
            each.call("join", {"room": "allmant"})
        seen = bertil.call("send", {"room": "allmant", "body": "före omstart"})["message"]["id"]
        bertil.close()
        after = [
            anna.call("send", {"room": "allmant", "body": f"medan du var borta {i}"})["message"]["id"]
            for i in range(3)
        ]
        anna.close()
    with app_server(server_env(url, settings), port=port) as base:
        bertil.base_url = base
        bertil.connect()
        replay = bertil.call("join", {"room": "allmant", "since_id": seen})["history"]
        assert [item["id"] for item in replay] == after
        bertil.close()


def test_the_server_purges_expired_messages_without_a_manual_step(chat_db, tmp_path):
    url, settings = chat_db
    app = make_app(url, RATELIMIT_ENABLED=False)
    assert Api(app.test_client()).signup("gammal.skribent").status_code == 201
    with app.app_context():
        room = db.session.scalar(select(Room).where(Room.slug == "natten"))
        author = db.session.scalar(select(User).where(User.username == "gammal.skribent"))
        old = ChatMessage(
            room_id=room.id,
            author_id=author.id,
            author_pseudonym_id=author.pseudonym.id,
            body_source="gammalt",
            body_html="<p>gammalt</p>",
            created_at=utcnow() - timedelta(days=40),
        )
        db.session.add(old)
        db.session.commit()
        old_id = old.id
    # A purge every half second rather than hourly: a round that met a busy database is soon followed by
    # another, and the deadline below is generous for a loaded machine (it returns as soon as it is gone).
    frequent = tmp_path / "settings.py"
    frequent.write_text(settings.read_text() + "CHAT_PURGE_INTERVAL_SECONDS = 0.5\n")

    def purged() -> bool:
        with app.app_context():
            remaining = db.session.scalar(
                select(func.count()).select_from(ChatMessage).where(ChatMessage.id == old_id)
            )
            db.session.remove()
        return remaining == 0

    with app_server(server_env(url, frequent)):
        wait_until(purged, timeout=60, interval=0.2, message="the expired message was never purged")
    with app.app_context():
        db.engine.dispose()


def test_a_socket_whose_disconnect_was_never_recorded_stops_counting(chat_db):
    """A disconnect that met a database outage leaves its rows behind; the sweep forgets them, so the member
    (or a moderator) does not stay "online" for the life of the process."""
    url, settings = chat_db
    app = make_app(url, RATELIMIT_ENABLED=False)
    with app_server(server_env(url, settings)) as base:
        anna, ghost = Member(base), Member(base)
        anna.connect()
        assert anna.call("join", {"room": "beroende"})["online"] == 1
        with app.app_context():
            process_id = db.session.scalar(select(ChatConnection.process_id))
            ghost_user = db.session.scalar(select(User).where(User.username == ghost.username))
            room = db.session.scalar(select(Room).where(Room.slug == "beroende"))
            # What a socket that closed during an outage leaves behind: rows for a sid that is not live.
            db.session.add(
                ChatConnection(
                    sid="closed-during-an-outage",
                    process_id=process_id,
                    user_id=ghost_user.id,
                    session_version=ghost_user.session_version,
                )
            )
            db.session.flush()
            db.session.add(ChatRoomMember(sid="closed-during-an-outage", room_id=room.id))
            with anna.arrived:
                anna.events.clear()  # only what the room hears from now on counts below
            db.session.commit()

            def forgotten() -> bool:
                db.session.rollback()  # a fresh read each time
                return db.session.get(ChatConnection, "closed-during-an-outage") is None

            wait_until(forgotten, timeout=30, message="the orphaned socket row was never removed")
            assert db.session.get(ChatRoomMember, ("closed-during-an-outage", room.id)) is None
            db.engine.dispose()
        # The room hears the corrected count (nobody joined or left: it comes from the sweep).
        assert anna.wait_for("presence", lambda data: data == {"room": "beroende", "online": 1}, timeout=30)
        anna.close()
