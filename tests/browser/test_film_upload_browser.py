"""An editor (here an admin, who is an editor too) uploads a film and its Swedish captions on the media page,
with the JavaScript uploader; a refused poster is named at its field; the film, a draft until then, is
published from the editor's form; then a visitor plays it with the captions showing. The media page is
axe-clean at 360 and 1280 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.extensions import db
from tests.browser.conftest import axe_violations
from tests.conftest import STRONG_PASSWORD, make_app
from tests.content.conftest import FILM, SHIPPED_LIBRARY
from tests.content.uploading import make_bare_film
from tests.support.pages import sign_up, usernames

pytestmark = pytest.mark.browser
SLUG = "uppladdad-film"


def admin_in(page, browser_database) -> None:
    """Sign a new member up, make them an admin (an editor too) and log in again."""
    name = next(usernames)
    sign_up(page, name)
    app = make_app(browser_database)
    assert app.test_cli_runner().invoke(args=["users", "set-role", name, "admin"]).exit_code == 0
    with app.app_context():
        db.engine.dispose()
    page.goto("/login")
    page.get_by_label("Inloggningsnamn").fill(name)
    page.get_by_label("Lösenord").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def upload(page, slot: str, path) -> None:
    """Choose a file in the slot's form and send it with the page's uploader."""
    key = slot.replace(".", "-")
    page.set_input_files(f"#file-{key}", str(path))
    page.locator(f"form:has(#file-{key})").get_by_role("button", name="Ladda upp").click()


def test_an_editor_uploads_a_film_that_a_visitor_then_watches_with_captions(
    page, browser, base_url, browser_database, tmp_path
):
    app = make_app(browser_database)
    make_bare_film(app, SLUG, status="draft")
    with app.app_context():
        db.engine.dispose()
    admin_in(page, browser_database)
    page.goto(f"/library/edit/{SLUG}/media")
    expect(page.locator("#media-missing")).to_contain_text("En video.")
    for width, height in ((360, 740), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        assert axe_violations(page) == []
        page.screenshot(path=str(tmp_path / f"media-{width}.png"), full_page=True)

    upload(page, "video", SHIPPED_LIBRARY / FILM / "video.mp4")
    page.wait_for_url(lambda url: "uploaded=video" in url)
    expect(page.get_by_role("status").first).to_contain_text("Video laddades upp.")
    expect(page.locator("#media-missing")).to_contain_text("Svenska undertexter (WebVTT).")

    not_an_image = tmp_path / "affisch.jpg"
    not_an_image.write_text("Det här är ingen bild.")
    upload(page, "poster", not_an_image)
    expect(page.locator("#file-poster-error")).to_contain_text("måste vara en JPEG- eller PNG-bild")
    expect(page.locator("#file-poster")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#file-poster")).to_be_focused()
    assert axe_violations(page) == []

    upload(page, "captions.sv", SHIPPED_LIBRARY / FILM / "captions.sv.vtt")
    page.wait_for_url(lambda url: "uploaded=captions.sv" in url)
    expect(page.locator("#media-missing")).to_have_text("Filmen har allt den behöver för att publiceras.")
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "media-done-1280.png"), full_page=True)

    visitor = browser.new_context(base_url=base_url, viewport={"width": 360, "height": 740}).new_page()
    assert visitor.goto(f"/library/{SLUG}").status == 404  # a draft: nobody but editors sees it
    page.goto(f"/library/edit/{SLUG}")
    page.get_by_role("button", name="Spara och publicera").click()
    page.wait_for_url(lambda url: "saved=publish" in url)
    assert visitor.goto(f"/library/{SLUG}").status == 200
    visitor.evaluate("""async () => {
        const video = document.querySelector('video');
        video.muted = true;
        await video.play();
    }""")
    visitor.wait_for_function("() => document.querySelector('video').currentTime > 0.5", timeout=15_000)
    captions = visitor.evaluate("""() => {
        const track = [...document.querySelector('video').textTracks].find(t => t.language === 'sv');
        return {mode: track.mode, cues: track.cues ? track.cues.length : 0};
    }""")
    assert captions == {"mode": "showing", "cues": 8}
    visitor.evaluate("""() => new Promise(resolve => {
        const video = document.querySelector('video');
        video.addEventListener('seeked', resolve, {once: true});
        video.currentTime = 38;
    })""")
    visitor.wait_for_function(
        """() => {
            const track = [...document.querySelector('video').textTracks].find(t => t.language === 'sv');
            return track.activeCues && track.activeCues.length > 0
                && track.activeCues[0].text.includes('anhörigstöd');
        }""",
        timeout=15_000,
    )
    # The transcript was made from the Swedish captions.
    assert "Ring kommunens växel" in visitor.locator("section.transcript").inner_text()
    visitor.context.close()


def test_an_imported_written_transcript_is_shown_and_can_be_removed(page, browser_database, tmp_path):
    """The shipped film's transcript came from the folder (no uploaded file): the page says it is written and
    offers to remove it, after which the transcript made from the captions is shown."""
    admin_in(page, browser_database)
    page.goto(f"/library/edit/{FILM}/media")
    place = page.locator("section.media-place:has(#place-transcript)")
    expect(place).to_contain_text("En skriven utskrift, importerad från biblioteksmappen.")
    for width, height in ((360, 740), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        assert axe_violations(page) == []
        place.screenshot(path=str(tmp_path / f"imported-transcript-{width}.png"))
    place.get_by_role("button", name="Ta bort").click()
    expect(place).to_contain_text("Gjord av de svenska undertexterna.")
    expect(place.get_by_role("button", name="Ta bort")).to_have_count(0)
