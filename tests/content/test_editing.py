"""The library editor over HTTP: who may edit, drafts hidden from readers, publish, preview, field errors,
optimistic locking (409 edit_conflict without losing text), revisions, diffs and restore."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from tests.content.editing_helpers import article_fields, form_fields, make_editor

SLUG = "att-orka-pa-natten"


def page_csrf(client, path: str) -> str:
    """The CSRF token of a page's form."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_only_editors_and_admins_may_edit(app, api):
    assert api.client.get("/library/edit").status_code == 302  # strangers go to the login page
    assert api.get("/library/editor/items").status_code == 401
    api.signup("vanlig")
    assert api.client.get("/library/edit").status_code == 403
    assert api.get("/library/editor/items").status_code == 403
    assert api.post("/library/editor/items", article_fields()).status_code == 403
    moderator = make_editor(app, "moderator1", role="moderator")
    assert moderator.client.get("/library/edit").status_code == 403
    admin = make_editor(app, "admin1", role="admin")
    assert admin.client.get("/library/edit").status_code == 200
    editor = make_editor(app)
    assert editor.client.get("/library/edit").status_code == 200
    assert editor.get("/library/editor/items").status_code == 200


def test_a_draft_is_hidden_until_published_then_readers_find_it(library):
    editor = make_editor(library)
    created = editor.post("/library/editor/items", article_fields())
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["status"] == "draft" and created.get_json()["revision"] == 1
    reader = library.test_client()
    assert reader.get(f"/library/{SLUG}").status_code == 404
    assert reader.get(f"/api/v1/library/{SLUG}").status_code == 404
    assert SLUG not in [i["slug"] for i in reader.get("/api/v1/library?q=sömnen").get_json()["items"]]
    assert SLUG not in reader.get("/library").get_data(as_text=True)
    assert SLUG in [i["slug"] for i in editor.get("/library/editor/items?status=draft").get_json()["items"]]

    published = editor.post(f"/library/editor/items/{SLUG}/publish", {"base_revision": 1})
    assert published.status_code == 200, published.get_json()
    assert published.get_json()["status"] == "published"
    page = reader.get(f"/library/{SLUG}").get_data(as_text=True)
    assert "<h2>Vad kan hjälpa?</h2>" in page and "https://www.1177.se/somn" in page
    assert SLUG in [i["slug"] for i in reader.get("/api/v1/library?q=sömnen").get_json()["items"]]

    hidden = editor.post(f"/library/editor/items/{SLUG}/unpublish", {"base_revision": 2})
    assert hidden.status_code == 200
    assert reader.get(f"/library/{SLUG}").status_code == 404


def test_the_form_creates_previews_without_javascript_and_publishes(library):
    editor = make_editor(library)
    client = editor.client
    csrf = page_csrf(client, "/library/edit/new")
    preview = client.post("/library/edit/new", data=form_fields(csrf, action="preview", body="**Fet** text"))
    assert preview.status_code == 200
    assert "<strong>Fet</strong>" in preview.get_data(as_text=True)
    response = client.post("/library/edit/new", data=form_fields(csrf))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/library/edit/{SLUG}?saved=1")
    response = client.post(
        f"/library/edit/{SLUG}", data=form_fields(csrf, action="publish", base_revision="1")
    )
    assert response.status_code == 303
    assert library.test_client().get(f"/library/{SLUG}").status_code == 200


