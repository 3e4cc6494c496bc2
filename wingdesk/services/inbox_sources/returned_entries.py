"""Log entries a supervisor returned, waiting for their author's answer."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.daily_log import DayEvent, DayState
from wingdesk.domain.inbox import InboxItem
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _waiting(events: list[tuple[str, str, str, str | None]]) -> dict[str, str]:
    """Entry id -> when it was returned, for returns not yet answered since the last resubmission."""
    waiting: dict[str, str] = {}
    for event, _actor, at, entry_id in events:
        if event == DayEvent.RESUBMIT:
            waiting.clear()
        elif event == DayEvent.RETURN and entry_id:
            waiting[entry_id] = at
        elif event == DayEvent.ANNOTATE and entry_id:
            waiting.pop(entry_id, None)
    return waiting

def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    items = []
    for day in ctx.repo.days_in_states(ctx.wing, (DayState.RETURNED,)):
        for entry_id, at in _waiting(ctx.repo.day_events(ctx.wing, day.day)).items():
            entry = ctx.repo.get_record(entry_id)
            if entry is not None and entry.author_id == ctx.user.id:
                items.append(InboxItem(f"returned_entry:{entry_id}:{at}", "returned_entry", False, at,
                                       entry.prisoner_id, {"day": day.day,
                                                           "entry_type": str(entry.body.get("entry_type", ""))}))
    return items

RETURNED_ENTRIES = InboxSource("returned_entry",
                               lambda role: scope_for(role, Action.CREATE, Resource.LOG_ENTRY) is not None,
                               _collect)

