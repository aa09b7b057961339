"""A real gevent server's /metrics: open sockets, chat messages per room and the maintenance loop move."""

from __future__ import annotations

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import make_app
from tests.support.waiting import wait_until

pytestmark = pytest.mark.server


def scrape(base_url: str) -> dict:
    """{(name, sorted labels): value} from the server's /metrics (the test runs on loopback: allowed)."""
    response = requests.get(base_url + "/metrics", timeout=10)
    assert response.status_code == 200
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_sockets_messages_and_the_maintenance_loop_show_on_metrics(chat_url, member):
    messages = ("bryggan_chat_messages_total", (("room", "allmant"),))
    before = scrape(chat_url)
    anna, bertil = member(), member()
    anna.connect()
    bertil.connect()
    anna.call("join", {"room": "allmant"})
    for index in range(2):
        assert anna.call("send", {"room": "allmant", "body": f"Räknas {index}"})["ok"]
    during = scrape(chat_url)
    assert during[("bryggan_open_sockets", ())] == before[("bryggan_open_sockets", ())] + 2
    assert during[messages] - before.get(messages, 0) == 2
    assert during[("bryggan_maintenance_last_round_age_seconds", ())] < 5

    anna.close()
    bertil.close()
    open_sockets = before[("bryggan_open_sockets", ())]
    wait_until(lambda: scrape(chat_url)[("bryggan_open_sockets", ())] == open_sockets, interval=0.1,
               message="closed sockets still counted")


def test_moderators_on_duty_counts_moderators_with_the_chat_open(chat_db, chat_url, member):
    url, _settings = chat_db
    on_duty = ("bryggan_moderators_on_duty", ())
    assert scrape(chat_url)[on_duty] == 0
    moderator = member()
    runner = make_app(url).test_cli_runner()
    result = runner.invoke(args=["users", "set-role", moderator.username, "moderator"])
    assert result.exit_code == 0, result.output
    moderator.connect()
    assert scrape(chat_url)[on_duty] == 1
    moderator.close()
    wait_until(lambda: scrape(chat_url)[on_duty] == 0, message="a moderator who left still counted")
