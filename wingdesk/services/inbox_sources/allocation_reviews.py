"""Allocation decisions past their review date (issue 15 item 4, domain.md §3 rule 10: flags expire or are
reviewed): the prisoner's latest approved decision of a kind (placement, regime, contact) names a review date that
has passed. To those who propose decisions (treatment staff, security) and the governor who approves them; it leaves
the inbox when a newer decision of that kind is approved. Codes and dates only: never the reasons."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.allocation import ALLOCATION, APPROVED
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _latest_approved(heads: list[Record]) -> list[Record]:
    """The newest approved decision per prisoner and kind of decision: it replaces the older ones."""
    latest: dict[tuple[str, str], Record] = {}
    for head in heads:
        if head.body.get("status") != APPROVED or head.prisoner_id is None:
            continue
        key = (head.prisoner_id, str(head.body.get("decision_type")))
        order = (str(head.body.get("decided_on")), head.recorded_at)
        held = latest.get(key)
        if held is None or order > (str(held.body.get("decided_on")), held.recorded_at):
            latest[key] = head
    return list(latest.values())


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    heads = ctx.repo.list_records(RecordQuery(kinds=(ALLOCATION.name,), limit=5000))
    items = []
    for head in _latest_approved(heads):
        due = str(head.body.get("review_date") or "")
        if not due or due >= today.isoformat():
            continue
        items.append(InboxItem(f"allocation_review:{head.id}:{due}", "allocation_review_overdue", False, due,
                               head.prisoner_id, {"due": due, "decision": str(head.body.get("decision_type"))}))
    return items


def _serves(role: Role) -> bool:
    return any(scope_for(role, action, Resource.ALLOCATION) is not None for action in (Action.CREATE, Action.APPROVE))


ALLOCATION_REVIEWS = InboxSource("allocation_review_overdue", _serves, _collect)
