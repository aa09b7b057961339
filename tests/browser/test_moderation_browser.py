"""A moderator works the queue in a real browser: a crisis post appears live, one click hides it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_accounts_browser import signed_up, usernames
from tests.conftest import make_app

pytestmark = pytest.mark.browser


def test_moderator_sees_a_crisis_post_appear_and_hides_it(page, browser, base_url, browser_database):
    moderator_name = next(usernames)
    from tests.browser.test_accounts_browser import sign_up

    sign_up(page, moderator_name)
    app = make_app(browser_database)
    assert (
        app.test_cli_runner().invoke(args=["users", "set-role", moderator_name, "moderator"]).exit_code == 0
    )
    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(moderator_name)
    from tests.conftest import STRONG_PASSWORD

    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto("/moderation")
    page.wait_for_load_state("load")
    assert axe_violations(page) == []

    writer = browser.new_context(base_url=base_url).new_page()
    signed_up(writer)
    writer.goto("/forum/demens")
    writer.get_by_label("Rubrik").fill("Natt")
    writer.get_by_label("Vad vill du skriva?").fill("Jag orkar inte leva längre")
    writer.get_by_role("button", name="Publicera tråden").click()
    writer.wait_for_selector("text=Du behöver inte bära det ensam")  # the warm message with help lines
    writer.context.close()

    page.wait_for_selector(".review-item:has-text('Jag orkar inte leva längre')", timeout=10000)
    item = page.locator(".review-item").first
    assert "crisis" in item.inner_text()
    item.get_by_label("Anledning (skrivs i granskningsloggen)").fill("Kontaktar skribenten")
    item.get_by_role("button", name="Dölj").click()
    page.wait_for_selector("text=Klart.")
    assert axe_violations(page) == []
    page.goto("/moderation/audit")
    assert "Kontaktar skribenten" in page.content()
    assert axe_violations(page) == []
