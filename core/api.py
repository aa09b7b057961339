"""Helpers shared by the JSON API handlers: reading the body, and the blueprint-level JSON guarantees."""

from __future__ import annotations

from flask import request

from core.exceptions import BadRequest, InvalidInput


def json_body() -> dict:
    """The request's JSON object; anything else is a 400 bad_request, never a 500."""
    if not request.is_json:
        raise BadRequest()
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest()
    return data


def optional_json_body() -> dict:
    """Like json_body, but an empty body reads as {}."""
    if not request.get_data(cache=True):
        return {}
    return json_body()


def string_field(data: dict, name: str, *, required: bool = True, max_length: int = 20_000) -> str | None:
    """A string field of the body, or a 422 invalid naming the field."""
    value = data.get(name)
    if value is None:
        if required:
            raise InvalidInput(field=name)
        return None
    if not isinstance(value, str) or len(value) > max_length:
        raise InvalidInput(field=name)
    return value
