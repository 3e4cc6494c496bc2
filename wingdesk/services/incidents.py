"""Incident reports: raise a draft (by hand, or from a wing-log search with finds), fill it in, send it for
review, and the supervisor closes it (DRAFT → AWAITING_REVIEW → CLOSED). Every step is a signed revision."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from wingdesk.domain.errors import AccessDenied, NotFound, StateError, ValidationError
from wingdesk.domain.kinds.incident import INCIDENT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, iso
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter
from wingdesk.services.staff_lists import checked_prisoners, checked_staff

KIND = INCIDENT.name
# what an incident's author or the supervisor may change; status moves only through the steps below
EDITABLE = ("incident_type", "place", "description", "injuries", "actions_taken", "referrals", "prisoners",
            "staff")


class IncidentService(GuardedService):
    def _incident(self, incident_id: str) -> Record:
        found = self.ctx.repo.get_record(incident_id)
        if found is None or found.kind != KIND:
            raise NotFound(field="incident")
        return found

    def _may_change(self, incident: Record) -> None:
        """Officers change only drafts they hold; the supervisor anything not yet closed."""
        status = incident.body.get("status")
        if status == "CLOSED":
            raise StateError("incident_closed")
        scope = self.gateway.require(Action.ANNOTATE, Resource.INCIDENT)
        if scope is Scope.OWN and (incident.author_id != self.user.id or status != "DRAFT"):
            raise self.gateway.deny(Action.ANNOTATE, Resource.INCIDENT, f"incident:{incident.id}")

    def _body(self, fields: dict[str, Any]) -> dict[str, Any]:
        body = dict(fields)
        if "prisoners" in body:
            body["prisoners"] = checked_prisoners(self.ctx, body["prisoners"])
        if "staff" in body:
            body["staff"] = checked_staff(self.ctx, body["staff"])
        return body

    @guarded(Action.CREATE, Resource.INCIDENT)
    def create(self, fields: dict[str, Any], occurred_at: str | datetime | None = None) -> Record:
        """A new DRAFT; its envelope names the first prisoner involved, so it shows on their page."""
        unknown = sorted(set(fields) - set(EDITABLE) - {"source_entry_id"})
        if unknown:
            raise ValidationError("unknown_field", field=unknown[0])
        body = INCIDENT.clean({**self._body(fields), "status": "DRAFT"})
        prisoners = body.get("prisoners") or []
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.new_record(KIND, body, prisoner_id=prisoners[0]["prisoner_id"] if prisoners else None,
                                   occurred_at=occurred_at, status="DRAFT")
        return writer.save(record)

    @guarded(Action.CREATE, Resource.INCIDENT)
    def draft_from_search(self, entry: Record) -> Record | None:
        """Called by the wing log when a search entry names what it found: a linked FIND / MOBILE_PHONE / DRUGS draft
        in the searcher's name, in the same transaction as the entry."""
        finds, find_type = entry.body.get("finds"), entry.body.get("find_type")
        if entry.body.get("entry_type") != "SEARCH" or not find_type:
            return None  # "Nothing found." is a search without finds: the searcher names what was found
        if not finds:
            raise ValidationError("required", field="finds")  # the entry's transaction is undone with it
        staff = [{"user_id": self.user.id, "role": "FIRST_ON_SCENE"}]
        prisoners = [{"prisoner_id": entry.prisoner_id, "role": "IN_POSSESSION"}] if entry.prisoner_id else []
        return self.create({"incident_type": find_type, "description": finds,
                            "place": entry.body.get("place") or "", "source_entry_id": entry.id,
                            "staff": staff, "prisoners": prisoners}, occurred_at=entry.occurred_at)

    @guarded(Action.ANNOTATE, Resource.INCIDENT)
    def update(self, incident_id: str, changes: dict[str, Any]) -> Record:
        """A new revision with the changed fields; the status stays where it is."""
        previous = self._incident(incident_id)
        self._may_change(previous)
        unknown = sorted(set(changes) - set(EDITABLE))
        if unknown:
            raise ValidationError("unknown_field", field=unknown[0])
        body = INCIDENT.clean({**previous.body, **self._body(changes)})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    @guarded(Action.ANNOTATE, Resource.INCIDENT)
    def send_for_review(self, incident_id: str) -> Record:
        previous = self._incident(incident_id)
        self._may_change(previous)
        if previous.body.get("status") != "DRAFT":
            raise StateError("incident_not_draft")
        body = INCIDENT.clean({**previous.body, "status": "AWAITING_REVIEW"})
        return RecordWriter(self.ctx, self.audit).revise(previous, body, status="AWAITING_REVIEW")

    @guarded(Action.APPROVE, Resource.INCIDENT)
    def close(self, incident_id: str, review_note: str) -> Record:
        """The supervisor closes a reviewed incident; every field review needs, and their note, must be there."""
        previous = self._incident(incident_id)
        if previous.body.get("status") != "AWAITING_REVIEW":
            raise StateError("incident_not_awaiting_review")
        body = INCIDENT.clean({**previous.body, "review_note": review_note, "status": "CLOSED"})
        return RecordWriter(self.ctx, self.audit).revise(previous, body, status="CLOSED")

    @guarded(Action.READ, Resource.INCIDENT)
    def get(self, incident_id: str) -> Record:
        shown = visible(self.ctx, self._incident(incident_id), readable_kinds(self.ctx))
        if shown is None:
            raise AccessDenied(action="read", resource="incident")
        return shown

    @guarded(Action.READ, Resource.INCIDENT)
    def recent(self, limit: int = 200, since: str | None = None, until: str | None = None,
               status: str | None = None) -> list[Record]:
        scopes = readable_kinds(self.ctx)
        found = self.ctx.repo.list_records(RecordQuery(kinds=(KIND,), since=since, until=until, limit=limit))
        shown = [v for r in found if (v := visible(self.ctx, r, scopes))]
        return [r for r in shown if status is None or r.body.get("status") == status]

    @guarded(Action.READ, Resource.INCIDENT)
    def from_search(self, entry_id: str) -> Record | None:
        """The incident a search entry raised, if any: it is dated when the search was."""
        entry = self.ctx.repo.get_record(entry_id)
        if entry is None:
            raise NotFound(field="entry")
        moment = datetime.fromisoformat(entry.occurred_at.replace("Z", "+00:00"))
        found = self.recent(since=entry.occurred_at, until=iso(moment + timedelta(seconds=1)))
        return next((r for r in found if r.body.get("source_entry_id") == entry_id), None)

    @guarded(Action.READ, Resource.INCIDENT)
    def staff_choices(self) -> list[tuple[str, str]]:
        """(user id, name) of the wing's active officers and supervisors, for naming staff on a report."""
        users = self.ctx.repo.list_users()
        return sorted(((u.id, u.display_name) for u in users
                       if u.active and str(u.role) in ("officer", "supervisor")), key=lambda u: u[1].casefold())
