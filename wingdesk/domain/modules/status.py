"""Where someone stands with one module: never taken, done, refresher due soon, or refresher overdue; and the
date the refresher falls due (the last completion plus the module's refresher interval)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from wingdesk.domain.modules.model import Module

NOT_STARTED, DONE, DUE_SOON, OVERDUE = "not_started", "done", "due_soon", "overdue"
SOON_DAYS = 30


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ModuleStatus:
    module_id: str
    required: bool  # for the person's role
    state: str  # NOT_STARTED, DONE, DUE_SOON, OVERDUE
    completed_on: date | None  # the last completion
    due_on: date | None  # when the refresher falls due (None: no refresher, or never completed)

    @property
    def needs_action(self) -> bool:
        """Required training not done, or its refresher overdue: what the inbox and the home page remind of."""
        return self.required and self.state in (NOT_STARTED, OVERDUE)


def status_of(module: Module, role: str, completions: Iterable[date], today: date) -> ModuleStatus:
    last = max(completions, default=None)
    required = module.required(role)
    if last is None:
        return ModuleStatus(module.module_id, required, NOT_STARTED, None, None)
    if not module.refresher_months:
        return ModuleStatus(module.module_id, required, DONE, last, None)
    due = add_months(last, module.refresher_months)
    if due < today:
        state = OVERDUE
    elif (due - today).days <= SOON_DAYS:
        state = DUE_SOON
    else:
        state = DONE
    return ModuleStatus(module.module_id, required, state, last, due)
