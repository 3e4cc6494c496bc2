"""The one ingest function behind USB import and HTTPS upload: verify, dedupe, forks, gaps, store, sign."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from wingdesk.domain.hlc import Hlc
from wingdesk.hq.audit_heads import head_row
from wingdesk.hq.authors import authors_failure
from wingdesk.hq.contents import Contents, ContentsReader, read_contents
from wingdesk.hq.countersignatures import countersignature_failure
from wingdesk.hq.errors import BundleConflict, DeviceRetired, DeviceRevoked, UnknownDevice
from wingdesk.hq.intelligence_index import keep_intelligence
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.repository import Device, HqRepository, HqStore, NewBundle, QuarantineEntry, RecordOutcome
from wingdesk.hq.research_ingest import NOTHING_DERIVED, Derived, derived_by_reader, keep_research, research_ask
from wingdesk.hq.restores import head_failure, receipt_reason, record_restore
from wingdesk.hq.store import is_integrity_error
from wingdesk.hq.tombstones import bury, check_tombstones
from wingdesk.hq.transfers import route_transfers
from wingdesk.hq.user_keys import announced_keys, keys_by_user
from wingdesk.sync import keys
from wingdesk.sync.bundle import VerifiedBundle, verify_bundle, verify_head
from wingdesk.sync.errors import (
    BundleFormatError,
    BundleTooLarge,
    EnvironmentMismatch,
    WrongRecipient,
)
from wingdesk.sync.header import GENESIS_HASH, KIND_WING_TO_HQ, MAX_BUNDLE_LEN, BundleHeader, SignerClaim
from wingdesk.sync.receipts import MAX_MISSING, sign_receipt
from wingdesk.sync.reference import utc_text

log = logging.getLogger(__name__)
PREPARE_SLOTS = 2
_SEQ_SCAN_LIMIT = 100_000


@dataclass
class HqContext:
    """What ingest needs: the store, the unlocked HQ keys and a clock (injected in tests)."""

    store: HqStore
    keys: HqKeys
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    max_bundle_len: int = MAX_BUNDLE_LEN
    # bundles verified/decrypted/hashed at once: in-process this is CPU-bound under the GIL, so more threads only
    # interleave (each finishing later) and starve the event loop; with worker processes, twice their number;
    # waiting for the commit is not limited
    prepare_slots: int = PREPARE_SLOTS
    # decrypt/parse/hash/check authors and derive research facts (`_prepare`); the HTTPS receiver passes a
    # ContentsPool's `read` (workers)
    read_contents: ContentsReader = read_contents
    research: bool = True  # derive the research store's facts at ingest (hq.research_ingest); off: benchmarks only
    _preparing: threading.BoundedSemaphore = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._preparing = threading.BoundedSemaphore(self.prepare_slots)

    @property
    def env(self) -> str:
        return self.keys.env

    @property
    def research_key(self) -> bytes:
        return self.keys.research_key


@dataclass(frozen=True)
class IngestResult:
    """`outcome` is what happened now (accepted, duplicate, quarantined); `receipt` is the signed reply."""

    outcome: str
    receipt: bytes
    bundle_id: str
    device_id: str
    seq: int

    @property
    def http_status(self) -> int:
        return 202 if self.outcome == "quarantined" else 200


def _missing(hcs: int, above: list[int], max_seq: int) -> tuple[list[int], bool]:
    """Sequence numbers between hcs and max_seq not yet received, capped (gaps may be huge)."""
    missing: list[int] = []
    expected = hcs + 1
    for seq in [*above, max_seq + 1]:
        while expected < seq and expected <= max_seq:
            if len(missing) == MAX_MISSING:
                return missing, True
            missing.append(expected)
            expected += 1
        expected = max(expected, seq + 1)
    return missing, False


@dataclass
class _Ingest:
    ctx: HqContext
    verified: VerifiedBundle
    raw: bytes
    now: datetime
    derived: Derived = NOTHING_DERIVED  # the research facts of its lines, derived by its reader

    @property
    def header(self) -> BundleHeader:
        return self.verified.header

    def receipt(
        self,
        repo: HqRepository, device: Device, status: str, reason: str, counts: dict[str, int], skew: int | None,
        adds_seq: bool,
    ) -> tuple[bytes, int]:
        """Sign the cumulative receipt and move the device's sequence state forward."""
        header = self.header
        above = repo.seqs_above(header.device_id, device.hcs, _SEQ_SCAN_LIMIT)
        if adds_seq and header.seq > device.hcs:
            above = sorted({*above, header.seq})
        hcs = device.hcs
        for seq in above:
            if seq != hcs + 1:
                break
            hcs = seq
        max_seq = max([device.max_seq, *above[-1:]])
        missing, truncated = _missing(hcs, [s for s in above if s > hcs], max_seq)
        if hcs == device.hcs:
            hcs_hash = device.hcs_hash
        elif adds_seq and hcs == header.seq:
            hcs_hash = self.verified.bundle_hash
        else:
            stored = repo.bundle_at(header.device_id, hcs)
            hcs_hash = stored.bundle_hash if stored else ""
        receipt_seq = device.receipt_seq + 1
        at = utc_text(self.now)
        fields = {
            "env": self.ctx.env,
            "device_id": header.device_id,
            "bundle_id": header.bundle_id,
            "seq": header.seq,
            "bundle_hash": self.verified.bundle_hash,
            "status": status,
            "reason": reason,
            "counts": counts,
            "hcs": hcs,
            "hcs_hash": hcs_hash,
            "missing": missing,
            "missing_truncated": truncated,
            "hq_received_at": at,
            "hq_hlc": str(Hlc(int(self.now.timestamp() * 1000))),
            "receipt_seq": receipt_seq,
            "hq_key_id": self.ctx.keys.current.sign_key_id,
            "clock_skew_s": skew,
        }
        repo.update_device_state(
            header.device_id,
            hcs=hcs,
            hcs_hash=hcs_hash,
            max_seq=max_seq,
            last_contact=at,
            receipt_seq=receipt_seq,
        )
        return sign_receipt(fields, self.ctx.keys.current.sign_private), receipt_seq

    def quarantine(self, repo: HqRepository, device: Device, reason: str, contents: Contents) -> IngestResult:
        counts = {
            "received": contents.received,
            "new": 0,
            "duplicate": 0,
            "quarantined": 0,
        }
        receipt, receipt_seq = self.receipt(
            repo, device, "quarantined", reason, counts, contents.skew_s(self.now), False
        )
        header = self.header
        entry = QuarantineEntry(self.verified.bundle_hash, header.bundle_id, header.device_id, header.seq, reason,
                                utc_text(self.now), self.raw)
        repo.quarantine_bundle(entry, receipt, receipt_seq)
        repo.audit(utc_text(self.now), "bundle_quarantined", header.device_id, header.bundle_id, reason)
        log.warning("bundle quarantined: device=%s seq=%d reason=%s", header.device_id, header.seq, reason)
        return IngestResult("quarantined", receipt, header.bundle_id, header.device_id, header.seq)

    def previous(self, repo: HqRepository) -> IngestResult | None:
        """Duplicate (same bytes) or conflict (same id, other bytes) against what is already stored."""
        header = self.header
        stored = repo.bundle_by_id(header.bundle_id)
        if stored is not None:
            if stored.bundle_hash != self.verified.bundle_hash:
                raise BundleConflict()
            return IngestResult("duplicate", stored.receipt, header.bundle_id, header.device_id, header.seq)
        found, receipt = repo.quarantined_receipt(self.verified.bundle_hash)
        if found and receipt is not None:  # sent again: still quarantined, with the receipt it got then
            return IngestResult("quarantined", receipt, header.bundle_id, header.device_id, header.seq)
        return None

    def chain_breaks(self, repo: HqRepository) -> str | None:
        header = self.header
        if header.seq == 1:
            return None if header.prev_hash == GENESIS_HASH else "chain_break"
        before = repo.bundle_at(header.device_id, header.seq - 1)
        if before is not None and before.bundle_hash != header.prev_hash:
            return "chain_break"
        after = repo.bundle_at(header.device_id, header.seq + 1)
        if after is not None and after.prev_hash != self.verified.bundle_hash:
            return "chain_break"
        return None

    def store(self, repo: HqRepository, device: Device, contents: Contents) -> IngestResult:
        header = self.header
        rows = contents.rows
        skew = contents.skew_s(self.now)
        bundle = NewBundle(
            header.bundle_id,
            self.verified.bundle_hash,
            header.device_id,
            header.seq,
            header.prev_hash,
            utc_text(self.now),
            len(rows),
            skew,
            self.raw,
        )
        signed: list[bytes] = []
        counts: dict[str, int] = {}

        def sign(outcome: RecordOutcome) -> tuple[bytes, int]:
            counts.update(
                received=len(rows), new=outcome.new, duplicate=outcome.duplicate, quarantined=outcome.quarantined
            )
            reason = receipt_reason(bool(outcome.quarantined), contents.restore, skew)
            receipt, receipt_seq = self.receipt(repo, device, "accepted", reason, counts, skew, True)
            signed.append(receipt)
            return receipt, receipt_seq

        repo.add_bundle(bundle, rows, sign)
        if contents.audit_head is not None:
            repo.add_audit_head(header.device_id, header.seq, head_row(header.seq, contents.audit_head))
        receipt = signed[0]
        record_restore(repo, utc_text(self.now), header.device_id, header.seq, header.bundle_id, contents.restore)
        repo.audit(
            utc_text(self.now),
            "bundle_accepted",
            header.device_id,
            header.bundle_id,
            json.dumps(counts, sort_keys=True),
        )
        return IngestResult("accepted", receipt, header.bundle_id, header.device_id, header.seq)


