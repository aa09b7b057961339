"""What one Socket.IO connection may cost the server, so that a client flooding it costs itself, not others.

gevent runs one greenlet at a time. The WebSocket read loop handles every frame already in its buffer
without yielding, python-socketio answers a namespace connect right there, and every event becomes a new
greenlet at the end of the run queue, behind which every new connection and every other member's event
waits. Measured before these limits: 20,000 small events sent in under a second held a new HTTP request for
41 s and grew the process by 45–55 MB; 20,000 refused namespace connects held it for 3 s.

Each Engine.IO connection (both transports, so long-polling too) therefore gets:
- a packet budget: a burst of SOCKET_PACKET_BURST packets, then SOCKET_PACKETS_PER_SECOND, checked as
  Engine.IO receives each packet, before python-socketio decodes it or any handler or database work starts;
- SOCKET_NAMESPACE_CONNECTS namespace connects at once, then SOCKET_NAMESPACE_CONNECTS_PER_SECOND;
- at most SOCKET_EVENTS_IN_FLIGHT events received and not yet handled;
- at most SOCKET_QUEUED_BYTES waiting to be sent to it (a client that never reads cannot pile up acks);
- a long-polling payload of more than 16 packets is refused (python-engineio's own limit, which it would
  log as a traceback while answering 200).
A connection over any of them is closed, with one line in the log that says which and nothing about the
client. Members whose pages behave never come near them; see docs/CHAT.md for what the pages send.

A frame or payload that is not an Engine.IO packet at all closes its connection the same way, on either
transport (python-engineio would print a traceback for each), as core/socketguard.py does one level up.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import socketio
from engineio import exceptions, packet, socket

from core.socketguard import DECODING_ERRORS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SocketLimits:
    """The configured limits of one connection (config/defaults.py)."""

    packets_per_second: float
    packet_burst: int
    namespace_connects: int
    namespace_connects_per_second: float
    events_in_flight: int
    queued_bytes: int

    @classmethod
    def from_config(cls, config) -> SocketLimits:
        """The limits from the app's config."""
        return cls(
            packets_per_second=float(config["SOCKET_PACKETS_PER_SECOND"]),
            packet_burst=int(config["SOCKET_PACKET_BURST"]),
            namespace_connects=int(config["SOCKET_NAMESPACE_CONNECTS"]),
            namespace_connects_per_second=float(config["SOCKET_NAMESPACE_CONNECTS_PER_SECOND"]),
            events_in_flight=int(config["SOCKET_EVENTS_IN_FLIGHT"]),
            queued_bytes=int(config["SOCKET_QUEUED_BYTES"]),
        )


class Allowance:
    """A token bucket: `capacity` at once, refilled at `rate` per second (pure; times are monotonic)."""

    __slots__ = ("capacity", "rate", "tokens", "updated_at")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = float(capacity)
        self.updated_at = now

    def take(self, now: float) -> bool:
        """Spend one token if there is one."""
        self.tokens = min(self.capacity, self.tokens + max(0.0, now - self.updated_at) * self.rate)
        self.updated_at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def packet_size(pkt) -> int:
    """Bytes an outgoing packet holds: Socket.IO hands Engine.IO its packets already encoded."""
    return len(pkt.data) if isinstance(pkt.data, str | bytes) else 0


class ConnectionBudget:
    """What one connection has left (one small object: added to every socket, so kept compact)."""

    __slots__ = ("limits", "packets", "connects", "in_flight", "queued_bytes", "overflowing")

    def __init__(self, limits: SocketLimits, now: float) -> None:
        self.limits = limits
        self.packets = Allowance(limits.packet_burst, limits.packets_per_second, now)
        self.connects = Allowance(limits.namespace_connects, limits.namespace_connects_per_second, now)
        self.in_flight = 0  # events received whose handler has not returned
        self.queued_bytes = 0  # waiting to be sent
        self.overflowing = False  # closing because the client does not read


