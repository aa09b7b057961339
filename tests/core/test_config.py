"""Configuration layers, the production guard and the database settings."""

from __future__ import annotations

import os
import stat

import pytest
from argon2 import profiles
from flask import Flask
from sqlalchemy import text

from accounts.hashing import password_hasher
from app import create_app
from config import ConfigurationError, instance_secret_key, load_config
from core.extensions import db


def test_layers_apply_in_order_defaults_instance_environment_tests(tmp_path):
    (tmp_path / "config.py").write_text(
        "PORT = 6000\nHOST = '0.0.0.0'\nLEAVE_QUICKLY_URL = 'https://example.org/'\n"
    )
    app = Flask("layers", instance_path=str(tmp_path), instance_relative_config=True)
    load_config(app, {"SECRET_KEY": "k", "HOST": "10.0.0.1"}, environ={"BRYGGAN_PORT": "7000"})
    assert app.config["PORT"] == 7000  # environment beats instance file
    assert app.config["HOST"] == "10.0.0.1"  # test dict beats everything
    assert app.config["LEAVE_QUICKLY_URL"] == "https://example.org/"  # instance file beats defaults
    assert app.config["MIN_AGE"] == 16  # defaults


def test_default_sqlite_database_gets_its_folder_even_with_a_secret_key_given(tmp_path):
    instance = tmp_path / "fresh-instance"
    app = Flask("fresh", instance_path=str(instance), instance_relative_config=True)
    load_config(app, environ={"BRYGGAN_SECRET_KEY": "given"})
    assert instance.is_dir()
    assert not (instance / "secret_key").exists()


def test_rate_limits_are_shared_through_redis_when_processes_share_a_queue(tmp_path):
    app = Flask("queue", instance_path=str(tmp_path), instance_relative_config=True)
    load_config(app, {"SECRET_KEY": "k"}, environ={"BRYGGAN_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_contract_defaults(tmp_path):
    app = Flask("defaults", instance_path=str(tmp_path), instance_relative_config=True)
    load_config(app, environ={})
    assert app.config["HOST"] == "127.0.0.1" and app.config["PORT"] == 5000
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'bryggan.sqlite3'}"
    assert app.config["MESSAGE_QUEUE"] is None
    assert app.config["ENV"] == "development"
    assert app.config["RATELIMIT_ENABLED"] is True
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_environment_variables_are_read(tmp_path):
    app = Flask("env", instance_path=str(tmp_path), instance_relative_config=True)
    load_config(
        app,
        environ={
            "BRYGGAN_DATABASE_URL": "postgresql+psycopg://u@h/db",
            "BRYGGAN_SECRET_KEY": "s3cret",
            "BRYGGAN_HOST": "0.0.0.0",
            "BRYGGAN_PORT": "8080",
            "BRYGGAN_MESSAGE_QUEUE": "redis://127.0.0.1:6379/0",
            "BRYGGAN_RATELIMIT_ENABLED": "false",
        },
    )
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert app.config["SECRET_KEY"] == "s3cret"
    assert (app.config["HOST"], app.config["PORT"]) == ("0.0.0.0", 8080)
    assert app.config["MESSAGE_QUEUE"] == "redis://127.0.0.1:6379/0"
    assert app.config["RATELIMIT_ENABLED"] is False


@pytest.mark.parametrize("environ", [{"BRYGGAN_PORT": "eighty"}, {"BRYGGAN_RATELIMIT_ENABLED": "maybe"}])
def test_bad_environment_values_are_refused_with_the_variable_named(tmp_path, environ):
    app = Flask("bad", instance_path=str(tmp_path), instance_relative_config=True)
    with pytest.raises(ConfigurationError, match=next(iter(environ))):
        load_config(app, {"SECRET_KEY": "k"}, environ=environ)


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    app = Flask("prod", instance_path=str(tmp_path), instance_relative_config=True)
    with pytest.raises(ConfigurationError, match="BRYGGAN_SECRET_KEY"):
        load_config(app, environ={"BRYGGAN_ENV": "production"})
    assert not (tmp_path / "secret_key").exists()


def test_production_crisis_alerts_need_the_public_address_for_their_link(tmp_path):
    app = Flask("prod", instance_path=str(tmp_path), instance_relative_config=True)
    alerting = {"BRYGGAN_ENV": "production", "BRYGGAN_SECRET_KEY": "k"}
    alerting["BRYGGAN_CRISIS_ALERT_WEBHOOK_URL"] = "https://jour.example/hook"
    with pytest.raises(ConfigurationError, match="BRYGGAN_PUBLIC_URL"):
        load_config(app, environ=alerting)
    load_config(app, environ={**alerting, "BRYGGAN_PUBLIC_URL": "https://bryggan.example.se"})
    assert app.config["PUBLIC_URL"] == "https://bryggan.example.se"


def test_production_turns_on_secure_cookies(tmp_path, monkeypatch, migrated_sqlite):
    monkeypatch.setenv("BRYGGAN_ENV", "production")
    monkeypatch.setenv("BRYGGAN_SECRET_KEY", "a-real-secret")
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{migrated_sqlite}", "SOCKETIO_ASYNC_MODE": "threading"}
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/api/v1/session")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_development_secret_key_is_generated_once_and_private(tmp_path):
    first = instance_secret_key(tmp_path)
    assert instance_secret_key(tmp_path) == first
    assert len(first) == 64
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600


def test_production_password_hashing_uses_argon2id_recommended_parameters(migrated_sqlite):
    app = create_app(
        {
            "SECRET_KEY": "k",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{migrated_sqlite}",
            "SOCKETIO_ASYNC_MODE": "threading",
        }
    )
    with app.app_context():
        hasher = password_hasher()
        recommended = profiles.RFC_9106_LOW_MEMORY
        assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
            recommended.time_cost,
            recommended.memory_cost,
            recommended.parallelism,
        )
        assert hasher.hash("x").startswith("$argon2id$")


def test_sqlite_runs_in_wal_mode_with_busy_timeout_and_foreign_keys(app):
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_tests_run_socketio_in_threading_mode_and_production_in_gevent(app, tmp_path):
    from config import defaults

    assert defaults.SOCKETIO_ASYNC_MODE == "gevent"
    assert app.extensions["socketio"].async_mode == "threading"
