"""JSON API for accounts: session, signup, login, logout, recovery and the member's own settings."""

from __future__ import annotations

from flask import Blueprint, jsonify

from accounts import limits, services, young
from accounts.deletion import delete_account
from accounts.export import export_member
from accounts.schemas import (
    AccountDeletion,
    AgeCheck,
    Export,
    LoginRequest,
    LogoutRequest,
    Me,
    NewPseudonym,
    NewRecoveryCode,
    PasswordChange,
    PasswordConfirmation,
    RecoverRequest,
    RecoverResponse,
    Session,
    SignedIn,
    SignupRequest,
    SignupResponse,
    User,
    YoungUntil,
)
from accounts.session import (
    current_member,
    end_session,
    member_standing,
    require_member,
    standing_is_enough,
    start_session,
)
from accounts.signout import signing_out
from core.csrf import csrf_token
from core.database import utcnow
from core.exceptions import DomainError
from core.schemas import NoFields, body, documented

bp = Blueprint("accounts_api", __name__, url_prefix="/api/v1")


def user_model(user) -> User | None:
    """The contract's user object."""
    return User(**services.public_profile(user)) if user else None


@bp.get("/session")
@documented(responses={200: (Session, "Session state")})
@standing_is_enough
def session_state():
    """Who is signed in, and the CSRF token

    Answered from the standing the session check has read (the cheapest answer to a member: no ORM load)."""
    member = member_standing()
    user = None if member is None else {"pseudonym": member.pseudonym, "role": member.role}
    return jsonify(csrf_token=csrf_token(), user=user)


@bp.post("/signup")
@limits.signup_per_address
@documented(body=SignupRequest, responses={201: (SignupResponse, "Created")}, errors=(409, 422))
def signup():
    """Create an account (ages 16–94 on the day) and sign in

    The recovery code is shown this once."""
    data = body()
    account = services.signup(data.username, data.password, data.birth_date, data.accept_guidelines)
    start_session(account.user)
    answer = SignupResponse(
        user=user_model(account.user), recovery_code=account.recovery_code, csrf_token=csrf_token()
    )
    return jsonify(answer.dump()), 201


@bp.post("/login")
@limits.login_per_address
@limits.login_per_account
@documented(
    body=LoginRequest, responses={200: (SignedIn, "Signed in on a new session")}, errors=(401, 403, 422)
)
def login():
    """Sign in"""
    data = body()
    user = services.authenticate(data.username, data.password)
    start_session(user)
    return jsonify(SignedIn(user=user_model(user), csrf_token=csrf_token()).dump())


@bp.post("/logout")
@documented(body=LogoutRequest, responses={204: "Signed out"})
def logout():
    """Sign out on every device; an optional JSON body {push_endpoint} also forgets this browser's Web Push
    subscription

    The session version cuts every session of the account."""
    user = current_member()
    if user is not None:
        try:
            endpoint = body().push_endpoint
        except DomainError:  # a logout never fails on its body
            endpoint = None
        signing_out(user, endpoint)
        services.end_all_sessions(user)
    end_session()
    return "", 204


@bp.post("/recover")
@limits.recover_per_address
@limits.recover_per_account
@documented(body=RecoverRequest, responses={200: (RecoverResponse, "A new recovery code")}, errors=(401, 422))
def recover():
    """Set a new password with the one-time recovery code

    Answers with the next recovery code and signs in."""
    data = body()
    account = services.recover(data.username, data.recovery_code, data.new_password)
    start_session(account.user)
    answer = RecoverResponse(
        recovery_code=account.recovery_code, user=user_model(account.user), csrf_token=csrf_token()
    )
    return jsonify(answer.dump())


@bp.get("/me")
@documented(responses={200: (Me, "Settings")}, errors=(401,))
def me():
    """The signed-in member's own settings"""
    user = require_member()
    answer = Me(
        user=user_model(user),
        pseudonym_redraw_available_at=services.pseudonym_redraw_available_at(user),
        young_until=user.young_until,
        age_check_available=young.may_check_age(user),
    )
    return jsonify(answer.dump())


@bp.post("/me/age-check")
@limits.login_per_address
@documented(
    body=AgeCheck,
    responses={200: (YoungUntil, "young_until: the day the member turns 26, or null (26 or older)")},
    errors=(401, 409, 422),
)
def age_check():
    """Once: show a birth date, checked as at signup and then discarded; only the day the member turns 26
    is kept, which opens young carers' spaces to members aged 16–25"""
    user = require_member()
    return jsonify(YoungUntil(young_until=young.check_young(user, body().birth_date)).dump())


@bp.get("/me/export")
@limits.exporting_per_member
@documented(responses={200: (Export, "The export (Content-Disposition: attachment)")}, errors=(401, 429))
def export():
    """Everything the member wrote, as a JSON file (Content-Disposition: attachment)"""
    user = require_member()
    response = jsonify(export_member(user))
    filename = f"bryggan-{utcnow().date().isoformat()}.json"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.delete("/me")
@limits.login_per_address
@limits.password_check_per_account
@documented(body=AccountDeletion, responses={204: "Deleted; the session has ended"}, errors=(401, 422, 429))
def delete_me():
    """Delete the account after the password; keep_posts keeps the texts signed 'Tidigare medlem'

    Limited like a login, per address and per account (429)."""
    user = require_member()
    data = body()
    delete_account(user, data.password, data.keep_posts)
    end_session(forget_device=True)
    return "", 204


@bp.post("/me/password")
@limits.login_per_address
@limits.password_check_per_account
@documented(body=PasswordChange, responses={200: (SignedIn, "Signed in on a new session")}, errors=(401, 422))
def change_password():
    """Change the password; other sessions end

    This session continues on a fresh session."""
    user = require_member()
    data = body()
    services.change_password(user, data.current_password, data.new_password)
    start_session(user)
    return jsonify(SignedIn(user=user_model(user), csrf_token=csrf_token()).dump())


@bp.post("/me/recovery-code")
@limits.login_per_address
@limits.password_check_per_account
@documented(body=PasswordConfirmation, responses={200: (NewRecoveryCode, "The new code")}, errors=(401, 422))
def replace_recovery_code():
    """Replace the recovery code

    For a member who lost theirs but knows the password."""
    user = require_member()
    code = services.new_recovery_code(user, body().current_password)
    return jsonify(NewRecoveryCode(recovery_code=code).dump())


@bp.post("/me/pseudonym")
@documented(body=NoFields, responses={200: (NewPseudonym, "The new pseudonym")}, errors=(401, 409))
def redraw_pseudonym():
    """Draw a new pseudonym (old posts keep the old one)

    Limited to once a week."""
    user = require_member()
    body()
    services.draw_new_pseudonym(user)
    return jsonify(NewPseudonym(user=user_model(user)).dump())
