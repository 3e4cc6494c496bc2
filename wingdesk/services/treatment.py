"""Treatment plans (goals in the prisoner's own words, needs, steps, reviews) and sealed progress notes."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from wingdesk.domain.code_lists.model import STEP_TYPES, AddedCodes
from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.kinds.spec import KindSpec
from wingdesk.domain.kinds.treatment import PROGRESS_NOTE, plan_accepting
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, RecordKind, new_id
from wingdesk.domain.schema import Field
from wingdesk.services.code_lists import added_codes
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

_REASON = Field("reason", "text", required=True, max_len=500)


class TreatmentService(GuardedService):
    def _plan_spec(self, previous: dict[str, Any] | None = None) -> KindSpec:
        """PLAN accepting the step types HQ added and still offers, and a retired one only on a plan whose previous
        revision already names it (an old step keeps it; `_no_new_retired_steps` keeps new steps from taking it)."""
        added = added_codes(self.ctx, STEP_TYPES)
        steps = (previous or {}).get("steps")
        named = {s.get("step_type") for s in steps if isinstance(s, dict)} if isinstance(steps, list) else set()
        return plan_accepting((*added.offered, *sorted(added.known & named)))

    def _no_new_retired_steps(self, previous: dict[str, Any], cleaned: dict[str, Any]) -> None:
        """Steps carry no ids, so a retired intervention is held to the count of steps the previous revision gave
        it: a plan keeps (or drops) the steps it had, and gets no new one of that type."""
        added = added_codes(self.ctx, STEP_TYPES)
        retired = added.known - set(added.offered)

        def counted(body: dict[str, Any]) -> Counter[str]:
            steps = body.get("steps")
            return Counter(str(s.get("step_type")) for s in steps if isinstance(s, dict) and s.get(
                "step_type") in retired) if isinstance(steps, list) else Counter()

        had = counted(previous)
        if any(n > had[code] for code, n in counted(cleaned).items()):
            raise ValidationError("bad_choice", field="step_type")

    @guarded(Action.READ, Resource.PLAN)
    def added_step_types(self) -> AddedCodes:
        """The step types (interventions) HQ added to the built-in ones, with their labels in every language and
        which of them are offered for new steps (docs/publishing.md)."""
        return added_codes(self.ctx, STEP_TYPES)

    @guarded(Action.CREATE, Resource.PLAN)
    def create_plan(self, prisoner_id: str, body: dict[str, Any]) -> Record:
        if body.get("status", "DRAFT") != "DRAFT":  # it becomes ACTIVE only by someone else's agreement
            raise ValidationError("plan_starts_draft", field="status")
        body = self._plan_spec().clean({"status": "DRAFT", "agreement_status": "DRAFT", **body})
        if self.current_plan(prisoner_id) is not None:
            raise ValidationError("plan_exists", field="plan")
        writer = RecordWriter(self.ctx, self.audit)
        plan = writer.new_record(RecordKind.PLAN, body, prisoner_id=prisoner_id)
        return writer.save(plan)

    @guarded(Action.ANNOTATE, Resource.PLAN)
    def update_plan(self, plan_id: str, body: dict[str, Any]) -> Record:
        """A new revision of the plan; earlier revisions stay readable in its history."""
        previous = self.ctx.repo.get_record(plan_id)
        if previous is None or previous.kind != RecordKind.PLAN:
            raise NotFound(field="plan")
        if previous.body.get("status") in ("CLOSED", "REJECTED"):
            raise ValidationError("plan_closed", field="status")
        cleaned = self._plan_spec(previous.body).clean({**previous.body, **body})
        self._no_new_retired_steps(previous.body, cleaned)
        if cleaned["status"] == "ACTIVE" and previous.body.get("status") != "ACTIVE":
            raise ValidationError("plan_status_by_agreement", field="status")
        return RecordWriter(self.ctx, self.audit).revise(previous, cleaned)

    @guarded(Action.APPROVE, Resource.PLAN)
    def agree_plan(self, plan_id: str) -> Record:
        """The lead (or governor) approves a plan awaiting countersign: it becomes ACTIVE."""
        previous = self.ctx.repo.get_record(plan_id)
        if previous is None or previous.kind != RecordKind.PLAN:
            raise NotFound(field="plan")
        if previous.body.get("status") not in ("DRAFT", "AWAITING_COUNTERSIGN", "UNDER_REVIEW"):
            raise ValidationError("plan_state", field="status")
        if self.user.id in plan_authors(self.ctx.repo.record_revisions(plan_id)):
            raise StateError("agree_own_plan")  # separation of duties: nobody agrees what they wrote
        return RecordWriter(self.ctx, self.audit).revise(previous, {**previous.body, "status": "ACTIVE"})

    @guarded(Action.READ, Resource.PLAN)
    def may_agree(self, plan_id: str) -> bool:
        """Whether this user may agree the plan: the policy allows it and they wrote none of its revisions."""
        if self.gateway.scope(Action.APPROVE, Resource.PLAN) is None:
            return False
        return self.user.id not in plan_authors(self.ctx.repo.record_revisions(plan_id))

    @guarded(Action.READ, Resource.PLAN)
    def current_plan(self, prisoner_id: str) -> Record | None:
        plans = self.ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.PLAN),), prisoner_id=prisoner_id,
                                                       limit=1))
        if not plans:
            return None
        return visible(self.ctx, plans[0], readable_kinds(self.ctx))

    @guarded(Action.READ, Resource.PLAN)
    def plan_history(self, plan_id: str) -> list[Record]:
        scopes = readable_kinds(self.ctx)
        return [v for r in self.ctx.repo.record_revisions(plan_id) if (v := visible(self.ctx, r, scopes))]

    @guarded(Action.READ, Resource.PLAN)
    def reviews_due(self, before: str) -> list[Record]:
        """Active plans whose next review date (or first review) falls before `before` (ISO date)."""
        plans = self.ctx.repo.list_records(RecordQuery(kinds=(str(RecordKind.PLAN),), limit=5000))
        due = []
        for plan in plans:
            reviews = plan.body.get("reviews") or []
            next_date = reviews[-1].get("next_review_date") if reviews else plan.body.get("first_review_date")
            if plan.body.get("status") not in ("CLOSED", "REJECTED") and next_date and next_date < before:
                shown = visible(self.ctx, plan, readable_kinds(self.ctx))
                if shown is not None:
                    due.append(shown)
        return sorted(due, key=lambda p: p.body.get("first_review_date") or "")

    @guarded(Action.CREATE, Resource.PROGRESS_NOTE)
    def add_note(self, prisoner_id: str, text: str, linked_goal: str = "",
                 occurred_at: str | datetime | None = None) -> Record:
        """A progress note in the writer's discipline; its text is sealed under the prisoner's clinical key."""
        body = PROGRESS_NOTE.clean({"discipline": self.user.discipline, "text": text,
                                             "linked_goal": linked_goal})
        writer = RecordWriter(self.ctx, self.audit)
        note = writer.new_record(RecordKind.PROGRESS_NOTE, {}, prisoner_id=prisoner_id, occurred_at=occurred_at,
                                 sensitivity="RESTRICTED")
        seal = self.ctx.keyring.seal_field
        sealed = {k: (seal(prisoner_id, note.id, k, v) if k in PROGRESS_NOTE.sealed_fields else v)
                  for k, v in body.items()}
        return writer.save(_with_body(note, sealed))

    @guarded(Action.READ, Resource.PROGRESS_NOTE)
    def notes(self, prisoner_id: str, reason: str = "", limit: int = 200) -> list[Record]:
        """Notes the caller may read: own discipline in full; a governor sees dates only, with a logged reason."""
        scope = self.gateway.scope(Action.READ, Resource.PROGRESS_NOTE)
        if scope is Scope.RESTRICTED:
            _REASON.clean(reason)
        query = RecordQuery(kinds=(str(RecordKind.PROGRESS_NOTE),), prisoner_id=prisoner_id, limit=limit,
                            subtype=self.user.discipline if scope is Scope.DISCIPLINE else None)
        scopes = readable_kinds(self.ctx)
        found = [v for r in self.ctx.repo.list_records(query) if (v := visible(self.ctx, r, scopes))]
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:notes",
                          _hash(reason) if reason else "")
        return found

    @guarded(Action.CREATE, Resource.PLAN)
    def grant_pending_clinical_keys(self) -> int:
        """Give colleagues of our own discipline added since our last visit its key, sealed to their grant key."""
        granted = 0
        with self.ctx.repo.transaction():
            for user_id in self.ctx.repo.pending_clinical_grants():
                user = self.ctx.repo.get_user(user_id)
                if user is None or not user.active or user.discipline != self.user.discipline \
                        or not self.ctx.keyring.has_clinical:
                    continue
                sealed = self.ctx.vault.grant_clinical(user.grant_recipient)
                self.ctx.repo.fulfil_clinical_grant(user_id, sealed)
                self.audit.append(self.user.id, "grant_clinical_key", f"user:{user_id}")
                granted += 1
        return granted


def plan_authors(revisions: list[Record]) -> set[str]:
    """Everyone who wrote a revision of the plan; the revision that made it ACTIVE is an agreement, not writing."""
    ordered = sorted(revisions, key=lambda r: r.revision)
    statuses = [None, *(r.body.get("status") for r in ordered)]
    return {r.author_id for r, before in zip(ordered, statuses, strict=False)
            if not (r.body.get("status") == "ACTIVE" and before not in (None, "ACTIVE"))}


def _with_body(record: Record, body: dict[str, Any]) -> Record:
    from dataclasses import replace

    return replace(record, body=body)


def _hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


__all__ = ["TreatmentService", "new_id"]
