"""Risk and needs assessments (issue 15 item 2, domain.md §2.7, §5 scenario 11): start one with the instrument
in force, two different assessors rate it independently, both agree the ratings and the overall judgement they
chose, a lead who rated nothing countersigns; the prisoner is informed and may dispute a domain in their own words.

The prisoner's current level is a derived query over countersigned assessments whose whole history is a sign-off
(domain/assessment_rules.signed_off): a level written any other way, through this service or straight into the
repository, is never anyone's current level. Every read of an assessment is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wingdesk.domain.assessed_needs import NEEDS_INSTRUMENT, needs_from
from wingdesk.domain.assessment_deadlines import DeadlineSettings
from wingdesk.domain.assessment_rules import (
    agreed_properly,
    clean_ratings,
    judgement_of,
    unexplained_differences,
)
from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.instruments.model import Instrument, InstrumentError
from wingdesk.domain.kinds.assessment import (
    AGREED,
    ASSESSMENT,
    ASSESSMENT_RATING,
    COUNTERSIGNED,
    DRAFT,
    JUDGEMENT,
    RATED,
    SECOND_RATED,
)
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record
from wingdesk.domain.schema import Field
from wingdesk.domain.trajectory import TrajectoryPoint, point_of
from wingdesk.services.assessment_signoff import SignOffCheck, withhold_unchecked
from wingdesk.services.audit_trail import AuditTrail
from wingdesk.services.context import ServiceContext
from wingdesk.services.deadline_settings import read_deadline_settings, write_deadline_settings
from wingdesk.services.gateway import AccessGateway, GuardedService, guarded
from wingdesk.services.instruments import InstrumentService
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, restricted_view, visible
from wingdesk.services.record_writer import RecordWriter

_KIND, _RATING = ASSESSMENT.name, ASSESSMENT_RATING.name
_PART_COMMENT = Field("comment", "text", required=True, max_len=4000)
_ON = Field("informed_on", "date", required=True)


@dataclass(frozen=True)
class AssessmentView:
    """An assessment as the caller may see it: the record (restricted for officers) and the assessors' ratings
    they may read ({"FIRST": [...], "SECOND": [...]}; the other assessor's appear only once both have rated)."""

    record: Record
    ratings: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)  # position of the ratings shown -> that assessor's name

    @property
    def status(self) -> str:
        return str(self.record.body.get("status"))


@dataclass(frozen=True)
class CurrentLevel:
    level: str
    since: str  # the date it was countersigned
    assessment_id: str
    instructions: str = ""  # what the assessors ask of the wing (officers may read it with the level)


