"""The night the crisis promise is for, in two real browsers: a member in a calm-mode room writes that she
cannot go on straight after another message; she sees the help lines at once; a moderator takes the item
and writes to her privately; she sees the message arrive live in the room and can answer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.conftest import STRONG_PASSWORD, make_app
from tests.support.pages import sign_up, signed_up, usernames

pytestmark = pytest.mark.browser
CRISIS = "Ibland orkar jag inte leva längre"


def moderator_in(page, browser_database) -> str:
    """Sign a new member up, make them a moderator and log in again; returns the login name."""
    name = next(usernames)
    sign_up(page, name)
    app = make_app(browser_database)
    assert app.test_cli_runner().invoke(args=["users", "set-role", name, "moderator"]).exit_code == 0
    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(name)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    return name


def test_crisis_in_calm_mode_is_sent_helped_claimed_and_answered_live(
    page, browser, base_url, browser_database
):
    moderator_in(page, browser_database)
    page.goto("/moderation")
    page.wait_for_load_state("load")

    member = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}).new_page()
    pseudonym = signed_up(member)
    member.goto("/chat/allmant")
    member.wait_for_selector("#chat-body:not([disabled])")
    expect(member.locator("#slow-mode")).to_be_visible()  # calm mode: no moderator in the chat
    box = member.get_by_label("Ditt meddelande")
    box.fill("Hej, är det någon som är vaken?")
    member.keyboard.press("Enter")
    member.wait_for_selector("#messages li:has-text('är det någon som är vaken')")
    box.fill(CRISIS)
    member.keyboard.press("Enter")
    # Sent at once despite calm mode, and the help lines are there without a reload.
    member.wait_for_selector(f"#messages li:has-text('{CRISIS}')")
    expect(member.locator("#crisis-support")).to_be_visible()
    expect(member.locator("#crisis-support")).to_contain_text("90101")
    expect(member.locator("#chat-error")).to_have_text("")

    item = page.locator(f".review-item:has-text('{CRISIS}')")
    item.wait_for(timeout=10000)
    item.get_by_role("button", name="Jag tar den här").click()
    page.wait_for_selector("text=tar hand om detta sedan")
    page.get_by_role("link", name=f"Skriv privat till {pseudonym}").click()
    page.wait_for_load_state("load")
    assert axe_violations(page) == []
    page.get_by_label("Meddelande").fill("Hej, jag är moderator här. Vill du berätta hur du har det just nu?")
    page.get_by_role("button", name="Skicka privat").click()
    page.wait_for_selector("text=Skickat.")

    staff_box = member.locator("#staff-message-box")
    expect(staff_box).to_be_visible(timeout=10000)
    expect(staff_box).to_contain_text("Vill du berätta hur du har det")
    assert axe_violations(member) == []

    member.get_by_role("link", name="Läs och svara moderatorerna").click()
    member.wait_for_load_state("load")
    assert axe_violations(member) == []
    member.get_by_label("Ditt meddelande").fill("Tack. Det hjälper att någon svarar.")
    member.get_by_role("button", name="Skicka till moderatorerna").click()
    member.wait_for_selector("text=Skickat till moderatorerna")
    member.context.close()

    page.goto("/moderation")
    expect(page.locator(".staff-inbox")).to_contain_text(pseudonym)
