"""Detectors for personal data and crisis language in what members write. Pure: no Flask, no database.

Personal data: Swedish personal identity and coordination numbers (date and Luhn check), phone numbers and
e-mail addresses. Crisis language: moderation/crisis.py, rules over the words of Swedish and English
sentences. Both only *detect*: what to do (warn, queue, show help) is the services' business.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from moderation.crisis import find_crisis

# 6 or 8 date digits, an optional separator (- or +, or a space), 4 digits; not inside a longer number.
PERSONNUMMER = re.compile(r"(?<![\d-])((?:19|20)?\d{6})\s?([-+]?)\s?(\d{4})(?![\d-])")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# Swedish numbers: +46 / 0046 / 0, then 7–9 more digits in groups separated by spaces or dashes.
PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)[\s-]?\(?0?\)?[1-9](?:[\s-]?\d){6,8}(?![\w])")


DATE_LIKE = re.compile(r"\d{1,2}[-./ ]\d{1,2}[-./ ]\d{2,4}")


@dataclass(frozen=True)
class Finding:
    """Something worth a second look: what kind, and the text that matched."""

    kind: str
    text: str


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum Swedish identity numbers use on their last ten digits."""
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def plausible_birth_date(date_digits: str) -> bool:
    """YYMMDD or YYYYMMDD with a real month and day; coordination numbers add 60 to the day."""
    year = int(date_digits[:-4]) if len(date_digits) == 8 else 2000 + int(date_digits[:2])
    month, day = int(date_digits[-4:-2]), int(date_digits[-2:])
    if day > 60:
        day -= 60
    try:
        date(year if len(date_digits) == 8 else 2000, month, day)
    except ValueError:
        return False
    return True


def is_personnummer(date_digits: str, last_four: str) -> bool:
    """A personal identity or coordination number: a plausible date and a valid Luhn check digit."""
    return plausible_birth_date(date_digits) and luhn_valid(date_digits[-6:] + last_four)


def find_personal_data(text: str) -> list[Finding]:
    """Identity numbers, phone numbers and e-mail addresses in a text."""
    findings: list[Finding] = []
    for match in PERSONNUMMER.finditer(text):
        if is_personnummer(match.group(1), match.group(3)):
            findings.append(Finding("personnummer", match.group(0).strip()))
    taken = {finding.text for finding in findings}
    for match in PHONE.finditer(text):
        if DATE_LIKE.fullmatch(match.group(0).strip()):
            continue  # 05-06-2024 is a date, not a number to call
        digits = re.sub(r"\D", "", match.group(0).replace("(0)", ""))
        national = (
            digits[2:] if digits.startswith("46") else digits[4:] if digits.startswith("0046") else digits[1:]
        )
        if 7 <= len(national) <= 9 and match.group(0).strip() not in taken:
            findings.append(Finding("phone", match.group(0).strip()))
    for match in EMAIL.finditer(text):
        findings.append(Finding("email", match.group(0)))
    return findings


def normalize(text: str) -> str:
    """Case-folded, accents kept (they matter in Swedish), whitespace collapsed, typographic quotes plain."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(text.split())


def find_crisis_language(text: str) -> list[str]:
    """Crisis signals as moderators read them, e.g. "intent (vill + dö): «vill bara dö»". moderation/crisis.py
    finds them in Swedish and English sentences, also typed in haste ("ja vill int leva", "dont want to
    live")."""
    return [finding.describe() for finding in find_crisis(text)]


# Grooming signals (asking for contact elsewhere, age, photos, a meeting) live in their own pure module;
# re-exported so every detector can be found here.
from moderation.grooming import find_grooming_signals  # noqa: E402, F401
