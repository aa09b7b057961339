"""Login names, password policy and recovery codes: pure rules with no Flask import."""

from __future__ import annotations

import re
import secrets
import unicodedata
from functools import lru_cache
from pathlib import Path

from accounts.errors import InvalidUsername, WeakPassword

USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 40
USERNAME_PATTERN = re.compile(r"[\w.\-]+")

COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"

# Crockford-like alphabet without 0/O, 1/I/L: read aloud or copied by hand without mistakes.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECOVERY_GROUPS = 5
RECOVERY_GROUP_LENGTH = 4
# 128 random bits, as hex: the account's own session secret (see new_session_secret).
SESSION_SECRET_BYTES = 16


def normalize_username(raw: object) -> str:
    """The canonical form of a login name: NFKC, trimmed, case-folded, so look-alikes cannot coexist."""
    if not isinstance(raw, str):
        raise InvalidUsername("length")
    name = unicodedata.normalize("NFKC", raw).strip().casefold()
    if not USERNAME_MIN_LENGTH <= len(name) <= USERNAME_MAX_LENGTH:
        raise InvalidUsername("length")
    if not USERNAME_PATTERN.fullmatch(name):
        raise InvalidUsername("characters")
    return name


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check_password(
    password: object,
    username: str | None = None,
    *,
    min_length: int = 10,
    max_length: int = 1000,
    field: str = "password",
) -> str:
    """Return the password if it is long enough and not common; no composition rules (NIST SP 800-63B)."""
    if not isinstance(password, str) or len(password) < min_length:
        raise WeakPassword("too_short", field)
    if len(password) > max_length:
        raise WeakPassword("too_long", field)
    if not all(ch.isprintable() or ch.isspace() for ch in password):
        raise WeakPassword("unreadable", field)
    folded = password.strip().casefold()
    if folded in common_passwords():
        raise WeakPassword("common", field)
    if username and username.casefold() in folded:
        raise WeakPassword("contains_username", field)
    return password


def generate_recovery_code() -> str:
    """A one-time recovery code: 20 characters (about 99 bits) in dash-separated groups."""
    groups = (
        "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUP_LENGTH))
        for _ in range(RECOVERY_GROUPS)
    )
    return "-".join(groups)


def normalize_recovery_code(raw: object) -> str:
    """Accept the code however it was copied: any case, with or without spaces and dashes."""
    if not isinstance(raw, str):
        return ""
    return "".join(ch for ch in raw.upper() if ch.isalnum())


def new_session_secret() -> str:
    """A random secret for a new account, which every session cookie of the account must carry.

    A cookie names its account by id; the secret makes it valid only for the account it was issued to, even
    if an id were ever given to another account.
    """
    return secrets.token_hex(SESSION_SECRET_BYTES)
