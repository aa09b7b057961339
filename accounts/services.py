"""Account services: the rules views, the JSON API and the CLI all call. Only services commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from accounts.age_gate import check_age, parse_birth_date, young_until
from accounts.credentials import (
    check_password,
    generate_recovery_code,
    new_session_secret,
    normalize_recovery_code,
    normalize_username,
)
from accounts.errors import (
    GuidelinesNotAccepted,
    InvalidCredentials,
    PseudonymRedrawTooSoon,
    Suspended,
    UsernameTaken,
)
from accounts.hashing import hash_secret, needs_rehash, verify_secret
from accounts.models import ROLES, Pseudonym, User
from accounts.pseudonyms import generate_pseudonym
from core.database import utcnow
from core.exceptions import DomainError, InvalidInput
from core.extensions import db

PSEUDONYM_ATTEMPTS = 50


@dataclass(frozen=True)
class NewAccount:
    """A member just created, with the recovery code to show them once."""
    user: User
    recovery_code: str


def today() -> date:
    """The date the age gate counts from (Swedish calendar day)."""
    return datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()


def password_rules(username: str | None, password: object, field: str = "password") -> str:
    """Apply the configured password policy."""
    config = current_app.config
    return check_password(
        password,
        username,
        min_length=config["PASSWORD_MIN_LENGTH"],
        max_length=config["PASSWORD_MAX_LENGTH"],
        field=field,
    )


def signup_problems(
    username: object, password: object, birth_date: object, accepted_guidelines: object, on: date
) -> list[DomainError]:
    """Every reason to refuse this signup, the age gate first; an empty list means it may go ahead."""
    config = current_app.config
    problems: list[DomainError] = []
    try:
        check_age(parse_birth_date(birth_date, on), on, config["MIN_AGE"], config["MAX_AGE"])
    except DomainError as problem:
        problems.append(problem)
    name = None
    try:
        name = normalize_username(username)
    except DomainError as problem:
        problems.append(problem)
    try:
        password_rules(name, password)
    except DomainError as problem:
        problems.append(problem)
    if accepted_guidelines is not True:
        problems.append(GuidelinesNotAccepted())
    if name and not problems and username_exists(name):
        problems.append(UsernameTaken())
    return problems


def username_exists(name: str) -> bool:
    """Whether a normalized login name is taken."""
    return db.session.scalar(select(User.id).where(User.username == name)) is not None


def signup(username: object, password: object, birth_date: object, accepted_guidelines: object) -> NewAccount:
    """Create a member with a fresh pseudonym. Refused signups store nothing, not even the birth date."""
    on = today()
    problems = signup_problems(username, password, birth_date, accepted_guidelines, on)
    if problems:
        problems[0].also = problems[1:]
        raise problems[0]
    recovery_code = generate_recovery_code()
    now = utcnow()
    # The birth date lives only in this call: what is kept is the day a member under 26 turns 26.
    born = parse_birth_date(birth_date, on)
    user = User(
        username=normalize_username(username),
        password_hash=hash_secret(password),
        recovery_code_hash=hash_secret(normalize_recovery_code(recovery_code)),
        session_secret=new_session_secret(),
        age_verified_at=now,
        young_until=young_until(born, on),
        young_checked_at=now,
        created_at=now,
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError as error:  # lost a race for the same login name
        db.session.rollback()
        raise UsernameTaken() from error
    assign_new_pseudonym(user, now)
    db.session.commit()
    return NewAccount(user=user, recovery_code=recovery_code)


def assign_new_pseudonym(user: User, now: datetime) -> Pseudonym:
    """Retire the member's current pseudonym (if any) and give them a new, never-used one. Does not commit."""
    for current in db.session.scalars(
        select(Pseudonym).where(Pseudonym.user_id == user.id, Pseudonym.retired_at.is_(None))
    ):
        current.retired_at = now
    db.session.flush()
    for _ in range(PSEUDONYM_ATTEMPTS):
        name = generate_pseudonym()
        if db.session.scalar(select(Pseudonym.id).where(Pseudonym.name == name)) is not None:
            continue
        pseudonym = Pseudonym(name=name, user_id=user.id, created_at=now)
        try:
            with db.session.begin_nested():
                db.session.add(pseudonym)
        except IntegrityError:  # drawn by someone else at the same moment
            continue
        db.session.expire(user, ["pseudonym"])
        return pseudonym
    raise RuntimeError("could not draw an unused pseudonym")


