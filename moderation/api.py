"""JSON API for moderators: the review queue, actions on posts and chat messages, sanctions, audit, notes.
Bodies and answers are the models of moderation/schemas.py and moderation/queue_schemas.py."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from accounts.services import find_pseudonym
from accounts.session import current_member, require_member
from core.exceptions import DomainError, NotFound
from core.schemas import body, documented
from moderation import claims, duty, history, rota, sanctions, services, staff_messages, watchlist
from moderation import queue as review
from moderation import undo as undoing
from moderation.errors import NothingToUndo
from moderation.queue_schemas import (
    ActionBody,
    AuditPage,
    AuditQuery,
    Claim,
    OneReviewItem,
    QueueQuery,
    ReviewItems,
    UndoBody,
)
from moderation.reviewable import registered
from moderation.schemas import (
    Duty,
    DutyBody,
    OneShift,
    OneStaffMessage,
    OneStaffNote,
    OneWatchedWord,
    SanctionBody,
    SanctionRecorded,
    ShiftBody,
    StaffInbox,
    StaffMessageBody,
    StaffMessages,
    StaffNoteBody,
    StaffNotes,
    WaitingMember,
    WatchedWord,
    WatchedWordBody,
    WatchedWords,
    Week,
    WeekQuery,
)

bp = Blueprint("moderation_api", __name__, url_prefix="/api/v1/moderation")

# Moderators only (admins for the rota's changes): a member is 403, a stranger 401.
STAFF = (401, 403)


@bp.before_request
def keep_on_duty():
    """Every moderation action keeps its moderator on duty."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        duty.touch(current_member())


@bp.get("/shifts")
@documented(query=WeekQuery, responses={200: (Week, "The week's shifts")}, errors=(*STAFF, 422))
def shifts():
    """The rota's week (`week`: any day of it, YYYY-MM-DD; this week without), shifts by start"""
    moderator = services.require_moderator(require_member())
    monday = rota.week_start(history.parse_day(request.args.get("week"), "week"))
    days = rota.week(moderator, monday)
    return jsonify(
        week=monday.isoformat(), shifts=[rota.shift_json(s) for _day, found in days for s in found]
    )


@bp.post("/shifts")
@documented(body=ShiftBody, responses={201: (OneShift, "Added")}, errors=(*STAFF, 422))
def add_shift():
    """Admins put a moderator on the rota

    Overlaps are allowed; a start in the past (422 on `starts_at`), an end not after the start or more than
    24 hours later (`ends_at`) and a pseudonym that is not a moderator's current one (`pseudonym`) are
    refused. Times without an offset are Swedish time. Audited as `shift.add`."""
    admin = rota.require_admin(require_member())
    data = body()
    shift = rota.add_shift(admin, data.pseudonym, data.starts_at, data.ends_at)
    return jsonify(shift=rota.shift_json(shift)), 201


@bp.delete("/shifts/<int:shift_id>")
@documented(responses={204: "Removed"}, errors=(*STAFF, 404))
def remove_shift(shift_id: int):
    """Admins take a shift off the rota (audited as `shift.remove`)"""
    rota.remove_shift(rota.require_admin(require_member()), shift_id)
    return "", 204


@bp.get("/duty")
@documented(responses={200: (Duty, "Duty")}, errors=STAFF)
def get_duty():
    """Whether I am on duty ("I tjänst"), until when without further activity, and who is on duty"""
    moderator = services.require_moderator(require_member())
    return jsonify(duty.duty_json(moderator))


@bp.put("/duty")
@documented(body=DutyBody, responses={200: (Duty, "Duty")}, errors=(*STAFF, 422))
def put_duty():
    """Go on duty or off it

    Only moderators on duty count as present in the chat rooms (calm mode); duty ends by itself after
    MODERATOR_DUTY_IDLE_MINUTES without a moderation action. Audited."""
    moderator = services.require_moderator(require_member())
    review.change_duty(moderator, body().on_duty)
    return jsonify(duty.duty_json(moderator))


@bp.get("/queue")
@documented(query=QueueQuery, responses={200: (ReviewItems, "Items")}, errors=(*STAFF, 422))
def queue():
    """The review queue, most urgent first (crisis, personal data, harassment, spam, other)"""
    moderator = services.require_moderator(require_member())
    status = request.args.get("status", "pending")
    if status == "decided" or (status in history.DECIDED and len(request.args) > 1):
        chosen = history.decided_filter(request.args)
        if status != "decided":
            chosen = history.DecidedFilter(status, chosen.moderator, chosen.kind, chosen.since, chosen.until)
        items = history.decided(moderator, chosen)
    else:
        items = services.queue(moderator, status if status in review.STATUSES else "pending")
    return jsonify(items=[review.item_json(item) for item in items])


