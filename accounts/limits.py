"""Rate limits on signup, login, recovery and every other password check: per client address and per account
(per device for a browser with the account's device cookie, see devices.py), shared by API and pages."""

from __future__ import annotations

import hashlib
import hmac
import unicodedata

from flask import Response, current_app, request
from flask_limiter.util import get_remote_address

from accounts import devices, services
from accounts.models import User
from accounts.session import current_member, member_standing
from core.api import read_json_silently
from core.extensions import limiter


def account_digest(name: str) -> str:
    """An account's key in the limiter: an HMAC of its login name, so the name itself never reaches the
    limiter's storage or its log lines."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, name.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:32]
    return f"account:{digest}"


def typed_username() -> str:
    """The login name a login or recovery request names in its body, as typed."""
    data = read_json_silently() if request.is_json else request.form
    raw = data.get("username") if isinstance(data, dict) or hasattr(data, "getlist") else None
    return raw if isinstance(raw, str) else ""


def device_key(user: User | None) -> str | None:
    """The device's own key when this browser's device cookie was issued for the account, else None."""
    device_id = devices.recognised(user)
    return f"device:{device_id}" if device_id else None


def account_key() -> str:
    """Whom a login or recovery counts against: the browser, when it holds the named account's device
    cookie, and otherwise the account (normalized loosely, so `Anna` and `anna ` share one count)."""
    name = typed_username()
    # Only a genuine device cookie is worth looking the account up for.
    if devices.presented() is not None:
        key = device_key(services.find_by_username(name))
        if key:
            return key
    return account_digest(unicodedata.normalize("NFKC", name).strip().casefold()[:64])


def signed_in_account_key() -> str:
    """The signed-in member's device or account, under the same keys as account_key: a password checked
    while signed in (deleting the account, changing the password or the recovery code) counts as a login
    attempt."""
    user = current_member()
    return device_key(user) or account_digest(user.username)


def signed_out() -> bool:
    """Strangers are refused before any password is checked, so they need no per-account count."""
    return member_standing() is None


def failed(response: Response) -> bool:
    """Only refused credentials count against an account, so nobody can lock a member out by guessing."""
    return response.status_code == 401


def configured(key: str):
    """A limit read from config when the request is made."""
    return lambda: current_app.config[key]


# Every request that checks a password: logins, and the signed-in member's own password checks (one of
# them, deleting the account, is a DELETE).
login_per_address = limiter.shared_limit(
    configured("RATELIMIT_LOGIN_PER_ADDRESS"), scope="login-address", methods=["POST", "DELETE"]
)
login_per_account = limiter.shared_limit(
    configured("RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT"),
    scope="login-account",
    key_func=account_key,
    deduct_when=failed,
    methods=["POST"],
)
# The same count as login_per_account (same scope, same key): a stolen session gives no extra guesses.
password_check_per_account = limiter.shared_limit(
    configured("RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT"),
    scope="login-account",
    key_func=signed_in_account_key,
    deduct_when=failed,
    exempt_when=signed_out,
    methods=["POST", "DELETE"],
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
    member = member_standing()
    return f"member:{member.id}" if member is not None else f"address:{get_remote_address()}"


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
