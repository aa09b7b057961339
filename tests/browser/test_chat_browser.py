"""Two people in two browsers talk in a room in real time; the room page is accessible and fits a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_accounts_browser import signed_up

pytestmark = pytest.mark.browser


def open_room(page, slug: str = "allmant") -> None:
    page.goto(f"/chat/{slug}")
    page.wait_for_selector("#chat-body:not([disabled])")  # joined over Socket.IO


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
    page.wait_for_function("document.getElementById('online-count').textContent.startsWith('2')")
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
    page.wait_for_function("document.getElementById('connection-status').textContent.includes('bröts')")
    other.get_by_label("Ditt meddelande").fill("Skrivet medan du var borta")
    other.keyboard.press("Enter")
    other.wait_for_selector("#messages li:has-text('Skrivet medan du var borta')")
    page.context.set_offline(False)
    page.wait_for_selector("#messages li:has-text('Skrivet medan du var borta')", timeout=15000)
    assert page.locator("#messages li:has-text('Skrivet medan du var borta')").count() == 1
    other.context.close()
