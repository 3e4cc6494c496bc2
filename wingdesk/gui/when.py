"""Short, translated date-and-time texts for records (CLDR formats of the current language)."""

from __future__ import annotations

from wingdesk.i18n import _
from wingdesk.i18n.formats import format_date, format_time, local


def when(value: str | None) -> str:
    """'26 Nov 2026 at 13:05' in the user's language and time zone; empty for no value."""
    if not value:
        return ""
    moment = local(value)
    return _("{date} at {time}").format(date=format_date(moment.date()), time=format_time(moment))


def day_text(value: str | None, length: str = "medium") -> str:
    return format_date(value, length) if value else ""
