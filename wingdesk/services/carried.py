"""The file a prisoner brought from another prison, read on this wing (issue 19 item 1).

When the governor accepts a transfer package (services.transfer), the carried alerts become alerts here; the plan,
the latest countersigned assessment and the sanitised intelligence stay in the stored package, sealed to this PC,
as their authors signed them. This shows them read-only, under this wing's policy table: a carried record of a kind
is shown to a role that reads that kind here in full (the plan and the assessment: treatment staff and the governor,
and security for the assessment); the sanitised intelligence to a role that reads intelligence in full (security),
or with restricted read when the report would be disclosed to it here as it was at the sending prison (shared with
the governor, who sealed it). A role that may read none of them gets nothing (the package is not even opened when
the role reads none of those kinds); every open that shows something is audited as a sensitive read. Nothing here
is written as this wing's record, so nothing of it goes to HQ as this wing's (HQ holds the sending wing's copies).

Each record's signature is checked here: its content hash recomputed, and the author's signature over it checked
under the author's public key that the sending governor's signed package names (HOLDS, BROKEN, or UNCHECKED for a
package sealed before keys travelled). The sanitised intelligence is no signed record of its own: it holds under
the sending governor's signature over the whole package, checked again at every open (SEALED)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wingdesk.domain.authorship import record_statement
from wingdesk.domain.errors import NotFound
from wingdesk.domain.kinds import spec_of
from wingdesk.domain.kinds.intelligence import SANITISED_VIEW
from wingdesk.domain.records import Record
from wingdesk.domain.transfer import TransferRow, carried_hash_holds, parse_envelope
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.reading import readable_kinds
from wingdesk.services.sync_types import SyncFailed
from wingdesk.services.transfer import open_package

HOLDS, BROKEN, UNCHECKED, SEALED = "HOLDS", "BROKEN", "UNCHECKED", "SEALED"
SHOWN_KINDS = ("plan", "assessment")  # carried alerts are alerts here (services.transfer.accept)
INTELLIGENCE = "intelligence_report"
# fields that hold account ids of the sending wing: no account here has them, so they are not shown (still signed)
OTHER_WINGS_ACCOUNTS = ("assessor_a", "assessor_b", "agreed_by", "countersigned_by")
_CARRIED_SHARING = [{"to": "GOVERNOR"}]  # the sending governor sealed it: security had shared it with them


@dataclass(frozen=True)
class CarriedItem:
    record: Record  # as its author signed it (intelligence: the sanitised view only)
    signature: str  # HOLDS | BROKEN | UNCHECKED | SEALED


@dataclass(frozen=True)
class CarriedFile:
    from_wing: str
    transfer_id: str
    accepted_at: str | None
    sealed_by: str  # the sending governor's name, as the package says
    items: tuple[CarriedItem, ...]


class CarriedFileService(GuardedService):
    @guarded(Action.READ, Resource.PRISONER)
    def carried(self, prisoner_id: str) -> CarriedFile | None:
        """What came with the prisoner that this user may read here, or None (nothing came, or nothing for them)."""
        arrived = [r for r in self.ctx.repo.transfers_of(prisoner_id) if r.direction == "IN" and r.state == "ACCEPTED"]
        scopes = readable_kinds(self.ctx)
        if not arrived or not (any(scopes.get(kind) is Scope.ALL for kind in SHOWN_KINDS) or INTELLIGENCE in scopes):
            return None  # a role that reads none of it here: the package is not opened
        row = arrived[-1]
        content = self._open(row)
        from_wing = str(content.get("from_wing") or "")
        items = [CarriedItem(_record(item), self._signature(item)) for item in content.get("records") or []
                 if isinstance(item, dict) and item.get("kind") in SHOWN_KINDS
                 and self._may_read(str(item["kind"]), scopes)]
        for report in content.get("intelligence") or []:
            if isinstance(report, dict) and self._may_read(INTELLIGENCE, scopes, report):
                items.append(CarriedItem(_intelligence(report, from_wing, prisoner_id, content), SEALED))
        if not items:
            return None  # opened (a supervisor's restricted read of intelligence) but nothing for this role
        shown = ",".join(sorted({item.record.kind for item in items}))
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:carried:{row.transfer_id}:{shown}",
                          row.package_sha256)
        return CarriedFile(from_wing, row.transfer_id, row.done_at, str(content.get("governor") or ""), tuple(items))

    @guarded(Action.READ, Resource.ALERT)
    def original_alert(self, alert_id: str) -> CarriedItem:
        """The original of an alert written here on accepting a transfer, as its author signed it at the sending
        prison, from the stored package, with its signature checked (NotFound: not a carried alert)."""
        alert = self.ctx.repo.get_record(alert_id)
        original = alert.body.get("carried_record_id") if alert is not None and alert.kind == "alert" else None
        if alert is None or not original or alert.prisoner_id is None:
            raise NotFound(field="alert")
        for row in reversed(self.ctx.repo.transfers_of(alert.prisoner_id)):
            if row.direction != "IN" or row.state != "ACCEPTED" or row.envelope is None:
                continue
            content = self._open(row)
            for item in content.get("records") or []:
                if isinstance(item, dict) and item.get("kind") == "alert" and item.get("id") == original:
                    self.audit.append(self.user.id, "read_sensitive",
                                      f"prisoner:{alert.prisoner_id}:carried:{row.transfer_id}:alert:{original}",
                                      row.package_sha256)
                    return CarriedItem(_record(item), self._signature(item))
        raise NotFound(field="alert")

    def _open(self, row: TransferRow) -> dict[str, Any]:
        if row.envelope is None or self.ctx.sync is None or self.ctx.sync.device() is None:
            raise SyncFailed("not_enrolled")
        return open_package(self.ctx, self.ctx.sync, parse_envelope(row.envelope), bytes.fromhex(row.governor_key))

    def _may_read(self, kind: str, scopes: dict[str, Scope], report: dict[str, object] | None = None) -> bool:
        """A kind this role reads here in full; a sanitised report also with restricted read when the report would
        be disclosed to this role (domain.kinds.intelligence.disclosed_to) as it was to the sending governor."""
        scope = scopes.get(kind)
        if scope is Scope.ALL:
            return True
        if kind != INTELLIGENCE or scope is not Scope.RESTRICTED or report is None:
            return False
        disclosed = spec_of(kind).disclosed
        body = {**report, "dissemination": _CARRIED_SHARING}
        return disclosed is not None and disclosed(str(self.user.role), body)

    def _signature(self, item: dict[str, object]) -> str:
        if not carried_hash_holds(item):
            return BROKEN
        key, signature = item.get("author_key"), item.get("author_sig")
        if not isinstance(key, str) or not isinstance(signature, str):
            return UNCHECKED
        try:
            public, signed = bytes.fromhex(key), bytes.fromhex(signature)
            statement = record_statement(str(item["id"]), int(str(item["revision"])), str(item["author_id"]),
                                         str(item.get("author_name") or ""), str(item["content_sha256"]))
            return HOLDS if self.ctx.keyring.verify_signed(public, "record", statement, signed) else BROKEN
        except (ValueError, TypeError, KeyError):
            return BROKEN


def _record(item: dict[str, object]) -> Record:
    body = item.get("body")
    return Record(id=str(item.get("id")), kind=str(item.get("kind")), wing=str(item.get("wing") or ""),
                  prisoner_id=None, author_id=str(item.get("author_id") or ""),
                  author_name=str(item.get("author_name") or ""), author_role=str(item.get("author_role") or ""),
                  occurred_at=str(item.get("occurred_at") or ""), recorded_at=str(item.get("recorded_at") or ""),
                  body=dict(body) if isinstance(body, dict) else {}, revision=_int(item.get("revision")))


def _intelligence(report: dict[str, object], from_wing: str, prisoner_id: str, content: dict[str, object]) -> Record:
    """The sanitised view as a record to show; author and date of the report (the sending governor and the time of
    sealing for a package sealed before those travelled)."""
    body = {name: report[name] for name in SANITISED_VIEW if report.get(name) is not None}
    when = str(report.get("recorded_at") or content.get("sealed_at") or "")
    return Record(id=str(report.get("id") or ""), kind=INTELLIGENCE, wing=from_wing, prisoner_id=prisoner_id,
                  author_id="", author_name=str(report.get("author_name") or content.get("governor") or ""),
                  author_role=str(report.get("author_role") or "governor"), occurred_at=when, recorded_at=when,
                  body=body)


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 1


__all__ = ["CarriedFile", "CarriedFileService", "CarriedItem"]
