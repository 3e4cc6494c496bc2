"""Deadlines a special-group admission sets (issue 15 item 3, domain.md §3 rule 14, §5 scenario 12): a young,
female or first-time prisoner is screened within 24 hours of admission and has their needs assessed within 14 days.
Both periods are the service's setting. A deadline is met once an assessment made with that instrument has been
rated (the screening took place); nothing here judges its outcome.

The roster knows the admission day, not the hour, so a deadline counted in hours runs from the start of that day
and falls due on the day it ends (24 hours: the day after admission)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.people import Prisoner

SCREENING, NEEDS = "wd.reception_screening", "wd.needs_assessment"
SCREENING_HOURS, NEEDS_DAYS = 24, 14  # the defaults (issue 15 item 3)
HOURS_RANGE, DAYS_RANGE = (1, 168), (1, 90)
WINDOW_DAYS = 90  # an admission further back than this is no longer an admission deadline


@dataclass(frozen=True)
class DeadlineSettings:
    screening_hours: int = SCREENING_HOURS
    needs_days: int = NEEDS_DAYS

    def __post_init__(self) -> None:
        for name, value, (low, high) in (("screening_hours", self.screening_hours, HOURS_RANGE),
                                         ("needs_days", self.needs_days, DAYS_RANGE)):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValidationError("out_of_range", field=name, minimum=low, maximum=high)


@dataclass(frozen=True)
class Deadline:
    prisoner_id: str
    instrument_id: str  # SCREENING or NEEDS
    due: date
    groups: tuple[str, ...]


def admission_deadlines(prisoner: Prisoner, groups: tuple[str, ...], done: Collection[str], today: date,
                        settings: DeadlineSettings = DeadlineSettings()) -> list[Deadline]:
    """The deadlines still open for a prisoner in a special group: those whose instrument is not in `done` (the
    instruments the prisoner has a rated assessment with). None without a group or an admission date, or for an
    admission more than WINDOW_DAYS ago."""
    if not groups or not prisoner.admission_date:
        return []
    admitted = date.fromisoformat(prisoner.admission_date)
    if (today - admitted).days > WINDOW_DAYS:
        return []
    due = {SCREENING: admitted + timedelta(days=-(-settings.screening_hours // 24)),
           NEEDS: admitted + timedelta(days=settings.needs_days)}
    return [Deadline(prisoner.id, instrument, day, groups) for instrument, day in due.items() if instrument not in done]
