"""The Redis message queue between server processes, and knowing when it is out of reach.

While Redis is down, what one process emits reaches nobody (not even its own sockets: with a queue, every
HTTP keeps working, and chat refuses new messages with a clear `unavailable` error instead of storing
messages that only part of the room would see. The queue notices an outage the moment its listening
connection drops, or when a publish fails, and the return when it can subscribe (and ping) again. Then each
process gives its own members the messages stored since its outage began: what other processes published
while this one was not yet listening again is not lost (pages drop the ones they already show).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime

import socketio
from flask import Flask

from chat.naming import NAMESPACE, room_key
from chat.services import stored_since
from chat.shaping import message_json
from core.background import guarded
from core.extensions import socketio as flask_socketio

# Messages stored this long before an outage was noticed are given again too (clocks and commits lag).
log = logging.getLogger(__name__)
REPLAY_MARGIN_SECONDS = 5.0
# A replay that meets a database outage is tried again, every REPLAY_RETRY_SECONDS for up to
# REPLAY_ATTEMPTS tries (ten minutes); members who reconnect meanwhile catch up by since_id anyway.
REPLAY_RETRY_SECONDS = 5.0
REPLAY_ATTEMPTS = 120

# Reconnect attempts back off to this, instead of python-socketio's minute: members wait seconds, not minutes.
LONGEST_RETRY_SECONDS = 2.0


class ChatQueue(socketio.RedisManager):
    """python-socketio's Redis manager that keeps track of whether Redis can be reached."""
    def __init__(self, url: str, channel: str = "flask-socketio") -> None:
        # Publishing gives up after 2 s rather than holding a member's send while Redis does not answer.
        options = {"socket_connect_timeout": 2, "socket_timeout": 2, "socket_keepalive": True}
        super().__init__(url, channel=channel, redis_options=options)
        self.listening = False
        self.last_publish_failed = False
        self.outage_began: float | None = None
        # Called with the time the outage began, once this process listens again.
        self.on_recovered: Callable[[float], None] | None = None

    def _publish(self, data):
        # The parent retries once and logs; it returns None when both attempts failed.
        result = super()._publish(data)
        self.last_publish_failed = result is None
        return result

    def _subscribe(self):
        """A subscription on a connection of its own: the publisher's reconnects never replace it, and a
        blocking read has no timeout."""
        options = {key: value for key, value in self.redis_options.items() if key != "socket_timeout"}
        client = self._get_redis_module().Redis.from_url(self.redis_url, **options)
        subscription = client.pubsub(ignore_subscribe_messages=True)
        subscription.subscribe(self.channel)
        return subscription

    def _redis_listen_with_retries(self):
        """The parent's listening loop with a shorter back-off, noting each outage and recovery."""
        retry_sleep = 0.25
        while True:
            subscription = None
            try:
                subscription = self._subscribe()
                self.listening = True
                retry_sleep = 0.25
                if self.outage_began is not None and self.on_recovered is not None:
                    self.server.start_background_task(self.on_recovered, self.outage_began)
                self.outage_began = None
                yield from subscription.listen()
                raise ConnectionError("the subscription ended")  # a quiet end is a lost connection too
            except Exception as exc:  # any failure of the connection: try again shortly
                if self.outage_began is None:
                    self.outage_began = time.time()
                self.listening = False
                self._get_logger().warning(
                    "message queue unreachable, retrying in %.2f s: %s", retry_sleep, exc
                )
                if subscription is not None:
                    with suppress(Exception):
                        subscription.close()
                time.sleep(retry_sleep)
                retry_sleep = min(retry_sleep * 2, LONGEST_RETRY_SECONDS)

    def check(self) -> bool:
        """Whether messages can reach every process now: this one listens again after any outage, and its
        last publish went out (or, after a failed one, a ping does)."""
        if not self.listening and self.outage_began is not None:
            return False
        if not self.last_publish_failed:
            return True
        try:
            if not self.connected:
                self._redis_connect()
            self.redis.ping()
        except Exception:
            return False
        self.last_publish_failed = False
        return True


def make_queue(url: str | None) -> ChatQueue | None:
    """The client manager for a redis:// queue; None for other queues and for a single process."""
    if url and url.startswith(("redis://", "rediss://")):
        return ChatQueue(url)
    return None


def delivery_possible() -> bool:
    """True in a single process; with a queue, whether Redis can be reached right now."""
    manager = flask_socketio.server.manager
    return manager.check() if isinstance(manager, ChatQueue) else True


def last_publish_failed() -> bool:
    """Whether the emit just made failed to reach Redis (so other processes did not get it)."""
    manager = flask_socketio.server.manager
    return isinstance(manager, ChatQueue) and manager.last_publish_failed


def replay_missed_messages(app: Flask, outage_began: float) -> None:
    """After an outage of the queue, send this process's sockets what was stored meanwhile, locally only."""
    since = datetime.fromtimestamp(outage_began - REPLAY_MARGIN_SECONDS, UTC)
    for _attempt in range(REPLAY_ATTEMPTS):
        replayed = False
        with app.app_context(), guarded("replaying messages after a queue outage"):
            # A try that fails halfway is sent again in full: the page ignores a message id it already shows.
            for message in stored_since(since):
                flask_socketio.emit(
                    "message",
                    message_json(message),
                    to=room_key(message.room_id),
                    namespace=NAMESPACE,
                    ignore_queue=True,
                )
            replayed = True
        if replayed:
            return
        time.sleep(REPLAY_RETRY_SECONDS)
    log.warning("gave up replaying after a queue outage; members catch up when they rejoin")


def connect_recovery(app: Flask) -> None:
    """Replay missed messages whenever this process's queue comes back."""
    manager = flask_socketio.server.manager
    if isinstance(manager, ChatQueue):
        manager.on_recovered = lambda outage_began: replay_missed_messages(app, outage_began)
