"""`/healthz` and `/readyz`: cheap, unauthenticated, never cached, no data; readiness follows the database and
the Redis message queue, including a real Redis that stops and comes back."""

from __future__ import annotations

import shutil
import time

import pytest
import requests

from tests.chat.conftest import server_env
from tests.conftest import make_app
from tests.prereq import redis_server_path
from tests.servers import RedisServer, app_server
from tests.support.waiting import wait_until


def test_healthz_says_alive_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"ok": True}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_readyz_is_ready_on_a_reachable_database_without_a_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"database": "ok", "queue": "not_configured"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_503_when_the_database_cannot_be_opened(tmp_path):
    app = make_app(f"sqlite:///{tmp_path}/missing/folder/bryggan.sqlite3")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "unreachable", "queue": "not_configured"}


def test_health_answers_carry_no_data_even_for_a_signed_in_member(api):
    api.signup("anna")
    for path in ("/healthz", "/readyz"):
        body = api.client.get(path).get_data(as_text=True)
        assert "anna" not in body and "pseudonym" not in body


@pytest.mark.server
def test_readyz_follows_a_real_redis_that_stops_and_comes_back(migrated_sqlite, tmp_path):
    redis_server = RedisServer(redis_server_path())
    redis_server.start()
    database = tmp_path / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    settings = tmp_path / "settings.py"
    settings.write_text("")
    env = server_env(f"sqlite:///{database}", settings, BRYGGAN_MESSAGE_QUEUE=redis_server.url)
    try:
        with app_server(env) as base:
            ready = requests.get(base + "/readyz", timeout=5)
            assert (ready.status_code, ready.json()) == (200, {"database": "ok", "queue": "ok"})

            redis_server.halt()
            started = time.monotonic()
            down = requests.get(base + "/readyz", timeout=5)
            assert (down.status_code, down.json()) == (503, {"database": "ok", "queue": "unreachable"})
            assert time.monotonic() - started < 2.5  # a probe's timeout, not a hang
            assert requests.get(base + "/healthz", timeout=5).status_code == 200  # alive all the same

            redis_server.start()
            wait_until(
                lambda: requests.get(base + "/readyz", timeout=5).status_code == 200,
                interval=0.1,
                message="readyz did not recover after Redis came back",
            )
    finally:
        redis_server.stop()
