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


def test_windows_and_edge_push_hosts_are_a_family_matched_at_a_dot_boundary(seeded, new_api):
    member = new_api()
    member.signup("anna")
    keys = BrowserKeys("https://wns2-par02p.notify.windows.com/w/?token=abc")
    answer = member.post("/me/push/subscriptions", keys.subscription())
    assert answer.status_code == 201, answer.get_json()
    for endpoint in (
        "https://evilnotify.windows.com/w/",  # no dot boundary
        "https://notify.windows.com.example.org/w/",  # the family's name inside another host
        "https://notify.windows.com/w/",  # the bare family name is no push service
        "https://sub.fcm.googleapis.com/fcm/send/abc",  # an exact host allows no others under it
    ):
        keys.endpoint = endpoint
        answer = member.post("/me/push/subscriptions", keys.subscription())
        assert answer.status_code == 422, endpoint
        assert answer.get_json()["error"]["field"] == "endpoint"
