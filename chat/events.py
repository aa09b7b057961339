"""Socket.IO namespace /chat: thin handlers that authenticate, call chat services and broadcast once.

Every client event answers through its ack: `{ok: true, ...}` or `{ok: false, error: {code, message}}`.
A malformed event gets an `invalid` ack; nothing a client sends can crash a handler or the connection.
"""

from __future__ import annotations

import functools
import logging
import time
from contextlib import suppress

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, Namespace, join_room, leave_room

from accounts.permissions import can_moderate
from accounts.session import session_member
from chat import moderating, presence, services, staff, storm
from chat.errors import ChatUnavailable
from chat.naming import NAMESPACE, room_key
from chat.queue import delivery_possible, last_publish_failed
from chat.rules import typing_allowed
from chat.shaping import message_json
from core.api import storable
from core.background import guarded, refused_while_database_down
from core.errors import MESSAGES, database_problem, database_unavailable, domain_error_payload, error_payload
from core.exceptions import DomainError, Forbidden, InvalidInput, NotSignedIn
from core.extensions import db, socketio
from core.metrics import count
from core.socketbudget import events_waiting
from moderation import services as moderation

log = logging.getLogger(__name__)
UNRECORDED_GRACE = 10.0


def acked(handler):
    """Run an event handler for a signed-in member and turn every outcome into an ack."""

    @functools.wraps(handler)
    def wrapped(self, data=None):
        try:
            member = session_member()
            if member is None:
                # Answer first, then close: every event gets its ack.
                socketio.start_background_task(disconnect_soon, request.sid)
                raise NotSignedIn()
            if not isinstance(data, dict) or not storable(data):
                raise InvalidInput(field="data")
            return {"ok": True, **(handler(self, member, data) or {})}
        except DomainError as error:
            db.session.rollback()
            return {"ok": False, **domain_error_payload(error)}
        except Exception as error:  # a bug must not take the connection down
            with suppress(Exception):  # after a lost database connection, rolling back fails too
                db.session.rollback()
            if database_unavailable(error):
                log.warning(
                    "chat event %s: database unavailable: %s", handler.__name__, database_problem(error)
                )
                return {"ok": False, **domain_error_payload(ChatUnavailable())}
            log.exception("chat event %s failed", handler.__name__)
            return {"ok": False, **error_payload("internal_error", str(MESSAGES["internal_error.chat"]))}

    return wrapped


def disconnect_soon(sid: str) -> None:
    """Close a socket after its last ack has gone out."""
    socketio.sleep(0.1)
    socketio.server.disconnect(sid, namespace=NAMESPACE)


def broadcast_presence(room_id: int) -> None:
    """Tell a room how many members are in it, at most once per CHAT_PRESENCE_INTERVAL_SECONDS.

    Every join and leave changes the count; sent each time, a room filling up with N members would carry
    N² presence events. Within the interval the latest count goes out once, at its end.
    """
    chat = services.state()
    interval = current_app.config["CHAT_PRESENCE_INTERVAL_SECONDS"]
    wait = chat.presence_sent.get(room_id, float("-inf")) + interval - time.monotonic()
    if wait <= 0:
        send_presence(room_id)
    elif room_id not in chat.presence_pending:
        chat.presence_pending.add(room_id)
        socketio.start_background_task(send_presence_later, current_app._get_current_object(), room_id, wait)


def send_presence_later(app, room_id: int, wait: float) -> None:
    """The trailing presence event of a busy interval."""
    socketio.sleep(wait)
    with app.app_context():
        services.state().presence_pending.discard(room_id)
        with guarded("a presence update"):
            send_presence(room_id)


def send_presence(room_id: int) -> None:
    """The room's online count, through the message queue to every process."""
    services.state().presence_sent[room_id] = time.monotonic()
    room = db.session.get(services.Room, room_id)
    if room is not None:
        socketio.emit(
            "presence",
            {"room": room.slug, "online": presence.online_count(room_id)},
            to=room_key(room_id),
            namespace=NAMESPACE,
        )


def announce_moderator_change(before: bool) -> None:
    """When the first moderator arrives or the last one leaves, every room hears it."""
    after = services.moderator_online(fresh=True)
    if after != before:
        socketio.emit("moderators", {"online": after}, namespace=NAMESPACE)
    services.state().moderators_announced = after


