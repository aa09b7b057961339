"""A moderator in a chat room hides a message where it is, sees it marked (who, when) in place, and restores
it after a reload; a member in the same room never sees the hidden text. axe at 360 and 1280 px."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import make_app
from tests.support.pages import open_room, sign_up, signed_up, usernames

pytestmark = pytest.mark.browser

TEXT = "Någon borde se vad som händer här i natt"


def axe_at_both_widths(page) -> list[str]:
    """axe at a small phone's width (360 px) and a laptop's (1280 px)."""
    found = []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        found += [f"{width}px {line}" for line in axe_violations(page)]
    return found


def test_a_moderator_hides_and_restores_a_chat_message_in_the_room(page, browser, base_url, browser_database):
    moderator_name = next(usernames)
    sign_up(page, moderator_name)
    app = make_app(browser_database)
    assert (
        app.test_cli_runner().invoke(args=["users", "set-role", moderator_name, "moderator"]).exit_code == 0
    )
    page.goto("/account")
    moderator = page.locator(".pseudonym").inner_text()

    writer = browser.new_context(base_url=base_url).new_page()
    author = signed_up(writer)
    open_room(writer, "psykisk-ohalsa")
    open_room(page, "psykisk-ohalsa")
    writer.get_by_label("Ditt meddelande").fill(TEXT)
    writer.keyboard.press("Enter")
    line = page.locator("#messages li", has_text=TEXT)
    line.wait_for()

    line.locator(".chat-message__menu-button").click()  # "⋯": the message's actions
    line.get_by_role("button", name=f"Dölj: {author}").click()
    marked = page.locator("#messages li.chat-message--moderated", has_text=TEXT)
    marked.wait_for()
    state = marked.locator(".chat-message__state").inner_text()
    assert "Dolt för medlemmar" in state and f"av {moderator}, i dag " in state
    # The member's page dropped it at once, text and all.
    writer.wait_for_selector("#messages li:has-text('En moderator har tagit bort meddelandet.')")
    assert TEXT not in writer.locator("#messages").inner_text()
    assert axe_at_both_widths(page) == []
    page.screenshot(path="/tmp/chat-moderation-1280.png", full_page=True)

    # After a reload the hidden message is still there for the moderator, in place and marked.
    page.reload()
    page.wait_for_selector("#chat-body:not([disabled])")
    marked = page.locator("#messages li.chat-message--moderated", has_text=TEXT)
    marked.locator("summary", has_text="Moderera").click()
    marked.get_by_label("Anledning (skrivs i granskningsloggen)").fill("Inget fel på det")
    page.set_viewport_size({"width": 360, "height": 800})
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/chat-moderation-360.png", full_page=True)
    marked.get_by_role("button", name=f"Återställ: {author}").click()
    restored = page.locator("#messages li.chat-message--restored", has_text=TEXT)
    restored.wait_for()
    assert "Visas för medlemmar igen" in restored.inner_text()
    assert "Anledning: Inget fel på det" in restored.inner_text()
    # Focus stayed with the message's controls rather than falling to the page's start.
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    writer.reload()
    writer.wait_for_selector(f"#messages li:has-text('{TEXT}')")
    writer.context.close()
