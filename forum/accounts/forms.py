"""Reading the account forms and turning refusals into messages shown next to each field."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from core.errors import message_for
from core.exceptions import DomainError


def birth_date_from_parts(form: MultiDict) -> str:
    """Join the day, month and year boxes into YYYY-MM-DD; anything unreadable stays unreadable."""
    day, month, year = (form.get(key, "").strip() for key in ("birth_day", "birth_month", "birth_year"))
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
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
    """A local path to return to after login, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target
