"""Database plumbing: SQLite pragmas, emptying SQLite's write-ahead log, an always-UTC datetime type and the
clock every model uses."""

from __future__ import annotations

import logging
import sqlite3
import time
from contextlib import suppress
from datetime import UTC, datetime

from flask import Flask, current_app
from sqlalchemy import DateTime, event
from sqlalchemy.engine import Engine
from sqlalchemy.types import TypeDecorator

from core.extensions import db

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores naive UTC (SQLite has no time zones) and always hands back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def configure_database(app: Flask) -> None:
    """Bind Flask-SQLAlchemy and, on SQLite, set the pragmas every connection needs."""
    db.init_app(app)
    # Registered after Flask-SQLAlchemy's, so it runs first (teardowns run in reverse).
    app.teardown_appcontext(end_session_quietly)
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    busy_timeout_ms = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record) -> None:
        """WAL lets readers and one writer work at once; foreign keys are off by default in SQLite."""
        # The driver opens a transaction just before the first INSERT, UPDATE or DELETE (reads before it
        # run on their own). IMMEDIATE takes the write lock at that BEGIN, waiting up to the busy timeout,
        # so a transaction never has to upgrade a read snapshot that another process has since made stale:
        # that upgrade fails at once with "database is locked", whatever the timeout.
        dbapi_connection.isolation_level = "IMMEDIATE"
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted rows are overwritten with zeros, not just marked free: an erased login name or text must
        # not stay readable in the file (many builds default to off).
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()


def end_session_quietly(_error: BaseException | None = None) -> None:
    """Close the request's session. When the database went away mid-request, rolling back fails too: the
    answer (a 503 or the page) is already decided, so that failure must not turn into a 500 from the
    server, nor print the request to the log; the pool discards the broken connection."""
    try:
        db.session.remove()
    except Exception as error:  # noqa: BLE001 - logged, and the pool recovers by itself
        log.warning("closing a session after losing the database: %s", error.__class__.__name__)
        with suppress(Exception):
            db.session.registry.clear()


WAL_TRUNCATE_ATTEMPTS = 10
WAL_TRUNCATE_PAUSE_SECONDS = 0.05


def truncate_wal() -> bool:
    """On SQLite, copy the write-ahead log into the database file and cut it to zero bytes, so that rows just
    deleted (with secure_delete, zeroed in the file) are not still readable in the log's older frames.

    Best effort: the log can only be emptied while no other connection is reading an older snapshot. Each try
    runs with no busy wait (SQLite's wait would block a gevent process whole, readers in it included), and
    a few tries are made with short cooperative pauses. Returns whether it succeeded; if not, the old frames
    are overwritten as the log is reused, and the next successful call empties it.
    """
    if not is_sqlite(db.engine):
        return True
    busy_timeout_ms = int(current_app.config["SQLITE_BUSY_TIMEOUT_MS"])
    for attempt in range(WAL_TRUNCATE_ATTEMPTS):
        if attempt:
            time.sleep(WAL_TRUNCATE_PAUSE_SECONDS)
        with db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA busy_timeout = 0")
            try:
                busy, _frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            finally:
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        if not busy:
            return True
    log.info("the write-ahead log could not be emptied now: readers kept it busy")
    return False


def is_sqlite(engine: Engine) -> bool:
    """Whether the engine talks to SQLite (some features, such as full-text search, differ)."""
    return engine.dialect.name == "sqlite"


# Full-text search structures that live outside the models (see migrations and forum.search).
UNMODELLED_SEARCH_OBJECTS = (
    "forum_search",
    "ix_posts_search",
    "ix_threads_search",
    "library_search",
    "ix_library_items_search",
)


def include_in_migrations(obj, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Tell Alembic's autogenerate to leave the hand-written search tables and indexes alone."""
    return not (name and name.startswith(UNMODELLED_SEARCH_OBJECTS))
