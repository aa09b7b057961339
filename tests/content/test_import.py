"""`flask content import DIR`: idempotent, one transaction, and clear about every malformed item."""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter
import pytest
from sqlalchemy import func, select

from content.models import LibraryItem, LibraryMedia
from core.extensions import db
from tests.content.conftest import ARTICLE, FILM, SHIPPED_LIBRARY, run_import


def slugs(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(LibraryItem.slug)))


def shipped_slugs() -> set[str]:
    return {path.stem if path.suffix == ".md" else path.name for path in SHIPPED_LIBRARY.iterdir()}


def test_importing_the_shipped_library_adds_every_item(app, library_dir):
    result = run_import(app, library_dir)
    assert result.exit_code == 0, result.output
    assert slugs(app) == shipped_slugs()
    for slug in shipped_slugs():
        assert f"library: added {slug}" in result.output
    assert f"{len(shipped_slugs())} added, 0 changed, 0 removed, 0 unchanged." in result.output
    with app.app_context():
        film = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == FILM))
        assert film.kind == "film"
        assert {media.name for media in film.media} == {
            "video.mp4",
            "poster.jpg",
            "captions.sv.vtt",
            "captions.en.vtt",
        }
        assert 10 <= film.duration_seconds <= 60
        assert "anhörigkonsulent" in film.transcript_html


def test_the_shipped_library_meets_the_content_brief():
    articles = [path for path in SHIPPED_LIBRARY.glob("*.md")]
    films = [path for path in SHIPPED_LIBRARY.iterdir() if path.is_dir()]
    assert len(articles) >= 8
    assert len(films) >= 2
    topics = {frontmatter.load(path)["topic"] for path in articles}
    assert len(topics) >= 4


def test_importing_again_changes_nothing(app, library_dir):
    run_import(app, library_dir)
    with app.app_context():
        before = {
            (item.slug, item.updated_at, item.fingerprint) for item in db.session.scalars(select(LibraryItem))
        }
    result = run_import(app, library_dir)
    assert result.exit_code == 0, result.output
    assert "library:" not in result.output
    assert f"0 added, 0 changed, 0 removed, {len(shipped_slugs())} unchanged." in result.output
    with app.app_context():
        after = {
            (item.slug, item.updated_at, item.fingerprint) for item in db.session.scalars(select(LibraryItem))
        }
    assert after == before


def test_a_changed_article_is_updated_and_searchable_by_its_new_words(app, library_dir, client):
    run_import(app, library_dir)
    path = library_dir / f"{ARTICLE}.md"
    path.write_text(
        path.read_text(encoding="utf-8") + "\nOrdet kaffekalas finns bara här.\n", encoding="utf-8"
    )
    result = run_import(app, library_dir)
    assert result.exit_code == 0, result.output
    assert f"library: changed {ARTICLE}" in result.output
    assert "1 changed" in result.output
    found = client.get("/api/v1/library?q=kaffekalaset").get_json()["items"]
    assert [item["slug"] for item in found] == [ARTICLE]


def test_changing_a_films_transcript_keeps_its_unchanged_media_files(app, library_dir, client):
    run_import(app, library_dir)
    with app.app_context():
        before = {
            media.name: (media.sha256, media.updated_at)
            for media in db.session.scalars(
                select(LibraryMedia).join(LibraryItem).where(LibraryItem.slug == FILM)
            )
        }
    transcript = library_dir / FILM / "transcript.md"
    transcript.write_text(
        transcript.read_text(encoding="utf-8") + "\nTack för att du tittade.\n", encoding="utf-8"
    )
    captions = library_dir / FILM / "captions.en.vtt"
    captions.write_text(captions.read_text(encoding="utf-8").replace("support", "help"), encoding="utf-8")
    result = run_import(app, library_dir)
    assert f"library: changed {FILM}" in result.output
    with app.app_context():
        after = {
            media.name: (media.sha256, media.updated_at)
            for media in db.session.scalars(
                select(LibraryMedia).join(LibraryItem).where(LibraryItem.slug == FILM)
            )
        }
    assert after["video.mp4"] == before["video.mp4"]
    assert after["poster.jpg"] == before["poster.jpg"]
    assert after["captions.sv.vtt"] == before["captions.sv.vtt"]
    assert after["captions.en.vtt"][0] != before["captions.en.vtt"][0]
    assert (
        "Tack för att du tittade."
        in client.get(f"/api/v1/library/{FILM}").get_json()["video"]["transcript_html"]
    )


def test_an_item_gone_from_the_folder_is_removed_with_its_media(app, library_dir, client):
    run_import(app, library_dir)
    (library_dir / f"{ARTICLE}.md").unlink()
    shutil.rmtree(library_dir / FILM)
    result = run_import(app, library_dir)
    assert result.exit_code == 0, result.output
    assert f"library: removed {ARTICLE}" in result.output
    assert f"library: removed {FILM}" in result.output
    assert ARTICLE not in slugs(app) and FILM not in slugs(app)
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).select_from(LibraryMedia)) == 4
        )  # the other film's files
    assert client.get(f"/library/{ARTICLE}").status_code == 404
    assert client.get(f"/library/{FILM}/files/video.mp4").status_code == 404
    assert client.get("/api/v1/library?q=anhörigkonsulent").get_json()["items"] != []
    assert all(item["slug"] != ARTICLE for item in client.get("/api/v1/library?q=demens").get_json()["items"])


def test_a_dry_run_reports_but_writes_nothing(app, library_dir):
    result = run_import(app, library_dir, "--dry-run")
    assert result.exit_code == 0, result.output
    assert f"library: added {ARTICLE}" in result.output
    assert "dry run" in result.output
    assert slugs(app) == set()