class AssessmentService(GuardedService):
    def __init__(self, ctx: ServiceContext, gateway: AccessGateway, audit: AuditTrail) -> None:
        super().__init__(ctx, gateway, audit)
        self._instruments = InstrumentService(ctx, gateway, audit)  # reads each definition once per session

    @guarded(Action.CREATE, Resource.ASSESSMENT)
    def start(self, prisoner_id: str, assessment_kind: str, instrument_id: str, version: int | None = None,
              sources_used: list[str] | None = None) -> Record:
        """A DRAFT made with the instrument in force (or exactly `version`), naming the records the assessors read."""
        instrument = self._instrument(instrument_id, version)
        if not instrument.usable_by(str(self.user.role)):
            raise ValidationError("assessment_instrument_role", instrument=instrument.label)
        sources = [{"record_id": self._source(prisoner_id, s)} for s in dict.fromkeys(sources_used or [])]
        body = ASSESSMENT.clean({"assessment_kind": assessment_kind, "instrument_id": instrument.instrument_id,
                                 "instrument_version": instrument.version, "status": DRAFT,
                                 "sources_used": sources})
        writer = RecordWriter(self.ctx, self.audit)
        return writer.save(writer.new_record(_KIND, body, prisoner_id=prisoner_id))

    @guarded(Action.CREATE, Resource.ASSESSMENT)
    def rate(self, assessment_id: str, ratings: Mapping[str, Any]) -> Record:
        """The first assessor's ratings of every part, checked against the assessment's own instrument version."""
        previous = self._stored(assessment_id)
        if previous.body["status"] != DRAFT:
            raise StateError("assessment_already_rated")
        return self._rate(previous, ratings, "FIRST", {"assessor_a": self.user.id, "status": RATED})

    @guarded(Action.CREATE, Resource.ASSESSMENT)
    def rate_independently(self, assessment_id: str, ratings: Mapping[str, Any]) -> Record:
        """The second assessor's own ratings, made without seeing the first's; never the first assessor."""
        previous = self._stored(assessment_id)
        if previous.body["status"] != RATED:
            raise StateError("assessment_not_awaiting_second")
        if previous.body.get("assessor_a") == self.user.id:
            raise StateError("assessment_same_assessor")
        return self._rate(previous, ratings, "SECOND", {"assessor_b": self.user.id, "status": SECOND_RATED})

    def _rate(self, previous: Record, given: Mapping[str, Any], position: str, change: dict[str, Any]) -> Record:
        instrument = self._instrument_of(previous)
        if not instrument.usable_by(str(self.user.role)):
            raise ValidationError("assessment_instrument_role", instrument=instrument.label)
        rating = ASSESSMENT_RATING.clean({"assessment_id": previous.id, "position": position,
                                          "ratings": clean_ratings(instrument, given)})
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():
            writer.save(writer.new_record(_RATING, rating, prisoner_id=previous.prisoner_id))
            return writer.revise(previous, ASSESSMENT.clean({**previous.body, **change}))

    @guarded(Action.ANNOTATE, Resource.ASSESSMENT)
    def agree(self, assessment_id: str, agreed: Mapping[str, Any], judgement: Mapping[str, Any]) -> Record:
        """One assessor proposes the agreed ratings and the overall judgement they chose (level, nature, who is at
        risk, imminence, confidence, formulation, instructions, next review); when the other assessor agrees the
        same, it is AGREED. Nothing is computed: every code is one they picked."""
        previous = self._stored(assessment_id)
        assessors = (previous.body.get("assessor_a"), previous.body.get("assessor_b"))
        if previous.body["status"] != SECOND_RATED:
            raise StateError("assessment_not_rated_by_both")
        if self.user.id not in assessors:
            raise StateError("assessment_agree_not_assessor")
        unknown = set(judgement) - set(JUDGEMENT)
        if unknown:
            raise ValidationError("unknown_field", field=sorted(unknown)[0])
        if not judgement.get("level"):
            raise ValidationError("required", field="level")
        review = Field("next_review_date", "date", required=True).clean(judgement.get("next_review_date"))
        if review < self._today():
            raise ValidationError("review_in_past", field="next_review_date")
        ratings = clean_ratings(self._instrument_of(previous), agreed)
        own = {str(r.body.get("position")): list(r.body.get("ratings") or []) for r in self._rating_records(previous)}
        unexplained = unexplained_differences(ratings, own.get("FIRST", []), own.get("SECOND", []))
        if unexplained:
            raise ValidationError("assessment_difference_unexplained", part=unexplained[0])
        proposal = {**previous.body, **{name: judgement.get(name) for name in JUDGEMENT}, "agreed": ratings}
        other = previous.body.get("agreed_by")
        confirms = bool(other) and other != self.user.id and judgement_of(ASSESSMENT.clean(proposal)) \
            == judgement_of(previous.body)
        body = ASSESSMENT.clean({**proposal, "agreed_by": other if confirms else self.user.id,
                                 "status": AGREED if confirms else SECOND_RATED})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    @guarded(Action.APPROVE, Resource.ASSESSMENT)
    def countersign(self, assessment_id: str) -> Record:
        """A lead who is neither assessor countersigns the agreed assessment; only then is the level in force."""
        previous = self._stored(assessment_id)
        if previous.body["status"] != AGREED:
            raise StateError("assessment_not_agreed")
        if self.user.id in (previous.body.get("assessor_a"), previous.body.get("assessor_b")):
            raise StateError("assessment_countersign_own")
        if agreed_properly(self.ctx.repo.record_revisions(previous.id), self._rating_records(previous)) is None:
            raise StateError("assessment_history_broken")  # not two assessors' own ratings and agreement
        body = ASSESSMENT.clean({**previous.body, "status": COUNTERSIGNED, "countersigned_by": self.user.id,
                                 "countersigned_on": self._today()})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    @guarded(Action.ANNOTATE, Resource.ASSESSMENT)
    def record_informed(self, assessment_id: str, informed_on: str, how: str, participated: bool) -> Record:
        """The prisoner was told the outcome (date, how, by the signed-in user) and whether they took part."""
        previous = self._stored(assessment_id)
        if previous.body["status"] not in (AGREED, COUNTERSIGNED):
            raise StateError("assessment_not_agreed")
        on = _ON.clean(informed_on)
        if on > self._today():
            raise ValidationError("in_future", field="informed_on")
        body = ASSESSMENT.clean({**previous.body, "informed_on": on, "informed_how": how,
                                 "informed_by": self.user.id, "participated": participated})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    @guarded(Action.ANNOTATE, Resource.ASSESSMENT)
    def add_prisoner_comment(self, assessment_id: str, domain_code: str, comment: str) -> Record:
        """The prisoner disputes a domain: their words are attached beside the rating, which stays as it was."""
        previous = self._stored(assessment_id)
        if previous.body["status"] not in (AGREED, COUNTERSIGNED):
            raise StateError("assessment_not_agreed")
        self._instrument_of(previous).domain(domain_code)  # instrument_no_such_part when it has no such domain
        entry = {"part": domain_code, "comment": _PART_COMMENT.clean(comment), "recorded_on": self._today()}
        body = ASSESSMENT.clean({**previous.body,
                                 "prisoner_comments": [*previous.body.get("prisoner_comments", []), entry]})
        return RecordWriter(self.ctx, self.audit).revise(previous, body)

    @guarded(Action.READ, Resource.ASSESSMENT)
    def view(self, assessment_id: str) -> AssessmentView:
        """The assessment as the caller may see it (audited): officers the level and instructions once
        countersigned; an assessor their own ratings, and the other's only after both have rated."""
        head = withhold_unchecked(self.ctx, [self._stored(assessment_id)])[0]  # no level its sign-off does not back
        self.audit.append(self.user.id, "read_sensitive", f"{_KIND}:{assessment_id}")
        scope = self.gateway.scope(Action.READ, Resource.ASSESSMENT)
        if scope is Scope.RESTRICTED:
            return AssessmentView(restricted_view(head))
        shown = self._ratings_shown(head)
        names = {str(r.body["position"]): r.author_name for r in self._rating_records(head)
                 if str(r.body["position"]) in shown}
        return AssessmentView(head, shown, names)

    @guarded(Action.READ, Resource.ASSESSMENT)
    def for_prisoner(self, prisoner_id: str) -> list[Record]:
        """The prisoner's assessments, newest first, as the caller may see them (audited)."""
        scopes = readable_kinds(self.ctx)
        found = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:{_KIND}")
        return withhold_unchecked(self.ctx, [v for r in found if (v := visible(self.ctx, r, scopes))])

    @guarded(Action.READ, Resource.ASSESSMENT)
    def sources(self, assessment_id: str) -> tuple[list[Record], int]:
        """The records the assessors named as read, those the caller may see (oldest first), and how many others
        the caller may not see (counted, never shown). Audited."""
        head = self._stored(assessment_id)
        self.audit.append(self.user.id, "read_sensitive", f"{_KIND}:{assessment_id}:sources")
        if self.gateway.scope(Action.READ, Resource.ASSESSMENT) is Scope.RESTRICTED:
            return [], 0  # officers and supervisors: level and instructions only
        scopes = readable_kinds(self.ctx)
        shown, hidden = [], 0
        for entry in head.body.get("sources_used") or []:
            found = self.ctx.repo.get_record(str(entry.get("record_id")))
            seen = visible(self.ctx, found, scopes) if found is not None else None
            if seen is None:
                hidden += 1
            else:
                shown.append(seen)
        return sorted(shown, key=lambda r: r.occurred_at), hidden

    @guarded(Action.APPROVE, Resource.ASSESSMENT)
    def awaiting_countersign(self) -> list[Record]:
        """The wing's agreed assessments waiting for a lead's countersignature, oldest first (audited)."""
        self.audit.append(self.user.id, "read_sensitive", f"{_KIND}:awaiting_countersign")
        found = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), limit=1000))
        return sorted((r for r in found if r.body.get("status") == AGREED), key=lambda r: r.recorded_at)

    @guarded(Action.READ, Resource.ASSESSMENT)
    def current_level(self, prisoner_id: str) -> CurrentLevel | None:
        """The level of the prisoner's latest assessment whose history is a complete sign-off (audited)."""
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:level")
        heads = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        signed = self._signed_off_heads(prisoner_id, heads)
        if not signed:
            return None
        latest = max(signed, key=lambda h: (str(h.body.get("countersigned_on")), h.recorded_at))
        return CurrentLevel(str(latest.body["level"]), str(latest.body["countersigned_on"]), latest.id,
                            str(latest.body.get("management_instructions") or ""))

    @guarded(Action.READ, Resource.ASSESSMENT)
    def trajectory(self, prisoner_id: str, instrument_id: str) -> list[TrajectoryPoint]:
        """The prisoner's signed-off assessments made with the instrument, oldest first: level and agreed domain
        ratings (the level only for a summary reader such as an officer). Audited."""
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:trajectory")
        full = self.gateway.scope(Action.READ, Resource.ASSESSMENT) is not Scope.RESTRICTED
        heads = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        signed = self._signed_off_heads(prisoner_id, [h for h in heads if h.body.get("instrument_id") == instrument_id])
        signed.sort(key=lambda h: (str(h.body.get("countersigned_on")), h.recorded_at, h.id))  # ids: UUIDv7
        return [point_of(h.id, h.body, full) for h in signed]

    @guarded(Action.CREATE, Resource.PLAN)  # for those who write plans; the reads below are assessment reads
    def assessed_needs(self, prisoner_id: str) -> tuple[str, list[dict[str, Any]]] | None:
        """(countersigned_on, needs for the plan) from the prisoner's latest signed-off needs assessment, or None
        (issue 15 item 5; domain/assessed_needs.py). Audited."""
        points = self.trajectory(prisoner_id, NEEDS_INSTRUMENT)
        if not points:
            return None
        latest = self._stored(points[-1].assessment_id)
        return points[-1].on, needs_from(latest.body.get("agreed") or [])

    @guarded(Action.READ, Resource.ASSESSMENT)
    def next_reassessment(self, prisoner_id: str) -> str | None:
        """The next reassessment due (issue 15 item 5: the plan's review follows it): for each instrument, the
        next review date of the prisoner's latest signed-off assessment with it; the earliest not yet past, or
        None (an overdue reassessment is in the inbox already). Audited."""
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:next_review")
        heads = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        latest: dict[str, Record] = {}
        for head in self._signed_off_heads(prisoner_id, heads):
            key, held = str(head.body.get("instrument_id")), latest.get(str(head.body.get("instrument_id")))
            if held is None or (str(head.body.get("countersigned_on")), head.recorded_at) \
                    > (str(held.body.get("countersigned_on")), held.recorded_at):
                latest[key] = head
        today = self._today()
        due = [str(h.body["next_review_date"]) for h in latest.values()
               if h.body.get("next_review_date") and str(h.body["next_review_date"]) >= today]
        return min(due, default=None)

    @guarded(Action.READ, Resource.ASSESSMENT)
    def is_signed_off(self, prisoner_id: str, assessment_id: str) -> bool:
        """Whether the assessment is the prisoner's, countersigned, with a complete sign-off history."""
        head = self.ctx.repo.get_record(assessment_id)
        return head is not None and head.kind == _KIND and head.prisoner_id == prisoner_id \
            and bool(self._signed_off_heads(prisoner_id, [head]))

    @guarded(Action.READ, Resource.ASSESSMENT)
    def signed_off_reviews(self, prisoner_id: str) -> list[tuple[str, str | None]]:
        """(countersigned_on, next_review_date) of the prisoner's assessments whose history is a complete sign-off:
        what renews a radicalisation concern (domain/veo_rules.py)."""
        heads = self.ctx.repo.list_records(RecordQuery(kinds=(_KIND,), prisoner_id=prisoner_id, limit=500))
        return [(str(h.body["countersigned_on"]), h.body.get("next_review_date"))
                for h in self._signed_off_heads(prisoner_id, heads)]

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def deadline_settings(self) -> DeadlineSettings:
        """The admission deadlines of special groups (issue 15 item 3): screening hours, needs days."""
        return read_deadline_settings(self.ctx.repo)

    @guarded(Action.ADMINISTER, Resource.SETTINGS)
    def set_deadline_settings(self, screening_hours: int, needs_days: int) -> None:
        settings = DeadlineSettings(screening_hours, needs_days)  # out_of_range with the field's name
        with self.ctx.repo.transaction():
            write_deadline_settings(self.ctx.repo, settings)
            self.audit.append(self.user.id, "setting_change", "assessment_deadlines")

    @guarded(Action.READ, Resource.ASSESSMENT)
    def instrument_of(self, assessment_id: str) -> Instrument:
        """The exact instrument version the assessment was made with, whatever version is in force now."""
        return self._instrument_of(self._stored(assessment_id))

    def _signed_off_heads(self, prisoner_id: str, heads: list[Record]) -> list[Record]:
        """The countersigned heads whose sign-off checks (services/assessment_signoff.py: the history and its
        authors' signatures)."""
        return SignOffCheck(self.ctx).signed_off_heads(prisoner_id, heads)

    def _ratings_shown(self, head: Record) -> dict[str, list[dict[str, Any]]]:
        both_rated = head.body.get("status") not in (DRAFT, RATED)
        shown = {}
        for record in self._rating_records(head):
            if both_rated or record.author_id == self.user.id:
                shown[str(record.body["position"])] = list(record.body.get("ratings") or [])
        return shown

    def _rating_records(self, head: Record) -> list[Record]:
        found = self.ctx.repo.list_records(RecordQuery(kinds=(_RATING,), prisoner_id=head.prisoner_id, limit=5000))
        return [r for r in found if r.body.get("assessment_id") == head.id]

    def _stored(self, assessment_id: str) -> Record:
        record = self.ctx.repo.get_record(assessment_id)
        if record is None or record.kind != _KIND:
            raise NotFound(field="assessment")
        return record

    def _instrument(self, instrument_id: str, version: int | None) -> Instrument:
        instruments = self._instruments
        return instruments.in_force(instrument_id) if version is None else instruments.get(instrument_id, version)

    def _instrument_of(self, record: Record) -> Instrument:
        return self._instrument(str(record.body["instrument_id"]), int(record.body["instrument_version"]))

    def _source(self, prisoner_id: str, record_id: str) -> str:
        """A source must be a record about this prisoner that the assessor may read themselves."""
        record = self.ctx.repo.get_record(str(record_id))
        if record is None or record.prisoner_id != prisoner_id or record.kind in (_KIND, _RATING) \
                or visible(self.ctx, record, readable_kinds(self.ctx)) is None:
            raise NotFound(field="sources_used")
        return record.id

    def _today(self) -> str:
        return self.ctx.clock.now().date().isoformat()


__all__ = ["AssessmentService", "AssessmentView", "CurrentLevel", "InstrumentError"]
