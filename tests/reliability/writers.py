"""A member who writes through a real server: forum replies over HTTP and chat messages over Socket.IO,
each with a client id, remembering which writes the server acknowledged."""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
import socketio

from tests.browser.conftest import seed
from tests.conftest import STRONG_PASSWORD

CHAT = "/chat"
# How long a browser (socket.io-client's `timeout`, 20 s by default) lets the connection's opening take;
# python-engineio's client gives the WebSocket handshake 5 s, and a loaded machine's server may be slower
# than that to answer while still well within what a member's page waits for.
BROWSER_CONNECT_TIMEOUT = 20
# Settings for servers under write load: ten senders stand in for a room of people, so flood control and
# slow mode are opened up; the HTTP limits are off through BRYGGAN_RATELIMIT_ENABLED. Accounts are made
# quickly: these tests are about load and faults, not about the cost of argon2.
WRITE_LOAD_SETTINGS = """
PASSWORD_HASH_TIME_COST = 1
PASSWORD_HASH_MEMORY_KIB = 8
PASSWORD_HASH_PARALLELISM = 1
CHAT_BURST = 100000
CHAT_MESSAGES_PER_SECOND = 100000
CHAT_UNMODERATED_SLOW_MODE_SECONDS = 0
CHAT_SWEEP_INTERVAL_SECONDS = 0.5
"""


# Scripted members send the next message the moment the last one is acknowledged, far faster than a page:
# their connections' budget (core/socketbudget.py) is opened up as well, except where it is under test.
SCRIPTED_SOCKET_SETTINGS = """
SOCKET_PACKET_BURST = 1000000
SOCKET_PACKETS_PER_SECOND = 1000000.0
SOCKET_EVENTS_IN_FLIGHT = 1000000
"""


def write_load_env(
    database_url: str, settings_path, *, real_socket_budget: bool = False, **extra: str
) -> dict[str, str]:
    """Environment for a server taking scripted writes from one address."""
    settings_path.write_text(WRITE_LOAD_SETTINGS + ("" if real_socket_budget else SCRIPTED_SOCKET_SETTINGS))
    return {
        "BRYGGAN_DATABASE_URL": database_url,
        "BRYGGAN_SECRET_KEY": "reliability-test-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
        "BRYGGAN_CONFIG_FILE": str(settings_path),
        **extra,
    }


