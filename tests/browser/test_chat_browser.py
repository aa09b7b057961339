"""Two people in two browsers talk in a room in real time; the room page is accessible and fits a phone;
a lost session or a database outage is told to the member, and the page recovers from the outage by itself."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, seed
from tests.conftest import migrate_to_head
from tests.servers import app_server
from tests.support.pages import open_room, signed_up

pytestmark = pytest.mark.browser


def test_two_browsers_chat_in_real_time(page, browser, base_url):
    anna_name = signed_up(page)
    open_room(page)
    other = browser.new_context(base_url=base_url).new_page()
    bertil_name = signed_up(other)
    open_room(other)

    page.get_by_label("Ditt meddelande").fill("Hej! Är det någon mer som är **vaken**?")
    page.keyboard.press("Enter")
    other.wait_for_selector("#messages li:has-text('Är det någon mer som är')")
    assert other.locator("#messages li").last.locator("strong").inner_text() == "vaken"
    assert other.locator("#messages li").last.locator(".chat-message__author").inner_text() == anna_name
    # Focus stays in the input after sending, ready for the next line.
    assert page.evaluate("document.activeElement.id") == "chat-body"
    assert page.locator("#chat-body").input_value() == ""

    other.get_by_label("Ditt meddelande").fill("Ja, jag är här.")
    other.get_by_role("button", name="Skicka").click()
    page.wait_for_selector("#messages li:has-text('Ja, jag är här.')")
    assert page.locator("#messages li").last.locator(".chat-message__author").inner_text() == bertil_name
    page.wait_for_function("() => document.getElementById('online-count').textContent.startsWith('2')")
    other.context.close()


def test_room_page_has_no_wcag_21_aa_violations_and_fits_320_pixels(page):
    signed_up(page)
    page.set_viewport_size({"width": 320, "height": 640})
    open_room(page, "natten")
    page.get_by_label("Ditt meddelande").fill(
        "Ett meddelande med en lång länk https://example.org/" + "x" * 150
    )
    page.keyboard.press("Enter")
    page.wait_for_selector("#messages li:has-text('Ett meddelande med en lång länk')")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto("/chat")
    assert axe_violations(page) == []


def test_the_room_catches_up_after_a_lost_connection(page, browser, base_url):
    signed_up(page)
    open_room(page, "demens")
    other = browser.new_context(base_url=base_url).new_page()
    signed_up(other)
    open_room(other, "demens")
    page.context.set_offline(True)
    expect(page.locator("#connection-status")).to_contain_text("bröts")
    other.get_by_label("Ditt meddelande").fill("Skrivet medan du var borta")
    other.keyboard.press("Enter")
    other.wait_for_selector("#messages li:has-text('Skrivet medan du var borta')")
    page.context.set_offline(False)
    page.wait_for_selector("#messages li:has-text('Skrivet medan du var borta')", timeout=15000)
    assert page.locator("#messages li:has-text('Skrivet medan du var borta')").count() == 1
    other.context.close()


def test_signing_out_elsewhere_closes_the_room_and_gives_back_unsent_text(page, browser, base_url):
    signed_up(page)
    open_room(page, "demens")
    token = page.locator("meta[name=csrf-token]").get_attribute("content")
    page.context.set_offline(True)
    expect(page.locator("#connection-status")).to_contain_text("bröts")
    page.get_by_label("Ditt meddelande").fill("Skrivet utan nät")
    page.keyboard.press("Enter")  # queued, to be sent on reconnecting
    assert page.locator("#chat-body").input_value() == ""
    # Meanwhile the session ends elsewhere (the same cookies, outside the offline page).
    assert page.context.request.post("/logout", form={"csrf_token": token}).ok
    page.context.set_offline(False)
    # The reconnect is refused: the page must say so, not pretend to reconnect, and hand the text back.
    expect(page.locator("#connection-status")).to_contain_text("Ladda om sidan", timeout=15000)
    assert page.locator("#chat-send").is_disabled()
    assert page.locator("#chat-body").input_value() == "Skrivet utan nät"
    page.keyboard.press("Enter")
    assert page.locator("#chat-body").input_value() == "Skrivet utan nät"  # kept, not swallowed


def test_a_session_ended_while_connected_closes_the_room(page):
    signed_up(page)
    open_room(page, "demens")
    other_tab = page.context.new_page()  # the same browser profile: the same session
    other_tab.goto("/account")
    other_tab.get_by_role("button", name="Logga ut").click()
    # The server closes the session's sockets on its next sweep; one reconnect is refused.
    expect(page.locator("#connection-status")).to_contain_text("Ladda om sidan", timeout=10000)
    assert page.locator("#chat-send").is_disabled()


@pytest.mark.postgres
def test_the_room_waits_out_a_database_outage_and_connects_again_by_itself(browser, postgres_server):
    url = postgres_server.create_database("bryggan_browser_outage")
    migrate_to_head(url)
    seed(url)
    env = {
        "BRYGGAN_DATABASE_URL": url,
        "BRYGGAN_SECRET_KEY": "browser-outage-key",
        "BRYGGAN_RATELIMIT_ENABLED": "false",
    }
    with app_server(env) as base:
        context = browser.new_context(base_url=base)
        page = context.new_page()
        signed_up(page)
        open_room(page)
        postgres_server.stop_immediately()
        try:
            context.set_offline(True)  # the connection drops while the database is down...
            expect(page.locator("#connection-status")).to_contain_text("bröts")
            context.set_offline(False)  # ...and the server refuses to reconnect it: "unavailable"
            expect(page.locator("#connection-status")).to_contain_text("inte tillgänglig", timeout=15000)
        finally:
            postgres_server.start_again()
        # No reload: the page tries again by itself and joins.
        expect(page.locator("#connection-status")).to_have_text("Ansluten", timeout=20000)
        page.get_by_label("Ditt meddelande").fill("Tillbaka efter avbrottet")
        page.keyboard.press("Enter")
        page.wait_for_selector("#messages li:has-text('Tillbaka efter avbrottet')")
        context.close()
