"""Helpers shared by the JSON API handlers: reading the body, and the blueprint-level JSON guarantees."""

from __future__ import annotations

import json

from flask import request

from core.exceptions import BadRequest


def read_json_silently() -> object | None:
    """The parsed JSON body, or None when it is absent or unreadable.

    Flask's silent mode does not cover nesting deep enough to exhaust the parser (RecursionError), and
    valid JSON may carry lone surrogates that no database or hasher can encode: both read as None.
    """
    if not request.is_json:
        return None
    try:
        data = request.get_json(silent=True)
    except (ValueError, RecursionError):
        return None
    return data if storable(data) else None


def storable(data: object) -> bool:
    """Whether every text in a parsed JSON value (HTTP body or Socket.IO event) can be stored: encodable
    as UTF-8 (no lone surrogates), without NUL, and not nested beyond what the encoder can walk."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (ValueError, TypeError, RecursionError, UnicodeEncodeError):
        return False
    return not contains_nul(data)


def contains_nul(value: object) -> bool:
    """Whether any string in a parsed JSON value holds a NUL character (PostgreSQL cannot store one)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def json_body() -> dict:
    """The request's JSON object; anything else is a 400 bad_request, never a 500."""
    data = read_json_silently()
    if not isinstance(data, dict):
        raise BadRequest()
    return data


def optional_json_body() -> dict:
    """Like json_body, but an empty body reads as {}."""
    if not request.get_data(cache=True):
        return {}
    return json_body()
