"""Argon2id password and recovery-code hashing with parameters from config (cheap ones only in tests)."""

from __future__ import annotations

import contextlib

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app

EXTENSION_KEY = "bryggan.password_hasher"
DUMMY_SECRET = "bryggan-timing-equaliser"


def password_hasher() -> PasswordHasher:
    """The app's hasher, built once per app from PASSWORD_HASH_* config."""
    state = current_app.extensions.get(EXTENSION_KEY)
    if state is None:
        config = current_app.config
        hasher = PasswordHasher(
            time_cost=config["PASSWORD_HASH_TIME_COST"],
            memory_cost=config["PASSWORD_HASH_MEMORY_KIB"],
            parallelism=config["PASSWORD_HASH_PARALLELISM"],
            type=Type.ID,
        )
        # Checking an unknown login against a real hash of the same cost takes as long as a known one.
        state = {"hasher": hasher, "dummy_hash": hasher.hash(DUMMY_SECRET)}
        current_app.extensions[EXTENSION_KEY] = state
    return state["hasher"]


def hash_secret(secret: str) -> str:
    """Hash a password or recovery code."""
    return password_hasher().hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Check a secret against its hash; with no hash, burn the same time against a dummy and fail."""
    hasher = password_hasher()
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:  # never matches; still spend the same time
        stored_hash, secret = None, ""
    if stored_hash is None:
        with contextlib.suppress(VerificationError):
            hasher.verify(current_app.extensions[EXTENSION_KEY]["dummy_hash"], secret)
        return False
    try:
        return hasher.verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    return password_hasher().check_needs_rehash(stored_hash)
