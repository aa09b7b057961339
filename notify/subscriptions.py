"""A member's Web Push subscriptions: adding, listing, removing, and their part in export and deletion."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, func, select

from accounts.models import User
from core.database import utcnow
from core.exceptions import InvalidInput, NotFound
from core.extensions import db
from notify.models import PushSubscription

ENDPOINT_MAX = 2000


def b64url_decode(value: object) -> bytes | None:
    """Bytes of unpadded base64url text, or None."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None


def allowed_endpoint(endpoint: str) -> bool:
    """Whether the endpoint is at a push service we send to (PUSH_SERVICE_HOSTS, PUSH_SERVICE_SCHEMES)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if parts.scheme not in current_app.config["PUSH_SERVICE_SCHEMES"] or parts.username or parts.password:
        return False
    return any(host_matches(host, allowed) for allowed in current_app.config["PUSH_SERVICE_HOSTS"])


def host_matches(host: str, allowed: str) -> bool:
    """`fcm.googleapis.com` is that host only; `.notify.windows.com` any host under it at a dot boundary
    (so neither `evilnotify.windows.com` nor `notify.windows.com.example.org`)."""
    allowed = allowed.lower()
    if allowed.startswith("."):
        return len(host) > len(allowed) and host.endswith(allowed)
    return host == allowed


def clean_subscription(data: dict) -> tuple[str, str, str]:
    """The endpoint and keys of a browser's PushSubscription.toJSON(), or a clear error naming the field."""
    endpoint = data.get("endpoint")
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > ENDPOINT_MAX:
        raise InvalidInput("push_subscription_invalid", field="endpoint")
    if not allowed_endpoint(endpoint):
        raise InvalidInput("push_service_not_allowed", field="endpoint")
    keys = data.get("keys")
    if not isinstance(keys, dict):
        raise InvalidInput("push_subscription_invalid", field="keys")
    public = b64url_decode(keys.get("p256dh"))
    # An uncompressed P-256 point and a 16-byte secret (RFC 8291).
    if public is None or len(public) != 65 or public[0] != 4:
        raise InvalidInput("push_subscription_invalid", field="keys.p256dh")
    auth = b64url_decode(keys.get("auth"))
    if auth is None or len(auth) != 16:
        raise InvalidInput("push_subscription_invalid", field="keys.auth")
    return endpoint, keys["p256dh"], keys["auth"]


def subscribe(member: User, data: dict) -> PushSubscription:
    """Register this browser for the member; the same browser again updates its row (and a browser another
    account used before now belongs to this one: a browser pushes for whoever signed in last)."""
    endpoint, p256dh, auth = clean_subscription(data)
    found = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if found is None:
        limit = current_app.config["PUSH_SUBSCRIPTIONS_MAX"]
        count = db.session.scalar(
            select(func.count()).select_from(PushSubscription).where(PushSubscription.user_id == member.id)
        )
        if count >= limit:
            raise InvalidInput("too_many_devices", field="endpoint", limit=limit)
        found = PushSubscription(endpoint=endpoint, user_id=member.id, created_at=utcnow())
        db.session.add(found)
    found.user_id = member.id
    found.p256dh = p256dh
    found.auth = auth
    db.session.commit()
    return found


def subscriptions_of(member: User) -> list[PushSubscription]:
    """The member's browsers, oldest first."""
    return list(
        db.session.scalars(
            select(PushSubscription)
            .where(PushSubscription.user_id == member.id)
            .order_by(PushSubscription.id)
        )
    )


def unsubscribe(member: User, subscription_id: int) -> None:
    """Stop pushing to one of the member's browsers; someone else's is a 404, as if it did not exist."""
    removed = db.session.execute(
        delete(PushSubscription).where(
            PushSubscription.id == subscription_id, PushSubscription.user_id == member.id
        )
    ).rowcount
    if not removed:
        raise NotFound()
    db.session.commit()


def forget_browser(user: User, endpoint: str | None, quick_exit: bool) -> None:
    """A sign-out hook (accounts/signout.py): logout forgets this browser's subscription; quick exit
    forgets every one of the member's, because a shared phone must go quiet whichever browser it was."""
    if quick_exit:
        db.session.execute(delete(PushSubscription).where(PushSubscription.user_id == user.id))
    elif endpoint is not None:
        db.session.execute(
            delete(PushSubscription).where(
                PushSubscription.user_id == user.id, PushSubscription.endpoint == endpoint
            )
        )


def subscription_json(subscription: PushSubscription) -> dict:
    """One subscription as its member sees it (the endpoint lets a page recognise its own browser)."""
    return {
        "id": subscription.id,
        "endpoint": subscription.endpoint,
        "service": urlsplit(subscription.endpoint).hostname,
        "created_at": subscription.created_at.isoformat(),
        "last_sent_at": subscription.last_sent_at.isoformat() if subscription.last_sent_at else None,
    }


def erase_subscriptions(user: User, keep_posts: bool, former, now) -> None:
    """Account deletion: the browsers stop hearing from us (the foreign key would cascade too; explicit, so
    the rows go in the deletion's own transaction whatever the database)."""
    db.session.execute(delete(PushSubscription).where(PushSubscription.user_id == user.id))


def export_subscriptions(user: User) -> list[dict]:
    """The member's export: which push services hold a subscription for them, and since when (the
    endpoint and keys stay out: they are capabilities, useless to the member and risky in a file)."""
    return [
        {
            "service": urlsplit(row.endpoint).hostname,
            "created_at": row.created_at.isoformat(),
            "last_sent_at": row.last_sent_at.isoformat() if row.last_sent_at else None,
        }
        for row in db.session.scalars(
            select(PushSubscription).where(PushSubscription.user_id == user.id).order_by(PushSubscription.id)
        )
    ]
