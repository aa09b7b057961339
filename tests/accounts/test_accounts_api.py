"""The contract's account endpoints, through the real app, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, inspect, select, text

from accounts import services
from accounts.models import Pseudonym, User
from core.database import utcnow
from core.extensions import db
from tests.conftest import STRONG_PASSWORD, make_app, years_ago


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    """Every test in this module runs on both databases."""
    return request.param


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def today(app):
    with app.app_context():
        return services.today()


def test_anonymous_session_has_a_csrf_token_and_no_user(api):
    body = api.get("/session").get_json()
    assert body["user"] is None
    assert isinstance(body["csrf_token"], str) and len(body["csrf_token"]) > 20


def test_signup_creates_member_with_pseudonym_and_recovery_code(api, app):
    response = api.signup("Hemlig.Anna")
    assert response.status_code == 201
    body = response.get_json()
    assert body["user"]["role"] == "member"
    assert len(body["user"]["pseudonym"].split(" ")) == 3
    assert len(body["recovery_code"]) == 24
    assert "anna" not in response.get_data(as_text=True).lower()
    assert api.get("/session").get_json()["user"] == body["user"]


def test_signup_stores_no_birth_date_only_that_the_check_passed(api, app):
    api.signup("anna", birth_date="1970-05-31")
    with app.app_context():
        columns = {column["name"] for column in inspect(db.engine).get_columns("users")}
        assert not any("birth" in name for name in columns)
        row = db.session.execute(text("SELECT * FROM users")).mappings().one()
        assert all("1970" not in str(value) for value in row.values())
        assert row["age_verified_at"] is not None


def test_age_boundaries_on_the_day_of_signup(api, app):
    on = today(app)
    assert api.signup("sixteen", birth_date=years_ago(16, on)).status_code == 201
    assert api.signup("ninetyfour", birth_date=years_ago(95, on, days=-1)).status_code == 201
    for name, born in (("fifteen", years_ago(16, on, days=-1)), ("ninetyfive", years_ago(95, on))):
        response = api.signup(name, birth_date=born)
        assert response.status_code == 422
        assert response.get_json()["error"]["code"] == "age_out_of_range"
    assert count(app, User) == 2


def test_under_sixteen_gets_a_kind_message_pointing_to_bris_and_nothing_is_stored(api, app):
    response = api.signup("ung", birth_date=years_ago(13, today(app)))
    error = response.get_json()["error"]
    assert response.status_code == 422
    assert error["code"] == "age_out_of_range"
    assert "BRIS" in error["message"] and "116 111" in error["message"]
    assert count(app, User) == 0 and count(app, Pseudonym) == 0


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"birth_date": "1970-02-30"}, 422, "invalid_birth_date"),
        ({"birth_date": "2999-01-01"}, 422, "age_out_of_range"),
        ({"birth_date": 1970}, 422, "invalid_birth_date"),
        ({"password": "kort"}, 422, "weak_password"),
        ({"password": "1q2w3e4r5t"}, 422, "weak_password"),
        ({"password": ["a list"]}, 422, "weak_password"),
        ({"accept_guidelines": False}, 422, "guidelines_not_accepted"),
        ({"accept_guidelines": "true"}, 422, "guidelines_not_accepted"),
        ({"username": "a b"}, 422, "invalid_username"),
        ({"username": None}, 422, "invalid_username"),
    ],
)
def test_refused_signups_say_why_and_store_nothing(api, app, changes, status, code):
    body = {
        "username": "anna",
        "password": STRONG_PASSWORD,
        "birth_date": "1970-05-31",
        "accept_guidelines": True,
    }
    response = api.post("/signup", {**body, **changes})
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]
    assert count(app, User) == 0 and count(app, Pseudonym) == 0


def test_login_name_is_unique_whatever_the_case(api, new_api, app):
    assert api.signup("Anna").status_code == 201
    response = new_api().signup("ANNA ")
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "username_taken"
    assert count(app, User) == 1


def test_future_birth_date_is_an_age_out_of_range(api, app):
    response = api.signup("framtid", birth_date="2999-01-01")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "age_out_of_range"
    assert response.get_json()["error"]["reason"] == "future"


@pytest.mark.parametrize("path", ["/login", "/signup", "/recover", "/me/password"])
def test_hostile_json_gets_400_not_500(api, path):
    api.signup("anna")
    nested = "[" * 100_000 + "]" * 100_000
    for raw in (nested, '{"username": "anna", "password": "\\ud800\\udfff\\ud800aaaaaaaaaa"}'):
        response = api.client.post(
            "/api/v1" + path, data=raw, content_type="application/json", headers={"X-CSRF-Token": api.csrf()}
        )
        assert response.status_code in (400, 413), response.get_data(as_text=True)[:200]
        assert response.get_json()["error"]["code"] in ("bad_request", "payload_too_large")


def test_bad_bodies_get_json_errors_not_500(api):
    for data, content_type in (
        ("not json", "application/json"),
        ("[1, 2]", "application/json"),
        ("username=x", "application/x-www-form-urlencoded"),
    ):
        response = api.client.post(
            "/api/v1/login", data=data, content_type=content_type, headers={"X-CSRF-Token": api.csrf()}
        )
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "bad_request"


def test_state_changing_requests_without_csrf_token_are_refused(client, app):
    for path in ("/api/v1/signup", "/api/v1/login", "/api/v1/logout", "/api/v1/recover"):
        response = client.post(path, json={"username": "anna", "password": STRONG_PASSWORD})
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "csrf_failed"
    assert count(app, User) == 0


def test_oversized_request_gets_413_json(api):
    response = api.post("/login", {"username": "anna", "password": "x" * 300_000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_login_and_logout(api, new_api):
    api.signup("anna")
    api.logout()
    assert api.get("/session").get_json()["user"] is None
    other = new_api()
    response = other.login("Anna", STRONG_PASSWORD)
    assert response.status_code == 200
    assert response.get_json()["user"]["role"] == "member"
    assert other.get("/session").get_json()["user"] is not None


def test_unknown_user_and_wrong_password_get_the_same_answer_and_the_same_work(api, new_api, monkeypatch):
    api.signup("anna")
    verified = []
    original = PasswordHasher.verify
    monkeypatch.setattr(
        PasswordHasher, "verify", lambda self, h, p: verified.append(h) or original(self, h, p)
    )
    wrong = new_api().login("anna", "fel lösenord helt enkelt")
    unknown = new_api().login("nobody-here", "fel lösenord helt enkelt")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()
    assert wrong.get_json()["error"]["code"] == "invalid_credentials"
    # Both ran exactly one argon2 verification: against the member's hash, and against the dummy hash.
    assert len(verified) == 2 and verified[0] != verified[1]


def test_login_rotates_the_session(api):
    before = api.csrf()
    api.signup("anna")
    api.logout()
    api.token = None
    anonymous_token = api.csrf()
    response = api.login("anna")
    assert response.get_json()["csrf_token"] not in (before, anonymous_token)
    # The token of the anonymous session no longer works.
    stale = api.client.post("/api/v1/logout", headers={"X-CSRF-Token": anonymous_token})
    assert stale.status_code == 400


def test_logout_cuts_every_session_of_the_account(api, new_api):
    api.signup("anna")
    phone = new_api()
    phone.login("anna")
    assert phone.get("/session").get_json()["user"] is not None
    assert api.logout().status_code == 204
    assert phone.get("/session").get_json()["user"] is None
    assert phone.get("/me").status_code == 401


def test_copied_cookie_stops_working_after_logout(api, app):
    api.signup("anna")
    cookie = api.client.get_cookie("bryggan_session").value
    api.logout()
    thief = app.test_client()
    thief.set_cookie("bryggan_session", cookie)
    assert thief.get("/api/v1/session").get_json()["user"] is None


def test_suspended_member_cannot_log_in_and_loses_live_sessions(api, new_api, app):
    api.signup("anna")
    with app.app_context():
        user = db.session.scalar(select(User))
        user.suspended_until = utcnow() + timedelta(hours=5)
        db.session.commit()
    assert api.get("/session").get_json()["user"] is None
    response = new_api().login("anna")
    assert response.status_code == 403
    error = response.get_json()["error"]
    assert error["code"] == "suspended" and error["until"]
    # A wrong password does not reveal the suspension.
    assert new_api().login("anna", "helt fel lösenord").status_code == 401


def test_banned_member_is_told_so(api, new_api, app):
    api.signup("anna")
    with app.app_context():
        db.session.scalar(select(User)).banned = True
        db.session.commit()
    response = new_api().login("anna")
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "suspended"
    assert response.get_json()["error"].get("until") is None


def test_password_is_rehashed_on_login_when_parameters_change(api, app, database_url):
    api.signup("anna")
    with app.app_context():
        old_hash = db.session.scalar(select(User.password_hash))
    assert "t=1" in old_hash
    stronger = make_app(database_url, PASSWORD_HASH_TIME_COST=2)
    client = stronger.test_client()
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    response = client.post(
        "/api/v1/login",
        json={"username": "anna", "password": STRONG_PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200
    with stronger.app_context():
        new_hash = db.session.scalar(select(User.password_hash))
        db.engine.dispose()
    assert new_hash != old_hash and "t=2" in new_hash


def test_recovery_code_sets_a_new_password_once_and_is_replaced(api, new_api):
    code = api.signup("anna").get_json()["recovery_code"]
    laptop = new_api()
    laptop.login("anna")
    stranger = new_api()
    response = stranger.post(
        "/recover",
        {
            "username": "anna",
            "recovery_code": code.lower().replace("-", " "),
            "new_password": "ett helt nytt lösenord",
        },
    )
    assert response.status_code == 200
    new_code = response.get_json()["recovery_code"]
    assert new_code != code
    assert laptop.get("/session").get_json()["user"] is None  # other sessions cut
    assert new_api().login("anna", STRONG_PASSWORD).status_code == 401
    assert new_api().login("anna", "ett helt nytt lösenord").status_code == 200
    reused = new_api().post(
        "/recover", {"username": "anna", "recovery_code": code, "new_password": "ännu ett nytt lösenord"}
    )
    assert reused.status_code == 401
    assert reused.get_json()["error"]["code"] == "invalid_credentials"
    again = new_api().post(
        "/recover", {"username": "anna", "recovery_code": new_code, "new_password": "ännu ett nytt lösenord"}
    )
    assert again.status_code == 200


def test_recovery_with_unknown_user_or_wrong_code_is_the_same_401(api, new_api):
    api.signup("anna")
    wrong = new_api().post(
        "/recover",
        {
            "username": "anna",
            "recovery_code": "AAAA-BBBB-CCCC-DDDD-EEEE",
            "new_password": "ett helt nytt lösenord",
        },
    )
    unknown = new_api().post(
        "/recover",
        {
            "username": "nobody",
            "recovery_code": "AAAA-BBBB-CCCC-DDDD-EEEE",
            "new_password": "ett helt nytt lösenord",
        },
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.get_json() == unknown.get_json()


def test_recovery_refuses_a_weak_new_password_and_keeps_the_code(api, new_api):
    code = api.signup("anna").get_json()["recovery_code"]
    weak = new_api().post("/recover", {"username": "anna", "recovery_code": code, "new_password": "kort"})
    assert weak.status_code == 422
    assert weak.get_json()["error"]["code"] == "weak_password"
    good = new_api().post(
        "/recover", {"username": "anna", "recovery_code": code, "new_password": "ett helt nytt lösenord"}
    )
    assert good.status_code == 200


def test_password_change_cuts_other_sessions_and_keeps_this_one(api, new_api):
    api.signup("anna")
    phone = new_api()
    phone.login("anna")
    refused = api.post(
        "/me/password", {"current_password": "fel fel fel fel", "new_password": "ett nytt lösenord"}
    )
    assert refused.status_code == 401
    response = api.post(
        "/me/password", {"current_password": STRONG_PASSWORD, "new_password": "ett nytt lösenord"}
    )
    assert response.status_code == 200
    assert api.get("/session").get_json()["user"] is not None
    assert phone.get("/session").get_json()["user"] is None


def test_new_recovery_code_needs_the_password(api, new_api):
    old = api.signup("anna").get_json()["recovery_code"]
    assert api.post("/me/recovery-code", {"current_password": "fel fel fel fel"}).status_code == 401
    new = api.post("/me/recovery-code", {"current_password": STRONG_PASSWORD}).get_json()["recovery_code"]
    assert new != old
    body = {"username": "anna", "new_password": "ett helt nytt lösenord"}
    assert new_api().post("/recover", {**body, "recovery_code": old}).status_code == 401
    assert new_api().post("/recover", {**body, "recovery_code": new}).status_code == 200


def test_pseudonyms_are_unique(new_api, app):
    names = set()
    for index in range(8):
        body = new_api().signup(f"stilla{index}").get_json()
        names.add(body["user"]["pseudonym"])
    assert len(names) == 8


def test_redrawing_a_pseudonym_retires_the_old_one_for_good(api, app):
    first = api.signup("anna").get_json()["user"]["pseudonym"]
    response = api.post("/me/pseudonym")
    assert response.status_code == 200
    second = response.get_json()["user"]["pseudonym"]
    assert second != first
    assert api.get("/session").get_json()["user"]["pseudonym"] == second
    too_soon = api.post("/me/pseudonym")
    assert too_soon.status_code == 409
    assert too_soon.get_json()["error"]["code"] == "pseudonym_redraw_too_soon"
    with app.app_context():
        old = db.session.scalar(select(Pseudonym).where(Pseudonym.name == first))
        assert old.retired_at is not None  # kept, so the name is never given to anyone else
        assert db.session.scalar(select(func.count()).select_from(Pseudonym)) == 2


def test_me_needs_a_signed_in_member(api):
    response = api.get("/me")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "not_signed_in"
    api.signup("anna")
    body = api.get("/me").get_json()
    assert body["pseudonym_redraw_available_at"] is None  # the first redraw is free
    api.post("/me/pseudonym")
    assert api.get("/me").get_json()["pseudonym_redraw_available_at"] is not None


def test_login_name_never_appears_in_any_response(new_api):
    secret_name = "mitt.riktiga.namn"
    client = new_api()
    responses = [
        client.get("/session"),
        client.signup(secret_name),
        client.get("/session"),
        client.get("/me"),
        client.post("/me/pseudonym"),
        client.logout(),
        client.login(secret_name),
        client.client.get("/account"),
        client.client.get("/"),
    ]
    for response in responses:
        assert secret_name not in response.get_data(as_text=True).lower()
        assert secret_name not in str(response.headers).lower()


@pytest.mark.parametrize("role", ["editor", "moderator", "admin"])
def test_every_role_signs_in_and_reads_its_account_through_the_api(api, app, role):
    """Staff roles are answered like members' (the library's editors too): no 500 from the answer's shape."""
    api.signup("redaktor.eva")
    with app.app_context():
        db.session.execute(select(User)).scalar_one().role = role
        db.session.commit()
    api.post("/logout")
    signed_in = api.login("redaktor.eva")
    assert signed_in.status_code == 200, signed_in.get_data(as_text=True)
    assert signed_in.get_json()["user"]["role"] == role
    assert api.get("/session").get_json()["user"]["role"] == role
    me = api.get("/me")
    assert me.status_code == 200 and me.get_json()["user"]["role"] == role
