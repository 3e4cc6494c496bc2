"""Alerts whose review date or end date is near (or a review already due): to those who review and end them."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.alert import ACTIVE, alert_state, days_until
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import RecordKind
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for

WITHIN_DAYS = 7  # unless the wing's setting `alert_lapsing_days` says otherwise
SETTING = "alert_lapsing_days"


def within_days(ctx: ServiceContext) -> int:
    value = ctx.repo.get_setting(SETTING)
    return int(value) if value and value.isdigit() and int(value) <= 365 else WITHIN_DAYS


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    window = within_days(ctx)
    items = []
    for alert in ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.ALERT),), limit=5000)):
        if alert_state(alert.status, alert.body, today) != ACTIVE:
            continue
        code = str(alert.body.get("code", ""))
        for what, name in (("review", "review_date"), ("end", "active_to")):
            left = days_until(alert.body.get(name), today)
            if left is not None and left <= window:
                due = str(alert.body[name])
                items.append(InboxItem(f"alert_{what}:{alert.id}:{alert.revision}:{due}", f"alert_{what}", False,
                                       due, alert.prisoner_id, {"code": code, "due": due}))
    return items


LAPSING_ALERTS = InboxSource("alert_lapsing",
                             lambda role: scope_for(role, Action.ANNOTATE, Resource.ALERT) is not None, _collect)
