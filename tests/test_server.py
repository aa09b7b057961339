"""`python app.py` as a real gevent server: HTTP, the API and the Socket.IO endpoint."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
import requests

from tests.conftest import STRONG_PASSWORD
from tests.servers import REPO, app_server

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server_database(migrated_sqlite, tmp_path_factory):
    database = tmp_path_factory.mktemp("server") / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    return database


@pytest.fixture(scope="module")
def server_url(server_database):
    env = {"BRYGGAN_DATABASE_URL": f"sqlite:///{server_database}", "BRYGGAN_SECRET_KEY": "server-test-key"}
    with app_server(env) as url:
        yield url


def test_real_server_serves_pages_and_a_full_signup(server_url, server_database):
    session = requests.Session()
    home = session.get(server_url + "/", timeout=10)
    assert home.status_code == 200 and "Bryggan" in home.text
    token = session.get(server_url + "/api/v1/session", timeout=10).json()["csrf_token"]
    signup = session.post(
        server_url + "/api/v1/signup",
        json={
            "username": "server.anna",
            "password": STRONG_PASSWORD,
            "birth_date": "1970-05-31",
            "accept_guidelines": True,
        },
        headers={"X-CSRF-Token": token},
        timeout=30,
    )
    assert signup.status_code == 201, signup.text
    pseudonym = signup.json()["user"]["pseudonym"]
    assert session.get(server_url + "/api/v1/session", timeout=10).json()["user"]["pseudonym"] == pseudonym
    # The real server hashes with the production argon2id parameters.
    with sqlite3.connect(server_database) as connection:
        stored = connection.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_real_server_answers_the_socketio_handshake(server_url):
    response = requests.get(
        server_url + "/socket.io/", params={"EIO": "4", "transport": "polling"}, timeout=10
    )
    assert response.status_code == 200
    assert response.text.startswith("0{") and '"sid"' in response.text


def test_real_server_refuses_oversized_bodies(server_url):
    response = requests.post(
        server_url + "/api/v1/login",
        data=b"x" * 400_000,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_production_server_will_not_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "BRYGGAN_SECRET_KEY"}
    env.update({"BRYGGAN_ENV": "production", "BRYGGAN_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    result = subprocess.run(
        [sys.executable, "app.py"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "BRYGGAN_SECRET_KEY" in result.stderr
