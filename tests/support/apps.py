"""Building apps for tests: the test configuration, migrated databases and the default seed."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask_migrate import upgrade

from app import create_app
from core.extensions import db

SHIPPED_LIBRARY = Path(__file__).resolve().parents[2] / "content" / "library"

# Cheap argon2 parameters: only the tests use them (test_password_hashing asserts the production ones).
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "SOCKETIO_ASYNC_MODE": "threading",
    "PASSWORD_HASH_TIME_COST": 1,
    "PASSWORD_HASH_MEMORY_KIB": 8,
    "PASSWORD_HASH_PARALLELISM": 1,
}


def make_app(database_url: str, **overrides) -> Flask:
    """An app on the given database with the test configuration."""
    return create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})


def migrate_to_head(database_url: str) -> None:
    """Build the schema through the real Alembic migrations."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


def seed(database_url: str) -> None:
    """Load the default categories, rooms and library as `flask seed` does."""
    app = make_app(database_url)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


def import_shipped_library(database_url: str) -> None:
    """Import the shipped library as `flask content import content/library` does (and nothing else)."""
    app = make_app(database_url)
    result = app.test_cli_runner().invoke(args=["content", "import", str(SHIPPED_LIBRARY)])
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()


def on_database(database_url: str, action):
    """Run `action()` in an app context on a server's database and commit (what an admin tool would do)."""
    app = make_app(database_url)
    with app.app_context():
        result = action()
        db.session.commit()
        db.engine.dispose()
    return result


def cli(database_url: str, *args: str) -> str:
    """Run a `flask` command on a server's database through the real CLI; it must succeed."""
    app = make_app(database_url)
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, result.output
    with app.app_context():
        db.engine.dispose()
    return result.output
