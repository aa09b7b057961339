"""One connection floods a real gevent server while other members read pages and chat: the flooder is
closed, the others' HTTP answers and chat deliveries stay under a second at p99, and the server's memory
stays put. Three floods, one after the other, each as fast as the client can send: a member's WebSocket with
20,000 small events, a stranger's WebSocket with 20,000 namespace connects, and a member's long-polling
connection posting payloads full of events (then one payload with more packets than Engine.IO decodes).

Before core/socketbudget.py the first flood alone held new HTTP connections for about 40 s; every count and
wait here is bounded, so such a server fails this test in about a minute instead of hanging it."""

from __future__ import annotations

import json
import math
import re
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
import websocket

from tests.reliability.writers import Writer, assert_clean_log, seeded_copy, write_load_env
from tests.servers import server_process
from tests.support.processes import resident_kib
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server

ROOM = "allmant"
CHAT = "/chat"
EVENT_FRAMES = 20_000
CONNECT_FRAMES = 20_000
POLL_PAYLOADS = 200
PACKETS_PER_PAYLOAD = 16  # the most Engine.IO decodes from one payload
LATENCY_LIMIT = 1.0
# Measured: under 1 MB with the budget, 45 MB without it (20,000 handler tasks and their acks).
MEMORY_GROWTH_LIMIT_KIB = 20 * 1024
# The longest any probe or flooder waits for the server: a stalled server costs the test this, never a hang.
PATIENCE = 10.0
# After a flood the probes go on a while: handlers it started may still be running.
AFTERMATH_SECONDS = 2.0
# What a flooding member cycles through, each with an ack id: every one makes a handler use the database.
FLOOD_EVENTS = [
    ["typing", {"room": ROOM}],
    ["join", {"room": "finns-inte"}],
    ["join", {"room": ROOM}],
    ["flag", {"message_id": 1, "reason": "other"}],
    ["leave", {"room": ROOM}],
]


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile; infinity without samples."""
    if not samples:
        return math.inf
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


class Probe:
    """What other members live through meanwhile: one asks for pages, each time on a new connection as a
    new visitor would (being accepted is part of the wait), and sends a chat message every 0.1 s, timed
    until another member's socket receives it."""

    def __init__(self, url: str, writer: Writer, reader: Writer) -> None:
        self.url = url
        self.writer = writer
        self.http: list[tuple[float, float]] = []  # (when it started, seconds; infinity: no answer)
        self.sent: dict[int, float] = {}
        self.delivered: dict[int, float] = {}
        self.stop = threading.Event()
        self.guard = threading.Lock()
        reader.chat.on("message", self.received, namespace=CHAT)
        self.threads = [threading.Thread(target=self.browse), threading.Thread(target=self.chat)]

    def received(self, data) -> None:
        arrived = time.monotonic()
        probe = re.search(r"Prov (\d+)", data.get("body_html", ""))
        if probe:
            with self.guard:
                self.delivered.setdefault(int(probe.group(1)), arrived)

    def browse(self) -> None:
        paths = ["/api/v1/categories", "/api/v1/chat/rooms", "/api/v1/session"]
        index = 0
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                requests.get(
                    self.url + paths[index % len(paths)],
                    cookies=self.writer.http.cookies,
                    headers={"Connection": "close"},
                    timeout=PATIENCE,
                )
                self.http.append((started, time.monotonic() - started))
            except requests.RequestException:
                self.http.append((started, math.inf))
            index += 1
            time.sleep(0.05)

    def chat(self) -> None:
        index = 0
        while not self.stop.is_set():
            with self.guard:
                self.sent[index] = time.monotonic()
            self.writer.chat.emit("send", {"room": ROOM, "body": f"Prov {index}"}, namespace=CHAT)
            index += 1
            time.sleep(0.1)

    def __enter__(self) -> Probe:
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=PATIENCE + 5)
        deadline = time.monotonic() + PATIENCE  # a message still on its way gets this long, no more
        while time.monotonic() < deadline and len(self.delivered) < len(self.sent):
            time.sleep(0.05)

    def http_times(self, start: float = -math.inf, end: float = math.inf) -> list[float]:
        """Seconds each HTTP request took, of those started in the window."""
        return [seconds for started, seconds in self.http if start <= started <= end]

    def delivery_times(self, start: float = -math.inf, end: float = math.inf) -> list[float]:
        """Seconds from send to delivery of each message sent in the window; infinity if it never arrived."""
        with self.guard:
            sent = {key: when for key, when in self.sent.items() if start <= when <= end}
            return [self.delivered.get(key, math.inf) - when for key, when in sent.items()]


