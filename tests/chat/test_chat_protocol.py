"""The /chat namespace against a real gevent server with real python-socketio clients."""

from __future__ import annotations

import math
import time
from datetime import timedelta

import pytest
import socketio
from sqlalchemy import update

from accounts.models import User
from config import defaults
from core.database import utcnow
from core.extensions import db
from tests.chat.conftest import NAMESPACE
from tests.conftest import STRONG_PASSWORD
from tests.support.chat import on_database, put_on_duty, set_role
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server
# The test servers keep the default presence interval (tests/chat/conftest.py does not change it).
PRESENCE_INTERVAL = defaults.CHAT_PRESENCE_INTERVAL_SECONDS


def test_connection_without_a_session_is_refused(chat_url):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(chat_url, namespaces=[NAMESPACE], transports=["websocket"], wait_timeout=5)


@pytest.mark.parametrize("transport", ["polling", "websocket"])
def test_cross_site_origin_is_refused_and_own_origin_accepted(member, chat_url, transport):
    anna = member()
    if transport == "polling":
        with pytest.raises(socketio.exceptions.ConnectionError):
            anna.connect(origin="https://evil.example", transports=("polling",))
        anna.connect(origin=chat_url, transports=("polling",))
        assert anna.call("join", {"room": "allmant"})["ok"] is True
        return
    # A websocket handshake straight from another site (the cross-site WebSocket hijacking case).
    import websocket

    address = chat_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket.create_connection(
            address, origin="https://evil.example", cookie=anna.cookie_header(), timeout=5
        )
    own = websocket.create_connection(address, origin=chat_url, cookie=anna.cookie_header(), timeout=5)
    assert own.recv().startswith("0{")  # the Engine.IO open packet
    own.close()


def test_join_gives_history_online_count_and_room_state(member):
    anna, bertil = member(), member()
    anna.connect()
    bertil.connect()
    assert anna.call("join", {"room": "allmant"})["ok"]
    ack = bertil.call("join", {"room": "allmant"})
    assert ack["ok"] is True
    assert ack["online"] >= 2
    assert isinstance(ack["history"], list)
    assert ack["moderator_online"] in (True, False)
    presence = anna.wait_for("presence", lambda data: data["room"] == "allmant" and data["online"] >= 2)
    assert presence["online"] >= 2


def test_messages_reach_everyone_in_the_room_and_are_stored_first(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "natten"})
    ack = anna.call("send", {"room": "natten", "body": "Hej, någon **vaken**?"})
    assert ack["ok"] is True
    message = ack["message"]
    assert message["body_html"] == "<p>Hej, någon <strong>vaken</strong>?</p>"
    assert message["author"] == {"pseudonym": anna.pseudonym}
    assert set(message) == {"id", "room", "author", "body_html", "created_at"}
    received = bertil.wait_for("message", lambda data: data["id"] == message["id"])
    assert received == message
    assert anna.username not in str(received)
    later = member()
    later.connect()
    history = later.call("join", {"room": "natten"})["history"]
    assert message in history


def test_since_id_replays_exactly_the_missed_messages_in_order(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "demens"})
    first = anna.call("send", {"room": "demens", "body": "ett"})["message"]["id"]
    bertil.close()
    sent = [
        anna.call("send", {"room": "demens", "body": body})["message"]["id"]
        for body in ("två", "tre", "fyra")
    ]
    bertil.connect()
    replay = bertil.call("join", {"room": "demens", "since_id": first})["history"]
    assert [item["id"] for item in replay] == sent
    assert [item["body_html"] for item in replay] == ["<p>två</p>", "<p>tre</p>", "<p>fyra</p>"]


def test_a_retry_with_the_same_client_id_is_stored_once(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "beroende"})
    first = anna.call("send", {"room": "beroende", "body": "Bara en gång", "client_id": "abc-123"})
    retry = anna.call("send", {"room": "beroende", "body": "Bara en gång", "client_id": "abc-123"})
    assert first["ok"] and retry["ok"]
    assert first["message"]["id"] == retry["message"]["id"]
    bertil.wait_for("message", lambda data: data["body_html"] == "<p>Bara en gång</p>")
    bertil.round_trip()  # a second copy, had one been broadcast, would have arrived before this answer
    copies = [m for m in bertil.received("message") if m["body_html"] == "<p>Bara en gång</p>"]
    assert len(copies) == 1
    # The same id for a message in another room is a mistake, not a retry.
    anna.call("join", {"room": "natten"})
    elsewhere = anna.call("send", {"room": "natten", "body": "Bara en gång", "client_id": "abc-123"})
    assert elsewhere["ok"] is False and elsewhere["error"]["code"] == "client_id_reused"


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"room": "allmant", "body": "x" * 1001}, "too_long"),
        ({"room": "allmant", "body": "   "}, "invalid"),
        ({"room": "allmant", "body": 42}, "invalid"),
        ({"room": "allmant"}, "invalid"),
        ({"room": "psykisk-ohalsa", "body": "hej"}, "not_in_room"),
        ({"room": "finns-inte", "body": "hej"}, "not_found"),
        ({"room": "allmant", "body": "hej", "client_id": "<script>"}, "invalid"),
        ({"room": ["allmant"], "body": "hej"}, "not_found"),
    ],
)
def test_refused_sends_say_why(member, payload, code):
    anna = member()
    anna.connect()
    anna.call("join", {"room": "allmant"})
    ack = anna.call("send", payload)
    assert ack["ok"] is False
    assert ack["error"]["code"] == code
    assert ack["error"]["message"]


