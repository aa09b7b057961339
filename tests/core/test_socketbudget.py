"""One Engine.IO connection's limits, on a real Engine.IO socket (threading mode): the packet budget, a
payload Engine.IO cannot decode, and a client that does not read what it is sent. The namespace-connect and
in-flight limits are measured end to end in tests/reliability/test_socket_flood.py."""

from __future__ import annotations

import io
import logging
import time

import engineio
import pytest
from engineio import exceptions, packet

from core import socketbudget
from core.socketbudget import Allowance, BudgetedSocket, SocketLimits
from tests.support.waiting import wait_until

LIMITS = SocketLimits(
    packets_per_second=10.0,
    packet_burst=5,
    namespace_connects=2,
    namespace_connects_per_second=0.5,
    events_in_flight=3,
    queued_bytes=1_000,
)


@pytest.fixture
def connection():
    """A connected Engine.IO socket with LIMITS, on a threading server that records what it dispatches."""
    server = engineio.Server(async_mode="threading")
    server.received = []
    server.closed = []
    server.on("message", lambda sid, data: server.received.append(data))
    server.on("disconnect", lambda sid, reason: server.closed.append(reason))
    socket = engineio.socket.Socket(server, "sid-1")
    socket.connected = True
    server.sockets["sid-1"] = socket
    BudgetedSocket.adopt(socket, LIMITS)
    return socket


def message(data: str) -> packet.Packet:
    return packet.Packet(packet.MESSAGE, data=data)


def closing_lines(caplog) -> list[str]:
    return [
        record.getMessage() for record in caplog.records if "closing that connection" in record.getMessage()
    ]


class SteppedClock:
    """`time` for core.socketbudget, moved on by the test instead of by sleeping."""

    def __init__(self) -> None:
        self.now = time.monotonic()  # the budget was created on the real clock a moment ago

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> SteppedClock:
    """The budget's clock, standing still until the test moves it: no refill happens behind a test's back
    on a slow machine."""
    stepped = SteppedClock()
    monkeypatch.setattr(socketbudget, "time", stepped)
    return stepped


def test_an_allowance_gives_a_burst_then_its_rate():
    allowance = Allowance(3, 2.0, now=100.0)
    assert [allowance.take(100.0) for _ in range(4)] == [True, True, True, False]
    assert allowance.take(100.5) and not allowance.take(100.5)  # half a second earns one
    assert [allowance.take(200.0) for _ in range(4)] == [True, True, True, False]  # never above capacity


def test_packets_beyond_the_burst_close_the_connection_once_before_they_are_dispatched(
    connection, clock, caplog
):
    with caplog.at_level(logging.WARNING):
        for number in range(LIMITS.packet_burst):
            connection.receive(message(f"2{number}"))
        with pytest.raises(exceptions.SocketIsClosedError):
            connection.receive(message("over"))
        with pytest.raises(exceptions.SocketIsClosedError):
            connection.receive(message("and more"))
    assert connection.server.received == [f"2{number}" for number in range(LIMITS.packet_burst)]
    assert connection.closed and connection.server.closed == ["server disconnect"]
    assert closing_lines(caplog) == [
        "Socket.IO connection over its budget (packets); closing that connection"
    ]


def test_the_budget_refills_so_a_steady_client_is_never_closed(connection, clock):
    for _ in range(3 * LIMITS.packet_burst):
        connection.receive(message("typing"))
        clock.now += 1.5 / LIMITS.packets_per_second
    assert not connection.closed
    assert len(connection.server.received) == 3 * LIMITS.packet_burst


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"\x1e".join([b"4x"] * 17), "Socket.IO connection over its budget (packets in one payload)"),
        (b"x", "malformed Engine.IO packet (ValueError)"),
        (b"4x\x1e", "malformed Engine.IO packet (ValueError)"),
        (b"bA", "malformed Engine.IO packet (Error)"),
        (b"\xff\x1e4x", "malformed Engine.IO packet (UnicodeDecodeError)"),
    ],
)
def test_a_long_polling_payload_engineio_cannot_decode_closes_the_connection(
    connection, caplog, body, reason
):
    environ = {"CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
    with caplog.at_level(logging.WARNING), pytest.raises(exceptions.SocketIsClosedError):
        connection.handle_post_request(environ)
    assert connection.closed and connection.server.received == []
    assert closing_lines(caplog) == [f"{reason}; closing that connection"]


def test_a_client_that_does_not_read_is_closed_when_too_much_waits_for_it(connection, caplog):
    connection.send(message("x" * 600))
    connection.send(message("y" * 300))
    assert connection.budget.queued_bytes == 900
    assert len(connection.poll()) == 2 and connection.budget.queued_bytes == 0  # read: no longer waiting
    with caplog.at_level(logging.WARNING):
        connection.send(message("x" * 600))
        connection.send(message("y" * 600))  # would make 1,200 bytes waiting: dropped, and closing
        connection.send(message("z" * 600))
        wait_until(lambda: connection.closed, interval=0.01, message="the connection was never closed")
    assert closing_lines(caplog) == [
        "Socket.IO connection over its budget (unread data); closing that connection"
    ]
    waiting = [pkt.data for pkt in connection.poll()]
    assert waiting[0] == "x" * 600 and "y" * 600 not in waiting and "z" * 600 not in waiting


def test_namespace_connects_and_events_in_flight_are_counted_per_connection(connection, clock, caplog):
    with caplog.at_level(logging.WARNING):
        assert connection.may_connect() and connection.may_connect()
        assert [connection.may_start_event() for _ in range(3)] == [True, True, True]
        connection.event_done()
        assert connection.may_start_event()  # one finished: room for one more
        assert not connection.closed
        assert not connection.may_connect()
    assert connection.closed
    assert closing_lines(caplog) == [
        "Socket.IO connection over its budget (namespace connects); closing that connection"
    ]
