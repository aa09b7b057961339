"""The chunk migration: media bytes kept in the old single column move into chunks and back, unchanged."""

from __future__ import annotations

import hashlib
import os

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from content.chunks import CHUNK_SIZE
from core.extensions import db
from tests.conftest import make_app

BEFORE = "e91f5a3b7c20"
CHUNKED = "a7c3f9e1d2b4"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'chunks.sqlite3'}"
    return request.getfixturevalue("postgres_server").create_database("bryggan_chunk_migration")


def test_existing_media_moves_into_chunks_and_back(url):
    video = os.urandom(2 * CHUNK_SIZE + 12_345)  # two full chunks and a short last one
    poster = b"\xff\xd8\xff" + os.urandom(100)
    app = make_app(url)
    with app.app_context():
        upgrade(revision=BEFORE)
        db.session.execute(
            text(
                "INSERT INTO library_items (id, slug, kind, title, summary, topic, tags, sources, "
                "reviewed_on, body_html, search_text, fingerprint, created_at, updated_at) VALUES (1, "
                "'film', 'film', 'F', 'S', 'demens', '[]', '[]', '2026-01-01', '', '', 'x', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
        for media_id, name, data in ((1, "video.mp4", video), (2, "poster.jpg", poster)):
            db.session.execute(
                text(
                    "INSERT INTO library_media (id, item_id, name, role, mime, size, sha256, data, "
                    "updated_at) VALUES (:id, 1, :name, 'video', 'video/mp4', :size, :sha, :data, "
                    "'2026-01-01 00:00:00')"
                ),
                {"id": media_id, "name": name, "size": len(data), "sha": hashlib.sha256(data).hexdigest(),
                 "data": data},
            )
        db.session.commit()

        upgrade(revision=CHUNKED)
        rows = db.session.execute(
            text("SELECT media_id, seq, data FROM library_media_chunks ORDER BY media_id, seq")
        ).all()
        assert [(row.media_id, row.seq) for row in rows] == [(1, 0), (1, 1), (1, 2), (2, 0)]
        assert [len(row.data) for row in rows] == [CHUNK_SIZE, CHUNK_SIZE, 12_345, len(poster)]
        assert b"".join(bytes(row.data) for row in rows if row.media_id == 1) == video
        db.session.commit()

        downgrade(revision=BEFORE)
        back = dict(db.session.execute(text("SELECT id, data FROM library_media")).all())
        assert bytes(back[1]) == video and bytes(back[2]) == poster
        db.session.remove()
        db.engine.dispose()
