"""Backups on PostgreSQL as docs/OPERATIONS.md says: `pg_dump -Fc`, `pg_restore` into a fresh database,
`flask db upgrade` succeeds there, and a member's posts, their sign-in and the whole library are intact."""

from __future__ import annotations

import hashlib

import pytest
from flask_migrate import upgrade

from core.extensions import db
from tests.browser.conftest import seed
from tests.conftest import Api, make_app, migrate_to_head

pytestmark = pytest.mark.postgres


def library_fingerprint(app) -> dict:
    """Every library item's JSON and the SHA-256 of each media file it names."""
    client = app.test_client()
    fingerprint = {}
    for listed in client.get("/api/v1/library").get_json()["items"]:
        item = client.get(f"/api/v1/library/{listed['slug']}").get_json()
        video = item.get("video")
        sources = [video["src"], *[caption["src"] for caption in video["captions"]]] if video else []
        media = {src: hashlib.sha256(client.get(src).get_data()).hexdigest() for src in sources}
        fingerprint[listed["slug"]] = (item, media)
    return fingerprint


def test_pg_dump_and_pg_restore_round_trip_keeps_members_posts_and_the_library(postgres_server):
    source_url = postgres_server.create_database("bryggan_backup_source")
    migrate_to_head(source_url)
    seed(source_url)
    source = make_app(source_url)
    anna = Api(source.test_client())
    assert anna.signup("anna").status_code == 201
    thread = anna.new_thread("Före backupen", "Det här ska finnas kvar.").get_json()["thread"]
    assert anna.reply(thread["id"], "Ett svar, också det.").status_code == 201
    before_thread = anna.get(f"/threads/{thread['id']}").get_json()
    before_library = library_fingerprint(source)
    assert any(media for _item, media in before_library.values())  # the shipped films are in the dump
    with source.app_context():
        db.engine.dispose()

    dump = postgres_server.root / "bryggan.dump"
    port = str(postgres_server.port)
    connect = ["-h", "127.0.0.1", "-p", port, "-U", "postgres"]
    postgres_server.run("pg_dump", *connect, "-Fc", "-f", str(dump), "bryggan_backup_source")
    restored_url = postgres_server.create_database("bryggan_backup_restored")
    postgres_server.run("pg_restore", *connect, "--no-owner", "-d", "bryggan_backup_restored", str(dump))

    restored = make_app(restored_url)
    with restored.app_context():
        upgrade()  # `flask db upgrade` on the restored database: already at head, and it says so quietly
        db.engine.dispose()
    reader = Api(restored.test_client())
    assert reader.login("anna").status_code == 200
    assert reader.get(f"/threads/{thread['id']}").get_json() == before_thread
    assert library_fingerprint(restored) == before_library
    # Sequences came along: a new account gets a new id, never one already used (docs/ACCOUNTS.md).
    newcomer = Api(restored.test_client())
    assert newcomer.signup("bertil").status_code == 201
    assert newcomer.new_thread("Efter", "Ny tråd.").get_json()["thread"]["id"] > thread["id"]
    with restored.app_context():
        db.engine.dispose()
