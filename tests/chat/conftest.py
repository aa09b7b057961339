"""Chat fixtures: a real `python app.py` server, and members with a real python-socketio client."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.servers import app_server

# The helpers live in tests/support; these names stay importable from here for older test modules.
from tests.support.chat import NAMESPACE, SERVER_SETTINGS, Member, server_env

__all__ = ["NAMESPACE", "SERVER_SETTINGS", "Member", "server_env"]


@pytest.fixture(scope="module")
def chat_db(seeded_sqlite, tmp_path_factory) -> tuple[str, Path]:
    """A seeded SQLite database and a settings file for chat servers."""
    folder = tmp_path_factory.mktemp("chat")
    database = folder / "bryggan.sqlite3"
    shutil.copy(seeded_sqlite, database)
    url = f"sqlite:///{database}"
    settings = folder / "settings.py"
    settings.write_text(SERVER_SETTINGS)
    return url, settings


@pytest.fixture(scope="module")
def chat_url(chat_db):
    """One real gevent server for the module."""
    url, settings = chat_db
    with app_server(server_env(url, settings)) as base:
        yield base


@pytest.fixture
def member(chat_url):
    """Make members on the module's server; they are disconnected at the end of the test."""
    made: list[Member] = []

    def make(**kwargs) -> Member:
        new = Member(chat_url, **kwargs)
        made.append(new)
        return new

    yield make
    for each in made:
        each.close()
