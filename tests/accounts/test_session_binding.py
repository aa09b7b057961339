"""A session cookie opens only the account it was issued to: ids are never given to a second account, and
every cookie must carry its account's own session secret (issue 13: a cookie kept from a deleted account
opened the next new one)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from accounts.models import User
from accounts.session import SESSION_SECRET_KEY, SESSION_VERSION_KEY, USER_ID_KEY
from core.extensions import db
from tests.conftest import STRONG_PASSWORD


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """SQLite reused the newest id; PostgreSQL's sequence never does. Both must hold."""
    return request.param


def session_cookie(client) -> str:
    """The raw session cookie value this browser holds."""
    return client.get_cookie("bryggan_session").value


def test_a_cookie_kept_from_deleted_accounts_never_opens_the_next_new_ones(seeded, app, new_api):
    seen_ids = set()
    for round_number in range(3):
        leaver = new_api()
        assert leaver.signup(f"lamnare{round_number}").status_code == 201
        kept_cookie, kept_token = session_cookie(leaver.client), leaver.csrf()
        with app.app_context():
            seen_ids.add(db.session.scalar(select(User.id).where(User.username == f"lamnare{round_number}")))
        assert leaver.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204

        newcomer = new_api()
        assert newcomer.signup(f"nykomling{round_number}").status_code == 201
        with app.app_context():
            new_id = db.session.scalar(select(User.id).where(User.username == f"nykomling{round_number}"))
        assert new_id not in seen_ids, "an id was given to a second account"
        seen_ids.add(new_id)

        # The attacker puts the kept cookie (and its CSRF token) back before each request: a refused
        # cookie is cleared by the answer.
        leaver.client.set_cookie("bryggan_session", kept_cookie)
        leaver.token = kept_token
        posted = leaver.new_thread("Inte min tråd", "Skrivet i någon annans namn")
        assert posted.status_code == 401
        leaver.client.set_cookie("bryggan_session", kept_cookie)
        assert leaver.get("/session").get_json()["user"] is None
        leaver.client.set_cookie("bryggan_session", kept_cookie)
        export = leaver.get("/me/export")
        assert export.status_code == 401
        assert f"nykomling{round_number}" not in export.get_data(as_text=True)
        # The newcomer's own session is untouched.
        assert newcomer.get("/session").get_json()["user"] is not None


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda data: data.pop(SESSION_SECRET_KEY), id="no secret"),
        pytest.param(lambda data: data.update({SESSION_SECRET_KEY: "0" * 32}), id="another secret"),
        pytest.param(lambda data: data.update({SESSION_SECRET_KEY: 7}), id="not a string"),
    ],
)
def test_a_session_without_the_accounts_own_secret_is_anonymous(api, tamper):
    api.signup("hemlis")
    assert api.get("/me").status_code == 200
    with api.client.session_transaction() as data:
        assert {USER_ID_KEY, SESSION_VERSION_KEY, SESSION_SECRET_KEY} <= set(data)
        tamper(data)
    assert api.get("/session").get_json()["user"] is None
    assert api.get("/me").status_code == 401


def test_every_account_has_its_own_random_session_secret(app, new_api):
    for name in ("forsta", "andra"):
        new_api().signup(name)
    with app.app_context():
        secrets = list(db.session.scalars(select(User.session_secret)))
    assert len(secrets) == 2 and len(set(secrets)) == 2
    assert all(len(secret) == 32 and int(secret, 16) >= 0 for secret in secrets)


def test_the_session_secret_stays_when_sessions_end(api, app):
    """Logout, password change and recovery end sessions through the version; the secret names the account."""
    api.signup("bestandig")
    with app.app_context():
        before = db.session.scalar(select(User.session_secret).where(User.username == "bestandig"))
    api.logout()
    assert api.login("bestandig").status_code == 200
    assert api.get("/me").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(User.session_secret).where(User.username == "bestandig")) == before