class BudgetedSocket(socket.Socket):
    """An Engine.IO connection that keeps within its limits.

    python-engineio builds its sockets itself and offers no hook for their class, so `adopt` turns each new
    socket into this subclass the moment it is registered, before it has received anything.
    """

    budget: ConnectionBudget

    @classmethod
    def adopt(cls, connection: socket.Socket, limits: SocketLimits) -> None:
        """Give a new Engine.IO socket its limits."""
        connection.__class__ = cls
        connection.budget = ConnectionBudget(limits, time.monotonic())

    def over_budget(self, why: str) -> None:
        """Close this connection (once) and say so in one line, without anything about the client."""
        self.close_with("Socket.IO connection over its budget (%s); closing that connection", why)

    def malformed(self, error: Exception) -> None:
        """Close this connection (once) for sending something that is not an Engine.IO packet."""
        self.close_with("malformed Engine.IO packet (%s); closing that connection", error.__class__.__name__)

    def close_with(self, message: str, why: str) -> None:
        if self.closed or self.closing:
            return
        log.warning(message, why)
        self.close(wait=False, reason=self.server.reason.SERVER_DISCONNECT)

    def receive(self, pkt):
        """Every packet from the client, on either transport, spends from the packet budget first."""
        if not (self.closed or self.closing) and not self.budget.packets.take(time.monotonic()):
            self.over_budget("packets")
        if self.closed or self.closing:
            # Ends the WebSocket read loop; a long-polling POST is answered 400.
            raise exceptions.SocketIsClosedError()
        return super().receive(pkt)

    def handle_post_request(self, environ):
        """A long-polling payload of more than 16 packets, or one Engine.IO cannot decode, closes the
        connection and is answered 400."""
        try:
            return super().handle_post_request(environ)
        except DECODING_ERRORS as error:
            if str(error) == "Too many packets in payload":
                self.over_budget("packets in one payload")
            else:
                self.malformed(error)
            raise exceptions.SocketIsClosedError() from error

    def _websocket_handler(self, ws):
        return super()._websocket_handler(CheckedFrames(ws, self))

    def send(self, pkt):
        """Queue a packet for the client, unless too much already waits: then the client is not reading,
        and is closed (from a task of its own: this may run in another member's handler)."""
        budget = self.budget
        size = packet_size(pkt)
        if size and budget.queued_bytes + size > budget.limits.queued_bytes:
            if not budget.overflowing:
                budget.overflowing = True
                self.server.start_background_task(self.over_budget, "unread data")
            return
        budget.queued_bytes += size
        super().send(pkt)

    def poll(self):
        """What the writer (or a long-polling GET) takes off the queue no longer counts as waiting."""
        packets = super().poll()
        taken = sum(packet_size(pkt) for pkt in packets)
        self.budget.queued_bytes = max(0, self.budget.queued_bytes - taken)
        return packets

    def may_connect(self) -> bool:
        """Spend one namespace connect; over the limit the connection is closed."""
        if self.budget.connects.take(time.monotonic()):
            return True
        self.over_budget("namespace connects")
        return False

    def may_start_event(self) -> bool:
        """Count an event about to be handled; over the limit the connection is closed."""
        if self.budget.in_flight >= self.budget.limits.events_in_flight:
            self.over_budget("events in flight")
            return False
        self.budget.in_flight += 1
        return True

    def event_done(self) -> None:
        """An event's handler has returned."""
        self.budget.in_flight = max(0, self.budget.in_flight - 1)


class CheckedFrames:
    """A WebSocket as python-engineio's read loop sees it: a frame that is not an Engine.IO packet ends the
    connection, as the client closing would, instead of escaping from the loop as a traceback."""

    __slots__ = ("ws", "connection")

    def __init__(self, ws, connection: BudgetedSocket) -> None:
        self.ws = ws
        self.connection = connection

    def wait(self):
        frame = self.ws.wait()
        if frame is not None:
            try:
                packet.Packet(encoded_packet=frame)
            except DECODING_ERRORS as error:
                self.connection.malformed(error)
                return None
        return frame

    def __getattr__(self, name: str):
        return getattr(self.ws, name)


# Events received and not yet handled, per Socket.IO server (one per process): how long the queue is that a
# new connection would wait behind. During a reconnect storm the chat refuses new connects above a limit
# (chat/events.py) instead of letting the queue, and everyone's wait, grow without bound.
BACKLOG: dict = {}


def events_waiting(server: socketio.Server) -> int:
    """Events of every connection of this server received and not yet handled."""
    return BACKLOG.get(server, 0)


def budget_connections(server: socketio.Server, limits: SocketLimits) -> None:
    """Give every Engine.IO connection of this Socket.IO server its limits (see the module docstring).

    Flask-SocketIO's test client talks to the server without Engine.IO sockets; it is not limited.
    """
    handle_eio_connect = server._handle_eio_connect
    handle_connect = server._handle_connect
    handle_event = server._handle_event
    handle_event_internal = server._handle_event_internal

    def budgeted(eio_sid: str) -> BudgetedSocket | None:
        connection = server.eio.sockets.get(eio_sid)
        return connection if isinstance(connection, BudgetedSocket) else None

    def adopt(eio_sid: str, environ: dict):
        connection = server.eio.sockets.get(eio_sid)
        if connection is not None:
            BudgetedSocket.adopt(connection, limits)
        return handle_eio_connect(eio_sid, environ)

    def counted_connect(eio_sid: str, namespace: str | None, data) -> None:
        connection = budgeted(eio_sid)
        if connection is None or connection.may_connect():
            handle_connect(eio_sid, namespace, data)

    def counted_event(eio_sid: str, namespace: str | None, id, data) -> None:
        connection = budgeted(eio_sid)
        spawns = will_spawn(eio_sid, namespace)
        if connection is not None and spawns and not connection.may_start_event():
            return
        if spawns:
            BACKLOG[server] = BACKLOG.get(server, 0) + 1
        handle_event(eio_sid, namespace, id, data)

    def will_spawn(eio_sid: str, namespace: str | None) -> bool:
        # python-socketio's own test before it starts a handler task: only those are counted, so every
        # count is matched by the `finally` below.
        namespace = namespace or "/"
        sid = server.manager.sid_from_eio_sid(eio_sid, namespace)
        return server.async_handlers and server.manager.is_connected(sid, namespace)

    def counted_event_internal(owner, sid, eio_sid, data, namespace, id) -> None:
        try:
            handle_event_internal(owner, sid, eio_sid, data, namespace, id)
        finally:
            if server.async_handlers:  # only then was it counted (spawned) in counted_event
                BACKLOG[server] = max(0, BACKLOG.get(server, 0) - 1)
            connection = budgeted(eio_sid)
            if connection is not None:
                connection.event_done()

    server.eio.on("connect", adopt)
    server._handle_connect = counted_connect
    server._handle_event = counted_event
    server._handle_event_internal = counted_event_internal
