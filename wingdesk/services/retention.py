"""Retention review and erasure (issue 19 item 5; domain.md §3 rule 10; security.md §2.10; docs/retention.md).

The schedule (domain.retention; shipped in resources/retention/schedule.json with the legal source of each period)
says which records about a prisoner have outlived their purpose. Nothing is erased by itself: the governor sees
them in a queue grouped by prisoner and decides, with a reason, either to erase them or to keep them until a later
day. An erasure, for each due record: a tombstone naming the rule, signed by the governor and bound into the audit
chain (`retention_delete`, bound as an administrator's `hard_delete` is: services.deletion), then the record's rows
go (secure_delete zeroes them). When no treatment note of the prisoner remains, their per-prisoner clinical keys are
destroyed too (crypto-shredding of the sealed treatment fields). After the commit the search index is merged, the
WAL emptied and the file vacuumed, so the erased text is in no page of the database and no byte of its WAL. The
tombstones travel to HQ in the next bundle, and HQ deletes its copy (hq.tombstones): HQ applies the wing's schedule
to its store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wingdesk.domain.errors import NotFound, StateError, ValidationError
from wingdesk.domain.records import iso
from wingdesk.domain.retention import ANY_KIND, DueRecord, HeldRecord, Schedule, expired
from wingdesk.domain.schema import Field
from wingdesk.domain.tombstones import Tombstone
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.integrity import canonical_sha256
from wingdesk.services.policy import Action, Resource
from wingdesk.services.progress import Progress
from wingdesk.services.retention_schedule import schedule_in_force

_REASON = Field("reason", "text", required=True, max_len=2000)
_UNTIL = Field("kept_until", "date", required=True)


@dataclass(frozen=True)
class PrisonerDue:
    """One prisoner's records whose retention has run out, as the governor's queue shows them."""

    prisoner_id: str
    number: str
    name: str
    status: str
    left_on: str  # the day they left the wing ("" while in custody)
    records: tuple[DueRecord, ...]

    @property
    def by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.records:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        return counts

    @property
    def oldest_due(self) -> date:
        return min(item.due_on for item in self.records)


@dataclass(frozen=True)
class ErasureResult:
    prisoner_id: str
    erased: int  # records erased, each leaving a tombstone
    keys_destroyed: int  # wrapped per-prisoner clinical keys deleted (0 while a treatment note remains)
    wal_emptied: bool  # False only when another process had the database open (the WAL is emptied later)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _held(rows: list[tuple[str, str, str, str, str, str | None]]) -> dict[str, list[HeldRecord]]:
    found: dict[str, list[HeldRecord]] = {}
    for record_id, kind, occurred_at, prisoner_id, status, left_at in rows:
        occurred = _day(occurred_at)
        assert occurred is not None
        found.setdefault(prisoner_id, []).append(HeldRecord(record_id, kind, occurred, status, _day(left_at)))
    return found


class RetentionService(GuardedService):
    @guarded(Action.READ, Resource.RETENTION)
    def schedule(self) -> Schedule:
        """The schedule in force: HQ's once sent, else WingDesk's shipped defaults; each rule with its legal source."""
        return schedule_in_force(self.ctx.repo)

    def _due(self, prisoner_id: str | None) -> dict[str, tuple[list[DueRecord], date | None]]:
        """Prisoner id -> (records due, the day they left the wing) for each prisoner with records due."""
        repo, today = self.ctx.repo, self.ctx.clock.today()
        kept = repo.retention_kept_until()
        schedule = schedule_in_force(self.ctx.repo)
        due: dict[str, tuple[list[DueRecord], date | None]] = {}
        dated = tuple(r.kind for r in schedule.rules if r.trigger == "record")
        narrowed = None if ANY_KIND in dated else dated  # in custody, only records counted from their date can be due
        for pid, held in _held(repo.held_for_retention(prisoner_id, narrowed)).items():
            if kept.get(pid, "") >= today.isoformat():
                continue  # a governor decided to keep them until then
            found = expired(schedule, held, today)
            if found:
                due[pid] = found, held[0].left_on
        return due

    @guarded(Action.READ, Resource.RETENTION)
    def queue(self) -> list[PrisonerDue]:
        """Every prisoner with records whose retention has run out, the longest overdue first."""
        found = []
        for pid, (records, left_on) in self._due(None).items():
            prisoner = self.ctx.repo.get_prisoner(pid)
            if prisoner is None:
                continue
            found.append(PrisonerDue(pid, prisoner.number, prisoner.display_name, prisoner.status,
                                     left_on.isoformat() if left_on else "", tuple(records)))
        return sorted(found, key=lambda p: (p.oldest_due, p.number))

    @guarded(Action.ANNOTATE, Resource.RETENTION)
    def extend(self, prisoner_id: str, kept_until: str | date, reason: str | None) -> None:
        """Keep the prisoner's due records until a later day (a claim, an inquiry); they leave the queue till then."""
        cleaned, until = _REASON.clean(reason), _UNTIL.clean(str(kept_until))
        if str(until) <= self.ctx.clock.today().isoformat():
            raise ValidationError("date_not_in_future", field="kept_until")
        due = self._due(prisoner_id).get(prisoner_id, ([], None))[0]
        if not due:
            raise NotFound(field="retention")
        with self.ctx.repo.transaction():
            self.ctx.repo.add_retention_decision(prisoner_id, "extend", str(until), str(cleaned), len(due),
                                                 schedule_in_force(self.ctx.repo).version, self.user.id,
                                                 iso(self.ctx.clock.now()))
            self.audit.append(self.user.id, "retention_extend", f"prisoner:{prisoner_id}")

    @guarded(Action.DELETE, Resource.RETENTION)
    def erase(self, prisoner_id: str, reason: str | None, progress: Progress = None) -> ErasureResult:
        """Erase the prisoner's records whose retention has run out (only those: the schedule is read again here),
        each leaving a signed tombstone naming its rule; nothing changes when the reason is blank, nothing is due,
        or the work is stopped before it commits."""
        cleaned = str(_REASON.clean(reason))
        repo, keyring = self.ctx.repo, self.ctx.keyring
        with repo.transaction():
            due = self._due(prisoner_id).get(prisoner_id, ([], None))[0]
            if not due:
                raise StateError("nothing_due", field="retention")
            at = iso(self.ctx.clock.now())
            for done, item in enumerate(due):
                if progress is not None:
                    progress(done, len(due))
                record = repo.get_record(item.record_id)
                if record is None:
                    raise NotFound(field="record")
                first = repo.record_revisions(item.record_id)[0]
                versions, notes = repo.record_hashes(item.record_id)
                stone = Tombstone(record.id, str(record.kind), record.prisoner_id, first.author_id, first.author_name,
                                  record.content_sha256(), record.author_sig, tuple(versions), tuple(notes),
                                  self.user.id, self.user.display_name, at, cleaned, rule=item.rule_id)
                statement = stone.statement()
                digest = canonical_sha256(statement)
                repo.bury_record(Tombstone(**{**stone.__dict__, "signature": keyring.sign_tombstone(statement)}),
                                 digest)
                self.audit.append(self.user.id, "retention_delete", f"{record.kind}:{record.id}", digest)
            keys = 0 if repo.has_sealed_notes(prisoner_id) else repo.destroy_prisoner_keys(prisoner_id)
            version = schedule_in_force(repo).version
            repo.add_retention_decision(prisoner_id, "erase", None, cleaned, len(due), version, self.user.id, at)
            self.audit.append(self.user.id, "retention_erase", f"prisoner:{prisoner_id}")
        if progress is not None:
            progress(len(due), len(due))
        emptied = repo.compact_after_erasure()
        return ErasureResult(prisoner_id, len(due), keys, emptied)
