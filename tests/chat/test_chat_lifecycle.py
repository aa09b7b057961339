"""A chat server that restarts: history replays across the restart, old messages are purged by itself."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from chat.models import ChatMessage, Room
from core.database import utcnow
from core.extensions import db
from forum.accounts.models import User
from tests.chat.conftest import Member, server_env
from tests.conftest import Api, make_app
from tests.servers import app_server, free_port

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


def test_the_server_purges_expired_messages_without_a_manual_step(chat_db):
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
    with app_server(server_env(url, settings)):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with app.app_context():
                remaining = db.session.scalar(
                    select(func.count()).select_from(ChatMessage).where(ChatMessage.id == old_id)
                )
                db.session.remove()
            if remaining == 0:
                break
            time.sleep(0.2)
    with app.app_context():
        db.engine.dispose()
    assert remaining == 0
