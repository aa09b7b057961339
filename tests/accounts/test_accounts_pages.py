"""Account pages through the HTTP test client: real forms, CSRF tokens, errors next to fields."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from accounts import services
from accounts.models import User
from core.extensions import db
from tests.conftest import STRONG_PASSWORD
from tests.html import form_token, parse, unlabelled_fields
from tests.support.accounts import login_form, signup_form


def users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("path", ["/", "/signup", "/login", "/recover", "/help", "/guidelines", "/privacy"])
def test_every_field_has_a_label_and_pages_have_no_inline_script(client, path):
    html = client.get(path).get_data(as_text=True)
    assert unlabelled_fields(html) == []
    page = parse(html)
    assert page.inline_scripts == 0
    assert not [attrs for _, attrs in page.elements if any(name.startswith("on") for name in attrs)]
    assert not [attrs for _, attrs in page.elements if "style" in attrs]


def test_signup_form_creates_account_and_shows_recovery_code_once(client, app):
    response = signup_form(client)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    code = [attrs for tag, attrs in parse(html).elements if attrs.get("id") == "recovery-code"]
    assert code
    assert users(app) == 1
    assert "Välkommen till Bryggan" in html
    account = client.get("/account").get_data(as_text=True)
    with app.app_context():
        pseudonym = db.session.scalar(select(User)).pseudonym.name
    assert pseudonym in account
    assert 'id="recovery-code"' not in account


def test_refused_signup_form_shows_errors_next_to_fields_and_keeps_input(client, app):
    response = signup_form(client, username="a b", password="kort", born=("31", "2", "1970"), accept=False)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert users(app) == 0
    page = parse(html)
    invalid = {attrs["id"] for attrs in page.find("input") if attrs.get("aria-invalid") == "true"}
    assert {"username", "password", "birth_day", "accept_guidelines"} <= invalid
    username = next(attrs for attrs in page.find("input") if attrs.get("id") == "username")
    assert username["value"] == "a b"
    assert "username-error" in username["aria-describedby"]
    assert "kort" not in [attrs.get("value") for attrs in page.find("input")]  # passwords are not echoed
    assert 'role="alert"' in html


def test_under_sixteen_signup_form_points_to_bris(client, app):
    with app.app_context():
        year = services.today().year - 12
    html = signup_form(client, born=("1", "1", str(year))).get_data(as_text=True)
    assert "BRIS" in html and "116 111" in html
    assert users(app) == 0


def test_login_form_failure_and_success_with_return_path(client, app):
    signup_form(client)
    client.post("/logout", data={"csrf_token": form_token(client.get("/account").get_data(as_text=True))})
    wrong = login_form(client, password="fel lösenord igen")
    assert wrong.status_code == 401
    assert "Inloggningsnamnet eller lösenordet är fel" in wrong.get_data(as_text=True)
    ok = login_form(client, next_path="/account")
    assert ok.status_code == 302 and ok.headers["Location"].endswith("/account")


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/phish",
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "https://evil.example",
        "/%09/evil.example",
    ],
)
def test_login_never_redirects_to_another_site(client, target):
    signup_form(client)
    client.post("/logout", data={"csrf_token": form_token(client.get("/account").get_data(as_text=True))})
    token = form_token(client.get("/login").get_data(as_text=True))
    response = client.post(
        "/login", data={"csrf_token": token, "username": "anna", "password": STRONG_PASSWORD, "next": target}
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/" or (
        location.startswith("/") and not location.startswith("//") and "\t" not in location
    )


@pytest.mark.parametrize("born", [("²", "5", "1970"), ("٣", "5", "1970"), ("31", "5", "70"), ("", "", "")])
def test_odd_birth_date_boxes_get_a_clear_message(client, app, born):
    response = signup_form(client, born=born)
    assert response.status_code == 422
    assert "Det är inget datum vi kan läsa" in response.get_data(as_text=True)
    assert users(app) == 0


def test_account_page_needs_login(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert "/login?next=/account" in response.headers["Location"]


def test_logout_form_signs_out(client):
    signup_form(client)
    token = form_token(client.get("/account").get_data(as_text=True))
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get("/account").status_code == 302


def test_form_post_without_csrf_token_gets_a_friendly_page(client, app):
    response = client.post("/signup", data={"username": "anna"})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "Ladda om sidan" in response.get_data(as_text=True)
    assert users(app) == 0


def test_recover_form_shows_the_new_code(client, new_api):
    code = new_api().signup("anna").get_json()["recovery_code"]
    token = form_token(client.get("/recover").get_data(as_text=True))
    response = client.post(
        "/recover",
        data={
            "csrf_token": token,
            "username": "anna",
            "recovery_code": code,
            "new_password": "ett helt nytt lösenord",
        },
    )
    assert response.status_code == 200
    assert "Din nya återställningskod" in response.get_data(as_text=True)


def test_account_page_redraws_pseudonym_and_changes_password(client, app):
    signup_form(client)
    with app.app_context():
        first = db.session.scalar(select(User)).pseudonym.name
    token = form_token(client.get("/account").get_data(as_text=True))
    assert client.post("/account/pseudonym", data={"csrf_token": token}).status_code == 302
    page = client.get("/account?done=pseudonym").get_data(as_text=True)
    assert first not in page
    assert 'id="redraw" disabled' in page
    wrong = client.post(
        "/account/password",
        data={
            "csrf_token": token,
            "current_password": "fel fel fel fel",
            "new_password": "ett nytt lösenord",
        },
    )
    assert wrong.status_code == 401
    ok = client.post(
        "/account/password",
        data={"csrf_token": token, "current_password": STRONG_PASSWORD, "new_password": "ett nytt lösenord"},
    )
    assert ok.status_code == 302
    assert client.get("/account").status_code == 200


def test_swedish_by_default_and_english_remembered(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="sv">' in html and "Lämna sidan snabbt" in html
    english = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Leave quickly" in english
    later = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in later and "Log in" in later
    assert '<html lang="sv">' in client.get("/login?lang=sv").get_data(as_text=True)
    assert '<html lang="sv">' in client.get("/?lang=xx").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_help_page_lists_the_help_lines(client, lang):
    html = client.get(f"/help?lang={lang}").get_data(as_text=True)
    for needle in ("112", "1177", "90101", "0200-239 500", "116 111", "Anhöriglinjen", "Självmordslinjen"):
        assert needle in html


@pytest.mark.parametrize("path", ["/", "/signup", "/login", "/guidelines", "/recover", "/does-not-exist"])
def test_help_and_leave_quickly_are_on_every_page(client, path):
    page = parse(client.get(path).get_data(as_text=True))
    links = page.find("a")
    assert any(attrs.get("href") == "/help" for attrs in links)
    leave = [attrs for attrs in links if attrs.get("id") == "leave-quickly"]
    assert leave and leave[0]["href"].startswith("https://")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_guidelines_exist_in_both_languages(client, lang):
    html = client.get(f"/guidelines?lang={lang}").get_data(as_text=True)
    assert ("Riktlinjer för Bryggan" if lang == "sv" else "community guidelines") in html
    assert "16" in html and "94" in html


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Sidan finns inte" in response.get_data(as_text=True)


def test_too_many_login_attempts_get_a_friendly_429_with_retry_after(client):
    for _ in range(10):
        login_form(client, username="nobody", password="fel lösenord igen")
    response = login_form(client, username="nobody", password="fel lösenord igen")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.mimetype == "text/html"
