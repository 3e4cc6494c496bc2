"""A prisoner's extremism status (issue 15 item 3, domain.md §2.2 `veo_status`, §5 scenario 12): security or the
governor set it with its basis; a radicalisation concern needs a review date and lapses unless a countersigned
assessment renews it (domain/veo_rules.py). Each setting is a signed record that travels to HQ; every read is
audited."""

from __future__ import annotations

from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.kinds.veo_status import VEO_STATUS
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.veo_rules import VeoInForce, veo_in_force
from wingdesk.services.assessments import AssessmentService
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.record_writer import RecordWriter


class VeoStatusService(GuardedService):
    @guarded(Action.CREATE, Resource.VEO_STATUS)
    def set(self, prisoner_id: str, status: str, basis: str, review_date: str | None = None) -> Record:
        """Set the status with its basis; a concern with its review date, which may not be in the past."""
        if self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today()) is None:
            raise NotFound(field="prisoner")
        body = VEO_STATUS.clean({"veo_status": status, "basis": basis, "review_date": review_date})
        if body.get("review_date") and str(body["review_date"]) < self.ctx.clock.today().isoformat():
            raise ValidationError("review_in_past", field="review_date")
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(VEO_STATUS.name, body, prisoner_id=prisoner_id))

    @guarded(Action.READ, Resource.VEO_STATUS)
    def in_force(self, prisoner_id: str) -> VeoInForce:
        """The status in force today: the latest one set at the wing (else the roster's), a concern lapsed past
        its review date unless a countersigned assessment renewed it (audited)."""
        prisoner = self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today())
        if prisoner is None:
            raise NotFound(field="prisoner")
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:{VEO_STATUS.name}")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(VEO_STATUS.name,), prisoner_id=prisoner_id, limit=500))
        latest = max(found, key=lambda r: r.recorded_at, default=None)
        status, set_on, review = (str(latest.body["veo_status"]), latest.recorded_at, latest.body.get("review_date")) \
            if latest is not None else (prisoner.veo_status, "", None)
        renewals = AssessmentService(self.ctx, self.gateway, self.audit).signed_off_reviews(prisoner_id)
        return veo_in_force(status, set_on, review, renewals, self.ctx.clock.today())

    @guarded(Action.READ, Resource.VEO_STATUS)
    def history(self, prisoner_id: str) -> list[Record]:
        """Every status set at the wing for the prisoner, newest first, with its basis and review date (audited)."""
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:{VEO_STATUS.name}:history")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(VEO_STATUS.name,), prisoner_id=prisoner_id, limit=500))
        return sorted(found, key=lambda r: r.recorded_at, reverse=True)
