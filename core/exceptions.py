"""Domain exceptions raised by services and pure rules; core.errors maps each to HTTP, JSON and socket acks.

This module imports nothing from Flask so that pure rules can raise these and be tested with plain values.
"""

from __future__ import annotations

from datetime import datetime


class DomainError(Exception):
    """A request that the rules refuse. `code` is the contract's snake_case error code."""

    code = "invalid"
    status = 422

    def __init__(self, message_key: str | None = None, *, field: str | None = None, **details) -> None:
        super().__init__(message_key or self.code)
        self.message_key = message_key or self.code
        self.field = field
        self.details = details
        # Further refusals of the same request, for forms that show every problem at once.
        self.also: list[DomainError] = []


class InvalidInput(DomainError):
    """The input is missing, of the wrong type or malformed."""

    code = "invalid"
    status = 422


class BadRequest(DomainError):
    """The request itself cannot be read (not JSON, not an object)."""

    code = "bad_request"
    status = 400


class AgeOutOfRange(DomainError):
    """The person is younger than the minimum or older than the maximum age on the day of signup."""

    code = "age_out_of_range"

    def __init__(self, reason: str) -> None:
        super().__init__(f"age_out_of_range.{reason}", field="birth_date", reason=reason)
        self.reason = reason


class InvalidBirthDate(DomainError):
    """The birth date is not a real calendar date in YYYY-MM-DD form, or lies in the future."""

    code = "invalid_birth_date"

    def __init__(self, reason: str = "format") -> None:
        super().__init__(f"invalid_birth_date.{reason}", field="birth_date")


class WeakPassword(DomainError):
    """The password is too short, too long, too common or contains the login name."""

    code = "weak_password"

    def __init__(self, reason: str, field: str = "password") -> None:
        super().__init__(f"weak_password.{reason}", field=field, reason=reason)
        self.reason = reason


class InvalidUsername(DomainError):
    """The login name has the wrong length or characters."""

    code = "invalid_username"

    def __init__(self, reason: str) -> None:
        super().__init__(f"invalid_username.{reason}", field="username", reason=reason)


class UsernameTaken(DomainError):
    """Somebody already signed up with this login name."""

    code = "username_taken"
    status = 409

    def __init__(self) -> None:
        super().__init__(field="username")


class GuidelinesNotAccepted(DomainError):
    """Signup without accepting the community guidelines."""

    code = "guidelines_not_accepted"

    def __init__(self) -> None:
        super().__init__(field="accept_guidelines")


class InvalidCredentials(DomainError):
    """Unknown login name, wrong password or wrong recovery code: deliberately indistinguishable."""

    code = "invalid_credentials"
    status = 401


class NotSignedIn(DomainError):
    """The action needs a signed-in member."""

    code = "not_signed_in"
    status = 401


class Forbidden(DomainError):
    """Signed in, but not allowed to do this."""

    code = "forbidden"
    status = 403


class NotFound(DomainError):
    """No such thing, or not visible to this member."""

    code = "not_found"
    status = 404


class Suspended(DomainError):
    """The account is suspended until a given time, or banned (until is None)."""

    code = "suspended"
    status = 403

    def __init__(self, until: datetime | None) -> None:
        super().__init__("suspended.banned" if until is None else "suspended.until")
        self.until = until


class PseudonymRedrawTooSoon(DomainError):
    """A new pseudonym was drawn recently."""

    code = "pseudonym_redraw_too_soon"
    status = 409

    def __init__(self, available_at: datetime) -> None:
        super().__init__()
        self.available_at = available_at


class TooLong(DomainError):
    """A title or text over its limit; nothing is stored."""

    code = "too_long"

    def __init__(self, field: str, limit: int) -> None:
        super().__init__(f"too_long.{field}", field=field, limit=limit)
        self.limit = limit


class Empty(DomainError):
    """A title or text with nothing in it."""

    code = "empty"

    def __init__(self, field: str) -> None:
        super().__init__(f"empty.{field}", field=field)


class ThreadLocked(DomainError):
    """Replies to a locked thread."""

    code = "thread_locked"
    status = 403


