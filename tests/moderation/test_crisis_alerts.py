"""A crisis nobody takes alerts staff outside Bryggan: a JSON POST to a webhook and an e-mail over SMTP, both
received here by real servers the tests start. The alert holds no member text and no pseudonym."""

from __future__ import annotations

import json
import shutil
import threading
import time
from datetime import timedelta
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from aiosmtpd.controller import Controller

from core.database import utcnow
from moderation.alerts import send_due_alerts
from tests.browser.conftest import seed
from tests.chat.conftest import server_env
from tests.servers import app_server, free_port

CRISIS = "Jag orkar inte leva längre, allt är mörkt"


class Webhook:
    """An HTTP server on loopback that records every JSON body POSTed to it."""

    def __init__(self) -> None:
        self.bodies: list[dict] = []
        received = self.bodies

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                length = int(self.headers.get("Content-Length", 0))
                received.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alerts"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """An SMTP sink (aiosmtpd) that keeps every message it is sent."""

    def __init__(self) -> None:
        self.messages: list = []
        self.port = free_port()
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
                outer.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def close(self) -> None:
        self.controller.stop()


@pytest.fixture
def webhook():
    receiver = Webhook()
    yield receiver
    receiver.close()


@pytest.fixture
def mailbox():
    sink = Mailbox()
    yield sink
    sink.close()


@pytest.fixture
def alerting(app, webhook, mailbox):
    app.config.update(
        CRISIS_ALERT_WEBHOOK_URL=webhook.url,
        CRISIS_ALERT_EMAIL_TO="jour@kommunen.example",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=mailbox.port,
        PUBLIC_URL="https://bryggan.example.se",
        CRISIS_ALERT_AFTER_MINUTES=10,
    )
    return app


def alerts_at(app, minutes_from_now: float) -> int:
    with app.app_context():
        return send_due_alerts(utcnow() + timedelta(minutes=minutes_from_now))


def test_a_waiting_crisis_alerts_once_by_webhook_and_email_without_text_or_pseudonym(
    alerting, anna, webhook, mailbox
):
    pseudonym = anna.get("/session").get_json()["user"]["pseudonym"]
    anna.new_thread("Natt", CRISIS)
    assert alerts_at(alerting, 5) == 0 and webhook.bodies == [] and mailbox.messages == []
    assert alerts_at(alerting, 11) == 1
    (alert,) = webhook.bodies
    assert alert["event"] == "crisis_waiting" and alert["waiting"] == 1 and alert["oldest_minutes"] >= 10
    assert alert["url"] == "https://bryggan.example.se/moderation"
    (recipients, mail) = mailbox.messages[0]
    assert (
        recipients == ["jour@kommunen.example"]
        and "https://bryggan.example.se/moderation" in mail.get_payload()
    )
    for sent in (json.dumps(alert, ensure_ascii=False), mail.as_string()):
        assert "leva" not in sent and "mörkt" not in sent and pseudonym not in sent and "Natt" not in sent
    assert alerts_at(alerting, 30) == 0 and len(webhook.bodies) == 1 and len(mailbox.messages) == 1


def test_a_decided_crisis_never_alerts_and_a_claimed_one_only_when_left_long(
    alerting, anna, new_api, runner, webhook
):
    moderator = new_api()
    moderator.signup("moderatorn")
    runner.invoke(args=["users", "set-role", "moderatorn", "moderator"])
    anna.new_thread("Natt", CRISIS)
    anna.new_thread("Natt igen", "Jag vill inte leva mer")
    first, second = moderator.get("/moderation/queue").get_json()["items"]
    moderator.post(f"/moderation/items/post/{first['id']}/claim")
    moderator.post(f"/moderation/posts/{second['id']}", {"action": "dismiss", "reason": "pratat med hen"})
    assert alerts_at(alerting, 20) == 0 and webhook.bodies == []
    # A claim silences the alert only for a while: still undecided long after the claim, staff are told.
    assert alerts_at(alerting, alerting.config["CRISIS_ALERT_CLAIMED_MINUTES"] + 1) == 1
    assert [body["waiting"] for body in webhook.bodies] == [1]


def test_a_members_unread_crisis_answer_to_the_staff_alerts_too(alerting, anna, webhook):
    anna.post("/me/staff-messages", {"body": CRISIS})
    assert alerts_at(alerting, 11) == 1 and webhook.bodies[0]["waiting"] == 1


def test_when_every_channel_fails_the_alert_is_tried_again(alerting, anna, webhook, mailbox):
    alerting.config.update(CRISIS_ALERT_WEBHOOK_URL=f"http://127.0.0.1:{free_port()}/", SMTP_PORT=free_port())
    anna.new_thread("Natt", CRISIS)
    assert alerts_at(alerting, 11) == 0
    alerting.config.update(CRISIS_ALERT_WEBHOOK_URL=webhook.url, SMTP_PORT=mailbox.port)
    assert alerts_at(alerting, 12) == 1 and len(webhook.bodies) == 1 and len(mailbox.messages) == 1


def test_no_channel_configured_sends_nothing(app, anna):
    anna.new_thread("Natt", CRISIS)
    assert alerts_at(app, 60) == 0


@pytest.mark.server
def test_the_running_server_alerts_by_itself(migrated_sqlite, tmp_path, webhook):
    database = tmp_path / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    url = f"sqlite:///{database}"
    seed(url)
    settings = tmp_path / "settings.py"
    settings.write_text("CRISIS_ALERT_AFTER_MINUTES = 0\nCRISIS_ALERT_CHECK_SECONDS = 0.2\n")
    env = server_env(url, settings, BRYGGAN_CRISIS_ALERT_WEBHOOK_URL=webhook.url)
    with app_server(env) as base:
        member = requests.Session()
        token = member.get(base + "/api/v1/session", timeout=10).json()["csrf_token"]
        signup = {"username": "nattuggla", "password": "ett långt lösenord här", "birth_date": "1970-05-31"}
        member.post(
            base + "/api/v1/signup",
            json={**signup, "accept_guidelines": True},
            headers={"X-CSRF-Token": token},
        ).raise_for_status()
        token = member.get(base + "/api/v1/session", timeout=10).json()["csrf_token"]
        posted = member.post(
            base + "/api/v1/categories/demens/threads",
            json={"title": "Natt", "body": CRISIS},
            headers={"X-CSRF-Token": token},
            timeout=10,
        )
        assert posted.status_code == 201
        deadline = time.monotonic() + 30
        while not webhook.bodies and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [body["waiting"] for body in webhook.bodies] == [1]
