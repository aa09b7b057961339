"""Fixtures for notifications: members signed up through the API on a seeded app."""

from __future__ import annotations

import pytest

from core.extensions import db
from tests.notify.pushservice import PushService
from tests.support.apps import make_app

PUSH_SUBJECT = "mailto:drift@bryggan.invalid"


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


@pytest.fixture
def push_service():
    """A stand-in push service on loopback that receives and decrypts what the app sends."""
    service = PushService()
    service.start()
    yield service
    service.stop()


@pytest.fixture
def push_app(database_url, push_service):
    """Make the app allowed to push to the stand-in service on loopback (production allows only real ones);
    `push_app(**settings)` adds settings."""
    made = []

    def make(**settings):
        application = make_app(
            database_url,
            PUSH_SERVICE_HOSTS=("127.0.0.1",),
            PUSH_SERVICE_SCHEMES=("http",),
            VAPID_SUBJECT=PUSH_SUBJECT,
            **settings,
        )
        made.append(application)
        return application

    yield make
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()
