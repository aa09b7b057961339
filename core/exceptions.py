"""Domain exceptions raised by services and pure rules. Each owns its contract code, its HTTP status, its
member-facing texts (gettext msgids by message key), the values those texts name and the fields its error
body carries; core.errors only translates and delivers them (JSON, pages, socket acks).

This module imports nothing from Flask so that pure rules can raise these and be tested with plain values.
"""

from __future__ import annotations

from datetime import datetime
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


class AgeOutOfRange(DomainError):
    """The person is younger than the minimum or older than the maximum age on the day of signup."""

    code = "age_out_of_range"
    messages: ClassVar[dict[str, str]] = {
        "age_out_of_range.too_young": N_(
            "Bryggan is for people aged 16 to 94, so we cannot create an account for you yet. "
            "You are welcome back when you turn 16. If you want to talk to someone now, BRIS is "
            "there for young people: call 116 111 or chat at bris.se."
        ),
        "age_out_of_range.too_old": N_(
            "Bryggan's forum is for people aged 16 to 94, so we cannot create an account. The "
            "library and the help numbers on our help page are open to everyone."
        ),
        "age_out_of_range.future": N_("The birth date cannot be in the future."),
    }

    def __init__(self, reason: str) -> None:
        super().__init__(f"age_out_of_range.{reason}", field="birth_date", reason=reason)
        self.reason = reason


class InvalidBirthDate(DomainError):
    """The birth date is not a real calendar date in YYYY-MM-DD form, or lies in the future."""

    code = "invalid_birth_date"
    messages: ClassVar[dict[str, str]] = {
        "invalid_birth_date.format": N_(
            "That is not a date we can read. Give day, month and year, for example 31 May 1970."
        ),
    }

    def __init__(self, reason: str = "format") -> None:
        super().__init__(f"invalid_birth_date.{reason}", field="birth_date")


class WeakPassword(DomainError):
    """The password is too short, too long, too common or contains the login name."""

    code = "weak_password"
    messages: ClassVar[dict[str, str]] = {
        "weak_password.too_short": N_(
            "The password needs at least 10 characters. A few words in a row work well."
        ),
        "weak_password.too_long": N_("The password can be at most 1000 characters."),
        "weak_password.unreadable": N_(
            "The password contains characters that cannot be typed. Choose another."
        ),
        "weak_password.common": N_("That password is too common and easy to guess. Choose another."),
        "weak_password.contains_username": N_("The password must not contain your login name."),
    }

    def __init__(self, reason: str, field: str = "password") -> None:
        super().__init__(f"weak_password.{reason}", field=field, reason=reason)
        self.reason = reason


class InvalidUsername(DomainError):
    """The login name has the wrong length or characters."""

    code = "invalid_username"
    messages: ClassVar[dict[str, str]] = {
        "invalid_username.length": N_("The login name needs 3 to 40 characters."),
        "invalid_username.characters": N_(
            "The login name may contain letters, digits, dots, dashes and underscores, but no spaces."
        ),
    }

    def __init__(self, reason: str) -> None:
        super().__init__(f"invalid_username.{reason}", field="username", reason=reason)


class UsernameTaken(DomainError):
    """Somebody already signed up with this login name."""

    code = "username_taken"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "username_taken": N_("That login name is taken. Choose another; nobody else will ever see it."),
    }

    def __init__(self) -> None:
        super().__init__(field="username")


class GuidelinesNotAccepted(DomainError):
    """Signup without accepting the community guidelines."""

    code = "guidelines_not_accepted"
    messages: ClassVar[dict[str, str]] = {
        "guidelines_not_accepted": N_("You need to accept the community guidelines to join."),
    }

    def __init__(self) -> None:
        super().__init__(field="accept_guidelines")


class InvalidCredentials(DomainError):
    """Unknown login name, wrong password or wrong recovery code: deliberately indistinguishable."""

    code = "invalid_credentials"
    status = 401
    messages: ClassVar[dict[str, str]] = {
        "invalid_credentials": N_("The login name or the password is wrong."),
        "invalid_recovery": N_("The login name or the recovery code is wrong."),
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


class Suspended(DomainError):
    """The account is suspended until a given time, or banned (until is None)."""

    code = "suspended"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "suspended.until": N_("Your account is suspended until %(until)s."),
        "suspended.banned": N_("Your account has been closed by the moderators."),
    }

    def __init__(self, until: datetime | None) -> None:
        super().__init__("suspended.banned" if until is None else "suspended.until")
        self.until = until

    def params(self) -> dict:
        """Until when."""
        return {"until": self.until} if self.until is not None else {}

    def body(self) -> dict:
        """`until` (null: banned)."""
        return {**super().body(), "until": self.until.isoformat() if self.until else None}


class PseudonymRedrawTooSoon(DomainError):
    """A new pseudonym was drawn recently."""

    code = "pseudonym_redraw_too_soon"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "pseudonym_redraw_too_soon": N_("You can draw a new pseudonym again from %(available_at)s."),
    }

    def __init__(self, available_at: datetime) -> None:
        super().__init__()
        self.available_at = available_at

    def params(self) -> dict:
        """From when."""
        return {"available_at": self.available_at}

    def body(self) -> dict:
        """`available_at`."""
        return {**super().body(), "available_at": self.available_at.isoformat()}


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


class ThreadLocked(DomainError):
    """Replies to a locked thread."""

    code = "thread_locked"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "thread_locked": N_("This thread is locked by the moderators; no new replies can be written."),
    }