def test_the_live_preview_uses_the_public_pipeline_and_names_refused_markdown(library):
    editor = make_editor(library)
    csrf = page_csrf(editor.client, "/library/edit/new")
    answer = editor.client.post(
        "/library/edit/preview",
        json={"body": "[länk](javascript:alert(1)) och *kursiv*\n\n<script>alert(1)</script>"},
        headers={"X-CSRF-Token": csrf},
    ).get_json()
    assert "<em>kursiv</em>" in answer["html"]
    assert "<script" not in answer["html"] and 'href="javascript' not in answer["html"]
    assert "&lt;script&gt;" in answer["html"]  # shown as text, never run
    assert any("HTML" in problem for problem in answer["problems"])
    assert editor.post("/library/editor/preview", {"body": "# Rubrik"}).get_json()["problems"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": "Text <b>fet</b>"}, "body"),
        ({"body": "![bild](https://example.org/a.png)"}, "body"),
        ({"slug": "Fel Namn"}, "slug"),
        ({"slug": "edit"}, "slug"),
        ({"slug": "vad-ar-demens"}, "slug"),
        ({"sources": [{"title": "Källa", "url": "www.1177.se", "read": "2026-11-01"}]}, "sources[0].url"),
        (
            {"sources": [{"title": "Källa", "url": "https://1177.se/", "read": "2099-01-01"}]},
            "sources[0].read",
        ),
        ({"reviewed_on": "2026-02-30"}, "reviewed_on"),
        ({"reviewed_on": "2099-01-01"}, "reviewed_on"),
        ({"review_by": "2026-10-01"}, "review_by"),
        ({"review_by": "2040-01-01"}, "review_by"),
        ({"review_by": "nästa år"}, "review_by"),
        ({"topic": "tradgard"}, "topic"),
        ({"title": ""}, "title"),
        ({"forum_category": "finns-inte"}, "forum_category"),
    ],
)
def test_bad_fields_are_refused_by_name_and_nothing_is_stored(library, changes, field):
    editor = make_editor(library)
    response = editor.post("/library/editor/items", article_fields(**changes))
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["fields"]
    assert error["fields"][field]
    slug = changes.get("slug", SLUG)
    if slug != "vad-ar-demens":
        assert editor.get(f"/library/editor/items/{slug}").status_code == 404


