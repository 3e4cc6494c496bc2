"""Subject access at HQ (issue 19 item 3): the prisoner's copy of everything HQ holds on them, across every wing
and device, by the wings' own rules (domain.subject_access, docs/subject-access.md).

HQ finds a prisoner by prison number: each record line a wing sends names it (hq.subject_rows). For each record
the copy shows its newest version, the earlier versions HQ stored (a correction never erases) and its amendments
and the prisoner's comments; the records are grouped by the wing that wrote them. Left out, as on the wing:

- kinds never in a prisoner's copy, not even listed (`KindSpec.in_subject_access` False: intelligence reports and
  security tasks, whose mere listing would tell the prisoner a source spoke; the wings' own disclosure and
  transfer logs); these are not even named in HQ's audit entry;
- a kind HQ does not know (it cannot tell whether it is one of those): left out and named in the audit entry;
- a record a person withheld (the latest withhold/disclose amendment decides), a DO_NOT_DISCLOSE alert and a kind
  withheld by default (`domain.subject_access.withholding_of`), whichever version of it says so;
- fields sealed under a discipline's clinical key (HQ holds them as ciphertext): the item names them.

The withholdings never go into the copy. They are recorded in HQ's audit entry for the disclosure, by record id
and reason code (for a person's decision: the id of the signed amendment that holds the reason), with who made the
copy, the prisoner by the wings' ids for them (never name or number), the counts, the operator's stated reason and
the copy's SHA-256. No record text goes into the audit.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from wingdesk.domain.code_lists.model import NOTHING_ADDED
from wingdesk.domain.errors import NotFound
from wingdesk.domain.kinds import KINDS
from wingdesk.domain.records import Amendment, AmendmentKind, Record
from wingdesk.domain.subject_access import DisclosedItem, shown_notes, withholding_of
from wingdesk.hq.publishing import added_codes
from wingdesk.hq.repository import HqStore
from wingdesk.hq.store import SqlStore

FORMAT = "wingdesk-hq-subject-access/1"
MAX_REASON = 500
PROFILE_FIELDS = ("number", "family_name", "given_name", "name_cyrillic", "date_of_birth", "sex", "legal_status",
                  "first_time", "cell", "admission_date", "expected_release", "languages", "interpreter_needed")
DECISION = "withhold_decision"  # reason code: a person's signed withholding (its text stays in that amendment)
UNKNOWN_KIND = "kind_unknown_at_hq"  # reason code: HQ cannot tell whether a kind it does not know may be listed


class SubjectAccessRefused(Exception):
    """A request HQ will not carry out; `code` is stable (the caller words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class HqWithholding:
    """One record left out of the copy and why (HQ's audit only: never in the copy)."""

    record_id: str
    kind: str
    reason: str  # a code, never text
    decision_id: str = ""  # the withholding amendment that holds a person's reason


@dataclass(frozen=True)
class HqItem:
    wing: str
    item: DisclosedItem
    status: str
    earlier: tuple[dict[str, Any], ...] = ()  # earlier versions: revision, recorded_at, status, body, sealed_fields

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self.item), "status": self.status, "earlier_versions": list(self.earlier)}


@dataclass(frozen=True)
class HqCopy:
    number: str
    made_at: str
    made_by: str
    profile: dict[str, Any]
    roster: tuple[dict[str, Any], ...] = ()
    items: tuple[HqItem, ...] = ()
    withheld: tuple[HqWithholding, ...] = field(default=(), repr=False)
    prisoner_ids: tuple[str, ...] = field(default=(), repr=False)
    unreadable: int = field(default=0, repr=False)
    # the step types HQ added (published code lists), code -> {language: label}, for the readable copy's labels
    added_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)

    def wings(self) -> list[tuple[str, list[HqItem]]]:
        """The items grouped by the wing that wrote them, wings by name, items in the order they happened."""
        groups: dict[str, list[HqItem]] = defaultdict(list)
        for item in self.items:
            groups[item.wing].append(item)
        return sorted(groups.items())

    def to_json(self) -> bytes:
        """The machine-readable file the prisoner receives: never the withholdings."""
        data = {"format": FORMAT, "held_by": "HQ", "made_at": self.made_at, "made_by": self.made_by,
                "prisoner": self.profile, "roster_events": list(self.roster),
                "wings": [{"wing": wing, "items": [i.as_json() for i in items]} for wing, items in self.wings()]}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def clean_reason(text: str | None) -> str:
    """The operator's reason for the disclosure, whitespace folded; refused when empty or too long."""
    reason = " ".join((text or "").split())
    if not reason:
        raise SubjectAccessRefused("reason_missing")
    if len(reason) > MAX_REASON:
        raise SubjectAccessRefused("reason_too_long")
    return reason


