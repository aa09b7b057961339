"""Every retention rule in one call, run hourly by each server process and by `flask maintenance purge`:
chat messages after CHAT_RETENTION_DAYS, resolved flags and review items after FLAG_RETENTION_DAYS, audit
entries after AUDIT_RETENTION_DAYS, private messages between staff and members after
STAFF_MESSAGE_RETENTION_DAYS; search index rows left for text that is gone; and the day a member turned 26
(`users.young_until`) 30 days after it; library uploads left unfinished for LIBRARY_UPLOAD_STALE_HOURS."""

from __future__ import annotations

from flask import current_app

from accounts.young import forget_passed_young_until
from chat.services import purge_expired as purge_chat
from content.uploads import purge_stale_uploads
from forum.search import drop_stale_rows
from moderation.retention import purge_expired as purge_moderation
from moderation.staff_messages import purge_expired as purge_staff_messages


def purge_expired() -> dict[str, int]:
    """Delete what is past its retention period; returns how many rows of each kind went."""
    config = current_app.config
    removed = {"chat_messages": purge_chat(config["CHAT_RETENTION_DAYS"])}
    removed.update(purge_moderation(config["FLAG_RETENTION_DAYS"], config["AUDIT_RETENTION_DAYS"]))
    removed["staff_messages"] = purge_staff_messages(config["STAFF_MESSAGE_RETENTION_DAYS"])
    removed["stale_search_rows"] = drop_stale_rows()
    removed["young_until_dates"] = forget_passed_young_until()
    removed["stale_library_uploads"] = purge_stale_uploads()
    return removed
