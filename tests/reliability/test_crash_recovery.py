"""Crashes during writes: the server is killed with SIGKILL at a random moment, or its PostgreSQL is shut
down immediately and restarted under it. Members retry what was not acknowledged, with the same client ids,
and every acknowledged post and chat message is then stored exactly once."""

from __future__ import annotations

import http.client
import json
import random
import signal
import sqlite3
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
import requests
import socketio

from tests.browser.conftest import seed
from tests.conftest import migrate_to_head
from tests.reliability.writers import (
    STORED_MESSAGES,
    STORED_POSTS,
    Writer,
    assert_clean_log,
    assert_stored_exactly_once,
    integrity,
    seeded_copy,
    stored_client_ids,
    write_load_env,
)
from tests.servers import app_server, server_process
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server

ROOM = "allmant"
ITEMS = 100  # replies and chat messages each


class Workload:
    """One member replying and one chatting, in order, until stopped by a failure or the end."""

    def __init__(self, base_url: str, thread_id: int, writer: Writer, chatter: Writer) -> None:
        self.thread_id = thread_id
        self.writer, self.chatter = writer, chatter
        self.base_url = base_url
        self.next_post = 0
        self.next_message = 0
        self.errors: list[str] = []

    def write_posts(self, stop: threading.Event) -> None:
        while self.next_post < ITEMS and not stop.is_set():
            index = self.next_post
            try:
                response = self.writer.reply(
                    self.thread_id, f"post-{index}", f"Svar nummer {index}.", timeout=10
                )
            except requests.RequestException:
                return  # the server died mid-request: this reply is retried later
            if response.status_code not in (200, 201):
                return
            self.next_post += 1

    def send_messages(self, stop: threading.Event) -> None:
        while self.next_message < ITEMS and not stop.is_set():
            index = self.next_message
            try:
                answer = self.chatter.send(ROOM, f"chat-{index}", f"Meddelande nummer {index}.", timeout=3)
            except (socketio.exceptions.SocketIOError, AssertionError):
                return
            if not answer.get("ok"):
                return
            self.next_message += 1

    def run(self, stop: threading.Event) -> list[threading.Thread]:
        workers = [
            threading.Thread(target=self.write_posts, args=(stop,)),
            threading.Thread(target=self.send_messages, args=(stop,)),
        ]
        for worker in workers:
            worker.start()
        return workers

    def finish_on(self, base_url: str) -> None:
        """Reconnect to a healthy server and retry from the first unacknowledged item, with the same ids."""
        self.writer.moved_to(base_url)
        self.chatter.close()
        self.chatter.moved_to(base_url)
        self.chatter.connect_chat(ROOM)
        self.writer.refused.clear()
        self.chatter.refused.clear()
        done = threading.Event()
        for worker in self.run(done):
            worker.join(timeout=120)
        assert (self.next_post, self.next_message) == (ITEMS, ITEMS), (
            self.writer.refused + self.chatter.refused
        )


def assert_each_acknowledged_item_stored_once(
    workload: Workload, posts: list[str], messages: list[str]
) -> None:
    """Every item was acknowledged in the end, and each is stored exactly once."""
    assert set(workload.writer.acknowledged) == {f"post-{index}" for index in range(ITEMS)}
    assert set(workload.chatter.acknowledged) == {f"chat-{index}" for index in range(ITEMS)}
    assert_stored_exactly_once(posts, workload.writer.acknowledged)
    assert_stored_exactly_once(messages, workload.chatter.acknowledged)


