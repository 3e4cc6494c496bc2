"""Disengagement actors and their contact log (family, counsellors, mentors, volunteers, probation)."""

from __future__ import annotations

from datetime import datetime

from wingdesk.domain.kinds.treatment import CONTACT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter


class ContactService(GuardedService):
    @guarded(Action.CREATE, Resource.CONTACT)
    def log_contact(self, prisoner_id: str, contact_type: str, name: str, contact_kind: str, summary: str, *,
                    organisation: str = "", relationship: str = "", role_in_plan: str = "",
                    vetting_status: str | None = None, consent_to_share: bool = False,
                    occurred_at: str | datetime | None = None) -> Record:
        body = CONTACT.clean({
            "contact_type": contact_type, "name": name, "organisation": organisation, "relationship": relationship,
            "role_in_plan": role_in_plan, "vetting_status": vetting_status, "consent_to_share": consent_to_share,
            "contact_kind": contact_kind, "summary": summary})
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(RecordKind.CONTACT, body, prisoner_id=prisoner_id,
                                             occurred_at=occurred_at))

    @guarded(Action.READ, Resource.CONTACT)
    def contacts(self, prisoner_id: str, limit: int = 200) -> list[Record]:
        query = RecordQuery(kinds=(str(RecordKind.CONTACT),), prisoner_id=prisoner_id, limit=limit)
        scopes = readable_kinds(self.ctx)
        return [v for r in self.ctx.repo.list_records(query) if (v := visible(self.ctx, r, scopes))]