def gather(store: HqStore, number: str, made_by: str, made_at: str) -> HqCopy:
    """The prisoner's copy from everything HQ holds under this prison number; NotFound when it holds nothing."""
    number = number.strip()
    if not number or len(number) > 40:
        raise NotFound(field="prisoner")
    with store.transaction(write=False) as repo:
        lines = repo.prisoner_lines(number)
        roster_rows = repo.roster_lines(number)
        versions, unreadable = _versions(lines, number)
        notes = repo.amendment_lines(list(versions)) if versions else []
    roster = _roster(roster_rows, number)
    if not versions and not roster and not unreadable:
        raise NotFound(field="prisoner")
    amendments = _amendments(notes)
    items: list[HqItem] = []
    withheld: list[HqWithholding] = []
    for record_id, revisions in versions.items():
        if not all(KINDS[r.kind].in_subject_access for r, _wing in revisions if r.kind in KINDS):
            continue  # intelligence, its tasks, the wings' own logs: not in the copy, not even in the audit
        held = _withholding(revisions, amendments.get(record_id, []))
        if held is not None:
            withheld.append(held)
        else:
            items.append(_item(revisions, amendments.get(record_id, [])))
    items.sort(key=lambda i: (i.wing, i.item.occurred_at, i.item.record_id))
    profile: dict[str, Any] = {"number": number}
    for event in roster:
        profile.update({k: v for k, v in event["prisoner"].items() if v not in (None, "")})
    ids = sorted({r[-1][0].prisoner_id for r in versions.values() if r[-1][0].prisoner_id})
    added = added_codes(store) if isinstance(store, SqlStore) else NOTHING_ADDED
    return HqCopy(number=number, made_at=made_at, made_by=made_by, profile=profile, roster=tuple(roster),
                  items=tuple(items), withheld=tuple(withheld), prisoner_ids=tuple(ids), unreadable=unreadable,
                  added_labels={code: entry.labels for code, entry in added.entries.items()})


def audit_detail(copy: HqCopy, by: str, reason: str, sha256: dict[str, str]) -> str:
    """HQ's audit entry for the disclosure: ids, codes and counts, the operator's reason; no record text."""
    detail = {"by": by, "prisoner_ids": list(copy.prisoner_ids), "roster_items": [e["id"] for e in copy.roster],
              "wings": len(copy.wings()), "disclosed": len(copy.items), "reason": reason,
              "withheld": [[w.record_id, w.kind, w.reason, w.decision_id] for w in copy.withheld],
              "unreadable": copy.unreadable, "sha256": sha256}
    return json.dumps(detail, ensure_ascii=False, sort_keys=True)


_Version = tuple[Record, str]  # a record version and the wing name of the device that sent it


def _versions(lines: list[tuple[str, int, str, str, str, bytes]],
              number: str) -> tuple[dict[str, list[_Version]], int]:
    """Every record's versions, oldest first, from the lines that really name this number in their envelope."""
    found: dict[str, list[_Version]] = defaultdict(list)
    unreadable = 0
    for record_id, rev, _kind, _device, wing_name, raw in lines:
        try:
            line = orjson.loads(raw)
            if not isinstance(line, dict) or line.get("prisoner_number") != number:
                continue  # the number was only somewhere in the text
            record = _record(line, record_id, rev)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            unreadable += 1  # counted in the audit; never shown
            continue
        found[record_id].append((record, wing_name))
    return found, unreadable


def _record(line: dict[str, Any], record_id: str, rev: int) -> Record:
    c = line["record"]
    if c["id"] != record_id or int(c["revision"]) != rev or not isinstance(c["body"], dict):
        raise ValueError("record line does not match its row")
    return Record(id=record_id, kind=str(c["kind"]), wing=str(c["wing"]), prisoner_id=c.get("prisoner_id"),
                  author_id=str(c["author_id"]), author_name=str(line.get("author_name") or ""),
                  author_role=str(c["author_role"]), occurred_at=str(c["occurred_at"]),
                  recorded_at=str(c["recorded_at"]), body=c["body"], sensitivity=str(c.get("sensitivity")),
                  revision=rev, day=c.get("day"), shift_id=c.get("shift_id"), status=str(line.get("status")))