def test_a_refused_form_keeps_the_text_and_shows_the_message_by_the_field(library):
    editor = make_editor(library)
    csrf = page_csrf(editor.client, "/library/edit/new")
    body = "Min långa text som inte får försvinna.\n\n<div>html</div>"
    response = editor.client.post(
        "/library/edit/new", data=form_fields(csrf, body=body, source_url="inte-en-adress")
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Min långa text som inte får försvinna." in page
    assert 'id="body-error"' in page and 'id="sources-0-url-error"' in page
    assert 'aria-invalid="true"' in page


def test_a_stale_save_is_409_with_a_diff_and_the_editors_text_is_kept(library):
    first = make_editor(library, "forsta")
    second = make_editor(library, "andra")
    assert first.post("/library/editor/items", article_fields()).status_code == 201
    saved = first.send(
        "PUT", f"/library/editor/items/{SLUG}", {**article_fields(title="Ny titel"), "base_revision": 1}
    )
    assert saved.status_code == 200 and saved.get_json()["revision"] == 2
    stale = second.send(
        "PUT", f"/library/editor/items/{SLUG}", {**article_fields(body="Min version"), "base_revision": 1}
    )
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "edit_conflict" and error["current_revision"] == 2 and error["base_revision"] == 1
    assert any(change["field"] == "title" and "+Ny titel" in change["diff"] for change in error["diff"])
    assert second.get(f"/library/editor/items/{SLUG}").get_json()["body"] != "Min version"

    # In the browser: the page answers 409, shows what changed and keeps the editor's text in the form.
    csrf = page_csrf(second.client, f"/library/edit/{SLUG}")
    page = second.client.post(
        f"/library/edit/{SLUG}", data=form_fields(csrf, body="Min <version> i formuläret", base_revision="1")
    )
    assert page.status_code == 409
    html = page.get_data(as_text=True)
    assert "Min &lt;version&gt; i formuläret</textarea>" in html
    assert "+Ny titel" in html
    assert 'name="base_revision" value="2"' in html
    # Saving again from the page (now based on revision 2) goes through.
    merged = second.client.post(
        f"/library/edit/{SLUG}",
        data=form_fields(csrf, body="Sammanfogad text", title="Ny titel", base_revision="2"),
    )
    assert merged.status_code == 303
    assert second.get(f"/library/editor/items/{SLUG}").get_json()["revision"] == 3


def test_revisions_record_who_and_what_and_an_old_one_can_be_restored(library):
    editor = make_editor(library)
    editor.post("/library/editor/items", article_fields(body="Första versionen."))
    editor.send(
        "PUT", f"/library/editor/items/{SLUG}", {**article_fields(body="Andra: 1 < 2."), "base_revision": 1}
    )
    listed = editor.get(f"/library/editor/items/{SLUG}/revisions").get_json()["revisions"]
    assert [r["number"] for r in listed] == [2, 1]
    assert listed[0]["changed_fields"] == ["body"] and listed[0]["source"] == "api"
    assert listed[0]["author"] and listed[0]["author"] != "redaktor"  # a pseudonym, never the login name
    diff = editor.get(f"/library/editor/items/{SLUG}/diff?from=1&to=2").get_json()
    assert diff["changes"] == [{"field": "body", "diff": "@@ -1 +1 @@\n-Första versionen.\n+Andra: 1 < 2."}]
    page = editor.client.get(f"/library/edit/{SLUG}/diff?from=1&to=2").get_data(as_text=True)
    assert "+Andra: 1 &lt; 2." in page and "1 < 2" not in page
    assert editor.client.get(f"/library/edit/{SLUG}/revisions").status_code == 200

    stale = editor.post(f"/library/editor/items/{SLUG}/restore", {"revision": 1, "base_revision": 1})
    assert stale.status_code == 409
    restored = editor.post(f"/library/editor/items/{SLUG}/restore", {"revision": 1, "base_revision": 2})
    assert restored.status_code == 200
    assert restored.get_json()["body"] == "Första versionen." and restored.get_json()["revision"] == 3
    assert (
        editor.get(f"/library/editor/items/{SLUG}/revisions").get_json()["revisions"][0]["source"]
        == "restore"
    )
    assert editor.get(f"/library/editor/items/{SLUG}/diff?from=9").status_code == 404


def test_restoring_from_the_revisions_page(library):
    editor = make_editor(library)
    editor.post("/library/editor/items", article_fields(body="Ett."))
    editor.send("PUT", f"/library/editor/items/{SLUG}", {**article_fields(body="Två."), "base_revision": 1})
    csrf = page_csrf(editor.client, f"/library/edit/{SLUG}/revisions")
    response = editor.client.post(
        f"/library/edit/{SLUG}/revisions/1/restore", data={"csrf_token": csrf, "base_revision": "2"}
    )
    assert response.status_code == 303
    assert editor.get(f"/library/editor/items/{SLUG}").get_json()["body"] == "Ett."


def test_a_film_is_not_published_without_video_and_swedish_captions(library):
    editor = make_editor(library)
    created = editor.post("/library/editor/items", article_fields(slug="ny-film", kind="film", body=""))
    assert created.status_code == 201, created.get_json()
    page = editor.client.get("/library/edit/ny-film").get_data(as_text=True)
    assert 'href="/library/edit/ny-film/media"' in page
    refused = editor.post("/library/editor/items/ny-film/publish", {"base_revision": 1})
    assert refused.status_code == 400
    assert set(refused.get_json()["error"]["fields"]) == {"video", "captions"}
    # The shipped film has both, so it may be saved while published.
    film = editor.get("/library/editor/items/vad-gor-en-anhorigkonsulent").get_json()
    assert film["status"] == "published"
    again = editor.post(
        "/library/editor/items/vad-gor-en-anhorigkonsulent/publish", {"base_revision": film["revision"]}
    )
    assert again.status_code == 200


def test_readers_are_told_when_an_item_is_past_its_review_date(library):
    editor = make_editor(library)
    item = editor.get("/library/editor/items/vad-ar-demens").get_json()
    fields = {key: item[key] for key in article_fields() if key in item}
    saved = editor.send(
        "PUT",
        "/library/editor/items/vad-ar-demens",
        {**fields, "reviewed_on": "2025-03-10", "review_by": "2026-03-10", "base_revision": item["revision"]},
    )
    assert saved.status_code == 200, saved.get_json()
    reader = library.test_client()
    assert "granskad 2025-03 – kan vara inaktuell" in reader.get("/library/vad-ar-demens").get_data(
        as_text=True
    )
    english = reader.get("/library/vad-ar-demens?lang=en").get_data(as_text=True)
    assert "Reviewed 2025-03 – may be out of date" in english
    due = editor.get("/library/editor/items?status=due").get_json()["items"]
    assert [i["slug"] for i in due] == ["vad-ar-demens"]
    listing = editor.client.get("/library/edit").get_data(as_text=True)
    due_section = listing.split('id="due-heading"')[1].split('id="items-heading"')[0]
    assert "Vad är demens?" in due_section and "2026-03-10" in due_section


def test_the_editor_list_filters_by_status_topic_kind_and_search(library):
    editor = make_editor(library)
    editor.post("/library/editor/items", article_fields())

    def slugs(query):
        return [i["slug"] for i in editor.get(f"/library/editor/items?{query}").get_json()["items"]]

    assert slugs("status=draft") == [SLUG]
    assert SLUG in slugs("q=sömnen") and "vad-ar-demens" not in slugs("q=sömnen")
    assert slugs("kind=film") == ["vad-gor-en-anhorigkonsulent", "ta-hand-om-dig-sjalv-ocksa"] or set(
        slugs("kind=film")
    ) == {"vad-gor-en-anhorigkonsulent", "ta-hand-om-dig-sjalv-ocksa"}
    assert set(slugs("topic=egen-halsa&status=draft")) == {SLUG}
    assert editor.get("/library/editor/items?status=bogus").status_code == 422
    page = editor.client.get("/library/edit?status=draft").get_data(as_text=True)
    assert "Att orka på natten" in page and "Vad är demens?" not in page.split('id="items-heading"')[1]


def test_an_editor_is_made_with_the_cli_and_has_no_moderator_powers(app):
    api = make_editor(app)
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.username == "redaktor")) == "editor"
    assert api.client.get("/library/edit").status_code == 200
    assert api.client.get("/moderation").status_code == 403


