"""The OpenAPI document written from the pydantic models (core/schemas.py, core/openapi.py): every operation
has its request and response schemas, the schemas are OpenAPI 3.0, and bodies are refused as the contract
says."""

from __future__ import annotations

import shutil

import pytest

from core.openapi import openapi30
from tests.support.apps import make_app

NO_CONTENT = {"204", "206", "304"}
STATE_CHANGING = {"post", "put", "patch", "delete"}


@pytest.fixture
def document(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, op in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, op


def test_every_answer_of_every_operation_names_its_schema(document):
    missing = []
    for path, method, op in operations(document):
        for status, answer in op["responses"].items():
            if status in NO_CONTENT or "servers" in document["paths"][path]:
                continue
            if not answer.get("content"):
                missing.append(f"{method.upper()} {path} {status}")
    assert not missing, missing


def test_every_error_answer_has_the_contract_error_body(document):
    wrong = []
    for path, method, op in operations(document):
        if "servers" in document["paths"][path]:
            continue
        for status, answer in op["responses"].items():
            if status.startswith(("4", "5")):
                schema = answer.get("content", {}).get("application/json", {}).get("schema")
                if schema != {"$ref": "#/components/schemas/Error"}:
                    wrong.append(f"{method.upper()} {path} {status}")
    assert not wrong, wrong


def test_state_changing_operations_name_the_csrf_header_and_their_body(document):
    generated = [(path, method, op) for path, method, op in operations(document) if op.get("operationId")]
    assert len(generated) >= 10  # the generated part is there, not only the hand-written one
    for path, method, op in generated:
        if method in STATE_CHANGING:
            assert {"$ref": "#/components/parameters/CsrfToken"} in op["parameters"], (method, path)
    bodies = {
        op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        for _, _, op in generated
        if "requestBody" in op
    }
    for ref in bodies:
        name = ref.rsplit("/", 1)[1]
        assert name in document["components"]["schemas"], name


def test_operation_ids_are_unique(document):
    ids = [op["operationId"] for _, _, op in operations(document) if "operationId" in op]
    assert len(ids) == len(set(ids))


def test_limits_come_from_the_services_constants(document):
    from accounts.credentials import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH
    from config.defaults import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH

    signup = document["components"]["schemas"]["SignupRequest"]["properties"]
    assert signup["username"]["minLength"] == USERNAME_MIN_LENGTH
    assert signup["username"]["maxLength"] == USERNAME_MAX_LENGTH
    assert signup["password"]["minLength"] == PASSWORD_MIN_LENGTH
    assert signup["password"]["maxLength"] == PASSWORD_MAX_LENGTH


def test_the_generated_schemas_are_openapi_3_0(document):
    def walk(value, where):
        if isinstance(value, dict):
            assert "const" not in value, where
            assert value.get("type") != "null", where
            assert not isinstance(value.get("type"), list), where
            for key, item in value.items():
                walk(item, f"{where}/{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{where}/{index}")

    assert document["openapi"] == "3.0.3"
    walk(document["components"]["schemas"], "#/components/schemas")


def test_nullable_and_const_are_written_as_openapi_3_0():
    nullable_date = {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}], "default": None}
    assert openapi30(nullable_date) == {
        "type": "string",
        "format": "date",
        "default": None,
        "nullable": True,
    }
    assert openapi30({"anyOf": [{"$ref": "#/components/schemas/User"}, {"type": "null"}]}) == {
        "allOf": [{"$ref": "#/components/schemas/User"}],
        "nullable": True,
    }
    assert openapi30({"const": "ok", "title": "Status"}) == {"enum": ["ok"]}


def test_a_field_called_title_keeps_its_schema_while_pydantics_titles_go():
    written = openapi30(
        {
            "title": "NewThread",
            "properties": {"title": {"title": "Title", "type": "string", "maxLength": 200}},
            "required": ["title"],
        }
    )
    assert written == {"properties": {"title": {"type": "string", "maxLength": 200}}, "required": ["title"]}


def test_every_required_field_is_described(document):
    undescribed = [
        f"{name}.{field}"
        for name, schema in document["components"]["schemas"].items()
        for field in schema.get("required", [])
        if field not in schema.get("properties", {})
    ]
    assert not undescribed, undescribed


def test_a_second_app_gets_the_whole_document_too(document, migrated_sqlite, tmp_path):
    # spectree lifts nested models out of its stored schemas while writing: a second app (every test
    # builds one; a process may too) must not lose them.
    copy = tmp_path / "second.sqlite3"
    shutil.copy(migrated_sqlite, copy)
    second = make_app(f"sqlite:///{copy}").test_client().get("/api/v1/openapi.json").get_json()
    assert set(second["components"]["schemas"]) == set(document["components"]["schemas"])
    assert "ReviewItem" in second["components"]["schemas"]


def test_the_moderators_and_editors_limits_come_from_the_services_constants(document):
    from content.editing import LIMITS
    from forum.services import BODY_MAX
    from moderation.models import SANCTION_KINDS
    from moderation.sanctions import MAX_SANCTION_HOURS, STAFF_NOTE_MAX
    from moderation.services import ACTIONS, REASON_MAX

    schemas = document["components"]["schemas"]
    action = schemas["ActionBody"]["properties"]
    assert action["action"]["enum"] == list(ACTIONS)
    assert action["reason"]["maxLength"] == REASON_MAX
    assert action["body"]["maxLength"] == BODY_MAX
    sanction = schemas["SanctionBody"]["properties"]
    assert sanction["kind"]["enum"] == list(SANCTION_KINDS)
    assert sanction["hours"]["maximum"] == MAX_SANCTION_HOURS
    assert schemas["StaffNoteBody"]["properties"]["body"]["maxLength"] == STAFF_NOTE_MAX
    assert schemas["NewItem"]["properties"]["title"]["maxLength"] == LIMITS["title"]
    # What the Reviewable change added to queue items is documented too.
    item = schemas["ReviewItem"]["properties"]
    assert {"kind_label", "link_label", "context"} <= set(item)
    assert "url" in schemas["ReviewContext"]["required"]
    # The live queue cannot be generated: it is described beside the queue's path.
    assert document["paths"]["/moderation/queue"]["x-socketio"]["namespace"] == "/moderation"


@pytest.mark.parametrize("sent", ["[1, 2]", '"text"', "{", "null"])
def test_a_body_that_is_not_a_json_object_is_a_400(api, sent):
    response = api.client.post(
        "/api/v1/login",
        data=sent,
        content_type="application/json",
        headers={"X-CSRF-Token": api.csrf()},
    )
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"


def test_the_answers_still_write_moments_as_before(api):
    api.signup("anna")
    api.post("/me/pseudonym")
    me = api.get("/me").get_json()
    # datetime.isoformat(), as the API always wrote it: +00:00, not pydantic's Z.
    assert me["pseudonym_redraw_available_at"].endswith("+00:00")
