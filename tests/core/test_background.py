"""Work outside a request meets a database outage with one warning line, and a bug with a traceback;
neither escapes to print through gevent's hub."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from chat import services as chat_services
from chat.background import stop_chat_maintenance
from chat.events import send_presence_later
from core.background import guarded
from core.extensions import db
from tests.conftest import make_app


@pytest.fixture
def app_without_database(tmp_path: Path):
    """An app whose SQLite file lies in a directory that does not exist: every connection fails."""
    return make_app(f"sqlite:///{tmp_path / 'gone' / 'bryggan.db'}")


def test_a_trailing_presence_update_with_the_database_down_logs_one_warning(app_without_database, caplog):
    app = app_without_database
    with app.app_context():
        chat_services.state().presence_pending.add(7)
    with caplog.at_level(logging.WARNING):
        send_presence_later(app, 7, 0)  # would raise through the greenlet without the guard
    with app.app_context():
        assert 7 not in chat_services.state().presence_pending  # the next join can schedule again
    warnings = [record for record in caplog.records if "waits for the database" in record.getMessage()]
    assert [record.levelno for record in warnings] == [logging.WARNING]
    assert "a presence update" in warnings[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)


def test_shutdown_with_the_database_down_logs_a_warning_not_a_traceback(app_without_database, caplog):
    with caplog.at_level(logging.WARNING):
        stop_chat_maintenance(app_without_database)
    assert any("unregistering the chat process waits" in record.getMessage() for record in caplog.records)
    assert not any(record.exc_info for record in caplog.records)


def test_a_bug_in_background_work_is_logged_with_its_traceback_and_does_not_escape(app, caplog):
    with caplog.at_level(logging.WARNING), app.app_context():
        with guarded("a test step"):
            raise KeyError("a bug")
        assert db.session.is_active  # the session was rolled back and removed, ready for the next round
    failures = [record for record in caplog.records if record.getMessage() == "a test step failed"]
    assert len(failures) == 1 and failures[0].levelno == logging.ERROR
    assert failures[0].exc_info[0] is KeyError
