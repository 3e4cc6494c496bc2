"""Reassessments that are overdue (issue 15 item 2): the prisoner's latest countersigned assessment names a next
review date that has passed and no later assessment has been countersigned (each sign-off checked). To those who
assess (treatment staff) and the governor who countersigns.
Codes and dates only: never ratings, rationale or comments."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.assessment import ASSESSMENT, COUNTERSIGNED
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.roles import Role
from wingdesk.services.assessment_signoff import SignOffCheck
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _latest_per_prisoner(ctx: ServiceContext, heads: list[Record]) -> list[Record]:
    """Each prisoner's latest countersigned assessment whose sign-off checks (services/assessment_signoff.py): a
    forged 'countersigned' row neither starts a review cycle nor hides the real one. Newest first per prisoner,
    checked until one holds (usually the first)."""
    claims: dict[str, list[Record]] = {}
    for head in heads:
        if head.body.get("status") == COUNTERSIGNED and head.prisoner_id is not None:
            claims.setdefault(head.prisoner_id, []).append(head)
    check = SignOffCheck(ctx)
    latest = []
    for prisoner_id, found in claims.items():
        found.sort(key=lambda h: (str(h.body.get("countersigned_on")), h.recorded_at), reverse=True)
        held = next((h for h in found if check.holds(prisoner_id, h.id)), None)
        if held is not None:
            latest.append(held)
    return latest


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    heads = ctx.repo.list_records(RecordQuery(kinds=(ASSESSMENT.name,), limit=5000))
    items = []
    for head in _latest_per_prisoner(ctx, heads):
        due = head.body.get("next_review_date")
        if not due or str(due) >= today.isoformat():
            continue
        items.append(InboxItem(f"assessment_review:{head.id}:{due}", "assessment_review_overdue", False, str(due),
                               head.prisoner_id, {"due": str(due), "kind": str(head.body.get("assessment_kind"))}))
    return items


def _serves(role: Role) -> bool:
    return any(scope_for(role, action, Resource.ASSESSMENT) is not None for action in (Action.ANNOTATE, Action.APPROVE))


ASSESSMENT_REVIEWS = InboxSource("assessment_review_overdue", _serves, _collect)
