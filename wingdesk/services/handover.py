"""Pre-release multi-agency handover (issue 19 item 2; domain.md §2.6, §2.8, §3 rules 1, 3, 5, 8).

Treatment staff or the governor choose, item by item, what of the prisoner's file goes to an agency HQ lists
(probation, social work centre, municipal prevention coordinator, vetted NGO): the plan, its needs, the progress
notes they may read, contacts, and the latest countersigned assessment or only its risk summary and instructions.
Only what the preparer may read in full is offered; what a person withheld from disclosure, do-not-disclose
markers, intelligence and security records never are. The legal basis (or the prisoner's consent) is required.
The file is sealed with age to the agency's key and handed to the caller to write; the handover record (what, to
whom, why, the file's SHA-256) is signed and kept only once the file is written, and travels to HQ.
Probation's feedback after release comes back as an `outcome` record: a coded outcome and a month."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.agencies import Agency
from wingdesk.domain.errors import NotFound, ValidationError
from wingdesk.domain.handover import HandoverChoice, handover_json
from wingdesk.domain.handover_codes import LEGAL_BASES
from wingdesk.domain.kinds import spec_of
from wingdesk.domain.kinds.handover import HANDOVER, OUTCOME
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, iso
from wingdesk.domain.schema import Field
from wingdesk.domain.subject_access import withholding_of
from wingdesk.services.assessments import AssessmentService
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

OFFERED_KINDS = ("plan", "progress_note", "contact")
PROFILE = ("number", "given_name", "family_name", "name_cyrillic", "date_of_birth", "expected_release", "languages")
MAX_ITEMS = 200
_DETAIL = Field("basis_detail", "text", required=True, max_len=2000)


@dataclass(frozen=True)
class HandoverResult:
    record: Record
    file_sha256: str
    items: tuple[HandoverChoice, ...]
    agency: Agency


class HandoverService(GuardedService):
    @guarded(Action.CREATE, Resource.HANDOVER)
    def agencies(self) -> list[Agency]:
        """The agencies HQ lists now, by name."""
        return self.ctx.repo.list_agencies()

    @guarded(Action.CREATE, Resource.HANDOVER)
    def choices(self, prisoner_id: str) -> list[HandoverChoice]:
        """What the caller may put into a handover for this prisoner, item by item (see the module's rules)."""
        return [choice for choice, _record in self._offered(prisoner_id)]

    @guarded(Action.CREATE, Resource.HANDOVER)
    def prepare(self, prisoner_id: str, agency_id: str, legal_basis: str, basis_detail: str,
                chosen: list[tuple[str, str]], deliver: Callable[[bytes], Any]) -> HandoverResult:
        """Seal the chosen items to the agency, `deliver(sealed)` (write the file), then keep the signed record.

        `chosen` holds (section, record_id) pairs from `choices`. Nothing is sealed without a legal basis, an
        active agency and at least one item; if `deliver` fails, nothing is recorded."""
        if legal_basis not in LEGAL_BASES or not basis_detail.strip():
            raise ValidationError("handover_needs_basis", field="legal_basis")
        detail = _DETAIL.clean(basis_detail)
        agency = self.ctx.repo.get_agency(agency_id)
        if agency is None or not agency.active:
            raise NotFound("handover_unknown_agency", field="agency")
        prisoner = self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today())
        if prisoner is None:
            raise NotFound(field="prisoner")
        offered = {choice.key: (choice, record) for choice, record in self._offered(prisoner_id)}
        wanted = list(dict.fromkeys(chosen))  # each item once, in the order chosen
        if not wanted:
            raise ValidationError("handover_no_items", field="items")
        if len(wanted) > MAX_ITEMS:  # what one record lists (domain.kinds.spec): a larger file is two handovers
            raise ValidationError("handover_too_many", field="items", limit=MAX_ITEMS)
        if any(key not in offered for key in wanted):
            raise NotFound(field="record")  # not the caller's to hand over (or not this prisoner's)
        items = [offered[key] for key in wanted]
        clear = handover_json(
            self.ctx.wing, iso(self.ctx.clock.now()), self.user.display_name,
            {"name": agency.name, "type": agency.agency_type},
            {"code": legal_basis, "detail": detail},
            {name: getattr(prisoner, name) for name in PROFILE}, items)
        sealed = self.ctx.keyring.seal_for_agency(agency.recipient, clear)
        digest = hashlib.sha256(sealed).hexdigest()
        body = HANDOVER.clean({
            "agency_id": agency.agency_id, "agency_name": agency.name, "agency_type": agency.agency_type,
            "sealed_to": agency.recipient, "legal_basis": legal_basis, "basis_detail": detail,
            "items": [{"record_id": r.id, "kind": r.kind, "section": c.section} for c, r in items],
            "file_sha256": digest})
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.new_record(HANDOVER.name, body, prisoner_id=prisoner_id)
        deliver(sealed)
        with self.ctx.repo.transaction():
            record = writer.save(record)
            self.audit.append(self.user.id, "handover", f"prisoner:{prisoner_id}:{agency.agency_id}:{len(items)}",
                              digest)
        return HandoverResult(record, digest, tuple(c for c, _r in items), agency)

    @guarded(Action.CREATE, Resource.HANDOVER)
    def record_outcome(self, prisoner_id: str, outcome: str, month: str, handover_id: str | None = None) -> Record:
        """Probation's feedback after release: a coded outcome and its month (YYYY-MM)."""
        given: dict[str, Any] = {"outcome": outcome, "month": f"{month}-01" if len(month) == 7 else month}
        if handover_id:
            handover = self.ctx.repo.get_record(handover_id)
            if handover is None or handover.kind != HANDOVER.name or handover.prisoner_id != prisoner_id:
                raise NotFound(field="handover_id")
            given |= {"handover_id": handover_id, "agency_id": handover.body["agency_id"]}
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(OUTCOME.name, OUTCOME.clean(given), prisoner_id=prisoner_id))

    @guarded(Action.READ, Resource.HANDOVER)
    def handovers(self, prisoner_id: str) -> list[Record]:
        """The prisoner's handovers and outcomes, newest first."""
        return self.ctx.repo.list_records(RecordQuery(kinds=(HANDOVER.name, OUTCOME.name), prisoner_id=prisoner_id))

    def _offered(self, prisoner_id: str) -> list[tuple[HandoverChoice, Record]]:
        scopes = readable_kinds(self.ctx)
        records = self.ctx.repo.list_records(RecordQuery(kinds=OFFERED_KINDS, prisoner_id=prisoner_id, limit=500))
        if scopes.get("assessment") not in (None, Scope.RESTRICTED):
            level = AssessmentService(self.ctx, self.gateway, self.audit).current_level(prisoner_id)
            latest = self.ctx.repo.get_record(level.assessment_id) if level is not None else None
            records += [latest] if latest is not None else []
        amendments = self.ctx.repo.amendments_for([r.id for r in records])
        found: list[tuple[HandoverChoice, Record]] = []
        for record in records:
            shown = visible(self.ctx, record, scopes)
            if shown is None or scopes.get(record.kind) is Scope.RESTRICTED:
                continue  # only what the caller reads in full
            if any(record.body.get(name) is not None and shown.body.get(name) is None
                   for name in spec_of(record.kind).sealed_fields):
                continue  # sealed text their keys cannot open
            own = amendments.get(record.id, [])
            if withholding_of(record, own, spec_of(record.kind).withheld_by_default) is not None:
                continue  # a person withheld it from disclosure, with a reason
            for section in _sections(shown):
                found.append((HandoverChoice(section, shown.id, shown.kind, shown.occurred_at,
                                             spec_of(shown.kind).subtype(shown.body)), shown))
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:handover_choices")
        return found


def _sections(record: Record) -> tuple[str, ...]:
    if record.kind == "plan":
        return ("PLAN", "NEEDS") if record.body.get("needs") else ("PLAN",)
    if record.kind == "assessment":
        return ("RISK_SUMMARY", "ASSESSMENT")
    return ("PROGRESS_NOTE",) if record.kind == "progress_note" else ("CONTACT_LOG",)
