"""Guards for work done outside an HTTP request: background tasks, loops, shutdown hooks, socket connects.

A request that meets a database outage answers 503 through core.errors (and a chat event through its ack).
Work nobody waits for has no answer to give, so it logs one line and gives up this round instead of printing
a traceback for what is a disturbance, not a bug; a socket connect is refused with a reason the page acts on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from flask_socketio import ConnectionRefusedError

from core.database import end_session_quietly
from core.errors import database_problem, database_unavailable
from core.extensions import db

log = logging.getLogger(__name__)


@contextmanager
def guarded(what: str, *, own_session: bool = True) -> Iterator[None]:
    """Run a step of background work inside an app context: never raises; a failure is rolled back.

    A database out of reach is a warning (the pool reconnects by itself); anything else is a bug and is
    logged with its traceback. With `own_session` (work that runs on its own, not inside a handler whose
    teardown closes the session) the session is closed afterwards, so no connection is kept between rounds.
    Code after the `with` block runs either way: set a flag at the end of the block to know it succeeded."""
    try:
        yield
    except Exception as error:
        with suppress(Exception):  # after a lost connection, rolling back fails too
            db.session.rollback()
        if database_unavailable(error):
            log.warning("%s waits for the database: %s", what, database_problem(error))
        else:
            log.exception("%s failed", what)
    finally:
        if own_session:
            end_session_quietly()


def refused_while_database_down(on_connect):
    """A connect handler that meets a database outage refuses with reason "unavailable" (the page tries
    again shortly) instead of leaving the client waiting for an answer that never comes."""

    @functools.wraps(on_connect)
    def wrapped(self, auth=None):
        try:
            return on_connect(self, auth)
        except Exception as error:
            if isinstance(error, ConnectionRefusedError) or not database_unavailable(error):
                raise
            with suppress(Exception):  # after a lost connection, rolling back fails too
                db.session.rollback()
            log.warning("%s connect: database unavailable: %s", self.namespace, database_problem(error))
            raise ConnectionRefusedError("unavailable") from error

    return wrapped
