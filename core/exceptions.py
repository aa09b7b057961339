"""Domain exceptions raised by services and pure rules. Each owns its contract code, its HTTP status, its
member-facing texts (gettext msgids by message key), the values those texts name and the fields its error
body carries; core.errors only translates and delivers them (JSON, pages, socket acks).

Here live the base class and the generic refusals any feature raises; a feature's own live in its
`errors.py` (accounts, moderation, forum, chat, content), in the lowest layer that raises them.
This module imports nothing from Flask so that pure rules can raise these and be tested with plain values.
"""

from __future__ import annotations

from typing import ClassVar

# Details that go into the error body as they are, when a refusal has them.
BODY_DETAILS = ("limit", "max_bytes", "retry_after", "kinds", "word", "reason", "pseudonym", "age_band")


def N_(text: str) -> str:
    """Mark a member-facing text for the catalogue (one of Babel's default keywords); it is translated
    where it is shown, in the request's language."""
    return text


class DomainError(Exception):
    """A request that the rules refuse. `code` is the contract's snake_case error code."""

    code = "invalid"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "invalid": N_("Some of the information is missing or not valid."),
    }

    def __init__(self, message_key: str | None = None, *, field: str | None = None, **details) -> None:
        super().__init__(message_key or self.code)
        self.message_key = message_key or self.code
        self.field = field
        self.details = details
        # Further refusals of the same request, for forms that show every problem at once.
        self.also: list[DomainError] = []

    def template(self) -> str:
        """The msgid of this refusal's text: the one for its message key, else for its code, else the
        generic "invalid" (the nearest class that words it wins)."""
        for key in (self.message_key, self.code):
            for cls in type(self).__mro__:
                text = cls.__dict__.get("messages", {}).get(key)
                if text is not None:
                    return text
        return DomainError.messages["invalid"]

    def params(self) -> dict:
        """The values the text names (`%(limit)s`…); moments are written out where the text is shown."""
        values = {key: self.details[key] for key in ("limit", "pseudonym", "word") if key in self.details}
        values.update(self.details.get("age_band") or {})
        return values

    def body(self) -> dict:
        """The error body's fields besides code and message (None values are left out)."""
        fields: dict = {"field": self.field}
        fields.update({key: self.details[key] for key in BODY_DETAILS if key in self.details})
        return fields


class InvalidInput(DomainError):
    """The input is missing, of the wrong type or malformed."""

    code = "invalid"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "empty.message": N_("Write something first."),
        "invalid_reason": N_("Choose one of the reasons."),
        "unknown_pseudonym": N_("There is no member with that pseudonym."),
        "cannot_sanction": N_("There is no member you can sanction with that pseudonym."),
        "too_many_words": N_("You can mute at most %(limit)s words."),
        "unknown_setting": N_("There is no such setting."),
        "unknown_category": N_("There is no such category, or it is not open to you."),
        "push_service_not_allowed": N_("This browser's push service is not one we send to."),
        "push_subscription_invalid": N_("The browser sent a push subscription we cannot use."),
        "too_many_devices": N_("Notifications can be on for at most %(limit)s browsers. Turn one off first."),
        "invalid_filter.topic": N_("There is no such topic in the library. Choose one from the list."),
        "invalid_filter.kind": N_("Choose articles or films."),
        "invalid_filter.status": N_("Choose draft, published, unpublished or due for review."),
        "age_band.invalid": N_(
            "Give the age band as an object with min and max, or null for a space open to all."
        ),
        "age_band.unsupported": N_(
            "Only the band 16–25 can be set: Bryggan keeps only whether a member is under 26, "
            "never their age."
        ),
    }


class SlugTaken(InvalidInput):
    """A slug (the address of a forum category or a chat room) that another one of its kind already has."""

    messages: ClassVar[dict[str, str]] = {
        "slug_taken.room": N_("That address is already used by another room."),
        "slug_taken.category": N_("That address is already used by another category."),
    }

    def __init__(self, kind: str) -> None:
        super().__init__(f"slug_taken.{kind}", field="slug")


class BadRequest(DomainError):
    """The request itself cannot be read (not JSON, not an object)."""

    code = "bad_request"
    status = 400
    messages: ClassVar[dict[str, str]] = {
        "bad_request": N_("The request could not be read. Send a JSON object."),
    }


class NotSignedIn(DomainError):
    """The action needs a signed-in member."""

    code = "not_signed_in"
    status = 401
    messages: ClassVar[dict[str, str]] = {
        "not_signed_in": N_("You need to log in first."),
    }


class Forbidden(DomainError):
    """Signed in, but not allowed to do this."""

    code = "forbidden"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "forbidden": N_("You do not have permission to do that."),
    }


class NotFound(DomainError):
    """No such thing, or not visible to this member."""

    code = "not_found"
    status = 404
    messages: ClassVar[dict[str, str]] = {
        "not_found": N_("We could not find that page."),
    }


class TooLong(DomainError):
    """A title or text over its limit; nothing is stored."""

    code = "too_long"
    messages: ClassVar[dict[str, str]] = {
        "too_long.title": N_("The title can be at most %(limit)s characters."),
        "too_long.body": N_("The text can be at most %(limit)s characters. Split it into two posts."),
        "too_long.note": N_("The note can be at most %(limit)s characters."),
        "too_long.word": N_("A muted word can be at most %(limit)s characters."),
        "too_long.message": N_("A chat message can be at most %(limit)s characters."),
        "too_long.staff_message": N_("A message can be at most %(limit)s characters."),
    }

    def __init__(self, field: str, limit: int) -> None:
        super().__init__(f"too_long.{field}", field=field, limit=limit)
        self.limit = limit


class Empty(DomainError):
    """A title or text with nothing in it."""

    code = "empty"
    messages: ClassVar[dict[str, str]] = {
        "empty.title": N_("Write a title."),
        "empty.body": N_("Write something first."),
        "empty.staff_message": N_("Write something first."),
    }

    def __init__(self, field: str) -> None:
        super().__init__(f"empty.{field}", field=field)


class RateLimited(DomainError):
    """Too many writes in a short time; `retry_after` says how long to wait, in seconds."""

    code = "rate_limited"
    status = 429
    messages: ClassVar[dict[str, str]] = {
        "rate_limited": N_("Too many attempts in a short time. Wait a little and try again."),
        "chat.flooding": N_("You are writing very fast. Wait %(seconds)s seconds."),
        "chat.flooding.one": N_("You are writing very fast. Wait a second."),
        "chat.slow_mode": N_("Slow mode is on in this room. You can write again in %(seconds)s seconds."),
        "chat.slow_mode.one": N_("Slow mode is on in this room. You can write again in a second."),
    }

    def __init__(self, retry_after: float, message_key: str = "rate_limited") -> None:
        super().__init__(message_key, retry_after=round(retry_after, 1))

    def seconds(self) -> int:
        """Whole seconds to wait, at least one."""
        return max(1, round(self.details["retry_after"]))

    def template(self) -> str:
        """ "Wait a second" rather than "1 seconds"."""
        one = self.messages.get(f"{self.message_key}.one")
        return one if one is not None and self.seconds() == 1 else super().template()

    def params(self) -> dict:
        """How long to wait."""
        return {"seconds": self.seconds()}


class ClientIdReused(DomainError):
    """A client id that already named another write (another thread, room or kind): not a retry."""

    code = "client_id_reused"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "client_id_reused": N_("This was already sent as another text. Reload the page and write it again."),
    }
