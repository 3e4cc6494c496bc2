"""Treatment plan reviews that are overdue: to the plan's authors and the governor (domain.md §5 scenario 9). An
author is whoever wrote a revision of the plan; the agreement that made it ACTIVE (the lead's) is not writing, so
the psychologist who wrote an agreed plan still hears when its review is overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import RecordKind
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, Scope, scope_for
from wingdesk.services.treatment import plan_authors

_DONE = ("CLOSED", "REJECTED")


def next_review(body: dict[str, Any]) -> str | None:
    """The plan's next review date: the last review's next date, else the first review date."""
    reviews = body.get("reviews") or []
    found = reviews[-1].get("next_review_date") if reviews else body.get("first_review_date")
    return str(found) if found else None


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    mine_only = ctx.user.role is not Role.GOVERNOR
    items = []
    for plan in ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.PLAN),), limit=5000)):
        due = next_review(plan.body)
        if plan.body.get("status") in _DONE or not due or due >= today.isoformat():
            continue
        if mine_only and ctx.user.id not in plan_authors(ctx.repo.record_revisions(plan.id)):
            continue
        items.append(InboxItem(f"plan_review:{plan.id}:{due}", "plan_review_overdue", False, due, plan.prisoner_id,
                               {"due": due}))
    return items


PLAN_REVIEWS = InboxSource("plan_review_overdue",
                           lambda role: scope_for(role, Action.READ, Resource.PLAN) is Scope.ALL, _collect)
