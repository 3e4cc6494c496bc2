"""Dates, times and numbers in the current language through Babel's CLDR data (names collate in domain.collation)."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_skeleton
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal

from wingdesk.i18n import format_locale


def _parse(value: str | datetime) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def local(value: str | datetime) -> datetime:
    return _parse(value).astimezone()


def format_date(value: str | date, length: str = "medium") -> str:
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return _format_date(day, format=length, locale=format_locale())


# Records are read as evidence: every language shows the 24-hour clock and four-digit years, as the entry forms
# do (CLDR's short formats give Albanian "26.11.26, 7:05 m.d." beside a form that says 19:05). The patterns
# still come from CLDR, through skeletons: day-month-year order, separators and the date-time glue are the
# language's own.
_DATE_SKELETON, _TIME_SKELETON = "yMd", "Hm"


def format_datetime(value: str | datetime, length: str = "short") -> str:
    moment, loc = local(value), format_locale()
    if length != "short":
        return _format_datetime(moment, format=length, locale=loc)
    glue = Locale.parse(loc).datetime_formats["short"]
    return str(glue).format(format_skeleton(_TIME_SKELETON, moment, locale=loc),
                            format_skeleton(_DATE_SKELETON, moment, locale=loc))


def format_time(value: str | datetime, length: str = "short") -> str:
    moment, loc = local(value), format_locale()
    if length != "short":
        return _format_time(moment, format=length, locale=loc)
    return format_skeleton(_TIME_SKELETON, moment, locale=loc)


def format_number(value: int | float) -> str:
    return format_decimal(value, locale=format_locale())