def _signer_lookup(ctx: HqContext, device_box: list[Device]) -> Callable[[SignerClaim], bytes | None]:
    """The enrolled key of the device a header names (UnknownDevice when there is none)."""

    def signer(claim: SignerClaim) -> bytes | None:
        with ctx.store.transaction(write=False) as repo:
            device = repo.get_device(claim.device_id)
        if device is None:
            raise UnknownDevice()
        device_box.append(device)
        return device.sign_public if keys.key_id(device.sign_public) == claim.signer_key_id else None

    return signer


def _check_addressing(ctx: HqContext, header: BundleHeader) -> None:
    if header.kind != KIND_WING_TO_HQ:
        raise BundleFormatError("header.kind")
    if header.env != ctx.env:
        raise EnvironmentMismatch()
    if header.recipient_key_id not in ctx.keys.identities():
        raise WrongRecipient()


def verify_upload_head(ctx: HqContext, header_bytes: bytes, signature: bytes) -> BundleHeader:
    """An upload's header and signature, checked before its body is read (`wingdesk.hq.upload`): signed by the
    enrolled key of its device, then a wing->hq bundle for this HQ. Raises what `ingest` would."""
    header = verify_head(header_bytes, signature, _signer_lookup(ctx, []), ctx.max_bundle_len)
    _check_addressing(ctx, header)
    return header