@dataclass
class Writer:
    """One member on one server."""

    base_url: str
    username: str
    http: requests.Session = field(default_factory=requests.Session)
    chat: socketio.Client | None = None
    token: str = ""
    # client id -> what the server answered when it acknowledged the write
    acknowledged: dict[str, dict] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    def signup(self) -> Writer:
        """Make the account (and sign in)."""
        self.token = self.http.get(self.base_url + "/api/v1/session", timeout=10).json()["csrf_token"]
        response = self.http.post(
            self.base_url + "/api/v1/signup",
            json={
                "username": self.username,
                "password": STRONG_PASSWORD,
                "birth_date": "1970-05-31",
                "accept_guidelines": True,
            },
            headers={"X-CSRF-Token": self.token},
            timeout=60,
        )
        assert response.status_code == 201, response.text
        self.token = response.json()["csrf_token"]
        return self

    def start_thread(self, title: str, body: str = "Start.") -> int:
        """Start a thread in the dementia category; its id."""
        response = self.http.post(
            self.base_url + "/api/v1/categories/demens/threads",
            json={"title": title, "body": body},
            headers={"X-CSRF-Token": self.token},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        return response.json()["thread"]["id"]

    def moved_to(self, base_url: str) -> Writer:
        """The same member (same session cookie) talking to another server, or the restarted one."""
        self.base_url = base_url
        self.chat = None
        return self

    def reply(self, thread_id: int, client_id: str, body: str, timeout: float = 30) -> requests.Response:
        """Reply in a thread; an acknowledged reply is remembered."""
        response = self.http.post(
            f"{self.base_url}/api/v1/threads/{thread_id}/posts",
            json={"body": body, "client_id": client_id},
            headers={"X-CSRF-Token": self.token},
            timeout=timeout,
        )
        if response.status_code in (200, 201):
            self.acknowledged[client_id] = response.json()["post"]
        else:
            self.refused.append(f"{client_id}: {response.status_code} {response.text[:200]}")
        return response

    def cookie_header(self) -> str:
        """This member's cookies as one Cookie header, for clients other than the HTTP session."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.http.cookies)

    def open_socket(self, client: socketio.Client, namespace: str) -> None:
        """Connect a Socket.IO client to a namespace with this member's session cookie."""
        client.connect(
            self.base_url,
            namespaces=[namespace],
            headers={"Cookie": self.cookie_header()},
            transports=["websocket"],
            wait_timeout=10,
        )
        wait_like_a_browser(client)

    def connect_chat(self, room: str) -> None:
        """Open the chat namespace and join the room."""
        client = socketio.Client(reconnection=False, request_timeout=BROWSER_CONNECT_TIMEOUT)
        self.open_socket(client, CHAT)
        answer = client.call("join", {"room": room}, namespace=CHAT, timeout=30)
        assert answer["ok"], answer
        self.chat = client

    def connect_refusal(self, namespace: str = CHAT) -> object:
        """Try to open a namespace that should refuse; what the server gave as its reason."""
        reasons: list = []
        client = socketio.Client(reconnection=False)
        client.on("connect_error", reasons.append, namespace=namespace)
        try:
            self.open_socket(client, namespace)
        except socketio.exceptions.ConnectionError:
            pass
        finally:
            client.disconnect()
        assert len(reasons) == 1, reasons
        return reasons[0]

    def send(self, room: str, client_id: str, body: str, timeout: float = 30) -> dict:
        """Send a chat message; an acknowledged message is remembered."""
        assert self.chat is not None
        answer = self.chat.call(
            "send", {"room": room, "body": body, "client_id": client_id}, namespace=CHAT, timeout=timeout
        )
        if answer.get("ok"):
            self.acknowledged[client_id] = answer["message"]
        else:
            self.refused.append(f"{client_id}: {answer}")
        return answer

    def close(self) -> None:
        """Hang up the chat."""
        if self.chat is not None and self.chat.connected:
            self.chat.disconnect()


def wait_like_a_browser(client: socketio.Client) -> None:
    """Give up on a quiet server when a browser would, not sooner.

    A browser (socket.io-client) closes the connection when nothing has come from the server for
    pingInterval + pingTimeout (45 s with the server's 25 + 20), as the Engine.IO protocol says.
    python-engineio's client also ends its connection when it has had nothing to *send* for
    max(pingInterval, pingTimeout) + 5 s (30 s): a member who only listens sends nothing but pongs, so a
    server ping more than 5 s late (a loaded machine) made these scripted members hang up where no browser
    would, and their next `send` waited in vain. Its write loop reads the two values on each turn, so the
    larger one is set to what makes that wait pingInterval + pingTimeout; the read timeout (45 s, fixed at
    connect) stays what the protocol says."""
    engine = client.eio
    if engine.ping_interval is not None and engine.ping_timeout is not None:
        engine.ping_timeout = engine.ping_interval + engine.ping_timeout - 5


def seeded_copy(migrated_sqlite: Path, folder: Path) -> Path:
    """A fresh, seeded SQLite database file in the folder."""
    database = folder / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    seed(f"sqlite:///{database}")
    return database


def acknowledged_by(members: list[Writer]) -> dict[str, dict]:
    """Every write the members were told was stored, by client id."""
    return {key: answer for member in members for key, answer in member.acknowledged.items()}


STORED_POSTS = "SELECT client_id, id FROM posts WHERE client_id IS NOT NULL"
STORED_MESSAGES = "SELECT client_id, id FROM chat_messages WHERE client_id IS NOT NULL"


def stored_client_ids(database_path) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(client id, row id) of every stored post and chat message, read straight from the SQLite file."""
    with sqlite3.connect(database_path) as connection:
        return (
            [tuple(row) for row in connection.execute(STORED_POSTS)],
            [tuple(row) for row in connection.execute(STORED_MESSAGES)],
        )


def assert_stored_exactly_once(stored: list[tuple[str, int]], acknowledged: dict[str, dict]) -> None:
    """Each acknowledged write is stored once, under the id its acknowledgement gave, and nothing else is."""
    assert Counter(client_id for client_id, _ in stored) == Counter(acknowledged.keys())
    assert dict(stored) == {client_id: answer["id"] for client_id, answer in acknowledged.items()}


def integrity(database_path) -> str:
    """What PRAGMA integrity_check says of the file."""
    with sqlite3.connect(database_path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


# What the servers log when the database refused or could not be reached (see core.errors and
# chat.background): none of it may appear when the promise is that writers never meet a locked database.
DATABASE_TROUBLE = ("database is locked", "database unavailable", "out of reach", "waits for the database")


def assert_clean_log(text: str) -> None:
    """No traceback and no database trouble in a server's log."""
    assert "Traceback" not in text, text[-3000:]
    for trouble in DATABASE_TROUBLE:
        assert trouble not in text, f"{trouble!r} in the log:\n{text[-3000:]}"
