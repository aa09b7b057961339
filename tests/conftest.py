"""Shared fixtures: apps on a migrated SQLite copy or a real PostgreSQL, API clients and account helpers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import text

from app import create_app
from core.extensions import db, limiter
from tests.prereq import postgres_bin_dir, redis_server_path
from tests.servers import PostgresServer, RedisServer

# Cheap argon2 parameters: only the tests use them (test_password_hashing asserts the production ones).
TEST_CONFIG = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "SOCKETIO_ASYNC_MODE": "threading",
    "PASSWORD_HASH_TIME_COST": 1,
    "PASSWORD_HASH_MEMORY_KIB": 8,
    "PASSWORD_HASH_PARALLELISM": 1,
}

STRONG_PASSWORD = "stilla vatten har djup botten"


def make_app(database_url: str, **overrides) -> Flask:
    """An app on the given database with the test configuration."""
    return create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, **overrides})


def migrate_to_head(database_url: str) -> None:
    """Build the schema through the real Alembic migrations."""
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations() -> None:
    """Compile the Swedish catalogue when it is missing or older than its source (make does it too)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in (Path(__file__).resolve().parent.parent / "translations").glob(
        "*/LC_MESSAGES/messages.po"
    ):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as source:
            catalog = read_po(source)
        with mo_path.open("wb") as target:
            write_mo(target, catalog)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One migrated SQLite file; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_server():
    """A real, throw-away PostgreSQL server for the whole run."""
    server = PostgresServer(postgres_bin_dir())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def redis_server():
    """A real, throw-away Redis server for the whole run."""
    server = RedisServer(redis_server_path())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def migrated_postgres(postgres_server) -> str:
    """A migrated PostgreSQL database; tests empty it before use."""
    url = postgres_server.create_database("bryggan_test")
    migrate_to_head(url)
    return url


@pytest.fixture
def backend() -> str:
    """Which database the test runs on; modules override it to run on both."""
    return "sqlite"


@pytest.fixture
def database_url(request, backend: str, tmp_path: Path) -> str:
    """A fresh, migrated, empty database for one test."""
    if backend == "sqlite":
        copy = tmp_path / "bryggan.sqlite3"
        shutil.copy(request.getfixturevalue("migrated_sqlite"), copy)
        return f"sqlite:///{copy}"
    url = request.getfixturevalue("migrated_postgres")
    app = make_app(url)
    with app.app_context():
        tables = ", ".join(table.name for table in db.metadata.sorted_tables)
        db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()
        db.engine.dispose()
    return url


@pytest.fixture
def app(database_url: str):
    """The application under test."""
    application = make_app(database_url)
    with application.app_context():
        limiter.reset()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def seeded(app: Flask) -> Flask:
    """The app with the default categories (and later rooms and library) loaded."""
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A browser-like HTTP client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    """The Flask CLI runner."""
    return app.test_cli_runner()


class Api:
    """A JSON API client that fetches and sends the CSRF token like a real script would."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.token: str | None = None

    def csrf(self) -> str:
        """The current CSRF token."""
        if self.token is None:
            self.token = self.client.get("/api/v1/session").get_json()["csrf_token"]
        return self.token

    def get(self, path: str, **kwargs):
        """GET /api/v1<path>."""
        return self.client.get("/api/v1" + path, **kwargs)

    def send(self, method: str, path: str, json=None, **kwargs):
        """A state-changing request with the CSRF header; a new token in the answer is kept."""
        headers = {"X-CSRF-Token": self.csrf(), **kwargs.pop("headers", {})}
        response = self.client.open("/api/v1" + path, method=method, json=json, headers=headers, **kwargs)
        body = response.get_json(silent=True)
        if isinstance(body, dict) and "csrf_token" in body:
            self.token = body["csrf_token"]
        if response.status_code in (204,) and path == "/logout":
            self.token = None
        return response

    def post(self, path: str, json=None, **kwargs):
        """POST with CSRF."""
        return self.send("POST", path, json, **kwargs)

    def signup(self, username: str = "anna", password: str = STRONG_PASSWORD, birth_date: str = "1970-05-31"):
        """Sign up (and so sign in)."""
        return self.post(
            "/signup",
            {"username": username, "password": password, "birth_date": birth_date, "accept_guidelines": True},
        )

    def login(self, username: str = "anna", password: str = STRONG_PASSWORD):
        """Sign in."""
        return self.post("/login", {"username": username, "password": password})

    def logout(self):
        """Sign out."""
        return self.post("/logout")

    def new_thread(
        self, title: str = "Hur orkar ni?", body: str = "Min pappa känner inte igen mig.", slug="demens"
    ):
        """Start a thread; returns the response."""
        return self.post(f"/categories/{slug}/threads", {"title": title, "body": body})

    def reply(self, thread_id: int, body: str = "Jag känner igen mig."):
        """Reply in a thread; returns the response."""
        return self.post(f"/threads/{thread_id}/posts", {"body": body})


@pytest.fixture
def api(client: FlaskClient) -> Api:
    """An API client for one browser."""
    return Api(client)


@pytest.fixture
def new_api(app: Flask):
    """Make API clients for further browsers (other devices, other members)."""
    return lambda: Api(app.test_client())


def years_ago(years: int, today: date, days: int = 0) -> str:
    """ISO birth date `years` years (and `days` days more) before today, as a signup form sends it."""
    from datetime import timedelta

    try:
        anniversary = today.replace(year=today.year - years)
    except ValueError:  # 29 February in a common year
        anniversary = today.replace(year=today.year - years, day=28)
    return (anniversary - timedelta(days=days)).isoformat()


# The longest files first (durations from `--durations`): with two workers taking whole files, a long file
# collected last would leave one worker running alone at the end. Tests inside a file keep their order.
LONGEST_FIRST = (
    "tests/reliability/test_soak.py",
    "tests/reliability/test_api_fuzz.py",
    "tests/bench/test_bench_smoke.py",
    "tests/reliability/test_crash_recovery.py",
    "tests/reliability/test_socket_garbage.py",
    "tests/deploy/test_nginx.py",
    "tests/reliability/test_concurrent_writers.py",
    "tests/browser/test_chat_browser.py",
    "tests/reliability/test_redis_outage.py",
    "tests/reliability/test_socket_flood.py",
)


def pytest_collection_modifyitems(items) -> None:
    """Order the run so the longest files start first (a stable sort: every other file keeps its place)."""
    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}

    def position(item) -> int:
        path = item.nodeid.split("::", 1)[0]
        return rank.get(path, len(LONGEST_FIRST))

    items.sort(key=position)
