"""Scale-out with Redis down: two processes on PostgreSQL keep serving HTTP, chat refuses messages with a
clear error instead of storing what nobody would see, and both recover by themselves when Redis returns."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from accounts.models import User
from chat.models import ChatMessage, Room
from core.database import utcnow
from core.extensions import db
from tests.browser.conftest import seed
from tests.chat.conftest import Member, server_env
from tests.conftest import make_app, migrate_to_head
from tests.prereq import redis_server_path
from tests.servers import RedisServer, app_server

pytestmark = [pytest.mark.server, pytest.mark.postgres]

ROOM = "allmant"


@pytest.fixture
def own_redis():
    """A Redis of this test's own, since the test stops it."""
    server = RedisServer(redis_server_path())
    server.start()
    yield server
    server.stop()


def store_message_directly(database_url: str, username: str, body: str) -> int:
    """Insert a chat message as another process would, without any broadcast; its id."""
    app = make_app(database_url)
    with app.app_context():
        author = db.session.scalar(select(User).where(User.username == username))
        room = db.session.scalar(select(Room).where(Room.slug == ROOM))
        message = ChatMessage(
            room=room,
            author_id=author.id,
            author_pseudonym=author.pseudonym,
            body_source=body,
            body_html=f"<p>{body}</p>",
            created_at=utcnow(),
        )
        db.session.add(message)
        db.session.commit()
        message_id = message.id
        db.engine.dispose()
    return message_id


def stored_count(database_url: str, body: str) -> int:
    """How many chat messages with this text the database holds."""
    app = make_app(database_url)
    with app.app_context():
        count = db.session.scalar(select(func.count()).where(ChatMessage.body_source == body))
        db.engine.dispose()
    return count


def send(member: Member, body: str) -> dict:
    return member.call("send", {"room": ROOM, "body": body}, timeout=15)


def test_http_keeps_serving_chat_says_unavailable_and_both_recover(
    postgres_server, own_redis, tmp_path: Path
):
    url = postgres_server.create_database("bryggan_redis_outage")
    migrate_to_head(url)
    seed(url)
    settings = tmp_path / "settings.py"
    settings.write_text("CHAT_UNMODERATED_SLOW_MODE_SECONDS = 0\nCHAT_SWEEP_INTERVAL_SECONDS = 0.2\n")
    # The HTTP rate limits stay on: with a queue they count in Redis, and must not fail when it is gone.
    env = server_env(url, settings, BRYGGAN_MESSAGE_QUEUE=own_redis.url, BRYGGAN_RATELIMIT_ENABLED="true")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with app_server(env, log_path=logs[0]) as first, app_server(env, log_path=logs[1]) as second:
        anna, bertil = Member(first), Member(second)
        try:
            anna.connect()
            bertil.connect()
            anna.call("join", {"room": ROOM})
            bertil.call("join", {"room": ROOM})
            before = send(anna, "Före avbrottet")["message"]
            bertil.wait_for("message", lambda data: data["id"] == before["id"])

            own_redis.halt()
            time.sleep(0.5)  # the listening connections notice at once; give them a moment

            # HTTP goes on in both processes, rate-limited routes included (in memory meanwhile).
            for base in (first, second):
                assert anna.http.get(base + "/forum", timeout=10).status_code == 200
                assert anna.http.get(base + "/api/v1/chat/rooms", timeout=10).status_code == 200
            login = bertil.http.post(
                second + "/api/v1/login",
                json={"username": bertil.username, "password": "fel fel fel fel"},
                headers={"X-CSRF-Token": bertil.token()},
                timeout=30,
            )
            assert login.status_code == 401  # a real answer, not a 500
            thread = anna.http.post(
                first + "/api/v1/categories/demens/threads",
                json={"title": "Under avbrottet", "body": "Forumet fungerar."},
                headers={"X-CSRF-Token": anna.token()},
                timeout=10,
            )
            assert thread.status_code == 201, thread.text

            # Chat: a clear refusal, and nothing stored that nobody would see.
            for member in (anna, bertil):  # on both processes
                during = send(member, "Under avbrottet")
                assert during["ok"] is False
                assert during["error"]["code"] == "unavailable"
                assert "försök igen" in during["error"]["message"]
            # A message that reached the database while the processes were not listening (as a third
            # process would have stored it just before noticing the outage): given out on recovery.
            stored_meanwhile = store_message_directly(url, anna.username, "Skrivet medan kön var nere")

            own_redis.start()
            deadline = time.monotonic() + 20
            after = send(anna, "Efter avbrottet")
            while not after["ok"] and time.monotonic() < deadline:
                time.sleep(0.25)
                after = send(anna, "Efter avbrottet")
            assert after["ok"], after
            # Across processes again, without a restart or a reconnect.
            assert bertil.wait_for("message", lambda data: data["id"] == after["message"]["id"], timeout=10)
            reply = send(bertil, "Välkommen tillbaka")["message"]
            assert anna.wait_for("message", lambda data: data["id"] == reply["id"], timeout=10)
            assert stored_count(url, "Under avbrottet") == 0  # refused before anything was stored
            for member in (anna, bertil):
                assert member.wait_for("message", lambda data: data["id"] == stored_meanwhile, timeout=10)
        finally:
            anna.close()
            bertil.close()
    for log in logs:
        assert "Traceback" not in log.read_text(errors="replace")
