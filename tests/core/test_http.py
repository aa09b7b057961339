"""Security headers, the error mapping and the OpenAPI document."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from tests.conftest import STRONG_PASSWORD


@pytest.mark.parametrize(
    "path", ["/", "/signup", "/help", "/api/v1/session", "/no-such-page", "/api/v1/nope"]
)
def test_security_headers_on_pages_api_and_errors(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    for directive in ("script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_signed_in_pages_are_never_cached_but_static_files_may_be(api):
    api.signup("anna")
    for path in ("/account", "/", "/api/v1/session", "/api/v1/me"):
        assert api.client.get(path).headers["Cache-Control"] == "no-store"
    static = api.client.get("/static/css/site.css")
    assert static.status_code == 200
    assert static.headers.get("Cache-Control") != "no-store"


def test_no_third_party_assets_in_pages(client):
    from tests.html import parse

    for path in ("/", "/signup", "/login", "/help", "/guidelines"):
        page = parse(client.get(path).get_data(as_text=True))
        sources = [attrs.get("src", "") for attrs in page.find("script") + page.find("img")]
        sources += [attrs.get("href", "") for attrs in page.find("link")]
        assert all(source.startswith("/") for source in sources), sources


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/api/v1/nothing-here", 404, "not_found"),
        ("PUT", "/api/v1/session", 405, "method_not_allowed"),
        ("GET", "/api/v1/me", 401, "not_signed_in"),
    ],
)
def test_api_errors_are_json_in_the_contract_shape(client, method, path, status, code):
    response = client.open(path, method=method)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code and error["message"]


def test_unexpected_errors_are_500_json_without_details(app, client):
    @app.get("/api/v1/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "secret internals" not in response.get_data(as_text=True)


def test_rate_limited_api_answers_429_with_retry_after(api, new_api):
    api.signup("anna")
    for _ in range(10):
        new_api().login("anna", "fel lösenord igen")
    response = new_api().login("anna", STRONG_PASSWORD)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60 + 1


def test_per_address_limit_on_signup(new_api):
    statuses = [new_api().signup(f"member{index}").status_code for index in range(11)]
    assert statuses[:10] == [201] * 10
    assert statuses[10] == 429


def test_per_address_login_limit(new_api):
    statuses = [new_api().login(f"member{index}", "fel lösenord igen").status_code for index in range(21)]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429


def test_per_account_recovery_limit(api, new_api):
    api.signup("anna")
    body = {
        "username": "anna",
        "recovery_code": "AAAA-BBBB-CCCC-DDDD-EEEE",
        "new_password": "ett nytt lösenord",
    }
    statuses = [new_api().post("/recover", body).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]


def test_successful_logins_do_not_lock_an_account(api, new_api):
    api.signup("anna")
    for _ in range(15):
        assert new_api().login("anna").status_code == 200


def test_rate_limits_can_be_switched_off(migrated_sqlite, tmp_path):
    import shutil

    from tests.conftest import Api, make_app

    copy = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, copy)
    app = make_app(f"sqlite:///{copy}", RATELIMIT_ENABLED=False)
    statuses = {Api(app.test_client()).login("nobody", "fel lösenord igen").status_code for _ in range(30)}
    assert statuses == {401}


def test_openapi_document_is_valid_and_covers_every_api_route(app, client):
    document = client.get("/api/v1/openapi.json").get_json()
    validate(document)
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    # Operational endpoints (health, metrics) sit at the root and name their own server in the document.
    operational = {path for path, item in document["paths"].items() if "servers" in item}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith(("health.", "metrics.")):
            assert rule.rule in operational, f"{rule.rule} missing from openapi.json (with servers: /)"
            continue
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = rule.rule.removeprefix("/api/v1").replace("<", "{").replace(">", "}")
        path = path.replace("{int:", "{").replace("{path:", "{")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method.lower()) in documented, f"{method} {path} missing from openapi.json"
