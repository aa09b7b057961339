"""Every password check is rate limited like a login, per address and per account, and a stranger who knows a
login name cannot lock its owner out of a browser that has signed in before (device cookies)."""

from __future__ import annotations

import base64
import json

import pytest
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from tests.conftest import STRONG_PASSWORD
from tests.html import form_token

WRONG = "fel lösenord igen"


@pytest.fixture
def from_address(new_api):
    """An API client whose requests come from the given client address."""

    def make(address: str):
        member = new_api()
        member.client.environ_base["REMOTE_ADDR"] = address
        return member

    return make


def assert_rate_limited(response) -> None:
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) > 0


def test_deleting_the_account_is_limited_per_account_and_shares_the_login_count(from_address):
    anna = from_address("198.51.100.1")
    anna.signup("anna")
    # A thief with anna's session cookie (and her CSRF token), but not her browser's device cookie.
    thief = from_address("203.0.113.1")
    thief.client.set_cookie("bryggan_session", anna.client.get_cookie("bryggan_session").value)
    thief.token = anna.csrf()
    statuses = [thief.send("DELETE", "/me", {"password": WRONG}).status_code for _ in range(10)]
    assert statuses == [401] * 10
    assert_rate_limited(thief.send("DELETE", "/me", {"password": WRONG}))
    # The same count as logins: ten guesses through DELETE /me leave none for the login form elsewhere.
    assert_rate_limited(from_address("198.51.100.2").login("anna", WRONG))
    # The account is still there.
    assert anna.get("/me").status_code == 200


def test_deleting_from_the_members_own_browser_is_limited_too(from_address):
    anna = from_address("198.51.100.6")
    anna.signup("anna")
    statuses = [anna.send("DELETE", "/me", {"password": WRONG}).status_code for _ in range(10)]
    assert statuses == [401] * 10
    assert_rate_limited(anna.send("DELETE", "/me", {"password": WRONG}))


def test_deleting_accounts_is_limited_per_address(from_address):
    members = []
    for index in range(3):
        member = from_address("198.51.100.3")
        member.signup(f"medlem{index}")
        members.append(member)
    statuses = [member.send("DELETE", "/me", {"password": WRONG}).status_code for member in members * 7]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


def test_the_delete_form_is_limited_per_account(from_address):
    anna = from_address("198.51.100.4")
    anna.signup("anna")
    statuses = []
    for _ in range(11):
        page = anna.client.get("/account").get_data(as_text=True)
        response = anna.client.post(
            "/account/delete",
            data={"csrf_token": form_token(page), "delete_password": WRONG, "keep_posts": "0"},
        )
        statuses.append(response.status_code)
    assert statuses == [401] * 10 + [429]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/me/password", {"current_password": WRONG, "new_password": "ett helt nytt lösenord"}),
        ("/me/recovery-code", {"current_password": WRONG}),
    ],
)
def test_other_password_checks_of_a_signed_in_member_are_limited_per_account(from_address, path, body):
    anna = from_address("198.51.100.5")
    anna.signup("anna")
    assert [anna.post(path, body).status_code for _ in range(10)] == [401] * 10
    assert_rate_limited(anna.post(path, body))


def device_cookie(member):
    """This browser's device cookie, if it has one."""
    return member.client.get_cookie("bryggan_device")


def exhaust_logins(attacker, username: str) -> None:
    """A stranger uses up the account's count of refused logins."""
    assert [attacker.login(username, WRONG).status_code for _ in range(10)] == [401] * 10
    assert_rate_limited(attacker.login(username, WRONG))


def test_a_stranger_cannot_lock_the_owner_out_of_a_browser_that_signed_in_before(from_address):
    owner = from_address("198.51.100.10")
    owner.signup("anna")
    owner.logout()
    exhaust_logins(from_address("203.0.113.66"), "anna")

    assert owner.login("anna", STRONG_PASSWORD).status_code == 200
    assert owner.get("/me").status_code == 200
    # The same owner on a browser that never signed in meets the account's limit.
    assert_rate_limited(from_address("198.51.100.11").login("anna", STRONG_PASSWORD))


