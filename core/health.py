"""Liveness and readiness for load balancers and supervisors: `/healthz` and `/readyz`, cheap,
unauthenticated, never cached, and without any data in them."""

from __future__ import annotations

import logging

import redis
from flask import Blueprint, Flask, current_app, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)

# A readiness probe must answer within the prober's timeout (nginx, systemd, Kubernetes: a few seconds).
QUEUE_TIMEOUT_SECONDS = 1.0


@bp.get("/healthz")
def healthz():
    """The process is alive and serves requests; nothing else is checked."""
    return jsonify(ok=True)


@bp.get("/readyz")
def readyz():
    """The database answers `SELECT 1` and, with a message queue configured, Redis answers PING: 200;
    otherwise 503. Each part is `ok` or `unreachable`; the queue of a single process is `not_configured`."""
    status = {"database": database_status(), "queue": queue_status(current_app)}
    ready = all(value in ("ok", "not_configured", "not_checked") for value in status.values())
    return jsonify(status), 200 if ready else 503


def database_status() -> str:
    """`ok` when a trivial query succeeds on a connection from the pool."""
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except SQLAlchemyError as error:
        log.warning("readiness: database unreachable (%s)", type(error).__name__)
        return "unreachable"
    finally:
        db.session.rollback()


def queue_status(app: Flask) -> str:
    """`ok` when the configured Redis answers PING within the timeout; `not_configured` without a queue."""
    url = app.config.get("MESSAGE_QUEUE")
    if not url:
        return "not_configured"
    if not url.startswith(("redis://", "rediss://")):
        return "not_checked"  # other kombu queues: no cheap probe here
    client = app.extensions.get("bryggan_health_redis")
    if client is None:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=QUEUE_TIMEOUT_SECONDS, socket_timeout=QUEUE_TIMEOUT_SECONDS
        )
        app.extensions["bryggan_health_redis"] = client
    try:
        client.ping()
        return "ok"
    except (redis.RedisError, OSError) as error:
        log.warning("readiness: message queue unreachable (%s)", type(error).__name__)
        return "unreachable"
