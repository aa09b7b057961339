"""Pure chat rules: validation, the token bucket, slow mode, the typing throttle; and the Origin rule."""

from __future__ import annotations

import pytest

from chat.rules import (
    TokenBucket,
    clean_message,
    effective_slow_mode,
    slow_mode_wait,
    typing_allowed,
)
from core.exceptions import InvalidInput, TooLong
from core.serving import origin_allowed


def test_messages_are_trimmed_and_limited():
    assert clean_message("  hej \r\n då  ") == "hej \n då"
    assert clean_message("x" * 1000) == "x" * 1000
    with pytest.raises(TooLong):
        clean_message("x" * 1001)
    for bad in ("", "   ", None, 5, ["hej"]):
        with pytest.raises(InvalidInput):
            clean_message(bad)


def test_token_bucket_allows_a_burst_then_about_one_a_second():
    bucket = TokenBucket.full(capacity=5, rate=1.0, now=0.0)
    assert [bucket.take(0.0) for _ in range(6)] == [True] * 5 + [False]
    assert bucket.wait_time(0.0) == pytest.approx(1.0)
    assert bucket.take(0.5) is False
    assert bucket.take(1.0) is True
    assert bucket.take(1.1) is False
    assert bucket.take(100.0) is True
    bucket.refill(100.0)
    assert bucket.tokens == pytest.approx(4.0)  # never more than the capacity


def test_slow_mode_wait():
    assert slow_mode_wait(None, 10.0, 30) == 0
    assert slow_mode_wait(5.0, 10.0, 0) == 0
    assert slow_mode_wait(5.0, 10.0, 30) == pytest.approx(25.0)
    assert slow_mode_wait(5.0, 40.0, 30) == 0


def test_rooms_tighten_when_no_moderator_is_online():
    assert effective_slow_mode(0, moderator_online=True, unmoderated_seconds=10) == 0
    assert effective_slow_mode(0, moderator_online=False, unmoderated_seconds=10) == 10
    assert effective_slow_mode(30, moderator_online=False, unmoderated_seconds=10) == 30


def test_typing_is_throttled():
    assert typing_allowed(None, 0.0, 3)
    assert not typing_allowed(1.0, 3.5, 3)
    assert typing_allowed(1.0, 4.0, 3)


@pytest.mark.parametrize(
    ("origin", "allowed", "expected"),
    [
        (None, None, True),
        ("https://bryggan.example", None, True),
        ("https://evil.example", None, False),
        ("http://bryggan.example", None, False),
        ("https://other.example", ["https://other.example"], True),
        ("https://bryggan.example", ["https://other.example"], False),
        ("https://anything.example", "*", True),
    ],
)
def test_websocket_origin_rule(origin, allowed, expected):
    environ = {"wsgi.url_scheme": "https", "HTTP_HOST": "bryggan.example"}
    if origin:
        environ["HTTP_ORIGIN"] = origin
    assert origin_allowed(environ, allowed) is expected


def test_websocket_origin_behind_a_proxy():
    environ = {
        "wsgi.url_scheme": "http",
        "HTTP_HOST": "127.0.0.1:5001",
        "HTTP_ORIGIN": "https://bryggan.example",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_X_FORWARDED_HOST": "bryggan.example",
    }
    assert origin_allowed(environ, None)
