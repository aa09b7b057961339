"""The editors' media page: multipart uploads without JavaScript, field errors, and what is still missing."""

from __future__ import annotations

import io

import pytest

from tests.content.conftest import FILM, SHIPPED_LIBRARY
from tests.content.uploading import (
    BARE,
    SHIPPED_SV,
    SHIPPED_VIDEO,
    make_bare_film,
    make_editor,
    media_of,
    stored_counts,
    vtt,
)
from tests.html import unlabelled_fields

PAGE = f"/library/edit/{BARE}/media"


@pytest.fixture
def editor(app, new_api):
    make_bare_film(app)
    return make_editor(app, new_api)


def post_file(editor, name: str, data: bytes, filename: str, csrf: bool = True):
    form = {"csrf_token": editor.csrf()} if csrf else {}
    form["file"] = (io.BytesIO(data), filename)
    return editor.client.post(f"{PAGE}/{name}", data=form, content_type="multipart/form-data")


def test_the_page_shows_what_is_missing_to_publish(editor):
    page = editor.client.get(PAGE).get_data(as_text=True)
    assert "Det här saknas innan filmen kan publiceras" in page
    assert "En video." in page and "Svenska undertexter (WebVTT)." in page
    assert page.count('type="file"') == 5 and page.count('enctype="multipart/form-data"') == 5
    assert "Högst 300 MB." in page
    assert unlabelled_fields(page) == []


def test_a_film_uploads_through_the_form_without_javascript(editor, app):
    # The video is larger than MAX_CONTENT_LENGTH (256 KiB): the form is streamed, not parsed by Werkzeug.
    assert len(SHIPPED_VIDEO) > app.config["MAX_CONTENT_LENGTH"]
    response = post_file(editor, "video", SHIPPED_VIDEO, "min film.mp4")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{PAGE}?uploaded=video")
    response = post_file(editor, "captions.sv", SHIPPED_SV, "undertexter.vtt")
    assert response.status_code == 303
    page = editor.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Svenska undertexter laddades upp." in page
    assert "Filmen har allt den behöver för att publiceras." in page
    assert "video.mp4" in page and "00:00:46.859 lång" in page
    assert set(media_of(app, BARE)) == {"video.mp4", "captions.sv.vtt"}
    assert editor.client.get(f"/library/{BARE}/files/video.mp4").data == SHIPPED_VIDEO


def test_a_refused_file_is_named_next_to_its_field(editor, app):
    post_file(editor, "video", SHIPPED_VIDEO, "film.mp4")
    before = stored_counts(app)
    broken = vtt(("00:00:03.000", "00:00:01.000", "Fel tid"))
    response = post_file(editor, "captions.sv", broken, "undertexter.vtt")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Filen sparades inte" in page
    assert 'id="file-captions-sv-error"><span class="visually-hidden">Fel: </span>Undertext 1 slutar' in page
    assert 'aria-invalid="true"' in page
    assert stored_counts(app) == before


def test_no_file_chosen_is_a_field_error(editor, app):
    response = post_file(editor, "poster", b"", "")
    assert response.status_code == 422
    assert "Välj en fil att ladda upp." in response.get_data(as_text=True)
    assert stored_counts(app) == (0, 0)


def test_a_form_without_its_csrf_token_is_refused(editor, app):
    response = post_file(editor, "video", SHIPPED_VIDEO, "film.mp4", csrf=False)
    assert response.status_code == 400
    assert stored_counts(app) == (0, 0)


def test_a_form_too_large_is_refused_before_reading(editor, app):
    app.config["LIBRARY_UPLOAD_MAX_BYTES"] = 100_000
    response = post_file(editor, "video", SHIPPED_VIDEO, "film.mp4")
    assert response.status_code == 413
    assert "Filen är för stor: här får den vara högst 100 kB." in response.get_data(as_text=True)
    assert stored_counts(app) == (0, 0)


def test_members_may_not_see_the_page(app, new_api):
    make_bare_film(app)
    member = new_api()
    member.signup("medlem")
    assert member.client.get(PAGE).status_code == 403
    assert post_file(member, "video", SHIPPED_VIDEO, "film.mp4").status_code == 403
    assert app.test_client().get(PAGE).status_code == 302


def test_an_article_has_no_media_page(editor, library):
    assert editor.client.get("/library/edit/vad-ar-demens/media").status_code == 404


def test_an_optional_file_is_removed_from_the_page(editor, app):
    post_file(editor, "poster", (SHIPPED_LIBRARY / FILM / "poster.jpg").read_bytes(), "bild.jpg")
    page = editor.client.get(PAGE).get_data(as_text=True)
    assert page.count('class="media-remove"') == 1  # only the poster has a file, and it is optional
    response = editor.client.post(f"{PAGE}/poster/remove", data={"csrf_token": editor.csrf()})
    assert response.status_code == 303
    assert "Affischbild togs bort." in editor.client.get(response.headers["Location"]).get_data(as_text=True)
    assert stored_counts(app) == (0, 0)
