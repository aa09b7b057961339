"""Web Push over the real protocol: subscriptions through the API, and pushes that a stand-in push service
receives encrypted (aes128gcm) and signed (VAPID), decrypted here with the browser's keys."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from core.extensions import db
from notify.models import PushSubscription
from tests.conftest import STRONG_PASSWORD
from tests.notify.pushservice import BrowserKeys, verified_vapid_claims

SUBJECT = "mailto:drift@bryggan.invalid"


@pytest.fixture
def app(push_app):
    """The app allowed to push to the stand-in service on loopback (production allows only real ones)."""
    return push_app()


def subscribe(member, keys: BrowserKeys):
    answer = member.post("/me/push/subscriptions", keys.subscription())
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["subscription"]


def conversation(anna, bertil):
    """Anna starts a thread, Bertil replies (and so follows it)."""
    thread = anna.new_thread("Nätterna", "Hur sover ni?").get_json()["thread"]["id"]
    assert bertil.reply(thread, "Dåligt.").status_code == 201
    return thread


def test_a_reply_reaches_a_closed_tab_encrypted_signed_and_discreet(members, push_service):
    anna, bertil = members("anna"), members("bertil")
    keys = BrowserKeys(push_service.base + "/push/bertil")
    subscribe(bertil, keys)
    public_key = bertil.get("/me/push").get_json()["public_key"]
    thread = conversation(anna, bertil)
    started = time.time()
    assert anna.reply(thread, "Jag vaknar varje natt klockan tre.").status_code == 201

    push = push_service.wait_for("/push/bertil")[0]
    payload = keys.decrypt(push)
    assert payload["title"] == "Något nytt på Bryggan"
    assert payload["body"] == "" and payload["url"] == "/notifications"
    # Nothing on a lock screen names anyone or quotes anything.
    assert anna.pseudonym not in str(payload) and "klockan" not in str(payload)
    assert int(push.headers["ttl"]) > 0
    claims = verified_vapid_claims(push.headers["authorization"], public_key)
    assert claims["aud"] == push_service.base
    assert claims["sub"] == SUBJECT
    assert started < claims["exp"] <= started + 24 * 3600 + 5


def test_a_member_who_chose_details_reads_who_wrote_and_how_it_begins(members, push_service):
    anna, bertil = members("anna"), members("bertil")
    keys = BrowserKeys(push_service.base + "/push/detail")
    subscribe(bertil, keys)
    assert bertil.send("PATCH", "/me/notification-settings", {"push_details": True}).status_code == 200
    thread = conversation(anna, bertil)
    reply = anna.reply(thread, f"Tack @{bertil.pseudonym}, det *hjälper*.").get_json()["post"]
    payload = keys.decrypt(push_service.wait_for("/push/detail")[0])
    assert payload["title"] == f"{anna.pseudonym} nämnde dig"
    assert payload["body"] == f"Tack @{bertil.pseudonym}, det hjälper."
    assert payload["url"] == f"/posts/{reply['id']}"


def test_the_neutral_app_push_does_not_say_bryggan(members, push_service):
    anna, bertil = members("anna"), members("bertil")
    keys = BrowserKeys(push_service.base + "/push/neutral")
    subscribe(bertil, keys)
    bertil.send("PATCH", "/me/notification-settings", {"neutral_app": True})
    anna.reply(conversation(anna, bertil), "Hej")
    payload = keys.decrypt(push_service.wait_for("/push/neutral")[0])
    assert payload["title"] == "Något nytt" and "bryggan" not in str(payload).lower()


def test_a_message_from_the_moderators_is_pushed(members, push_service, app):
    anna, moderator = members("anna"), members("moa")
    assert app.test_cli_runner().invoke(args=["users", "set-role", "moa", "moderator"]).exit_code == 0
    keys = BrowserKeys(push_service.base + "/push/staff")
    subscribe(anna, keys)
    moderator.login("moa")
    sent = moderator.post(f"/moderation/members/{anna.pseudonym}/messages", {"body": "Hur mår du?"})
    assert sent.status_code == 201, sent.get_json()
    payload = keys.decrypt(push_service.wait_for("/push/staff")[0])
    assert payload["title"] == "Något nytt på Bryggan" and "Hur mår" not in str(payload)


def test_a_browser_the_push_service_has_forgotten_is_deleted(members, push_service, app):
    anna, bertil = members("anna"), members("bertil")
    push_service.statuses["/push/gone"] = 410
    subscribe(bertil, BrowserKeys(push_service.base + "/push/gone"))
    kept = subscribe(bertil, BrowserKeys(push_service.base + "/push/kept"))
    anna.reply(conversation(anna, bertil), "Hej")
    push_service.wait_for("/push/gone")
    push_service.wait_for("/push/kept")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = bertil.get("/me/push").get_json()["subscriptions"]
        if [row["id"] for row in rows] == [kept["id"]] and rows[0]["last_sent_at"]:
            break
        time.sleep(0.05)
    assert [row["id"] for row in rows] == [kept["id"]]
    assert rows[0]["last_sent_at"] is not None


def test_the_same_browser_subscribing_again_keeps_one_row(members, push_service):
    bertil = members("bertil")
    keys = BrowserKeys(push_service.base + "/push/same")
    first, second = subscribe(bertil, keys), subscribe(bertil, keys)
    assert first["id"] == second["id"]
    listed = bertil.get("/me/push").get_json()
    assert listed["available"] is True and len(listed["subscriptions"]) == 1
    assert listed["subscriptions"][0]["service"] == "127.0.0.1"


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        (lambda sub: {**sub, "endpoint": "http://10.0.0.5/internal"}, "endpoint", "invalid"),
        (lambda sub: {**sub, "endpoint": 42}, "endpoint", "invalid"),
        (lambda sub: {**sub, "keys": {**sub["keys"], "p256dh": "AAAA"}}, "keys.p256dh", "invalid"),
        (lambda sub: {**sub, "keys": {**sub["keys"], "auth": "!!"}}, "keys.auth", "invalid"),
        (lambda sub: {"endpoint": sub["endpoint"]}, "keys", "invalid"),
    ],
)
def test_a_subscription_that_cannot_be_used_is_refused_naming_the_field(
    members, push_service, change, field, code
):
    bertil = members("bertil")
    answer = bertil.post(
        "/me/push/subscriptions", change(BrowserKeys(push_service.base + "/p").subscription())
    )
    assert answer.status_code == 422
    assert answer.get_json()["error"]["field"] == field
    assert answer.get_json()["error"]["code"] == code
    assert bertil.get("/me/push").get_json()["subscriptions"] == []


def test_a_member_cannot_remove_someone_elses_browser(members, push_service):
    anna, bertil = members("anna"), members("bertil")
    theirs = subscribe(bertil, BrowserKeys(push_service.base + "/push/b"))
    assert anna.send("DELETE", f"/me/push/subscriptions/{theirs['id']}").status_code == 404
    assert bertil.send("DELETE", f"/me/push/subscriptions/{theirs['id']}").status_code == 204
    assert bertil.get("/me/push").get_json()["subscriptions"] == []


def test_not_signed_in_is_a_401(client):
    assert client.get("/api/v1/me/push").status_code == 401
    assert client.get("/api/v1/me/notification-settings").status_code == 401


def test_the_export_names_push_services_but_never_the_keys(members, push_service):
    bertil = members("bertil")
    subscribe(bertil, BrowserKeys(push_service.base + "/push/export"))
    bertil.send("PATCH", "/me/notification-settings", {"push_details": True})
    exported = bertil.get("/me/export").get_json()
    assert [row["service"] for row in exported["push_subscriptions"]] == ["127.0.0.1"]
    assert "/push/export" not in str(exported)
    assert exported["notification_settings"] == {
        "follow_on_reply": True,
        "push_details": True,
        "neutral_app": False,
    }


def test_deleting_the_account_deletes_its_subscriptions(members, push_service, app):
    bertil = members("bertil")
    subscribe(bertil, BrowserKeys(push_service.base + "/push/deleted"))
    assert bertil.send("DELETE", "/me", {"password": STRONG_PASSWORD}).status_code == 204
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PushSubscription)) == 0


def subscription_endpoints(app) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(PushSubscription.endpoint)))


def page_token(member) -> str:
    from tests.html import form_token

    return form_token(member.client.get("/account").get_data(as_text=True))


def test_quick_exit_silences_every_browser_of_the_member_even_when_staying_signed_in(
    members, push_service, app
):
    bertil, anna = members("bertil"), members("anna")
    subscribe(bertil, BrowserKeys(push_service.base + "/push/phone"))
    subscribe(bertil, BrowserKeys(push_service.base + "/push/laptop"))
    subscribe(anna, BrowserKeys(push_service.base + "/push/anna"))
    token = page_token(bertil)
    bertil.client.post("/account/quick-exit", data={"csrf_token": token, "stay_signed_in": "1"})
    assert bertil.client.post("/leave", data={"csrf_token": token}).status_code == 204
    assert subscription_endpoints(app) == {push_service.base + "/push/anna"}


def test_logging_out_forgets_the_browser_that_sent_its_endpoint(members, push_service, app):
    bertil = members("bertil")
    here, elsewhere = push_service.base + "/push/here", push_service.base + "/push/elsewhere"
    subscribe(bertil, BrowserKeys(here))
    subscribe(bertil, BrowserKeys(elsewhere))
    answer = bertil.client.post("/logout", data={"csrf_token": page_token(bertil), "push_endpoint": here})
    assert answer.status_code == 302
    assert subscription_endpoints(app) == {elsewhere}


def test_the_api_logout_forgets_the_browser_that_sent_its_endpoint(members, push_service, app):
    bertil = members("bertil")
    here, elsewhere = push_service.base + "/push/api-here", push_service.base + "/push/api-elsewhere"
    subscribe(bertil, BrowserKeys(here))
    subscribe(bertil, BrowserKeys(elsewhere))
    assert bertil.post("/logout", {"push_endpoint": here}).status_code == 204
    assert subscription_endpoints(app) == {elsewhere}
