"""What moderators read instead of codes: reason, action, status and target labels, and times in local form.

Defined once here, used by the queue, the decided tab and the audit log (pages and, as `*_label`, the API).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask_babel import format_date, format_time, get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from core.dates import long_day, when
from core.errors import message_for
from moderation.reviewable import kinds

REASON_LABELS = {
    "crisis": _l("Someone may be in danger"),
    "grooming": _l("Grooming signal"),
    "personal_info": _l("Personal data"),
    "harassment": _l("Harassment"),
    "spam": _l("Spam"),
    "other": _l("Other"),
    "held": _l("Held for approval"),
}

STATUS_LABELS = {
    "pending": _l("Waiting"),
    "approved": _l("Restored"),
    "hidden": _l("Hidden"),
    "deleted": _l("Deleted"),
    "dismissed": _l("Flags dismissed"),
}

# What a sanction is given for, as choices on the forms (the API takes any reason text).
SANCTION_REASONS = {
    "harassment": _l("Harassment"),
    "guidelines": _l("Broke the guidelines"),
    "personal_info": _l("Shared personal data"),
    "spam": _l("Spam"),
    "other": _l("Other"),
}

# Durations for mutes and suspensions, in hours.
SANCTION_HOURS = {
    1: _l("1 hour"),
    24: _l("1 day"),
    72: _l("3 days"),
    168: _l("1 week"),
    720: _l("30 days"),
}

ACTION_LABELS = {
    "post.hide": _l("Hid a post"),
    "post.restore": _l("Restored a post"),
    "post.delete": _l("Deleted a post"),
    "post.dismiss": _l("Dismissed flags on a post"),
    "post.edit": _l("Edited a post"),
    "post.undo": _l("Undid a decision on a post"),
    "chat_message.hide": _l("Hid a chat message"),
    "chat_message.restore": _l("Restored a chat message"),
    "chat_message.delete": _l("Deleted a chat message"),
    "chat_message.dismiss": _l("Dismissed flags on a chat message"),
    "chat_message.remove": _l("Removed a chat message"),
    "chat_message.undo": _l("Undid a decision on a chat message"),
    "sanction.warning": _l("Warning"),
    "sanction.mute": _l("Chat mute"),
    "sanction.suspend": _l("Suspension"),
    "sanction.ban": _l("Permanent ban"),
    "thread.title": _l("Retitled a thread"),
    "watched_word.block": _l("Blocked a word"),
    "watched_word.hold": _l("Made a word hold texts"),
    "watched_word.flag": _l("Made a word flag texts"),
    "watched_word.remove": _l("Removed a watched word"),
    "shift.add": _l("Added a shift to the rota"),
    "shift.remove": _l("Removed a shift from the rota"),
    "duty.on": _l("Went on duty"),
    "duty.off": _l("Went off duty"),
    "item.claim": _l("Took an item"),
    "item.release": _l("Released an item"),
    "staff_message.send": _l("Wrote privately to a member"),
    "member.note": _l("Wrote a staff note"),
    "room.slow_mode": _l("Set slow mode"),
    "room.age_band": _l("Set a room's age band"),
    "category.age_band": _l("Set a category's age band"),
}

# Audit targets are stored in one fixed English form ("post 12 by Lugn Ek"); pages show them translated.
TARGET_PATTERNS = (
    (re.compile(r"^post (\d+) by (.+)$"), _l("post %(id)s by %(name)s")),
    (re.compile(r"^chat_message (\d+) by (.+)$"), _l("chat message %(id)s by %(name)s")),
    (re.compile(r"^post (\d+)$"), _l("post %(id)s")),
    (re.compile(r"^chat_message (\d+)$"), _l("chat message %(id)s")),
    (re.compile(r"^member (.+)$"), _l("member %(name)s")),
    (re.compile(r"^word (.+)$"), _l("word %(name)s")),
    (re.compile(r"^room (.+)$"), _l("room %(name)s")),
)


def reason_label(code: str) -> str:
    """A flag reason as moderators read it."""
    return str(REASON_LABELS.get(code, code))


def action_label(code: str) -> str:
    """An audit action as moderators read it (unknown codes as they are)."""
    return str(ACTION_LABELS.get(code, code))


def status_label(code: str) -> str:
    """A review item's status (its outcome) as moderators read it."""
    return str(STATUS_LABELS.get(code, code))


