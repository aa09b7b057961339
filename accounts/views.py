"""Account pages: signup, login, logout, recovery and the member's account page."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, session, url_for

from accounts import deletion, forms, limits, services, young
from accounts.age_gate import is_young
from accounts.errors import Suspended
from accounts.session import (
    LIMITED_KEY,
    current_member,
    end_session,
    login_required,
    start_limited_session,
    start_session,
    suspended_member,
)
from accounts.signout import signing_out
from core.exceptions import DomainError

bp = Blueprint("accounts", __name__)


@bp.route("/signup", methods=["GET", "POST"])
@limits.signup_per_address
def signup():
    """The signup form; on success the recovery code is shown once."""
    if request.method == "GET":
        return render_template("accounts/signup.html", errors={}, values={})
    values = forms.signup_input(request.form)
    try:
        account = services.signup(**values)
    except DomainError as problem:
        errors = forms.field_errors([problem, *problem.also])
        return render_template("accounts/signup.html", errors=errors, values=request.form), 422
    start_session(account.user)
    return render_template(
        "accounts/recovery_code.html", recovery_code=account.recovery_code, first=True
    )


@bp.route("/login", methods=["GET", "POST"])
@limits.login_per_address
@limits.login_per_account
def login():
    """The login form."""
    next_path = forms.safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("accounts/login.html", errors={}, next_path=next_path, values={})
    try:
        user = services.authenticate(request.form.get("username", ""), request.form.get("password", ""))
    except Suspended:
        # The password was right: say why, until when and how to reach the moderators (a session that can
        # only read and write messages to the staff), never a password-field error.
        start_limited_session(services.find_by_username(request.form.get("username", "")))
        return redirect(url_for("moderation.inbox.suspended"))
    except DomainError as problem:
        errors = forms.field_errors([problem], default_field="password")
        values = {"username": request.form.get("username", "")}
        page = render_template("accounts/login.html", errors=errors, next_path=next_path, values=values)
        return page, problem.status
    start_session(user)
    return redirect(next_path or url_for("pages.home"))


@bp.post("/logout")
def logout():
    """Sign out on every device."""
    user = current_member()
    if user is not None:
        signing_out(user, request.form.get("push_endpoint"))
        services.end_all_sessions(user)
    end_session()
    return redirect(url_for("pages.home", signed_out=1))


@bp.post("/leave")
def leave_quickly():
    """Quick exit (a beacon from the page as it goes): sign out everywhere, unless the member chose to stay
    signed in. Every push subscription of the member goes either way (a shared phone must go quiet), and
    the limited session of the suspension page always ends. Always 204, so the answer says nothing about
    the account."""
    user = current_member()
    if user is not None:
        signing_out(user, quick_exit=True)
        if not user.stay_signed_in_on_exit:
            services.end_all_sessions(user)
            end_session()
    elif session.get(LIMITED_KEY) is not None:
        suspended = suspended_member()
        if suspended is not None:
            signing_out(suspended, quick_exit=True)
        end_session()
    return "", 204


@bp.post("/account/quick-exit")
@login_required
def quick_exit_setting():
    """Whether quick exit also signs the member out."""
    services.set_stay_signed_in_on_exit(current_member(), request.form.get("stay_signed_in") == "1")
    return redirect(url_for("accounts.account", done="quick_exit", _anchor="quick-exit-saved"))


@bp.route("/recover", methods=["GET", "POST"])
@limits.recover_per_address
@limits.recover_per_account
def recover():
    """A new password with the recovery code."""
    if request.method == "GET":
        return render_template("accounts/recover.html", errors={}, values={})
    form = request.form
    try:
        account = services.recover(
            form.get("username", ""), form.get("recovery_code", ""), form.get("new_password", "")
        )
    except DomainError as problem:
        values = {"username": form.get("username", "")}
        errors = forms.field_errors([problem], default_field="recovery_code")
        return render_template("accounts/recover.html", errors=errors, values=values), problem.status
    start_session(account.user)
    return render_template(
        "accounts/recovery_code.html", recovery_code=account.recovery_code, first=False
    )


@bp.get("/account")
@login_required
def account():
    """The member's own page: pseudonym, password, recovery code, logout."""
    return render_account()


def render_account(
    errors: dict | None = None, notice: str | None = None, status: int = 200, values: dict | None = None
):
    """The account page with optional field errors or a notice."""
    user = current_member()
    page = render_template(
        "accounts/account.html",
        user=user,
        redraw_available_at=services.pseudonym_redraw_available_at(user),
        errors=errors or {},
        values=values or {},
        notice=notice,
        young=is_young(user.young_until, services.today()),
        may_check_age=young.may_check_age(user),
    )
    return page, status


@bp.post("/account/pseudonym")
@login_required
def redraw_pseudonym():
    """Draw a new pseudonym."""
    try:
        services.draw_new_pseudonym(current_member())
    except DomainError as problem:
        return render_account(forms.field_errors([problem], "pseudonym"), status=problem.status)
    return redirect(url_for("accounts.account", done="pseudonym"))


@bp.post("/account/young")
@login_required
@limits.login_per_address
def check_young():
    """A member who joined before young carers' spaces existed shows, once, that they are 16–25: the birth
    date is checked and discarded, as at signup."""
    try:
        until = young.check_young(current_member(), forms.birth_date_from_parts(request.form))
    except DomainError as problem:
        errors = forms.field_errors([problem], "birth_date")
        return render_account(errors, status=problem.status, values=request.form)
    return redirect(url_for("accounts.account", done="young" if until else "not_young"))


@bp.post("/account/password")
@login_required
@limits.login_per_address
@limits.password_check_per_account
def change_password():
    """Change the password; every other device is signed out."""
    user = current_member()
    try:
        services.change_password(
            user, request.form.get("current_password", ""), request.form.get("new_password", "")
        )
    except DomainError as problem:
        return render_account(forms.field_errors([problem], "current_password"), status=problem.status)
    start_session(user)
    return redirect(url_for("accounts.account", done="password"))


@bp.post("/account/delete")
@login_required
@limits.login_per_address
@limits.password_check_per_account
def delete_account():
    """Delete the account after the password; the member chose whether their texts stay unsigned."""
    try:
        deletion.delete_account(
            current_member(), request.form.get("delete_password", ""), request.form.get("keep_posts") == "1"
        )
    except DomainError as problem:
        problem.field = "delete_password" if problem.field == "password" else problem.field
        return render_account(forms.field_errors([problem], "delete_password"), status=problem.status)
    end_session(forget_device=True)
    return redirect(url_for("pages.home", deleted=1))


@bp.post("/account/recovery-code")
@login_required
@limits.login_per_address
@limits.password_check_per_account
def replace_recovery_code():
    """Show a new recovery code once."""
    try:
        code = services.new_recovery_code(current_member(), request.form.get("recovery_password", ""))
    except DomainError as problem:
        problem.field = "recovery_password"
        return render_account(forms.field_errors([problem]), status=problem.status)
    return render_template("accounts/recovery_code.html", recovery_code=code, first=False)
