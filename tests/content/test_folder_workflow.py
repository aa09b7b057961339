"""The folder workflow beside the browser: `flask seed` only adds what is missing (never clobbering an
editor's work), `flask content import` keeps history as revisions, and export → import round-trips."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from content.models import LibraryItem, LibraryRevision
from content.revisions import snapshot
from core.extensions import db
from tests.content.conftest import ARTICLE, SHIPPED_LIBRARY, run_import
from tests.content.editing_helpers import article_fields, make_editor

NEW = "att-orka-pa-natten"


def state(app) -> dict:
    """Every item's fields, status and media, as an export must keep them."""
    with app.app_context():
        return {
            item.slug: {
                **snapshot(item),
                "kind": item.kind,
                "transcript": item.transcript_markdown,
                "media": sorted((m.name, m.role, m.language, m.sha256) for m in item.media),
            }
            for item in db.session.scalars(select(LibraryItem))
        }


def edit_shipped_article(editor, title: str = "Demens – redigerad i webbläsaren") -> None:
    item = editor.get(f"/library/editor/items/{ARTICLE}").get_json()
    fields = {key: item[key] for key in article_fields() if key in item and key not in ("slug", "kind")}
    saved = editor.send(
        "PUT",
        f"/library/editor/items/{ARTICLE}",
        {**fields, "title": title, "base_revision": item["revision"]},
    )
    assert saved.status_code == 200, saved.get_json()


def test_seed_never_overwrites_or_deletes_what_editors_did(seeded):
    editor = make_editor(seeded)
    edit_shipped_article(editor)
    assert editor.post("/library/editor/items", article_fields()).status_code == 201
    unpublished = editor.get("/library/editor/items/ung-anhorig").get_json()
    editor.post("/library/editor/items/ung-anhorig/unpublish", {"base_revision": unpublished["revision"]})
    before = state(seeded)

    result = seeded.test_cli_runner().invoke(args=["seed"])  # what `make run` does on every start
    assert result.exit_code == 0, result.output
    assert "library:" not in result.output
    assert state(seeded) == before
    assert before[ARTICLE]["title"] == "Demens – redigerad i webbläsaren"
    assert before["ung-anhorig"]["status"] == "unpublished"


def test_seed_adds_a_shipped_item_the_library_lacks(seeded, library_dir, tmp_path):
    seeded.config["LIBRARY_DIRECTORY"] = str(library_dir)
    (library_dir / "en-ny-text.md").write_text(
        (SHIPPED_LIBRARY / f"{ARTICLE}.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = seeded.test_cli_runner().invoke(args=["seed"])
    assert "library: added en-ny-text" in result.output
    assert "changed" not in result.output


def test_an_import_records_revisions_and_keeps_browser_made_items(library, library_dir):
    editor = make_editor(library)
    edit_shipped_article(editor)
    assert editor.post("/library/editor/items", article_fields()).status_code == 201
    result = run_import(library, library_dir)
    assert result.exit_code == 0, result.output
    assert f"library: changed {ARTICLE}" in result.output
    assert f"library: kept {NEW}" in result.output
    revisions = editor.get(f"/library/editor/items/{ARTICLE}/revisions").get_json()["revisions"]
    assert [r["source"] for r in revisions] == ["import", "api", "import"]
    assert revisions[0]["changed_fields"] == ["title"]
    # The browser's version is one restore away.
    restored = editor.post(
        f"/library/editor/items/{ARTICLE}/restore", {"revision": 2, "base_revision": revisions[0]["number"]}
    )
    assert restored.get_json()["title"] == "Demens – redigerad i webbläsaren"
    assert editor.get(f"/library/editor/items/{NEW}").status_code == 200


def test_export_then_import_gives_back_the_same_library(library, tmp_path: Path):
    editor = make_editor(library)
    edit_shipped_article(editor)
    assert editor.post("/library/editor/items", article_fields()).status_code == 201  # a draft
    film = editor.post("/library/editor/items", article_fields(slug="film-utan-video", kind="film", body=""))
    assert film.status_code == 201
    before = state(library)
    assert before[NEW]["sources"][0]["read"] == "2026-11-01"
    assert before[NEW]["review_by"] == "2027-11-01"

    folder = tmp_path / "export"
    exported = library.test_cli_runner().invoke(args=["content", "export", str(folder)])
    assert exported.exit_code == 0, exported.output
    assert (folder / f"{NEW}.md").is_file() and (
        folder / "vad-gor-en-anhorigkonsulent" / "video.mp4"
    ).is_file()
    assert "status: draft" in (folder / f"{NEW}.md").read_text(encoding="utf-8")

    # Into the same library: nothing changes and no revision is added.
    again = run_import(library, folder)
    assert again.exit_code == 0, again.output
    assert " 0 removed" in again.output
    assert state(library) == before

    # Into an empty library: the same items in the same state.
    with library.app_context():
        for item in db.session.scalars(select(LibraryItem)):
            db.session.delete(item)
        db.session.commit()
    result = run_import(library, folder)
    assert result.exit_code == 0, result.output
    assert state(library) == before


def test_items_imported_before_revisions_existed_get_their_markdown_from_seed(seeded):
    """After the migration, shipped items have HTML but no Markdown; the next seed fills it in, once."""
    with seeded.app_context():
        item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == ARTICLE))
        item.body_markdown, item.revision = "", 0
        db.session.execute(LibraryRevision.__table__.delete().where(LibraryRevision.item_id == item.id))
        db.session.commit()
    first = seeded.test_cli_runner().invoke(args=["seed"])
    assert f"library: prepared {ARTICLE} for editing in the browser" in first.output
    second = seeded.test_cli_runner().invoke(args=["seed"])
    assert "library:" not in second.output
    editor = make_editor(seeded)
    item = editor.get(f"/library/editor/items/{ARTICLE}").get_json()
    assert item["body"].startswith("Kanske började det med små saker.") and item["revision"] == 1
