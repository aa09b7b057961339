"""Fixtures for notifications: members signed up through the API on a seeded app."""

from __future__ import annotations

import pytest


@pytest.fixture
def members(seeded, new_api):
    """Make signed-up members: `members("anna")` returns an API client with `.pseudonym`."""

    def make(username: str):
        client = new_api()
        answer = client.signup(username)
        assert answer.status_code == 201, answer.get_json()
        client.pseudonym = answer.get_json()["user"]["pseudonym"]
        return client

    return make
