"""Defects found in review, each proved fixed: cheap excerpts, lazy media reads, no member cookie on public
answers, tags and Unicode forms searched alike on both databases, and malformed items named, not crashing."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from content import services
from content.models import LibraryItem
from core import textsearch
from core.extensions import db
from forum.reading import excerpt_around
from tests.content.conftest import FILM, SHIPPED_LIBRARY, article_text, run_import
from tests.support.queries import statements

VIDEO_URL = f"/library/{FILM}/files/video.mp4"
VIDEO = (SHIPPED_LIBRARY / FILM / "video.mp4").read_bytes()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


def found(client, **params) -> list[str]:
    return [item["slug"] for item in client.get("/api/v1/library", query_string=params).get_json()["items"]]


def test_an_excerpt_stems_only_words_that_could_match(monkeypatch):
    calls = []
    real_stem = textsearch.stem
    monkeypatch.setattr(textsearch, "stem", lambda word: calls.append(word) or real_stem(word))
    terms = " ".join(f"ord{index}" for index in range(12))
    excerpt_around("x " * 10_000, terms)
    assert len(calls) <= 12  # the query's own words, none of the text's ten thousand


def test_revalidation_and_small_ranges_never_read_the_whole_video(library, client, app):
    etag = client.get(VIDEO_URL).headers["ETag"]
    with statements(app) as revalidation:
        assert client.get(VIDEO_URL, headers={"If-None-Match": etag}).status_code == 304
    with statements(app) as one_byte:
        response = client.get(VIDEO_URL, headers={"Range": "bytes=0-0"})
        assert response.status_code == 206 and response.data == VIDEO[:1]
    assert not any("substr" in statement for statement in revalidation)
    assert not any(
        "library_media.data" in statement and "substr" not in statement for statement in revalidation
    )
    assert sum("substr" in statement for statement in one_byte) == 1
    assert not any("library_media.data" in statement and "substr" not in statement for statement in one_byte)


def test_a_whole_video_streams_in_slices_with_the_exact_bytes(library, client):
    response = client.get(VIDEO_URL)
    assert response.data == VIDEO


@pytest.fixture
def signed_in(library, new_api):
    member = new_api()
    member.signup("filmtittare")
    return member


def test_public_media_carries_no_member_cookie(signed_in):
    response = signed_in.client.get(VIDEO_URL, headers={"Range": "bytes=0-99"})
    assert response.status_code == 206
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    assert "public" in response.headers["Cache-Control"]


def test_a_416_page_for_a_member_is_never_cacheable(signed_in):
    response = signed_in.client.get(VIDEO_URL, headers={"Range": f"bytes={len(VIDEO) + 1}-"})
    assert response.status_code == 416
    assert response.headers["Cache-Control"] == "no-store"
    assert "public" not in response.headers["Cache-Control"]


def test_several_ranges_at_once_get_the_whole_file(library, client):
    response = client.get(VIDEO_URL, headers={"Range": "bytes=0-0,5-5"})
    assert response.status_code == 200
    assert response.data == VIDEO


def test_tags_are_searched_on_both_databases(app, client, tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "taggad.md").write_text(
        article_text(title="Om vila", tags="zebraliv, kvällar", body="Text utan taggordet."),
        encoding="utf-8",
    )
    assert run_import(app, folder).exit_code == 0
    assert found(client, q="zebraliv") == ["taggad"]


def test_decomposed_letters_are_the_same_word_on_both_databases(app, client, tmp_path):
    folder = tmp_path / "library"
    folder.mkdir()
    decomposed = unicodedata.normalize("NFD", "Anhörigstöd i kommunen.")
    (folder / "nfd.md").write_text(article_text(title="Stöd", tags="x", body=decomposed), encoding="utf-8")
    assert run_import(app, folder).exit_code == 0
    assert found(client, q="anhörigstöd") == ["nfd"]
    assert found(client, q=unicodedata.normalize("NFD", "anhörigstöd")) == ["nfd"]


def test_filters_apply_before_the_result_limit(library, client, monkeypatch):
    monkeypatch.setattr(services, "MAX_RESULTS", 1)
    everything = found(client, q="stöd")
    assert everything and everything[0] != FILM
    assert found(client, q="stöd", kind="film") != []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("reviewed: 2026-01-01T10:00:00", "without a time"),
        ("reviewed: 2026-02-30", "the front matter is not valid"),
        ("topic: [demens]", "unknown topic"),
        ("forum: " + "a" * 70, "'forum' must be the slug"),
        ('title: "a\\0b"', "NUL character"),
    ],
    ids=["datetime", "impossible date", "topic list", "long forum slug", "nul"],
)
def test_odd_front_matter_values_are_named_not_crashed(app, tmp_path, front, expected):
    folder = tmp_path / "library"
    folder.mkdir()
    base = article_text(title="Rubrik", tags="x", body="Text.")
    key = front.split(":")[0]
    lines = [line for line in base.splitlines() if not line.startswith(f"{key}:")]
    lines.insert(1, front)
    (folder / "udda.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_import(app, folder)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert expected in result.output


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Intro.\n\n#### Rubrik\n\nText.", "a heading skips a level (#### after #)"),
        ("## A\n\n##### Djup\n\nText.", "at most four levels"),
    ],
)
def test_heading_levels_are_checked(app, tmp_path, body, expected):
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "rubriker.md").write_text(article_text(title="R", tags="x", body=body), encoding="utf-8")
    result = run_import(app, folder)
    assert result.exit_code == 1
    assert expected in result.output


def test_a_transcript_with_headings_is_refused(app, library_dir):
    (library_dir / FILM / "transcript.md").write_text("## Del ett\n\nDet som sägs.\n", encoding="utf-8")
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert "a transcript holds what is said" in result.output


def test_a_failure_while_writing_leaves_the_library_as_it_was(app, library_dir, monkeypatch):
    assert run_import(app, library_dir).exit_code == 0
    with app.app_context():
        before = {item.slug: item.fingerprint for item in db.session.scalars(select(LibraryItem))}
    for path in library_dir.glob("*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nNy mening.\n", encoding="utf-8")
    stored = []
    real_store = services.store_item

    def failing_store(item, source):
        if len(stored) == 3:
            raise RuntimeError("the disk is full")
        stored.append(source.slug)
        return real_store(item, source)

    monkeypatch.setattr(services, "store_item", failing_store)
    result = run_import(app, library_dir)
    assert result.exit_code != 0
    with app.app_context():
        db.session.remove()
        after = {item.slug: item.fingerprint for item in db.session.scalars(select(LibraryItem))}
    assert after == before


def test_flask_seed_reports_a_broken_library_folder_clearly(app, tmp_path):
    broken = tmp_path / "trasig"
    broken.mkdir()
    (broken / "artikel.md").write_text("ingen front matter", encoding="utf-8")
    app.config["LIBRARY_DIRECTORY"] = str(broken)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 1
    assert "The library was not imported" in result.output
    assert "artikel.md: has no front matter" in result.output
    assert "Traceback" not in result.output


def test_the_transcript_heading_is_marked_in_the_page_language(library, client):
    page = client.get(f"/library/{FILM}?lang=en").get_data(as_text=True)
    assert '<h2 id="transcript" tabindex="-1" lang="en">Transcript</h2>' in page