def _verify(ctx: HqContext, data: bytes) -> tuple[VerifiedBundle, Device]:
    """Everything that can be checked without decrypting; failures here store nothing."""
    if len(data) > ctx.max_bundle_len + 64 * 1024:
        raise BundleTooLarge("bundle")
    device_box: list[Device] = []
    verified = verify_bundle(data, _signer_lookup(ctx, device_box), max_bundle_len=ctx.max_bundle_len)
    _check_addressing(ctx, verified.header)
    return verified, device_box[0]


def ingest(ctx: HqContext, data: bytes) -> IngestResult:
    """Ingest one sealed bundle; returns the signed receipt (stored, so a retry gets the same bytes).

    Raises SyncError subclasses for bundles that are rejected outright (nothing stored):
    malformed, unsigned or mis-signed, unknown device, wrong recipient or environment, conflicts,
    and revoked devices (whose bundles are kept as evidence in quarantine).
    """
    with ctx._preparing:
        prepared = _prepare(ctx, data)
    if isinstance(prepared, IngestResult):
        return prepared
    job, contents = prepared
    try:
        return _commit(job, contents)
    except Exception as error:
        if not is_integrity_error(error):
            raise
        with ctx.store.transaction(write=False) as repo:  # lost a race with the same bundle elsewhere
            earlier = job.previous(repo)
        if earlier is None:
            raise BundleConflict() from None
        return earlier


_NOT_READ = Contents(readable=False)


