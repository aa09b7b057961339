"""Editors upload a film's files: streamed into chunks, checked by their bytes, limited, never half-stored."""

from __future__ import annotations

import io
import math
from datetime import timedelta

import pytest
from sqlalchemy import update

from accounts.models import User
from content.chunks import CHUNK_SIZE
from content.models import LibraryMedia
from content.uploads import purge_stale_uploads
from core.database import utcnow
from core.extensions import db
from tests.content.uploading import (
    BARE,
    SHIPPED_EN,
    SHIPPED_POSTER,
    SHIPPED_SV,
    SHIPPED_VIDEO,
    chunk_reads,
    make_bare_film,
    make_editor,
    media_of,
    padded_video,
    stored_counts,
    vtt,
    webm_header,
)

MEDIA = f"/library/{BARE}/media"


@pytest.fixture
def editor(app, new_api):
    make_bare_film(app)
    return make_editor(app, new_api)


def put(api, name: str, body, **kwargs):
    return api.send("PUT", f"{MEDIA}/{name}", data=body, **kwargs)


def error_of(response) -> dict:
    return response.get_json()["error"]


def test_a_bare_film_lists_what_is_missing_to_publish(editor):
    status = editor.get(MEDIA).get_json()
    assert [entry["slot"] for entry in status["files"]] == [
        "video",
        "poster",
        "captions.sv",
        "captions.en",
        "transcript",
    ]
    assert all(entry["file"] is None for entry in status["files"])
    assert [problem["code"] for problem in status["missing"]] == ["video_missing", "captions_sv_missing"]
    assert status["ready_to_publish"] is False


def test_an_editor_uploads_video_captions_and_poster_and_visitors_get_them(editor, app, client):
    response = put(editor, "video", SHIPPED_VIDEO, content_type="video/mp4")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["duration_seconds"] == pytest.approx(46.86, abs=0.01)
    assert [p["code"] for p in response.get_json()["missing"]] == ["captions_sv_missing"]
    assert put(editor, "captions.sv", SHIPPED_SV).status_code == 200
    assert put(editor, "captions.en", SHIPPED_EN).status_code == 200
    status = put(editor, "poster", SHIPPED_POSTER).get_json()
    assert status["ready_to_publish"] is True and status["missing"] == []
    files = {entry["slot"]: entry["file"] for entry in status["files"]}
    assert files["video"]["name"] == "video.mp4" and files["video"]["size"] == len(SHIPPED_VIDEO)
    assert files["poster"]["name"] == "poster.jpg" and files["poster"]["mime"] == "image/jpeg"
    assert "captions" in files["captions.sv"]["detail"] or "undertext" in files["captions.sv"]["detail"]

    film = client.get(f"/api/v1/library/{BARE}").get_json()
    assert film["video"]["mime"] == "video/mp4"
    assert [caption["lang"] for caption in film["video"]["captions"]] == ["sv", "en"]
    # No written transcript: it is made from the Swedish captions.
    assert "anhörigkonsulent" in film["video"]["transcript_html"]
    assert client.get(film["video"]["src"]).data == SHIPPED_VIDEO
    assert client.get(film["video"]["captions"][0]["src"]).data == SHIPPED_SV
    page = client.get(f"/library/{BARE}").get_data(as_text=True)
    assert 'srclang="sv"' in page and "anhörigkonsulent" in page
    # Search finds the film by words said in it.
    found = client.get("/api/v1/library", query_string={"q": "avlösning"}).get_json()["items"]
    assert BARE in [item["slug"] for item in found]


def test_a_written_transcript_replaces_the_one_made_from_captions(editor, client):
    put(editor, "video", SHIPPED_VIDEO)
    put(editor, "captions.sv", SHIPPED_SV)
    assert (
        put(editor, "transcript", "Det här sägs i filmen, **skrivet** för hand.".encode()).status_code == 200
    )
    html = client.get(f"/api/v1/library/{BARE}").get_json()["video"]["transcript_html"]
    assert "<strong>skrivet</strong>" in html
    # New captions keep the written transcript.
    put(editor, "captions.sv", SHIPPED_SV)
    assert (
        "<strong>skrivet</strong>"
        in client.get(f"/api/v1/library/{BARE}").get_json()["video"]["transcript_html"]
    )


def test_a_new_video_replaces_the_old_one_and_its_chunks(editor, app, client):
    put(editor, "video", padded_video(3 * CHUNK_SIZE + 10))
    first = media_of(app, BARE)["video.mp4"]
    put(editor, "video", SHIPPED_VIDEO)
    second = media_of(app, BARE)["video.mp4"]
    assert second.sha256 != first.sha256 and second.size == len(SHIPPED_VIDEO)
    assert stored_counts(app) == (1, math.ceil(len(SHIPPED_VIDEO) / CHUNK_SIZE))
    assert client.get(f"/library/{BARE}/files/video.mp4").data == SHIPPED_VIDEO


