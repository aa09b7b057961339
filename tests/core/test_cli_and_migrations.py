"""CLI commands and the Alembic migrations."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import func, inspect, select, text

from accounts.models import User
from core.database import include_in_migrations
from core.extensions import db
from forum.models import Category
from tests.conftest import make_app


def test_db_upgrade_builds_an_empty_database_that_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = make_app(url)
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert {"users", "pseudonyms", "alembic_version"} <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            opts = {"compare_type": True, "include_object": include_in_migrations}
            context = MigrationContext.configure(connection, opts=opts)
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()


def test_migrations_downgrade_to_nothing_and_back(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}")
    runner = app.test_cli_runner()
    for args in (["db", "upgrade"], ["db", "downgrade", "base"], ["db", "upgrade"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    with app.app_context():
        assert "users" in inspect(db.engine).get_table_names()
        db.engine.dispose()


def test_set_role_makes_a_member_moderator(api, runner, app):
    api.signup("anna")
    result = runner.invoke(args=["users", "set-role", "Anna", "moderator"])
    assert result.exit_code == 0, result.output
    assert "anna" not in result.output.lower()  # even the CLI prints the pseudonym, not the login name
    with app.app_context():
        assert db.session.scalar(select(User.role)) == "moderator"
    assert api.get("/session").get_json()["user"]["role"] == "moderator"


def test_set_role_refuses_unknown_members_and_roles(api, runner):
    api.signup("anna")
    unknown = runner.invoke(args=["users", "set-role", "nobody", "admin"])
    assert unknown.exit_code != 0 and "nobody" in unknown.output
    bad_role = runner.invoke(args=["users", "set-role", "anna", "king"])
    assert bad_role.exit_code == 2


def test_seed_is_idempotent(runner, app):
    first = runner.invoke(args=["seed"])
    second = runner.invoke(args=["seed"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    assert "category demens" in first.output
    assert "Seeding done (0 changes)" in second.output
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Category)) >= 8


def test_backup_makes_a_consistent_copy_that_holds_every_row(api, runner, app, tmp_path):
    import sqlite3

    api.signup("anna")
    api.signup("bertil")
    target = tmp_path / "backups" / "bryggan-backup.sqlite3"
    result = runner.invoke(args=["maintenance", "backup", str(target)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        copied = {
            name: copy.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            for name in ("users", "pseudonyms")
        }
    with app.app_context():
        assert copied == {"users": 2, "pseudonyms": 2}
    restored = make_app(f"sqlite:///{target}")
    with restored.app_context():
        assert db.session.scalar(select(func.count()).select_from(User)) == 2  # the copy opens as a database
        db.engine.dispose()
    again = runner.invoke(args=["maintenance", "backup", str(target)])
    assert again.exit_code != 0 and "exists already" in again.output


BEFORE_SESSION_SECRETS = "7a3c1f0e9b21"


def fill_before_session_secrets(url: str) -> None:
    """A database at the revision before session secrets, with two accounts and rows that point at them."""
    app = make_app(url)
    with app.app_context():
        upgrade(revision=BEFORE_SESSION_SECRETS)
        for statement in (
            "INSERT INTO users (id, username, password_hash, recovery_code_hash, role, session_version,"
            " age_verified_at, created_at, banned) VALUES"
            " (1, 'anna', 'h', 'r', 'member', 1, '2026-01-01', '2026-01-01', false),"
            " (2, 'bertil', 'h', 'r', 'admin', 4, '2026-01-01', '2026-01-01', false)",
            "INSERT INTO pseudonyms (id, name, user_id, created_at) VALUES"
            " (1, 'Stilla Ek 12', 1, '2026-01-01'), (2, 'Ljus Hav 40', 2, '2026-01-01')",
            "INSERT INTO muted_words (user_id, word) VALUES (1, 'ord')",
        ):
            db.session.execute(text(statement))
        db.session.commit()
        db.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_session_secret_migration_keeps_every_row_and_gives_each_account_a_secret(
    backend, request, tmp_path
):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'before.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database("bryggan_secret_migration")
    fill_before_session_secrets(url)
    app = make_app(url)
    with app.app_context():
        upgrade()
        rows = db.session.execute(text("SELECT id, role, session_version, session_secret FROM users")).all()
        assert [(row.id, row.role, row.session_version) for row in rows] == [
            (1, "member", 1),
            (2, "admin", 4),
        ]
        assert len({row.session_secret for row in rows}) == 2 and all(
            len(row.session_secret) == 32 for row in rows
        )
        # Rebuilding the table must not have deleted or unlinked what points at the accounts.
        assert db.session.execute(text("SELECT user_id FROM pseudonyms ORDER BY id")).scalars().all() == [
            1,
            2,
        ]
        assert db.session.execute(text("SELECT user_id FROM muted_words")).scalars().all() == [1]
        if backend == "sqlite":
            ddl = db.session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'users'")).scalar()
            assert "AUTOINCREMENT" in ddl and "ck_users_role_known" in ddl and "uq_users_username" in ddl
            assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.session.remove()
        db.engine.dispose()


def test_a_fresh_sqlite_database_never_reuses_account_ids(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    assert app.test_cli_runner().invoke(args=["db", "upgrade"]).exit_code == 0
    with app.app_context():
        assert (
            "AUTOINCREMENT"
            in db.session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'users'")).scalar()
        )
        db.session.remove()
        db.engine.dispose()