def test_exactly_a_thousand_characters_is_fine(member):
    anna = member()
    anna.connect()
    anna.call("join", {"room": "allmant"})
    assert anna.call("send", {"room": "allmant", "body": "å" * 1000})["ok"] is True


def test_malformed_events_never_break_the_connection(member):
    anna = member()
    anna.connect()
    for event, data in (
        ("join", None),
        ("join", "allmant"),
        ("send", [1, 2]),
        ("send", b"\x00\xff"),
        ("typing", 5),
        ("flag", {"message_id": "x"}),
        ("remove", {}),
        ("leave", {"room": None}),
    ):
        ack = anna.call(event, data)
        assert ack["ok"] is False, (event, data)
        assert ack["error"]["code"] in ("invalid", "not_found", "forbidden"), ack
    anna.client.emit("no_such_event", {"x": 1}, namespace=NAMESPACE)
    assert anna.call("join", {"room": "allmant"})["ok"] is True


def test_flooding_is_refused_with_a_wait_time(member):
    anna = member()
    anna.connect()
    anna.call("join", {"room": "psykisk-ohalsa"})
    acks = [anna.call("send", {"room": "psykisk-ohalsa", "body": f"snabbt {i}"}) for i in range(8)]
    assert all(ack["ok"] for ack in acks[:5])
    refused = [ack for ack in acks if not ack["ok"]]
    assert refused and refused[0]["error"]["code"] == "rate_limited"
    assert refused[0]["error"]["retry_after"] > 0
    # Waiting as long as the last refusal asked (it is rounded to a tenth of a second) is enough.
    time.sleep(refused[-1]["error"]["retry_after"] + 0.1)
    assert anna.call("send", {"room": "psykisk-ohalsa", "body": "efter en paus"})["ok"] is True


def test_typing_is_announced_to_others_and_throttled(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "natten"})
    for _ in range(5):
        assert anna.call("typing", {"room": "natten"})["ok"] is True
    bertil.wait_for("typing", lambda data: data["pseudonym"] == anna.pseudonym)
    bertil.round_trip()  # every typing event sent for the five calls has arrived by now
    assert len([t for t in bertil.received("typing") if t["pseudonym"] == anna.pseudonym]) == 1
    assert not [t for t in anna.received("typing") if t["pseudonym"] == anna.pseudonym]


def test_flagging_a_message_follows_the_forum_rules(member, chat_db):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "allmant"})
    message_id = anna.call("send", {"room": "allmant", "body": "Flagga mig"})["message"]["id"]
    assert (
        anna.call("flag", {"message_id": message_id, "reason": "spam"})["error"]["code"] == "cannot_flag_own"
    )
    assert bertil.call("flag", {"message_id": message_id, "reason": "nonsense"})["error"]["code"] == "invalid"
    assert bertil.call("flag", {"message_id": message_id, "reason": "harassment"})["ok"] is True
    assert (
        bertil.call("flag", {"message_id": message_id, "reason": "spam"})["error"]["code"]
        == "already_flagged"
    )


def test_moderators_remove_messages_live_and_members_cannot(member, chat_db):
    anna, bertil, moderator = member(), member(), member()
    set_role(chat_db, moderator, "moderator")
    for each in (anna, bertil, moderator):
        each.connect()
        each.call("join", {"room": "demens"})
    message_id = anna.call("send", {"room": "demens", "body": "Något olämpligt"})["message"]["id"]
    assert bertil.call("remove", {"message_id": message_id, "reason": "x"})["error"]["code"] == "forbidden"
    assert moderator.call("remove", {"message_id": message_id, "reason": "Bryter mot riktlinjerna"})["ok"]
    removed = bertil.wait_for("message_removed", lambda data: data["id"] == message_id)
    assert removed == {"id": message_id, "room": "demens"}
    fresh = member()
    fresh.connect()
    history = fresh.call("join", {"room": "demens"})["history"]
    assert message_id not in [item["id"] for item in history]


