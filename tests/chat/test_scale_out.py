"""Scale-out for real: Redis as the message queue, two server processes on PostgreSQL, one client on each."""

from __future__ import annotations

import pytest

from tests.browser.conftest import seed
from tests.chat.conftest import Member, server_env
from tests.conftest import make_app, migrate_to_head
from tests.servers import app_server
from tests.support.chat import put_on_duty
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.server, pytest.mark.postgres]


@pytest.fixture(scope="module")
def two_servers(postgres_server, redis_server, tmp_path_factory):
    """Two `python app.py` processes sharing a PostgreSQL database and a Redis message queue."""
    url = postgres_server.create_database("bryggan_scale")
    migrate_to_head(url)
    seed(url)
    settings = tmp_path_factory.mktemp("scale") / "settings.py"
    settings.write_text("CHAT_UNMODERATED_SLOW_MODE_SECONDS = 0\nCHAT_SWEEP_INTERVAL_SECONDS = 0.2\n")
    env = server_env(url, settings, BRYGGAN_MESSAGE_QUEUE=redis_server.url)
    with app_server(env) as first, app_server(env) as second:
        yield first, second, url


def test_messages_removals_and_presence_cross_processes(two_servers):
    first, second, url = two_servers
    anna, bertil = Member(first), Member(second)
    try:
        anna.connect()
        bertil.connect()
        assert anna.call("join", {"room": "allmant"})["ok"]
        assert bertil.call("join", {"room": "allmant"})["online"] == 2  # counted across both processes
        anna.wait_for("presence", lambda data: data["online"] == 2)

        sent = anna.call("send", {"room": "allmant", "body": "Hej från process ett"})["message"]
        assert bertil.wait_for("message", lambda data: data["id"] == sent["id"]) == sent
        reply = bertil.call("send", {"room": "allmant", "body": "Hej från process två"})["message"]
        assert anna.wait_for("message", lambda data: data["id"] == reply["id"]) == reply

        app = make_app(url)
        result = app.test_cli_runner().invoke(args=["users", "set-role", bertil.username, "moderator"])
        assert result.exit_code == 0
        put_on_duty((url,), bertil)
        bertil.close()
        bertil.connect()  # a new socket picks up the role
        bertil.call("join", {"room": "allmant"})
        assert anna.wait_for("moderators", lambda data: data["online"] is True)
        assert bertil.call("remove", {"message_id": sent["id"], "reason": "test"})["ok"]
        assert anna.wait_for("message_removed", lambda data: data["id"] == sent["id"])

        assert bertil.call("mute", {"pseudonym": anna.pseudonym, "minutes": 5})["ok"]
        assert anna.wait_for("sanction")["kind"] == "mute"

        bertil.close()
        assert anna.wait_for("presence", lambda data: data["online"] == 1)
    finally:
        anna.close()
        bertil.close()


def test_logout_on_one_process_cuts_the_socket_on_the_other(two_servers):
    first, second, _url = two_servers
    anna = Member(first)
    try:
        anna.connect()
        anna.call("join", {"room": "natten"})
        anna.http.post(second + "/api/v1/logout", headers={"X-CSRF-Token": anna.token()}, timeout=10)
        wait_until(lambda: not anna.client.connected, message="the socket on the other process stayed open")
    finally:
        anna.close()


def test_rate_limits_are_shared_through_redis(two_servers, redis_server, tmp_path):
    _first, _second, url = two_servers
    settings = tmp_path / "settings.py"
    settings.write_text("")
    env = server_env(url, settings, BRYGGAN_MESSAGE_QUEUE=redis_server.url, BRYGGAN_RATELIMIT_ENABLED="true")
    with app_server(env) as one, app_server(env) as two:
        anna = Member(one)
        statuses = []
        for attempt in range(11):
            base = one if attempt % 2 else two  # alternate between the processes
            session = anna.http
            token = session.get(base + "/api/v1/session", timeout=10).json()["csrf_token"]
            response = session.post(
                base + "/api/v1/login",
                json={"username": anna.username, "password": "fel fel fel fel"},
                headers={"X-CSRF-Token": token},
                timeout=30,
            )
            statuses.append(response.status_code)
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429  # ten failures counted together, whichever process saw them


def test_moderators_on_another_process_see_a_decision_and_members_never_the_text(two_servers):
    first, second, url = two_servers
    anna, mod_one, mod_two, member = Member(first), Member(first), Member(second), Member(second)
    app = make_app(url)
    for moderator in (mod_one, mod_two):
        assert (
            app.test_cli_runner()
            .invoke(args=["users", "set-role", moderator.username, "moderator"])
            .exit_code
            == 0
        )
    try:
        for each in (anna, mod_one, mod_two, member):
            each.connect()
            assert each.call("join", {"room": "beroende"})["ok"]
        sent = anna.call("send", {"room": "beroende", "body": "Det här ska döljas"})["message"]
        member.wait_for("message", lambda data: data["id"] == sent["id"])
        reason = "Prov över två processer"
        assert mod_one.call("moderate", {"message_id": sent["id"], "action": "hide", "reason": reason})["ok"]
        marked = mod_two.wait_for("message_moderated", lambda data: data["id"] == sent["id"])
        assert marked["state"] == "hidden" and marked["decided_by"] == mod_one.pseudonym
        assert marked["reason"] == reason
        member.wait_for("message_removed", lambda data: data["id"] == sent["id"])
        assert mod_two.call("moderate", {"message_id": sent["id"], "action": "restore"})["ok"]
        mod_one.wait_for(
            "message_moderated", lambda data: data["id"] == sent["id"] and data["state"] == "shown"
        )
        member.call("typing", {"room": "beroende"})  # an ack after what the server sent this socket before
        assert member.received("message_moderated") == [] and reason not in repr(member.events)
    finally:
        for each in (anna, mod_one, mod_two, member):
            each.close()