def websocket_address(url: str) -> str:
    return url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"


def closed_by_server(connection, seconds: float = 5.0) -> bool:
    """Whether the server ends the connection within a few seconds (reading whatever it still sends)."""
    connection.settimeout(seconds)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            frame = connection.recv()
            if frame in ("1", "") or frame is None:  # Engine.IO close, or the socket closing
                return True
    except websocket.WebSocketTimeoutException:
        return False
    except (OSError, websocket.WebSocketException):
        return True
    return False


def send_all(connection, frames) -> bool:
    """Send every frame; True if the server closed the connection on the way."""
    try:
        for frame in frames:
            connection.send(frame)
    except (OSError, websocket.WebSocketException):
        return True
    return False


def flood_with_events(url: str, member: Writer, outcome: dict) -> None:
    """A member's raw WebSocket: open /chat, then send small events with ack ids as fast as it can."""
    connection = websocket.create_connection(
        websocket_address(url), header=[f"Cookie: {member.cookie_header()}"], timeout=PATIENCE
    )
    connection.recv()  # the Engine.IO open packet
    connection.send("40/chat,")
    assert connection.recv().startswith("40/chat,")
    frames = (f"42/chat,{n}{json.dumps(FLOOD_EVENTS[n % len(FLOOD_EVENTS)])}" for n in range(EVENT_FRAMES))
    outcome["closed_while_sending"] = send_all(connection, frames)
    outcome["closed"] = outcome["closed_while_sending"] or closed_by_server(connection)
    connection.close()


def flood_with_connects(url: str, outcome: dict) -> None:
    """A stranger's raw WebSocket asking for the moderators' namespace (refused each time), fast."""
    connection = websocket.create_connection(websocket_address(url), timeout=PATIENCE)
    connection.recv()
    outcome["closed_while_sending"] = send_all(connection, ("40/moderation," for _ in range(CONNECT_FRAMES)))
    outcome["closed"] = outcome["closed_while_sending"] or closed_by_server(connection)
    connection.close()


def flood_by_polling(url: str, member: Writer, outcome: dict) -> None:
    """A member's long-polling connection posting full payloads of events as fast as it can; then, on a new
    connection, one payload of 1,000 packets."""
    http = requests.Session()
    http.headers["Cookie"] = member.cookie_header()
    event = '42/chat,["typing",{"room":"allmant"}]'
    sid = open_polling(url, http)
    statuses = []
    while len(statuses) < POLL_PAYLOADS and statuses[-1:] in ([], [200]):
        statuses.append(post_payload(url, http, sid, "\x1e".join([event] * PACKETS_PER_PAYLOAD)))
    outcome["payloads"] = len(statuses)
    outcome["closed"] = statuses[-1] == 400
    sid = open_polling(url, http)
    outcome["oversized_status"] = post_payload(url, http, sid, "\x1e".join([event] * 1_000))
    outcome["status_after_oversized"] = post_payload(url, http, sid, event)


def open_polling(url: str, http: requests.Session) -> str:
    """Open an Engine.IO long-polling connection and the /chat namespace on it; its sid."""
    opened = http.get(url + "/socket.io/?EIO=4&transport=polling", timeout=PATIENCE)
    sid = json.loads(opened.text[1:])["sid"]
    assert post_payload(url, http, sid, "40/chat,") == 200
    return sid


def post_payload(url: str, http: requests.Session, sid: str, payload: str) -> int | None:
    """POST one payload; the status, or None when the server did not answer in time."""
    address = f"{url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    try:
        return http.post(address, data=payload.encode(), timeout=PATIENCE).status_code
    except requests.RequestException:
        return None


