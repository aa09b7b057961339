"""Rate limits on signup, login and recovery: per client address and per account, shared by API and pages."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from flask import Response, current_app, g, request
from flask_limiter.util import get_remote_address

from core.api import read_json_silently
from core.extensions import limiter


def account_key() -> str:
    """The login name the request is about, keyed by an HMAC so the name itself never reaches the
    limiter's storage or its log lines."""
    data = read_json_silently() if request.is_json else request.form
    raw = data.get("username") if isinstance(data, dict) or hasattr(data, "getlist") else None
    name = unicodedata.normalize("NFKC", raw).strip().casefold()[:64] if isinstance(raw, str) else ""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, name.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]
    return f"account:{digest}"


def failed(response: Response) -> bool:
    """Only refused credentials count against an account, so nobody can lock a member out by guessing."""
    return response.status_code == 401


def configured(key: str):
    """A limit read from config when the request is made."""
    return lambda: current_app.config[key]


login_per_address = limiter.shared_limit(
    configured("RATELIMIT_LOGIN_PER_ADDRESS"), scope="login-address", methods=["POST"]
)
login_per_account = limiter.shared_limit(
    configured("RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT"),
    scope="login-account",
    key_func=account_key,
    deduct_when=failed,
    methods=["POST"],
)
signup_per_address = limiter.shared_limit(
    configured("RATELIMIT_SIGNUP_PER_ADDRESS"), scope="signup-address", methods=["POST"]
)
recover_per_address = limiter.shared_limit(
    configured("RATELIMIT_RECOVER_PER_ADDRESS"), scope="recover-address", methods=["POST"]
)
recover_per_account = limiter.shared_limit(
    configured("RATELIMIT_RECOVER_FAILURES_PER_ACCOUNT"),
    scope="recover-account",
    key_func=account_key,
    deduct_when=failed,
    methods=["POST"],
)


def member_key() -> str:
    """The signed-in member, or the client address for strangers."""
    user = g.get("user")
    return f"member:{user.id}" if user is not None else f"address:{get_remote_address()}"


# Checks registered by features at app creation that let a write past the posting limits (moderation
# registers one: a text that speaks of crisis is never refused for writing too often).
POSTING_EXEMPTIONS_KEY = "bryggan.posting_limit_exemptions"


def register_posting_exemption(app, check) -> None:
    """Let `check()` (called inside the request) exempt a write from the posting limits."""
    app.extensions.setdefault(POSTING_EXEMPTIONS_KEY, []).append(check)


def exempt_from_posting_limits() -> bool:
    """Whether a registered check lets this request past the posting limits."""
    return any(check() for check in current_app.extensions.get(POSTING_EXEMPTIONS_KEY, ()))


posting_per_member = limiter.shared_limit(
    configured("RATELIMIT_POSTS_PER_MEMBER"),
    scope="posting",
    key_func=member_key,
    methods=["POST", "PATCH"],
    exempt_when=exempt_from_posting_limits,
)
searching_per_member = limiter.shared_limit(
    configured("RATELIMIT_SEARCHES_PER_MEMBER"), scope="search", key_func=member_key
)

exporting_per_member = limiter.shared_limit(
    configured("RATELIMIT_EXPORTS_PER_MEMBER"), scope="export", key_func=member_key
)