def target_label(target: str) -> str:
    """An audit target in the reader's language."""
    for pattern, label in TARGET_PATTERNS:
        found = pattern.match(target)
        if found:
            groups = found.groups()
            values = {"id": groups[0], "name": groups[-1]} if len(groups) == 2 else {}
            if len(groups) == 1:
                values = {"id": groups[0], "name": groups[0]}
            return str(label) % values
    return target


def next_moderator_text(moment: datetime | None, now: datetime | None = None) -> str:
    """ "Nästa moderator är här kl. 18:00" (today), "… i morgon kl. 09:00", "… fredag 4 dec. kl. 18:00"."""
    if moment is None:
        return ""
    zone = get_timezone()
    local = moment.astimezone(zone)
    today = (now or datetime.now(zone)).astimezone(zone).date()
    clock = format_time(moment, "HH:mm")
    if local.date() == today:
        return _("The next moderator is here at %(time)s.", time=clock)
    if local.date() == today + timedelta(days=1):
        return _("The next moderator is here tomorrow at %(time)s.", time=clock)
    return _(
        "The next moderator is here on %(day)s at %(time)s.",
        day=format_date(local.date(), "EEEE d MMM"),
        time=clock,
    )


def waited(moment: datetime | None, now: datetime) -> str:
    """How long an item has waited: "väntat 12 min", "väntat 3 tim"."""
    if moment is None:
        return ""
    minutes = max(0, int((now - moment).total_seconds() // 60))
    if minutes < 60:
        return _("waited %(num)s min", num=minutes)
    if minutes < 48 * 60:
        return _("waited %(num)s h", num=minutes // 60)
    return _("waited %(num)s days", num=minutes // (24 * 60))


def labels_context() -> dict:
    """For moderation templates."""
    return {
        "reason_labels": REASON_LABELS,
        "status_labels": STATUS_LABELS,
        # Each registered Reviewable kind names itself ("Inlägg", "Chattmeddelande").
        "kind_labels": {implementation.kind: implementation.label for implementation in kinds()},
        "action_label": action_label,
        "target_label": target_label,
        "when": when,
        "waited": waited,
        "long_day": long_day,
        "sanction_reasons": SANCTION_REASONS,
        "sanction_hours": SANCTION_HOURS,
    }


FIELD_LABELS = {
    "pseudonym": _l("Pseudonym"),
    "kind": _l("Sanction"),
    "hours": _l("Hours"),
    "reason": _l("Reason"),
    "reason_code": _l("Reason"),
    "body": _l("Text"),
    "action": _l("Action"),
    "word": _l("Word or phrase"),
    "note": _l("Note"),
    "from": _l("From"),
    "to": _l("To"),
    "page": _l("Page"),
    "outcome": _l("Outcome"),
    "id": _l("Item"),
    "on_duty": _l("On duty"),
    "starts_at": _l("From"),
    "ends_at": _l("To"),
    "week": _l("Week"),
    "day": _l("Day"),
}

# What to write instead, when a field's value is missing or not valid.
FIELD_HINTS = {
    "hours": _l("Give the number of hours (1 to 8760) for a chat mute or a suspension."),
    "kind": _l("Choose a warning, a chat mute, a suspension or a ban."),
    "from": _l("Write the date as YYYY-MM-DD."),
    "to": _l("Write the date as YYYY-MM-DD."),
    "page": _l("Page numbers start at 1."),
    "starts_at": _l("A shift must start later than now: give a day and a time."),
    "ends_at": _l("A shift ends after it starts, at most 24 hours later."),
    "week": _l("Write the date as YYYY-MM-DD."),
    "day": _l("Write the date as YYYY-MM-DD."),
    "reason": _l("Write a reason (at most 500 characters)."),
}


def field_message(problem) -> str:
    """A form error that names its field: "Timmar: Ange antal timmar …"."""
    field = getattr(problem, "field", None)
    message = message_for(problem)
    if field is None or field not in FIELD_LABELS:
        return message
    if problem.code == "invalid" and field in FIELD_HINTS:
        message = str(FIELD_HINTS[field])
    return _("%(field)s: %(message)s", field=str(FIELD_LABELS[field]), message=message)


def sanction_reason(code: object, detail: object) -> str:
    """The reason a form sends: the chosen reason's label, then the moderator's own words if any."""
    detail = detail.strip() if isinstance(detail, str) else ""
    label = SANCTION_REASONS.get(code) if isinstance(code, str) else None
    if label is None:
        return detail
    return f"{label}: {detail}" if detail else str(label)