def test_a_webm_video_is_recognised_by_its_header(editor, app):
    response = put(editor, "video", webm_header(duration_ms=12_500.0))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["duration_seconds"] == pytest.approx(12.5)
    assert media_of(app, BARE)["video.webm"].mime == "video/webm"
    # A WebM in place of an MP4 takes its place: one video, not two.
    put(editor, "video", SHIPPED_VIDEO)
    assert set(media_of(app, BARE)) == {"video.mp4"}


BAD_FILES = [
    ("video", b"\x7fELF\x02\x01\x01" + bytes(5000), "not a video"),
    ("video", b"MZ\x90\x00" + bytes(5000), "not a video"),
    ("video", webm_header("matroska"), "not WebM"),
    ("video", SHIPPED_VIDEO[:2000], "not a readable MP4"),
    ("poster", b"\x7fELF\x02\x01\x01" + bytes(500), "JPEG or PNG"),
    ("poster", b"GIF89a" + bytes(500), "JPEG or PNG"),
    ("captions.sv", b"Hej\nDet h\xc3\xa4r \xc3\xa4r ingen WebVTT.\n", "not valid WebVTT"),
    ("captions.sv", vtt(("00:00:05.000", "00:00:02.000", "Bakvänd")), "Caption 1 ends (00:00:02.000)"),
    (
        "captions.sv",
        vtt(("00:00:05.000", "00:00:06.000", "Först"), ("00:00:01.000", "00:00:02.000", "Sen")),
        "Caption 2 starts before",
    ),
    ("captions.sv", vtt(("00:00:01.000", "00:05:00.000", "För lång")), "after the end of the video"),
    ("captions.en", b"\xff\xfe\x00W", "not UTF-8"),
    ("transcript", b"## Rubrik\n\nText", "cannot be shown"),
]


@pytest.mark.parametrize(("name", "body", "message"), BAD_FILES, ids=[f"{n}-{m}" for n, _b, m in BAD_FILES])
def test_a_bad_file_is_refused_by_field_and_nothing_is_kept(editor, app, name, body, message):
    assert put(editor, "video", SHIPPED_VIDEO).status_code == 200
    before = stored_counts(app)
    response = put(editor, name, body, query_string={"lang": "en"})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "invalid_media" and error["field"] == name
    assert message in error["message"]
    assert stored_counts(app) == before


def test_a_refusal_is_in_swedish_by_default(editor):
    response = put(editor, "poster", b"inte en bild")
    assert response.status_code == 422
    assert "JPEG- eller PNG-bild" in error_of(response)["message"]