def test_two_saves_from_the_same_base_at_the_same_moment_give_one_conflict(library, monkeypatch):
    """Both pass the base check before either commits: the database's unique revision number decides."""
    from content import editing
    from content.models import LibraryItem, LibraryRevision
    from content.services import get_item

    editor = make_editor(library)
    assert editor.post("/library/editor/items", article_fields()).status_code == 201
    original = editing.check_base

    def check_then_someone_else_saves(item, base_revision):
        base = original(item, base_revision)
        with db.engine.begin() as other:  # another process's save lands now
            other.execute(
                LibraryRevision.__table__.insert().values(
                    item_id=item.id,
                    number=base + 1,
                    source="browser",
                    created_at=item.created_at,
                    changed_fields=["title"],
                    snapshot={"title": "Deras titel"},
                )
            )
            other.execute(
                LibraryItem.__table__.update().where(LibraryItem.id == item.id).values(revision=base + 1)
            )
        return base

    monkeypatch.setattr(editing, "check_base", check_then_someone_else_saves)
    with library.test_request_context():
        user = db.session.scalar(select(User).where(User.username == "redaktor"))
        item = get_item(SLUG, published_only=False)
        with pytest.raises(editing.EditConflict) as raised:
            editing.save_item(
                user, item, article_fields(title="Min titel"), 1, "save", {"forum": set(), "chat": set()}
            )
        assert raised.value.current_revision == 2
        db.session.expire_all()
        assert get_item(SLUG, published_only=False).title == "Att orka på natten"
