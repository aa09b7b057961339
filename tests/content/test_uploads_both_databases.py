"""Uploading and Range-reading chunks behave the same on SQLite and PostgreSQL (bytea, substr, cascades)."""

from __future__ import annotations

import io

import pytest

from content.chunks import CHUNK_SIZE
from tests.content.uploading import (
    BARE,
    SHIPPED_VIDEO,
    chunk_reads,
    make_bare_film,
    make_editor,
    media_of,
    padded_video,
    stored_counts,
)

MEDIA = f"/api/v1/library/{BARE}/media"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


def test_upload_replace_and_range_read_chunks(app, new_api, client):
    make_bare_film(app)
    editor = make_editor(app, new_api)
    video = padded_video(5 * CHUNK_SIZE + 77)
    assert editor.send("PUT", f"/library/{BARE}/media/video", data=video).status_code == 200
    media_id = media_of(app, BARE)["video.mp4"].id
    start = 3 * CHUNK_SIZE + 5
    with chunk_reads(app) as reads:
        response = client.get(
            f"/library/{BARE}/files/video.mp4", headers={"Range": f"bytes={start}-{start + 9}"}
        )
        assert response.status_code == 206 and response.data == video[start : start + 10]
    assert [params[-2:] for params in reads] == [(media_id, 3)]
    refused = editor.send("PUT", f"/library/{BARE}/media/poster", data=b"%PDF-1.7 not an image")
    assert refused.status_code == 422
    # Replacing the video removes the old chunks in the database (ON DELETE CASCADE).
    assert editor.send("PUT", f"/library/{BARE}/media/video", data=SHIPPED_VIDEO).status_code == 200
    assert stored_counts(app) == (1, -(-len(SHIPPED_VIDEO) // CHUNK_SIZE))
    assert client.get(f"/library/{BARE}/files/video.mp4").data == SHIPPED_VIDEO


def test_a_client_that_disconnects_mid_upload_leaves_nothing(app, new_api):
    make_bare_film(app)
    editor = make_editor(app, new_api)
    body = padded_video(1_000_000)
    # The body ends long before its Content-Length: the connection went away.
    response = editor.send(
        "PUT", f"/library/{BARE}/media/video", data=None, input_stream=io.BytesIO(body[:400_000]),
        environ_overrides={"CONTENT_LENGTH": str(len(body))},
    )  # fmt: skip
    assert response.status_code == 400
    assert stored_counts(app) == (0, 0)