def test_an_upload_over_the_limit_is_refused_from_its_length_before_reading(editor, app):
    app.config["LIBRARY_UPLOAD_MAX_BYTES"] = 1_000_000
    before = stored_counts(app)

    class Unread(io.BytesIO):
        def read(self, size=-1):  # pragma: no cover - reading would be the defect
            raise AssertionError("the body was read")

        readinto = read

    two_gb = 2 * 1024**3
    response = put(
        editor, "video", None, input_stream=Unread(), environ_overrides={"CONTENT_LENGTH": str(two_gb)}
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "upload_too_large"
    assert error_of(response)["max_bytes"] == 1_000_000 and error_of(response)["field"] == "video"
    assert stored_counts(app) == before


def test_an_upload_without_length_is_cut_off_at_the_limit_and_discarded(editor, app):
    app.config["LIBRARY_UPLOAD_MAX_BYTES"] = 1_000_000
    before = stored_counts(app)
    response = put(
        editor,
        "video",
        None,
        input_stream=io.BytesIO(padded_video(3_000_000)),
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413 and error_of(response)["code"] == "upload_too_large"
    assert stored_counts(app) == before


def test_small_places_have_their_own_limits(editor):
    response = put(editor, "captions.sv", b"WEBVTT\n\n" + b"x" * 1_100_000)
    assert response.status_code == 413 and error_of(response)["max_bytes"] == 1_000_000


def test_a_session_that_ends_mid_upload_keeps_nothing(editor, app):
    before = stored_counts(app)
    body = padded_video(2_000_000)

    class EndsSessionHalfway(io.BytesIO):
        """Sends the film; halfway, the account's sessions end (signed out everywhere)."""

        ended = False

        def halfway(self):
            if not self.ended and self.tell() >= len(body) // 2:
                self.ended = True
                with app.app_context():
                    db.session.execute(update(User).values(session_version=User.session_version + 1))
                    db.session.commit()

        def read(self, size=-1):
            self.halfway()
            return super().read(size)

        def readinto(self, buffer):
            self.halfway()
            return super().readinto(buffer)

    stream = EndsSessionHalfway(body)
    response = put(editor, "video", None, input_stream=stream)
    assert stream.ended
    assert response.status_code == 401
    assert stored_counts(app) == before


@pytest.mark.parametrize("who", ["stranger", "member"])
def test_only_editors_may_see_or_upload(app, new_api, who):
    make_bare_film(app)
    visitor = new_api()
    if who == "member":
        visitor.signup("medlem")
    expected = 401 if who == "stranger" else 403
    assert visitor.get(MEDIA).status_code == expected
    assert put(visitor, "video", SHIPPED_VIDEO).status_code == expected
    assert visitor.client.get(f"/library/edit/{BARE}/media").status_code == (
        302 if who == "stranger" else 403
    )
    assert stored_counts(app) == (0, 0)


def test_an_upload_needs_the_csrf_token(editor, app):
    response = editor.client.put(f"/api/v1{MEDIA}/video", data=SHIPPED_VIDEO)
    assert response.status_code == 400 and error_of(response)["code"] == "csrf_failed"
    assert stored_counts(app) == (0, 0)


@pytest.mark.parametrize("path", [f"/library/{BARE}/media/subtitles", "/library/vad-ar-demens/media/video"])
def test_unknown_places_and_articles_are_404(editor, library, path):
    assert editor.send("PUT", path, data=b"x").status_code == 404


def test_a_range_reads_only_the_chunks_it_covers(editor, app, client):
    video = padded_video(10 * CHUNK_SIZE + 123)
    put(editor, "video", video)
    media_id = media_of(app, BARE)["video.mp4"].id
    start = 6 * CHUNK_SIZE + 1000
    # The body streams after the view returns: it is read inside the block, so every read is seen.
    with chunk_reads(app) as reads:
        response = client.get(
            f"/library/{BARE}/files/video.mp4", headers={"Range": f"bytes={start}-{start + 99}"}
        )
        assert response.status_code == 206 and response.data == video[start : start + 100]
    # One query, for chunk 6 (parameters: offset, length, media id, chunk number).
    assert [params[2:] for params in reads] == [(media_id, 6)]
    with chunk_reads(app) as reads:
        response = client.get(
            f"/library/{BARE}/files/video.mp4",
            headers={"Range": f"bytes={2 * CHUNK_SIZE - 10}-{2 * CHUNK_SIZE + 9}"},
        )
        assert response.data == video[2 * CHUNK_SIZE - 10 : 2 * CHUNK_SIZE + 10]
    # The two chunks around the boundary, each once, and no others.
    assert [params[2:] for params in reads] == [(media_id, 1), (media_id, 2)]


def test_the_folder_import_stores_chunks_too(library, app):
    media = media_of(app, "vad-gor-en-anhorigkonsulent")
    expected = sum(
        math.ceil(file.size / CHUNK_SIZE)
        for film in ("vad-gor-en-anhorigkonsulent", "ta-hand-om-dig-sjalv-ocksa")
        for file in media_of(app, film).values()
    )
    assert stored_counts(app)[1] == expected
    assert len(media) == 4


def test_a_stale_staged_upload_is_purged(editor, app):
    with app.app_context():
        item_id = db.session.execute(db.text("SELECT id FROM library_items")).scalar()
        db.session.add(
            LibraryMedia(
                item_id=item_id,
                name="upload-old",
                role="staging",
                mime="x",
                size=0,
                sha256="",
                staged_at=utcnow() - timedelta(hours=7),
            )
        )
        db.session.commit()
        assert purge_stale_uploads() == 1
    assert stored_counts(app) == (0, 0)


def test_optional_files_can_be_removed_and_required_ones_only_replaced(editor, client):
    put(editor, "video", SHIPPED_VIDEO)
    put(editor, "captions.sv", SHIPPED_SV)
    put(editor, "captions.en", SHIPPED_EN)
    put(editor, "transcript", "Skriven **för hand**.".encode())
    status = editor.send("DELETE", f"{MEDIA}/captions.en").get_json()
    assert next(f for f in status["files"] if f["slot"] == "captions.en")["file"] is None
    editor.send("DELETE", f"{MEDIA}/transcript")
    # Without the written transcript, the one made from the Swedish captions is back.
    assert "anhörigkonsulent" in client.get(f"/api/v1/library/{BARE}").get_json()["video"]["transcript_html"]
    for name in ("video", "captions.sv"):
        refused = editor.send("DELETE", f"{MEDIA}/{name}")
        assert refused.status_code == 409 and error_of(refused)["code"] == "required_file"
    assert editor.get(MEDIA).get_json()["ready_to_publish"] is True
