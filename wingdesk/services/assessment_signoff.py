"""The checked sign-off of an assessment (domain.md §3 rule 9), the one gate every shown level passes through.

An assessment's level is anyone's to see (profile, timeline card, list, view, print, trajectory, handover,
transfer) only when its stored history is a complete sign-off (domain/assessment_rules.signed_off: two different
assessors rated, both agreed, someone else with the right to approve countersigned, nothing changed after) AND every
revision and rating that history rests on carries its author's own signature (checked with the keys the wing holds
for that author, as `wingdesk verify` does). A row an insider wrote with the database key in someone else's name,
or a status edited to COUNTERSIGNED, fails one of the two: its level, instructions and countersignature are then
withheld wherever the assessment is shown (`withhold_unchecked`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from wingdesk.domain.assessment_rules import signed_off
from wingdesk.domain.kinds.assessment import ASSESSMENT, ASSESSMENT_RATING, COUNTERSIGNED
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.services.context import ServiceContext
from wingdesk.services.policy import Action, Resource, scope_for
from wingdesk.services.record_signatures import author_key

_KIND, _RATING = ASSESSMENT.name, ASSESSMENT_RATING.name
# What a countersignature puts in force: never shown unless the sign-off checks.
IN_FORCE_ONLY = ("level", "management_instructions", "countersigned_by", "countersigned_on", "status")


class SignOffCheck:
    """Checks stored assessment heads for one caller (keys, approvers and ratings read once per check)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._keys: dict[str, list[bytes]] | None = None
        self._approvers: dict[str, bool] = {}
        self._ratings: dict[str, dict[str, list[Record]]] = {}  # prisoner -> assessment id -> ratings

    def signed_off_heads(self, prisoner_id: str, heads: Iterable[Record]) -> list[Record]:
        """The heads (of this prisoner) claiming COUNTERSIGNED whose sign-off checks."""
        return [h for h in heads if h.body.get("status") == COUNTERSIGNED and self.holds(prisoner_id, h.id)]

    def holds(self, prisoner_id: str, assessment_id: str) -> bool:
        revisions = self.ctx.repo.record_revisions(assessment_id)
        if not revisions or revisions[-1].kind != _KIND or revisions[-1].prisoner_id != prisoner_id:
            return False
        ratings = self._ratings_of(prisoner_id).get(assessment_id, [])
        if not signed_off(revisions, ratings, self._may_countersign):
            return False
        return all(self._signed_by_author(r) for r in (*revisions, *ratings))

    def _ratings_of(self, prisoner_id: str) -> dict[str, list[Record]]:
        if prisoner_id not in self._ratings:
            found: dict[str, list[Record]] = {}
            query = RecordQuery(kinds=(_RATING,), prisoner_id=prisoner_id, limit=5000)
            for r in self.ctx.repo.list_records(query):
                found.setdefault(str(r.body.get("assessment_id")), []).append(r)
            self._ratings[prisoner_id] = found
        return self._ratings[prisoner_id]

    def _may_countersign(self, user_id: str) -> bool:
        if user_id not in self._approvers:
            user = self.ctx.repo.get_user(user_id)
            self._approvers[user_id] = user is not None and scope_for(user.role, Action.APPROVE,
                                                                      Resource.ASSESSMENT) is not None
        return self._approvers[user_id]

    def _signed_by_author(self, record: Record) -> bool:
        """The author's own signature over this exact version (its content hash recomputed from what is stored)."""
        if self._keys is None:
            self._keys = self.ctx.repo.user_keys()
        return author_key(self.ctx, self._keys, record) is not None


def withhold_unchecked(ctx: ServiceContext, shown: list[Record]) -> list[Record]:
    """`shown` (records as the caller may see them, any kinds) with every assessment that claims a countersignature
    its sign-off does not back stripped of what a countersignature puts in force (IN_FORCE_ONLY)."""
    claims = [r for r in shown if r.kind == _KIND and r.body.get("status") == COUNTERSIGNED]
    if not claims:
        return shown
    check = SignOffCheck(ctx)
    bad = {r.id for r in claims if not check.holds(str(r.prisoner_id), r.id)}
    return [_withheld(r) if r.id in bad else r for r in shown]


def _withheld(record: Record) -> Record:
    return replace(record, body={k: v for k, v in record.body.items() if k not in IN_FORCE_ONLY})