def test_a_muted_member_is_told_at_once_and_cannot_send(member, chat_db):
    anna, moderator = member(), member()
    set_role(chat_db, moderator, "moderator")
    for each in (anna, moderator):
        each.connect()
        each.call("join", {"room": "allmant"})
    assert moderator.call("mute", {"pseudonym": anna.pseudonym, "minutes": 30, "reason": "Lugna ner dig"})[
        "ok"
    ]
    sanction = anna.wait_for("sanction")
    assert sanction["kind"] == "mute" and sanction["until"]
    refused = anna.call("send", {"room": "allmant", "body": "Får jag skriva?"})
    assert refused["ok"] is False and refused["error"]["code"] == "muted"
    assert refused["error"]["until"] == sanction["until"]
    assert (
        anna.call("mute", {"pseudonym": moderator.pseudonym, "minutes": 30})["error"]["code"] == "forbidden"
    )


def test_slow_mode_set_by_a_moderator(member, chat_db):
    anna, moderator = member(), member()
    set_role(chat_db, moderator, "moderator")
    for each in (anna, moderator):
        each.connect()
        each.call("join", {"room": "beroende"})
    assert moderator.call("slow_mode", {"room": "beroende", "seconds": 30})["ok"]
    anna.wait_for("room_state", lambda data: data["slow_mode_seconds"] == 30)
    assert anna.call("send", {"room": "beroende", "body": "ett"})["ok"] is True
    slowed = anna.call("send", {"room": "beroende", "body": "två"})
    assert slowed["error"]["code"] == "rate_limited" and slowed["error"]["retry_after"] > 25
    assert moderator.call("send", {"room": "beroende", "body": "moderatorer skriver fritt"})["ok"]
    assert moderator.call("slow_mode", {"room": "beroende", "seconds": 0})["ok"]


@pytest.mark.parametrize("how", ["logout", "password", "suspension"])
def test_ending_a_session_disconnects_live_sockets_within_a_second(member, chat_db, chat_url, how):
    anna = member()
    anna.connect()
    anna.call("join", {"room": "allmant"})
    assert anna.client.connected
    if how == "logout":
        anna.http.post(chat_url + "/api/v1/logout", headers={"X-CSRF-Token": anna.token()}, timeout=10)
    elif how == "password":
        anna.http.post(
            chat_url + "/api/v1/me/password",
            json={"current_password": STRONG_PASSWORD, "new_password": "ett helt nytt lösenord"},
            headers={"X-CSRF-Token": anna.token()},
            timeout=30,
        )
    else:
        on_database(
            chat_db,
            lambda: db.session.execute(
                update(User)
                .where(User.username == anna.username)
                .values(suspended_until=utcnow() + timedelta(hours=1))
            ),
        )
    # The clock starts once the session has ended: a password change hashes twice with argon2, which on a
    # loaded machine takes longer than the sweep itself. The sweep runs every 0.5 s; the margin is for load.
    started = time.monotonic()
    while anna.client.connected and time.monotonic() - started < 5:
        time.sleep(0.05)
    assert not anna.client.connected
    assert time.monotonic() - started < 1.5


def test_oversized_payloads_drop_only_that_connection(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "natten"})
    anna.client.emit("send", {"room": "natten", "body": "x" * 200_000}, namespace=NAMESPACE)
    wait_until(lambda: not anna.client.connected, message="the oversized sender stayed connected")
    assert bertil.call("send", {"room": "natten", "body": "Jag är kvar"})["ok"] is True


def test_no_moderator_online_means_slow_mode_and_moderators_arriving_is_announced(member, chat_db):
    anna = member()
    anna.connect()
    # The server of this module disables unmoderated slow mode; the rule itself is unit-tested, and the
    # announcement is what the room page shows.
    anna.call("join", {"room": "natten"})
    moderator = member()
    set_role(chat_db, moderator, "moderator")
    put_on_duty(chat_db, moderator)
    moderator.connect()
    assert anna.wait_for("moderators", lambda data: data["online"] is True)
    moderator.close()
    assert anna.wait_for("moderators", lambda data: data["online"] is False)


def test_out_of_range_ids_are_invalid_not_internal_errors(member):
    anna = member()
    anna.connect()
    for event, data in (
        ("join", {"room": "allmant", "since_id": 2**70}),
        ("flag", {"message_id": 2**70, "reason": "spam"}),
        ("flag", {"message_id": True, "reason": "spam"}),
        ("join", {"room": "allmant", "since_id": -1}),
    ):
        ack = anna.call(event, data)
        assert ack["ok"] is False and ack["error"]["code"] == "invalid", (event, ack)


