"""JSON API for a member's notification settings and Web Push subscriptions (`/api/v1/me/...`)."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts.session import require_member
from core.schemas import body, documented
from forum import notices
from notify import subscriptions, vapid
from notify.schemas import (
    NewSubscription,
    NotificationSettings,
    OneSubscription,
    PushState,
    PushSubscription,
    Settings,
    SettingsChange,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1/me")
MEMBERS_ONLY = (401, 403)


def settings_answer(settings) -> Settings:
    """The settings as the API shows them."""
    return Settings(settings=NotificationSettings(**notices.settings_json(settings)))


@bp.get("/notification-settings")
@documented(responses={200: (Settings, "Settings")}, errors=MEMBERS_ONLY)
def settings():
    """The member's notification settings"""
    return jsonify(settings_answer(notices.settings_for(require_member().id)).dump())


@bp.patch("/notification-settings")
@documented(body=SettingsChange, responses={200: (Settings, "Settings")}, errors=(*MEMBERS_ONLY, 422))
def change_settings():
    """Change notification settings (any subset; 422 naming a field that is not true or false)"""
    member = require_member()
    changes = body().model_dump(exclude_unset=True)
    return jsonify(settings_answer(notices.update_settings(member, changes)).dump())


@bp.get("/push")
@documented(responses={200: (PushState, "Push state")}, errors=MEMBERS_ONLY)
def push():
    """Web Push: whether it is available, the VAPID public key, the member's browsers"""
    member = require_member()
    key = vapid.application_server_key()
    rows = subscriptions.subscriptions_of(member)
    answer = PushState(
        available=key is not None, public_key=key, subscriptions=[PushSubscription.of(row) for row in rows]
    )
    return jsonify(answer.dump())


@bp.post("/push/subscriptions")
@documented(
    body=NewSubscription, responses={201: (OneSubscription, "Registered")}, errors=(*MEMBERS_ONLY, 422)
)
def subscribe():
    """Register this browser for push (idempotent per endpoint); only known push services
    (`push_service_not_allowed`), at most PUSH_SUBSCRIPTIONS_MAX browsers (`too_many_devices`)

    The body is the browser's PushSubscription.toJSON()."""
    member = require_member()
    row = subscriptions.subscribe(member, body().model_dump(exclude_unset=True))
    return jsonify(OneSubscription(subscription=PushSubscription.of(row)).dump()), 201


@bp.delete("/push/subscriptions/<int:subscription_id>")
@documented(responses={204: "Removed"}, errors=MEMBERS_ONLY)
def unsubscribe(subscription_id: int):
    """Stop pushing to one of the member's browsers"""
    subscriptions.unsubscribe(require_member(), subscription_id)
    return "", 204
