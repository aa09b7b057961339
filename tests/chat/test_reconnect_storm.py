"""Reconnect storms for real: members of a `python app.py` server drop and come back at once.

Driven by the benchmark's Node.js load generator (bench/chat_load.mjs, storm mode) against a real server:
every member must end up joined, and every message sent during the storm must reach every member, live or
in the history of its rejoin with since_id. Bounded to a few hundred sockets; the deadlines are generous.
"""

from __future__ import annotations

import shutil

import pytest

from app import create_app
from bench.chat_runs import ensure_load_generator
from bench.chat_storm import storm
from bench.dataset import add_members
from tests.chat.conftest import SERVER_SETTINGS, server_env
from tests.servers import app_server

pytestmark = pytest.mark.server

MEMBERS = 200
SENDERS = 2
# The flood limits are per member; two senders at a few messages a second need them opened.
STORM_SETTINGS = SERVER_SETTINGS + "CHAT_BURST = 1000\nCHAT_MESSAGES_PER_SECOND = 100.0\n"


@pytest.fixture(scope="module")
def storm_members(chat_db):
    """Members with ready-made session cookies for the test servers' key: senders, then listeners."""
    if shutil.which("node") is None:
        pytest.skip("Node.js runs the load generator")
    ensure_load_generator()
    url, settings = chat_db
    settings.write_text(STORM_SETTINGS)
    signer = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "chat-test-key"})
    cookies = [member.cookie for member in add_members(signer, MEMBERS + SENDERS, prefix="storm")]
    return url, settings, cookies[:SENDERS], cookies[SENDERS:]


def run_storm(base_url: str, senders, listeners, tmp_path) -> dict:
    """One storm against a server; the load generator's summary."""
    return storm([base_url], listeners, senders, base_url + "/", 4.0, tmp_path)


def test_storm_every_member_rejoins_and_nothing_is_lost(storm_members, tmp_path):
    url, settings, senders, listeners = storm_members
    with app_server(server_env(url, settings)) as base:
        result = run_storm(base, senders, listeners, tmp_path)
    assert result["listeners"] == result["joined"] == MEMBERS
    assert result["messages_sent"] > 0 and result["send_failures"] == 0
    assert result["lost"] == 0
    assert result["http"]["failures"] == 0


def test_busy_server_refuses_connects_politely_and_everyone_still_gets_in(storm_members, tmp_path):
    url, settings, senders, listeners = storm_members
    busy = settings.with_name("busy.py")
    # 20 connects a second: 200 members coming back at once are more than that, whatever the machine's load.
    busy.write_text(STORM_SETTINGS + "CHAT_CONNECTS_PER_SECOND = 20\n")
    with app_server(server_env(url, busy)) as base:
        result = run_storm(base, senders, listeners, tmp_path)
    assert result["refusals"] > 0  # refused as "unavailable", then in after a jittered retry
    assert result["listeners"] == result["joined"] == MEMBERS
    assert result["lost"] == 0
