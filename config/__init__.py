"""Layered configuration: defaults, instance file, `BRYGGAN_CONFIG_FILE`, `BRYGGAN_*` environment, tests."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from flask import Flask

# Environment variable -> (config key, parser). Names and meanings are fixed by the public contract.
ENVIRONMENT_VARIABLES = {
    "BRYGGAN_ENV": ("ENV", str),
    "BRYGGAN_DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "BRYGGAN_SECRET_KEY": ("SECRET_KEY", str),
    "BRYGGAN_HOST": ("HOST", str),
    "BRYGGAN_PORT": ("PORT", int),
    "BRYGGAN_LIBRARY_UPLOAD_MAX_BYTES": ("LIBRARY_UPLOAD_MAX_BYTES", int),
    "BRYGGAN_MESSAGE_QUEUE": ("MESSAGE_QUEUE", str),
    "BRYGGAN_RATELIMIT_ENABLED": ("RATELIMIT_ENABLED", lambda value: parse_bool(value)),
    # Crisis alerts to staff outside Bryggan (docs/MODERATION.md).
    "BRYGGAN_PUBLIC_URL": ("PUBLIC_URL", str),
    "BRYGGAN_CRISIS_ALERT_AFTER_MINUTES": ("CRISIS_ALERT_AFTER_MINUTES", float),
    "BRYGGAN_CRISIS_ALERT_WEBHOOK_URL": ("CRISIS_ALERT_WEBHOOK_URL", str),
    "BRYGGAN_CRISIS_ALERT_EMAIL_TO": ("CRISIS_ALERT_EMAIL_TO", str),
    "BRYGGAN_CRISIS_ALERT_EMAIL_FROM": ("CRISIS_ALERT_EMAIL_FROM", str),
    "BRYGGAN_SMTP_HOST": ("SMTP_HOST", str),
    "BRYGGAN_SMTP_PORT": ("SMTP_PORT", int),
    "BRYGGAN_SMTP_STARTTLS": ("SMTP_STARTTLS", lambda value: parse_bool(value)),
    "BRYGGAN_SMTP_USERNAME": ("SMTP_USERNAME", str),
    "BRYGGAN_SMTP_PASSWORD": ("SMTP_PASSWORD", str),
    "BRYGGAN_STAFF_MESSAGE_RETENTION_DAYS": ("STAFF_MESSAGE_RETENTION_DAYS", int),
    "BRYGGAN_METRICS_ALLOW": ("METRICS_ALLOW", str),
    "BRYGGAN_LOG_FORMAT": ("LOG_FORMAT", str),
    "BRYGGAN_METRICS_TOKEN": ("METRICS_TOKEN", str),
    # Web Push (docs/NOTIFICATIONS.md): the VAPID private key and the contact push services may use.
    "BRYGGAN_VAPID_PRIVATE_KEY": ("VAPID_PRIVATE_KEY", str),
    "BRYGGAN_VAPID_SUBJECT": ("VAPID_SUBJECT", str),
}


class ConfigurationError(RuntimeError):
    """The configuration cannot be used to start the application safely."""


def parse_bool(value: str) -> bool:
    """Read a boolean environment value; anything unexpected is an error rather than a guess."""
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"expected true or false, got {value!r}")


def read_environment(environ: Mapping[str, str]) -> dict:
    """Translate the contract's BRYGGAN_* variables into config keys."""
    values = {}
    for name, (key, parse) in ENVIRONMENT_VARIABLES.items():
        raw = environ.get(name)
        if raw is None or raw == "":
            continue
        try:
            values[key] = parse(raw)
        except (ValueError, ConfigurationError) as error:
            raise ConfigurationError(f"{name}: {error}") from error
    return values


def load_config(
    app: Flask, test_config: Mapping | None = None, environ: Mapping[str, str] | None = None
) -> None:
    """Fill app.config from every layer and derive the settings that depend on others."""
    environ = os.environ if environ is None else environ
    app.config.from_object("config.defaults")
    app.config.from_pyfile("config.py", silent=True)
    extra_file = environ.get("BRYGGAN_CONFIG_FILE")
    # A settings file outside the instance folder, for deployments and test servers.
    if extra_file and not app.config.from_pyfile(os.path.abspath(extra_file), silent=True):
        raise ConfigurationError(f"BRYGGAN_CONFIG_FILE: cannot read {extra_file}")
    app.config.update(read_environment(environ))
    if test_config is not None:
        app.config.update(test_config)

    production = app.config["ENV"] == "production"
    queue = app.config.get("MESSAGE_QUEUE") or ""
    if queue.startswith(("redis://", "rediss://")) and app.config["RATELIMIT_STORAGE_URI"] == "memory://":
        # Several processes must count against the same limits.
        app.config["RATELIMIT_STORAGE_URI"] = queue
    if production:
        app.config["SESSION_COOKIE_SECURE"] = True
        alerting = app.config["CRISIS_ALERT_WEBHOOK_URL"] or app.config["CRISIS_ALERT_EMAIL_TO"]
        if alerting and not app.config["PUBLIC_URL"]:
            # A crisis alert whose link leads nowhere would leave staff guessing at 3 a.m.
            raise ConfigurationError(
                "crisis alerts need BRYGGAN_PUBLIC_URL, the address staff open the queue at"
            )
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        # SQLite will not create the folder of its file.
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        app.config["SQLALCHEMY_DATABASE_URI"] = default_database_url(app.instance_path)
    if not app.config.get("SECRET_KEY"):
        if production:
            raise ConfigurationError(
                "BRYGGAN_ENV=production needs BRYGGAN_SECRET_KEY: refusing to start with a generated key"
            )
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))
    if not app.config.get("VAPID_PRIVATE_KEY") and not production:
        # Production without BRYGGAN_VAPID_PRIVATE_KEY has push off (notify/vapid.py says why).
        app.config["VAPID_PRIVATE_KEY"] = instance_vapid_key(Path(app.instance_path))


def default_database_url(instance_path: str) -> str:
    """The embedded default: one SQLite file in the instance folder."""
    return f"sqlite:///{Path(instance_path) / 'bryggan.sqlite3'}"


def instance_secret_key(instance_path: Path) -> str:
    """Read the development secret key from the instance folder, generating it on first use."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # Created with owner-only permissions: the key signs every session.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another process started at the same moment and wrote it first.
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def instance_vapid_key(instance_path: Path) -> str:
    """Read the development VAPID private key (PEM) from the instance folder, generating it on first use."""
    from py_vapid import Vapid  # only needed where a key is generated

    key_file = instance_path / "vapid_private_key.pem"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        vapid = Vapid()
        vapid.generate_keys()
        try:
            # O_EXCL: two processes starting at once keep the first key, not one each.
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as target:
                target.write(vapid.private_pem())
    return key_file.read_text()
