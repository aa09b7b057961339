"""Which push services the server sends to by default: only the ones browsers use, never an address a
member makes up (the server would otherwise POST wherever it is told)."""

from __future__ import annotations

from tests.notify.pushservice import BrowserKeys


def test_only_known_push_services_are_allowed_by_default(seeded, new_api):
    member = new_api()
    member.signup("anna")
    keys = BrowserKeys("https://internal.example.org/push")
    answer = member.post("/me/push/subscriptions", keys.subscription())
    assert answer.status_code == 422 and answer.get_json()["error"]["field"] == "endpoint"
    keys.endpoint = "https://fcm.googleapis.com/fcm/send/abc"
    answer = member.post("/me/push/subscriptions", keys.subscription())
    assert answer.status_code == 201, answer.get_json()
