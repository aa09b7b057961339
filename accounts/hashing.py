"""Argon2id password and recovery-code hashing with parameters from config (cheap ones only in tests)."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import current_app
from gevent import monkey
from gevent.hub import get_hub

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


def off_the_event_loop(function, *args):
    """Run argon2 (C code that releases the GIL) in gevent's thread pool when serving with gevent.

    A hash takes about 0.2 s of CPU on purpose. Run in the event loop, it would freeze every other page and
    chat message of the process for that long; in the pool it runs beside them, on another core if free.
    """
    if monkey.is_module_patched("socket"):
        return get_hub().threadpool.apply(function, args)
    return function(*args)


def hash_secret(secret: str) -> str:
    """Hash a password or recovery code."""
    return off_the_event_loop(password_hasher().hash, secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    """Check a secret against its hash; with no hash, burn the same time against a dummy and fail."""
    hasher = password_hasher()
    try:
        secret.encode("utf-8")
    except UnicodeEncodeError:  # never matches; still spend the same time
        stored_hash, secret = None, ""
    if stored_hash is None:
        off_the_event_loop(matches, hasher, current_app.extensions[EXTENSION_KEY]["dummy_hash"], secret)
        return False
    return off_the_event_loop(matches, hasher, stored_hash, secret)


def matches(hasher: PasswordHasher, stored_hash: str, secret: str) -> bool:
    """argon2's verify as a yes or no. A wrong password is an answer, not an error: raised in the thread
    pool, gevent would print it with a traceback on every failed login."""
    try:
        return hasher.verify(stored_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones."""
    return password_hasher().check_needs_rehash(stored_hash)
