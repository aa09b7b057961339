"""An editor writes an article in a real browser with the live preview, publishes it and a visitor reads it;
every editor page is axe-clean at 360 px and 1280 px."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import make_app
from tests.support.pages import sign_up, usernames

pytestmark = pytest.mark.browser
SLUG = "nar-natten-blir-lang"
# Set to a folder to keep screenshots of every editor page at both widths (for looking at them).
SCREENSHOTS = os.environ.get("BRYGGAN_SCREENSHOTS")


def checked(page, name: str) -> list[str]:
    """axe at a small phone's width (360 px) and a laptop's (1280 px), with screenshots when asked."""
    found = []
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"), full_page=True)
        found += [f"{name} {width}px {line}" for line in axe_violations(page)]
    page.set_viewport_size({"width": 390, "height": 844})
    return found


def test_an_editor_writes_previews_publishes_and_a_visitor_reads(page, browser, base_url, browser_database):
    name = next(usernames)
    sign_up(page, name)
    app = make_app(browser_database)
    assert app.test_cli_runner().invoke(args=["users", "set-role", name, "editor"]).exit_code == 0
    problems = []

    page.goto("/library/edit")
    assert page.locator("h1").inner_text() == "Redigera biblioteket"
    problems += checked(page, "edit-index")

    page.get_by_role("link", name="Ny artikel").click()
    page.wait_for_load_state("load")
    page.get_by_label("Rubrik", exact=True).fill("När natten blir lång")
    page.get_by_label("Adress", exact=True).fill(SLUG)
    page.get_by_label("Sammanfattning").fill("Om att ligga vaken av oro för någon.")
    page.get_by_label("Ämne").select_option("egen-halsa")
    body = page.get_by_label("Text", exact=True)
    body.fill("Många ligger vakna.\n\n## Vad kan hjälpa?\n\n- Skriv ner oron")
    # The live preview: rendered by the server a moment after typing stops, without a click.
    page.wait_for_selector("#preview h2:has-text('Vad kan hjälpa?')", timeout=10_000)
    page.get_by_label("Text", exact=True).fill("Många ligger vakna.\n\n<b>fet</b>")
    page.wait_for_selector("#preview-status:has-text('HTML visas inte')", timeout=10_000)
    body.fill("Många ligger **vakna**.\n\n## Vad kan hjälpa?\n\n- Skriv ner oron")
    page.wait_for_selector("#preview strong:has-text('vakna')", timeout=10_000)
    page.locator("#source-0-title").fill("1177 Vårdguiden")
    page.locator("#source-0-url").fill("https://www.1177.se/somn")
    page.locator("#source-0-read").fill("2026-11-01")
    problems += checked(page, "edit-new")

    page.get_by_role("button", name="Spara som utkast").click()
    page.wait_for_selector("text=Sparad.")
    assert "Utkast" in page.locator(".status").first.inner_text()
    problems += checked(page, "edit-item")

    visitor = browser.new_context(base_url=base_url).new_page()
    assert visitor.goto(f"/library/{SLUG}").status == 404

    page.get_by_role("button", name="Spara och publicera").click()
    page.wait_for_selector("text=Sparad och publicerad.")
    visitor.goto(f"/library/{SLUG}")
    assert visitor.locator("h1").inner_text() == "När natten blir lång"
    assert visitor.locator("article h2").inner_text() == "Vad kan hjälpa?"
    assert "1177 Vårdguiden" in visitor.locator(".library-about").inner_text()
    visitor.context.close()

    page.get_by_label("Sammanfattning").fill("Om att ligga vaken av oro för någon du står nära.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector("text=Sparad.")
    page.get_by_role("link", name="Versioner och skillnader").click()
    page.wait_for_load_state("load")
    problems += checked(page, "edit-revisions")
    page.get_by_role("button", name="Visa skillnader").click()
    page.wait_for_load_state("load")
    assert "du står nära" in page.locator("pre.diff").first.inner_text()
    problems += checked(page, "edit-diff")

    # Two tabs edit at once: the later save is refused, shows the difference and keeps its text.
    page.goto(f"/library/edit/{SLUG}")
    other = page.context.new_page()
    other.goto(f"/library/edit/{SLUG}")
    other.get_by_label("Rubrik", exact=True).fill("När natten känns lång")
    other.get_by_role("button", name="Spara", exact=True).click()
    other.wait_for_selector("text=Sparad.")
    other.close()
    page.get_by_label("Text", exact=True).fill("Min egen nya text som inte får försvinna.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector("text=Någon annan sparade texten medan du redigerade")
    assert page.get_by_label("Text", exact=True).input_value() == "Min egen nya text som inte får försvinna."
    assert "+När natten känns lång" in page.locator(".conflict pre.diff").inner_text()
    problems += checked(page, "edit-conflict")
    page.get_by_label("Rubrik", exact=True).fill("När natten känns lång")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_selector("text=Sparad.")

    page.goto("/library/edit/synonyms")
    assert page.locator("#group-0").input_value()
    problems += checked(page, "edit-synonyms")

    page.goto("/library/edit/new?kind=film")
    problems += checked(page, "edit-new-film")
    assert problems == []
