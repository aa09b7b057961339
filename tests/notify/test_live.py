"""The live badge over a real server: the `/member` namespace tells a member, and only that member, their
new unread count the moment a reply arrives; without a session the namespace is refused."""

from __future__ import annotations

import shutil
import threading

import pytest
import requests
import socketio

from tests.browser.conftest import seed
from tests.conftest import STRONG_PASSWORD
from tests.servers import app_server

NAMESPACE = "/member"


@pytest.fixture(scope="module")
def base_url(migrated_sqlite, tmp_path_factory):
    folder = tmp_path_factory.mktemp("live")
    database = folder / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    url = f"sqlite:///{database}"
    seed(url)
    env = {
        "BRYGGAN_DATABASE_URL": url,
        "BRYGGAN_SECRET_KEY": "live-test-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
    }
    with app_server(env) as base:
        yield base


class Member:
    """A signed-up member with an HTTP session and a /member socket that records `notifications`."""

    def __init__(self, base_url: str, username: str) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self.events: list[dict] = []
        self.arrived = threading.Condition()
        self.client = None
        answer = self.send(
            "post",
            "/signup",
            {
                "username": username,
                "password": STRONG_PASSWORD,
                "birth_date": "1970-05-31",
                "accept_guidelines": True,
            },
        )
        self.pseudonym = answer.json()["user"]["pseudonym"]

    def send(self, method: str, path: str, body=None):
        token = self.http.get(self.base_url + "/api/v1/session", timeout=10).json()["csrf_token"]
        answer = self.http.request(
            method, self.base_url + "/api/v1" + path, json=body, headers={"X-CSRF-Token": token}, timeout=30
        )
        assert answer.status_code in (200, 201, 204), answer.text
        return answer

    def connect(self) -> None:
        client = socketio.Client(reconnection=False)

        def record(data):
            with self.arrived:
                self.events.append(data)
                self.arrived.notify_all()

        client.on("notifications", record, namespace=NAMESPACE)
        cookie = "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.http.cookies)
        client.connect(
            self.base_url,
            namespaces=[NAMESPACE],
            headers={"Cookie": cookie},
            transports=["websocket"],
            wait_timeout=10,
        )
        self.client = client

    def wait_for(self, predicate, timeout: float = 15.0) -> dict:
        with self.arrived:
            assert self.arrived.wait_for(
                lambda: any(predicate(event) for event in self.events), timeout=timeout
            ), self.events
            return next(event for event in self.events if predicate(event))

    def close(self) -> None:
        if self.client is not None and self.client.connected:
            self.client.disconnect()


@pytest.fixture
def member(base_url):
    made = []

    def make(name: str) -> Member:
        made.append(Member(base_url, name))
        return made[-1]

    yield make
    for each in made:
        each.close()


def test_a_reply_updates_the_followers_badge_live_and_nobody_elses(member):
    anna, bertil, carin = member("live_anna"), member("live_bertil"), member("live_carin")
    bertil.connect()
    carin.connect()
    # On connect, the truth: nothing unread yet.
    assert bertil.wait_for(lambda event: True) == {"unread": 0, "staff_unread": 0}
    carin.wait_for(lambda event: True)
    thread = anna.send("post", "/categories/demens/threads", {"title": "Live", "body": "Hej"}).json()[
        "thread"
    ]["id"]
    bertil.send("post", f"/threads/{thread}/posts", {"body": "Jag följer."})
    anna.send("post", f"/threads/{thread}/posts", {"body": "Sov gott, *alla*."})
    event = bertil.wait_for(lambda event: event["unread"] == 1)
    assert event["latest"] == {
        "kind": "reply",
        "author": anna.pseudonym,
        "title": "Live",
        "excerpt": "Sov gott, alla.",
    }
    # Carin follows nothing and hears nothing more; Anna's own reply never counted for her.
    bertil.send("post", f"/threads/{thread}/posts", {"body": "Detsamma."})
    anna.connect()
    anna.wait_for(lambda event: event["unread"] >= 1)
    assert carin.events == [{"unread": 0, "staff_unread": 0}]


def test_marking_read_is_the_truth_on_the_next_connect(member):
    anna, bertil = member("read_anna"), member("read_bertil")
    thread = anna.send("post", "/categories/demens/threads", {"title": "Läst", "body": "Hej"}).json()[
        "thread"
    ]["id"]
    bertil.send("post", f"/threads/{thread}/posts", {"body": "Hej"})
    anna.send("post", f"/threads/{thread}/posts", {"body": "Hej igen"})
    # A page opened later hears the count and the newest one's parts for its tooltip on connect.
    bertil.connect()
    assert bertil.wait_for(lambda event: True) == {
        "unread": 1,
        "staff_unread": 0,
        "latest": {"kind": "reply", "author": anna.pseudonym, "title": "Läst", "excerpt": "Hej igen"},
    }
    bertil.close()
    bertil.events.clear()
    bertil.send("post", "/notifications/read", {})
    bertil.connect()
    assert bertil.wait_for(lambda event: True) == {"unread": 0, "staff_unread": 0}


def test_the_namespace_refuses_a_visitor_without_a_session(base_url):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(base_url, namespaces=[NAMESPACE], transports=["websocket"], wait_timeout=10)
    client.disconnect()


@pytest.mark.server
def test_the_count_crosses_processes_through_the_message_queue(
    migrated_sqlite, redis_server, tmp_path_factory
):
    folder = tmp_path_factory.mktemp("live-queue")
    database = folder / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    url = f"sqlite:///{database}"
    seed(url)
    env = {
        "BRYGGAN_DATABASE_URL": url,
        "BRYGGAN_SECRET_KEY": "live-test-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
        "BRYGGAN_MESSAGE_QUEUE": redis_server.url,
    }
    with app_server(env) as first, app_server(env) as second:
        anna, bertil = Member(first, "queue_anna"), Member(second, "queue_bertil")
        try:
            bertil.connect()  # Bertil's socket is held by the second process
            bertil.wait_for(lambda event: True)
            thread = anna.send("post", "/categories/demens/threads", {"title": "Kö", "body": "Hej"}).json()
            bertil.send("post", f"/threads/{thread['thread']['id']}/posts", {"body": "Hej"})
            anna.send("post", f"/threads/{thread['thread']['id']}/posts", {"body": "Från process ett"})
            event = bertil.wait_for(lambda event: event["unread"] == 1)
            assert event["latest"]["excerpt"] == "Från process ett"
        finally:
            anna.close()
            bertil.close()


def test_a_socket_whose_session_ended_is_cut_and_hears_nothing_more(member):
    anna, bertil = member("live_anna_ended"), member("live_bertil_ended")
    thread = anna.send("post", "/categories/demens/threads", {"title": "Hemligt", "body": "Hej"}).json()[
        "thread"
    ]["id"]
    bertil.send("post", f"/threads/{thread}/posts", {"body": "Jag följer."})
    bertil.connect()
    bertil.wait_for(lambda event: True)
    cut = threading.Event()
    bertil.client.on("disconnect", cut.set, namespace=NAMESPACE)
    # Signed out in another tab (the same cookie): every session of the account ends.
    bertil.send("post", "/logout")
    # Within a couple of seconds, by the sweep, with nothing said to the socket meanwhile.
    assert cut.wait(timeout=10), "the socket stayed open"
    anna.send("post", f"/threads/{thread}/posts", {"body": "Något privat."})
    assert all("latest" not in event for event in bertil.events)
