"""What waits for the governor (issue 15 items 2 and 4): allocation decisions proposed and not yet approved or
refused, and agreed assessments not yet countersigned; each leaves the inbox once decided. Codes and dates only:
never reasons, ratings or formulation."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.allocation import ALLOCATION, PROPOSED
from wingdesk.domain.kinds.assessment import AGREED, ASSESSMENT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.roles import Role
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for


def _proposed(ctx: ServiceContext, today: date) -> list[InboxItem]:
    heads = ctx.repo.list_records(RecordQuery(kinds=(ALLOCATION.name,), limit=5000))
    return [InboxItem(f"allocation_proposed:{h.id}", "allocation_proposed", False, h.recorded_at, h.prisoner_id,
                      {"decision": str(h.body.get("decision_type"))})
            for h in heads if h.body.get("status") == PROPOSED and h.author_id != ctx.user.id]


def _agreed(ctx: ServiceContext, today: date) -> list[InboxItem]:
    heads = ctx.repo.list_records(RecordQuery(kinds=(ASSESSMENT.name,), limit=5000))
    return [InboxItem(f"assessment_to_countersign:{h.id}", "assessment_to_countersign", False, h.recorded_at,
                      h.prisoner_id, {"kind": str(h.body.get("assessment_kind"))})
            for h in heads if h.body.get("status") == AGREED
            and ctx.user.id not in (h.body.get("assessor_a"), h.body.get("assessor_b"))]


def _approves_allocations(role: Role) -> bool:
    return scope_for(role, Action.APPROVE, Resource.ALLOCATION) is not None


def _countersigns(role: Role) -> bool:
    return scope_for(role, Action.APPROVE, Resource.ASSESSMENT) is not None


ALLOCATIONS_PROPOSED = InboxSource("allocation_proposed", _approves_allocations, _proposed)
ASSESSMENTS_AGREED = InboxSource("assessment_to_countersign", _countersigns, _agreed)
