"""Reading the account forms and turning refusals into messages shown next to each field."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from werkzeug.datastructures import MultiDict

from core.errors import message_for
from core.exceptions import DomainError

DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
YEAR = re.compile(r"[0-9]{4}")


def birth_date_from_parts(form: MultiDict) -> str:
    """Join the day, month and year boxes into YYYY-MM-DD; anything unreadable stays unreadable."""
    day, month, year = (form.get(key, "").strip() for key in ("birth_day", "birth_month", "birth_year"))
    if not (DAY_OR_MONTH.fullmatch(day) and DAY_OR_MONTH.fullmatch(month) and YEAR.fullmatch(year)):
        return f"{year}-{month}-{day}"
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def signup_input(form: MultiDict) -> dict:
    """The signup service's arguments from the signup form."""
    return {
        "username": form.get("username", ""),
        "password": form.get("password", ""),
        "birth_date": birth_date_from_parts(form),
        "accepted_guidelines": form.get("accept_guidelines") == "yes",
    }


def field_errors(problems: list[DomainError], default_field: str = "form") -> dict[str, str]:
    """One message per field, the first refusal winning, for display next to the field."""
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.field or default_field, message_for(problem))
    return errors


def safe_next(target: str | None) -> str | None:
    """A local path to return to after login, never another site.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so `/\t/evil` would
    become `//evil`: anything but a plain path of printable characters is refused.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if any(ch in target for ch in "\\") or any(ch.isspace() or not ch.isprintable() for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