@bp.post("/<kind>/<int:target_id>")
@documented(
    body=ActionBody,
    responses={200: (OneReviewItem, "The item after the action")},
    errors=(*STAFF, 404, 409, 422),
)
def act(kind: str, target_id: int):
    """Act on a post (`posts`) or chat message (`chat-messages`): hide, restore, delete or dismiss

    `kind` is a registered kind in the plural; `edit` changes a post's text (`body`)."""
    moderator = services.require_moderator(require_member())
    target_kind = kind_from_path(kind, plural_only=True)
    data = body()
    item = services.get_item(target_kind, target_id)
    services.perform(moderator, item, data.action, data.reason, data.body, data.override is True)
    return jsonify(item=review.item_json(item))


@bp.post("/sanctions")
@documented(
    body=SanctionBody, responses={201: (SanctionRecorded, "Sanction recorded")}, errors=(*STAFF, 409, 422)
)
def sanction():
    """Warn, mute (chat), suspend or ban a member by pseudonym; suspensions end sessions

    A name that cannot be sanctioned (unknown, a departed member, oneself, and staff unless the caller is an
    admin) is always the same 422 `invalid` on `pseudonym`, so the answer never reveals who is staff. The
    audit entry names the member by the pseudonym given. The same kind of sanction on the same member
    within 10 minutes is 409 `duplicate_sanction` (field `kind`)."""
    moderator = services.require_moderator(require_member())
    data = body()
    record = sanctions.sanction(moderator, data.pseudonym, data.kind, data.hours, data.reason)
    return jsonify(sanction=review.sanction_json(record)), 201


@bp.get("/audit")
@documented(query=AuditQuery, responses={200: (AuditPage, "Entries")}, errors=(*STAFF, 422))
def audit():
    """Moderator actions, newest first, 50 a page

    Filtered by moderator pseudonym, action (a code such as `post.hide`, or a family such as `sanction`),
    member pseudonym as it was named then, and days `from`/`to` (YYYY-MM-DD, Swedish time). 422 names the
    field at fault."""
    moderator = services.require_moderator(require_member())
    page = history.parse_page(request.args.get("page"))
    entries, pages = history.audit_page(moderator, history.audit_filter(request.args), page)
    return jsonify(entries=[review.audit_json(entry) for entry in entries], page=page, pages=pages)


@bp.get("/members/<path:pseudonym>/notes")
@documented(responses={200: (StaffNotes, "Notes")}, errors=(*STAFF, 404, 422))
def notes(pseudonym: str):
    """Staff notes written about this pseudonym (not the member's other pseudonyms)

    Each signed with its writer's pseudonym at the time."""
    moderator = services.require_moderator(require_member())

    try:
        found = find_pseudonym(pseudonym)
    except DomainError as error:
        raise NotFound() from error
    if found.user_id is None:
        raise NotFound()
    return jsonify(notes=[review.note_json(note) for note in sanctions.staff_notes(moderator, found)])


@bp.post("/members/<path:pseudonym>/notes")
@documented(body=StaffNoteBody, responses={201: (OneStaffNote, "Added")}, errors=(*STAFF, 422))
def add_note(pseudonym: str):
    """Add a staff note"""
    moderator = services.require_moderator(require_member())
    note = sanctions.add_staff_note(moderator, pseudonym, body().body)
    return jsonify(note=review.note_json(note)), 201


def plural(kind: str) -> str:
    """The path name of a kind in the action route: `post` → `posts`, `chat_message` → `chat-messages`."""
    return kind.replace("_", "-") + "s"


def kind_from_path(name: str, plural_only: bool = False) -> str:
    """The registered kind a path names: its plural, or (in `/items/…`) the kind itself; else 404."""
    for kind in registered():
        if name == plural(kind) or (not plural_only and name == kind):
            return kind
    raise NotFound()


def item_from_path(kind: str, target_id: int):
    """The existing review item named by `/items/<kind>/<id>` (a claim never creates one)."""
    return services.existing_item(kind_from_path(kind), target_id)