def pseudonym_redraw_available_at(user: User) -> datetime | None:
    """When the member may next draw a new pseudonym (None: now).

    The first redraw is free, so a newcomer who dislikes the name they were given can change it at once;
    after that the interval counts from the last redraw.
    """
    has_redrawn = db.session.scalar(
        select(Pseudonym.id).where(Pseudonym.user_id == user.id, Pseudonym.retired_at.is_not(None)).limit(1)
    )
    if has_redrawn is None:
        return None
    available_at = user.pseudonym.created_at + current_app.config["PSEUDONYM_REDRAW_INTERVAL"]
    return available_at if available_at > utcnow() else None


def draw_new_pseudonym(user: User) -> Pseudonym:
    """Give the member a new pseudonym; old posts keep the old one, which is never reissued."""
    available_at = pseudonym_redraw_available_at(user)
    if available_at is not None:
        raise PseudonymRedrawTooSoon(available_at)
    pseudonym = assign_new_pseudonym(user, utcnow())
    db.session.commit()
    return pseudonym


def find_by_username(username: object) -> User | None:
    """Look a member up by login name, however it was typed."""
    try:
        name = normalize_username(username)
    except DomainError:
        return None
    return db.session.scalar(select(User).where(User.username == name))


def ensure_not_suspended(user: User) -> None:
    """Refuse a banned or currently suspended member."""
    if user.is_suspended(utcnow()):
        raise Suspended(None if user.banned else user.suspended_until)


def authenticate(username: object, password: object) -> User:
    """The member with this login name and password. Unknown names cost the same time as wrong passwords."""
    user = find_by_username(username)
    secret = password if isinstance(password, str) else ""
    if not verify_secret(user.password_hash if user else None, secret) or user is None:
        raise InvalidCredentials()
    ensure_not_suspended(user)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_secret(secret)
        db.session.commit()
    return user


def recover(username: object, recovery_code: object, new_password: object) -> NewAccount:
    """Set a new password with the one-time recovery code, which is then replaced by a new one."""
    user = find_by_username(username)
    code = normalize_recovery_code(recovery_code)
    if not verify_secret(user.recovery_code_hash if user else None, code) or user is None:
        raise InvalidCredentials("invalid_recovery")
    password_rules(user.username, new_password, field="new_password")
    new_code = generate_recovery_code()
    user.password_hash = hash_secret(new_password)
    user.recovery_code_hash = hash_secret(normalize_recovery_code(new_code))
    user.session_version += 1
    db.session.commit()
    return NewAccount(user=user, recovery_code=new_code)


def change_password(user: User, current_password: object, new_password: object) -> None:
    """Replace the password after checking the current one; every other session is cut."""
    secret = current_password if isinstance(current_password, str) else ""
    if not verify_secret(user.password_hash, secret):
        raise InvalidCredentials(field="current_password")
    password_rules(user.username, new_password, field="new_password")
    user.password_hash = hash_secret(new_password)
    user.session_version += 1
    db.session.commit()


def new_recovery_code(user: User, current_password: object) -> str:
    """Replace the recovery code (for a member who lost it but still knows the password)."""
    secret = current_password if isinstance(current_password, str) else ""
    if not verify_secret(user.password_hash, secret):
        raise InvalidCredentials(field="current_password")
    code = generate_recovery_code()
    user.recovery_code_hash = hash_secret(normalize_recovery_code(code))
    db.session.commit()
    return code


def end_all_sessions(user: User) -> None:
    """Cut every session of the member, on every device."""
    user.session_version += 1
    db.session.commit()


def set_stay_signed_in_on_exit(user: User, stay: bool) -> None:
    """The member's choice: does quick exit also sign them out (the default) or not."""
    user.stay_signed_in_on_exit = bool(stay)
    db.session.commit()


def set_role(username: object, role: str) -> User:
    """Give a member the role member, moderator, editor or admin."""
    if role not in ROLES:
        raise InvalidInput(field="role")
    user = find_by_username(username)
    if user is None:
        raise InvalidCredentials()
    user.role = role
    db.session.commit()
    return user


def public_profile(user: User) -> dict:
    """All that others may know about a member."""
    return {"pseudonym": user.pseudonym.name, "role": user.role}


def find_pseudonym(name: object) -> Pseudonym:
    """A pseudonym by its exact name (case-insensitive), or a clear error."""
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("unknown_pseudonym", field="pseudonym")
    # Pseudonyms are "Adjective Noun NN": capitalising each word matches however the name was typed
    # (SQLite's lower() knows only ASCII, so the database cannot fold "ÖPPEN" for us).
    typed = " ".join(name.split())
    canonical = " ".join(word.capitalize() for word in typed.split())
    pseudonym = db.session.scalar(select(Pseudonym).where(Pseudonym.name.in_({typed, canonical})))
    if pseudonym is None:
        raise InvalidInput("unknown_pseudonym", field="pseudonym")
    return pseudonym
