"""A database out of reach is a 503 with Retry-After; a mistake in the SQL stays a 500 (a bug, with a
traceback)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.errors import database_unavailable
from core.extensions import db
from tests.conftest import Api, make_app


@pytest.fixture
def sqlite_path(database_url: str) -> str:
    assert database_url.startswith("sqlite:///")
    return database_url.removeprefix("sqlite:///")


def test_a_locked_database_answers_503_and_keeps_nothing_half_written(sqlite_path, database_url):
    impatient = make_app(database_url, SQLITE_BUSY_TIMEOUT_MS=50)
    assert impatient.test_cli_runner().invoke(args=["seed"]).exit_code == 0
    api = Api(impatient.test_client())
    api.signup("anna")
    thread_id = api.new_thread().get_json()["thread"]["id"]
    holder = sqlite3.connect(sqlite_path)
    holder.execute("BEGIN IMMEDIATE")  # another process holds the write lock beyond the wait
    try:
        answer = api.reply(thread_id, "Nu då?")
        page = api.client.post(f"/threads/{thread_id}/reply", data={"csrf_token": api.csrf(), "body": "Sida"})
    finally:
        holder.rollback()
        holder.close()
    assert answer.status_code == 503
    assert answer.get_json()["error"]["code"] == "unavailable"
    assert answer.headers["Retry-After"] == "5"
    assert page.status_code == 503 and "Försök igen om en minut" in page.get_data(as_text=True)
    # The reply form's text comes back, so nothing is lost.
    assert '<textarea id="draft" readonly rows="8">Sida</textarea>' in page.get_data(as_text=True)
    assert api.reply(thread_id, "Nu då?").status_code == 201
    with impatient.app_context():
        assert (
            db.session.execute(text("SELECT count(*) FROM posts WHERE body_source = 'Nu då?'")).scalar() == 1
        )
        db.engine.dispose()


def test_a_mistake_in_sql_is_not_mistaken_for_an_outage(app):
    with app.app_context(), pytest.raises(OperationalError) as raised:
        db.session.execute(text("SELECT no_such_column FROM posts"))
    assert not database_unavailable(raised.value)
