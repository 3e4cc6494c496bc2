"""A prisoner's copy of what the wing holds on them (subject access, domain.md scenario 15): what is disclosed,
what is withheld and why. Plain data and the rules; the service gathers the records, the GUI and the CLI write the
readable print and the machine-readable file.

Rules: a record is withheld when its latest withholding decision says so (a WITHHOLD amendment, lifted by a later
DISCLOSE), when it is itself a DO_NOT_DISCLOSE alert, or when its kind is withheld by default (its declaration
names the reason). The withholding decisions and their reasons are never part of the prisoner's copy: they go
into the disclosure record the wing keeps. Clinical fields sealed under a discipline's key are not opened for the
copy; the item says so and that discipline discloses them itself."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from wingdesk.domain.records import Amendment, AmendmentKind, Record

DO_NOT_DISCLOSE_REASON = "do_not_disclose_alert"  # a reason code: the alert is itself a do-not-disclose marker
FORMAT = "wingdesk-subject-access/1"


@dataclass(frozen=True)
class Withholding:
    """One item left out of the prisoner's copy, and why (kept on the wing, in the disclosure record)."""

    record_id: str
    kind: str
    reason: str
    decided_by: str = ""
    decided_at: str = ""


@dataclass(frozen=True)
class DisclosedItem:
    record_id: str
    kind: str
    subtype: str | None
    occurred_at: str
    recorded_at: str
    author_name: str
    author_role: str
    revision: int
    body: dict[str, Any]
    sealed_fields: tuple[str, ...] = ()  # not opened for this copy (the discipline discloses them)
    notes: tuple[dict[str, str], ...] = ()  # amendments, annotations and the prisoner's own comments, in order


@dataclass(frozen=True)
class SubjectAccessCopy:
    wing: str
    made_at: str
    made_by: str
    prisoner: dict[str, Any]
    items: tuple[DisclosedItem, ...] = ()
    withheld: tuple[Withholding, ...] = field(default=(), repr=False)

    def to_json(self) -> bytes:
        """The machine-readable file the prisoner receives: never the withholdings."""
        data = {"format": FORMAT, "wing": self.wing, "made_at": self.made_at, "made_by": self.made_by,
                "prisoner": self.prisoner, "items": [asdict(item) for item in self.items]}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def withholding_of(record: Record, amendments: list[Amendment], default_reason: str = "") -> Withholding | None:
    """Why this record stays out of the prisoner's copy, or None when it is disclosed."""
    decisions = [a for a in amendments if a.kind in (AmendmentKind.WITHHOLD, AmendmentKind.DISCLOSE)]
    if decisions:
        latest = decisions[-1]  # amendments come in the order they were written (storage: by time, then sequence)
        if latest.kind == AmendmentKind.WITHHOLD:
            return Withholding(record.id, record.kind, latest.text, latest.author_name, latest.at)
        return None  # lifted by a person, with a reason: that decision stands over a default
    if record.kind == "alert" and record.body.get("code") == "DO_NOT_DISCLOSE":
        return Withholding(record.id, record.kind, DO_NOT_DISCLOSE_REASON)
    if default_reason:
        return Withholding(record.id, record.kind, default_reason)
    return None


def shown_notes(amendments: list[Amendment]) -> tuple[dict[str, str], ...]:
    """The amendments the prisoner sees with the record: everything but the withholding decisions."""
    hidden = (AmendmentKind.WITHHOLD, AmendmentKind.DISCLOSE)
    return tuple({"kind": str(a.kind), "at": a.at, "by": a.author_name, "text": a.text}
                 for a in sorted(amendments, key=lambda a: a.at) if a.kind not in hidden)
