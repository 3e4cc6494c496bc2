"""What the audit viewer shows: a filter (person, action, dates) and each entry's object in words.

The audit log holds identifiers only (`observation:<id>:1`, `user:<id>`, `day:B-Wing:2026-12-03`); the viewer turns
them into "Observation about Petrović, 3 Dec" by looking the identifiers up. Prisoner names are looked up only for a
reader the policy lets read prisoners (the administrator reads the technical log without them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from wingdesk.domain.records import RecordKind
from wingdesk.domain.tombstones import tombstone_of
from wingdesk.services.repository_ports import Repository


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None  # user id
    action: str | None = None  # action code
    date_from: date | None = None  # local dates, both included
    date_to: date | None = None

    def bounds(self) -> tuple[str | None, str | None]:
        """The dates as UTC ISO bounds of the entries' times (`until` exclusive)."""
        return (_utc(self.date_from) if self.date_from else None,
                _utc(self.date_to + timedelta(days=1)) if self.date_to else None)


def _utc(day: date) -> str:
    local = datetime.combine(day, time.min).astimezone()  # this PC's midnight, as the reader means the date
    return local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class ObjectRef:
    """One audit object, resolved: `kind` says how to word it (gui.audit_text), the rest fills it in.

    kind: record (record_kind, name, day) · deleted (record_kind, name, day of the record, detail = the reason the
    administrator gave; domain.tombstones) · prisoner · notes · user · day · shift · bundle · draft · denied
    (record_kind = action, detail = resource) · wing · session · audit · other (detail = the raw text)."""

    kind: str
    record_kind: str = ""
    name: str = ""
    day: str = ""
    detail: str = ""


_RECORD_KINDS = frozenset(str(k) for k in RecordKind)
_SIMPLE = {"wing": "wing", "session": "session", "audit": "audit", "records": "records"}


class ObjectResolver:
    """Resolves the objects of one page of entries, each identifier looked up once."""

    def __init__(self, repo: Repository, with_prisoner_names: bool) -> None:
        self.repo, self.with_names = repo, with_prisoner_names
        self._prisoners: dict[str, str] = {}
        self._users: dict[str, str] = {u.id: u.display_name for u in repo.list_users(include_removed=True)}

    def prisoner_name(self, prisoner_id: str | None) -> str:
        if not prisoner_id or not self.with_names:
            return ""
        if prisoner_id not in self._prisoners:
            found = self.repo.get_prisoner(prisoner_id)
            self._prisoners[prisoner_id] = found.family_name if found else ""
        return self._prisoners[prisoner_id]

    def user_name(self, user_id: str) -> str:
        return self._users.get(user_id, "")

    def _deleted(self, record_kind: str, record_id: str) -> ObjectRef:
        """A hard delete in words: what was deleted, about whom (for a reader who may know) and the reason."""
        text = self.repo.tombstone_statement(record_id)
        if text is None:
            return ObjectRef("deleted", record_kind)
        stone = tombstone_of(json.loads(text), b"")
        return ObjectRef("deleted", record_kind, self.prisoner_name(stone.prisoner_id), detail=stone.reason)

    def resolve(self, obj: str, action: str) -> ObjectRef:
        head, _, rest = obj.partition(":")
        if action == "access_denied":
            what, _, resource = obj.partition(":")
            return ObjectRef("denied", what, detail=resource.partition(":")[0])
        if action in ("hard_delete", "retention_delete") and head in _RECORD_KINDS:
            return self._deleted(head, rest.partition(":")[0])
        if obj in _SIMPLE:
            return ObjectRef(_SIMPLE[obj])
        if head in _RECORD_KINDS and rest:
            record = self.repo.get_record(rest.partition(":")[0])
            if record is None:
                return ObjectRef("record", head)
            return ObjectRef("record", head, self.prisoner_name(record.prisoner_id), record.occurred_at[:10])
        if head == "prisoner":
            pid, _, what = rest.partition(":")
            return ObjectRef("notes" if what == "notes" else "prisoner", name=self.prisoner_name(pid))
        if head == "user":
            return ObjectRef("user", name=self.user_name(rest.partition(":")[0]))
        if head == "day":
            return ObjectRef("day", day=rest.rpartition(":")[2])
        if head in ("bundle", "bundles", "hq_bundle"):
            return ObjectRef("bundle", detail=rest.partition(":")[0])
        if head in ("shift", "draft"):
            return ObjectRef(head, detail=rest if head == "draft" else "")
        return ObjectRef("other", detail=obj)
