"""DELETE /api/v1/me and the form on /account: after the password the account is gone, the member's texts
are erased or kept as "Tidigare medlem", their pseudonyms are tied to nobody, and sessions and sockets end."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from accounts.deletion import UNLINKED_AT
from accounts.models import Pseudonym, User
from chat.models import ChatMessage
from core.extensions import db, socketio
from forum.models import Post, PostRevision
from tests.conftest import STRONG_PASSWORD
from tests.html import form_token


@pytest.fixture
def anna(seeded, new_api):
    member = new_api()
    member.signup("anna.lamnar")
    return member


@pytest.fixture
def bertil(seeded, new_api):
    member = new_api()
    member.signup("bertil.stannar")
    return member


def writes_everything(anna, bertil, app):
    """A thread with a reply from Bertil, an edited reply on Bertil's thread, and a chat message."""
    thread_id = anna.new_thread("Annas tråd", "Annas första inlägg").get_json()["thread"]["id"]
    bertil.reply(thread_id, "Bertils svar")
    other = bertil.new_thread("Bertils tråd", "Bertils inlägg").get_json()["thread"]["id"]
    reply_id = anna.reply(other, "Annas svar om zebrafinkar").get_json()["post"]["id"]
    assert (
        anna.send("PATCH", f"/posts/{reply_id}", {"body": "Annas svar om zebrafinkar, ändrat"}).status_code
        == 200
    )
    app.config.update(CHAT_UNMODERATED_SLOW_MODE_SECONDS=0)
    chat = socketio.test_client(app, namespace="/chat", flask_test_client=anna.client)
    assert chat.emit("join", {"room": "natten"}, namespace="/chat", callback=True)["ok"]
    assert chat.emit(
        "send", {"room": "natten", "body": "Annas nattmeddelande"}, namespace="/chat", callback=True
    )["ok"]
    return thread_id, other, reply_id, chat


def account_traces(app, username: str, pseudonym: str) -> dict:
    with app.app_context():
        row = db.session.scalar(select(Pseudonym).where(Pseudonym.name == pseudonym))
        return {
            "account": db.session.scalar(
                select(func.count()).select_from(User).where(User.username == username)
            ),
            "pseudonym_owner": row.user_id,
            "pseudonym_retired": row.retired_at is not None,
        }


def test_erasing_removes_every_text_and_the_account(anna, bertil, app):
    pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
    thread_id, other, reply_id, chat = writes_everything(anna, bertil, app)

    response = anna.send("DELETE", "/me", {"password": STRONG_PASSWORD})
    assert response.status_code == 204
    assert account_traces(app, "anna.lamnar", pseudonym) == {
        "account": 0,
        "pseudonym_owner": None,
        "pseudonym_retired": True,
    }
    thread = bertil.get(f"/threads/{thread_id}").get_json()
    assert thread["thread"]["title"] == "Borttagen tråd"
    assert thread["posts"][0]["author"]["pseudonym"] == "Tidigare medlem"
    assert thread["posts"][0]["body_html"] == "" and thread["posts"][1]["body_html"] == "<p>Bertils svar</p>"
    page = bertil.client.get(f"/threads/{other}").get_data(as_text=True)
    assert "zebrafinkar" not in page and pseudonym not in page
    assert bertil.get("/search?q=zebrafinkar").get_json()["total"] == 0
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count()).select_from(PostRevision).where(PostRevision.post_id == reply_id)
            )
            == 0
        )
        assert db.session.scalar(select(func.count()).select_from(ChatMessage)) == 0
    # Every session ends: this client, and the open socket on its next event.
    assert anna.get("/me").status_code == 401
    ack = chat.emit("send", {"room": "natten", "body": "efteråt"}, namespace="/chat", callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "not_signed_in"
    anna.token = None  # the old session and its CSRF token are gone
    assert anna.login("anna.lamnar").status_code == 401


def test_keeping_posts_signs_them_as_a_former_member(anna, bertil, app):
    pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
    thread_id, other, reply_id, chat = writes_everything(anna, bertil, app)
    chat.disconnect(namespace="/chat")

    assert anna.send("DELETE", "/me", {"password": STRONG_PASSWORD, "keep_posts": True}).status_code == 204
    thread = bertil.get(f"/threads/{other}").get_json()
    kept = next(post for post in thread["posts"] if post["id"] == reply_id)
    assert kept["body_html"] == "<p>Annas svar om zebrafinkar, ändrat</p>"
    assert kept["author"]["pseudonym"] == "Tidigare medlem"
    assert pseudonym not in bertil.client.get(f"/threads/{other}").get_data(as_text=True)
    assert bertil.get(f"/threads/{thread_id}").get_json()["thread"]["title"] == "Annas tråd"
    assert account_traces(app, "anna.lamnar", pseudonym)["account"] == 0


def test_a_wrong_password_or_bad_choice_deletes_nothing(anna, app):
    pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
    wrong = anna.send("DELETE", "/me", {"password": "inte mitt lösenord"})
    assert wrong.status_code == 401 and wrong.get_json()["error"]["code"] == "invalid_credentials"
    bad = anna.send("DELETE", "/me", {"password": STRONG_PASSWORD, "keep_posts": "ja"})
    assert bad.status_code == 422 and bad.get_json()["error"]["field"] == "keep_posts"
    assert account_traces(app, "anna.lamnar", pseudonym)["account"] == 1
    assert anna.get("/me").status_code == 200


def test_signed_out_deletion_is_refused(seeded, new_api):
    visitor = new_api()
    assert visitor.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 401


def test_the_account_page_deletes_with_the_password_and_a_choice(anna, app):
    page = anna.client.get("/account").get_data(as_text=True)
    assert 'name="delete_password"' in page and 'name="keep_posts"' in page
    refused = anna.client.post(
        "/account/delete", data={"csrf_token": form_token(page), "delete_password": "fel", "keep_posts": "0"}
    )
    assert refused.status_code == 401
    assert "Inloggningsnamnet eller lösenordet är fel" in refused.get_data(
        as_text=True
    ) or "fel" in refused.get_data(as_text=True)
    page = anna.client.get("/account").get_data(as_text=True)
    done = anna.client.post(
        "/account/delete",
        data={"csrf_token": form_token(page), "delete_password": STRONG_PASSWORD, "keep_posts": "1"},
    )
    assert done.status_code == 302
    home = anna.client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Ditt konto är borttaget" in home
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(User).where(User.username == "anna.lamnar"))
            == 0
        )


