"""Work outside a request meets a database outage with one warning line, and a bug with a traceback;
neither escapes to print through gevent's hub."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from flask_socketio import ConnectionRefusedError
from sqlalchemy import select

from chat import queue as chat_queue
from chat import services as chat_services
from chat.background import stop_chat_maintenance
from chat.events import send_presence_later
from core.background import guarded, refused_while_database_down
from core.extensions import db
from forum.models import Category
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
            db.session.add(
                Category(
                    slug="halvfardig", name_sv="Halv", name_en="Half", description_sv="-", description_en="-"
                )
            )
            db.session.flush()  # written, not committed
            raise KeyError("a bug")
        assert not db.session.new  # rolled back and closed: nothing half-done reaches the next round
        assert db.session.scalar(select(Category).where(Category.slug == "halvfardig")) is None
    failures = [record for record in caplog.records if record.getMessage() == "a test step failed"]
    assert len(failures) == 1 and failures[0].levelno == logging.ERROR
    assert failures[0].exc_info[0] is KeyError


def test_a_replay_after_a_queue_outage_waits_for_the_database_and_then_runs(
    migrated_sqlite, tmp_path, monkeypatch, caplog
):
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(migrated_sqlite, folder / "bryggan.sqlite3")
    app = make_app(f"sqlite:///{folder / 'bryggan.sqlite3'}")
    folder.rename(tmp_path / "away")  # the database is out of reach when the replay starts...
    pauses = []

    def database_back_after_a_pause(seconds: float) -> None:
        pauses.append(seconds)
        if not folder.exists():
            (tmp_path / "away").rename(folder)  # ...and back after the first pause

    monkeypatch.setattr(chat_queue.time, "sleep", database_back_after_a_pause)
    with caplog.at_level(logging.WARNING):
        chat_queue.replay_missed_messages(app, time.time() - 60)
    assert pauses == [chat_queue.REPLAY_RETRY_SECONDS]  # one failed try, then one that succeeded
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        "replaying messages after a queue outage waits for the database"
    ]


class Handler:
    """Stands in for a Socket.IO namespace: only `namespace` is read."""

    namespace = "/chat"


def test_a_connect_handler_refuses_with_unavailable_only_for_a_database_outage(app_without_database, caplog):
    def reads_the_member(self, auth=None):
        db.session.execute(select(Category)).all()  # the database is out of reach

    def refuses(self, auth=None):
        raise ConnectionRefusedError("not_signed_in")

    def has_a_bug(self, auth=None):
        raise KeyError("a bug")

    with app_without_database.app_context(), caplog.at_level(logging.WARNING):
        with pytest.raises(ConnectionRefusedError) as outage:
            refused_while_database_down(reads_the_member)(Handler())
        with pytest.raises(ConnectionRefusedError) as refusal:
            refused_while_database_down(refuses)(Handler())
        with pytest.raises(KeyError):
            refused_while_database_down(has_a_bug)(Handler())
    assert outage.value.error_args == {"message": "unavailable"}
    assert refusal.value.error_args == {"message": "not_signed_in"}  # passed through as it was
    assert any("/chat connect: database unavailable" in record.getMessage() for record in caplog.records)
