"""Allocation and risk-management decisions (issue 15 item 4, domain.md §3 rule 9): treatment staff or security
propose one resting on a signed-off assessment of the same prisoner, with reasons, the less restrictive options
considered and a review date; the governor, who did not propose it, approves or refuses it with a reason; the
prisoner is told. Only an approved decision is in force. Every read is audited."""

from __future__ import annotations

from typing import Any

from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.kinds.allocation import ALLOCATION, APPROVED, PROPOSED, REFUSED
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.schema import Field
from wingdesk.services.assessments import AssessmentService
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

_KIND = ALLOCATION.name
_WHY = Field("refusal_reason", "text", required=True, max_len=4000)
_ON = Field("told_on", "date", required=True)


class AllocationService(GuardedService):
    @guarded(Action.CREATE, Resource.ALLOCATION)
    def propose(self, prisoner_id: str, decision: dict[str, Any]) -> Record:
        """A PROPOSED decision; refused unless it rests on a signed-off assessment of this prisoner, names the less
        restrictive options considered and has a review date not in the past."""
        body = ALLOCATION.clean({**decision, "status": PROPOSED, "decided_by": None, "decided_on": None})
        if str(body["review_date"]) < self._today():
            raise ValidationError("review_in_past", field="review_date")
        assessments = AssessmentService(self.ctx, self.gateway, self.audit)
        if not assessments.is_signed_off(prisoner_id, str(body["assessment_id"])):
            raise ValidationError("allocation_needs_assessment", field="assessment_id")
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(_KIND, body, prisoner_id=prisoner_id))

    @guarded(Action.APPROVE, Resource.ALLOCATION)
    def approve(self, allocation_id: str) -> Record:
        return self._decide(allocation_id, {"status": APPROVED})

    @guarded(Action.APPROVE, Resource.ALLOCATION)
    def refuse(self, allocation_id: str, reason: str) -> Record:
        return self._decide(allocation_id, {"status": REFUSED, "refusal_reason": _WHY.clean(reason)})

    @guarded(Action.CREATE, Resource.ALLOCATION)
    def record_told(self, allocation_id: str, told_on: str, how: str) -> Record:
        """The prisoner was told the decision and its reasons (date, how)."""
        previous = self._stored(allocation_id)
        if previous.body["status"] == PROPOSED:
            raise StateError("allocation_not_decided")
        on = _ON.clean(told_on)
        if on > self._today():
            raise ValidationError("in_future", field="told_on")
        return RecordWriter(self.ctx, self.audit).revise(
            previous, ALLOCATION.clean({**previous.body, "told_on": on, "told_how": how}))

    @guarded(Action.READ, Resource.ALLOCATION)
    def in_force(self, prisoner_id: str) -> list[Record]:
        """The prisoner's approved decisions, newest first, as the caller may see them (audited)."""
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:{_KIND}")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        scopes = readable_kinds(self.ctx)
        approved = [r for r in found if r.body.get("status") == APPROVED]
        return [v for r in approved if (v := visible(self.ctx, r, scopes))]

    @guarded(Action.READ, Resource.ALLOCATION)
    def for_prisoner(self, prisoner_id: str) -> list[Record]:
        """Every decision about the prisoner (proposed, approved, refused), newest first, as the caller may see
        them; a summary reader (officer, supervisor) gets only the approved ones (audited)."""
        if self.gateway.scope(Action.READ, Resource.ALLOCATION) is not Scope.ALL:
            return self.in_force(prisoner_id)
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:{_KIND}")
        return self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))

    @guarded(Action.APPROVE, Resource.ALLOCATION)
    def awaiting_approval(self) -> list[Record]:
        """The wing's proposed decisions, oldest first: the governor's approval queue (audited)."""
        self.audit.append(self.user.id, "read_sensitive", f"{_KIND}:awaiting_approval")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), limit=1000))
        return sorted((r for r in found if r.body.get("status") == PROPOSED), key=lambda r: r.recorded_at)

    def _decide(self, allocation_id: str, change: dict[str, Any]) -> Record:
        previous = self._stored(allocation_id)
        if previous.body["status"] != PROPOSED:
            raise StateError("allocation_already_decided")
        if previous.author_id == self.user.id:
            raise StateError("allocation_decide_own")
        body = ALLOCATION.clean({**previous.body, **change, "decided_by": self.user.id, "decided_on": self._today()})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    def _stored(self, allocation_id: str) -> Record:
        record = self.ctx.repo.get_record(allocation_id)
        if record is None or record.kind != _KIND:
            raise NotFound(field="allocation")
        return record

    def _today(self) -> str:
        return self.ctx.clock.now().date().isoformat()
