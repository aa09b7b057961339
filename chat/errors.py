"""Domain exceptions of the chat: a muted writer, rooms not joined or closed, and a chat that cannot
save. Each owns its code, status and texts (core/exceptions.py explains the machinery); no Flask
import.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from core.exceptions import N_, DomainError


class Muted(DomainError):
    """Muted in chat until a given time, by a moderator or automatically by the safety net (which says so)."""

    code = "muted"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "muted": N_("A moderator has paused your writing in the chat until %(until)s. You can still read."),
        "muted.crisis": N_(
            "Your writing in the chat is paused until %(until)s, so your message was not shown "
            "in the room. The moderators have received it and will read it first."
        ),
        "muted.automatic": N_(
            "Your writing in the chat is paused automatically, because several members reported "
            "something you wrote. No moderator has decided anything yet: the pause is temporary "
            "and ends when a moderator has looked, at the latest %(until)s. You can still read."
        ),
    }

    def __init__(self, until: datetime, automatic: bool = False, crisis_support: bool = False) -> None:
        # A crisis text's refusal says first that the moderators have it.
        key = "muted.crisis" if crisis_support else "muted.automatic" if automatic else None
        super().__init__(key, crisis_support=crisis_support)
        self.until = until
        self.automatic = automatic

    def params(self) -> dict:
        """Until when."""
        return {"until": self.until}

    def body(self) -> dict:
        """`until`, and whether the safety net paused the member (`automatic`)."""
        return {**super().body(), "until": self.until.isoformat(), "automatic": self.automatic}


class NotInRoom(DomainError):
    """Sending to a chat room the socket has not joined."""

    code = "not_in_room"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "not_in_room": N_("Join the room before you write in it."),
    }


class RoomClosed(DomainError):
    """A chat room that admins have closed."""

    code = "room_closed"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "room_closed": N_("This room is closed for now."),
    }


class ChatUnavailable(DomainError):
    """Messages cannot reach the room right now (the message queue between processes is down)."""

    code = "unavailable"
    status = 503
    messages: ClassVar[dict[str, str]] = {
        "unavailable.chat": N_(
            "The chat cannot save messages right now. Your message was not sent; try again in a minute."
        ),
    }

    def __init__(self) -> None:
        super().__init__("unavailable.chat")
