"""Accounts in a real browser: sign up through the form, log out, log in; accessibility; leave quickly."""

from __future__ import annotations

import pytest

from tests.browser.conftest import NEUTRAL_SITE, axe_violations, press_escape_twice
from tests.conftest import STRONG_PASSWORD

# signed_up stays importable from here for older modules; new ones import tests.support.pages.
from tests.support.pages import sign_up, usernames

pytestmark = pytest.mark.browser


def test_sign_up_log_out_and_log_in_through_the_real_forms(page):
    username = next(usernames)
    code = sign_up(page, username)
    assert len(code) == 24
    page.get_by_role("link", name="Jag har sparat koden – fortsätt").click()
    page.wait_for_url("**/welcome")  # the welcome page: where to start, the chat, the guidelines
    page.goto("/account")
    pseudonym = page.locator(".pseudonym").inner_text()
    assert pseudonym and username not in page.content()

    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/?signed_out=1")
    assert "Du är utloggad" in page.content()

    page.get_by_role("link", name="Logga in").first.click()
    page.get_by_label("Inloggningsnamn").fill(username)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    assert f"Välkommen tillbaka, {pseudonym}" in page.content()


def test_form_errors_are_shown_next_to_fields_and_focused(page):
    page.goto("/signup")
    page.get_by_label("Inloggningsnamn").fill("x")
    page.get_by_role("button", name="Skapa mitt konto").click()
    page.wait_for_selector(".error-summary")
    # The deferred script moves focus to the summary once the page has loaded.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')", timeout=5000)
    assert page.locator("#username").get_attribute("aria-invalid") == "true"
    assert page.locator("#username-error").is_visible()
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/signup",
        "/login",
        "/help",
        "/guidelines",
        "/privacy",
        "/privacy?lang=en",
        "/recover",
        "/?lang=en",
    ],
)
def test_public_pages_have_no_wcag_21_aa_violations(page, path):
    page.goto(path)
    assert axe_violations(page) == []


def test_account_page_has_no_wcag_21_aa_violations(page):
    sign_up(page, next(usernames))
    page.goto("/account")
    assert page.locator(".pseudonym").is_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", "/signup", "/account", "/help"])
def test_pages_fit_a_320_pixel_screen(page, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_leave_quickly_replaces_the_page_and_the_back_button_does_not_return(page):
    page.goto("/help")
    page.goto("/guidelines")
    page.get_by_role("link", name="Lämna sidan snabbt").click()
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()
    assert "/guidelines" not in page.url


def test_leave_quickly_works_from_the_keyboard(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "leave-quickly"
    page.keyboard.press("Enter")
    page.wait_for_url(NEUTRAL_SITE)


def test_pressing_escape_twice_leaves(page):
    page.goto("/login")
    press_escape_twice(page)
    page.wait_for_url(NEUTRAL_SITE)


def test_focus_is_visible_on_keyboard_navigation(page):
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
