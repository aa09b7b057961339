"""The age gate: only people aged 16 to 94 inclusive on the day of signup may join. Pure rules, no Flask."""

from __future__ import annotations

import re
from datetime import date

from core.exceptions import AgeOutOfRange, InvalidBirthDate

BIRTH_DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_birth_date(text: object, today: date) -> date:
    """Read a strict YYYY-MM-DD calendar date that is not in the future."""
    if not isinstance(text, str) or not BIRTH_DATE_PATTERN.fullmatch(text.strip()):
        raise InvalidBirthDate("format")
    year, month, day = (int(part) for part in text.strip().split("-"))
    try:
        born = date(year, month, day)
    except ValueError as error:  # 2023-02-29, 1990-13-01, 0000-01-01 ...
        raise InvalidBirthDate("format") from error
    if born > today:
        # The contract reports every age below 16 as age_out_of_range; the reason says why.
        raise AgeOutOfRange("future")
    return born


def age_on(born: date, today: date) -> int:
    """Completed years of age on `today`.

    Someone born on 29 February has their birthday on 1 March in common years: the day they have
    unambiguously completed the year. For the lower bound that is the cautious reading.
    """
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    return today.year - born.year - (0 if had_birthday else 1)


def check_age(born: date, today: date, min_age: int = 16, max_age: int = 94) -> int:
    """Return the age if it lies within [min_age, max_age], else raise AgeOutOfRange."""
    age = age_on(born, today)
    if age < min_age:
        raise AgeOutOfRange("too_young")
    if age > max_age:
        raise AgeOutOfRange("too_old")
    return age
