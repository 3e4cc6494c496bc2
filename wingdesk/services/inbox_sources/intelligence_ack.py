"""The reporting officer's acknowledgement (issue 16): once security has graded a report made from their
observation, its author is told "received, graded, thank you", and nothing more: neither the grade, nor the
report, nor what it says (the officer can never open the graded report)."""

from __future__ import annotations

from datetime import date

from wingdesk.domain.inbox import InboxItem
from wingdesk.domain.kinds.intelligence import INTELLIGENCE_REPORT, is_graded
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import RecordKind
from wingdesk.services.context import ServiceContext
from wingdesk.services.inbox_sources import InboxSource
from wingdesk.services.policy import Action, Resource, scope_for

_SCAN = 5000  # reports and own observations on one wing: far fewer


def _collect(ctx: ServiceContext, today: date) -> list[InboxItem]:
    own = {r.id: r for r in ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.OBSERVATION),),
                                                              author_id=ctx.user.id, limit=_SCAN))}
    if not own:
        return []
    items: dict[str, InboxItem] = {}
    for report in ctx.repo.list_records(RecordQuery(kinds=(INTELLIGENCE_REPORT.name,), limit=_SCAN)):
        if not is_graded(report.body):
            continue
        for observation_id in report.body.get("observation_ids") or []:
            observation = own.get(observation_id)
            if observation is not None and observation_id not in items:
                items[observation_id] = InboxItem(
                    f"intel_ack:{observation_id}", "intel_ack", False, observation.occurred_at[:10],
                    observation.prisoner_id, {"day": observation.occurred_at[:10]})
    return list(items.values())


INTELLIGENCE_ACK = InboxSource(
    "intel_ack", lambda role: scope_for(role, Action.CREATE, Resource.OBSERVATION) is not None, _collect)