@pytest.mark.parametrize("seed_value", [11, 23, 37])
def test_sigkill_mid_write_loses_and_doubles_nothing(migrated_sqlite, tmp_path: Path, seed_value: int):
    database = seeded_copy(migrated_sqlite, tmp_path)
    env = write_load_env(f"sqlite:///{database}", tmp_path / "settings.py")
    command = [sys.executable, "app.py"]
    with server_process(command, env, "/api/v1/session", log_path=tmp_path / "first.log") as (url, process):
        writer = Writer(url, "skrivare").signup()
        chatter = Writer(url, "chattare").signup()
        thread_id = writer.start_thread("Krasch")
        chatter.connect_chat(ROOM)
        workload = Workload(url, thread_id, writer, chatter)
        workers = workload.run(threading.Event())
        # A random moment in the middle of the stream: after some number of acknowledged writes, plus a
        # random fraction of one write's time, so the kill lands anywhere in a request's life.
        chance = random.Random(seed_value)
        kill_after, extra_sleep = chance.randrange(10, ITEMS // 2), chance.uniform(0, 0.01)
        deadline = time.monotonic() + 60
        while workload.next_post + workload.next_message < kill_after and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(extra_sleep)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        for worker in workers:
            worker.join(timeout=30)
    killed_at = (workload.next_post, workload.next_message)
    assert killed_at != (ITEMS, ITEMS), "the server was killed after the work was done: nothing was tested"

    with app_server(env, log_path=tmp_path / "second.log") as url:
        workload.finish_on(url)
    assert_clean_log((tmp_path / "second.log").read_text(errors="replace"))
    posts, messages = stored_client_ids(database)
    assert_each_acknowledged_item_stored_once(workload, posts, messages)
    assert integrity(database) == "ok"


@pytest.mark.postgres
def test_postgres_restarted_under_the_app_gives_503_meanwhile_and_recovers_by_itself(
    postgres_server, tmp_path: Path
):
    url = postgres_server.create_database("bryggan_restart")
    migrate_to_head(url)
    seed(url)
    settings = tmp_path / "settings.py"
    env = write_load_env(url, settings)
    # The maintenance loop stays away from the database during the test, so that only pool pre-ping can
    # find the pool's dead connections in the second restart below.
    settings.write_text(settings.read_text() + "CHAT_SWEEP_INTERVAL_SECONDS = 120\n")
    log = tmp_path / "server.log"
    with app_server(env, log_path=log) as base:
        writer = Writer(base, "skrivare").signup()
        chatter = Writer(base, "chattare").signup()
        thread_id = writer.start_thread("Omstart")
        chatter.connect_chat(ROOM)
        workload = Workload(base, thread_id, writer, chatter)
        workers = workload.run(threading.Event())
        # Mid-stream: both writers have had writes acknowledged, and more are on their way.
        wait_until(lambda: min(workload.next_post, workload.next_message) >= 3, message="no writes")
        postgres_server.stop_immediately()
        for worker in workers:
            worker.join(timeout=30)
        assert not any(worker.is_alive() for worker in workers), "a request hung while the database was down"
        # What stopped the stream was a clear refusal, not a hang, a 500 or a broken connection.
        assert workload.writer.refused and " 503 " in workload.writer.refused[-1], workload.writer.refused
        assert workload.chatter.refused and "'unavailable'" in workload.chatter.refused[-1]

        # While the database is down: quick, clear answers, never a hang.
        started = time.monotonic()
        api = writer.http.post(
            f"{base}/api/v1/threads/{thread_id}/posts",
            json={"body": "Medan databasen är nere."},
            headers={"X-CSRF-Token": writer.token},
            timeout=15,
        )
        assert api.status_code == 503
        assert api.json()["error"]["code"] == "unavailable"
        assert api.headers["Retry-After"] == "5"
        page = writer.http.get(f"{base}/threads/{thread_id}", timeout=15)
        assert page.status_code == 503 and "text/html" in page.headers["Content-Type"]
        assert "Försök igen om en minut" in page.text
        ack = chatter.chat.call(
            "send", {"room": ROOM, "body": "Medan databasen är nere."}, namespace="/chat", timeout=15
        )
        assert ack["ok"] is False and ack["error"]["code"] == "unavailable"
        assert time.monotonic() - started < 6  # three answers, each in well under two seconds
        # A new socket is refused with a reason the room page acts on (it tries again by itself).
        assert writer.connect_refusal() == {"message": "unavailable"}
        assert writer.connect_refusal("/moderation") == {"message": "unavailable"}

        postgres_server.start_again()
        # No restart of the app: the pool finds its dead connections and opens new ones.
        assert writer.http.get(base + "/api/v1/categories", timeout=15).status_code == 200
        workload.finish_on(base)

        # A restart while nobody asks anything: the pooled connections are all dead, and the very first
        # request after it must still succeed, because each connection is pinged before use.
        postgres_server.stop_immediately()
        postgres_server.start_again()
        assert writer.http.get(base + "/api/v1/categories", timeout=15).status_code == 200
        back = chatter.chat.call(
            "send", {"room": ROOM, "body": "Tillbaka igen."}, namespace="/chat", timeout=15
        )
        assert back["ok"], back

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        posts = [tuple(row) for row in connection.execute(STORED_POSTS)]
        messages = [tuple(row) for row in connection.execute(STORED_MESSAGES)]
    assert_each_acknowledged_item_stored_once(workload, posts, messages)
    assert "Traceback" not in log.read_text(errors="replace")


def wait_for_row(database: Path, query: str, timeout: float = 10.0) -> int:
    """The id of the row the query finds, once it is committed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            row = connection.execute(query).fetchone()
        if row is not None:
            return row[0]
        time.sleep(0.02)
    raise AssertionError(f"nothing committed for {query}")


def test_a_write_committed_just_before_the_kill_is_stored_once_after_the_retry(
    migrated_sqlite, tmp_path: Path
):
    """The worst moment, made certain: the write is committed, the acknowledgement never reaches the member
    (the server dies first), and the member retries with the same id."""
    database = seeded_copy(migrated_sqlite, tmp_path)
    env = write_load_env(f"sqlite:///{database}", tmp_path / "settings.py")
    command = [sys.executable, "app.py"]
    with server_process(command, env, "/api/v1/session", log_path=tmp_path / "first.log") as (url, process):
        writer = Writer(url, "skrivare").signup()
        chatter = Writer(url, "chattare").signup()
        thread_id = writer.start_thread("Förlorat svar")
        chatter.connect_chat(ROOM)
        # The reply goes out over a bare connection whose answer is never read.
        port = int(url.rsplit(":", 1)[1])
        lost = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        lost.request(
            "POST",
            f"/api/v1/threads/{thread_id}/posts",
            body=json.dumps({"body": "Sparat men aldrig kvitterat.", "client_id": "lost-post"}),
            headers={
                "Content-Type": "application/json",
                "X-CSRF-Token": writer.token,
                "Cookie": writer.cookie_header(),
            },
        )
        chatter.chat.emit(
            "send", {"room": ROOM, "body": "Också borta.", "client_id": "lost-chat"}, namespace="/chat"
        )
        post_id = wait_for_row(database, "SELECT id FROM posts WHERE client_id = 'lost-post'")
        message_id = wait_for_row(database, "SELECT id FROM chat_messages WHERE client_id = 'lost-chat'")
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        lost.close()
        chatter.close()

    with app_server(env, log_path=tmp_path / "second.log") as url:
        writer.moved_to(url)
        retried = writer.reply(thread_id, "lost-post", "Sparat men aldrig kvitterat.")
        assert retried.status_code == 200  # stored before: the same post, not a second one
        assert retried.json()["post"]["id"] == post_id
        chatter.moved_to(url)
        chatter.connect_chat(ROOM)
        answer = chatter.send(ROOM, "lost-chat", "Också borta.")
        assert answer["ok"] and answer["message"]["id"] == message_id
        chatter.close()
    posts, messages = stored_client_ids(database)
    assert [client_id for client_id, _ in posts].count("lost-post") == 1
    assert [client_id for client_id, _ in messages].count("lost-chat") == 1
    assert integrity(database) == "ok"