class NotTheAuthor(DomainError):
    """Editing or deleting someone else's post."""

    code = "not_the_author"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "not_the_author": N_("You can only change your own posts."),
    }


class AlreadyFlagged(DomainError):
    """A member flags the same post twice."""

    code = "already_flagged"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "already_flagged": N_("You have already flagged this post. Thank you; a moderator will look at it."),
    }


class CannotFlagOwn(DomainError):
    """A member flags their own post."""

    code = "cannot_flag_own"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "cannot_flag_own": N_("You cannot flag your own post. You can edit or delete it instead."),
    }


class FlagLimitReached(DomainError):
    """The daily number of flags per member is used up."""

    code = "flag_limit_reached"
    status = 429
    messages: ClassVar[dict[str, str]] = {
        "flag_limit_reached": N_("You have flagged many posts today. Thank you! You can flag more tomorrow."),
    }


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


class ClientIdReused(DomainError):
    """A client id that already named another write (another thread, room or kind): not a retry."""

    code = "client_id_reused"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "client_id_reused": N_("This was already sent as another text. Reload the page and write it again."),
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


class PersonalDataFound(DomainError):
    """The text seems to hold an identity number, phone number or e-mail address; nothing was stored.

    Sending again with `confirm_personal_data: true` stores it, and moderators are asked to look.
    """

    code = "personal_data"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "personal_data": N_(
            "It looks as if you wrote a personal identity number, a phone number or an e-mail "
            "address. To protect your and others' anonymity, check the text. If you still want "
            "to publish it, confirm and send it again; a moderator will look at it."
        ),
    }

    def __init__(self, kinds: list[str], crisis_support: bool = False) -> None:
        super().__init__(field="body", kinds=kinds, crisis_support=crisis_support)


class BlockedWord(DomainError):
    """The text contains a word moderators have blocked; nothing is stored."""

    code = "blocked_word"
    status = 422
    messages: ClassVar[dict[str, str]] = {
        "blocked_word": N_(
            "Your text contains “%(word)s”, which is not allowed here. Change it and try again."
        ),
    }

    def __init__(self, word: str) -> None:
        super().__init__(field="body", word=word)


class ClaimedByAnother(DomainError):
    """Another moderator has already taken this queue item; `pseudonym` says who."""

    code = "claimed_by_another"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "claimed_by_another": N_("%(pseudonym)s has already taken this one."),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class OutsideAgeBand(DomainError):
    """An age-banded space (young carers, 16–25) and a member outside its band: nothing there may be read,
    joined or written. `reason` is `aged_out` for a member who has just turned 26, else `outside`."""

    code = "age_band"
    status = 403
    messages: ClassVar[dict[str, str]] = {
        "age_band.outside": N_(
            "This space is for young carers aged %(min)s to %(max)s, so it is closed to you. The "
            "general rooms and the rest of the forum are open to you."
        ),
        "age_band.aged_out": N_(
            "You have turned 26 – congratulations! This space is for young carers aged %(min)s "
            "to %(max)s, so it is closed to you now. What you wrote here stays. You are very "
            "welcome in the general rooms and the rest of the forum."
        ),
    }

    def __init__(self, band_min: int, band_max: int, aged_out: bool = False) -> None:
        reason = "aged_out" if aged_out else "outside"
        super().__init__(f"age_band.{reason}", reason=reason, age_band={"min": band_min, "max": band_max})


class AgeAlreadyChecked(DomainError):
    """A member who joined before young carers' spaces existed may check their birth date once, not again."""

    code = "age_already_checked"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "age_already_checked": N_(
            "You have already checked your birth date once. If it was wrong, write to the moderators."
        ),
    }


class AlreadyDecided(DomainError):
    """Another moderator has already decided this queue item; `pseudonym` says who (undo it instead)."""

    code = "already_decided"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "already_decided": N_(
            "%(pseudonym)s has already decided this one. Undo their decision if it was wrong."
        ),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class NothingToUndo(DomainError):
    """The item has no decision that can be undone."""

    code = "nothing_to_undo"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "nothing_to_undo": N_("There is no decision to undo."),
    }


class DuplicateSanction(DomainError):
    """The same sanction on the same member was given moments ago."""

    code = "duplicate_sanction"
    status = 409
    messages: ClassVar[dict[str, str]] = {
        "duplicate_sanction": N_("%(pseudonym)s was given the same sanction a few minutes ago."),
    }

    def __init__(self, pseudonym: str) -> None:
        super().__init__(field="kind", pseudonym=pseudonym)


class InvalidMedia(DomainError):
    """An uploaded film file cannot be used (its bytes are not what its place needs); `text` says why, in the
    request's language, next to the field."""

    code = "invalid_media"
    status = 422

    def __init__(self, field: str, text: str) -> None:
        super().__init__("invalid_media", field=field, text=text)


class UploadTooLarge(DomainError):
    """An upload over its limit, refused from its Content-Length or as soon as it passes the limit."""

    code = "upload_too_large"
    status = 413

    def __init__(self, field: str, text: str, max_bytes: int) -> None:
        super().__init__("upload_too_large", field=field, text=text, max_bytes=max_bytes)


class RequiredFile(DomainError):
    """A film's video or Swedish captions cannot be removed, only replaced."""

    code = "required_file"
    status = 409

    def __init__(self, field: str, text: str) -> None:
        super().__init__("required_file", field=field, text=text)
