"""JSON API for a member's notification settings and Web Push subscriptions (`/api/v1/me/...`)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts.session import require_member
from core.api import json_body
from forum import notices
from notify import subscriptions, vapid

bp = Blueprint("api", __name__, url_prefix="/api/v1/me")


@bp.get("/notification-settings")
def settings():
    """How the member wants to hear back."""
    return jsonify(settings=notices.settings_json(notices.settings_for(require_member().id)))


@bp.patch("/notification-settings")
def change_settings():
    """Change any of the settings."""
    member = require_member()
    return jsonify(settings=notices.settings_json(notices.update_settings(member, json_body())))


@bp.get("/push")
def push():
    """Whether push is on here, the key to subscribe with, and the member's browsers."""
    member = require_member()
    key = vapid.application_server_key()
    return jsonify(
        available=key is not None,
        public_key=key,
        subscriptions=[
            subscriptions.subscription_json(row) for row in subscriptions.subscriptions_of(member)
        ],
    )


@bp.post("/push/subscriptions")
def subscribe():
    """Register this browser (the body is the browser's PushSubscription.toJSON())."""
    row = subscriptions.subscribe(require_member(), json_body())
    return jsonify(subscription=subscriptions.subscription_json(row)), 201


@bp.delete("/push/subscriptions/<int:subscription_id>")
def unsubscribe(subscription_id: int):
    """Stop pushing to one of the member's browsers."""
    subscriptions.unsubscribe(require_member(), subscription_id)
    return "", 204
