"""Disengagement actors and their contact log (family, counsellors, mentors, volunteers, probation).

A contact with an outside person (religious counsellor, volunteer or NGO worker, peer mentor; issue 17 item 3) names
the person from HQ's vetted list by id: the name and organisation are taken from the list, and where the person's
vetting stood here on the day of the contact (its `occurred_at`, not the day it is logged) is recorded with it. When
it did not hold (expired, not yet valid, withdrawn, not listed for this wing) or the person is not on the list at
all, the contact is still logged (a visit may already have happened) but only with a reason, and the override is in
the audit log. For these contact types `vetting_status` is derived from that standing (VETTED only when it held;
otherwise left empty, the standing says why), never taken from the caller."""

from __future__ import annotations

from datetime import date, datetime

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.kinds.treatment import CONTACT
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind
from wingdesk.domain.vetted_people import NOT_ON_LIST, OUTSIDE_CONTACT_TYPES, VETTED
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter, parse_when
from wingdesk.services.vetted_people import standing_of


class ContactService(GuardedService):
    @guarded(Action.CREATE, Resource.CONTACT)
    def log_contact(self, prisoner_id: str, contact_type: str, name: str, contact_kind: str, summary: str, *,
                    organisation: str = "", relationship: str = "", role_in_plan: str = "",
                    vetting_status: str | None = None, consent_to_share: bool = False,
                    occurred_at: str | datetime | None = None, vetted_person_id: str | None = None,
                    vetting_reason: str = "") -> Record:
        """`vetted_person_id`: the person picked from HQ's vetted list (outside people only); `vetting_reason`:
        why the contact is logged although that person's vetting does not hold here (or they are not listed)."""
        vetted: dict[str, object] = {}
        when = datetime.fromisoformat(parse_when(occurred_at, self.ctx))
        if contact_type in OUTSIDE_CONTACT_TYPES:
            vetted = self._vetting(contact_type, vetted_person_id, vetting_reason, when.astimezone().date())
            listed = "vetted_person_id" in vetted
            listed_name, listed_organisation = vetted.pop("name", None), vetted.pop("organisation", None)
            name = str(listed_name) if listed else name
            organisation = str(listed_organisation) if listed else organisation
            vetting_status = "VETTED" if vetted["vetted_standing"] == VETTED else None
        elif vetted_person_id:
            raise ValidationError("bad_choice", field="vetted_person_id")
        body = CONTACT.clean({
            "contact_type": contact_type, "name": name, "organisation": organisation, "relationship": relationship,
            "role_in_plan": role_in_plan, "vetting_status": vetting_status, "consent_to_share": consent_to_share,
            "contact_kind": contact_kind, "summary": summary, **vetted})
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.save(writer.new_record(RecordKind.CONTACT, body, prisoner_id=prisoner_id,
                                               occurred_at=when))
        if body.get("vetted_standing") not in (None, VETTED):  # the reason itself is in the record, not the log
            self.audit.append(self.user.id, "contact_vetting_override",
                              f"record:{record.id}:{body['vetted_standing']}")
        return record

    def _vetting(self, contact_type: str, person_id: str | None, reason: str, on: date) -> dict[str, object]:
        found = standing_of(self.ctx, person_id, on) if person_id else None
        if person_id and (found is None or found.person.contact_type != contact_type):
            raise ValidationError("bad_choice", field="vetted_person_id")
        values: dict[str, object] = {"vetted_standing": found.standing if found else NOT_ON_LIST}
        if found is not None:
            values.update(vetted_person_id=found.person.person_id, name=found.person.name,
                          organisation=found.person.organisation)
        if values["vetted_standing"] != VETTED:
            if not reason.strip():
                raise ValidationError("required", field="vetting_reason")
            values["vetting_reason"] = reason.strip()
        return values

    @guarded(Action.READ, Resource.CONTACT)
    def contacts(self, prisoner_id: str, limit: int = 200) -> list[Record]:
        query = RecordQuery(kinds=(str(RecordKind.CONTACT),), prisoner_id=prisoner_id, limit=limit)
        scopes = readable_kinds(self.ctx)
        return [v for r in self.ctx.repo.list_records(query) if (v := visible(self.ctx, r, scopes))]
