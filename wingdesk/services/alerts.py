"""Alerts and flags on a prisoner (self-harm risk, keep apart, ...): raise, review, end, list.

Reviewing and ending write a new revision of the alert with the reason; the earlier revisions stay readable
(`history`). An alert whose end date has passed is LAPSED: no longer active, though nobody ended it."""

from __future__ import annotations

from dataclasses import dataclass

from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.kinds.alert import ACTIVE, ALERT, ENDED, WELFARE_CODES, alert_state
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.domain.roles import Role
from wingdesk.domain.schema import Field
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.record_writer import RecordWriter

_NOTE = Field("review_note", "text", required=True, max_len=2000)
_END_REASON = Field("end_reason", "text", required=True, max_len=2000)
_SCAN = 5000  # alerts on one wing: far fewer; the bound keeps a damaged store from loading without end


@dataclass(frozen=True)
class AlertView:
    record: Record
    state: str  # ACTIVE, PLANNED, LAPSED or ENDED (domain.kinds.alert.alert_state)



def _alert_field(rule: Field, value: object) -> object:
    """A value cleaned by a rule stricter than the kind's own, its error naming the field by the alert's label."""
    try:
        return rule.clean(value)
    except ValidationError as error:
        error.params.setdefault("kind", ALERT.name)
        raise

class AlertService(GuardedService):
    def _alert(self, alert_id: str) -> Record:
        alert = self.ctx.repo.get_record(alert_id)
        if alert is None or alert.kind != RecordKind.ALERT:
            raise NotFound(field="alert")
        return alert

    def _all(self, prisoner_id: str | None) -> list[Record]:
        return self.ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.ALERT),), prisoner_id=prisoner_id,
                                                      limit=_SCAN))

    @guarded(Action.CREATE, Resource.ALERT)
    def raise_alert(self, prisoner_id: str, code: str, description: str, active_from: str,
                    active_to: str | None = None, review_date: str | None = None) -> Record:
        """A new alert; it needs a review date or an end date (flags are reviewed or they lapse, domain.md §3.10)."""
        body = ALERT.clean({"code": code, "description": description, "active_from": active_from,
                            "active_to": active_to, "review_date": review_date})
        if self.user.role is Role.TREATMENT and body["code"] not in WELFARE_CODES:
            raise self.gateway.deny(Action.CREATE, Resource.ALERT, "code")
        if not body.get("review_date") and not body.get("active_to"):
            raise ValidationError("alert_needs_review_or_end", field="review_date")
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(RecordKind.ALERT, body, prisoner_id=prisoner_id))

    @guarded(Action.ANNOTATE, Resource.ALERT)
    def review_alert(self, alert_id: str, note: str, next_review: str, active_to: str | None = None) -> Record:
        """Record a review: its outcome, the next review date and, if given, a new end date (renews a lapsed one)."""
        alert = self._alert(alert_id)
        if alert.status == ENDED:
            raise StateError("alert_ended")
        today = self.ctx.clock.today()
        body = {**alert.body, "reviewed_on": today.isoformat(), "review_note": _alert_field(_NOTE, note),
                "review_date": Field("review_date", "date", required=True).clean(next_review)}
        if active_to:
            body["active_to"] = active_to
        cleaned = ALERT.clean(body)
        if cleaned["review_date"] < today.isoformat():
            raise ValidationError("review_in_past", field="review_date")
        return RecordWriter(self.ctx, self.audit).revise(alert, cleaned)

    @guarded(Action.ANNOTATE, Resource.ALERT)
    def end_alert(self, alert_id: str, reason: str, end_date: str | None = None) -> Record:
        """End an alert on `end_date` (today if not given; never later than today, never before it started)."""
        alert = self._alert(alert_id)
        if alert.status == ENDED:
            raise StateError("alert_ended")
        today = self.ctx.clock.today().isoformat()
        ended = Field("active_to", "date").clean(end_date) or today
        if ended < str(alert.body.get("active_from", "")):
            raise ValidationError("alert_end_before_start", field="active_to")
        if ended > today:
            raise ValidationError("in_future", field="active_to")
        body = ALERT.clean({**alert.body, "active_to": ended, "end_reason": _alert_field(_END_REASON, reason)})
        return RecordWriter(self.ctx, self.audit).revise(alert, body, status=ENDED)

    @guarded(Action.READ, Resource.ALERT)
    def active(self, prisoner_id: str | None = None, limit: int = 200) -> list[Record]:
        """Alerts in force today: not ended, started, and not past their end date."""
        today = self.ctx.clock.today()
        return [r for r in self._all(prisoner_id) if alert_state(r.status, r.body, today) == ACTIVE][:limit]

    @guarded(Action.READ, Resource.ALERT)
    def for_prisoner(self, prisoner_id: str) -> list[AlertView]:
        """Every alert of one prisoner with its state today: in force first, then by start date, newest first."""
        today = self.ctx.clock.today()
        views = [AlertView(r, alert_state(r.status, r.body, today)) for r in self._all(prisoner_id)]
        order = {ACTIVE: 0, "PLANNED": 1, "LAPSED": 2, ENDED: 3}
        views.sort(key=lambda v: str(v.record.body.get("active_from", "")), reverse=True)
        return sorted(views, key=lambda v: order.get(v.state, 4))

    @guarded(Action.READ, Resource.ALERT)
    def history(self, alert_id: str) -> list[Record]:
        """Every revision of one alert, oldest first: raised, each review, ended."""
        self._alert(alert_id)
        return self.ctx.repo.record_revisions(alert_id)


__all__ = ["AlertService", "AlertView"]
