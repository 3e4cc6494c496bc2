"""Subject access and the prisoner's voice (issue 19 items 3 and 4; domain.md scenario 15).

The governor makes the prisoner's copy of everything the wing holds on them: profile and every record, with the
amendments and the prisoner's own comments, leaving out what a person withheld (with a reason) and what is itself a
do-not-disclose marker. The act is a signed disclosure record (what, to whom, why, what was withheld and why, the
copy's fingerprint) and an audit entry. Staff who read a record take down the prisoner's comment on it: a signed
amendment beside the record, which is never rewritten (rectification as a comment)."""

from __future__ import annotations

import hashlib

from wingdesk.domain.errors import NotFound
from wingdesk.domain.kinds import KINDS, spec_of
from wingdesk.domain.kinds.disclosure import DISCLOSURE
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Amendment, AmendmentKind, Record, iso
from wingdesk.domain.schema import Field
from wingdesk.domain.subject_access import DisclosedItem, SubjectAccessCopy, shown_notes, withholding_of
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

PAGE = 500
_REASON = Field("reason", "text", required=True, max_len=2000)
_LEGAL_BASIS = "The prisoner's request for their own data (subject access)."
PROFILE_FIELDS = ("number", "family_name", "given_name", "name_cyrillic", "date_of_birth", "sex", "legal_status",
                  "first_time", "cell", "admission_date", "expected_release", "languages", "interpreter_needed",
                  "status", "veo_status", "alert_codes")


class SubjectAccessService(GuardedService):
    @guarded(Action.EXPORT, Resource.DISCLOSURE)
    def prisoner_id(self, number: str) -> str:
        """The prisoner a prison number names on this wing (NotFound when none)."""
        found = self.ctx.repo.prisoner_id_by_number(number.strip())
        if found is None:
            raise NotFound(field="prisoner")
        return found

    @guarded(Action.EXPORT, Resource.DISCLOSURE)
    def make_copy(self, prisoner_id: str) -> SubjectAccessCopy:
        """The prisoner's copy; records the disclosure (signed record and audit entry) before returning it."""
        prisoner = self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today())
        if prisoner is None:
            raise NotFound(field="prisoner")
        records = self._all_records(prisoner_id)
        amendments = self.ctx.repo.amendments_for([r.id for r in records])
        items, withheld = [], []
        for record in records:
            own = amendments.get(record.id, [])
            held = withholding_of(record, own, spec_of(record.kind).withheld_by_default)
            if held is not None:
                withheld.append(held)
            else:
                items.append(_item(record, own))
        profile = {name: getattr(prisoner, name) for name in PROFILE_FIELDS}
        profile["alert_codes"] = list(prisoner.alert_codes)
        copy = SubjectAccessCopy(wing=self.ctx.wing, made_at=iso(self.ctx.clock.now()),
                                 made_by=self.user.display_name, prisoner=profile, items=tuple(items),
                                 withheld=tuple(withheld))
        body = DISCLOSURE.clean({
            "purpose": "SUBJECT_ACCESS", "recipient": f"{prisoner.display_name} ({prisoner.number})",
            "legal_basis": _LEGAL_BASIS, "disclosed": len(items),
            "copy_sha256": hashlib.sha256(copy.to_json()).hexdigest(),
            "withheld": [{"record_id": w.record_id, "kind": w.kind, "reason": w.reason} for w in withheld]})
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():
            writer.save(writer.new_record(DISCLOSURE.name, body, prisoner_id=prisoner_id))
            self.audit.append(self.user.id, "subject_access", f"prisoner:{prisoner_id}:{len(items)}:{len(withheld)}")
        return copy

    @guarded(Action.ANNOTATE, Resource.DISCLOSURE)
    def withhold(self, record_id: str, reason: str) -> Amendment:
        """Keep a record out of the prisoner's copy from now on; the reason is required and signed."""
        return self._decide(record_id, AmendmentKind.WITHHOLD, reason)

    @guarded(Action.ANNOTATE, Resource.DISCLOSURE)
    def disclose(self, record_id: str, reason: str) -> Amendment:
        """Lift a withholding (or a kind's default one) with a reason."""
        return self._decide(record_id, AmendmentKind.DISCLOSE, reason)

    @guarded(Action.CREATE, Resource.PRISONER_COMMENT)
    def add_prisoner_comment(self, record_id: str, text: str) -> Amendment:
        """Take down the prisoner's comment on a record about them that the caller may read."""
        record = self._readable(record_id)
        if record.prisoner_id is None:
            raise NotFound(field="record")
        return RecordWriter(self.ctx, self.audit).amend(record, AmendmentKind.PRISONER_COMMENT, text)

    def _decide(self, record_id: str, kind: AmendmentKind, reason: str) -> Amendment:
        record = self.ctx.repo.get_record(record_id)
        if record is None or record.prisoner_id is None or not spec_of(record.kind).in_subject_access:
            raise NotFound(field="record")
        return RecordWriter(self.ctx, self.audit).amend(record, kind, _REASON.clean(reason))

    def _readable(self, record_id: str) -> Record:
        record = self.ctx.repo.get_record(record_id)
        shown = visible(self.ctx, record, readable_kinds(self.ctx)) if record is not None else None
        if record is None or shown is None:
            raise NotFound(field="record")
        return record

    def _all_records(self, prisoner_id: str) -> list[Record]:
        kinds = tuple(name for name, spec in KINDS.items() if spec.in_subject_access)
        found: list[Record] = []
        while True:
            page = self.ctx.repo.list_records(RecordQuery(kinds=kinds, prisoner_id=prisoner_id, ascending=True,
                                                          limit=PAGE, offset=len(found)))
            found.extend(page)
            if len(page) < PAGE:
                return found


def _item(record: Record, amendments: list[Amendment]) -> DisclosedItem:
    sealed = tuple(name for name in spec_of(record.kind).sealed_fields if record.body.get(name) is not None)
    body = {k: v for k, v in record.body.items() if k not in sealed}
    return DisclosedItem(record_id=record.id, kind=record.kind, subtype=spec_of(record.kind).subtype(record.body),
                         occurred_at=record.occurred_at, recorded_at=record.recorded_at,
                         author_name=record.author_name, author_role=record.author_role, revision=record.revision,
                         body=body, sealed_fields=sealed, notes=shown_notes(amendments))

