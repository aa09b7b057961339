"""Hostile input at scale, as a signed-in member: schemathesis generates requests for every operation in
/api/v1/openapi.json. No answer may be a 500, and every answer must match the document: a documented status,
the documented content type and a body that fits the schema (tests/support/fuzzing.py runs it)."""

from __future__ import annotations

import pytest

from tests.support.fuzzing import api_operations, assert_the_api_holds_for, fuzzed_app  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("username", ["fuzzmedlem"], ids=["member"])
def test_no_500_and_every_answer_matches_the_document(api_operations, fuzzed_app, username):  # noqa: F811
    assert_the_api_holds_for(api_operations, fuzzed_app, username)
