"""Pure chat rules: message validation, the per-member token bucket, slow mode and the typing throttle."""

from __future__ import annotations

from dataclasses import dataclass

from core.exceptions import InvalidInput, TooLong
from core.text import looks_empty

MESSAGE_MAX = 1000


def clean_message(body: object) -> str:
    """A message of 1–1,000 characters after trimming that shows something (not only invisible characters)."""
    if not isinstance(body, str) or looks_empty(body):
        raise InvalidInput("empty.message", field="body")
    body = body.strip().replace("\r\n", "\n")
    if len(body) > MESSAGE_MAX:
        raise TooLong("message", MESSAGE_MAX)
    return body


@dataclass
class TokenBucket:
    """A short burst, then a steady rate: `capacity` tokens, refilled at `rate` per second."""

    capacity: float
    rate: float
    tokens: float
    updated_at: float

    @classmethod
    def full(cls, capacity: float, rate: float, now: float) -> TokenBucket:
        """A bucket that allows a full burst right away."""
        return cls(capacity=capacity, rate=rate, tokens=capacity, updated_at=now)

    def refill(self, now: float) -> None:
        """Add what the elapsed time earned, up to capacity."""
        elapsed = max(0.0, now - self.updated_at)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated_at = now

    def take(self, now: float) -> bool:
        """Spend one token if there is one."""
        self.refill(now)
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def wait_time(self, now: float) -> float:
        """Seconds until the next token."""
        self.refill(now)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


def slow_mode_wait(last_sent_at: float | None, now: float, interval: float) -> float:
    """Seconds a member must still wait in a slow-mode room (0: may send now)."""
    if not interval or last_sent_at is None:
        return 0.0
    return max(0.0, last_sent_at + interval - now)


def effective_slow_mode(room_seconds: int, moderator_online: bool, unmoderated_seconds: int) -> int:
    """The room's own slow mode, tightened when no moderator is online."""
    return room_seconds if moderator_online else max(room_seconds, unmoderated_seconds)


def typing_allowed(last_announced_at: float | None, now: float, interval: float) -> bool:
    """Announce "is typing" at most once per interval."""
    return last_announced_at is None or now - last_announced_at >= interval
