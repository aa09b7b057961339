"""The library's JSON API, exactly as the contract describes it."""

from __future__ import annotations

from tests.content.conftest import ARTICLE, FILM


def test_the_list_has_the_contract_fields(library, client):
    response = client.get("/api/v1/library")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert len(items) >= 10
    for item in items:
        assert {"slug", "kind", "title", "summary", "topic"} <= set(item)
        assert item["kind"] in ("article", "film")
    demens = next(item for item in items if item["slug"] == ARTICLE)
    assert demens["title"] == "Vad är demens?"
    assert demens["topic"] == "demens"


def test_an_article_has_its_body_and_no_video(library, client):
    body = client.get(f"/api/v1/library/{ARTICLE}").get_json()
    assert body["slug"] == ARTICLE
    assert body["kind"] == "article"
    assert body["body_html"].startswith("<p>")
    assert "<h2>" in body["body_html"]
    assert body["reviewed_on"] == "2026-11-20"
    assert body["sources"] and all(source["url"].startswith("https://") for source in body["sources"])
    assert "video" not in body


def test_a_film_has_video_captions_and_transcript(library, client):
    body = client.get(f"/api/v1/library/{FILM}").get_json()
    assert body["kind"] == "film"
    video = body["video"]
    assert video["mime"] == "video/mp4"
    assert video["src"].startswith(f"/library/{FILM}/files/video.mp4")
    assert [caption["lang"] for caption in video["captions"]] == ["sv", "en"]
    assert "anhörigkonsulent" in video["transcript_html"]
    assert 10 <= video["duration_seconds"] <= 60
    for url in [video["src"], video["poster"], *(caption["src"] for caption in video["captions"])]:
        assert client.get(url).status_code == 200


def test_an_unknown_item_is_a_json_404(library, client):
    response = client.get("/api/v1/library/finns-inte")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_the_library_answers_a_visitor_without_any_cookie(library, app):
    visitor = app.test_client(use_cookies=False)
    assert visitor.get("/api/v1/library?q=stöd").status_code == 200
    assert visitor.get(f"/api/v1/library/{ARTICLE}").status_code == 200


def test_searches_are_rate_limited_per_address_but_reading_is_not(app, library, client):
    app.config["RATELIMIT_LIBRARY_SEARCHES_PER_ADDRESS"] = "3 per minute"
    for _ in range(3):
        assert client.get("/api/v1/library?q=stöd").status_code == 200
    limited = client.get("/api/v1/library?q=stöd")
    assert limited.status_code == 429
    assert limited.headers["Retry-After"]
    assert client.get("/api/v1/library").status_code == 200
    assert client.get(f"/api/v1/library/{ARTICLE}").status_code == 200
