"""Web Push (RFC 8030/8291/8292 through pywebpush): what a closed tab is told, sent off the request path.

The text is discreet unless the member chose more: "Något nytt på Bryggan", no pseudonym, no words from the
post, because a phone's lock screen is seen by others. Members with the neutral app name get "Något nytt".
A push service answering 404 or 410 has forgotten the browser: its subscription is deleted. Failures are
logged with the push service's host and status only, never the endpoint, the member or the text.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from flask import Flask, current_app, url_for
from flask_babel import force_locale, gettext
from pywebpush import WebPushException, webpush
from sqlalchemy import delete, select, update

from core.background import guarded
from core.database import utcnow
from core.extensions import db, socketio
from core.notices import Notice
from forum.notices import settings_for_members
from notify import vapid
from notify.models import PushSubscription

log = logging.getLogger(__name__)
GONE = {404, 410}


@dataclass(frozen=True)
class Push:
    """One encrypted message to send to one browser."""

    subscription_id: int
    endpoint: str
    p256dh: str
    auth: str
    payload: str


def push_text(notice: Notice, details: bool, neutral: bool) -> dict:
    """The title, body, link and tag a browser shows for a notice (Swedish: members have no stored
    language, and the app is Swedish first)."""
    icon = url_for("static", filename="icons/neutral-192.png" if neutral else "icons/bryggan-192.png")
    with force_locale("sv"):
        if not details:
            title = gettext("Something new") if neutral else gettext("Something new on Bryggan")
            # One tag: a second push replaces the first instead of stacking up on the lock screen.
            return {
                "title": title,
                "body": "",
                "url": url_for("forum.threads.notifications"),
                "tag": "new",
                "icon": icon,
            }
        if notice.kind == "staff_message":
            title = gettext("A message from the moderators")
        elif notice.kind == "mention":
            title = gettext("%(author)s mentioned you", author=notice.author)
        elif notice.kind == "thread":
            title = gettext(
                "New thread in %(category)s: “%(title)s”", category=notice.category, title=notice.title
            )
        else:
            title = gettext("%(author)s replied in “%(title)s”", author=notice.author, title=notice.title)
        return {
            "title": title,
            "body": notice.excerpt or "",
            "url": notice.url,
            "tag": notice.url,
            "icon": icon,
        }


def pushes_for(notices: list[Notice]) -> list[Push]:
    """Every browser to tell, with its member's text."""
    by_member = {notice.user_id: notice for notice in notices}  # the latest notice per member
    rows = db.session.scalars(
        select(PushSubscription).where(PushSubscription.user_id.in_(by_member)).order_by(PushSubscription.id)
    ).all()
    pushes = []
    texts: dict[int, str] = {}
    chosen = settings_for_members({row.user_id for row in rows})  # one statement for every member
    for row in rows:
        if row.user_id not in texts:
            settings = chosen[row.user_id]
            text = push_text(by_member[row.user_id], settings.push_details, settings.neutral_app)
            texts[row.user_id] = json.dumps(text, ensure_ascii=False)
        pushes.append(Push(row.id, row.endpoint, row.p256dh, row.auth, texts[row.user_id]))
    return pushes


def push_notices(notices: list[Notice]) -> None:
    """A notice listener: find the browsers now, send from a background task so the reply is not kept
    waiting on push services."""
    if vapid.server_key() is None:
        return
    pushes = pushes_for(notices)
    if pushes:
        socketio.start_background_task(deliver, current_app._get_current_object(), pushes)


def deliver(app: Flask, pushes: list[Push]) -> None:
    """Send each push; forget browsers their push service no longer knows."""
    with app.app_context():
        key = vapid.server_key()
        sent, gone = [], []
        with requests.Session() as http:
            for push in pushes:
                outcome = send_one(app, key, push, http)
                if outcome == "sent":
                    sent.append(push.subscription_id)
                elif outcome == "gone":
                    gone.append(push.subscription_id)
        with guarded("push bookkeeping"):
            if gone:
                db.session.execute(delete(PushSubscription).where(PushSubscription.id.in_(gone)))
            if sent:
                db.session.execute(
                    update(PushSubscription)
                    .where(PushSubscription.id.in_(sent))
                    .values(last_sent_at=utcnow())
                )
            db.session.commit()


def send_one(app: Flask, key, push: Push, http: requests.Session) -> str:
    """POST one encrypted push: `sent`, `gone` (404/410) or `failed`."""
    service = urlsplit(push.endpoint).hostname
    try:
        webpush(
            {"endpoint": push.endpoint, "keys": {"p256dh": push.p256dh, "auth": push.auth}},
            push.payload,
            vapid_private_key=key,
            vapid_claims={"sub": vapid.subject()},  # a fresh dict: pywebpush adds aud and exp to it
            ttl=app.config["PUSH_TTL_SECONDS"],
            timeout=app.config["PUSH_TIMEOUT_SECONDS"],
            headers={"Urgency": "normal"},
            requests_session=http,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        if status in GONE:
            return "gone"
        log.warning("push to %s refused with status %s", service, status)
        return "failed"
    except (requests.RequestException, ValueError) as error:
        log.warning("push to %s failed: %s", service, type(error).__name__)
        return "failed"
    return "sent"
