"""Every password check is rate limited like a login, per address and per account, and a stranger who knows a
login name cannot lock its owner out of a browser that has signed in before (device cookies)."""

from __future__ import annotations

import pytest

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
    statuses = [anna.send("DELETE", "/me", {"password": WRONG}).status_code for _ in range(10)]
    assert statuses == [401] * 10
    assert_rate_limited(anna.send("DELETE", "/me", {"password": WRONG}))
    # The same count as logins: ten guesses through DELETE /me leave none for the login form elsewhere.
    assert_rate_limited(from_address("198.51.100.2").login("anna", WRONG))
    # The account is still there.
    assert anna.get("/me").status_code == 200


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
