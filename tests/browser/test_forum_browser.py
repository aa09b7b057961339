"""The forum in a real browser: a thread and a reply through the real forms, and accessibility."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.support.pages import signed_up

pytestmark = pytest.mark.browser


def test_write_a_thread_and_a_reply_through_the_forms(page, browser, base_url):
    signed_up(page)
    page.goto("/forum")
    page.get_by_role("link", name="Demens").click()
    page.get_by_label("Rubrik").fill("Pappa känner inte igen mig")
    page.get_by_label("Vad vill du skriva?").fill("Hur gör ni när det **gör ont**?")
    page.get_by_role("button", name="Publicera tråden").click()
    page.wait_for_selector("h1:has-text('Pappa känner inte igen mig')")
    assert page.locator(".post__body strong").inner_text() == "gör ont"
    thread_url = page.url

    other = browser.new_context(base_url=base_url).new_page()
    signed_up(other)
    other.goto(thread_url)
    other.get_by_label("Ditt svar").fill("Jag känner igen mig. Ta en dag i taget.")
    other.get_by_role("button", name="Publicera svaret").click()
    other.wait_for_selector("text=Ta en dag i taget.")
    other.get_by_role("button", name="Jag känner igen mig").first.click()
    other.wait_for_selector("button[aria-pressed='true']")
    other.context.close()

    page.goto("/notifications")
    assert "Pappa känner inte igen mig" in page.content()
    page.goto(thread_url)
    assert "Ta en dag i taget." in page.content()


def test_forum_pages_have_no_wcag_21_aa_violations(page):
    signed_up(page)
    page.goto("/forum/fikarummet")
    page.get_by_label("Rubrik").fill("Fika i kväll?")
    page.get_by_label("Vad vill du skriva?").fill("Någon mer som är vaken?\n\n> ett citat\n\n- en lista")
    page.get_by_role("button", name="Publicera tråden").click()
    page.wait_for_selector("h1:has-text('Fika i kväll?')")
    thread_url = page.url
    post_id = page.locator("article.post").first.get_attribute("id").removeprefix("post-")
    for path in (
        f"/posts/{post_id}/flag",
        "/forum",
        "/forum/fikarummet",
        thread_url,
        "/forum/search?q=fika",
        "/notifications",
        "/forum/settings",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
    page.goto(thread_url)
    page.get_by_role("button", name="Publicera svaret").click()  # empty reply: error next to the field
    page.wait_for_selector(".error-summary")
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


def test_thread_page_fits_a_320_pixel_screen(page):
    signed_up(page)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/forum/demens")
    page.get_by_label("Rubrik").fill("Smal skärm")
    page.get_by_label("Vad vill du skriva?").fill("Ett mycket långt ord utan mellanrum " + "långtord" * 40)
    page.get_by_role("button", name="Publicera tråden").click()
    page.wait_for_selector("h1:has-text('Smal skärm')")
    page.wait_for_load_state("load")  # the stylesheet, not just the DOM
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
