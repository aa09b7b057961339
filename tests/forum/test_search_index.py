"""Search never finds text that moderators, members or retention took away: every path that changes or removes
a post's text or a thread's title updates the index, on SQLite (FTS5) and on a real PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from core.database import utcnow
from core.extensions import db
from tests.conftest import STRONG_PASSWORD


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """Every test here runs on both databases: they index differently."""
    return request.param


@pytest.fixture
def bertil(seeded, new_api):
    member = new_api()
    member.signup("bertil")
    return member


def found(member, query: str) -> int:
    """How many posts a member's search finds."""
    return member.get("/search", query_string={"q": query}).get_json()["total"]


def opening_post(member, thread_id: int) -> int:
    return member.get(f"/threads/{thread_id}").get_json()["posts"][0]["id"]


def test_a_moderators_edit_takes_the_removed_name_out_of_search(anna, bertil, moderator):
    thread_id = anna.new_thread("Grannar", "Min granne Kalle Svensson är elak").get_json()["thread"]["id"]
    reply_id = anna.reply(thread_id, "Och Svenssons hund skäller").get_json()["post"]["id"]
    assert found(bertil, "Svensson") == 2
    edits = ((opening_post(anna, thread_id), "Min granne är elak"), (reply_id, "Hunden skäller"))
    for post_id, body in edits:
        edited = moderator.post(
            f"/moderation/posts/{post_id}", {"action": "edit", "body": body, "reason": "Ett namn togs bort"}
        )
        assert edited.status_code == 200
    for query in ("Svensson", "Svens", "Kalle"):  # the whole name and a prefix of it
        assert found(bertil, query) == 0, query
    assert found(bertil, "hunden") == 1
    assert found(bertil, "grannar") == 1  # the opening post keeps its title in the index


def test_a_members_own_edit_replaces_the_old_text(anna, bertil):
    thread_id = anna.new_thread("Rubrik", "Jag skrev Kalle Svensson").get_json()["thread"]["id"]
    edited = anna.send("PATCH", f"/posts/{opening_post(anna, thread_id)}", {"body": "Jag skrev ett namn"})
    assert edited.status_code == 200
    assert found(bertil, "Svens") == 0 and found(bertil, "namn") == 1 and found(bertil, "rubrik") == 1


def test_hidden_and_held_text_is_not_found_until_restored(anna, bertil, moderator):
    thread_id = anna.new_thread("Kvällar", "Vanlig text").get_json()["thread"]["id"]
    reply_id = anna.reply(thread_id, "Ett svar om flodhästar").get_json()["post"]["id"]
    moderator.post(f"/moderation/posts/{reply_id}", {"action": "hide", "reason": "x"})
    assert found(bertil, "flodhästar") == 0
    moderator.post("/moderation/watched-words", {"word": "piller", "action": "hold"})
    held = anna.new_thread("Piller och kameler", "Om kameler").get_json()
    assert held["held"] is True
    assert found(bertil, "kameler") == 0 and found(bertil, "piller") == 0
    moderator.post(f"/moderation/posts/{reply_id}", {"action": "restore", "reason": "ok"})
    moderator.post(f"/moderation/posts/{held['post']['id']}", {"action": "restore", "reason": "ok"})
    assert found(bertil, "flodhästar") == 1 and found(bertil, "kameler") == 1


def test_a_moderators_delete_removes_the_text_and_an_opening_posts_thread(anna, bertil, moderator):
    thread_id = anna.new_thread("Giraffernas tråd", "Om giraffer").get_json()["thread"]["id"]
    reply_id = bertil.reply(thread_id, "Ett svar om zebror").get_json()["post"]["id"]
    moderator.post(f"/moderation/posts/{reply_id}", {"action": "delete", "reason": "x"})
    assert found(bertil, "zebror") == 0
    assert found(bertil, "giraff") == 1
    moderator.post(f"/moderation/posts/{opening_post(anna, thread_id)}", {"action": "delete", "reason": "x"})
    assert found(bertil, "giraff") == 0  # the title goes with the opening post


def test_a_moderators_new_title_replaces_the_old_one_in_search(anna, bertil, moderator):
    thread_id = anna.new_thread("Om Kalle Svensson", "Min granne").get_json()["thread"]["id"]
    changed = moderator.send("PATCH", f"/threads/{thread_id}", {"title": "Om en granne", "reason": "Namn"})
    assert changed.status_code == 200
    assert found(bertil, "Svensson") == 0 and found(bertil, "Svens") == 0
    assert found(bertil, "granne") == 1


def test_erasing_an_account_takes_its_texts_and_titles_out_of_search(anna, bertil):
    thread_id = anna.new_thread("Flodhästarnas tråd", "Om flodhästar").get_json()["thread"]["id"]
    bertil.reply(thread_id, "Bertil svarar om kameler")
    other = bertil.new_thread("Bertils tråd", "Bertil skriver").get_json()["thread"]["id"]
    anna.reply(other, "Anna skriver om zebrafinkar")
    assert anna.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    for query in ("flodhäst", "zebrafinkar"):
        assert found(bertil, query) == 0, query
    assert found(bertil, "kameler") == 1  # others' replies in the erased thread stay


def test_the_purge_drops_index_rows_left_for_text_that_is_gone(anna, bertil, app, backend):
    thread_id = anna.new_thread("Rubrik", "Vanlig text").get_json()["thread"]["id"]
    reply_id = anna.reply(thread_id, "Ett svar om myrslokar").get_json()["post"]["id"]
    old = utcnow() - timedelta(days=400)
    with app.app_context():
        # What an earlier version could leave behind: a post emptied without its index row going too.
        db.session.execute(
            text("UPDATE posts SET body_source = '', body_html = '', deleted_at = :at WHERE id = :id"),
            {"at": old, "id": reply_id},
        )
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["maintenance", "purge"])
    assert result.exit_code == 0, result.output
    assert found(bertil, "myrslokar") == 0
    if backend == "sqlite":  # PostgreSQL indexes the columns themselves: nothing can be left behind
        assert "1 stale search rows" in result.output
        with app.app_context():
            left = db.session.execute(
                text("SELECT count(*) FROM forum_search WHERE rowid = :id"), {"id": reply_id}
            ).scalar_one()
        assert left == 0