def _amendments(bodies: list[dict[str, Any]]) -> dict[str, list[Amendment]]:
    """Amendments per record, in the order written (time, then id: UUIDv7 ids rise with time)."""
    known = {str(k) for k in AmendmentKind}
    found: dict[str, list[Amendment]] = defaultdict(list)
    for b in bodies:
        if b.get("kind") not in known or not all(isinstance(b.get(k), str) for k in ("id", "record_id", "at")):
            continue  # a kind this HQ does not know is not shown: it could be a decision it cannot read
        found[b["record_id"]].append(Amendment(
            id=b["id"], record_id=b["record_id"], kind=AmendmentKind(b["kind"]), author_id=str(b.get("author_id")),
            author_name=str(b.get("author_name") or ""), at=b["at"], text=str(b.get("text") or "")))
    for notes in found.values():
        notes.sort(key=lambda a: (a.at, a.id))
    return found


def _withholding(revisions: list[_Version], amendments: list[Amendment]) -> HqWithholding | None:
    newest = revisions[-1][0]
    spec = KINDS.get(newest.kind)
    kinds = {r.kind for r, _wing in revisions}
    if spec is None or any(k not in KINDS for k in kinds):
        return HqWithholding(newest.id, newest.kind, UNKNOWN_KIND)
    for record, _wing in reversed(revisions):  # a record is withheld if any version of it is
        held = withholding_of(record, amendments, KINDS[record.kind].withheld_by_default)
        if held is None:
            continue
        decisions = [a for a in amendments if a.kind in (AmendmentKind.WITHHOLD, AmendmentKind.DISCLOSE)]
        if decisions and decisions[-1].kind == AmendmentKind.WITHHOLD:
            return HqWithholding(newest.id, newest.kind, DECISION, decisions[-1].id)
        return HqWithholding(newest.id, newest.kind, held.reason)  # a code: the alert, or the kind's default
    return None


def _item(revisions: list[_Version], amendments: list[Amendment]) -> HqItem:
    newest, wing_name = revisions[-1]
    spec = KINDS[newest.kind]

    def without_sealed(body: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
        sealed = tuple(n for n in spec.sealed_fields if body.get(n) is not None)
        return {k: v for k, v in body.items() if k not in sealed}, sealed

    body, sealed = without_sealed(newest.body)
    item = DisclosedItem(record_id=newest.id, kind=newest.kind, subtype=spec.subtype(newest.body),
                         occurred_at=newest.occurred_at, recorded_at=newest.recorded_at,
                         author_name=newest.author_name, author_role=newest.author_role, revision=newest.revision,
                         body=body, sealed_fields=sealed, notes=shown_notes(amendments))
    earlier = []
    for record, _wing in revisions[:-1]:
        old, old_sealed = without_sealed(record.body)
        earlier.append({"revision": record.revision, "recorded_at": record.recorded_at, "status": record.status,
                        "author_name": record.author_name, "body": old, "sealed_fields": list(old_sealed)})
    return HqItem(wing=newest.wing or wing_name, item=item, status=newest.status, earlier=tuple(earlier))


def _roster(rows: list[tuple[str, str, str, str, str]], number: str) -> list[dict[str, Any]]:
    """The roster events HQ queued about this prisoner (admission, transfers, release), oldest first."""
    events = []
    for item_id, _device, wing_name, text, created_at in rows:
        try:
            body = json.loads(text)
        except ValueError:
            continue
        prisoner = body.get("prisoner") if isinstance(body, dict) else None
        named = prisoner.get("number") if isinstance(prisoner, dict) else (
            body.get("number") if isinstance(body, dict) else None)
        if named != number:
            continue
        fields = {k: prisoner[k] for k in PROFILE_FIELDS if isinstance(prisoner, dict) and k in prisoner}
        events.append({"id": item_id, "event": str(body.get("event", "")), "at": created_at,
                       "wing": wing_name, "prisoner": fields})
    return events


def record_disclosure(store: HqStore, copy: HqCopy, by: str, reason: str, sha256: dict[str, str], at: str) -> None:
    """HQ's audit entry `subject_access` for this copy (durable when this returns)."""
    detail = audit_detail(copy, by, reason, sha256)
    store.write(lambda repo: repo.audit(at, "subject_access", "", "", detail))