@bp.post("/items/<kind>/<int:target_id>/claim")
@documented(responses={200: (Claim, "Who holds the item now")}, errors=(*STAFF, 404, 409))
def claim(kind: str, target_id: int):
    """ "I'll take this one": claim a queue item (409 `claimed_by_another` names who holds it)

    `kind`: a registered kind (`post`, `chat_message`) or its plural (`posts`, `chat-messages`);
    colleagues see who handles the item and since when."""
    moderator = services.require_moderator(require_member())
    return jsonify(claims.claim_json(claims.claim(moderator, item_from_path(kind, target_id))))


@bp.post("/items/<kind>/<int:target_id>/undo")
@documented(
    body=UndoBody, responses={200: (OneReviewItem, "The item after the undo")}, errors=(*STAFF, 404, 409, 422)
)
def undo(kind: str, target_id: int):
    """Undo the item's last decision

    Status, visibility and text as they were before it (flags reopen if it was waiting). Undoing an undo
    redoes. Audited as `<kind>.undo`. The body may be left out."""
    moderator = services.require_moderator(require_member())
    data = body()
    try:
        item = item_from_path(kind, target_id)
    except NotFound:
        # A text that exists but was never reviewed has no decision to undo (and gets no empty item).
        services.get_target(kind_from_path(kind), target_id)
        raise NothingToUndo() from None
    item = undoing.undo(moderator, item, data.reason if "reason" in data.model_fields_set else "")
    return jsonify(item=review.item_json(item))


@bp.delete("/items/<kind>/<int:target_id>/claim")
@documented(responses={200: (Claim, "Who holds the item now")}, errors=(*STAFF, 404))
def release(kind: str, target_id: int):
    """Release a claim (any moderator may: a claim left behind is no dead end)"""
    moderator = services.require_moderator(require_member())
    return jsonify(claims.claim_json(claims.release(moderator, item_from_path(kind, target_id))))


@bp.get("/members/<path:pseudonym>/messages")
@documented(responses={200: (StaffMessages, "Oldest first")}, errors=(*STAFF, 404))
def member_messages(pseudonym: str):
    """The private conversation with one of a member's names (only that name's messages)"""
    moderator = services.require_moderator(require_member())
    _named, messages = staff_messages.staff_conversation(moderator, pseudonym)
    return jsonify(messages=[staff_messages.staff_message_json(message) for message in messages])


@bp.post("/members/<path:pseudonym>/messages/read")
@documented(responses={204: "Marked"}, errors=(*STAFF, 404))
def member_messages_read(pseudonym: str):
    """Mark the member's answers under this name read (writing to them does so too)"""
    staff_messages.mark_read_by_staff(services.require_moderator(require_member()), pseudonym)
    return "", 204


@bp.post("/members/<path:pseudonym>/messages")
@documented(body=StaffMessageBody, responses={201: (OneStaffMessage, "Sent")}, errors=(*STAFF, 404, 422))
def message_member(pseudonym: str):
    """Write privately to a member; they get the `staff_message` socket event at once"""
    moderator = services.require_moderator(require_member())
    message = staff_messages.send_to_member(moderator, pseudonym, body().body)
    return jsonify(message=staff_messages.staff_message_json(message)), 201


@bp.get("/staff-inbox")
@documented(responses={200: (StaffInbox, "Members waiting")}, errors=STAFF)
def staff_inbox():
    """Members whose answers to the staff nobody has read yet, crisis first"""
    moderator = services.require_moderator(require_member())
    waiting = staff_messages.unanswered(moderator)
    return jsonify(StaffInbox(members=[WaitingMember(**row) for row in waiting]).dump())


@bp.get("/watched-words")
@documented(responses={200: (WatchedWords, "Words")}, errors=STAFF)
def watched_words():
    """Watched words (moderators)"""
    moderator = services.require_moderator(require_member())
    words = watchlist.list_watched_words(moderator)
    return jsonify(WatchedWords(words=[WatchedWord.of(word) for word in words]).dump())


@bp.post("/watched-words")
@documented(body=WatchedWordBody, responses={201: (OneWatchedWord, "Watched")}, errors=(*STAFF, 422))
def add_watched_word():
    """Block, hold or flag a word"""
    moderator = services.require_moderator(require_member())
    data = body()
    word = watchlist.add_watched_word(moderator, data.word, data.action)
    return jsonify(OneWatchedWord(word=WatchedWord.of(word)).dump()), 201


@bp.delete("/watched-words/<path:word>")
@documented(responses={204: "Removed"}, errors=(*STAFF, 404))
def remove_watched_word(word: str):
    """Stop watching a word"""
    watchlist.remove_watched_word(services.require_moderator(require_member()), word)
    return "", 204
