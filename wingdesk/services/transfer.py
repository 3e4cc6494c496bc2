"""Transfer of a prisoner's file between prisons through HQ (issue 19 item 1; domain.md §4 "Transfers", §5 sc. 13).

Sending: the governor seals the file for another prison's PC that HQ lists (domain.transfer says what goes in), signs
the envelope, and a `transfer` OUT record carries it in the next wing→HQ bundle (`export` also writes it to a file for a
USB stick, through the caller's `deliver`).
From then on the prisoner's file here is read-only: no new record about them (record_writer), while the amendments
domain.md §3 rule 6 allows (corrections, annotations, the prisoner's comments, withholdings) remain possible.
What a person withheld from disclosure, do-not-disclose alerts and every intelligence original never go: only a
graded report's sanitised text, under its handling code, and only as the governor may read it.

Receiving: HQ delivers the package in this device's HQ→wing bundle with the governor key it vouches for (sync
service `receive`), or the governor opens the file from a stick (`receive_file`: the key must be one HQ lists for
the sending PC's governors); the governor then `accept`s it: the signature must hold under that key, the package must be
sealed to this device, and a transfer id already seen is refused (replay). Accepting adds the roster row, keeps the
package (still sealed to this device) so the carried records read as they were signed (services.carried shows them
under this wing's policy), writes each carried alert still in force as an alert here in the governor's name (saying
where it came from), a `transfer` IN record and a `transfer_receipt` that HQ routes back to the sender, who sees the
transfer acknowledged."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wingdesk.domain.errors import AccessDenied, NotFound, ValidationError
from wingdesk.domain.kinds import spec_of
from wingdesk.domain.kinds.alert import ALERT, carried_alert
from wingdesk.domain.kinds.intelligence import travels as intelligence_travels
from wingdesk.domain.kinds.transfer import TRANSFER, TRANSFER_RECEIPT
from wingdesk.domain.people import Prisoner
from wingdesk.domain.queries import RecordQuery
from wingdesk.domain.records import Record, iso, new_id
from wingdesk.domain.subject_access import withholding_of
from wingdesk.domain.transfer import (
    PROFILE,
    Envelope,
    TransferPeer,
    TransferRow,
    carried,
    content_json,
    envelope_bytes,
    parse_content,
    parse_envelope,
    statement,
)
from wingdesk.services.assessments import AssessmentService
from wingdesk.services.context import ServiceContext
from wingdesk.services.gateway import GuardedService, guarded
from wingdesk.services.policy import Action, Resource, Scope
from wingdesk.services.ports import SyncPort
from wingdesk.services.reading import readable_kinds, visible
from wingdesk.services.record_signatures import author_key
from wingdesk.services.record_writer import RecordWriter
from wingdesk.services.sync_types import SyncFailed

LOG_KINDS = ("log_entry", "observation", "movement", "incident")
NEVER = "DO_NOT_DISCLOSE"  # an alert code whose records stay home


@dataclass(frozen=True)
class SealedTransfer:
    record: Record
    envelope: bytes
    transfer_id: str
    carried: int | None  # records carried in full (alerts, plan, assessment); None: sealed earlier, saved again


class TransferService(GuardedService):
    @property
    def _port(self) -> SyncPort:
        if self.ctx.sync is None or self.ctx.sync.device() is None:
            raise SyncFailed("not_enrolled")
        return self.ctx.sync

    @guarded(Action.CREATE, Resource.TRANSFER)
    def destinations(self) -> list[TransferPeer]:
        """The other prisons' PCs HQ lists, by name."""
        own = self.ctx.sync.device() if self.ctx.sync is not None else None
        return [p for p in self.ctx.repo.list_transfer_peers() if own is None or p.device_id != own.device_id]

    @guarded(Action.CREATE, Resource.TRANSFER)
    def seal(self, prisoner_id: str, to_device: str, deliver: Callable[[bytes], Any] | None = None) -> SealedTransfer:
        """Seal the prisoner's file for `to_device`; it leaves in the next bundle (and by `deliver`, if given)."""
        device = self._port.device()
        assert device is not None
        peer = next((p for p in self.destinations() if p.device_id == to_device), None)
        if peer is None:
            raise NotFound("transfer_unknown_prison", field="to_device")
        prisoner = self.ctx.repo.get_prisoner(prisoner_id, self.ctx.clock.today())
        if prisoner is None:
            raise NotFound(field="prisoner")
        if self.ctx.repo.transferred_out(prisoner_id):
            raise ValidationError("transfer_already_sent", field="prisoner")
        transfer_id = str(uuid.uuid4())
        content, count = self._content(prisoner, transfer_id, device.device_id, peer.device_id)
        sealed = self.ctx.keyring.seal_for_agency(peer.recipient, content_json(content))
        signed = statement(transfer_id, device.device_id, self.ctx.wing, peer.device_id,
                           self.ctx.keyring.public_key(), sealed)
        envelope = envelope_bytes(signed, self.ctx.keyring.sign_transfer(signed), sealed)
        writer = RecordWriter(self.ctx, self.audit)
        record = writer.new_record(TRANSFER.name, TRANSFER.clean({
            "direction": "OUT", "transfer_id": transfer_id, "other_device": peer.device_id,
            "other_wing": peer.wing_name, "package_sha256": signed["package_sha256"],
            "envelope": envelope.decode()}), prisoner_id=prisoner_id)
        if deliver is not None:
            deliver(envelope)
        now = iso(self.ctx.clock.now())
        with self.ctx.repo.transaction():
            record = writer.save(record)
            self.ctx.repo.add_transfer(TransferRow(transfer_id, "OUT", prisoner_id, peer.device_id,
                                                   signed["governor_key"], signed["package_sha256"], None, "SENT",
                                                   now, None))
            self.ctx.repo.set_prisoner_status(prisoner_id, "TRANSFERRED", now)
            self.audit.append(self.user.id, "transfer_sealed", f"prisoner:{prisoner_id}:{transfer_id}:{count}",
                              signed["package_sha256"])
        return SealedTransfer(record, envelope, transfer_id, count)

    @guarded(Action.CREATE, Resource.TRANSFER)
    def export(self, prisoner_id: str, to_device: str, deliver: Callable[[bytes], Any]) -> SealedTransfer:
        """The package for a USB stick: seal the file for `to_device` and `deliver` it (write the file) before anything
        is recorded; for a file already sealed to that device, `deliver` the same package again (a stick lost or
        pulled). Either way the package also leaves in the next bundle through HQ, and is accepted there only once."""
        sent = [row for row in self.ctx.repo.transfers_of(prisoner_id) if row.direction == "OUT"]
        if not sent:
            return self.seal(prisoner_id, to_device, deliver)
        row = sent[-1]
        if row.other_device != to_device:
            raise ValidationError("transfer_already_sent", field="prisoner")
        records = self.ctx.repo.list_records(RecordQuery(kinds=(TRANSFER.name,), prisoner_id=prisoner_id))
        record = next((r for r in records if r.body.get("direction") == "OUT"
                       and r.body.get("transfer_id") == row.transfer_id), None)
        if record is None or not isinstance(record.body.get("envelope"), str):
            raise NotFound(field="transfer")
        envelope = str(record.body["envelope"]).encode()
        deliver(envelope)
        self.audit.append(self.user.id, "transfer_saved", f"prisoner:{prisoner_id}:{row.transfer_id}",
                          row.package_sha256)
        return SealedTransfer(record, envelope, row.transfer_id, None)

    @guarded(Action.CREATE, Resource.TRANSFER)
    def receive_file(self, data: bytes) -> TransferRow:
        """A package carried on a USB stick, not through HQ. Nothing is kept until it has passed every check HQ and
        `accept` make: sealed to this PC, signed by a governor key HQ lists for the sending PC (HQ vouches for no
        key on the way, so its signed list stands in), and its content opens here. It then waits for `preview` and
        `accept` like a package HQ delivered. The same package already waiting is returned as it is; one already
        accepted is refused, and the copy HQ routes later is not applied again (one row per transfer id)."""
        device = self._port.device()  # a PC not enrolled has no key a package could be sealed to
        assert device is not None
        envelope = parse_envelope(data)
        signed = envelope.statement
        if signed["to_device"] != device.device_id:
            raise AccessDenied("transfer_not_for_this_prison")
        peer = next((p for p in self.ctx.repo.list_transfer_peers() if p.device_id == signed["from_device"]), None)
        if peer is None or signed["governor_key"] not in peer.governor_keys:
            raise ValidationError("transfer_unknown_sender")
        self._open(envelope, bytes.fromhex(signed["governor_key"]))
        here = self.ctx.repo.get_transfer(envelope.transfer_id)
        if here is not None:
            if here.direction == "IN" and here.state == "RECEIVED" and here.package_sha256 == signed["package_sha256"]:
                return here  # HQ delivered it first, or the same file was opened before: it waits once
            raise ValidationError("transfer_replayed")
        row = TransferRow(envelope.transfer_id, "IN", None, signed["from_device"], signed["governor_key"],
                          signed["package_sha256"], data, "RECEIVED", iso(self.ctx.clock.now()), None, "FILE")
        with self.ctx.repo.transaction():
            if not self.ctx.repo.add_transfer(row):
                raise ValidationError("transfer_replayed")
            self.audit.append(self.user.id, "transfer_opened_from_file", f"transfer:{row.transfer_id}",
                              row.package_sha256)
        return row

    @guarded(Action.READ, Resource.TRANSFER)
    def pending(self) -> list[TransferRow]:
        """Packages HQ delivered that the governor has not accepted yet."""
        return self.ctx.repo.list_transfers("IN", "RECEIVED")

    @guarded(Action.READ, Resource.TRANSFER)
    def transfers_of(self, prisoner_id: str) -> list[TransferRow]:
        return self.ctx.repo.transfers_of(prisoner_id)

    @guarded(Action.CREATE, Resource.TRANSFER)
    def preview(self, transfer_id: str) -> dict[str, Any]:
        """The verified, opened content of a delivered package (who, what), before or after acceptance."""
        row = self.ctx.repo.get_transfer(transfer_id)
        if row is None or row.direction != "IN" or row.envelope is None:
            raise NotFound(field="transfer")
        content = self._open(parse_envelope(row.envelope), bytes.fromhex(row.governor_key))
        self.audit.append(self.user.id, "read_sensitive", f"transfer:{transfer_id}")
        return content

    @guarded(Action.CREATE, Resource.TRANSFER)
    def accept(self, transfer_id: str) -> Record:
        """Accept a delivered package: roster row, `transfer` IN record, receipt back to the sender."""
        row = self.ctx.repo.get_transfer(transfer_id)
        if row is None or row.direction != "IN" or row.envelope is None:
            raise NotFound(field="transfer")
        if row.state != "RECEIVED":
            raise ValidationError("transfer_replayed", field="transfer")
        envelope = parse_envelope(row.envelope)
        content = self._open(envelope, bytes.fromhex(row.governor_key))
        profile = content["prisoner"]
        now = iso(self.ctx.clock.now())
        prisoner_id = self.ctx.repo.prisoner_id_by_number(str(profile.get("number", "")))
        writer = RecordWriter(self.ctx, self.audit)
        with self.ctx.repo.transaction():
            if prisoner_id is None:
                prisoner = _prisoner(profile, self.ctx.wing)
                self.ctx.repo.add_prisoner(prisoner, now)
                prisoner_id = prisoner.id
            else:
                self.ctx.repo.set_prisoner_status(prisoner_id, "IN_CUSTODY", now)
            common = {"transfer_id": transfer_id, "other_device": row.other_device,
                      "package_sha256": row.package_sha256}
            record = writer.save(writer.new_record(TRANSFER.name, TRANSFER.clean({
                **common, "direction": "IN", "other_wing": envelope.statement["from_wing"]}),
                prisoner_id=prisoner_id))
            alerts = self._carry_alerts(content, envelope.statement["from_wing"], prisoner_id, writer)
            receipt = TRANSFER_RECEIPT.clean({**common, "status": "ACCEPTED"})
            writer.save(writer.new_record(TRANSFER_RECEIPT.name, receipt, prisoner_id=prisoner_id))
            self.ctx.repo.set_transfer_state(transfer_id, "ACCEPTED", now, prisoner_id)
            self.audit.append(self.user.id, "transfer_accepted", f"prisoner:{prisoner_id}:{transfer_id}:{alerts}",
                              row.package_sha256)
        return record

    def _carry_alerts(self, content: dict[str, Any], from_wing: str, prisoner_id: str, writer: RecordWriter) -> int:
        """Each carried alert still in force becomes an alert on this wing, written by the accepting governor and
        saying where it came from and who wrote it when (the original, signed, stays in the stored package); it
        travels to HQ as this wing's record and is reviewed, ended or lapses like any alert here."""
        today, written = self.ctx.clock.today(), 0
        for item in content.get("records") or []:
            if not isinstance(item, dict):
                raise ValidationError("transfer_malformed")
            try:
                body = carried_alert(item, from_wing, today)
            except ValidationError:
                raise ValidationError("transfer_malformed") from None
            if body is not None:
                writer.save(writer.new_record(ALERT.name, body, prisoner_id=prisoner_id))
                written += 1
        return written

    @guarded(Action.READ, Resource.TRANSFER)
    def carried_file(self, prisoner_id: str) -> dict[str, Any] | None:
        """What arrived with the prisoner by transfer (the records as their authors signed them), or None."""
        arrived = [r for r in self.ctx.repo.transfers_of(prisoner_id) if r.direction == "IN" and r.state == "ACCEPTED"]
        if not arrived:
            return None
        row = arrived[-1]
        assert row.envelope is not None
        self.audit.append(self.user.id, "read_sensitive", f"prisoner:{prisoner_id}:transfer:{row.transfer_id}")
        return self._open(parse_envelope(row.envelope), bytes.fromhex(row.governor_key))

    def _open(self, envelope: Envelope, governor_key: bytes) -> dict[str, Any]:
        return open_package(self.ctx, self._port, envelope, governor_key)

    def _content(self, prisoner: Prisoner, transfer_id: str, from_device: str, to_device: str
                 ) -> tuple[dict[str, Any], int]:
        scopes = readable_kinds(self.ctx)
        repo = self.ctx.repo
        records = repo.list_records(RecordQuery(kinds=("alert", "plan"), prisoner_id=prisoner.id, limit=500))
        level = AssessmentService(self.ctx, self.gateway, self.audit).current_level(prisoner.id)
        latest = repo.get_record(level.assessment_id) if level is not None else None
        records += [latest] if latest is not None else []
        amendments = repo.amendments_for([r.id for r in records])
        today = self.ctx.clock.today().isoformat()
        full: list[tuple[Record, Record]] = []
        for record in records:
            shown = visible(self.ctx, record, scopes)
            if shown is None or scopes.get(record.kind) is Scope.RESTRICTED or any(
                    record.body.get(name) is not None and shown.body.get(name) is None
                    for name in spec_of(record.kind).sealed_fields):
                continue  # only what the governor reads in full, sealed text included
            if withholding_of(record, amendments.get(record.id, []), spec_of(record.kind).withheld_by_default):
                continue  # a person withheld it from disclosure, with a reason
            if record.kind == "alert" and (record.body.get("code") == NEVER or record.status != "ACTIVE"
                                           or (record.body.get("active_to") or "9999") < today):
                continue
            if record.kind == "plan" and record.status in ("CLOSED", "REJECTED"):
                continue
            full.append((record, shown))
        plans = [pair for pair in full if pair[0].kind == "plan"]
        kept = [pair for pair in full if pair[0].kind != "plan"] + plans[:1]  # the open plan: newest listed first
        intelligence = []
        for report in repo.list_records(RecordQuery(kinds=("intelligence_report",), prisoner_id=prisoner.id)):
            shown = visible(self.ctx, report, scopes)
            text = shown.body.get("sanitised_text") if shown is not None else None
            # leaves the wing as it would to HQ (issue 16 item 6): graded, and P-coded or released by security
            if text and shown is not None and shown.body.get("handling_code") and intelligence_travels(report.body):
                intelligence.append({"handling_code": shown.body["handling_code"], "sanitised_text": text,
                                     "handling_conditions": shown.body.get("handling_conditions") or None,
                                     "source_evaluation": shown.body.get("source_evaluation"),
                                     "assessment": shown.body.get("assessment"), "id": report.id,
                                     "author_name": report.author_name, "author_role": report.author_role,
                                     "recorded_at": report.recorded_at})
        keys = repo.user_keys()
        logs = repo.list_records(RecordQuery(kinds=LOG_KINDS, prisoner_id=prisoner.id, limit=500))
        content = {
            "transfer_id": transfer_id, "from_device": from_device, "to_device": to_device,
            "from_wing": self.ctx.wing, "sealed_at": iso(self.ctx.clock.now()), "governor": self.user.display_name,
            "prisoner": {name: getattr(prisoner, name) for name in PROFILE},
            "records": [carried(shown.content(), shown.author_name, stored.content_sha256(), stored.author_sig,
                                author_key(self.ctx, keys, stored)) for stored, shown in kept],
            "intelligence": intelligence,
            "log_references": [{"record_id": r.id, "kind": r.kind, "occurred_at": r.occurred_at} for r in logs],
        }
        return content, len(kept)


def open_package(ctx: ServiceContext, port: SyncPort, envelope: Envelope, governor_key: bytes) -> dict[str, Any]:
    """A package's content, opened with this PC's key once its governor's signature holds under `governor_key`."""
    device = port.device()
    assert device is not None
    if envelope.statement["to_device"] != device.device_id:
        raise AccessDenied("transfer_not_for_this_prison")
    if (envelope.statement["governor_key"] != governor_key.hex() or not ctx.keyring.verify_signed(
            governor_key, "transfer", envelope.statement, envelope.signature)):
        raise ValidationError("transfer_bad_signature")
    return parse_content(port.open_sealed_to_device(envelope.sealed), envelope)


def _prisoner(profile: dict[str, Any], wing: str) -> Prisoner:
    values = {name: profile.get(name) for name in PROFILE}
    if not all(isinstance(values[n], str) and values[n] for n in ("number", "given_name", "family_name", "sex",
                                                                  "legal_status")):
        raise ValidationError("transfer_malformed")
    return Prisoner(id=new_id(), wing=wing, **{k: v for k, v in values.items() if v is not None})
