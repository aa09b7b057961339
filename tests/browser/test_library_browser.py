"""The library on a phone-sized Chromium: browse, search, read, and watch a film with captions; axe-clean."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser
FILM = "vad-gor-en-anhorigkonsulent"


def test_a_stranger_browses_searches_and_reads_an_article(page):
    page.goto("/")
    page.get_by_role("link", name="Bibliotek", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Bibliotek"
    assert axe_violations(page) == []

    page.get_by_label("Ämne").select_option("demens")
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="Vad är demens?").is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Sök i biblioteket").fill("demensen")
    page.get_by_label("Ämne").select_option("")
    page.get_by_label("Filmer").check()
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_load_state("load")
    assert "0 träffar" in page.locator("#results").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Allt", exact=True).check()
    page.get_by_role("button", name="Sök", exact=True).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Vad är demens?").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Vad är demens?"
    assert page.get_by_text("Senast granskad").is_visible()
    assert axe_violations(page) == []


def test_a_film_plays_with_swedish_captions_and_seeks_like_on_a_phone(page):
    page.goto(f"/library/{FILM}")
    assert axe_violations(page) == []
    assert page.evaluate(
        "document.querySelector('video').canPlayType('video/mp4; codecs=\"avc1.4D401E, mp4a.40.2\"')"
    )
    page.evaluate("""async () => {
        const video = document.querySelector('video');
        video.muted = true;  // autoplay rules let a muted video start without a click
        await video.play();
    }""")
    page.wait_for_function("() => document.querySelector('video').currentTime > 0.5", timeout=15_000)
    captions = page.evaluate("""() => {
        const track = [...document.querySelector('video').textTracks].find(t => t.language === 'sv');
        return {mode: track.mode, kind: track.kind, cues: track.cues ? track.cues.length : 0};
    }""")
    assert captions == {"mode": "showing", "kind": "captions", "cues": 8}
    # Seeking far ahead makes the browser ask for a byte range; a server without Range support would stall.
    page.evaluate("""() => new Promise(resolve => {
        const video = document.querySelector('video');
        video.addEventListener('seeked', resolve, {once: true});
        video.currentTime = 38;  // inside the cue for "Ring kommunens växel och fråga efter anhörigstöd."
    })""")
    page.wait_for_function(
        """() => {
            const track = [...document.querySelector('video').textTracks].find(t => t.language === 'sv');
            return track.activeCues && track.activeCues.length > 0;
        }""",
        timeout=15_000,
    )
    active = page.evaluate("""() => {
        const track = [...document.querySelector('video').textTracks].find(t => t.language === 'sv');
        return track.activeCues[0].text;
    }""")
    assert "anhörigstöd" in active
    transcript = page.locator("section.transcript")
    assert "Ring kommunens växel" in transcript.inner_text()
    page.get_by_role("link", name="Läs det som sägs i filmen").click()
    assert page.evaluate("location.hash") == "#transcript"


def test_the_library_in_english_is_axe_clean(page):
    page.goto("/library?lang=en")
    assert page.locator("h1").inner_text() == "Library"
    assert axe_violations(page) == []
    page.goto(f"/library/{FILM}")
    assert page.get_by_text("You can choose English captions in the player.").is_visible()
    assert axe_violations(page) == []
