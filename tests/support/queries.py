"""Counting the SQL statements the app sends (query budgets, and proving GET requests never write)."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager

from sqlalchemy import event

from core.extensions import db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


@contextmanager
def statements(app, this_thread_only: bool = False):
    """Collect every SQL statement the app sends while the block runs (with `this_thread_only`, not those
    of background tasks, which in tests are threads and may run at any moment)."""
    seen: list[str] = []
    here = threading.get_ident()

    def record(conn, cursor, statement, parameters, context, executemany):
        if not this_thread_only or threading.get_ident() == here:
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
