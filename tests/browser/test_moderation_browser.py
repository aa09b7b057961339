"""A moderator works the queue in a real browser: a crisis post appears live, one click hides it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import make_app
from tests.support.pages import sign_up, signed_up, usernames

pytestmark = pytest.mark.browser


def test_moderator_sees_a_crisis_post_appear_and_hides_it(page, browser, base_url, browser_database):
    moderator_name = next(usernames)
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
    assert "Någon kan vara i fara" in item.inner_text()
    item.get_by_label("Anledning (skrivs i granskningsloggen)").fill("Kontaktar skribenten")
    item.get_by_role("button", name="Dölj").click()
    page.wait_for_selector("text=Klart.")
    assert axe_violations(page) == []
    page.goto("/moderation/audit")
    assert "Kontaktar skribenten" in page.content()
    assert axe_violations(page) == []


def axe_at_both_widths(page) -> list[str]:
    """axe at a small phone's width (360 px) and a laptop's (1280 px)."""
    found = []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        found += [f"{width}px {line}" for line in axe_violations(page)]
    page.set_viewport_size({"width": 390, "height": 844})
    return found


def test_moderator_hides_sees_it_decided_undoes_sanctions_and_reads_the_audit(
    page, browser, base_url, browser_database
):
    from tests.conftest import STRONG_PASSWORD
    from tests.support.pages import sign_up

    writer = browser.new_context(base_url=base_url).new_page()
    author = signed_up(writer)
    writer.goto("/forum/demens")
    writer.get_by_label("Rubrik").fill("Kväll")
    writer.get_by_label("Vad vill du skriva?").fill("Jag vill inte leva mer, allt är mörkt")
    writer.get_by_role("button", name="Publicera tråden").click()
    writer.wait_for_selector("text=Du behöver inte bära det ensam")
    writer.context.close()

    moderator_name = next(usernames)
    sign_up(page, moderator_name)
    app = make_app(browser_database)
    assert (
        app.test_cli_runner().invoke(args=["users", "set-role", moderator_name, "moderator"]).exit_code == 0
    )
    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(moderator_name)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)

    page.goto("/moderation")
    item = page.locator(".review-item", has_text="allt är mörkt").first
    assert "väntat" in item.inner_text()
    assert axe_at_both_widths(page) == []
    assert "j/k" in page.locator(".shortcuts").inner_text()
    page.keyboard.press("j")  # keyboard shortcuts: j/k move between items
    page.wait_for_selector(".review-item--current")
    item.get_by_label("Anledning (skrivs i granskningsloggen)").fill("Kontaktar skribenten")
    item.get_by_role("button", name="Dölj").click()
    page.wait_for_selector("text=Klart.")

    page.get_by_role("link", name="Beslutade").click()
    decided = page.locator(".review-item", has_text="allt är mörkt").first
    assert "Dold" in decided.inner_text() and "Beslutat av" in decided.inner_text()
    assert axe_at_both_widths(page) == []
    decided.get_by_role("button", name="Ångra").click()
    page.wait_for_selector("text=Ångrat.")

    page.goto("/moderation")
    item = page.locator(".review-item", has_text="allt är mörkt").first
    item.locator("summary", has_text=f"Åtgärd mot {author}").click()
    item.get_by_label("Åtgärd", exact=True).select_option("warning")
    item.get_by_label("Anledning", exact=True).select_option("guidelines")
    item.get_by_role("button", name="Verkställ").click()
    page.wait_for_selector("text=Åtgärden gäller nu.")
    # The thread as a moderator reads it: the post's state and the actions under it.
    page.locator(".review-item", has_text="allt är mörkt").first.get_by_role(
        "link", name="Visa i tråden"
    ).click()
    page.wait_for_selector(".post-tools")
    assert "I granskningskön" in page.locator(".post-tools").first.inner_text()
    assert axe_at_both_widths(page) == []

    page.goto("/moderation/audit")
    text = page.locator("main").inner_text()
    assert "Ångrade ett beslut om ett inlägg" in text and "Dolde ett inlägg" in text
    assert "Varning" in text and f"medlemmen {author}" in text and "i dag " in text
    assert "post.hide" not in text
    assert axe_at_both_widths(page) == []
    page.goto("/moderation/rota")
    assert "Schema" in page.locator("h1").inner_text()
    assert axe_at_both_widths(page) == []
    page.goto(f"/moderation/members/{author}/messages")
    assert axe_at_both_widths(page) == []
    page.goto("/moderation?tab=decided&outcome=hidden")
    assert axe_at_both_widths(page) == []


def test_every_moderation_page_passes_axe_at_both_widths_in_each_state(
    page, browser, base_url, browser_database
):
    """The member's inbox (empty, then with the moderators' message), the staff conversation (with an answer,
    and with a form error), the queue with a member waiting for an answer, the rota as an admin (with a form
    error), and the audit log and decided tab with a bad date: axe finds nothing at 360 or 1280 px."""

    member_page = browser.new_context(base_url=base_url).new_page()
    member = signed_up(member_page)
    member_page.goto("/account/staff-messages")
    assert "Inga meddelanden än" in member_page.locator("main").inner_text()
    assert axe_at_both_widths(member_page) == []
    member_page.get_by_label("Ditt meddelande").fill("Hej moderatorerna, jag undrar över en sak.")
    member_page.get_by_role("button", name="Skicka till moderatorerna").click()
    member_page.wait_for_selector(".staff-message:has-text('jag undrar över en sak')")

    admin_name = next(usernames)
    sign_up(page, admin_name)
    app = make_app(browser_database)
    assert app.test_cli_runner().invoke(args=["users", "set-role", admin_name, "admin"]).exit_code == 0

    page.goto("/moderation")
    assert member in page.locator("main").inner_text()  # waiting for an answer
    assert axe_at_both_widths(page) == []
    page.goto(f"/moderation/members/{member}/messages")
    assert "jag undrar över en sak" in page.locator("main").inner_text()
    assert axe_at_both_widths(page) == []
    page.get_by_role("button", name="Skicka privat").click()  # nothing written
    page.wait_for_selector("#staff-body-error")
    assert axe_at_both_widths(page) == []
    page.get_by_label("Meddelande", exact=True).fill("Tack för att du skriver. Vi svarar här.")
    page.get_by_role("button", name="Skicka privat").click()
    page.wait_for_selector(".staff-message:has-text('Vi svarar här')")

    member_page.reload()
    member_page.wait_for_selector(".staff-message:has-text('Vi svarar här')")
    assert axe_at_both_widths(member_page) == []
    member_page.context.close()

    page.goto("/moderation/rota")
    page.get_by_label("Dag", exact=True).fill("2020-01-01")  # a shift in the past
    page.get_by_label("Från", exact=True).fill("18:00")
    page.get_by_label("Till", exact=True).fill("22:00")
    page.get_by_role("button", name="Lägg till", exact=True).click()
    assert page.locator(".notice--error").inner_text().startswith("Från:")  # the field it is about
    assert axe_at_both_widths(page) == []
    page.goto("/moderation/audit?from=igår")
    assert page.locator(".notice--error").inner_text().startswith("Från:")
    assert axe_at_both_widths(page) == []
    page.goto("/moderation?tab=decided&from=igår")
    assert page.locator(".notice--error").inner_text().startswith("Från:")
    assert axe_at_both_widths(page) == []
