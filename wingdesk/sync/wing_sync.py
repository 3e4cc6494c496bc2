"""The wing's sync adapter (services.ports.SyncPort): device keys, sealing the outbox, receipts, HQ bundles.

It works on the wing repository through this package's own port (sync.wing_store.WingSyncStore, implemented by
storage.sync_repo) and never holds keys between calls: they are read from the encrypted database.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pyrage

from wingdesk.domain import hlc as hlc_clock
from wingdesk.domain.authorship import audit_head_statement
from wingdesk.domain.records import iso
from wingdesk.services.progress import Cancelled, Progress
from wingdesk.services.successor_types import SuccessorContents
from wingdesk.services.sync_types import (
    ENROLMENT_ENROLLED,
    ENROLMENT_REQUESTED,
    ENROLMENT_REVOKED,
    AppliedUpdate,
    DeviceIdentity,
    EnrolResult,
    HqKeyPreview,
    PushResult,
    ReceiptOutcome,
    StickWrite,
    SyncFailed,
)
from wingdesk.sync import keys, reference_chain, restore_note, wing_reference, wing_transfers, wing_transport
from wingdesk.sync.audit_head import FIELD as AUDIT_HEAD_FIELD
from wingdesk.sync.audit_head import AuditHead
from wingdesk.sync.bundle import bundle_hash, new_bundle_id, seal_bundle, split_records
from wingdesk.sync.enrolment import make_enrolment_request
from wingdesk.sync.errors import SyncError
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ, parse_header_bytes, split_frame
from wingdesk.sync.hq_key_file import load_hq_public_keys
from wingdesk.sync.receipts import Receipt, acknowledged_seqs, verify_receipt
from wingdesk.sync.reference import HqUpdate, open_hq_bundle
from wingdesk.sync.restore_position import issued_after_restore, learn_position
from wingdesk.sync.successor_import import successor_contents
from wingdesk.sync.successor_package import open_package
from wingdesk.sync.wing_records import extra_line, record_line
from wingdesk.sync.wing_store import WingSyncStore

APP_VERSION = "0.1.0"
SEAL_BATCH = 20_000  # records read per sealing step; a step seals one bundle (bounded memory)

P = ParamSpec("P")
R = TypeVar("R")

HeadSigner = Callable[[dict[str, Any]], tuple[str, bytes]]  # statement -> (signer user id, signature)


_hlc = hlc_clock.parse_or_zero


def _sync_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Turn format-level SyncError into the services' SyncFailed (same stable code, no content)."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except SyncError as error:
            raise SyncFailed(error.code) from None

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


class WingSync:
    """Implements services.ports.SyncPort for one signed-in session's repository."""

    def __init__(self, repo: WingSyncStore, now_ms: Callable[[], int] | None = None) -> None:
        self.repo = repo
        self._now_ms = now_ms or (lambda: time.time_ns() // 1_000_000)

    def device(self) -> DeviceIdentity | None:
        return self.repo.get_sync_device()

    def _enrolled(self) -> DeviceIdentity:
        device = self.device()
        if device is None:
            raise SyncFailed("not_enrolled")
        if device.enrolment_state == ENROLMENT_REVOKED:
            raise SyncFailed("device_revoked")
        return device

    # --- enrolment ----------------------------------------------------------------------------------
    @_sync_errors
    def hq_key_preview(self, hq_key_file: bytes) -> HqKeyPreview:
        """Check HQ's key file (genuine, no weak key) and say whose it is; nothing is stored."""
        hq = load_hq_public_keys(hq_key_file)
        return HqKeyPreview(hq.hq_name, hq.env, hq.fingerprint)

    @_sync_errors
    def enrol(self, hq_key_file: bytes, wing_name: str, now: datetime) -> EnrolResult:
        """Install HQ's public keys, create this device's keys once, and make the signed request."""
        hq = load_hq_public_keys(hq_key_file)
        with self.repo.transaction():
            device = self.device()
            if device is None:
                pairs = keys.generate_device_keys()
                device = DeviceIdentity(new_bundle_id(), hq.env, pairs.sign_private, pairs.enc_private, hq.hq_name,
                                        hq.sign_public, hq.enc_public, hq.fingerprint, ENROLMENT_REQUESTED, iso(now))
            elif device.hq_sign_public != hq.sign_public and self.repo.count_bundles()[0]:
                raise SyncFailed("hq_key_changed")  # a different HQ: bundles already sealed to the old one
            device = replace(device, env=hq.env, hq_name=hq.hq_name, hq_sign_public=hq.sign_public,
                             hq_enc_public=hq.enc_public, hq_fingerprint=hq.fingerprint,
                             enrolment_state=ENROLMENT_ENROLLED if device.enrolment_state == ENROLMENT_ENROLLED
                             else ENROLMENT_REQUESTED, requested_at=iso(now))
            self.repo.put_sync_device(device)
        pairs = keys.KeyPairs(device.sign_private, device.enc_private)
        users = [(u.id, str(u.role), u.public_key) for u in self.repo.list_users(include_removed=True)]
        request, code = make_enrolment_request(device.device_id, wing_name[:200] or "wing", pairs, device.env, now,
                                               users)
        return EnrolResult(request, code)

    # --- sealing --------------------------------------------------------------------------------------
    @_sync_errors
    def seal_pending(self, now: datetime, max_bytes: int, sign_head: HeadSigner | None = None) -> list[int]:
        """Seal every record revision not yet in a bundle into new bundles (one transaction per bundle).

        `sign_head` signs the wing's audit head for each bundle with the sealing user's key (sync.audit_head)."""
        sealed: list[int] = []
        while True:
            with self.repo.transaction():
                seq = self._seal_one(self._enrolled(), now, max_bytes, sign_head)
            if seq is None:
                return sealed
            sealed.append(seq)

    def _audit_head(self, device: DeviceIdentity, sign_head: HeadSigner) -> AuditHead:
        last = self.repo.last_audit()
        seq, entry_hash = (last.seq, last.entry_hash) if last else (0, GENESIS_HASH)
        sent = self.repo.last_sent_audit_head()
        at_previous = (self.repo.audit_hash_at(sent[0]) or "") if sent and sent[0] else ""
        signer, signature = sign_head(audit_head_statement(device.device_id, seq, entry_hash))
        return AuditHead(seq, entry_hash, at_previous, signer, signature)

    def _seal_one(self, device: DeviceIdentity, now: datetime, max_bytes: int,
                  sign_head: HeadSigner | None = None) -> int | None:
        rows = self.repo.unsealed_records(SEAL_BATCH)
        extras = self.repo.unsealed_extras(max(0, SEAL_BATCH - len(rows)))
        if not rows and not extras:
            return None
        clock, now_ms = _hlc(self.repo.wing_hlc()), int(now.timestamp() * 1000)  # the session's clock, as written
        lines = []
        for _seq, record, number, written in rows:  # each revision keeps the HLC it got when it was written
            stamp = _hlc(written)
            if stamp == hlc_clock.Hlc(0, 0):  # none kept (a database older than migration 0012 had none)
                stamp = clock = hlc_clock.tick(clock, now_ms)
            lines.append(record_line(record, number, device.device_id, str(stamp)))
        for kind, _item, fields in extras:  # after the records they refer to
            clock = hlc_clock.tick(clock, now_ms)
            lines.append(extra_line(kind, fields, device.device_id, str(clock)))
        group = split_records(lines, max_bytes)[0]
        last = self.repo.last_sealed_bundle()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        restore = self.repo.pending_restore()  # restored from a backup: continue after HQ's last bundle
        note = None
        if restore is not None:
            seq, prev, note = restore_note.continue_after(restore, last, self.repo.sealed_hashes(),
                                                          self.repo.last_head_bundle_seq())
        bundle_id = new_bundle_id()
        extra = {"app_version": APP_VERSION, "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "hlc_min": min(line["hlc"] for line in group), "hlc_max": max(line["hlc"] for line in group)}
        if note is not None:
            extra[restore_note.FIELD] = note
        head = self._audit_head(device, sign_head) if sign_head is not None else None
        if head is not None:
            extra[AUDIT_HEAD_FIELD] = head.as_field()
        data = seal_bundle(KIND_WING_TO_HQ, device.device_id, seq, prev, group, device.sign_private,
                           device.hq_enc_public, device.env, bundle_id=bundle_id, manifest_extra=extra)
        self.repo.add_sealed_bundle(seq, bundle_id, bundle_hash(data), prev, len(group), data, iso(now))
        if head is not None:
            self.repo.set_bundle_audit_head(seq, head.seq, head.entry_hash)
        if restore is not None:
            self.repo.mark_restore_declared(restore.seq, seq)
        self.repo.assign_to_bundle([row[0] for row in rows[:len(group)]], seq)
        taken = max(0, len(group) - len(rows))
        self.repo.assign_extras_to_bundle([(kind, item) for kind, item, _f in extras[:taken]], seq)
        self.repo.advance_wing_hlc(extra["hlc_max"])
        return seq

    def write_to_stick(self, stick_root: str, progress: Progress = None) -> StickWrite:
        """Write every unacknowledged bundle (identical bytes each time) to `WINGDESK/outbox/`."""
        self._enrolled()
        return wing_transport.write_to_stick(Path(stick_root), self.repo.unacknowledged_bundles(), progress)

    # --- receipts -------------------------------------------------------------------------------------
    @_sync_errors
    def accept_receipt(self, raw: bytes, via: str, now: datetime) -> ReceiptOutcome:
        """Verify a receipt under HQ's key; acknowledge only bundles whose hashes are our own."""
        device = self._enrolled()
        receipt = verify_receipt(raw, device.hq_sign_public)
        return self._apply_receipt(device, receipt, via, now)

    def _apply_receipt(self, device: DeviceIdentity, receipt: Receipt, via: str, now: datetime,
                       teaches_position: bool = False) -> ReceiptOutcome:
        """A receipt counts only for this device and env and for a bundle hash this wing sealed itself."""
        if receipt.device_id != device.device_id or receipt.env != device.env:
            return ReceiptOutcome(receipt.seq, "foreign", 0)
        with self.repo.transaction():
            if teaches_position:
                learn_position(self.repo, receipt)
            sealed = self.repo.sealed_hashes()
            if sealed.get(receipt.seq) != receipt.bundle_hash:
                return ReceiptOutcome(receipt.seq, "not_ours", 0)
            acked = acknowledged_seqs(receipt, device.device_id, device.env, sealed)
            fresh = self.repo.acknowledge_bundles(sorted(acked), iso(now))
            self.repo.add_receipt(receipt.bundle_id, receipt.seq, receipt.receipt_seq, receipt.status,
                                  receipt.hcs, iso(now), via, receipt.raw)
            current = self.repo.get_sync_device() or device  # the row exists: `device` was read from it
            if acked and current.enrolment_state == ENROLMENT_REQUESTED:
                self.repo.set_enrolment_state(ENROLMENT_ENROLLED)
            if receipt.hq_hlc:
                merged = hlc_clock.merge(_hlc(self.repo.wing_hlc()), _hlc(receipt.hq_hlc), self._now_ms())
                self.repo.advance_wing_hlc(str(merged))
        return ReceiptOutcome(receipt.seq, receipt.status, fresh)

    # --- HQ -> wing bundles ---------------------------------------------------------------------------
    @_sync_errors
    def apply_hq_bundle(self, data: bytes, now: datetime) -> AppliedUpdate:
        """Verify, place in HQ's chain (docs/sync-bundle.md §8.1) and apply, all in one transaction.

        The next bundle, and a fork (HQ restored from a backup: said in `position`, kept for the status), are
        applied in full; a replay, an older or a superseded bundle only has its revocations applied, so that no
        revocation HQ signed is ever lost (revoking twice is harmless).
        """
        device = self._enrolled()
        update = open_hq_bundle(data, device.hq_sign_public, device.enc_private, device.device_id, device.env, now)
        stamp = iso(now)
        with self.repo.transaction():
            links = [reference_chain.ChainLink(*row) for row in self.repo.chain_links()]
            where = reference_chain.place(update.ref_seq, update.bundle_hash, update.prev_hash, device.ref_seq,
                                          links, self.repo.superseded_hashes())
            if where not in (reference_chain.NEXT, reference_chain.FORK):
                applied = self._apply_items(device, update, now, revocations_only=True)
                return replace(applied, position="stale")
            applied = self._apply_items(device, update, now, revocations_only=False)
            issued = iso(update.issued_at)
            if where == reference_chain.FORK:
                cut = reference_chain.fork_cut(update.ref_seq, update.prev_hash, links)
                self.repo.restart_reference_chain(update.ref_seq, update.bundle_hash, issued, update.stale, cut,
                                                  device.ref_seq, stamp)
            else:
                self.repo.set_reference_state(update.ref_seq, update.bundle_hash, issued, update.stale)
            self.repo.add_chain_link(update.ref_seq, update.bundle_hash, update.prev_hash, stamp)
            if (self.repo.get_sync_device() or device).enrolment_state == ENROLMENT_REQUESTED:
                self.repo.set_enrolment_state(ENROLMENT_ENROLLED)
        return replace(applied, position="hq_rollback" if where == reference_chain.FORK else "applied",
                       rollback_from=device.ref_seq if where == reference_chain.FORK else 0)

    def _apply_items(self, device: DeviceIdentity, update: HqUpdate, now: datetime,
                     revocations_only: bool) -> AppliedUpdate:
        """Receipts, roster, accounts and revocations, each item once (by record_id and rev)."""
        stamp = iso(now)
        roster_applied = roster_skipped = announced = 0
        revoked: list[str] = []
        device_revoked = False
        teaches = not revocations_only and issued_after_restore(self.repo, update.issued_at)
        receipts = [] if revocations_only else [self._apply_receipt(device, r, "usb", now, teaches)
                                                  for r in update.receipts]
        for item in [] if revocations_only else update.roster:
            if self.repo.item_applied(item["record_id"], item["rev"]):
                continue
            outcome = wing_reference.apply_roster(self.repo, item["body"], _wing_name(self.repo), stamp)
            roster_applied += outcome == "applied"
            roster_skipped += outcome != "applied"
            self.repo.mark_item_applied(item["record_id"], item["rev"], "roster", update.ref_seq, outcome)
        for item in [] if revocations_only else update.users:
            if self.repo.item_applied(item["record_id"], item["rev"]):
                continue
            outcome = wing_reference.announce_account(self.repo, item["body"], update.ref_seq)
            announced += outcome == "announced"
            self.repo.mark_item_applied(item["record_id"], item["rev"], "user", update.ref_seq, outcome)
        for item in update.revocations:
            if self.repo.item_applied(item["record_id"], item["rev"]):
                continue
            outcome, user_id = wing_reference.revoke(self.repo, item["body"], device.device_id, update.ref_seq, stamp)
            device_revoked |= outcome == "device_revoked"
            if user_id:
                revoked.append(user_id)
            self.repo.mark_item_applied(item["record_id"], item["rev"], "revocation", update.ref_seq, outcome)
        for item in [] if revocations_only else update.agencies:  # handover agencies (issue 19 item 2)
            if not self.repo.item_applied(item["record_id"], item["rev"]):
                outcome = wing_reference.apply_agency(self.repo, item["body"], item["rev"], update.ref_seq)
                self.repo.mark_item_applied(item["record_id"], item["rev"], "agency", update.ref_seq, outcome)
        vetted: dict[str, int] = {}
        for item in [] if revocations_only else update.vetted_people:  # vetted outside people (issue 17 item 3)
            if not self.repo.item_applied(item["record_id"], item["rev"]):
                outcome = wing_reference.apply_vetted_person(self.repo, item, update.ref_seq, stamp)
                vetted[outcome] = vetted.get(outcome, 0) + 1
                self.repo.mark_item_applied(item["record_id"], item["rev"], "vetted_person", update.ref_seq, outcome)
        recovery = wing_reference.recovery_key_files(self.repo, [] if revocations_only else update.recovery_keys,
                                                     update.ref_seq)
        schedules = wing_reference.retention_schedules(self.repo, [] if revocations_only else
                                                       update.retention_schedules, update.ref_seq)
        published = {kind: wing_reference.signed_files(self.repo, [] if revocations_only else items, update.ref_seq,
                                                       kind)
                     for kind, items in (("instrument", update.instruments), ("training_module", update.modules),
                                         ("translation", update.translations),
                                         ("code_list", update.code_lists),
                                         ("hierarchy", update.hierarchies))}
        transfers = wing_transfers.apply_transfer_items(self.repo, device.device_id, [] if revocations_only else
                                                        update.transfers, update.ref_seq, stamp)
        return AppliedUpdate(update.ref_seq, update.bundle_hash, update.stale, receipts, roster_applied,
                             roster_skipped, announced, revoked, device_revoked, recovery,
                             retention_schedules=schedules, transfers=transfers,
                             instruments=published["instrument"], modules=published["training_module"],
                             translations=published["translation"], code_lists=published["code_list"],
                             hierarchies=published["hierarchy"],
                             vetted_people=vetted)

    def read_bundle_files(self, paths: list[str]) -> list[tuple[str, bytes]]:
        """Read the files under size caps; HQ bundles come back in rising ref_seq order."""
        device = self.device()
        return sorted(wing_transport.read_files(paths, device.device_id if device else None),
                      key=lambda item: _header_seq(item[1]))

    # --- HTTPS ----------------------------------------------------------------------------------------
    def push(self, url: str, ca_file: str | None, now: datetime, progress: Progress = None) -> PushResult:
        """PUT every unacknowledged bundle to HQ and apply each receipt as it comes back."""
        device = self._enrolled()
        result = PushResult()
        bundles = self.repo.unacknowledged_bundles()

        def on_reply(seq: int, _status: int, body: bytes) -> None:
            result.sent += 1
            try:
                receipt = verify_receipt(body, device.hq_sign_public)
            except SyncError as error:
                result.refused.append((seq, error.code))
                return
            outcome = self._apply_receipt(self._enrolled(), receipt, "https", now, teaches_position=True)
            result.receipts.append(outcome)
            result.acknowledged += outcome.newly_acknowledged

        def on_refused(seq: int, code: str) -> None:
            result.sent += 1
            result.refused.append((seq, code))

        try:
            wing_transport.put_bundles(url, ca_file, bundles, on_reply, on_refused, progress)
        except Cancelled:
            result.stopped = result.sent < len(bundles)
        except SyncFailed as error:  # the link dropped (or HQ went away) midway: say how far it got
            raise SyncFailed(error.code, sent=result.sent, acknowledged=result.acknowledged,
                             total=len(bundles)) from None
        return result

    def open_sealed_to_device(self, sealed: bytes) -> bytes:
        """Open age data sealed to this device's key (a transfer package, issue 19 item 1); not ours: SyncFailed."""
        device = self._enrolled()
        try:
            return pyrage.decrypt(sealed, [keys.age_identity(device.enc_private)])
        except pyrage.DecryptError:
            raise SyncFailed("transfer_not_for_this_prison") from None

    @_sync_errors
    def open_successor_package(self, data: bytes) -> SuccessorContents:
        """HQ's package for this PC as the successor of a dead one (issue 22 item 4): HQ's signature, this PC's key,
        this device and this wing, every line's hash; refused: SyncFailed with one code."""
        device, wing = self._enrolled(), _wing_name(self.repo)
        package = open_package(data, device.hq_sign_public, device.enc_private, device.device_id, wing, device.env)
        return successor_contents(package, wing)

    def probe(self, url: str, ca_file: str | None, timeout_s: float = 5.0) -> bool:
        return wing_transport.probe(url, ca_file, timeout_s)


def _header_seq(data: bytes) -> int:
    try:
        return parse_header_bytes(split_frame(data).header_bytes).seq
    except SyncError:
        return 0


def _wing_name(repo: WingSyncStore) -> str:
    """The wing name new prisoners from HQ's roster are placed on."""
    return repo.get_meta("wing") or ""
