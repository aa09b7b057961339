"""Chat over a real server: members with an HTTP session and a real python-socketio client that records
every event, the servers' environment, and admin actions on a server's database."""

from __future__ import annotations

import itertools
import threading
from datetime import timedelta
from pathlib import Path

import requests
import socketio
from sqlalchemy import select

from accounts.models import User
from core.database import utcnow
from core.extensions import db
from moderation.models import ModeratorDuty
from tests.support.accounts import STRONG_PASSWORD
from tests.support.apps import cli
from tests.support.apps import on_database as on_database_url

NAMESPACE = "/chat"
# Test servers: rooms are not slowed down when no moderator is online unless a test asks for it.
SERVER_SETTINGS = """
CHAT_UNMODERATED_SLOW_MODE_SECONDS = 0
CHAT_SWEEP_INTERVAL_SECONDS = 0.2
"""
names = (f"chattare{index}" for index in itertools.count())


def server_env(database_url: str, settings_file: Path, **extra: str) -> dict[str, str]:
    """Environment for a test server."""
    return {
        "BRYGGAN_DATABASE_URL": database_url,
        "BRYGGAN_SECRET_KEY": "chat-test-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
        "BRYGGAN_CONFIG_FILE": str(settings_file),
        **extra,
    }


class Member:
    """A signed-up member with an HTTP session and a Socket.IO client that records every event."""

    def __init__(self, base_url: str, username: str | None = None) -> None:
        self.base_url = base_url
        self.username = username or next(names)
        self.http = requests.Session()
        self.events: list[tuple[str, dict]] = []
        self.arrived = threading.Condition()
        self.client: socketio.Client | None = None
        token = self.token()
        response = self.http.post(
            base_url + "/api/v1/signup",
            json={
                "username": self.username,
                "password": STRONG_PASSWORD,
                "birth_date": "1970-05-31",
                "accept_guidelines": True,
            },
            headers={"X-CSRF-Token": token},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        self.pseudonym = response.json()["user"]["pseudonym"]

    def token(self) -> str:
        """A current CSRF token."""
        return self.http.get(self.base_url + "/api/v1/session", timeout=10).json()["csrf_token"]

    def cookie_header(self) -> str:
        """The session cookie, as a browser would send it."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.http.cookies)

    def connect(self, origin: str | None = None, transports=("websocket",)) -> socketio.Client:
        """Open the /chat namespace with this member's session."""
        client = socketio.Client(reconnection=False)
        for event in (
            "message",
            "presence",
            "typing",
            "message_removed",
            "sanction",
            "moderators",
            "room_state",
            "message_moderated",
        ):
            client.on(event, self.recorder(event), namespace=NAMESPACE)
        headers = {"Cookie": self.cookie_header()}
        if origin is not None:
            headers["Origin"] = origin
        client.connect(
            self.base_url,
            namespaces=[NAMESPACE],
            headers=headers,
            transports=list(transports),
            wait_timeout=10,
        )
        self.client = client
        return client

    def recorder(self, event: str):
        def record(data):
            with self.arrived:
                self.events.append((event, data))
                self.arrived.notify_all()

        return record

    def call(self, event: str, data=None, timeout: float = 10):
        """Emit and wait for the ack."""
        return self.client.call(event, data, namespace=NAMESPACE, timeout=timeout)

    def wait_for(self, event: str, predicate=lambda data: True, timeout: float = 5.0):
        """The first recorded event of that name matching the predicate (waiting for it if needed)."""
        with self.arrived:
            found = self.arrived.wait_for(
                lambda: next((d for e, d in self.events if e == event and predicate(d)), None) is not None,
                timeout=timeout,
            )
            assert found, f"no {event} event arrived; got {self.events[-5:]}"
            return next(d for e, d in self.events if e == event and predicate(d))

    def round_trip(self) -> None:
        """One request and its answer. Socket.IO keeps the order of packets on a connection and the client
        records an event before it reads the next packet, so afterwards every event the server sent this
        member before answering has been recorded: a test can then assert that something did NOT arrive
        without sleeping and hoping it waited long enough."""
        answer = self.call("leave", {"room": ""})  # an answer without side effects (no such room)
        assert "ok" in answer, answer

    def received(self, event: str) -> list[dict]:
        """Every recorded event of that name."""
        with self.arrived:
            return [d for e, d in self.events if e == event]

    def close(self) -> None:
        """Disconnect if connected."""
        if self.client is not None and self.client.connected:
            self.client.disconnect()


def on_database(chat_db, action):
    """Run `action()` in an app context on the server's database (what an admin tool would do)."""
    return on_database_url(chat_db[0], action)


def set_role(chat_db, member, role: str) -> None:
    """Give a member a role through the real `flask users set-role` command."""
    cli(chat_db[0], "users", "set-role", member.username, role)


def put_on_duty(chat_db, member) -> None:
    """The moderator goes on duty ("I tjänst"), as the switch on /moderation does."""
    def start_duty():
        user_id = db.session.scalar(select(User.id).where(User.username == member.username))
        later = utcnow() + timedelta(hours=1)
        db.session.add(ModeratorDuty(user_id=user_id, started_at=utcnow(), active_until=later))

    on_database(chat_db, start_duty)