class ChatNamespace(Namespace):
    """The /chat namespace."""

    @refused_while_database_down
    def on_connect(self, auth=None):
        """Only signed-in, unsuspended members may connect."""
        retry_after = storm.connect_refusal(events_waiting(socketio.server))
        if retry_after is not None:
            # Refused before any database work: cheap, and the page retries on "unavailable".
            count("bryggan_chat_connects_refused", "Chat connects refused, by reason", reason="busy")
            raise ConnectionRefusedError("unavailable", {"retry_after": retry_after})
        member = session_member()
        if member is None:
            raise ConnectionRefusedError("not_signed_in")
        moderator = can_moderate(member)
        before = services.moderator_online(fresh=True) if moderator else None
        presence.connect(request.sid, services.state().process_id, member, moderator)
        if moderator:
            join_room("moderators")
            announce_moderator_change(before)

    def on_disconnect(self, reason=None):
        """Forget the socket and update the rooms it was in."""
        # With the database down, the rows stay until the maintenance sweep finds them orphaned. This may
        # run inside the sweep (which disconnects stale sockets): the session belongs to whoever runs it.
        with guarded("chat disconnect bookkeeping", own_session=False):
            was_moderator = services.moderator_online()
            services.remember_leave(request.sid)
            moderating.unwatch(request.sid)
            for room_id in presence.disconnect(request.sid):
                broadcast_presence(room_id)
            announce_moderator_change(was_moderator)

    @acked
    def on_join(self, member, data):
        """Enter a room: history (or every message after `since_id`), online count and room state."""
        room = services.room_for(member, data.get("room"))
        if room.closed and not can_moderate(member):
            raise services.RoomClosed()
        # In the Socket.IO room before the history is read: a message stored in between (by another process,
        # or while a query yields) arrives live instead of being missed; the page drops duplicates by id.
        join_room(room_key(room.id))
        try:
            history, truncated = services.rendered_history(room, data.get("since_id"))
            joined = presence.join(request.sid, room.id)
        except Exception:
            if room.id not in services.state().joined.get(request.sid, ()):
                leave_room(room_key(room.id))
            raise
        services.remember_join(request.sid, room.id)
        if joined:
            broadcast_presence(room.id)
        answer = {
            "history": history,
            "truncated": truncated,
            "online": storm.online_for_join(room.id, joined),
            "moderator_online": services.moderator_online(),
            "slow_mode_seconds": services.current_slow_mode(room),
        }
        if can_moderate(member):
            # Moderators also see what members no longer do, marked, and hear every decision in the room.
            moderating.watch(request.sid, member, room.id)
            answer["moderated"] = moderating.moderated_history(
                room, [message["id"] for message in history], data.get("since_id")
            )
        return answer

    @acked
    def on_leave(self, member, data):
        """Leave a room."""
        room = services.get_room(data.get("room"))
        left = presence.leave(request.sid, room.id)
        leave_room(room_key(room.id))
        services.remember_leave(request.sid, room.id)
        moderating.unwatch(request.sid, room.id)
        if left:
            broadcast_presence(room.id)
        return {}

    @acked
    def on_send(self, member, data):
        """Store, then broadcast once to the room; refused while the room cannot be reached at all."""
        room = services.get_room(data.get("room"))
        if not delivery_possible():
            raise ChatUnavailable()
        message, created = services.send(
            member,
            room,
            request.sid,
            data.get("body"),
            data.get("client_id"),
            data.get("confirm_personal_data"),
        )
        payload = message_json(message)
        held = message.hidden_at is not None
        answer = {"message": payload, "held": held}
        if created:
            count("bryggan_chat_messages", "Chat messages stored, by room", room=room.slug)
        if created and not held:
            socketio.emit("message", payload, to=room_key(room.id), namespace=NAMESPACE)
            if last_publish_failed():
                # Stored, so no retry; other processes' members get it when their process listens again.
                answer["delayed"] = True
        elif created:
            moderating.announce(message)  # held: the room's moderators see it, waiting for them
        screening = getattr(message, "screening", None)
        return {**answer, "crisis_support": bool(screening and screening.crisis)}

    @acked
    def on_typing(self, member, data):
        """Tell the others someone is writing, at most once every few seconds."""
        room = services.room_for(member, data.get("room"))
        if room.id not in services.state().joined.get(request.sid, ()):
            raise services.NotInRoom()
        chat = services.state()
        key = (member.id, room.id)
        now = time.monotonic()
        if typing_allowed(chat.typing.get(key), now, current_app.config["CHAT_TYPING_INTERVAL_SECONDS"]):
            chat.typing[key] = now
            socketio.emit(
                "typing",
                {"room": room.slug, "pseudonym": member.pseudonym.name},
                to=room_key(room.id),
                skip_sid=request.sid,
                namespace=NAMESPACE,
            )
        return {}

    @acked
    def on_flag(self, member, data):
        """Report a message to the moderators (the same reasons and rules as forum flags)."""
        message = services.get_message(data.get("message_id"), member)
        moderation.flag_chat_message(member, message, data.get("reason"), data.get("note"))
        return {}

    @acked
    def on_remove(self, member, data):
        """Moderators take a message down; everyone in the room sees it go."""
        if not can_moderate(member):
            raise Forbidden()
        message = services.get_message(data.get("message_id"))
        # The same decision as "delete" in the moderation queue: one service, one audit row, flags closed.
        item = moderation.get_item("chat_message", message.id)
        # A moderator removing a line in the room means it, whoever decided on it before (no 409 here).
        # The room hears it from chat/reviewable.py once the decision is committed.
        moderation.perform(member, item, "delete", data.get("reason"), override=True)
        return {}

    @acked
    def on_moderate(self, member, data):
        """Moderators hide, restore or delete a message where they see it, hidden and removed ones included;
        members drop it, the room's moderators (on every process) see its new state."""
        if not can_moderate(member):
            raise Forbidden()
        # Members and the room's moderators hear it from chat/reviewable.py once it is committed.
        moderating.decide(member, data.get("message_id"), data.get("action"), data.get("reason"))
        return {}

    @acked
    def on_mute(self, member, data):
        """Moderators pause a member's writing for some minutes; the member is told at once."""
        if not can_moderate(member):
            raise Forbidden()
        target = staff.mute(member, data.get("pseudonym"), data.get("minutes"), data.get("reason"))
        until = target.chat_muted_until.isoformat()
        presence.tell_member(target.id, "sanction", {"kind": "mute", "until": until})
        return {"until": until}

    @acked
    def on_slow_mode(self, member, data):
        """Moderators set a room's slow mode."""
        room = staff.set_slow_mode(member, services.get_room(data.get("room")), data.get("seconds"))
        socketio.emit(
            "room_state",
            {"room": room.slug, "slow_mode_seconds": services.current_slow_mode(room)},
            to=room_key(room.id),
            namespace=NAMESPACE,
        )
        return {"slow_mode_seconds": room.slow_mode_seconds}

    def on_error_default(self, error):  # pragma: no cover - the acked wrapper handles known events
        log.exception("unhandled chat error")