def test_a_browser_with_a_device_cookie_has_its_own_limit(from_address):
    owner = from_address("198.51.100.12")
    owner.signup("anna")
    owner.logout()
    assert [owner.login("anna", WRONG).status_code for _ in range(10)] == [401] * 10
    assert_rate_limited(owner.login("anna", WRONG))
    assert_rate_limited(owner.login("anna", STRONG_PASSWORD))
    # The device's refusals were its own: the account's count is untouched for other browsers.
    assert from_address("198.51.100.13").login("anna", STRONG_PASSWORD).status_code == 200


def test_a_device_cookie_counts_only_for_the_account_it_was_issued_to(from_address):
    attacker = from_address("203.0.113.67")
    attacker.signup("mallory")  # the attacker's own device cookie, for the attacker's own account
    victim = from_address("198.51.100.14")
    victim.signup("anna")
    exhaust_logins(attacker, "anna")
    assert_rate_limited(attacker.login("anna", STRONG_PASSWORD))


def test_a_forged_or_altered_device_cookie_counts_for_nothing(from_address):
    owner = from_address("198.51.100.15")
    owner.signup("anna")
    owner.logout()
    genuine = device_cookie(owner).value
    exhaust_logins(from_address("203.0.113.68"), "anna")
    for forged in (genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"), "eyJ0IjoieCIsIm4iOiJ5In0"):
        stranger = from_address("203.0.113.69")
        stranger.client.set_cookie("bryggan_device", forged)
        assert_rate_limited(stranger.login("anna", STRONG_PASSWORD))


def test_the_owner_can_still_recover_from_a_browser_that_signed_in_before(from_address):
    owner = from_address("198.51.100.16")
    code = owner.signup("anna").get_json()["recovery_code"]
    owner.logout()
    attacker = from_address("203.0.113.70")
    wrong = {
        "username": "anna",
        "recovery_code": "AAAA-BBBB-CCCC-DDDD-EEEE",
        "new_password": "ett nytt lösenord",
    }
    assert [attacker.post("/recover", wrong).status_code for _ in range(5)] == [401] * 5
    assert_rate_limited(attacker.post("/recover", wrong))
    right = {"username": "anna", "recovery_code": code, "new_password": "ett alldeles nytt lösenord"}
    assert_rate_limited(from_address("198.51.100.17").post("/recover", right))
    assert owner.post("/recover", right).status_code == 200


def test_a_signed_in_owner_can_still_delete_the_account_after_strangers_guessed(from_address):
    owner = from_address("198.51.100.18")
    owner.signup("anna")
    exhaust_logins(from_address("203.0.113.71"), "anna")
    assert owner.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    assert device_cookie(owner) is None  # the account is gone, and so is the browser's cookie for it


def test_the_device_cookie_is_httponly_lax_long_lived_and_does_not_name_the_account(app, from_address):
    owner = from_address("198.51.100.19")
    signup = owner.signup("hemliganna")
    header = next(
        value for value in signup.headers.getlist("Set-Cookie") if value.startswith("bryggan_device=")
    )
    attributes = header.lower()
    assert "httponly" in attributes and "samesite=lax" in attributes and "secure" not in attributes
    assert "max-age=15552000" in attributes  # 180 days
    value = device_cookie(owner).value
    payload = base64.urlsafe_b64decode(value.split(".")[0] + "==")
    assert set(json.loads(payload)) == {"t", "n"}
    assert b"hemliganna" not in payload and b"hemliganna" not in value.encode()
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "hemliganna"))
        assert user.session_secret not in value

    app.config["SESSION_COOKIE_SECURE"] = True  # as in production
    again = from_address("198.51.100.20").login("hemliganna")
    header = next(
        value for value in again.headers.getlist("Set-Cookie") if value.startswith("bryggan_device=")
    )
    assert "secure" in header.lower()
