"""Intelligence reports (issue 16): security makes a report from observations or writes one directly, grades it
on the 3×5×2 scheme with a reason, writes the sanitised text and shares it (to whom and why, each sharing
audited), links prisoners, places, items and other reports, renews a low-graded report's review with a reason and
releases a C-coded report to HQ. Supervisors and the governor read the sanitised text through the same reads
(services.reading.visible applies the kind's disclosure rule); the reporting officer never opens the report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wingdesk.domain.associations import AssociationGraph, association_graph, people_of
from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.kinds.intelligence import (
    INTELLIGENCE_REPORT,
    REVIEW_MONTHS,
    add_months,
    is_graded,
    is_low_grade,
    shared_with,
)
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, iso
from wingdesk.domain.schema import Field
from wingdesk.domain.wording import WordingWarning, check_wording
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

KIND = INTELLIGENCE_REPORT.name
_SCAN = 5000  # reports on one wing: far fewer; the bound keeps a damaged store from loading without end
_REASON = Field("reason", "text", required=True, max_len=1000)
RELEASE_FIELDS = ("released", "released_by", "released_at", "release_reason")
TEXT_FIELDS = ("report_text", "grading_rationale", "handling_conditions", "sanitised_text")


def _reason(value: str, field: str) -> str:
    try:
        return str(_REASON.clean(value))
    except ValidationError as error:
        error.params["field"] = field
        error.params.setdefault("kind", KIND)
        raise


class IntelligenceService(GuardedService):
    # --- wording (the observation's checks apply to report text, domain.md §2.3) ------------------------------
    @guarded(Action.CREATE, Resource.INTELLIGENCE_REPORT)
    def wording_warnings(self, *texts: str) -> list[WordingWarning]:
        """Labelling words in any of the texts; religion-only content in any one of them (shown before saving)."""
        merged: dict[str, tuple[str, ...]] = {}
        for text in texts:
            for warning in check_wording(text or "", self.ctx.wordlists):
                merged[warning.code] = tuple(dict.fromkeys(merged.get(warning.code, ()) + warning.words))
        return [WordingWarning(code, words) for code, words in merged.items()]

    # --- writing --------------------------------------------------------------------------------------------
    @guarded(Action.CREATE, Resource.INTELLIGENCE_REPORT)
    def create(self, prisoner_id: str | None, subject: str, report_text: str, *,
               observation_ids: Iterable[str] = (), linked_prisoners: Iterable[str] = (),
               linked_reports: Iterable[str] = (), linked_places: str = "", linked_items: str = "") -> Record:
        """A new, ungraded report: it gets a review date (REVIEW_MONTHS) until a grade other than 3 or E."""
        observations = list(dict.fromkeys(observation_ids))
        for observation_id in observations:
            found = self.ctx.repo.get_record(observation_id)
            if found is None or found.kind != RecordKind.OBSERVATION:
                raise NotFound(field="observation")
        links = self._checked_links(prisoner_id, linked_prisoners, linked_reports)
        body = INTELLIGENCE_REPORT.clean({
            "subject": subject, "report_text": report_text, "observation_ids": observations, **links,
            "linked_places": linked_places, "linked_items": linked_items,
            "review_date": add_months(self.ctx.clock.today(), REVIEW_MONTHS).isoformat()})
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(KIND, body, prisoner_id=prisoner_id))

    @guarded(Action.ANNOTATE, Resource.INTELLIGENCE_REPORT)
    def grade(self, report_id: str, source_evaluation: str, assessment: str, handling_code: str, rationale: str, *,
              conditions: str = "", sanitised_text: str = "", share_with: Iterable[str] = (),
              share_reason: str = "") -> Record:
        """Grade (or regrade) the report, with its sanitised text; `share_with` (role codes) gives that text to
        supervisors and/or the governor for `share_reason`: each sharing is kept in the report and audited."""
        report = self._report(report_id)
        body: dict[str, Any] = {**report.body, "source_evaluation": source_evaluation, "assessment": assessment,
                                "handling_code": handling_code, "grading_rationale": rationale,
                                "handling_conditions": conditions if handling_code == "HANDLE_C" else "",
                                "sanitised_text": sanitised_text}
        new = [to for to in dict.fromkeys(share_with) if to not in shared_with(report.body)]
        if new:
            reason = _reason(share_reason, "reason")
            at = iso(self.ctx.clock.now())
            body["dissemination"] = [*(report.body.get("dissemination") or []),
                                     *({"to": to, "reason": reason, "by": self.user.display_name, "at": at}
                                       for to in new)]
        for name in RELEASE_FIELDS:  # a release is for the grade and text it was given to: a regrade needs a new one
            body.pop(name, None)
        body = self._with_review(INTELLIGENCE_REPORT.clean(body))
        return self._revise(report, INTELLIGENCE_REPORT.clean(body), shared=new)

    @guarded(Action.ANNOTATE, Resource.INTELLIGENCE_REPORT)
    def link(self, report_id: str, *, prisoners: Iterable[str] = (), reports: Iterable[str] = (),
             places: str | None = None, items: str | None = None) -> Record:
        """Set the report's links: other prisoners, other reports, places and items (replaces the lists)."""
        report = self._report(report_id)
        links = self._checked_links(report.prisoner_id, prisoners, reports, own_id=report.id)
        body = {**report.body, **links}
        if places is not None:
            body["linked_places"] = places
        if items is not None:
            body["linked_items"] = items
        return self._revise(report, INTELLIGENCE_REPORT.clean(body))

    @guarded(Action.ANNOTATE, Resource.INTELLIGENCE_REPORT)
    def renew_review(self, report_id: str, reason: str) -> Record:
        """Keep a report graded 3 or E (or ungraded) for another REVIEW_MONTHS, saying why."""
        report = self._report(report_id)
        if not is_low_grade(report.body):
            raise StateError("intel_review_not_needed")
        body = {**report.body, "review_reason": _reason(reason, "review_reason"),
                "review_date": add_months(self.ctx.clock.today(), REVIEW_MONTHS).isoformat()}
        return self._revise(report, INTELLIGENCE_REPORT.clean(body))

    @guarded(Action.APPROVE, Resource.INTELLIGENCE_REPORT)
    def release(self, report_id: str, reason: str) -> Record:
        """Security's explicit release of a graded C-coded report: only then does it leave the wing for HQ."""
        report = self._report(report_id)
        if not is_graded(report.body) or report.body.get("handling_code") != "HANDLE_C":
            raise StateError("intel_release_needs_c")
        if report.body.get("released"):
            raise StateError("intel_already_released")
        body = {**report.body, "released": True, "released_by": self.user.display_name,
                "released_at": iso(self.ctx.clock.now()), "release_reason": _reason(reason, "release_reason")}
        saved = self._revise(report, INTELLIGENCE_REPORT.clean(body))
        self.audit.append(self.user.id, "intel_release", f"{KIND}:{report.id}:{saved.revision}",
                          saved.content_sha256())
        return saved

    # --- reading --------------------------------------------------------------------------------------------
    @guarded(Action.READ, Resource.INTELLIGENCE_REPORT)
    def reports(self, prisoner_id: str | None = None, limit: int = 500) -> list[Record]:
        """The reports this user may see, newest first: security whole, others the sanitised text shared with them."""
        scopes = readable_kinds(self.ctx)
        found = self.ctx.repo.list_records(RecordQuery(kinds=(KIND,), prisoner_id=prisoner_id, limit=_SCAN))
        shown = [v for r in found if (v := visible(self.ctx, r, scopes))][:limit]
        if shown:  # a restricted read (domain.md §1): audited by what was listed, never by its text
            self.audit.append(self.user.id, "read_sensitive",
                              f"prisoner:{prisoner_id}:intelligence" if prisoner_id else f"{KIND}:list")
        return shown

    @guarded(Action.READ, Resource.INTELLIGENCE_REPORT)
    def get(self, report_id: str) -> Record:
        report = self.ctx.repo.get_record(report_id)
        if report is None or report.kind != KIND:
            raise NotFound(field="record")
        shown = visible(self.ctx, report, readable_kinds(self.ctx))
        if shown is None:
            raise self.gateway.deny(Action.READ, Resource.INTELLIGENCE_REPORT, report_id)
        self.audit.append(self.user.id, "read_sensitive", f"{KIND}:{report.id}")
        return shown

    @guarded(Action.READ, Resource.INTELLIGENCE_REPORT)
    def associations(self, prisoner_id: str) -> AssociationGraph:
        """Who is linked with this prisoner through graded reports: security only (links are never sanitised)."""
        if self.gateway.scope(Action.READ, Resource.INTELLIGENCE_REPORT) is not Scope.ALL:
            raise self.gateway.deny(Action.READ, Resource.INTELLIGENCE_REPORT, "associations")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(KIND,), limit=_SCAN))
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:associations")
        return association_graph(prisoner_id, ((r.id, r.prisoner_id, r.body) for r in found))

    @guarded(Action.READ, Resource.INTELLIGENCE_REPORT)
    def linked_reports(self, prisoner_id: str) -> list[Record]:
        """Every report about this prisoner or linking them (graded or not), newest first: security only, for the
        prisoner's page (issue 16 item 3); the subject's timeline alone would miss the reports that link them."""
        if self.gateway.scope(Action.READ, Resource.INTELLIGENCE_REPORT) is not Scope.ALL:
            raise self.gateway.deny(Action.READ, Resource.INTELLIGENCE_REPORT, "linked")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(KIND,), limit=_SCAN))
        linked = [r for r in found if prisoner_id in people_of(r.prisoner_id, r.body)]
        if linked:
            self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:linked_reports")
        return linked

    # --- helpers --------------------------------------------------------------------------------------------
    def _report(self, report_id: str) -> Record:
        report = self.ctx.repo.get_record(report_id)
        if report is None or report.kind != KIND:
            raise NotFound(field="record")
        return report

    def _checked_links(self, prisoner_id: str | None, prisoners: Iterable[str], reports: Iterable[str],
                       own_id: str = "") -> dict[str, list[str]]:
        linked = [p for p in dict.fromkeys(prisoners) if p != prisoner_id]
        for other in linked:
            if not self.ctx.repo.prisoner_exists(other):
                raise NotFound(field="prisoner")
        others = [r for r in dict.fromkeys(reports) if r != own_id]
        for other in others:
            found = self.ctx.repo.get_record(other)
            if found is None or found.kind != KIND:
                raise NotFound(field="record")
        return {"linked_prisoners": linked, "linked_reports": others}

    def _with_review(self, body: dict[str, Any]) -> dict[str, Any]:
        """A low grade keeps (or gets) its review date; a better grade needs none."""
        if is_low_grade(body):
            if not body.get("review_date"):
                body["review_date"] = add_months(self.ctx.clock.today(), REVIEW_MONTHS).isoformat()
            return body
        return {k: v for k, v in body.items() if k not in ("review_date", "review_reason")}

    def _revise(self, report: Record, body: dict[str, Any], shared: list[str] | None = None) -> Record:
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():
            saved = writer.revise(report, body)
            for to in shared or []:  # who (this user), to whom (the role), why (in the signed record it points to)
                self.audit.append(self.user.id, "intel_share", f"{KIND}:{report.id}:{saved.revision}:{to}",
                                  saved.content_sha256())
        return saved


__all__ = ["IntelligenceService", "TEXT_FIELDS"]
