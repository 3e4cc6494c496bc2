"""Shift logs and the daily review cycle: entries, submit, return, annotate, countersign, verify."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from wingdesk.domain.daily_log import (
    AWAITING_REVIEW,
    RETURNABLE,
    DayEvent,
    DayState,
    check_all_answered,
    check_not_own_answers,
    check_not_own_entries,
    countersign_payload,
    next_state,
)
from wingdesk.domain.daily_log_types import Countersignature, Day, Shift
from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.kinds.wing_log import LOG_ENTRY
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Amendment, AmendmentKind, Record, RecordKind, iso, new_id
from wingdesk.domain.schema import Field
from wingdesk.services.deletion import deleted_from_payload
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.incidents import IncidentService
from wingdesk.services.movements import PresenceRules
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_writer import RecordWriter

_DAY = Field("day", "date", required=True)
_SIGNED = frozenset({DayState.COUNTERSIGNED, DayState.SEALED})


@dataclass(frozen=True)
class DayView:
    day: Day
    shifts: list[Shift]
    entries: list[Record]
    countersignatures: list[Countersignature] = field(default_factory=list)
    signer_names: dict[str, str] = field(default_factory=dict)  # signer id -> display name


@dataclass(frozen=True)
class SignatureCheck:
    signer_id: str
    signed_at: str
    valid: bool
    reason: str = ""
    deleted: int = 0  # entries it signed that an administrator has since deleted (services.deletion)


class WingLogService(GuardedService):
    def _day(self, day: str | None) -> str:
        return _DAY.clean(day) if day else self.ctx.clock.today().isoformat()

    def _day_row(self, day: str) -> Day:
        found = self.ctx.repo.get_day(self.ctx.wing, day)
        return found or Day(self.ctx.wing, day, DayState.OPEN, iso(self.ctx.clock.now()))

    def _transition(self, day: str, event: DayEvent, entry_id: str | None = None,
                    comment_id: str | None = None) -> DayState:
        current = self._day_row(day)
        state = next_state(current.state, event)
        now = iso(self.ctx.clock.now())
        self.ctx.repo.put_day(self.ctx.wing, day, state, now)
        self.ctx.repo.add_day_event(self.ctx.wing, day, str(event), self.user.id, now, entry_id, comment_id)
        self.audit.append(self.user.id, f"day_{event}", f"day:{self.ctx.wing}:{day}")
        return state

    def _check_open(self, day: str) -> None:
        """Entries and corrections only while the day is open; a countersigned day is sealed for good (scenario 7)."""
        state = self._day_row(day).state
        if state is not DayState.OPEN:
            raise StateError("day_sealed" if state in _SIGNED else "day_locked")

    def _log_entry(self, entry_id: str) -> tuple[Record, str]:
        """A log entry of some day (annotate and correct act only on those) and that day, else NotFound."""
        entry = self.ctx.repo.get_record(entry_id)
        if entry is None or entry.kind != RecordKind.LOG_ENTRY or entry.day is None:
            raise NotFound(field="entry")
        return entry, entry.day

    def _entries(self, day: str) -> list[Record]:
        query = RecordQuery(kinds=(str(RecordKind.LOG_ENTRY),), day=day, ascending=True, limit=10000,
                            written_order=True)
        return self.ctx.repo.list_records(query)

    # --- shifts and entries ------------------------------------------------------------------------
    @guarded(Action.CREATE, Resource.LOG_ENTRY)
    def start_shift(self, shift: str, day: str | None = None) -> Shift:
        if shift not in ("EARLY", "LATE", "NIGHT"):
            raise ValidationError("bad_choice", field="shift")
        day = self._day(day)
        if self._day_row(day).state is not DayState.OPEN:
            raise StateError("day_locked")
        started = Shift(new_id(), self.ctx.wing, day, shift, self.user.id, iso(self.ctx.clock.now()))
        with self.ctx.repo.transaction():
            self.ctx.repo.put_day(self.ctx.wing, day, DayState.OPEN, started.started_at)
            self.ctx.repo.add_shift(started)
            self.audit.append(self.user.id, "start_shift", f"shift:{started.id}")
        return started

    @guarded(Action.CREATE, Resource.LOG_ENTRY)
    def accept_handover(self, shift_id: str, outgoing_officer: str, roll: int, open_issues: str = "",
                        prisoners_of_concern: str = "", keys_equipment: str = "") -> Record:
        shift = self.ctx.repo.get_shift(shift_id)
        if shift is None or shift.officer_id != self.user.id:
            raise NotFound(field="shift")
        body = {"outgoing_officer": outgoing_officer, "incoming_officer": self.user.display_name, "roll": roll,
                "open_issues": open_issues, "prisoners_of_concern": prisoners_of_concern,
                "keys_equipment": keys_equipment}
        with self.ctx.repo.transaction():
            record = self.add_entry("HANDOVER", body, shift_id=shift_id, day=shift.day)
            self.ctx.repo.accept_shift(shift_id, record.id, record.recorded_at)
        return record

    @guarded(Action.CREATE, Resource.LOG_ENTRY)
    def add_entry(self, entry_type: str, fields: dict[str, Any], *, prisoner_id: str | None = None,
                  occurred_at: str | datetime | None = None, shift_id: str | None = None,
                  day: str | None = None) -> Record:
        presence = PresenceRules(self.ctx)  # movements and roll resolutions keep where prisoners are in step
        body = LOG_ENTRY.clean({**presence.prepare(entry_type, fields), "entry_type": entry_type})
        day = self._day(day)
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():
            self._check_open(day)
            record = writer.new_record(RecordKind.LOG_ENTRY, body, prisoner_id=prisoner_id, occurred_at=occurred_at,
                                       day=day, shift_id=shift_id)
            presence.check(entry_type, body, prisoner_id, record.occurred_at)
            self.ctx.repo.put_day(self.ctx.wing, day, DayState.OPEN, iso(self.ctx.clock.now()))
            writer.save(record)
            presence.apply(record)
            if entry_type == "CELL_CHANGE" and prisoner_id:
                self.ctx.repo.set_prisoner_cell(prisoner_id, body["to_cell"], record.recorded_at)
            if entry_type == "SEARCH" and self.gateway.scope(Action.CREATE, Resource.INCIDENT):
                # finds raise a linked incident draft (issue 14 item 5)
                IncidentService(self.ctx, self.gateway, self.audit).draft_from_search(record)
        return record

    @guarded(Action.READ, Resource.LOG_ENTRY)
    def day(self, day: str | None = None) -> DayView:
        day = self._day(day)
        scopes = readable_kinds(self.ctx)
        entries = [v for r in self._entries(day) if (v := visible(self.ctx, r, scopes))]
        if scopes.get(RecordKind.LOG_ENTRY) is not Scope.RESTRICTED:
            entries = RecordWriter(self.ctx, self.audit).with_amendments(entries)
        signatures = self.ctx.repo.countersignatures(self.ctx.wing, day)
        names = {}
        for sig in signatures:
            signer = self.ctx.repo.get_user(sig.signer_id)
            names[sig.signer_id] = signer.display_name if signer else sig.signer_id[:8]
        return DayView(self._day_row(day), self.ctx.repo.shifts_for_day(self.ctx.wing, day), entries, signatures,
                       names)

    @guarded(Action.READ, Resource.DAILY_LOG)
    def recent_days(self, limit: int = 31) -> list[Day]:
        return self.ctx.repo.recent_days(self.ctx.wing, limit)

    # --- review cycle --------------------------------------------------------------------------------
    @guarded(Action.SUBMIT, Resource.DAILY_LOG)
    def submit_day(self, day: str | None = None) -> DayState:
        day = self._day(day)
        with self.ctx.repo.transaction():
            if not self._entries(day):
                raise StateError("day_empty")
            return self._transition(day, DayEvent.SUBMIT)

    @guarded(Action.APPROVE, Resource.DAILY_LOG)
    def review_queue(self) -> list[Day]:
        return self.ctx.repo.days_in_states(self.ctx.wing, AWAITING_REVIEW)

    @guarded(Action.APPROVE, Resource.DAILY_LOG)
    def return_entry(self, day: str, entry_id: str, comment: str) -> Amendment:
        """Send one entry back with a comment; the day returns to its officers for annotation."""
        day = self._day(day)
        entry = self.ctx.repo.get_record(entry_id)
        if entry is None or entry.day != day:
            raise NotFound(field="entry")
        with self.ctx.repo.transaction():
            if self._day_row(day).state not in RETURNABLE:
                raise StateError("day_not_in_review")
            note = RecordWriter(self.ctx, self.audit).amend(entry, AmendmentKind.COMMENT, comment)
            self._transition(day, DayEvent.RETURN, entry_id, note.id)
        return note

    @guarded(Action.ANNOTATE, Resource.LOG_ENTRY)
    def annotate_entry(self, entry_id: str, text: str) -> Amendment:
        """The officer's answer to a returned entry: an annotation, the original stays unchanged."""
        entry, day = self._log_entry(entry_id)
        if self.gateway.scope(Action.ANNOTATE, Resource.LOG_ENTRY) is Scope.OWN and entry.author_id != self.user.id:
            raise self.gateway.deny(Action.ANNOTATE, Resource.LOG_ENTRY, entry_id)
        with self.ctx.repo.transaction():
            state = self._day_row(day).state
            if state is not DayState.RETURNED:
                raise StateError("day_sealed" if state in _SIGNED else "day_not_returned")
            note = RecordWriter(self.ctx, self.audit).amend(entry, AmendmentKind.ANNOTATION, text)
            self._transition(day, DayEvent.ANNOTATE, entry_id, note.id)
        return note

    @guarded(Action.ANNOTATE, Resource.LOG_ENTRY)
    def correct_entry(self, entry_id: str, text: str) -> Amendment:
        """A correction to an entry of a day not yet submitted: added below the entry with its author and time, the
        original left as it was (domain.md rule 1: corrections leave the original legible). A correction is the
        author's, whatever the role (a supervisor comments by returning the entry once the day is submitted); once
        the day is submitted, only a supervisor's return reopens an entry (to annotate)."""
        entry, day = self._log_entry(entry_id)
        if entry.author_id != self.user.id:
            raise self.gateway.deny(Action.ANNOTATE, Resource.LOG_ENTRY, entry_id)
        with self.ctx.repo.transaction():
            self._check_open(day)
            return RecordWriter(self.ctx, self.audit).amend(entry, AmendmentKind.AMENDMENT, text)

    @guarded(Action.SUBMIT, Resource.DAILY_LOG)
    def resubmit_day(self, day: str) -> DayState:
        """Back to the supervisor, once every returned entry has its answer (else StateError returned_unanswered)."""
        day = self._day(day)
        with self.ctx.repo.transaction():
            if self._day_row(day).state is DayState.RETURNED:
                check_all_answered([(e[0], e[3]) for e in self.ctx.repo.day_events(self.ctx.wing, day)])
            return self._transition(day, DayEvent.RESUBMIT)

    @guarded(Action.READ, Resource.LOG_ENTRY)
    def returned_entries(self) -> list[tuple[str, Record]]:
        """(day, entry) pairs returned by a supervisor and waiting for the officer's annotation - only the user's
        own entries where they may annotate only their own (another officer's would list work they cannot do)."""
        own_only = self.gateway.scope(Action.ANNOTATE, Resource.LOG_ENTRY) is Scope.OWN
        found = []
        for d in self.ctx.repo.days_in_states(self.ctx.wing, (DayState.RETURNED,)):
            returned = {e[3] for e in self.ctx.repo.day_events(self.ctx.wing, d.day) if e[0] == "return"}
            for entry in self.day(d.day).entries:
                if entry.id in returned and (not own_only or entry.author_id == self.user.id):
                    found.append((d.day, entry))
        return found

    def _payload_entries(self, day: str) -> tuple[list[tuple[str, int, str, str]], list[tuple[str, str]]]:
        entries = self._entries(day)
        listed = [(r.id, r.revision, r.content_sha256(), r.author_id) for r in entries]
        amendments = self.ctx.repo.amendments_for([r.id for r in entries])
        notes = [(a.id, a.content_sha256()) for items in amendments.values() for a in items]
        return listed, notes

    @guarded(Action.APPROVE, Resource.DAILY_LOG)
    def countersign(self, day: str) -> Countersignature:
        """Sign, with the supervisor's own key, every entry version and amendment of the day."""
        day = self._day(day)
        with self.ctx.repo.transaction():
            if self._day_row(day).state not in AWAITING_REVIEW:
                raise StateError("day_not_in_review")
            entries, notes = self._payload_entries(day)
            check_not_own_entries(self.user.id, {e[3] for e in entries})
            answers = self.ctx.repo.amendments_for([e[0] for e in entries])
            check_not_own_answers(self.user.id, [(e[0], e[1]) for e in self.ctx.repo.day_events(self.ctx.wing, day)],
                                  {a.author_id for items in answers.values() for a in items
                                   if a.kind == AmendmentKind.ANNOTATION})
            now = iso(self.ctx.clock.now())
            payload = countersign_payload(self.ctx.wing, day, entries, notes, self.user.id, str(self.user.role), now)
            signature = self.ctx.keyring.sign_countersignature(payload)
            sig = Countersignature(new_id(), self.ctx.wing, day, self.user.id,
                                   json.dumps(payload, sort_keys=True, ensure_ascii=False), signature, now)
            self.ctx.repo.add_countersignature(sig)
            self._transition(day, DayEvent.COUNTERSIGN)
        return sig

    @guarded(Action.READ, Resource.DAILY_LOG)
    def verify_day(self, day: str) -> list[SignatureCheck]:
        """Check each countersignature against the signer's key and the day's records as stored now."""
        day = self._day(day)
        entries, notes = self._payload_entries(day)
        checks = []
        for sig in self.ctx.repo.countersignatures(self.ctx.wing, day):
            payload = json.loads(sig.payload)
            signer = self.ctx.repo.get_user(sig.signer_id)
            gone, gone_notes = deleted_from_payload(self.ctx.repo, payload, {e[0] for e in entries})
            current = countersign_payload(self.ctx.wing, day, entries + gone, notes + gone_notes, sig.signer_id,
                                          payload.get("signer_role", ""), payload.get("signed_utc", ""))
            if signer is None or not self.ctx.keyring.verify_countersignature(signer.public_key, payload,
                                                                              sig.signature):
                checks.append(SignatureCheck(sig.signer_id, sig.signed_at, False, "bad_signature"))
            elif current != payload:
                checks.append(SignatureCheck(sig.signer_id, sig.signed_at, False, "records_changed"))
            else:
                checks.append(SignatureCheck(sig.signer_id, sig.signed_at, True, deleted=len(gone)))
        return checks

    @guarded(Action.EXPORT, Resource.SYNC)
    def seal_day(self, day: str) -> DayState:
        with self.ctx.repo.transaction():
            return self._transition(self._day(day), DayEvent.SEAL)
