"""Alerts to staff outside Bryggan when a crisis waits with nobody on it.

A crisis item that no moderator has claimed or decided for CRISIS_ALERT_AFTER_MINUTES (or claimed but still
undecided CRISIS_ALERT_CLAIMED_MINUTES after the claim), or a member's crisis answer to the staff that nobody
has read for as long, is announced once by a JSON POST to CRISIS_ALERT_WEBHOOK_URL and/or an e-mail to
CRISIS_ALERT_EMAIL_TO over SMTP. Alerts hold no member text and no pseudonym: only how many wait, for how
long, and a link to the queue. Each process's maintenance loop starts a check in a task of its own
(`start_alert_check`); marking a row alerted is one conditional UPDATE, so with several processes each crisis
is announced once. When every channel fails, the rows are unmarked and tried again on the next check.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage

import requests
from flask import current_app
from sqlalchemy import select, update

from core.background import guarded
from core.database import utcnow
from core.extensions import db, socketio
from moderation.models import URGENCY, ReviewItem, StaffMessage

log = logging.getLogger(__name__)
CRISIS = URGENCY.index("crisis")
TIMEOUT_SECONDS = 10


def alerts_configured() -> bool:
    """Whether any channel is set up."""
    config = current_app.config
    return bool(
        config["CRISIS_ALERT_WEBHOOK_URL"] or (config["CRISIS_ALERT_EMAIL_TO"] and config["SMTP_HOST"])
    )


def queue_url() -> str:
    """Where staff open the queue."""
    config = current_app.config
    base = config["PUBLIC_URL"] or f"http://{config['HOST']}:{config['PORT']}"
    return base.rstrip("/") + "/moderation"


def take_due(model, condition, now: datetime) -> list:
    """Mark every due row alerted; returns the rows this process marked (another may have taken some)."""
    ids = list(db.session.scalars(select(model.id).where(condition, model.alerted_at.is_(None))))
    taken = []
    for row_id in ids:
        marked = db.session.execute(
            update(model).where(model.id == row_id, model.alerted_at.is_(None)).values(alerted_at=now)
        ).rowcount
        if marked:
            taken.append(db.session.get(model, row_id))
    db.session.commit()
    return taken


def send_due_alerts(now: datetime | None = None) -> int:
    """Alert about everything that became due; returns how many waiting crises the alert named."""
    if not alerts_configured():
        return 0
    now = now or utcnow()
    cutoff = now - timedelta(minutes=current_app.config["CRISIS_ALERT_AFTER_MINUTES"])
    # A claim silences the alert only for a while: a moderator who took a crisis and then fell asleep or lost
    # the connection must not leave it unseen all night.
    claim_cutoff = now - timedelta(minutes=current_app.config["CRISIS_ALERT_CLAIMED_MINUTES"])
    items = take_due(
        ReviewItem,
        (ReviewItem.status == "pending")
        & (ReviewItem.urgency == CRISIS)
        & (ReviewItem.created_at <= cutoff)
        & (ReviewItem.claimed_by_id.is_(None) | (ReviewItem.claimed_at <= claim_cutoff)),
        now,
    )
    answers = take_due(
        StaffMessage,
        StaffMessage.from_staff.is_(False)
        & StaffMessage.crisis.is_(True)
        & StaffMessage.read_at.is_(None)
        & (StaffMessage.created_at <= cutoff),
        now,
    )
    waiting = items + answers
    if not waiting:
        return 0
    oldest = min(row.created_at for row in waiting)
    alert = {
        "event": "crisis_waiting",
        "waiting": len(waiting),
        "oldest_minutes": int((now - oldest).total_seconds() // 60),
        "url": queue_url(),
        "text": (
            f"Bryggan: {len(waiting)} krismeddelande(n) väntar utan moderator. "
            f"{len(waiting)} crisis message(s) waiting with no moderator on them. {queue_url()}"
        ),
    }
    delivered = [channel(alert) for channel in (post_to_webhook, send_email)]
    if delivered and not any(delivered):
        for row in waiting:  # nobody was told: try again on the next check
            row.alerted_at = None
        db.session.commit()
        return 0
    return len(waiting)


RUNNING_KEY = "bryggan.crisis_alerts_running"


def start_alert_check(app) -> None:
    """Check for due alerts in a task of its own, so a slow webhook or mail server never holds up the
    maintenance loop (and its heartbeat); at most one check runs at a time per process."""
    if app.extensions.get(RUNNING_KEY):
        return
    app.extensions[RUNNING_KEY] = True
    socketio.start_background_task(run_alert_check, app)


def run_alert_check(app) -> None:
    """One guarded check (a database outage is one warning line, as for all background work)."""
    try:
        with app.app_context(), guarded("crisis alerts"):
            send_due_alerts()
    finally:
        app.extensions[RUNNING_KEY] = False


def post_to_webhook(alert: dict) -> bool | None:
    """POST the alert as JSON; None when no webhook is configured."""
    url = current_app.config["CRISIS_ALERT_WEBHOOK_URL"]
    if not url:
        return None
    try:
        response = requests.post(url, json=alert, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
    except requests.RequestException as error:
        log.warning("crisis alert webhook failed: %s", type(error).__name__)
        return False
    return True


def send_email(alert: dict) -> bool | None:
    """E-mail the alert over SMTP; None when no address or server is configured."""
    config = current_app.config
    if not (config["CRISIS_ALERT_EMAIL_TO"] and config["SMTP_HOST"]):
        return None
    message = EmailMessage()
    message["Subject"] = "Bryggan: krismeddelande väntar / crisis message waiting"
    message["From"] = config["CRISIS_ALERT_EMAIL_FROM"]
    message["To"] = config["CRISIS_ALERT_EMAIL_TO"]
    message.set_content(
        f"{alert['waiting']} krismeddelande(n) har väntat i minst {alert['oldest_minutes']} minuter utan att "
        f"någon moderator har tagit dem.\n"
        f"{alert['waiting']} crisis message(s) have waited at least {alert['oldest_minutes']} minutes "
        f"with no "
        f"moderator on them.\n\n{alert['url']}\n"
    )
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=TIMEOUT_SECONDS) as smtp:
            if config["SMTP_STARTTLS"]:
                smtp.starttls()
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        log.warning("crisis alert e-mail failed: %s", type(error).__name__)
        return False
    return True
