"""Dynamic-security observations: record with wording checks, amend by the author, list by scope."""

from __future__ import annotations

from datetime import datetime

from wingdesk.domain.errors import AccessDenied, NotFound
from wingdesk.domain.kinds.observation import OBSERVATION
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Amendment, AmendmentKind, Record, RecordKind
from wingdesk.domain.wording import WordingWarning, check_wording
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter


class ObservationService(GuardedService):
    @guarded(Action.CREATE, Resource.OBSERVATION)
    def wording_warnings(self, what_seen_heard: str, officer_assessment: str = "") -> list[WordingWarning]:
        """Labelling words in either field; religion-only content in the facts (shown before saving)."""
        warnings = check_wording(what_seen_heard, self.ctx.wordlists)
        if officer_assessment:
            warnings += [w for w in check_wording(officer_assessment, self.ctx.wordlists) if w.code == "label"]
        merged: dict[str, tuple[str, ...]] = {}
        for w in warnings:
            merged[w.code] = tuple(dict.fromkeys(merged.get(w.code, ()) + w.words))
        return [WordingWarning(code, words) for code, words in merged.items()]

    @guarded(Action.CREATE, Resource.OBSERVATION)
    def record(self, prisoner_id: str, category: str, polarity: str, what_seen_heard: str, *,
               source_type: str = "DIRECT", officer_assessment: str = "", where: str = "", who_present: str = "",
               urgent: bool = False, occurred_at: str | datetime | None = None,
               proposed_source: str | None = None, proposed_assessment: str | None = None) -> Record:
        body = OBSERVATION.clean({
            "category": category, "polarity": polarity, "what_seen_heard": what_seen_heard, "where": where,
            "who_present": who_present, "officer_assessment": officer_assessment, "source_type": source_type,
            "urgent": urgent, "proposed_source": proposed_source, "proposed_assessment": proposed_assessment})
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.new_record(RecordKind.OBSERVATION, body, prisoner_id=prisoner_id, occurred_at=occurred_at)
        return writer.save(record)

    @guarded(Action.ANNOTATE, Resource.OBSERVATION)
    def amend(self, record_id: str, text: str) -> Amendment:
        """A correction that keeps the original; officers may amend only their own observations."""
        record = self.ctx.repo.get_record(record_id)
        if record is None or record.kind != RecordKind.OBSERVATION:
            raise NotFound(field="record")
        if self.gateway.scope(Action.ANNOTATE, Resource.OBSERVATION) is Scope.OWN and record.author_id != self.user.id:
            raise self.gateway.deny(Action.ANNOTATE, Resource.OBSERVATION, record_id)
        return RecordWriter(self.ctx, self.audit).amend(record, AmendmentKind.AMENDMENT, text)

    @guarded(Action.READ, Resource.OBSERVATION)
    def recent(self, limit: int = 50, since: str | None = None, prisoner_id: str | None = None) -> list[Record]:
        scope = self.gateway.scope(Action.READ, Resource.OBSERVATION)
        query = RecordQuery(kinds=(str(RecordKind.OBSERVATION),), prisoner_id=prisoner_id, since=since,
                            author_id=self.user.id if scope is Scope.OWN else None, limit=limit)
        scopes = readable_kinds(self.ctx)
        found = [v for r in self.ctx.repo.list_records(query) if (v := visible(self.ctx, r, scopes))]
        return RecordWriter(self.ctx, self.audit).with_amendments(found)

    @guarded(Action.READ, Resource.OBSERVATION)
    def get(self, record_id: str) -> Record:
        record = self.ctx.repo.get_record(record_id)
        if record is None or record.kind != RecordKind.OBSERVATION:
            raise NotFound(field="record")
        shown = visible(self.ctx, record, readable_kinds(self.ctx))
        if shown is None:
            raise self.gateway.deny(Action.READ, Resource.OBSERVATION, record_id)
        return RecordWriter(self.ctx, self.audit).with_amendments([shown])[0]


__all__ = ["ObservationService", "AccessDenied"]