def kick_stale_sockets(process_id: str) -> int:
    """Disconnect this process's sockets whose session has ended, and any live socket the database no longer
    knows (its row was cleaned up while this process stalled, or its account is gone); forget rows of
    sockets that are gone (their disconnect met a database outage). Returns how many of either."""
    stale = set(presence.stale_sids(process_id))
    known = presence.recorded_sids(process_id)
    live = {sid for sid, _eio_sid in socketio.server.manager.get_participants(NAMESPACE, None)}
    chat = services.state()
    # A socket is live a moment before its connect handler records it, and recorded a moment after it
    # closed, until its disconnect handler has run: only a lasting mismatch counts.
    unknown = live - known
    # During a reconnect storm a connect handler can wait seconds for the database (on PostgreSQL its
    # queries yield to the others): a socket counts as unknown only after UNRECORDED_GRACE without a row.
    now = time.monotonic()
    chat.unrecorded = {sid: chat.unrecorded.get(sid, now) for sid in unknown}
    stale |= {sid for sid, since in chat.unrecorded.items() if now - since >= UNRECORDED_GRACE}
    orphaned = known - live - stale
    gone = orphaned & chat.unlive
    chat.unlive = orphaned
    for sid in stale:
        socketio.server.disconnect(sid, namespace=NAMESPACE)
        services.remember_leave(sid)
        presence.disconnect(sid)
    for sid in gone:
        services.remember_leave(sid)
        for room_id in presence.disconnect(sid):
            broadcast_presence(room_id)  # a moderator among them is noticed by announce_moderator_flip
    return len(stale) + len(gone)


def announce_moderator_flip(were_online: bool | None = None) -> bool:
    """Tell every room when moderator presence changed behind our back (a crashed process, a timeout, a
    demotion, a duty that ended): compared with what this process last announced, unless told otherwise."""
    if were_online is None:
        were_online = services.state().moderators_announced
    online = services.moderator_online(fresh=True)
    if were_online is not None and online != were_online:
        socketio.emit("moderators", {"online": online}, namespace=NAMESPACE)
        for room in services.rooms():
            socketio.emit(
                "room_state",
                {"room": room.slug, "slow_mode_seconds": services.current_slow_mode(room)},
                to=room_key(room.id),
                namespace=NAMESPACE,
            )
    services.state().moderators_announced = online
    return online


def configure_chat_events() -> None:
    """Register the namespace on the Socket.IO extension once; every later init_app picks it up."""
    if not any(handler.namespace == NAMESPACE for handler in socketio.namespace_handlers):
        socketio.on_namespace(ChatNamespace(NAMESPACE))
