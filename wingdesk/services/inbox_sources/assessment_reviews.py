"""Reassessments that are overdue (issue 15 item 2): the prisoner's latest countersigned assessment names a next
review date that has passed and no later assessment has been countersigned. To those who assess (treatment staff)
and the governor who countersigns. Codes and dates only: never ratings, rationale or comments."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.assessment import ASSESSMENT, COUNTERSIGNED
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _latest_per_prisoner(heads: list[Record]) -> list[Record]:
    latest: dict[str, Record] = {}
    for head in heads:
        if head.body.get("status") != COUNTERSIGNED or head.prisoner_id is None:
            continue
        key = (str(head.body.get("countersigned_on")), head.recorded_at)
        held = latest.get(head.prisoner_id)
        if held is None or key > (str(held.body.get("countersigned_on")), held.recorded_at):
            latest[head.prisoner_id] = head
    return list(latest.values())


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    heads = ctx.repo.list_records(RecordQuery(kinds=(ASSESSMENT.name,), limit=5000))
    items = []
    for head in _latest_per_prisoner(heads):
        due = head.body.get("next_review_date")
        if not due or str(due) >= today.isoformat():
            continue
        items.append(InboxItem(f"assessment_review:{head.id}:{due}", "assessment_review_overdue", False, str(due),
                               head.prisoner_id, {"due": str(due), "kind": str(head.body.get("assessment_kind"))}))
    return items


def _serves(role: Role) -> bool:
    return any(scope_for(role, action, Resource.ASSESSMENT) is not None for action in (Action.ANNOTATE, Action.APPROVE))


ASSESSMENT_REVIEWS = InboxSource("assessment_review_overdue", _serves, _collect)
