"""The home page's live signals over HTTP: numbers move, nothing leaks, small counts hide."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.extensions import socketio
from core.signals import SMALL_COUNT, shown_count
from tests.html import parse


@pytest.fixture
def fresh(seeded):
    """The app with signals read anew on every request (the cache has its own test)."""
    seeded.config["LIVE_SIGNALS_SECONDS"] = 0
    return seeded


def members(new_api, count: int, prefix: str = "medlem") -> list:
    made = []
    for index in range(count):
        member = new_api()
        assert member.signup(f"{prefix}{index}").status_code == 201
        made.append(member)
    return made


def pseudonym(member) -> str:
    return member.get("/session").get_json()["user"]["pseudonym"]


def chat_signal(client) -> str:
    """The text of the "in the chat right now" number a visitor sees."""
    html = client.get("/").get_data(as_text=True)
    found = re.search(r'id="signal-chat">\s*<span class="signal__value[^"]*">([^<]*)</span>', html)
    assert found, html
    return found.group(1)


def thread_signals(client) -> str:
    html = client.get("/").get_data(as_text=True)
    start = html.index('id="signal-threads"')
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start : html.index("</ul>", start)]))


def test_small_counts_are_never_shown_as_they_are():
    assert [shown_count(number) for number in range(SMALL_COUNT)] == [None] * SMALL_COUNT
    assert shown_count(SMALL_COUNT) == SMALL_COUNT and shown_count(37) == 37


def test_the_chat_count_moves_when_members_join_a_room_and_names_never_show(fresh, new_api, client):
    people = members(new_api, 5)
    assert chat_signal(client) == "färre än 5"
    sockets = []
    for number, member in enumerate(people, start=1):
        socket = socketio.test_client(fresh, namespace="/chat", flask_test_client=member.client)
        assert socket.emit("join", {"room": "allmant"}, namespace="/chat", callback=True)["ok"]
        sockets.append(socket)
        expected = str(number) if number >= SMALL_COUNT else "färre än 5"
        assert chat_signal(client) == expected, number
    home = client.get("/").get_data(as_text=True)
    assert not any(pseudonym(member) in home for member in people)
    sockets[0].disconnect(namespace="/chat")
    assert chat_signal(client) == "färre än 5"
    for socket in sockets[1:]:
        socket.disconnect(namespace="/chat")


def test_new_threads_are_counted_per_category_without_titles_or_writers(fresh, new_api, client):
    writer, other = members(new_api, 2)
    assert "Färre än 5 i varje kategori." in thread_signals(client)
    titles = [f"Hemlig rubrik nummer {index}" for index in range(5)]
    for title in titles[:4]:
        assert writer.new_thread(title, "Text").status_code == 201
    assert "Demens" not in thread_signals(client)
    assert other.new_thread(titles[4], "Text").status_code == 201
    signals = thread_signals(client)
    assert "Demens 5" in signals and "I övriga kategorier: färre än 5 i varje." in signals
    home = client.get("/").get_data(as_text=True)
    assert not any(title in home for title in titles)
    assert pseudonym(writer) not in home and pseudonym(other) not in home
    # The same signals on the visitor's forum page, and the same discretion.
    forum = client.get("/forum").get_data(as_text=True)
    assert "Demens" in forum and not any(title in forum for title in titles)


def test_the_signals_are_read_at_most_every_few_seconds(seeded, new_api, client):
    seeded.config["LIVE_SIGNALS_SECONDS"] = 60
    writer = members(new_api, 1)[0]
    assert "Färre än 5 i varje kategori." in thread_signals(client)
    for index in range(5):
        writer.new_thread(f"Tråd {index}", "Text")
    assert "Färre än 5 i varje kategori." in thread_signals(client)  # still the cached reading
    seeded.config["LIVE_SIGNALS_SECONDS"] = 0
    assert "Demens 5" in thread_signals(client)


def test_the_home_page_says_when_a_moderator_is_here_without_naming_anyone(fresh, new_api, runner, client):
    admin, moderator = members(new_api, 2, prefix="personal")
    runner.invoke(args=["users", "set-role", "personal0", "admin"])
    runner.invoke(args=["users", "set-role", "personal1", "moderator"])
    assert "Moderatorer har uppsikt över forumet och chatten." in client.get("/").get_data(as_text=True)
    start = (datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(days=1)).replace(
        hour=9, minute=30, second=0, microsecond=0
    )
    shift = {"pseudonym": pseudonym(moderator), "starts_at": start.isoformat(),
             "ends_at": (start + timedelta(hours=3)).isoformat()}
    assert admin.post("/moderation/shifts", shift).status_code == 201
    home = client.get("/").get_data(as_text=True)
    assert "Nästa moderator är här i morgon kl. 09:30." in home
    assert pseudonym(moderator) not in home and pseudonym(admin) not in home
    assert moderator.send("PUT", "/moderation/duty", {"on_duty": True}).status_code == 200
    home = client.get("/").get_data(as_text=True)
    assert "En moderator är här nu." in home and "Nästa moderator" not in home
    assert pseudonym(moderator) not in home


def test_the_home_page_has_one_h1_and_labelled_signals(fresh, client):
    page = parse(client.get("/").get_data(as_text=True))
    assert len(page.find("h1")) == 1
    assert page.inline_scripts == 0
