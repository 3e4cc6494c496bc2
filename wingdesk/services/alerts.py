"""Alerts and flags on a prisoner (self-harm risk, keep apart, ...): raise, end, list."""

from __future__ import annotations

from wingdesk.domain.errors import NotFound, StateError
from wingdesk.domain.kinds.alert import ALERT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.record_writer import RecordWriter


class AlertService(GuardedService):
    @guarded(Action.CREATE, Resource.ALERT)
    def raise_alert(self, prisoner_id: str, code: str, description: str, active_from: str,
                    active_to: str | None = None) -> Record:
        body = ALERT.clean({"code": code, "description": description, "active_from": active_from,
                            "active_to": active_to})
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(RecordKind.ALERT, body, prisoner_id=prisoner_id))

    @guarded(Action.ANNOTATE, Resource.ALERT)
    def end_alert(self, alert_id: str) -> Record:
        alert = self.ctx.repo.get_record(alert_id)
        if alert is None or alert.kind != RecordKind.ALERT:
            raise NotFound(field="alert")
        if alert.status != "ACTIVE":
            raise StateError("alert_ended")
        body = {**alert.body, "active_to": self.ctx.clock.today().isoformat()}
        return RecordWriter(self.ctx, self.audit).revise(alert, body, status="ENDED")

    @guarded(Action.READ, Resource.ALERT)
    def active(self, prisoner_id: str | None = None, limit: int = 200) -> list[Record]:
        records = self.ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.ALERT),), prisoner_id=prisoner_id,
                                                         limit=limit))
        return [r for r in records if r.status == "ACTIVE"]