def _prepare(ctx: HqContext, data: bytes) -> IngestResult | tuple[_Ingest, Contents]:
    """Verify, then (only if verified) decrypt, parse, hash and check the authors' signatures with the keys HQ holds
    now (hq.authors): the stored duplicate, or what to write."""
    verified, device = _verify(ctx, data)
    job = _Ingest(ctx, verified, bytes(data), ctx.clock())
    with ctx.store.transaction(write=False) as repo:
        earlier = job.previous(repo)
        held = repo.user_keys(verified.header.device_id) if earlier is None else []
        ask = research_ask(ctx, repo, device) if earlier is None else None
    if earlier is not None:
        return earlier
    if device.revoked_after_seq is not None and verified.header.seq > device.revoked_after_seq:
        return job, _NOT_READ  # kept as evidence, never opened
    contents = ctx.read_contents(verified, ctx.keys.identities(), ctx.env, keys_by_user(held) if held else None, ask)
    job.derived = derived_by_reader(ask, contents)  # not under the single writer (hq.research_ingest)
    return job, contents


def _commit(job: _Ingest, contents: Contents) -> IngestResult:
    """One all-or-nothing write unit; returns only after its (possibly shared) commit is durable."""
    result = job.ctx.store.write(lambda repo: _decide(job, repo, contents))
    if result is None:
        with job.ctx.store.transaction(write=False) as repo:  # replaced by a successor: say so (hq.successors)
            retired = repo.successor_of(job.header.device_id) is not None
        raise DeviceRetired() if retired else DeviceRevoked()
    return result


def _decide(job: _Ingest, repo: HqRepository, contents: Contents) -> IngestResult | None:
    """Under the device lock: duplicate, revoked, unreadable, fork, chain break, a countersignature that does not
    hold, or store."""
    header = job.header
    device = repo.lock_device(header.device_id)
    if device is None:
        raise UnknownDevice()
    earlier = job.previous(repo)
    if earlier is not None:
        return earlier
    if device.revoked_after_seq is not None and header.seq > device.revoked_after_seq:
        entry = QuarantineEntry(job.verified.bundle_hash, header.bundle_id, header.device_id, header.seq,
                                "device_revoked", utc_text(job.now), job.raw)
        repo.quarantine_bundle(entry, None, device.receipt_seq)
        repo.audit(utc_text(job.now), "bundle_from_revoked_device", header.device_id, header.bundle_id, "")
        return None
    if contents.failure or not contents.readable:
        return job.quarantine(repo, device, contents.failure or "unreadable", contents)
    if repo.bundle_at(header.device_id, header.seq) is not None:
        return job.quarantine(repo, device, "fork", contents)
    held = repo.user_keys(header.device_id)  # []: enrolled before users' keys travelled (hq.authors)
    announced, bad_key = announced_keys(contents.rows, held) if held else ([], None)
    registry = keys_by_user(held + announced) if held else None
    stones = check_tombstones(repo, header.device_id, contents.rows, held + announced)  # hq.tombstones
    broken = (
        job.chain_breaks(repo)
        or head_failure(repo, header.device_id, header.seq, contents.audit_head, contents.restore)
        or bad_key
        or stones.failure
        or authors_failure(contents.rows, registry, contents.vouched)
        or countersignature_failure(stones.kept, repo.stored_line, registry, stones.lookup)
    )
    if broken:
        return job.quarantine(repo, device, broken, contents)
    for user_id, role, key in announced:
        repo.add_user_key(header.device_id, user_id, role, key, utc_text(job.now), "announcement")
    ahead = contents.numbers if stones.kept is contents.rows else None  # worked out by the reader, for these rows
    keep_intelligence(repo, header.device_id, stones, ahead)  # HQ security's index (issue 17 item 5): before `bury`
    bury(repo, header.device_id, header.bundle_id, utc_text(job.now), stones.buried)
    keep_research(job.ctx, repo, device, stones, job.derived)
    route_transfers(repo, header.device_id, stones.kept, held + announced, utc_text(job.now))  # issue 19 item 1
    kept = replace(job, raw=b"") if stones.dropped else job  # its bytes hold a deleted record: not kept
    return kept.store(repo, device, replace(contents, rows=stones.kept))


def iter_missing(hcs: int, above: list[int], max_seq: int) -> Iterator[int]:
    """Public helper for status: the gaps, capped like receipts."""
    missing, _ = _missing(hcs, above, max_seq)
    yield from missing
