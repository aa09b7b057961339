"""Library pages through the test client: public, Swedish first, labelled, linked to the forum and chat."""

from __future__ import annotations

from html import unescape

import pytest

from tests.content.conftest import ARTICLE, FILM, SHIPPED_LIBRARY, run_import
from tests.html import parse


@pytest.fixture
def full(seeded):
    """Categories, rooms and the library, as after `flask seed`."""
    return seeded


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def test_the_library_lists_every_item_with_topics_for_anyone(full, client):
    response = client.get("/library")
    assert response.status_code == 200
    page = text_of(response)
    assert "<h1>Bibliotek</h1>" in page
    for path in SHIPPED_LIBRARY.glob("*.md"):
        assert f'href="/library/{path.stem}"' in page
    assert f'href="/library/{FILM}"' in page
    assert 'href="/library?topic=demens"' in page
    assert "X-Robots-Tag" not in response.headers  # public facts may be found by search engines


def test_every_filter_field_has_a_visible_label(full, client):
    parsed = parse(client.get("/library").get_data(as_text=True))
    labelled = {label["for"] for label in parsed.find("label")}
    fields = [*parsed.find("input"), *parsed.find("select")]
    assert fields
    for field in fields:
        if field.get("type") != "hidden":
            assert field["id"] in labelled, field


def test_filters_and_search_show_in_the_page(full, client):
    films = text_of(client.get("/library?kind=film"))
    assert f'href="/library/{FILM}"' in films
    assert f'href="/library/{ARTICLE}"' not in films
    assert 'id="library-kind-film" name="kind" value="film" checked' in films
    topic = text_of(client.get("/library?topic=demens"))
    assert f'href="/library/{ARTICLE}"' in topic
    assert f'href="/library/{FILM}"' not in topic
    search = text_of(client.get("/library?q=demensen"))
    assert 'value="demensen"' in search
    assert "träff för ”demensen”" in search or "träffar för ”demensen”" in search


def test_an_article_page_shows_text_sources_review_date_and_places_to_talk(full, client):
    page = text_of(client.get(f"/library/{ARTICLE}"))
    assert "<h1>Vad är demens?</h1>" in page
    assert page.count("<h1") == 1
    assert "<h2>" in page
    assert 'lang="sv"' in page
    assert "Senast granskad" in page
    assert '<time datetime="2026-11-20">' in page
    assert 'href="https://www.1177.se/"' in page
    assert 'href="/forum/demens"' in page
    assert 'href="/chat/demens"' in page
    assert "Forumet och chatten är för medlemmar" in page


def test_a_film_page_has_a_captioned_player_and_the_transcript_below(full, client):
    response = client.get(f"/library/{FILM}")
    page = text_of(response)
    parsed = parse(page)
    video = parsed.find("video")[0]
    assert "controls" in video
    assert video["poster"].startswith(f"/library/{FILM}/files/poster.jpg?v=")
    source = parsed.find("source")[0]
    assert source["type"] == "video/mp4"
    assert source["src"].startswith(f"/library/{FILM}/files/video.mp4?v=")
    tracks = parsed.find("track")
    swedish = next(track for track in tracks if track["srclang"] == "sv")
    assert swedish["kind"] == "captions"
    assert "default" in swedish
    assert swedish["label"] == "Svenska"
    english = next(track for track in tracks if track["srclang"] == "en")
    assert "default" not in english
    assert page.index("<video") < page.index('id="transcript"')
    assert "Ring kommunens växel och fråga efter anhörigstöd." in page[page.index('id="transcript"') :]
    assert "Senast granskad" in page
    assert 'href="/forum/stod-och-rattigheter"' in page
    for url in (source["src"], swedish["src"], english["src"], video["poster"]):
        assert client.get(url).status_code == 200


def test_pages_without_a_matching_forum_category_or_room_leave_those_links_out(library, client):
    page = text_of(client.get(f"/library/{ARTICLE}"))
    assert 'href="/forum/demens"' not in page
    assert 'href="/chat/demens"' not in page


def test_the_page_chrome_is_english_on_request_and_the_content_marked_swedish(full, client):
    listing = text_of(client.get("/library?lang=en"))
    assert "<h1>Library</h1>" in listing
    assert "The articles and films are in Swedish" in listing
    film = text_of(client.get(f"/library/{FILM}?lang=en"))
    assert "Transcript" in film
    assert "You can choose English captions in the player." in film
    assert '<article class="library-item" lang="sv">' in film


def test_an_unknown_item_is_a_friendly_404(full, client):
    response = client.get("/library/finns-inte")
    assert response.status_code == 404
    assert "Vi hittade inte den sidan." in text_of(response)


def test_the_home_page_and_navigation_lead_to_the_library(full, client):
    home = text_of(client.get("/"))
    assert 'href="/library"' in home
    assert "Gå till biblioteket" in home


def test_an_imported_article_renders_safely(app, client, tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lankar.md").write_text(
        "---\ntitle: Länkar\nsummary: Kort.\ntopic: egen-halsa\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: https://a.se/}\n---\n\n## Del\n\n[klicka](javascript:alert(1)) "
        "och [1177](https://www.1177.se/) och ![bild](https://example.org/x.png)\n",
        encoding="utf-8",
    )
    result = run_import(app, folder)
    assert result.exit_code == 1 and "images are not supported" in result.output
    (folder / "lankar.md").write_text(
        (folder / "lankar.md")
        .read_text(encoding="utf-8")
        .replace(" och ![bild](https://example.org/x.png)", ""),
        encoding="utf-8",
    )
    assert run_import(app, folder).exit_code == 0
    page = client.get("/library/lankar").get_data(as_text=True)
    assert 'href="javascript:' not in page
    assert '<a href="https://www.1177.se/" rel="noopener noreferrer">1177</a>' in page
    assert "<h2>Del</h2>" in page
