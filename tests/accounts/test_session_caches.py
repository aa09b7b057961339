"""The per-process shortcuts on the member path (issue 21) keep the session check exactly as strict: a cookie
already verified, the member's standing read in one statement, an unchanged cookie not re-issued and the
signed CSRF token kept per session must never let a signed-out, re-passworded, suspended or deleted
member's browser through on the very next request."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from accounts.models import User
from core.database import utcnow
from core.extensions import db
from tests.conftest import STRONG_PASSWORD
from tests.support.apps import make_app

NEW_PASSWORD = "ett nytt lösenord"


def warm(member) -> None:
    """Requests enough for every cache on the path to hold this browser's cookie and member."""
    for _ in range(3):
        assert member.get("/session").get_json()["user"] is not None
        assert member.get("/me").status_code == 200


def second_browser(new_api, username: str = "anna"):
    """The same member signed in on another device."""
    other = new_api()
    assert other.login(username).status_code == 200
    return other


def end_by_logout(app, member, new_api) -> None:
    assert second_browser(new_api).logout().status_code == 204


def end_by_password_change(app, member, new_api) -> None:
    other = second_browser(new_api)
    response = other.post("/me/password", {"current_password": STRONG_PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 200


def end_by_suspension(app, member, new_api) -> None:
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "anna")).suspended_until = utcnow() + timedelta(
            hours=2
        )
        db.session.commit()


def end_by_ban(app, member, new_api) -> None:
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "anna")).banned = True
        db.session.commit()


def end_by_deletion(app, member, new_api) -> None:
    other = second_browser(new_api)
    assert other.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204


@pytest.mark.parametrize(
    "end",
    [end_by_logout, end_by_password_change, end_by_suspension, end_by_ban, end_by_deletion],
    ids=["sign-out elsewhere", "password change elsewhere", "suspension", "ban", "account deleted"],
)
def test_a_warm_session_ends_on_the_very_next_request(seeded, new_api, end):
    anna = new_api()
    assert anna.signup("anna").status_code == 201
    warm(anna)
    kept_cookie = anna.client.get_cookie("bryggan_session").value
    end(seeded, anna, new_api)
    # The browser keeps sending the cookie the caches know (a refused cookie is cleared by the answer,
    # so it is put back, as an attacker who kept it would).
    anna.client.set_cookie("bryggan_session", kept_cookie)
    assert anna.get("/session").get_json()["user"] is None
    anna.client.set_cookie("bryggan_session", kept_cookie)
    assert anna.get("/me").status_code in (401, 403)
    anna.client.set_cookie("bryggan_session", kept_cookie)
    assert anna.client.get("/forum/demens").status_code in (302, 200)
    anna.client.set_cookie("bryggan_session", kept_cookie)
    page = anna.client.get("/forum/demens", follow_redirects=True).get_data(as_text=True)
    assert "Min pappa" not in page and 'action="/logout"' not in page


def test_a_pseudonym_or_role_change_shows_on_the_next_session_answer(seeded, new_api, runner):
    anna = new_api()
    anna.signup("anna")
    warm(anna)
    assert anna.get("/session").get_json()["user"]["role"] == "member"
    assert runner.invoke(args=["users", "set-role", "anna", "moderator"]).exit_code == 0
    assert anna.get("/session").get_json()["user"]["role"] == "moderator"


def test_an_unchanged_session_cookie_is_not_sent_again_on_every_answer(seeded, new_api):
    anna = new_api()
    anna.signup("anna")
    anna.get("/session")  # the CSRF token is made and stored in the session: the cookie changes once
    for _ in range(3):
        response = anna.get("/session")
        assert response.status_code == 200
        sent = response.headers.getlist("Set-Cookie")
        assert not any(header.startswith("bryggan_session=") for header in sent)
    # Sign-out still sends the emptied cookie.
    signed_out = anna.logout()
    assert any(header.startswith("bryggan_session=") for header in signed_out.headers.getlist("Set-Cookie"))


def test_a_session_older_than_the_reissue_interval_is_sent_again_with_its_flags(database_url):
    app = make_app(database_url, SESSION_REISSUE_AFTER=timedelta(0), SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    token = client.get("/api/v1/session", base_url="https://localhost").get_json()["csrf_token"]
    signup = client.post(
        "/api/v1/signup",
        json={"username": "anna", "password": STRONG_PASSWORD, "birth_date": "1970-05-31",
              "accept_guidelines": True},
        headers={"X-CSRF-Token": token},
        base_url="https://localhost",
    )  # fmt: skip
    assert signup.status_code == 201
    client.get("/api/v1/session", base_url="https://localhost")
    again = client.get("/api/v1/session", base_url="https://localhost")
    sent = again.headers.getlist("Set-Cookie")
    cookies = [header for header in sent if header.startswith("bryggan_session=")]
    assert len(cookies) == 1
    assert all(flag in cookies[0] for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Expires="))
    assert again.get_json()["user"]["pseudonym"]
    with app.app_context():
        db.engine.dispose()


def test_the_csrf_token_is_kept_per_session_and_renewed_with_a_new_session(seeded, new_api):
    anna = new_api()
    anna.signup("anna")
    first = anna.client.get("/api/v1/session").get_json()["csrf_token"]
    assert first in seeded.extensions["bryggan.signed_csrf_tokens"].values()  # signed once, then kept
    assert anna.client.get("/api/v1/session").get_json()["csrf_token"] == first
    # The kept token is accepted for a write.
    anna.token = first
    assert anna.new_thread().status_code == 201
    # Signing out and in again gives a new session and so a new token; the old one no longer works.
    anna.logout()
    login = anna.login("anna")
    assert login.status_code == 200
    renewed = login.get_json()["csrf_token"]
    assert renewed != first
    assert anna.client.get("/api/v1/session").get_json()["csrf_token"] == renewed
    stale = anna.client.post(
        "/api/v1/categories/demens/threads",
        json={"title": "Gammal token", "body": "Ska inte gå"},
        headers={"X-CSRF-Token": first},
    )
    assert stale.status_code == 400
    assert stale.get_json()["error"]["code"] == "csrf_failed"


def test_a_tampered_cookie_is_refused_even_after_the_genuine_one_was_seen(seeded, new_api):
    anna = new_api()
    anna.signup("anna")
    warm(anna)
    genuine = anna.client.get_cookie("bryggan_session").value
    anna.client.set_cookie("bryggan_session", genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"))
    assert anna.get("/session").get_json()["user"] is None