def test_a_folder_without_items_is_refused_instead_of_emptying_the_library(app, library_dir, tmp_path):
    run_import(app, library_dir)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_import(app, empty)
    assert result.exit_code == 1
    assert "holds no articles or films" in result.output
    assert slugs(app) == shipped_slugs()


MALFORMED_ARTICLES = [
    ("no front matter", "Bara text.\n", "has no front matter"),
    ("broken yaml", "---\ntitle: [oavslutad\n---\nText\n", "not valid YAML"),
    (
        "missing title",
        "---\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\nsources:\n  - {title: A, url: https://a.se/}\n---\nT\n",
        "the field 'title' is missing",
    ),
    (
        "unknown topic",
        "---\ntitle: T\nsummary: S\ntopic: trädgård\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: https://a.se/}\n---\nT\n",
        "unknown topic 'trädgård'",
    ),
    (
        "misspelt field",
        "---\ntitle: T\nsumary: S\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: https://a.se/}\n---\nT\n",
        "unknown field 'sumary'",
    ),
    (
        "bad date",
        "---\ntitle: T\nsummary: S\ntopic: demens\nreviewed: igår\nsources:\n  - {title: A, url: https://a.se/}\n---\nT\n",
        "'reviewed' must be a date",
    ),
    (
        "source without address",
        "---\ntitle: T\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: a.se}\n---\nT\n",
        "source 1 needs a web address",
    ),
    (
        "top-level heading",
        "---\ntitle: T\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: https://a.se/}\n---\n# Rubrik\n\nText\n",
        "use '##' for headings",
    ),
    (
        "raw html",
        "---\ntitle: T\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\n"
        "sources:\n  - {title: A, url: https://a.se/}\n---\n<script>alert(1)</script>\n",
        "HTML is not shown",
    ),
    (
        "no body",
        "---\ntitle: T\nsummary: S\ntopic: demens\nreviewed: 2026-01-01\nsources:\n  - {title: A, url: https://a.se/}\n---\n",
        "has no text below the front matter",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [case[1:] for case in MALFORMED_ARTICLES],
    ids=[case[0] for case in MALFORMED_ARTICLES],
)
def test_a_malformed_article_is_named_and_nothing_is_imported(app, library_dir, text, expected):
    (library_dir / "trasig-artikel.md").write_text(text, encoding="utf-8")
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output
    assert f"{library_dir / 'trasig-artikel.md'}: " in result.output
    assert expected in result.output
    assert slugs(app) == set()


def test_a_malformed_item_leaves_an_imported_library_as_it_was(app, library_dir):
    run_import(app, library_dir)
    path = library_dir / f"{ARTICLE}.md"
    path.write_text("---\ntitle: [\n---\n", encoding="utf-8")
    (library_dir / "ny-artikel.md").write_text(
        (SHIPPED_LIBRARY / "ung-anhorig.md").read_text(encoding="utf-8")
    )
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert slugs(app) == shipped_slugs()


def test_a_film_without_swedish_captions_is_an_error(app, library_dir):
    (library_dir / FILM / "captions.sv.vtt").unlink()
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert (
        f"{library_dir / FILM / 'captions.sv.vtt'}: is missing: every film needs Swedish captions"
        in result.output
    )
    assert slugs(app) == set()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda film: (film / "captions.sv.vtt").write_text("Hej\n", encoding="utf-8"),
            "is not valid WebVTT",
        ),
        (
            lambda film: (film / "captions.sv.vtt").write_text(
                "WEBVTT\n\n00:00:01.000 --> 00:05:00.000\nFör lång\n", encoding="utf-8"
            ),
            "after the video's end",
        ),
        (
            lambda film: (film / "captions.sv.vtt").write_text(
                "WEBVTT\n\n00:00:03.000 --> 00:00:01.000\nBaklänges\n", encoding="utf-8"
            ),
            "caption 1 ends before it starts",
        ),
        (lambda film: (film / "video.mp4").write_bytes(b"not a video at all"), "is not a readable MP4 video"),
        (lambda film: (film / "poster.jpg").write_bytes(b"GIF89a...."), "is not a JPEG image"),
        (lambda film: (film / "transcript.md").unlink(), "transcript.md: is missing"),
        (lambda film: (film / "captions.fi.vtt").write_text("WEBVTT\n", encoding="utf-8"), "unexpected file"),
    ],
    ids=[
        "not webvtt",
        "captions past the end",
        "cue backwards",
        "not mp4",
        "poster not jpeg",
        "no transcript",
        "unknown file",
    ],
)
def test_a_malformed_film_is_named_with_its_problem(app, library_dir, change, expected):
    change(library_dir / FILM)
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert str(library_dir / FILM) in result.output
    assert expected in result.output
    assert slugs(app) == set()


def test_every_problem_is_reported_at_once(app, library_dir):
    (library_dir / "Fel Namn.md").write_text("ingen front matter", encoding="utf-8")
    (library_dir / FILM / "captions.sv.vtt").unlink()
    (library_dir / "anteckning.txt").write_text("x", encoding="utf-8")
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert "'Fel Namn' cannot be an address" in result.output
    assert "every film needs Swedish captions" in result.output
    assert "anteckning.txt: unexpected file" in result.output


def test_flask_seed_imports_the_shipped_library_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["seed"])
    assert first.exit_code == 0, first.output
    assert f"library: added {ARTICLE}" in first.output
    second = runner.invoke(args=["seed"])
    assert "library:" not in second.output
    assert "Seeding done (0 changes)." in second.output
    assert slugs(app) == shipped_slugs()


def test_a_missing_folder_is_a_clear_error(app, tmp_path: Path):
    result = run_import(app, tmp_path / "finns-inte")
    assert result.exit_code == 2
    assert "does not exist" in result.output