def test_repeated_joins_and_stray_leaves_do_not_spam_presence(member):
    anna, bertil = member(), member()
    for each in (anna, bertil):
        each.connect()
        each.call("join", {"room": "natten"})
    bertil.wait_for("presence", lambda data: data == {"room": "natten", "online": 2}, timeout=30)
    # Past the presence interval: no trailing count is pending, and a new one would go out at once.
    time.sleep(PRESENCE_INTERVAL + 0.3)
    before = len(bertil.received("presence"))
    for _ in range(10):
        anna.call("join", {"room": "natten"})
        anna.call("leave", {"room": "psykisk-ohalsa"})
    bertil.round_trip()  # a presence event the calls had caused would have arrived before this answer
    assert len(bertil.received("presence")) == before


def test_an_event_after_the_session_ended_still_gets_its_ack(member, chat_url):
    anna = member()
    anna.connect()
    anna.http.post(chat_url + "/api/v1/logout", headers={"X-CSRF-Token": anna.token()}, timeout=10)
    try:
        ack = anna.call("join", {"room": "allmant"}, timeout=3)
    except socketio.exceptions.BadNamespaceError:
        return  # the sweep was faster than this event: also a clean end
    except socketio.exceptions.TimeoutError:
        # The sweep closed the socket while the event was on its way: a clean end too, but never a hang on
        # a socket that is still open.
        assert "/chat" not in anna.client.namespaces, "no ack on an open socket"
        return
    assert ack["ok"] is False and ack["error"]["code"] == "not_signed_in"


def test_concurrent_sends_cannot_slip_past_slow_mode(member, chat_db):
    import threading

    anna, moderator = member(), member()
    set_role(chat_db, moderator, "moderator")
    for each in (anna, moderator):
        each.connect()
        each.call("join", {"room": "natten"})
    assert moderator.call("slow_mode", {"room": "natten", "seconds": 30})["ok"]
    acks = []
    senders = [
        threading.Thread(
            target=lambda i=i: acks.append(anna.call("send", {"room": "natten", "body": f"samtidigt {i}"}))
        )
        for i in range(5)
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    assert sum(1 for ack in acks if ack["ok"]) == 1
    moderator.call("slow_mode", {"room": "natten", "seconds": 0})


def test_a_suspension_by_a_moderator_takes_effect_everywhere_at_once(member, chat_db, chat_url):
    anna, moderator = member(), member()
    set_role(chat_db, moderator, "moderator")
    anna.connect()
    anna.call("join", {"room": "allmant"})
    started = time.monotonic()
    response = moderator.http.post(
        chat_url + "/api/v1/moderation/sanctions",
        json={"pseudonym": anna.pseudonym, "kind": "suspend", "hours": 1, "reason": "Hot mot andra"},
        headers={"X-CSRF-Token": moderator.token()},
        timeout=10,
    )
    assert response.status_code == 201
    assert anna.wait_for("sanction")["kind"] == "suspend"
    while anna.client.connected and time.monotonic() - started < 3:
        time.sleep(0.05)
    assert not anna.client.connected and time.monotonic() - started < 1.5
    assert anna.http.get(chat_url + "/api/v1/session", timeout=10).json()["user"] is None


def test_members_cannot_set_slow_mode(member):
    anna = member()
    anna.connect()
    assert anna.call("slow_mode", {"room": "allmant", "seconds": 60})["error"]["code"] == "forbidden"


def test_a_burst_of_joins_sends_the_room_one_trailing_count_not_one_each(member):
    watcher = member()
    watcher.connect()
    watcher.call("join", {"room": "beroende"})
    watcher.wait_for("presence", lambda data: data == {"room": "beroende", "online": 1}, timeout=30)
    time.sleep(PRESENCE_INTERVAL + 0.2)  # no trailing count of the watcher's own join is still pending
    before = len(watcher.received("presence"))
    arrivals = [member() for _ in range(6)]
    started = time.monotonic()
    for each in arrivals:
        each.connect()
        each.call("join", {"room": "beroende"})
    burst = time.monotonic() - started
    final = watcher.wait_for("presence", lambda data: data["online"] == 7, timeout=30)
    assert final == {"room": "beroende", "online": 7}
    time.sleep(PRESENCE_INTERVAL + 0.2)  # a trailing count, had one still been due, has gone out
    sent = len(watcher.received("presence")) - before
    # At most one per interval: the first at once, then one trailing count per interval the burst spanned
    # (a burst within a second gets at most three; on a loaded machine the joins themselves take longer).
    allowed = max(3, 2 + math.ceil(burst / PRESENCE_INTERVAL))
    assert 1 <= sent <= allowed, (sent, burst)
