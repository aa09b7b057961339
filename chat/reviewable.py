"""Chat messages as moderation sees them: the `Reviewable` implementation of kind `chat_message`, registered
in `app.py`, and the chat's listener of moderation's decisions and flags.

A message is hidden (members stop seeing it, moderators see it marked in the room) or removed (its text is
kept until retention purges it, so a removal can be undone); it cannot be edited. After a committed
decision the room hears it at once: members drop a hidden or removed line (`message_removed`), the room's
moderators get its new state (`message_moderated`, chat/moderating.py).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from accounts.models import User
from chat import moderating
from chat.models import ChatMessage
from chat.presence import tell_member
from core.exceptions import InvalidInput
from core.extensions import db
from core.notices import Notice
from moderation.queue import excerpt_of
from moderation.signals import Decision, SanctionGiven


def stamp(moment: datetime | None) -> str | None:
    """A time as an undo snapshot keeps it."""
    return moment.isoformat() if moment is not None else None


def moment(value: str | None) -> datetime | None:
    """A time back from an undo snapshot."""
    return datetime.fromisoformat(value) if value else None


class ChatMessages:
    """Moderation's view of chat messages."""

    kind = "chat_message"
    column = "chat_message_id"
    label = _l("Chat message")
    link_label = _l("Open the room")
    keeps_revisions = False

    def load(self, target_id: int) -> ChatMessage | None:
        return db.session.get(ChatMessage, target_id)

    def author_id(self, target: ChatMessage) -> int | None:
        return target.author_id

    def author_pseudonym_id(self, target: ChatMessage) -> int:
        return target.author_pseudonym_id

    def body_html(self, target: ChatMessage) -> str:
        return target.body_html

    def full_text(self, target: ChatMessage) -> str | None:
        return None

    def context(self, target: ChatMessage) -> dict:
        return {
            "room": target.room.slug,
            "url": f"/chat/{target.room.slug}",
            "lines": surrounding_lines(target),
        }

    def is_hidden(self, target: ChatMessage) -> bool:
        return target.hidden_at is not None

    def may_flag(self, member: User, target: ChatMessage) -> bool:
        return target.removed_at is None and target.hidden_at is None

    def hide(self, target: ChatMessage, now: datetime) -> None:
        target.hidden_at = target.hidden_at or now

    def unhide(self, target: ChatMessage) -> None:
        target.hidden_at = None

    def restore(self, target: ChatMessage) -> None:
        target.hidden_at = None
        target.removed_at = None  # a removed chat line keeps its text until purged: it can come back

    def delete(self, target: ChatMessage, now: datetime) -> None:
        target.removed_at = now

    def edit(self, target: ChatMessage, body: object, note: object, now: datetime) -> None:
        raise InvalidInput(field="action")  # a chat line is hidden or removed, never rewritten

    def snapshot(self, target: ChatMessage) -> dict:
        return {"hidden_at": stamp(target.hidden_at), "removed_at": stamp(target.removed_at)}

    def put_back(self, target: ChatMessage, state: dict, text_changed: bool, now: datetime) -> None:
        target.hidden_at = moment(state.get("hidden_at"))
        target.removed_at = moment(state.get("removed_at"))

    def became_visible(self, target: ChatMessage) -> list[Notice]:
        return []  # nobody follows a chat line

    def written_by(self, author_id: int) -> Select:
        return select(ChatMessage.id).where(ChatMessage.author_id == author_id)

    def shown_by(self, author_id: int) -> Select:
        return select(ChatMessage.id).where(
            ChatMessage.author_id == author_id,
            ChatMessage.removed_at.is_(None),
            ChatMessage.hidden_at.is_(None),
        )


def surrounding_lines(message: ChatMessage, around: int = 2) -> list[dict]:
    """The chat lines just before and after a message, as the room saw them."""
    room = ChatMessage.room_id == message.room_id
    before = db.session.scalars(
        select(ChatMessage)
        .where(room, ChatMessage.id < message.id)
        .order_by(ChatMessage.id.desc())
        .limit(around)
    )
    after = db.session.scalars(
        select(ChatMessage).where(room, ChatMessage.id > message.id).order_by(ChatMessage.id).limit(around)
    )
    lines = [*reversed(list(before)), message, *after]
    return [
        {
            "id": line.id,
            "pseudonym": line.author_pseudonym.name,
            "text": excerpt_of(line.body_html),
            "flagged": line.id == message.id,
        }
        for line in lines
    ]


def tell_the_room(app, decision: Decision) -> None:
    """A committed decision on a chat message: members drop it if it is gone, the room's moderators see its
    new state, on every process."""
    if decision.kind != ChatMessages.kind:
        return
    message = db.session.get(ChatMessage, decision.target_id)
    if message is not None:
        moderating.announce(message)


def tell_the_sanctioned_member(app, sanction: SanctionGiven) -> None:
    """The sanctioned member's open chat sockets hear it at once (suspensions also end their sessions)."""
    tell_member(sanction.user_id, "sanction", sanction.json())


def tell_the_room_of_a_hide(app, decision: Decision) -> None:
    """Flags hid a chat message (the auto-hide threshold): members drop it at once."""
    if decision.hidden:
        tell_the_room(app, decision)
