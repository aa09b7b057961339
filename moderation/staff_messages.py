"""Private messages between the moderators and one member.

A moderator writes to the member behind any queue item (or any pseudonym); the member reads them live (the
`staff_message` socket event) and on the page "Från moderatorerna", and may answer the staff only: there are
no member-to-member messages. Members see "the moderators", never which moderator wrote. Every message a
moderator sends is audited (without its text); the member's answers that speak of crisis are marked so staff
see them first and, when nobody reads them, alerts go out as for crisis items (`moderation.alerts`). Kept for
STAFF_MESSAGE_RETENTION_DAYS, exported with the account and erased with it.
"""

from __future__ import annotations

from datetime import timedelta

from flask import url_for
from sqlalchemy import delete, func, select, update

from accounts.models import Pseudonym, User
from accounts.services import find_pseudonym
from core.database import utcnow
from core.exceptions import DomainError, Empty, InvalidInput, NotFound, TooLong
from core.extensions import db
from core.markdown import render_markdown
from core.notices import Notice, announce
from moderation.detectors import find_crisis_language
from moderation.live import announce_queue_change
from moderation.models import StaffMessage
from moderation.services import audit, require_moderator

BODY_MAX = 4000


def clean_body(body: object) -> str:
    """A trimmed message of 1–4,000 characters."""
    if not isinstance(body, str) or not body.strip():
        raise with_field(Empty("staff_message"), "body")
    body = body.strip().replace("\r\n", "\n")
    if len(body) > BODY_MAX:
        raise with_field(TooLong("staff_message", BODY_MAX), "body")
    return body


def with_field(error: DomainError, field: str) -> DomainError:
    """The same refusal, named after the form field it is about."""
    error.field = field
    return error


def pseudonym_named(name: object) -> Pseudonym:
    """A pseudonym a member uses or used (with its member still here), or 404."""
    try:
        pseudonym = find_pseudonym(name)
    except InvalidInput as error:
        raise NotFound() from error
    if pseudonym.user_id is None or db.session.get(User, pseudonym.user_id) is None:
        raise NotFound()
    return pseudonym


def message_json(message: StaffMessage) -> dict:
    """What the member (and the contract) sees of a message."""
    return {
        "id": message.id,
        "from_staff": message.from_staff,
        "body_html": message.body_html,
        "created_at": message.created_at.isoformat(),
    }


def staff_message_json(message: StaffMessage) -> dict:
    """What moderators see: also which moderator wrote, whether it was read, and crisis marks."""
    return {
        **message_json(message),
        "moderator": message.staff_pseudonym,
        "read": message.read_at is not None,
        "crisis": message.crisis,
    }


def send_to_member(moderator: User, name: object, body: object) -> StaffMessage:
    """A moderator writes to a member under the pseudonym they know; the member's open sockets hear it."""
    require_moderator(moderator)
    pseudonym = pseudonym_named(name)
    if pseudonym.user_id == moderator.id:
        raise InvalidInput("unknown_pseudonym", field="pseudonym")
    body = clean_body(body)
    message = StaffMessage(
        member_id=pseudonym.user_id,
        pseudonym_id=pseudonym.id,
        from_staff=True,
        staff_id=moderator.id,
        staff_pseudonym=moderator.pseudonym.name,
        body_source=body,
        body_html=render_markdown(body),
        created_at=utcnow(),
    )
    db.session.add(message)
    db.session.execute(
        update(User)
        .where(User.id == pseudonym.user_id)
        .values(unread_staff_messages=User.unread_staff_messages + 1)
        .execution_options(synchronize_session=False)
    )
    # The member's answers so far under this name are read now: someone from the staff has answered them.
    mark_answers_read(pseudonym.id)
    audit(moderator, "staff_message.send", f"member {pseudonym.name}", "")
    db.session.commit()
    from chat.presence import tell_member  # chat delivers to sockets; moderation only asks it to

    live = message_json(message)
    tell_member(
        pseudonym.user_id, "staff_message", {key: live[key] for key in ("id", "body_html", "created_at")}
    )
    # The header badge and a closed tab's push hear of it too (the push names nobody unless chosen).
    announce([Notice(pseudonym.user_id, "staff_message", url_for("moderation.inbox.messages"))])
    return message


