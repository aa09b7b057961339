"""Helpers for the upload tests: an editor, a film without files, test films and caption files."""

from __future__ import annotations

import struct
from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, func, select

from content.models import LibraryItem, LibraryMedia, LibraryMediaChunk
from core.extensions import db
from tests.content.conftest import FILM, SHIPPED_LIBRARY

SHIPPED_VIDEO = (SHIPPED_LIBRARY / FILM / "video.mp4").read_bytes()
SHIPPED_SV = (SHIPPED_LIBRARY / FILM / "captions.sv.vtt").read_bytes()
SHIPPED_EN = (SHIPPED_LIBRARY / FILM / "captions.en.vtt").read_bytes()
SHIPPED_POSTER = (SHIPPED_LIBRARY / FILM / "poster.jpg").read_bytes()
BARE = "ny-film"


def padded_video(size: int) -> bytes:
    """The shipped film grown to `size` bytes with a trailing MP4 `free` box: still a valid H.264/AAC MP4 of
    the same length, as large as a test needs (no ffmpeg needed)."""
    padding = size - len(SHIPPED_VIDEO)
    assert padding >= 8
    return SHIPPED_VIDEO + struct.pack(">I", padding) + b"free" + bytes(padding - 8)


def make_editor(app, new_api, username: str = "redaktor"):
    """A signed-in account with the admin role (an editor too, until the editor role is merged)."""
    editor = new_api()
    assert editor.signup(username).status_code == 201
    result = app.test_cli_runner().invoke(args=["users", "set-role", username, "admin"])
    assert result.exit_code == 0, result.output
    return editor


def make_bare_film(app, slug: str = BARE, status: str = "published") -> None:
    """A film item with no files yet. Published by default: these tests are about files, and an editor
    replaces the files of a film readers already see; publishing is tested in test_editing.py."""
    with app.app_context():
        db.session.add(
            LibraryItem(
                slug=slug,
                kind="film",
                title="Ny film om anhörigstöd",
                summary="En kort film.",
                topic="stod-och-rattigheter",
                tags=[],
                sources=[{"title": "Nationellt kompetenscentrum anhöriga", "url": "https://anhoriga.se/"}],
                status=status,
                reviewed_on=date(2026, 11, 1),
                body_html="<p>Om stödet.</p>",
                search_text="Om stödet.",
                fingerprint="uploaded",
            )
        )
        db.session.commit()


def vtt(*cues: tuple[str, str, str]) -> bytes:
    """A WebVTT file with these (start, end, text) cues."""
    body = "".join(f"{start} --> {end}\n{text}\n\n" for start, end, text in cues)
    return f"WEBVTT\n\n{body}".encode()


def stored_counts(app) -> tuple[int, int]:
    """(media rows, chunk rows) in the database."""
    with app.app_context():
        media = db.session.scalar(select(func.count()).select_from(LibraryMedia))
        chunk_rows = db.session.scalar(select(func.count()).select_from(LibraryMediaChunk))
        return media, chunk_rows


def media_of(app, slug: str) -> dict[str, LibraryMedia]:
    """The item's stored files by name (detached descriptions)."""
    with app.app_context():
        item = db.session.scalar(select(LibraryItem).where(LibraryItem.slug == slug))
        found = {media.name: media for media in item.media}
        db.session.expunge_all()
        return found


@contextmanager
def chunk_reads(app):
    """The (media_id, seq) of every chunk read while the block runs."""
    seen: list[tuple] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if "FROM library_media_chunks" in statement and statement.lstrip().upper().startswith("SELECT"):
            seen.append(tuple(parameters) if not isinstance(parameters, dict) else tuple(parameters.values()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def webm_header(doctype: str = "webm", duration_ms: float = 10_000.0) -> bytes:
    """The first bytes of a WebM file: the EBML header and a Segment whose Info holds the duration."""

    def element(element_id: bytes, payload: bytes) -> bytes:
        return element_id + bytes([0x80 | len(payload)]) + payload if len(payload) < 127 else b""

    header = element(
        b"\x1a\x45\xdf\xa3", element(b"\x42\x86", b"\x01") + element(b"\x42\x82", doctype.encode())
    )
    info = element(
        b"\x15\x49\xa9\x66",
        element(b"\x2a\xd7\xb1", (1_000_000).to_bytes(3, "big"))
        + element(b"\x44\x89", struct.pack(">d", duration_ms)),
    )
    segment = b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + info  # size "unknown", as streamed
    return header + segment + bytes(5000)