class NotTheAuthor(DomainError):
    """Editing or deleting someone else's post."""

    code = "not_the_author"
    status = 403


class AlreadyFlagged(DomainError):
    """A member flags the same post twice."""

    code = "already_flagged"
    status = 409


class CannotFlagOwn(DomainError):
    """A member flags their own post."""

    code = "cannot_flag_own"
    status = 403


class FlagLimitReached(DomainError):
    """The daily number of flags per member is used up."""

    code = "flag_limit_reached"
    status = 429


class RateLimited(DomainError):
    """Too many writes in a short time; `retry_after` says how long to wait, in seconds."""

    code = "rate_limited"
    status = 429

    def __init__(self, retry_after: float, message_key: str = "rate_limited") -> None:
        super().__init__(message_key, retry_after=round(retry_after, 1))


class Muted(DomainError):
    """Muted in chat until a given time, by a moderator or automatically by the safety net (which says so)."""

    code = "muted"
    status = 403

    def __init__(self, until: datetime, automatic: bool = False, crisis_support: bool = False) -> None:
        # A crisis text's refusal says first that the moderators have it.
        key = "muted.crisis" if crisis_support else "muted.automatic" if automatic else None
        super().__init__(key, crisis_support=crisis_support)
        self.until = until
        self.automatic = automatic


class NotInRoom(DomainError):
    """Sending to a chat room the socket has not joined."""

    code = "not_in_room"
    status = 409


class RoomClosed(DomainError):
    """A chat room that admins have closed."""

    code = "room_closed"
    status = 409


class ClientIdReused(DomainError):
    """A client id that already named another write (another thread, room or kind): not a retry."""

    code = "client_id_reused"
    status = 409


class ChatUnavailable(DomainError):
    """Messages cannot reach the room right now (the message queue between processes is down)."""

    code = "unavailable"
    status = 503

    def __init__(self) -> None:
        super().__init__("unavailable.chat")


class PersonalDataFound(DomainError):
    """The text seems to hold an identity number, phone number or e-mail address; nothing was stored.

    Sending again with `confirm_personal_data: true` stores it, and moderators are asked to look.
    """

    code = "personal_data"
    status = 422

    def __init__(self, kinds: list[str], crisis_support: bool = False) -> None:
        super().__init__(field="body", kinds=kinds, crisis_support=crisis_support)


class BlockedWord(DomainError):
    """The text contains a word moderators have blocked; nothing is stored."""

    code = "blocked_word"
    status = 422

    def __init__(self, word: str) -> None:
        super().__init__(field="body", word=word)


class ClaimedByAnother(DomainError):
    """Another moderator has already taken this queue item; `pseudonym` says who."""

    code = "claimed_by_another"
    status = 409

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class OutsideAgeBand(DomainError):
    """An age-banded space (young carers, 16–25) and a member outside its band: nothing there may be read,
    joined or written. `reason` is `aged_out` for a member who has just turned 26, else `outside`."""

    code = "age_band"
    status = 403

    def __init__(self, band_min: int, band_max: int, aged_out: bool = False) -> None:
        reason = "aged_out" if aged_out else "outside"
        super().__init__(f"age_band.{reason}", reason=reason, age_band={"min": band_min, "max": band_max})


class AgeAlreadyChecked(DomainError):
    """A member who joined before young carers' spaces existed may check their birth date once, not again."""

    code = "age_already_checked"
    status = 409


class AlreadyDecided(DomainError):
    """Another moderator has already decided this queue item; `pseudonym` says who (undo it instead)."""

    code = "already_decided"
    status = 409

    def __init__(self, pseudonym: str) -> None:
        super().__init__(pseudonym=pseudonym)


class NothingToUndo(DomainError):
    """The item has no decision that can be undone."""

    code = "nothing_to_undo"
    status = 409


class DuplicateSanction(DomainError):
    """The same sanction on the same member was given moments ago."""

    code = "duplicate_sanction"
    status = 409

    def __init__(self, pseudonym: str) -> None:
        super().__init__(field="kind", pseudonym=pseudonym)
