"""Special groups and whereabouts in words: "Young adult (under 21), woman, first time in custody";
"Out: court since 09:10, due back 14:00 (overdue)"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from wingdesk.domain.special_groups import FEMALE, FIRST_TIME, YOUNG_ADULT
from wingdesk.gui.labels import code_label
from wingdesk.gui.when import when
from wingdesk.i18n import _
from wingdesk.i18n.formats import format_time, local


def group_label(code: str, young_age: int, short: bool = False) -> str:
    """The group's name; `short` for the roster's narrow column ("Young adult", "First time")."""
    if code == YOUNG_ADULT:
        return _("Young adult") if short else _("Young adult (under {age})").format(age=young_age)
    if code == FEMALE:
        return _("Woman")
    if code == FIRST_TIME:
        return _("First time") if short else _("First time in custody")
    return code


def groups_text(codes: tuple[str, ...], young_age: int, short: bool = False) -> str:
    return ", ".join(group_label(c, young_age, short) for c in codes)


def is_overdue(expected_back: str | None) -> bool:
    if not expected_back:
        return False
    return datetime.fromisoformat(expected_back.replace("Z", "+00:00")) < datetime.now(UTC)


def whereabouts_text(prisoner: Any) -> str:
    """Where the prisoner is now, from the profile's status and open movement."""
    if prisoner.status != "IN_CUSTODY":
        return code_label(prisoner.status)
    if not prisoner.location:
        return _("On the wing")
    if not prisoner.expected_back:  # out with no time set for the return
        return _("Out: {place}").format(place=code_label(prisoner.location))
    text = _("Out: {place}, due back {time}").format(place=code_label(prisoner.location),
                                                      time=short_when(prisoner.expected_back))
    return _("{text} (overdue)").format(text=text) if is_overdue(prisoner.expected_back) else text


def short_when(value: str) -> str:
    """The time alone for a moment of today, else date and time ("14:00"; "6 Dec 2026 at 14:00")."""
    moment = local(value)
    return format_time(moment) if moment.date() == datetime.now().astimezone().date() else when(value)
