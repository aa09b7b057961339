"""Fuzzing the whole API with schemathesis: one seeded app with rows to aim at, the operations of its own
OpenAPI document, and a run of valid, invalid and real-id cases for one role. The test files
tests/reliability/test_api_fuzz*.py each fuzz as one role, so the three long runs go to different workers."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from core.extensions import db
from tests.support.accounts import STRONG_PASSWORD, Api
from tests.support.apps import make_app

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def fuzzed_app(seeded_sqlite, tmp_path_factory):
    """One app on a seeded database with a thread, a post and a chat message to aim at; no rate limits."""
    database = tmp_path_factory.mktemp("fuzz") / "bryggan.sqlite3"
    shutil.copy(seeded_sqlite, database)
    url = f"sqlite:///{database}"
    app = make_app(url, RATELIMIT_ENABLED=False)
    members = {}
    for username in ("fuzzmedlem", "fuzzmoderator", "fuzzannan"):
        members[username] = Api(app.test_client())
        signup = members[username].signup(username)
        assert signup.status_code == 201, signup.get_data(as_text=True)
    assert (
        app.test_cli_runner().invoke(args=["users", "set-role", "fuzzmoderator", "moderator"]).exit_code == 0
    )
    # Something real to aim at: the member's thread, another member's reply in it.
    thread_id = members["fuzzmedlem"].new_thread().get_json()["thread"]["id"]
    post_id = members["fuzzannan"].reply(thread_id, "Ett svar att reagera på.").get_json()["post"]["id"]
    other = members["fuzzannan"].get("/session").get_json()["user"]["pseudonym"]
    library_slug = app.test_client().get("/api/v1/library").get_json()["items"][0]["slug"]
    app.config["FUZZ_TARGETS"] = {
        "thread_id": thread_id,
        "post_id": post_id,
        "pseudonym": other,
        "name": other,
        "/categories": "demens",
        "/chat": "allmant",
        "/library": library_slug,
    }
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
    # Health and metrics live at the site's root (their own `servers`), outside the base path schemathesis
    # uses; tests/core/test_health.py covers them.
    own_server = {path for path, item in schema.raw_schema["paths"].items() if "servers" in item}
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [operation for operation in operations if operation.path not in own_server]
    assert len(operations) > 40  # the whole API, not an empty or broken document
    return operations


FUZZ_SETTINGS = settings(
    max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
)


def real_path_parameters(operation, targets: dict) -> dict | None:
    """Ids of rows that exist, for each parameter of the operation's path (None when it has none)."""
    names = [parameter.name for parameter in operation.path_parameters]
    if not names:
        return None
    chosen = {}
    for name in names:
        if name == "slug":
            chosen[name] = next(
                value for prefix, value in targets.items() if operation.path.startswith(prefix)
            )
        elif name in targets:
            chosen[name] = targets[name]
    return chosen if len(chosen) == len(names) else None


def one_strategy(strategy, label: str, app, username: str | None, answers: Counter) -> None:
    """Send the strategy's cases and validate every answer against the document."""

    @FUZZ_SETTINGS
    @given(case=strategy)
    def run(case):
        # A fresh session for every request, so one that signs out does not spoil the next.
        headers, cookies = fresh_session(app, username)
        response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
        answers[(label, response.status_code // 100)] += 1

    run()


def fuzz_every_operation(operations: list, app, username: str | None) -> tuple[list[str], Counter]:
    """Run each operation's generated cases: valid ones (with random and with real ids) and invalid ones.
    Returns every failure, not only the first, and how often each kind of answer came."""
    failures = []
    answers: Counter = Counter()
    targets = app.config["FUZZ_TARGETS"]
    for operation in operations:
        strategies = [
            ("valid", operation.as_strategy(GenerationMode.POSITIVE)),
            ("invalid", operation.as_strategy(GenerationMode.NEGATIVE)),
        ]
        real = real_path_parameters(operation, targets)
        if real is not None:
            strategies.append(
                ("real ids", operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real))
            )
        for kind, strategy in strategies:
            try:
                one_strategy(strategy, operation.label, app, username, answers)
            except Unsatisfiable:
                assert kind == "invalid", operation.label  # nothing the document forbids can be sent here
            except (Exception, BaseExceptionGroup) as failure:  # collected and reported together below
                detail = getattr(failure, "exceptions", "")
                failures.append(f"{operation.label} ({kind}): {failure!r}\n{detail}")
    return failures, answers


def assert_the_api_holds_for(api_operations: list, app, username: str | None) -> None:
    """No 500 and every answer as documented, for a stranger (None) or a signed-in member."""
    failures, answers = fuzz_every_operation(api_operations, app, username)
    assert not failures, "\n\n".join(failures)
    if username is not None:
        # Not only refusals: signed in, the success answers of many operations were checked too.
        succeeded = {label for (label, family), count in answers.items() if family == 2 and count}
        assert len(succeeded) >= 20, sorted(succeeded)
