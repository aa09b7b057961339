"""JSON API for accounts: session, signup, login, logout, recovery and the member's own settings."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from accounts import limits, services, young
from accounts.deletion import delete_account
from accounts.export import export_member
from accounts.session import (
    current_member,
    end_session,
    member_standing,
    require_member,
    standing_is_enough,
    start_session,
)
from accounts.signout import signing_out
from core.api import json_body, optional_json_body
from core.csrf import csrf_token
from core.database import utcnow

bp = Blueprint("accounts_api", __name__, url_prefix="/api/v1")


def user_json(user) -> dict | None:
    """The contract's user object."""
    return services.public_profile(user) if user else None


@bp.get("/session")
@standing_is_enough
def session_state():
    """Who is signed in, and the CSRF token for requests that change state. Answered from the standing the
    session check has read (the cheapest answer to a member: no ORM load)."""
    member = member_standing()
    user = None if member is None else {"pseudonym": member.pseudonym, "role": member.role}
    return jsonify(csrf_token=csrf_token(), user=user)


@bp.post("/signup")
@limits.signup_per_address
def signup():
    """Create an account and sign in; the recovery code is shown this once."""
    data = json_body()
    account = services.signup(
        data.get("username"), data.get("password"), data.get("birth_date"), data.get("accept_guidelines")
    )
    start_session(account.user)
    body = {
        "user": user_json(account.user),
        "recovery_code": account.recovery_code,
        "csrf_token": csrf_token(),
    }
    return jsonify(body), 201


@bp.post("/login")
@limits.login_per_address
@limits.login_per_account
def login():
    """Sign in on a new session."""
    data = json_body()
    user = services.authenticate(data.get("username"), data.get("password"))
    start_session(user)
    return jsonify(user=user_json(user), csrf_token=csrf_token())


@bp.post("/logout")
def logout():
    """Sign out everywhere: the session version cuts every session of the account. A `push_endpoint` in
    the body forgets this browser's push subscription too."""
    user = current_member()
    if user is not None:
        body = request.get_json(silent=True)  # a logout never fails on its body
        signing_out(user, body.get("push_endpoint") if isinstance(body, dict) else None)
        services.end_all_sessions(user)
    end_session()
    return "", 204


@bp.post("/recover")
@limits.recover_per_address
@limits.recover_per_account
def recover():
    """New password with the recovery code; answers with the next recovery code and signs in."""
    data = json_body()
    account = services.recover(data.get("username"), data.get("recovery_code"), data.get("new_password"))
    start_session(account.user)
    return jsonify(
        recovery_code=account.recovery_code, user=user_json(account.user), csrf_token=csrf_token()
    )


@bp.get("/me")
def me():
    """The signed-in member's own settings."""
    user = require_member()
    available_at = services.pseudonym_redraw_available_at(user)
    return jsonify(
        user=user_json(user),
        pseudonym_redraw_available_at=available_at.isoformat() if available_at else None,
        young_until=user.young_until.isoformat() if user.young_until else None,
        age_check_available=young.may_check_age(user),
    )


@bp.post("/me/age-check")
@limits.login_per_address
def age_check():
    """Once, for members who joined before young carers' spaces existed: a birth date, checked as at signup
    and discarded; only the day the member turns 26 is kept (`null`: 26 or older)."""
    user = require_member()
    until = young.check_young(user, json_body().get("birth_date"))
    return jsonify(young_until=until.isoformat() if until else None)


@bp.get("/me/export")
@limits.exporting_per_member
def export():
    """Everything the member wrote, as a JSON file to keep."""
    user = require_member()
    response = jsonify(export_member(user))
    filename = f"bryggan-{utcnow().date().isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.delete("/me")
@limits.login_per_address
@limits.password_check_per_account
def delete_me():
    """Delete the account after the password; `keep_posts: true` keeps the texts as "Tidigare medlem"."""
    user = require_member()
    data = json_body()
    delete_account(user, data.get("password"), data.get("keep_posts", False))
    end_session(forget_device=True)
    return "", 204


@bp.post("/me/password")
@limits.login_per_address
@limits.password_check_per_account
def change_password():
    """Change the password; other sessions end, this one continues on a fresh session."""
    user = require_member()
    data = json_body()
    services.change_password(user, data.get("current_password"), data.get("new_password"))
    start_session(user)
    return jsonify(user=user_json(user), csrf_token=csrf_token())


@bp.post("/me/recovery-code")
@limits.login_per_address
@limits.password_check_per_account
def replace_recovery_code():
    """A new recovery code, for a member who lost theirs but knows the password."""
    user = require_member()
    data = json_body()
    return jsonify(recovery_code=services.new_recovery_code(user, data.get("current_password")))


@bp.post("/me/pseudonym")
def redraw_pseudonym():
    """Draw a new pseudonym (limited to once a week)."""
    user = require_member()
    optional_json_body()
    services.draw_new_pseudonym(user)
    return jsonify(user=user_json(user))
