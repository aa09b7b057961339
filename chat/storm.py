"""Reconnect storms: how fast this process is taking joins, and the online count a join answers with.

After a restart every member's page reconnects within seconds and joins its room. Counting a room's members
in the database for each join costs a scan of the whole room, so a room of N members filling up costs N²
row reads (docs/PERFORMANCE.md, "Reconnect storms"). While joins arrive faster than
CHAT_STORM_JOINS_PER_SECOND, a join is answered with the room's count as read at most
CHAT_PRESENCE_INTERVAL_SECONDS ago plus this process's own joins since; the `presence` events that follow
(at most once a second per room) carry the exact count. Outside a storm every join counts anew.

A process also admits at most CHAT_CONNECTS_PER_SECOND new chat connections a second (a burst of as many),
and none while more than CHAT_CONNECT_BACKLOG socket events wait to be handled: the rest are refused as
`unavailable` with a `retry_after`, before any database work, rather than queued without limit in front of
every page request and message of the process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from flask import current_app

from chat import presence
from chat.rules import TokenBucket

STATE_KEY = "bryggan.chat.storm"


@dataclass
class StormState:
    """Joins in the current and the previous second, and each room's last count with when it was read."""

    second: int = 0
    joins: int = 0
    previous: int = 0
    counts: dict = field(default_factory=dict)
    connects: TokenBucket | None = None
    refused_second: int = 0
    refused: int = 0


def state() -> StormState:
    """This process's storm state (created on first use)."""
    return current_app.extensions.setdefault(STATE_KEY, StormState())


def note_join(now: float) -> bool:
    """Count a join; whether this process is in a storm (more joins a second than the threshold)."""
    storm = state()
    second = int(now)
    if second != storm.second:
        storm.previous = storm.joins if second == storm.second + 1 else 0
        storm.second, storm.joins = second, 0
    storm.joins += 1
    threshold = current_app.config["CHAT_STORM_JOINS_PER_SECOND"]
    return max(storm.joins, storm.previous) > threshold


def online_for_join(room_id: int, entered: bool) -> int:
    """The online count for a join's answer: exact, or during a storm at most an interval old (see above)."""
    now = time.monotonic()
    storming = note_join(now)
    counts = state().counts
    cached = counts.get(room_id)
    if (
        storming
        and cached is not None
        and now - cached[1] < current_app.config["CHAT_PRESENCE_INTERVAL_SECONDS"]
    ):
        value = cached[0] + (1 if entered else 0)
        counts[room_id] = (value, cached[1])
        return value
    value = presence.online_count(room_id)
    counts[room_id] = (value, now)
    return value


def connect_refusal(backlog: int) -> float | None:
    """None when a new connection may go ahead; else the seconds after which to try again (spread out by how
    many were refused this second, so they do not all come back in the same instant)."""
    config = current_app.config
    storm = state()
    now = time.monotonic()
    rate = float(config["CHAT_CONNECTS_PER_SECOND"])
    if storm.connects is None:
        storm.connects = TokenBucket.full(rate, rate, now)
    over_backlog = backlog > config["CHAT_CONNECT_BACKLOG"]
    if not over_backlog and storm.connects.take(now):
        return None
    second = int(now)
    if second != storm.refused_second:
        storm.refused_second, storm.refused = second, 0
    storm.refused += 1
    return round(min(30.0, 1.0 + storm.refused / rate + storm.connects.wait_time(now)), 1)
