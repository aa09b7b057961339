"""Film files over HTTP: Range requests (206/416), MIME types, ETag and Last-Modified revalidation."""

from __future__ import annotations

import pytest

from tests.content.conftest import FILM, SHIPPED_LIBRARY

VIDEO_URL = f"/library/{FILM}/files/video.mp4"
VIDEO = (SHIPPED_LIBRARY / FILM / "video.mp4").read_bytes()


def test_the_whole_video_is_served_with_its_type_and_validators(library, client):
    response = client.get(VIDEO_URL)
    assert response.status_code == 200
    assert response.data == VIDEO
    assert response.headers["Content-Type"] == "video/mp4"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Length"] == str(len(VIDEO))
    assert response.headers["ETag"].strip('"')
    assert response.headers["Last-Modified"]
    assert "public" in response.headers["Cache-Control"]
    assert "no-store" not in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        (f"bytes={len(VIDEO) // 2}-{len(VIDEO) // 2 + 1023}", len(VIDEO) // 2, len(VIDEO) // 2 + 1023),
        ("bytes=-500", len(VIDEO) - 500, len(VIDEO) - 1),
        (f"bytes={len(VIDEO) - 10}-", len(VIDEO) - 10, len(VIDEO) - 1),
        (f"bytes=100-{len(VIDEO) * 2}", 100, len(VIDEO) - 1),
    ],
    ids=["first bytes", "middle", "last bytes", "open-ended", "past the end"],
)
def test_a_range_request_gets_exactly_those_bytes(library, client, header, start, end):
    response = client.get(VIDEO_URL, headers={"Range": header})
    assert response.status_code == 206
    assert response.data == VIDEO[start : end + 1]
    assert response.headers["Content-Range"] == f"bytes {start}-{end}/{len(VIDEO)}"
    assert response.headers["Content-Length"] == str(end - start + 1)
    assert response.headers["Content-Type"] == "video/mp4"


@pytest.mark.parametrize("header", [f"bytes={len(VIDEO)}-", f"bytes={len(VIDEO) + 5}-{len(VIDEO) + 10}"])
def test_a_range_outside_the_file_is_416(library, client, header):
    response = client.get(VIDEO_URL, headers={"Range": header})
    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{len(VIDEO)}"


def test_a_malformed_range_is_ignored_and_the_whole_file_sent(library, client):
    response = client.get(VIDEO_URL, headers={"Range": "pages=1-2"})
    assert response.status_code == 200
    assert response.data == VIDEO


def test_revalidation_with_etag_or_date_answers_304(library, client):
    first = client.get(VIDEO_URL)
    again = client.get(VIDEO_URL, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    since = client.get(VIDEO_URL, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    stale = client.get(VIDEO_URL, headers={"If-None-Match": '"something-else"'})
    assert stale.status_code == 200


def test_if_range_with_a_stale_etag_sends_the_whole_new_file(library, client):
    response = client.get(VIDEO_URL, headers={"Range": "bytes=0-9", "If-Range": '"old-version"'})
    assert response.status_code == 200
    assert response.data == VIDEO


def test_head_tells_the_size_without_the_body(library, client):
    response = client.head(VIDEO_URL)
    assert response.status_code == 200
    assert response.headers["Content-Length"] == str(len(VIDEO))
    assert response.data == b""


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("captions.sv.vtt", "text/vtt; charset=utf-8"),
        ("captions.en.vtt", "text/vtt; charset=utf-8"),
        ("poster.jpg", "image/jpeg"),
    ],
)
def test_captions_and_poster_have_their_types(library, client, name, mime):
    response = client.get(f"/library/{FILM}/files/{name}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == mime
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data == (SHIPPED_LIBRARY / FILM / name).read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        f"/library/{FILM}/files/index.md",
        f"/library/{FILM}/files/transcript.md",
        "/library/finns-inte/files/video.mp4",
        "/library/vad-ar-demens/files/video.mp4",
    ],
)
def test_only_a_films_media_files_are_served(library, client, path):
    assert client.get(path).status_code == 404


def test_an_unreadable_byte_range_is_ignored_too(library, client):
    response = client.get(VIDEO_URL, headers={"Range": "bytes=900-100"})
    assert response.status_code == 200
    assert response.data == VIDEO
