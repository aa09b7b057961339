"""JSON API for moderators: the review queue, actions on posts and chat messages, sanctions, audit, notes."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from accounts.services import find_pseudonym
from accounts.session import current_member, require_member
from core.api import json_body
from core.exceptions import DomainError, NotFound
from moderation import claims, duty, history, rota, sanctions, services, staff_messages, watchlist
from moderation import queue as review
from moderation import undo as undoing
from moderation.errors import NothingToUndo
from moderation.reviewable import registered

bp = Blueprint("moderation_api", __name__, url_prefix="/api/v1/moderation")


@bp.before_request
def keep_on_duty():
    """Every moderation action keeps its moderator on duty."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        duty.touch(current_member())


@bp.get("/shifts")
def shifts():
    """The rota's week (`week=YYYY-MM-DD`, any day of it; this week without)."""
    moderator = services.require_moderator(require_member())
    monday = rota.week_start(history.parse_day(request.args.get("week"), "week"))
    days = rota.week(moderator, monday)
    return jsonify(
        week=monday.isoformat(), shifts=[rota.shift_json(s) for _day, found in days for s in found]
    )


@bp.post("/shifts")
def add_shift():
    """Admins put a moderator on the rota."""
    admin = rota.require_admin(require_member())
    data = json_body()
    shift = rota.add_shift(admin, data.get("pseudonym"), data.get("starts_at"), data.get("ends_at"))
    return jsonify(shift=rota.shift_json(shift)), 201


@bp.delete("/shifts/<int:shift_id>")
def remove_shift(shift_id: int):
    """Admins take a shift off the rota."""
    rota.remove_shift(rota.require_admin(require_member()), shift_id)
    return "", 204


@bp.get("/duty")
def get_duty():
    """Whether I am on duty, until when, and who is on duty now."""
    moderator = services.require_moderator(require_member())
    return jsonify(duty.duty_json(moderator))


@bp.put("/duty")
def put_duty():
    """Go on duty (`{on_duty: true}`) or off it."""
    moderator = services.require_moderator(require_member())
    review.change_duty(moderator, json_body().get("on_duty"))
    return jsonify(duty.duty_json(moderator))


@bp.get("/queue")
def queue():
    """Pending items, most urgent first."""
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
def act(kind: str, target_id: int):
    """hide, restore, delete or dismiss a text of a registered kind: a post (`posts`), a chat message
    (`chat-messages`)."""
    moderator = services.require_moderator(require_member())
    target_kind = kind_from_path(kind, plural_only=True)
    data = json_body()
    item = services.get_item(target_kind, target_id)
    services.perform(
        moderator,
        item,
        data.get("action"),
        data.get("reason"),
        data.get("body"),
        data.get("override") is True,
    )
    return jsonify(item=review.item_json(item))


@bp.post("/sanctions")
def sanction():
    """Warn, mute, suspend or ban a member by pseudonym."""
    moderator = services.require_moderator(require_member())
    data = json_body()
    record = sanctions.sanction(
        moderator, data.get("pseudonym"), data.get("kind"), data.get("hours"), data.get("reason")
    )
    return jsonify(sanction=review.sanction_json(record)), 201


@bp.get("/audit")
def audit():
    """The newest moderator actions."""
    moderator = services.require_moderator(require_member())
    page = history.parse_page(request.args.get("page"))
    entries, pages = history.audit_page(moderator, history.audit_filter(request.args), page)
    return jsonify(entries=[review.audit_json(entry) for entry in entries], page=page, pages=pages)


@bp.get("/members/<path:pseudonym>/notes")
def notes(pseudonym: str):
    """Staff notes on a member (moderators only)."""
    moderator = services.require_moderator(require_member())

    try:
        found = find_pseudonym(pseudonym)
    except DomainError as error:
        raise NotFound() from error
    if found.user_id is None:
        raise NotFound()
    return jsonify(notes=[review.note_json(note) for note in sanctions.staff_notes(moderator, found)])


@bp.post("/members/<path:pseudonym>/notes")
def add_note(pseudonym: str):
    """Add a staff note."""
    moderator = services.require_moderator(require_member())
    note = sanctions.add_staff_note(moderator, pseudonym, json_body().get("body"))
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
def claim(kind: str, target_id: int):
    """ "I'll take this one": colleagues see who handles the item and since when."""
    moderator = services.require_moderator(require_member())
    return jsonify(claims.claim_json(claims.claim(moderator, item_from_path(kind, target_id))))


@bp.post("/items/<kind>/<int:target_id>/undo")
def undo(kind: str, target_id: int):
    """Bring back the state before the item's last decision (undoing an undo redoes it)."""
    moderator = services.require_moderator(require_member())
    data = json_body() if request.content_length else {}
    try:
        item = item_from_path(kind, target_id)
    except NotFound:
        # A text that exists but was never reviewed has no decision to undo (and gets no empty item).
        services.get_target(kind_from_path(kind), target_id)
        raise NothingToUndo() from None
    item = undoing.undo(moderator, item, data.get("reason", ""))
    return jsonify(item=review.item_json(item))


@bp.delete("/items/<kind>/<int:target_id>/claim")
def release(kind: str, target_id: int):
    """Let go of a claim."""
    moderator = services.require_moderator(require_member())
    return jsonify(claims.claim_json(claims.release(moderator, item_from_path(kind, target_id))))


@bp.get("/members/<path:pseudonym>/messages")
def member_messages(pseudonym: str):
    """The conversation between the staff and one of a member's names."""
    moderator = services.require_moderator(require_member())
    _named, messages = staff_messages.staff_conversation(moderator, pseudonym)
    return jsonify(messages=[staff_messages.staff_message_json(message) for message in messages])


@bp.post("/members/<path:pseudonym>/messages/read")
def member_messages_read(pseudonym: str):
    """The member's answers under this name are read (writing to the member marks them read too)."""
    staff_messages.mark_read_by_staff(services.require_moderator(require_member()), pseudonym)
    return "", 204


@bp.post("/members/<path:pseudonym>/messages")
def message_member(pseudonym: str):
    """Write privately to a member; they see it at once if they are online."""
    moderator = services.require_moderator(require_member())
    message = staff_messages.send_to_member(moderator, pseudonym, json_body().get("body"))
    return jsonify(message=staff_messages.staff_message_json(message)), 201


@bp.get("/staff-inbox")
def staff_inbox():
    """Members whose answers to the staff nobody has read yet, crisis first."""
    moderator = services.require_moderator(require_member())
    waiting = staff_messages.unanswered(moderator)
    return jsonify(members=[{**row, "since": row["since"].isoformat()} for row in waiting])


@bp.get("/watched-words")
def watched_words():
    """The watched words and what each does."""
    moderator = services.require_moderator(require_member())
    words = watchlist.list_watched_words(moderator)
    return jsonify(words=[{"word": word.word, "action": word.action} for word in words])


@bp.post("/watched-words")
def add_watched_word():
    """Block, hold or flag a word."""
    moderator = services.require_moderator(require_member())
    data = json_body()
    word = watchlist.add_watched_word(moderator, data.get("word"), data.get("action"))
    return jsonify(word={"word": word.word, "action": word.action}), 201


@bp.delete("/watched-words/<path:word>")
def remove_watched_word(word: str):
    """Stop watching a word."""
    watchlist.remove_watched_word(services.require_moderator(require_member()), word)
    return "", 204
