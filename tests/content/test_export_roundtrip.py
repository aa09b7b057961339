"""Export → import keeps what editors made in the browser: drafts without sources or text, WebM films without
a poster, transcripts made from captions (escaped as Markdown), removed transcripts; and the folder import
holds the same rules as the browser (reserved addresses, one video, an optional poster)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from content.models import LibraryItem
from content.rendering import plain_text_of_html
from content.revisions import snapshot
from core.extensions import db
from tests.content.conftest import FILM, SHIPPED_LIBRARY, article_text, run_import
from tests.content.editing_helpers import article_fields, make_editor
from tests.content.uploading import SHIPPED_SV, SHIPPED_VIDEO, vtt, webm_header

DRAFT = "utkast-utan-kallor"
WEBM = "film-i-webm"
SPOKEN = "# 1 i kön, sa hon <3 och - inget mer"


def state(app) -> dict:
    """Every item as the folder format must keep it (a transcript by its words, not its Markdown)."""
    with app.app_context():
        return {
            item.slug: {
                **snapshot(item),
                "kind": item.kind,
                "duration": item.duration_seconds,
                "transcript": plain_text_of_html(item.transcript_html or ""),
                "written": item.transcript_markdown is not None,
                "media": sorted((m.name, m.role, m.language, m.sha256) for m in item.media),
            }
            for item in db.session.scalars(select(LibraryItem))
        }


def transcript_html(app, slug: str) -> str:
    with app.app_context():
        return db.session.scalar(select(LibraryItem.transcript_html).where(LibraryItem.slug == slug)) or ""


def export(app, folder: Path) -> None:
    result = app.test_cli_runner().invoke(args=["content", "export", str(folder)])
    assert result.exit_code == 0, result.output


def test_export_then_import_keeps_drafts_webm_films_and_removed_transcripts(library, tmp_path: Path):
    editor = make_editor(library, role="admin")
    # A draft as the browser allows it: no sources, no text yet.
    draft = editor.post("/library/editor/items", article_fields(slug=DRAFT, body="", sources=[]))
    assert draft.status_code == 201, draft.get_json()
    # A WebM film without a poster, published, its transcript made from captions that start with "#".
    made = editor.post("/library/editor/items", article_fields(slug=WEBM, kind="film", body=""))
    assert made.status_code == 201, made.get_json()
    assert editor.send("PUT", f"/library/{WEBM}/media/video", data=webm_header()).status_code == 200
    captions = vtt(("00:00:01.000", "00:00:03.000", SPOKEN), ("00:00:06.000", "00:00:08.000", "<3 och tack"))
    assert editor.send("PUT", f"/library/{WEBM}/media/captions.sv", data=captions).status_code == 200
    revision = editor.get(f"/library/editor/items/{WEBM}").get_json()["revision"]
    published = editor.post(f"/library/editor/items/{WEBM}/publish", {"base_revision": revision})
    assert published.status_code == 200, published.get_json()
    # The shipped film's written transcript is removed: the one made from its captions takes its place.
    written = transcript_html(library, FILM)
    assert editor.send("DELETE", f"/library/{FILM}/media/transcript").status_code == 200
    assert transcript_html(library, FILM) not in ("", written)
    before = state(library)
    assert before[WEBM]["transcript"].startswith(SPOKEN)
    # Made from captions before the export, and still after the import (so new captions update it).
    assert not before[WEBM]["written"] and not before[FILM]["written"]

    folder = tmp_path / "export"
    # What an earlier export left: another poster, another video. Both must go, or the import refuses.
    (folder / FILM).mkdir(parents=True)
    (folder / FILM / "poster.png").write_bytes(b"\x89PNG\r\n\x1a\nold")
    (folder / WEBM).mkdir()
    (folder / WEBM / "video.mp4").write_bytes(SHIPPED_VIDEO)
    (folder / WEBM / "poster.jpg").write_bytes(b"\xff\xd8\xffold")
    export(library, folder)
    assert sorted(path.name for path in (folder / WEBM).iterdir()) == [
        "captions.sv.vtt",
        "index.md",
        "transcript.md",
        "video.webm",
    ]
    assert not (folder / FILM / "poster.png").exists() and (folder / FILM / "poster.jpg").exists()
    transcript = (folder / WEBM / "transcript.md").read_text(encoding="utf-8")
    assert transcript.startswith("\\# 1 i kön") and "\n\n\\<3 och tack" in transcript
    removed = (SHIPPED_LIBRARY / FILM / "transcript.md").read_text(encoding="utf-8")
    assert (folder / FILM / "transcript.md").read_text(encoding="utf-8").strip() != removed.strip()

    again = run_import(library, folder)
    assert again.exit_code == 0, again.output
    assert state(library) == before

    with library.app_context():
        for item in db.session.scalars(select(LibraryItem)):
            db.session.delete(item)
        db.session.commit()
    result = run_import(library, folder)
    assert result.exit_code == 0, result.output
    assert state(library) == before
    assert (before[DRAFT]["sources"], before[DRAFT]["body"], before[DRAFT]["status"]) == ([], "", "draft")
    assert ("video.webm", "video", None) in [media[:3] for media in before[WEBM]["media"]]


def test_new_swedish_captions_keep_an_imported_written_transcript(library):
    editor = make_editor(library, role="admin")
    written = transcript_html(library, FILM)
    assert written
    replaced = editor.send("PUT", f"/library/{FILM}/media/captions.sv", data=SHIPPED_SV + b"\n")
    assert replaced.status_code == 200, replaced.get_json()
    assert transcript_html(library, FILM) == written


def test_removing_a_transcript_clears_its_markdown(library):
    editor = make_editor(library, role="admin")
    assert editor.send("DELETE", f"/library/{FILM}/media/transcript").status_code == 200
    with library.app_context():
        item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == FILM))
        assert item.transcript_markdown is None
        assert "kommunen erbjuda dig stöd" in plain_text_of_html(item.transcript_html)


def test_a_draft_may_lack_sources_and_text_but_a_published_item_may_not(app, tmp_path: Path):
    folder = tmp_path / "library"
    folder.mkdir()
    sources = 'sources:\n  - title: "1177"\n    url: https://www.1177.se/\n'
    page = article_text("Utkast", "").replace(sources, "")
    (folder / "utkast.md").write_text(page.replace("---\n\n", "status: draft\n---\n\n", 1), encoding="utf-8")
    assert run_import(app, folder).exit_code == 0
    (folder / "publicerad.md").write_text(page, encoding="utf-8")
    result = run_import(app, folder)
    assert result.exit_code == 1
    assert f"{folder / 'publicerad.md'}: the field 'sources' is missing (a published item needs it)" in (
        result.output
    )
    assert "publicerad.md: the article has no text below the front matter" in result.output
    assert "utkast.md" not in result.output


def test_the_import_refuses_the_library_pages_addresses(app, library_dir):
    (library_dir / "new.md").write_text(article_text("Ny", "Text."), encoding="utf-8")
    (library_dir / FILM).rename(library_dir / "files")
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert "new.md: the name 'new' is used by the library's pages" in result.output
    assert "files: the name 'files' is used by the library's pages" in result.output


def test_a_film_folder_takes_webm_and_no_poster_but_one_video_only(app, library_dir):
    film = library_dir / FILM
    (film / "poster.jpg").unlink()
    (film / "video.webm").write_bytes(webm_header(duration_ms=60_000.0))
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert "keep either video.mp4 or video.webm" in result.output
    (film / "video.mp4").unlink()
    result = run_import(app, library_dir)
    assert result.exit_code == 0, result.output
    with app.app_context():
        item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == FILM))
        assert sorted(media.name for media in item.media) == [
            "captions.en.vtt",
            "captions.sv.vtt",
            "video.webm",
        ]
        assert item.duration_seconds == 60.0


def test_a_webm_that_is_not_webm_or_a_film_without_video_is_named(app, library_dir):
    film = library_dir / FILM
    (film / "video.mp4").rename(film / "video.webm")
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert f"{film / 'video.webm'}: is not a WebM video" in result.output
    (film / "video.webm").unlink()
    result = run_import(app, library_dir)
    assert result.exit_code == 1
    assert f"{film / 'video.mp4'}: is missing: a published film needs its video" in result.output


def test_the_media_page_shows_an_imported_transcript_and_removes_it(library):
    editor = make_editor(library, role="admin")
    page = f"/library/edit/{FILM}/media"
    html = editor.client.get(page).get_data(as_text=True)
    assert "En skriven utskrift, importerad från biblioteksmappen." in html
    assert "Gjord av de svenska undertexterna." not in html
    assert f'action="{page}/transcript/remove"' in html
    response = editor.client.post(f"{page}/transcript/remove", data={"csrf_token": editor.csrf()})
    assert response.status_code == 303
    html = editor.client.get(page).get_data(as_text=True)
    assert "Gjord av de svenska undertexterna." in html
    assert f'action="{page}/transcript/remove"' not in html
