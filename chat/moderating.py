"""Moderators in a chat room: hidden and removed messages shown to them in place, marked with who decided and
why, the decisions taken right there, and every change sent at once to the room's moderators only.

Members never get any of this: moderators' sockets also join a Socket.IO room of their own per chat room
(`room:<id>:moderators`), and only that room hears `message_moderated`. Emits go through the message queue,
so moderators on every process see a decision the moment it is taken.
"""

from __future__ import annotations

from flask import current_app
from flask_socketio import join_room, leave_room
from sqlalchemy import or_, select

from accounts.models import User
from accounts.permissions import can_moderate
from chat.models import ChatMessage, Room
from chat.services import HISTORY_LENGTH
from chat.shaping import message_json
from core.database import utcnow
from core.exceptions import InvalidInput
from core.extensions import db, socketio
from moderation import services as moderation
from moderation.labels import reason_label, when
from moderation.models import ReviewItem

NAMESPACE = "/chat"
WATCHING_KEY = "bryggan.chat_moderating"
# The room's own controls: decisions moderators take on a line they are looking at.
ROOM_ACTIONS = ("hide", "restore", "delete")
# At most this many hidden or removed messages come with a join (the newest).
MODERATED_HISTORY = 50


def moderators_key(room_id: int) -> str:
    """The Socket.IO room of a chat room's moderators."""
    return f"room:{room_id}:moderators"


def watching() -> dict[str, tuple[int, set[int]]]:
    """This process's moderator sockets in rooms: sid -> (member id, the chat rooms it watches)."""
    return current_app.extensions.setdefault(WATCHING_KEY, {})


def watch(sid: str, member: User, room_id: int) -> None:
    """A moderator's socket entered a room: it hears the room's moderation from now on."""
    join_room(moderators_key(room_id))
    watching().setdefault(sid, (member.id, set()))[1].add(room_id)


def unwatch(sid: str, room_id: int | None = None) -> None:
    """The socket left a room (or, with no room, disconnected: Socket.IO drops its rooms itself)."""
    entry = watching().get(sid)
    if entry is None:
        return
    if room_id is None:
        watching().pop(sid, None)
        return
    leave_room(moderators_key(room_id))
    entry[1].discard(room_id)


def drop_former_moderators() -> int:
    """Take this process's sockets of members who are no longer moderators (demoted, suspended, banned) out
    of every moderators' room, so hidden texts stop reaching them (the chat sweep calls this); how many."""
    current = dict(watching())
    if not current:
        return 0
    ids = {member_id for member_id, _rooms in current.values()}
    members = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))}
    now = utcnow()
    dropped = 0
    for sid, (member_id, room_ids) in current.items():
        member = members.get(member_id)
        if member is not None and can_moderate(member) and not member.is_suspended(now):
            continue
        for room_id in room_ids:
            socketio.server.leave_room(sid, moderators_key(room_id), namespace=NAMESPACE)
        watching().pop(sid, None)
        dropped += 1
    return dropped


def state_of(message: ChatMessage) -> str:
    """`removed`, `hidden` or `shown`, as members experience the message."""
    if message.removed_at is not None:
        return "removed"
    return "hidden" if message.hidden_at is not None else "shown"


def moderated_json(message: ChatMessage, item: ReviewItem | None) -> dict:
    """A message as moderators see it in the room: the member's `message` plus its state, who decided (the
    pseudonym then), when, why, and the flags' reasons, labelled in the reader's language."""
    state = state_of(message)
    decided = item is not None and item.status != "pending" and item.decided_by_pseudonym is not None
    return {
        **message_json(message),
        "state": state,
        "waiting": item is not None and item.status == "pending",
        "decided_by": item.decided_by_pseudonym if decided else None,
        "decided_at": item.resolved_at.isoformat() if decided and item.resolved_at else None,
        "decided_when": when(item.resolved_at) if decided else "",
        "reason": (item.decided_reason or "") if decided else "",
        "flag_reasons": [reason_label(code) for code in (item.reasons if item is not None else [])],
        "can_undo": bool(item is not None and item.previous_state),
    }


def items_of(messages: list[ChatMessage]) -> dict[int, ReviewItem]:
    """The review items of these messages, in one query."""
    ids = [message.id for message in messages]
    if not ids:
        return {}
    query = select(ReviewItem).where(ReviewItem.chat_message_id.in_(ids))
    return {item.chat_message_id: item for item in db.session.scalars(query)}


def moderated_history(room: Room, shown_ids: list[int], since_id: object = None) -> list[dict]:
    """The hidden and removed messages a moderator's join adds to `history`: those after `since_id`, or,
    on a first join, those among the shown history's time span (the newest MODERATED_HISTORY)."""
    query = select(ChatMessage).where(
        ChatMessage.room_id == room.id,
        or_(ChatMessage.hidden_at.is_not(None), ChatMessage.removed_at.is_not(None)),
    )
    if since_id is not None:
        query = query.where(ChatMessage.id > since_id)
    elif shown_ids and len(shown_ids) >= HISTORY_LENGTH:
        query = query.where(ChatMessage.id > shown_ids[0])
    found = list(db.session.scalars(query.order_by(ChatMessage.id.desc()).limit(MODERATED_HISTORY)))[::-1]
    items = items_of(found)
    return [moderated_json(message, items.get(message.id)) for message in found]


def decide(moderator: User, message_id: object, action: object, reason: object) -> ChatMessage:
    """A moderator hides, restores or deletes a message they see in the room (hidden and removed ones
    included): the queue's own decision, audited, overriding an earlier one (they are looking at it)."""
    moderation.require_moderator(moderator)
    if action not in ROOM_ACTIONS:
        raise InvalidInput(field="action")
    if isinstance(message_id, bool) or not isinstance(message_id, int):
        raise InvalidInput(field="message_id")
    message = moderation.get_target("chat_message", message_id)
    item = moderation.get_item("chat_message", message.id)
    moderation.perform(moderator, item, action, reason, override=True)
    return message


def announce(message: ChatMessage) -> None:
    """After a decision (or flags, or a hold): members drop a hidden or removed message (`message_removed`,
    as always), and the room's moderators get its new state (`message_moderated`), on every process."""
    if message.hidden_at is not None or message.removed_at is not None:
        socketio.emit(
            "message_removed",
            {"id": message.id, "room": message.room.slug},
            to=f"room:{message.room_id}",
            namespace=NAMESPACE,
        )
    item = db.session.scalar(select(ReviewItem).where(ReviewItem.chat_message_id == message.id))
    socketio.emit(
        "message_moderated",
        moderated_json(message, item),
        to=moderators_key(message.room_id),
        namespace=NAMESPACE,
    )