def database_files(database_url: str) -> list[Path]:
    """The SQLite database file and its write-ahead log and shared-memory index, where they exist."""
    main = Path(database_url.removeprefix("sqlite:///"))
    return [path for path in (main, Path(f"{main}-wal"), Path(f"{main}-shm")) if path.exists()]


@pytest.mark.parametrize("keep_posts", [False, True], ids=["erase", "keep"])
def test_the_login_name_is_gone_from_every_database_file(anna, bertil, app, database_url, keep_posts):
    writes_everything(anna, bertil, app)[3].disconnect(namespace="/chat")
    assert anna.post("/me/pseudonym").status_code == 200
    assert any(b"anna.lamnar" in path.read_bytes() for path in database_files(database_url))

    response = anna.send("DELETE", "/me", {"password": STRONG_PASSWORD, "keep_posts": keep_posts})
    assert response.status_code == 204
    for path in database_files(database_url):
        assert b"anna.lamnar" not in path.read_bytes(), f"the login name is still in {path.name}"
    with app.app_context():
        assert db.session.execute(text("PRAGMA secure_delete")).scalar() == 1


def test_a_deleted_accounts_pseudonyms_keep_no_dates_that_tie_them_together(anna, bertil, app):
    first = anna.get("/session").get_json()["user"]["pseudonym"]
    thread_id = anna.new_thread("Annas tråd", "Skrivet under det första namnet").get_json()["thread"]["id"]
    second = anna.post("/me/pseudonym").get_json()["user"]["pseudonym"]
    anna.reply(thread_id, "Skrivet under det andra namnet")
    third = anna.post("/me/pseudonym")
    assert third.status_code == 409  # the second redraw must wait; two names are enough here

    assert anna.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    with app.app_context():
        rows = db.session.scalars(select(Pseudonym).where(Pseudonym.name.in_([first, second]))).all()
        assert len(rows) == 2 and {row.user_id for row in rows} == {None}
        # Before, the first name's retirement was the second one's creation, to the microsecond.
        assert {row.created_at for row in rows} == {row.retired_at for row in rows} == {UNLINKED_AT}
        posts = db.session.scalars(select(Post).where(Post.thread_id == thread_id)).all()
        assert len(posts) == 2
        # One deletion time on every erased post would tie their pseudonyms together as well.
        assert all(post.deleted_at == post.created_at for post in posts)
