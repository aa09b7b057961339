"""Upgrades as docs/OPERATIONS.md describes them: `flask db upgrade` takes a database filled at the first
revision (and on the way) up to head, on SQLite and PostgreSQL, and the old rows still work in the app."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from flask_migrate import upgrade
from sqlalchemy import text

from core.extensions import db
from tests.conftest import STRONG_PASSWORD, Api, make_app

FIRST = "1726ce8ab00a"  # accounts
FORUM = "3dcb9a5dbafe"
CHAT = "5500ad550a15"
OLD_TIME = "2025-03-01 12:00:00"


def run(*statements: str) -> None:
    """Raw SQL against the schema of the revision the database is at."""
    for statement in statements:
        db.session.execute(text(statement))
    db.session.commit()


def scalar(statement: str):
    return db.session.execute(text(statement)).scalar()


def fill_along_the_way(url: str) -> None:
    """An account at the first revision, a thread once the forum exists, a chat message once chat does."""
    app = make_app(url)
    password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(STRONG_PASSWORD)
    with app.app_context():
        upgrade(revision=FIRST)
        run(
            "INSERT INTO users (username, password_hash, recovery_code_hash, role, session_version,"
            f" age_verified_at, created_at, banned) VALUES ('tidig', '{password_hash}', 'r', 'member', 1,"
            f" '{OLD_TIME}', '{OLD_TIME}', false)",
        )
        user = scalar("SELECT id FROM users WHERE username = 'tidig'")
        run(
            "INSERT INTO pseudonyms (name, user_id, created_at)"
            f" VALUES ('Tidig Trana 7', {user}, '{OLD_TIME}')"
        )
        pseudonym = scalar("SELECT id FROM pseudonyms WHERE name = 'Tidig Trana 7'")

        upgrade(revision=FORUM)
        run(
            "INSERT INTO categories (slug, name_sv, name_en, description_sv, description_en, position)"
            " VALUES ('gamla', 'Gamla', 'Old', 'Från början', 'From the start', 99)",
        )
        category = scalar("SELECT id FROM categories WHERE slug = 'gamla'")
        run(
            "INSERT INTO threads (category_id, title, author_id, author_pseudonym_id, created_at,"
            f" last_post_at) VALUES ({category}, 'Från första versionen', {user}, {pseudonym},"
            f" '{OLD_TIME}', '{OLD_TIME}')",
        )
        thread = scalar("SELECT id FROM threads WHERE title = 'Från första versionen'")
        run(
            "INSERT INTO posts (thread_id, author_id, author_pseudonym_id, body_source, body_html,"
            f" created_at) VALUES ({thread}, {user}, {pseudonym}, 'Gammalt inlägg', '<p>Gammalt inlägg</p>',"
            f" '{OLD_TIME}')",
        )
        post = scalar(f"SELECT id FROM posts WHERE thread_id = {thread}")
        run(f"UPDATE threads SET first_post_id = {post}, last_post_id = {post} WHERE id = {thread}")
        run(f"UPDATE categories SET thread_count = 1 WHERE id = {category}")

        upgrade(revision=CHAT)
        run(
            "INSERT INTO chat_rooms (slug, name_sv, name_en, description_sv, description_en, position,"
            f" created_at) VALUES ('gammalt-rum', 'Gammalt rum', 'Old room', '-', '-', 99, '{OLD_TIME}')",
        )
        room = scalar("SELECT id FROM chat_rooms WHERE slug = 'gammalt-rum'")
        run(
            "INSERT INTO chat_messages (room_id, author_id, author_pseudonym_id, body_source, body_html,"
            f" created_at) VALUES ({room}, {user}, {pseudonym}, 'Hej', '<p>Hej</p>', '{OLD_TIME}')",
        )
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_database_filled_at_the_first_revision_upgrades_to_head_and_still_works(backend, request, tmp_path):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres_server").create_database("bryggan_upgrade_from_first")
    fill_along_the_way(url)

    app = make_app(url)
    with app.app_context():
        upgrade()
        assert scalar("SELECT count(*) FROM chat_messages") == 1
        thread = scalar("SELECT id FROM threads WHERE title = 'Från första versionen'")
        db.session.remove()
        db.engine.dispose()

    member = Api(app.test_client())
    assert member.login("tidig").status_code == 200
    assert member.get("/session").get_json()["user"]["pseudonym"] == "Tidig Trana 7"
    page = member.get(f"/threads/{thread}").get_json()
    assert [post["body_html"] for post in page["posts"]] == ["<p>Gammalt inlägg</p>"]
    assert page["posts"][0]["author"]["pseudonym"] == "Tidig Trana 7"
    assert "gamla" in {category["slug"] for category in member.get("/categories").get_json()["categories"]}
    # New rows go on from the old ones (sequences and AUTOINCREMENT survived the rebuilt tables).
    reply = member.reply(thread, "Ett nytt svar efter uppgraderingen.")
    assert reply.status_code == 201, reply.get_data(as_text=True)
    newcomer = Api(app.test_client())
    assert newcomer.signup("nykomlingen").status_code == 201
    with app.app_context():
        db.engine.dispose()