def run_flood(flood, *args) -> dict:
    """Run one flood in a thread (bounded in time), then let the work it caused run out; what it saw."""
    outcome: dict = {"error": None}

    def guarded() -> None:
        try:
            flood(*args, outcome)
        except Exception as error:  # the assertions show it
            outcome["error"] = repr(error)

    thread = threading.Thread(target=guarded)
    outcome["started"] = time.monotonic()
    thread.start()
    thread.join(timeout=60)
    outcome["finished"] = not thread.is_alive()
    time.sleep(AFTERMATH_SECONDS)
    outcome["ended"] = time.monotonic()
    return outcome


def summary(name: str, outcome: dict, probe: Probe) -> str:
    """One line on a flood: what the flooder saw and the probes' p99 during it and its aftermath."""
    window = (outcome["started"], outcome["ended"])
    seen = {key: value for key, value in outcome.items() if key not in ("started", "ended")}
    http = probe.http_times(*window)
    return (
        f"{name}: {seen}; HTTP p99 {percentile(http, 0.99):.3f} s (max {max(http, default=math.nan):.3f} s), "
        f"delivery p99 {percentile(probe.delivery_times(*window), 0.99):.3f} s"
    )


def test_a_flooding_connection_is_closed_and_costs_other_members_nothing(migrated_sqlite, tmp_path: Path):
    database = seeded_copy(migrated_sqlite, tmp_path)
    env = write_load_env(f"sqlite:///{database}", tmp_path / "settings.py", real_socket_budget=True)
    log = tmp_path / "server.log"
    with server_process([sys.executable, "app.py"], env, "/api/v1/session", log_path=log) as (url, process):
        writer, reader, flooder = (Writer(url, name).signup() for name in ("skribent", "lasare", "flodare"))
        writer.connect_chat(ROOM)
        reader.connect_chat(ROOM)
        for index in range(10):  # warm up: every path the probes take has run once
            writer.send(ROOM, f"warm-{index}", "Hej")
            requests.get(url + "/api/v1/chat/rooms", cookies=writer.http.cookies, timeout=PATIENCE)
        resident_before = resident_kib(process.pid)

        with Probe(url, writer, reader) as probe:
            # The probes' quiet baseline: a few page loads and chat messages through before any flood.
            wait_until(lambda: min(len(probe.http), len(probe.delivered)) >= 3, message="probes stalled")
            events = run_flood(flood_with_events, url, flooder)
            connects = run_flood(flood_with_connects, url)
            polling = run_flood(flood_by_polling, url, flooder)
        resident_after = resident_kib(process.pid)

        http_p99 = percentile(probe.http_times(), 0.99)
        delivery_p99 = percentile(probe.delivery_times(), 0.99)
        report = "\n".join(
            [
                summary("WebSocket events", events, probe),
                summary("WebSocket connects", connects, probe),
                summary("long-polling", polling, probe),
                f"throughout: HTTP p99 {http_p99:.3f} s of {len(probe.http)}, delivery p99 "
                f"{delivery_p99:.3f} s of {len(probe.sent)}, RSS {resident_before} -> {resident_after} KiB",
            ]
        )
        print(report)
        for outcome in (events, connects, polling):
            assert outcome["finished"] and outcome["error"] is None, report
            assert outcome["closed"], report
        assert polling["oversized_status"] == 400 and polling["status_after_oversized"] == 400, report
        assert len(probe.http) > 50 and len(probe.sent) > 50, report
        assert http_p99 < LATENCY_LIMIT and delivery_p99 < LATENCY_LIMIT, report
        assert resident_after - resident_before < MEMORY_GROWTH_LIMIT_KIB, report
        # Closing cost the flooder one connection, nothing more: it comes back and chats.
        flooder.connect_chat(ROOM)
        assert flooder.send(ROOM, "tillbaka", "Hej igen")["ok"]
        for member in (writer, reader, flooder):
            member.close()
    text = log.read_text(errors="replace")
    assert_clean_log(text)
    # One line per closed connection, saying why and nothing about the client.
    closings = [line for line in text.splitlines() if "closing that connection" in line]
    assert len(closings) == 4, text[-3000:]
    assert "127.0.0.1" not in text