def answer_staff(member: User, body: object) -> StaffMessage:
    """The member writes to the moderators (only to them), filed under the name the staff last wrote to, so
    an answer never shows the staff which new name belongs to an old one."""
    body = clean_body(body)
    last_from_staff = db.session.scalar(
        select(StaffMessage.pseudonym_id)
        .where(StaffMessage.member_id == member.id, StaffMessage.from_staff.is_(True))
        .order_by(StaffMessage.id.desc())
        .limit(1)
    )
    message = StaffMessage(
        member_id=member.id,
        pseudonym_id=last_from_staff or member.pseudonym.id,
        from_staff=False,
        body_source=body,
        body_html=render_markdown(body),
        created_at=utcnow(),
        crisis=bool(find_crisis_language(body)),
    )
    db.session.add(message)
    db.session.commit()
    announce_queue_change()
    return message


def conversation(member_id: int) -> list[StaffMessage]:
    """Every message between the staff and one member, oldest first."""
    return list(
        db.session.scalars(
            select(StaffMessage).where(StaffMessage.member_id == member_id).order_by(StaffMessage.id)
        )
    )


def member_conversation(member: User) -> list[StaffMessage]:
    """The member's conversation with the staff, oldest first (reading it writes nothing)."""
    return conversation(member.id)


def mark_read_by_member(member: User) -> int:
    """The member has seen the staff's messages (the page's script says so after showing them)."""
    marked = db.session.execute(
        update(StaffMessage)
        .where(
            StaffMessage.member_id == member.id,
            StaffMessage.from_staff.is_(True),
            StaffMessage.read_at.is_(None),
        )
        .values(read_at=utcnow())
    ).rowcount
    if marked or member.unread_staff_messages:
        member.unread_staff_messages = 0
        db.session.commit()
    return marked


def staff_conversation(moderator: User, name: object) -> tuple[Pseudonym, list[StaffMessage]]:
    """The conversation with one of a member's names (only that name's messages), oldest first."""
    require_moderator(moderator)
    pseudonym = pseudonym_named(name)
    messages = list(
        db.session.scalars(
            select(StaffMessage).where(StaffMessage.pseudonym_id == pseudonym.id).order_by(StaffMessage.id)
        )
    )
    return pseudonym, messages


def mark_read_by_staff(moderator: User, name: object) -> int:
    """A moderator has read the member's answers under this name."""
    require_moderator(moderator)
    marked = mark_answers_read(pseudonym_named(name).id)
    db.session.commit()
    if marked:
        announce_queue_change()
    return marked


def mark_answers_read(pseudonym_id: int) -> int:
    """The member's unread answers under this name are read by the staff now. Does not commit."""
    return db.session.execute(
        update(StaffMessage)
        .where(
            StaffMessage.pseudonym_id == pseudonym_id,
            StaffMessage.from_staff.is_(False),
            StaffMessage.read_at.is_(None),
        )
        .values(read_at=utcnow())
    ).rowcount


def unanswered(moderator: User) -> list[dict]:
    """Names whose answers no moderator has read yet, crisis first, then the longest waiting."""
    require_moderator(moderator)
    rows = db.session.execute(
        select(
            Pseudonym.name,
            func.count(),
            func.max(StaffMessage.crisis.cast(db.Integer)),
            func.min(StaffMessage.created_at),
        )
        .join(Pseudonym, Pseudonym.id == StaffMessage.pseudonym_id)
        .where(StaffMessage.from_staff.is_(False), StaffMessage.read_at.is_(None))
        .group_by(Pseudonym.name)
    ).all()
    waiting = [
        {"pseudonym": name, "count": count, "crisis": bool(crisis), "since": since}
        for name, count, crisis, since in rows
    ]
    return sorted(waiting, key=lambda row: (not row["crisis"], row["since"]))


def forget_moderator(user: User, *_ignored) -> None:
    """Account deletion: a deleted moderator's name leaves the messages they wrote ("a former moderator")."""
    db.session.execute(
        update(StaffMessage)
        .where(StaffMessage.staff_id == user.id)
        .values(staff_pseudonym=None)
        .execution_options(synchronize_session=False)
    )


def purge_expired(retention_days: int) -> int:
    """Delete messages past the retention period; returns how many went."""
    cutoff = utcnow() - timedelta(days=retention_days)
    removed = db.session.execute(delete(StaffMessage).where(StaffMessage.created_at < cutoff)).rowcount
    db.session.commit()
    return removed
