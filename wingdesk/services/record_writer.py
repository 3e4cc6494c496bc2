"""Saving records: one place that builds the envelope, indexes readable text and audits the create."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from wingdesk.domain.authorship import statement_of_amendment, statement_of_record
from wingdesk.domain.errors import AccessDenied, NotFound, ValidationError
from wingdesk.domain.kinds import spec_of
from wingdesk.domain.records import Amendment, AmendmentKind, Record, iso, new_id
from wingdesk.domain.schema import Field
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.wing_clock import WingClock


def search_text(record: Record) -> str | None:
    """Text for the full-text index, as the kind declares it; treatment data is never indexed."""
    return spec_of(record.kind).search_text(record.body)


def subtype_of(record: Record) -> str | None:
    return spec_of(record.kind).subtype(record.body)


def parse_when(value: str | datetime | None, ctx: ServiceContext) -> str:
    now = ctx.clock.now()
    if value is None:
        return iso(now)
    moment = value if isinstance(value, datetime) else Field("occurred_at", "datetime").clean(value)
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        raise ValidationError("naive_datetime", field="occurred_at")
    if moment > now:
        raise ValidationError("in_future", field="occurred_at")
    return iso(moment)

_TRANSFER_KINDS = ("transfer", "transfer_receipt")
_DECISIONS = (AmendmentKind.WITHHOLD, AmendmentKind.DISCLOSE)


class RecordWriter:
    def __init__(self, ctx: ServiceContext, audit: AuditTrail) -> None:
        self.ctx, self.audit = ctx, audit

    def new_record(self, kind: str, body: dict[str, Any], *, prisoner_id: str | None,
                   occurred_at: str | datetime | None = None, sensitivity: str | None = None,
                   day: str | None = None, shift_id: str | None = None, status: str = "ACTIVE") -> Record:
        if prisoner_id is not None and not self.ctx.repo.prisoner_exists(prisoner_id):
            raise NotFound(field="prisoner")
        if prisoner_id is not None and kind not in _TRANSFER_KINDS and self.ctx.repo.transferred_out(prisoner_id):
            # sent to another prison (issue 19 item 1): the file stays here read-only; amendments remain possible
            raise ValidationError("prisoner_transferred_out", field="prisoner")
        user = self.ctx.user
        if sensitivity is None:
            sensitivity = spec_of(kind).sensitivity(body)
        return Record(id=new_id(), kind=kind, wing=self.ctx.wing, prisoner_id=prisoner_id, author_id=user.id,
                      author_name=user.display_name, author_role=str(user.role),
                      occurred_at=parse_when(occurred_at, self.ctx),
                      recorded_at=iso(self.ctx.clock.now()),
                      body=body, sensitivity=sensitivity, day=day, shift_id=shift_id, status=status)

    def save(self, record: Record) -> Record:
        """Store one version signed with the signed-in author's own key (only they can save in their name)."""
        if record.author_id != self.ctx.user.id:
            raise AccessDenied("not_author")
        content_hash = record.content_sha256()
        record = replace(record, author_sig=self.ctx.keyring.sign_record(statement_of_record(record, content_hash)))
        with self.ctx.repo.transaction():
            hlc = WingClock(self.ctx, self.audit).stamp()  # when it is written, not when it is sealed
            travels = spec_of(record.kind).travels
            self.ctx.repo.insert_record(record, subtype_of(record), search_text(record), content_hash, hlc,
                                        to_hq=travels is None or travels(record.body))
            action = "create" if record.revision == 1 else "revise"
            self.audit.append(self.ctx.user.id, action, f"{record.kind}:{record.id}:{record.revision}", content_hash)
        return record

    def revise(self, previous: Record, body: dict[str, Any], status: str | None = None) -> Record:
        revised = replace(previous, body=body, revision=previous.revision + 1,
                          recorded_at=iso(self.ctx.clock.now()),
                          author_id=self.ctx.user.id, author_name=self.ctx.user.display_name,
                          author_role=str(self.ctx.user.role), status=status or previous.status, amendments=())
        return self.save(revised)

    def amend(self, record: Record, kind: AmendmentKind, text: str) -> Amendment:
        cleaned = Field("text", "text", required=True).clean(text)
        amendment = Amendment(new_id(), record.id, kind, self.ctx.user.id, self.ctx.user.display_name,
                              iso(self.ctx.clock.now()), cleaned)
        amendment = replace(amendment, author_sig=self.ctx.keyring.sign_amendment(statement_of_amendment(amendment)))
        with self.ctx.repo.transaction():
            self.ctx.repo.add_amendment(amendment)
            self.audit.append(self.ctx.user.id, str(kind), f"{record.kind}:{record.id}", amendment.content_sha256())
        return amendment

    def with_amendments(self, records: list[Record]) -> list[Record]:
        """The records with their amendments; withholding decisions (and their reasons, which may name a source)
        only for the roles that read disclosures (issue 19: the reporting officer must not learn them)."""
        found = self.ctx.repo.amendments_for([r.id for r in records])
        if scope_for(self.ctx.user.role, Action.READ, Resource.DISCLOSURE) is None:
            found = {key: [a for a in notes if a.kind not in _DECISIONS] for key, notes in found.items()}
        return [replace(r, amendments=tuple(found.get(r.id, ()))) for r in records]
