"""A reply's fan-out costs the same number of SQL statements whether the thread has 1 follower or 30:
notification rows in one INSERT, everyone's badge count in one statement, push browsers and settings in
one each. A gevent process serves nothing else while SQLite answers, so a statement per follower would
stall every chat socket of the process while a busy thread's replies are written."""

from __future__ import annotations

import time

import pytest

from tests.notify.pushservice import BrowserKeys
from tests.support.queries import statements

# What one reply runs, request and after-commit announcement together (measured: 16 to 18 with pushes).
REPLY_STATEMENTS_MAX = 20


@pytest.fixture
def app(push_app):
    """Pushes go to the stand-in service on loopback."""
    return push_app(RATELIMIT_ENABLED=False)  # 61 members sign up from one address


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def thread_with_followers(anna, members, push_service, name: str, count: int) -> tuple[int, list]:
    """Anna's thread, followed by `count` members who replied in it; each has a browser subscribed and
    every other one chose push details (so both kinds of settings are read)."""
    thread = anna.new_thread(f"Tråd {name}", "Hur har ni det?").get_json()["thread"]["id"]
    followers = []
    for number in range(count):
        follower = members(f"{name}{number}")
        assert follower.reply(thread, "Jag följer.").status_code == 201
        keys = BrowserKeys(f"{push_service.base}/push/{name}{number}")
        answer = follower.post("/me/push/subscriptions", keys.subscription())
        assert answer.status_code == 201, answer.get_json()
        if number % 2:
            follower.send("PATCH", "/me/notification-settings", {"push_details": True})
        followers.append(follower)
    return thread, followers


def pushes_to(push_service, prefix: str) -> int:
    return sum(1 for received in push_service.received if f"/push/{prefix}" in received.path)


def test_a_reply_costs_the_same_statements_with_1_or_30_followers(app, members, push_service):
    anna = members("anna")
    counted = {}
    for name, count in (("ett", 1), ("trettio", 30)):
        thread, followers = thread_with_followers(anna, members, push_service, name, count)
        for follower in followers:  # the earlier followers heard of the later ones' replies
            assert follower.post("/notifications/read").status_code in (200, 204)
        with statements(app, this_thread_only=True) as seen:
            assert anna.reply(thread, "Tack för att ni svarar.").status_code == 201
        counted[name] = len(seen)
        # Every follower was told: a notification each, and a push to each browser.
        for follower in followers:
            assert follower.get("/notifications").get_json()["unread"] == 1
        # Each follower's browser heard of every later follower's reply, then of Anna's.
        expected = count * (count - 1) // 2 + count
        wait_until(lambda name=name, expected=expected: pushes_to(push_service, name) == expected)
    assert counted["ett"] == counted["trettio"], counted
    assert counted["trettio"] <= REPLY_STATEMENTS_MAX, counted
