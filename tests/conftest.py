"""Shared fixtures: apps on a migrated SQLite copy or a real PostgreSQL, API clients and account helpers."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from core.extensions import db, limiter
from tests.prereq import postgres_bin_dir, redis_server_path
from tests.servers import PostgresServer, PostgresTemplates, RedisServer

# The helpers live in tests/support; these names stay importable from here for older test modules.
from tests.support.accounts import STRONG_PASSWORD, Api, signed_up_member, staff_member, years_ago
from tests.support.apps import TEST_CONFIG, import_shipped_library, make_app, migrate_to_head, seed
from tests.support.routing import cache_url_builders

__all__ = ["STRONG_PASSWORD", "TEST_CONFIG", "Api", "make_app", "migrate_to_head", "years_ago"]

# Set on a test whose database was copied from the seeded template (SQLite file or PostgreSQL template).
PRESEEDED = pytest.StashKey[bool]()
# Set on a test whose database was copied from the template with the shipped library imported.
LIBRARY_PRELOADED = pytest.StashKey[bool]()

# Every test builds an app; compiling ~125 URL builders was most of that (see tests/support/routing.py).
cache_url_builders()


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
def seeded_sqlite(migrated_sqlite: Path) -> Path:
    """One migrated SQLite file with `flask seed` run on it (about three seconds): tests that want the
    default categories, rooms and library get a copy instead of seeding their own."""
    path = migrated_sqlite.parent / "seeded.sqlite3"
    shutil.copy(migrated_sqlite, path)
    seed(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def library_sqlite(migrated_sqlite: Path) -> Path:
    """One migrated SQLite file with only the shipped library imported (about three seconds): tests using
    the `library` fixture get a copy instead of importing it themselves."""
    path = migrated_sqlite.parent / "library.sqlite3"
    shutil.copy(migrated_sqlite, path)
    import_shipped_library(f"sqlite:///{path}")
    return path


def template_for(request) -> str:
    """Which prepared database a test starts from: "seeded", "library" (the shipped library imported and
    nothing else) or "migrated" (empty). The `seeded` and `library` fixtures then skip their work."""
    if "seeded" in request.fixturenames:
        request.node.stash[PRESEEDED] = True
        return "seeded"
    if "library" in request.fixturenames:
        request.node.stash[LIBRARY_PRELOADED] = True
        return "library"
    return "migrated"


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
def migrated_postgres(postgres_server) -> PostgresTemplates:
    """Template databases on the run's PostgreSQL: migrated, and (made when first wanted) seeded or with
    the library imported. A test gets a fresh copy of one (CREATE DATABASE ... TEMPLATE, a file copy of
    about 0.1 s instead of emptying every table and seeding again)."""
    preparations = {
        "migrated": migrate_to_head,
        "seeded": seed,
        "library": import_shipped_library,
    }
    return PostgresTemplates(postgres_server, preparations)


@pytest.fixture
def backend() -> str:
    """Which database the test runs on; modules override it to run on both."""
    return "sqlite"


@pytest.fixture
def database_url(request, backend: str, tmp_path: Path) -> str:
    """A fresh, migrated database for one test: empty, or seeded / with the library imported when the test
    uses `seeded` / `library` (copied from a template prepared once, on SQLite and on PostgreSQL alike)."""
    kind = template_for(request)
    if backend == "sqlite":
        copy = tmp_path / "bryggan.sqlite3"
        shutil.copy(request.getfixturevalue(f"{kind}_sqlite"), copy)
        return f"sqlite:///{copy}"
    return request.getfixturevalue("migrated_postgres").fresh_copy("bryggan_test", kind)


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
def seeded(request, app: Flask) -> Flask:
    """The app with the default categories, rooms and library loaded (`flask seed`; the database was copied
    from the seeded template, which is the same)."""
    if not request.node.stash.get(PRESEEDED, False):
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


@pytest.fixture
def api(client: FlaskClient) -> Api:
    """An API client for one browser."""
    return Api(client)


@pytest.fixture
def new_api(app: Flask):
    """Make API clients for further browsers (other devices, other members)."""
    return lambda: Api(app.test_client())


@pytest.fixture
def anna(seeded: Flask, new_api) -> Api:
    """A signed-in member called anna on the seeded app (modules may override it with their own anna)."""
    return signed_up_member(new_api, "anna")


@pytest.fixture
def moderator(seeded: Flask, new_api, runner) -> Api:
    """A signed-in moderator, "moderatorn", made one by the real CLI."""
    return staff_member(new_api, runner, "moderatorn", "moderator")


@pytest.fixture
def colleague(seeded: Flask, new_api, runner) -> Api:
    """A second moderator, "kollegan"."""
    return staff_member(new_api, runner, "kollegan", "moderator")


@pytest.fixture
def admin(seeded: Flask, new_api, runner) -> Api:
    """A signed-in administrator, "chefen", made one by the real CLI."""
    return staff_member(new_api, runner, "chefen", "admin")


# The longest files first, longest to shortest (per-file times of a whole run, measured with a timeline of
# every test's start and end on each worker; refresh them when a file grows), then every other file by its
# number of tests: with workers taking whole files, a long file handed out last leaves one worker running
# alone at the end. Tests inside a file keep their order. pytest-xdist only keeps this order with
# `--no-loadscope-reorder` (make test passes it); by default it hands out files by their number of tests,
# so a one-test file such as the soak went last. (A worker is given its next file once two or fewer of its
# tests are pending, so one-test files at the top pair up; the rest of the queue evens that out.)
LONGEST_FIRST = (
    "tests/browser/test_look_browser.py",
    "tests/browser/test_member_phone_browser.py",
    "tests/reliability/test_api_fuzz_moderator.py",
    "tests/reliability/test_api_fuzz_member.py",
    "tests/forum/test_forum_api.py",
    "tests/chat/test_reconnect_storm.py",
    "tests/reliability/test_soak.py",
    "tests/chat/test_chat_protocol.py",
    "tests/bench/test_bench_chat_smoke.py",
    "tests/reliability/test_crash_recovery.py",
    "tests/reliability/test_api_fuzz.py",
    "tests/browser/test_accounts_browser.py",
    "tests/chat/test_scale_out.py",
    "tests/browser/test_notify_browser.py",
    "tests/browser/test_chat_browser.py",
    "tests/notify/test_live.py",
    "tests/core/test_cli_and_migrations.py",
    "tests/reliability/test_concurrent_writers.py",
    "tests/chat/test_chat_moderating.py",
    "tests/browser/test_moderation_browser.py",
    "tests/moderation/test_moderation_api.py",
    "tests/chat/test_chat_lifecycle.py",
    "tests/bench/test_bench_smoke.py",
    "tests/bench/test_media_memory.py",
    "tests/content/test_editing.py",
    "tests/forum/test_search_index.py",
    "tests/browser/test_film_upload_browser.py",
    "tests/chat/test_young_rooms.py",
    "tests/test_privacy.py",
    "tests/deploy/test_nginx.py",
    "tests/browser/test_category_follow_browser.py",
    "tests/browser/test_library_editor_browser.py",
    "tests/reliability/test_socket_garbage.py",
    "tests/reliability/test_redis_outage.py",
    "tests/reliability/test_socket_flood.py",
    "tests/browser/test_crisis_browser.py",
    "tests/deploy/test_operations_guide.py",
)


# A test using one of these fixtures gets the marker without saying so (`make test-fast` deselects by marker).
MARKED_BY_FIXTURE = {
    "server": {"chat_url", "chat_db", "base_url", "redis_server"},
    "browser": {"browser", "page"},
    "postgres": {"postgres_server", "migrated_postgres"},
}


def pytest_collection_modifyitems(items) -> None:
    """Mark tests by the servers their fixtures start, and order the run so the longest files start first
    (a stable sort: every other file keeps its place)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for marker, names in MARKED_BY_FIXTURE.items():
            if fixtures & names:
                item.add_marker(marker)
        params = getattr(getattr(item, "callspec", None), "params", {})
        if params.get("backend") == "postgres":
            item.add_marker("postgres")

    rank = {path: index for index, path in enumerate(LONGEST_FIRST)}
    tests_in = Counter(item.nodeid.split("::", 1)[0] for item in items)

    def position(item) -> tuple[int, int]:
        path = item.nodeid.split("::", 1)[0]
        return rank.get(path, len(LONGEST_FIRST)), -tests_in[path]

    items.sort(key=position)
