"""The age gate: only people aged 16 to 94 inclusive on the day of signup may join; and the one fact kept
about a young member's age (the day they turn 26) with the age bands of young carers' spaces. Pure rules,
no Flask."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from accounts.errors import AgeOutOfRange, InvalidBirthDate
from core.exceptions import InvalidInput

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


# Young carers' spaces are for members under this age. Only the day a member reaches it is kept
# (`users.young_until`), never the birth date, so 16–25 is the only band Bryggan can check.
YOUNG_UNTIL_AGE = 26


def birthday_in(born: date, year: int) -> date:
    """The birthday in a given year; 29 February falls on 1 March in common years (as `age_on` counts)."""
    try:
        return born.replace(year=year)
    except ValueError:  # 29 February in a common year
        return date(year, 3, 1)


def young_until(born: date, today: date, age: int = YOUNG_UNTIL_AGE) -> date | None:
    """The day the member turns 26, while that lies ahead; None for someone who is 26 or older today."""
    day = birthday_in(born, born.year + age)
    return day if today < day else None


def is_young(until: date | None, today: date) -> bool:
    """Under 26 today, judged only from the stored `young_until` (None means 26 or older)."""
    return until is not None and today < until


@dataclass(frozen=True)
class AgeBand:
    """The ages a space is for, inclusive: `{min, max}` in JSON."""

    min: int
    max: int

    def as_json(self) -> dict:
        """`{min, max}`."""
        return {"min": self.min, "max": self.max}


YOUNG_BAND = AgeBand(16, YOUNG_UNTIL_AGE - 1)
# Bands Bryggan can check from what it keeps: a member is known only to be 16–25 or 26–94.
SUPPORTED_BANDS = (YOUNG_BAND,)


def parse_age_band(value: object) -> AgeBand | None:
    """`null` (no band) or `{min, max}` naming a band we can check; anything else is refused."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"min", "max"}:
        raise InvalidInput("age_band.invalid", field="age_band")
    low, high = value["min"], value["max"]
    if any(isinstance(bound, bool) or not isinstance(bound, int) for bound in (low, high)):
        raise InvalidInput("age_band.invalid", field="age_band")
    band = AgeBand(low, high)
    if band not in SUPPORTED_BANDS:
        # A band such as 18–25 would need the birth date, which is never kept.
        raise InvalidInput("age_band.unsupported", field="age_band")
    return band


def band_admits(band: AgeBand | None, young: bool) -> bool:
    """Whether a member who is (or is not) under 26 belongs in a space with this band."""
    # Every supported band lies below 26 (SUPPORTED_BANDS): being under 26 is all there is to check.
    return band is None or young
