"""Garbage over Socket.IO at scale: signed-in attackers send thousands of malformed, oversized, binary and
unknown events, and raw WebSocket clients send broken packets, while ten members chat in the same room.
No handler may crash, every member's message must arrive at every member, and only the connections that
broke the size limit are dropped."""

from __future__ import annotations

import random
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest
import socketio
import websocket

from tests.conftest import make_app
from tests.reliability.writers import Writer, assert_clean_log, seeded_copy, write_load_env
from tests.servers import app_server
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server

ROOM = "allmant"
CHAT = "/chat"
MEMBERS = 10
MESSAGES_EACH = 20
GARBAGE_EACH = 400
EVENTS = [
    "join",
    "leave",
    "send",
    "typing",
    "flag",
    "remove",
    "mute",
    "slow_mode",
    "no_such_event",
    "",
    "x" * 300,
]


def garbage(chance: random.Random, depth: int = 0):
    """A random JSON-able value, sometimes deep, sometimes large, sometimes almost right."""
    kind = chance.randrange(12 if depth < 40 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return chance.choice([0, -1, 2**31, 2**63, -(2**64), 10**30])
    if kind == 2:
        return chance.choice([1.5, float("1e308"), -0.0])
    if kind == 3:
        return chance.choice(["", "allmant", "\x00", "\ud800", "💥" * 50, "<script>alert(1)</script>"])
    if kind == 4:
        return "x" * chance.choice([1, 1_000, 20_000, 60_000])
    if kind == 5:
        return chance.choice([True, False])
    if kind == 6:
        return bytes(chance.randrange(256) for _ in range(chance.choice([1, 100, 5_000])))
    if kind in (7, 8):
        return [garbage(chance, depth + 1) for _ in range(chance.randrange(4))]
    if kind == 9:  # almost a real event
        return {
            "room": garbage(chance, depth + 1),
            "body": garbage(chance, depth + 1),
            "client_id": garbage(chance, depth + 1),
        }
    if kind == 10:  # deep nesting
        value: object = "bottom"
        for _ in range(chance.choice([10, 200])):
            value = {"a": value}
        return value
    return {
        str(garbage(chance, depth + 1))[:40]: garbage(chance, depth + 1) for _ in range(chance.randrange(5))
    }


def polite(ack) -> bool:
    """An ack in the contract's shape that is not an internal error."""
    if not isinstance(ack, dict) or "ok" not in ack:
        return False
    return ack["ok"] is True or ack.get("error", {}).get("code") not in (
        None,
        "internal_error",
        "unavailable",
    )


def attack_with_events(attacker: Writer, seed_value: int, stats: dict) -> None:
    """Emit garbage without waiting; every twentieth one as a call, whose ack must say no politely."""
    try:
        send_garbage(attacker, seed_value, stats)
    except Exception as error:  # a dead attacker would make the test prove less: it must show
        stats["thread_errors"].append(repr(error))


def send_garbage(attacker: Writer, seed_value: int, stats: dict) -> None:
    chance = random.Random(seed_value)
    client = attacker.chat
    for index in range(GARBAGE_EACH):
        event = chance.choice(EVENTS)
        data = garbage(chance)
        if not client.connected:  # an oversized payload ends only this connection: come back
            stats["reconnects"] += 1
            attacker.connect_chat(ROOM)
            client = attacker.chat
        try:
            if index % 20 == 0 and event in ("join", "send", "typing", "flag", "remove", "leave"):
                ack = client.call(event, data, namespace=CHAT, timeout=5)
                if not polite(ack):
                    stats["bad_acks"].append(ack)
            else:
                client.emit(event, data, namespace=CHAT)
            stats["events"] += 1
        except (socketio.exceptions.SocketIOError, TypeError, ValueError):
            # Dropped for size while sending, or waiting: an ack that never comes is fine only then.
            time.sleep(0.05)
            if client.connected and index % 20 == 0:
                stats["bad_acks"].append(f"no ack for {event} while still connected")


# Frames that are not Socket.IO packets: each must close its connection. The first three are not even
# Engine.IO packets (core/socketbudget.py); the last is nested deeper than the JSON decoder can go.
MALFORMED_FRAMES = [
    "x",
    "",
    "bA",
    "42/chat,[",
    '42/chat,["send",',
    '42/chat,{"not": "a list"}',
    "4x",
    "49",
    '451-/chat,["send",{"_placeholder":true,"num":7}]',
    '42/chat,["send",' + "[" * 5000 + "]" * 5000 + "]",
]
# Frames a server may meet from a confused client and must take in its stride.
HARMLESS_FRAMES = ["2probe", "40/nowhere,", '42/chat,["send",{"room":"allmant","body":"utan session"}]']


def closed_by_server(connection) -> bool:
    """Whether the server ends the connection within two seconds."""
    deadline = time.monotonic() + 2
    try:
        while time.monotonic() < deadline:
            frame = connection.recv()
            if frame in ("1", "") or frame is None:  # Engine.IO close, or the socket closing
                return True
    except (OSError, websocket.WebSocketException):
        return True
    return False


def attack_with_raw_packets(base_url: str, seed_value: int, stats: dict) -> None:
    """A stranger's raw WebSockets: harmless odd frames and binary junk first, then one malformed frame,
    which must close that connection."""
    chance = random.Random(seed_value)
    address = base_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    try:
        for attempt in range(2 * len(MALFORMED_FRAMES)):
            connection = websocket.create_connection(address, timeout=2)
            connection.recv()  # the Engine.IO open packet
            connection.send("40/chat,")
            for _ in range(chance.randrange(1, 6)):
                connection.send(chance.choice(HARMLESS_FRAMES))
            connection.send(MALFORMED_FRAMES[attempt % len(MALFORMED_FRAMES)])
            if closed_by_server(connection):
                stats["raw_closed"] += 1
            else:
                stats["raw_left_open"].append(MALFORMED_FRAMES[attempt % len(MALFORMED_FRAMES)][:40])
            connection.close()
    except Exception as error:
        stats["thread_errors"].append(repr(error))


def test_garbage_at_scale_never_crashes_a_handler_or_touches_other_members(migrated_sqlite, tmp_path: Path):
    database = seeded_copy(migrated_sqlite, tmp_path)
    env = write_load_env(f"sqlite:///{database}", tmp_path / "settings.py")
    log = tmp_path / "server.log"
    with app_server(env, log_path=log) as url:
        members = [Writer(url, f"medlem{number}").signup() for number in range(MEMBERS)]
        attackers = [Writer(url, f"angripare{number}").signup() for number in range(3)]
        # One attacker is a moderator, so the moderators' events (mute, remove, slow_mode) parse garbage too.
        runner = make_app(f"sqlite:///{database}").test_cli_runner()
        assert runner.invoke(args=["users", "set-role", "angripare0", "moderator"]).exit_code == 0
        received: dict[str, set[int]] = {member.username: set() for member in members}
        guard = threading.Lock()
        for member in members:
            member.connect_chat(ROOM)

            def record(data, name=member.username):
                with guard:
                    received[name].add(data["id"])

            member.chat.on("message", record, namespace=CHAT)
        for attacker in attackers:
            attacker.connect_chat(ROOM)

        stats = {
            "bad_acks": [],
            "reconnects": 0,
            "events": 0,
            "raw_closed": 0,
            "raw_left_open": [],
            "thread_errors": [],
        }
        threads = [
            threading.Thread(target=attack_with_events, args=(attacker, number, stats))
            for number, attacker in enumerate(attackers)
        ] + [
            threading.Thread(target=attack_with_raw_packets, args=(url, number, stats)) for number in range(2)
        ]

        def chat(member: Writer, number: int) -> None:
            for index in range(MESSAGES_EACH):
                member.send(ROOM, f"m{number}-{index}", f"Vanligt meddelande {index} från {number}.")
                time.sleep(0.02)

        threads += [
            threading.Thread(target=chat, args=(member, number)) for number, member in enumerate(members)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        assert not any(thread.is_alive() for thread in threads), "the attack or the chat did not finish"

        sent = {answer["id"] for member in members for answer in member.acknowledged.values()}
        assert [problem for member in members for problem in member.refused] == []
        assert len(sent) == MEMBERS * MESSAGES_EACH
        with suppress(AssertionError):  # the loop below says who missed how many
            wait_until(lambda: all(received[name] == sent for name in received), timeout=30)
        for name, ids in received.items():
            assert ids == sent, f"{name} missed {len(sent - ids)} messages"
        assert stats["thread_errors"] == []
        assert stats["bad_acks"] == []
        assert stats["events"] > 0.9 * 3 * GARBAGE_EACH  # the attack really happened
        assert stats["reconnects"] > 0  # oversized payloads were among it, and only cost their sender
        assert stats["raw_left_open"] == []
        assert stats["raw_closed"] == 2 * 2 * len(MALFORMED_FRAMES)
        # The server is alive and well for a newcomer.
        newcomer = Writer(url, "nykomling").signup()
        newcomer.connect_chat(ROOM)
        assert newcomer.send(ROOM, "ny-1", "Hej!")["ok"]
        for each in members + attackers + [newcomer]:
            each.close()
    assert_clean_log(log.read_text(errors="replace"))
