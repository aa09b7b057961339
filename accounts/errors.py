"""Domain exceptions of accounts: signup (age gate, birth date, login name, password, guidelines),
login and recovery, suspension, pseudonym redraws and age-banded spaces. Each owns its code,
status and texts (core/exceptions.py explains the machinery); no Flask import.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from core.exceptions import N_, DomainError


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
