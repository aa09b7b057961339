"""`GET /metrics`: Prometheus text for allowed addresses or the bearer token only, and figures that move."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import Api, make_app

OUTSIDE = {"REMOTE_ADDR": "203.0.113.9"}


def scrape(client, **kwargs) -> dict:
    """Every sample as {(name, sorted labels): value}."""
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


@pytest.fixture
def guarded_app(database_url):
    """An app whose metrics take a token as well as loopback."""
    return make_app(database_url, METRICS_TOKEN="s3cret-token", METRICS_ALLOW="127.0.0.1, 10.1.0.0/16")


@pytest.mark.parametrize(
    ("address", "authorization", "status"),
    [
        ("127.0.0.1", None, 200),
        ("10.1.2.3", None, 200),
        ("203.0.113.9", None, 403),
        ("203.0.113.9", "Bearer s3cret-token", 200),
        ("203.0.113.9", "Bearer wrong", 403),
        ("203.0.113.9", "s3cret-token", 403),
    ],
)
def test_metrics_only_for_allowed_addresses_or_the_token(guarded_app, address, authorization, status):
    headers = {"Authorization": authorization} if authorization else {}
    client = guarded_app.test_client()
    response = client.get("/metrics", headers=headers, environ_base={"REMOTE_ADDR": address})
    assert response.status_code == status


def test_without_a_token_configured_no_bearer_opens_it(client):
    response = client.get("/metrics", headers={"Authorization": "Bearer "}, environ_base=OUTSIDE)
    assert response.status_code == 403


def test_requests_are_counted_by_route_pattern_and_never_by_concrete_url(client):
    before = scrape(client)
    for _ in range(3):
        client.get("/api/v1/session")
    client.get("/api/v1/threads/12345")
    after = scrape(client)
    labels = (("method", "GET"), ("route", "/api/v1/session"), ("status", "2xx"))
    key = ("bryggan_http_requests_total", labels)
    assert after[key] - before.get(key, 0) == 3
    assert ("bryggan_http_requests_total", (("method", "GET"), ("route", "/api/v1/threads/<int:thread_id>"),
            ("status", "4xx"))) in after  # fmt: skip
    assert not any("12345" in str(labels) for _name, labels in after)
    latency = ("bryggan_http_request_duration_seconds_count", (("route", "/api/v1/session"),))
    assert after[latency] >= 3


def test_the_review_queue_and_the_oldest_crisis_show(seeded, client):
    before = scrape(client)
    assert before[("bryggan_oldest_crisis_age_seconds", ())] == 0
    anna = Api(seeded.test_client())
    anna.signup("anna")
    assert anna.new_thread("Natt", "Jag vill inte leva mer").status_code in (200, 201)
    after = scrape(client)
    assert after[("bryggan_review_queue_pending", ())] == before[("bryggan_review_queue_pending", ())] + 1
    assert after[("bryggan_oldest_crisis_age_seconds", ())] > 0
    assert after[("bryggan_moderators_on_duty", ())] == 0
    assert "db_pool_in_use" in str(after.keys())
