"""Hostile input at scale: schemathesis generates requests for every operation in /api/v1/openapi.json,
as a stranger, a member and a moderator. No answer may be a 500, and every answer must match the document:
a documented status, the documented content type and a body that fits the schema."""

from __future__ import annotations

import shutil

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.extensions import db
from tests.browser.conftest import seed
from tests.conftest import STRONG_PASSWORD, make_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzzed_app(migrated_sqlite, tmp_path_factory):
    """One app on a seeded database with a thread, a post and a chat message to aim at; no rate limits."""
    database = tmp_path_factory.mktemp("fuzz") / "bryggan.sqlite3"
    shutil.copy(migrated_sqlite, database)
    url = f"sqlite:///{database}"
    seed(url)
    app = make_app(url, RATELIMIT_ENABLED=False)
    for username in ("fuzzmedlem", "fuzzmoderator"):
        client = app.test_client()
        token = client.get("/api/v1/session").get_json()["csrf_token"]
        signup = client.post(
            "/api/v1/signup",
            json={
                "username": username,
                "password": STRONG_PASSWORD,
                "birth_date": "1970-05-31",
                "accept_guidelines": True,
            },
            headers={"X-CSRF-Token": token},
        )
        assert signup.status_code == 201, signup.get_data(as_text=True)
    assert (
        app.test_cli_runner().invoke(args=["users", "set-role", "fuzzmoderator", "moderator"]).exit_code == 0
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def fresh_session(app, username: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """CSRF header and cookies of a fresh session (a stranger's holds only the CSRF token)."""
    client = app.test_client()
    token = client.get("/api/v1/session").get_json()["csrf_token"]
    if username is not None:
        login = client.post(
            "/api/v1/login",
            json={"username": username, "password": STRONG_PASSWORD},
            headers={"X-CSRF-Token": token},
        )
        assert login.status_code == 200, login.get_data(as_text=True)
        assert client.get_cookie(app.config["SESSION_COOKIE_NAME"]) is not None
        token = login.get_json().get("csrf_token") or client.get("/api/v1/session").get_json()["csrf_token"]
    name = app.config["SESSION_COOKIE_NAME"]
    return {"X-CSRF-Token": token}, {name: client.get_cookie(name).value}


@pytest.fixture(scope="module")
def api_operations(fuzzed_app) -> list:
    """Every operation of the app's own OpenAPI document, driving requests straight into the WSGI app."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", fuzzed_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40  # the whole API, not an empty or broken document
    return operations


FUZZ_SETTINGS = settings(
    max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


def fuzz_every_operation(operations: list, app, username: str | None) -> None:
    """Run each operation's generated cases; report every operation that failed, not only the first."""
    failures = []
    for operation in operations:

        @FUZZ_SETTINGS
        @given(case=operation.as_strategy())
        def run(case):
            # A fresh session for every request, so one that signs out does not spoil the next.
            headers, cookies = fresh_session(app, username)
            case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as failure:  # collected and reported together below
            failures.append(f"{operation.label}: {failure!r}\n{getattr(failure, 'exceptions', '')}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(
    "username", [None, "fuzzmedlem", "fuzzmoderator"], ids=["stranger", "member", "moderator"]
)
def test_no_500_and_every_answer_matches_the_document(api_operations, fuzzed_app, username):
    fuzz_every_operation(api_operations, fuzzed_app, username)
