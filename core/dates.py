"""Dates as people read them, in the reader's language and time zone: "i dag 23:14", "i går 08:02",
"27 nov. 2026". One set-up for every page (the Jinja filters `when` and `day`) and for moderation's labels.

Machine-readable ISO 8601 stays in `<time datetime>` attributes and in the JSON API; people never see it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask
from flask_babel import format_date, format_time, get_timezone
from flask_babel import gettext as _


def local_today(now: datetime | None = None) -> date:
    """Today's date where the reader is (the app's time zone)."""
    zone = get_timezone()
    return (now or datetime.now(zone)).astimezone(zone).date()


def when(moment: datetime | str | None, now: datetime | None = None) -> str:
    """A moment: "i dag 23:14", "i går 08:05"; further back "27 nov. 2026". Takes the ISO 8601 text of a JSON
    shape as well, so pages that render API shapes show the same words."""
    if not moment:
        return ""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    zone = get_timezone()
    local = moment.astimezone(zone)
    today = local_today(now)
    clock = format_time(moment, "HH:mm")
    if local.date() == today:
        return _("today %(time)s", time=clock)
    if local.date() == today - timedelta(days=1):
        return _("yesterday %(time)s", time=clock)
    if local.date() == today + timedelta(days=1):  # when a mute or a suspension ends
        return _("tomorrow %(time)s", time=clock)
    return format_date(local.date(), "medium")


def day(value: date | datetime | None) -> str:
    """A calendar day without a clock: "27 november 2026" (library review dates, account dates)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(get_timezone()).date()
    return format_date(value, "long")


def clock(moment: datetime | None) -> str:
    """Only the time of day, for chat messages of a room's recent history: "23:14"."""
    if moment is None:
        return ""
    return format_time(moment, "HH:mm")


def long_day(value: date) -> str:
    """A day as a heading: "måndag 30 november"."""
    return format_date(value, "EEEE d MMMM")


def configure_dates(app: Flask) -> None:
    """Register the filters every template uses for dates."""
    app.jinja_env.filters["when"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["clock"] = clock
    app.jinja_env.globals["when"] = when
