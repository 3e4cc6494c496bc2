"""HQ→wing bundles: receipts, roster events, user accounts and revocations under a rising ref_seq."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wingdesk.domain.errors import ValidationError
from wingdesk.domain.retention import parse_schedule
from wingdesk.sync import keys
from wingdesk.sync.bundle import open_bundle, seal_bundle
from wingdesk.sync.errors import ManifestMismatch, RecordInvalid, WrongRecipient
from wingdesk.sync.header import KIND_HQ_TO_WING
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.receipts import Receipt, receipt_from_object
from wingdesk.sync.strict_json import canonical, loads_object

RECEIPT_KIND = "receipt"
TRANSFER_KINDS = ("transfer_peer", "transfer", "transfer_receipt")
# published from HQ's console: record_id per published id, rev = its version; only the newest rides in a bundle
# translation: HQ's translation updates; code_list: entries HQ adds to a code list; hierarchy: the prisons, wings
# and which PC serves which wing (issue 17 item 3)
PUBLISHED_KINDS = ("instrument", "training_module", "translation", "code_list", "hierarchy")
REFERENCE_KINDS = ("roster", "user", "revocation", "recovery_key",  # recovery_key: issue 22 item 3
                   "agency",  # agency: handover recipients and their age keys (issue 19 item 2)
                   "retention_schedule",  # HQ's retention schedule replacing the shipped one: issue 19 item 5
                   *TRANSFER_KINDS,  # transfer between prisons: peers, packages, receipts (issue 19 item 1)
                   *PUBLISHED_KINDS,  # HQ-signed instrument, training-module, translation and code-list files
                   "vetted_person")  # vetted outside people, only to the wings they may visit (issue 17 item 3)
ROSTER_EVENTS = ("admission", "transfer_in", "transfer_out", "release")
DEFAULT_MAX_AGE = 14 * 24 * 3600
_RECEIPT_NS = uuid.UUID("6f1c1c38-5d8e-4bde-9a57-0b1f4c1e9a11")
_TIME = "%Y-%m-%dT%H:%M:%SZ"
_TIME_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)  # what utc_text writes, nothing looser


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_TIME)


def utc_from_text(text: object) -> datetime | None:
    """The moment `utc_text` wrote, or None: strptime alone also takes "2025-3-1T0:0:0Z" and non-ASCII digits."""
    if not isinstance(text, str) or not _TIME_TEXT.fullmatch(text):
        return None
    try:
        return datetime.strptime(text, _TIME).replace(tzinfo=UTC)
    except ValueError:  # e.g. month 13
        return None


def reference_item(kind: str, body: dict[str, Any], record_id: str | None = None, rev: int = 1) -> dict[str, Any]:
    """A record line for HQ→wing data (`roster`, `user` or `revocation`)."""
    if kind not in REFERENCE_KINDS:
        raise RecordInvalid("kind")
    if kind == "roster" and body.get("event") not in ROSTER_EVENTS:
        raise RecordInvalid("roster.event")
    if kind in ("recovery_key", *PUBLISHED_KINDS) and not isinstance(body.get("file"), str):
        raise RecordInvalid(f"{kind}.file")
    if kind == "retention_schedule":
        try:
            parse_schedule(body.get("schedule"))
        except ValidationError:
            raise RecordInvalid("retention_schedule.schedule") from None
    return {
        "record_id": record_id or str(uuid.uuid4()),
        "rev": rev,
        "kind": kind,
        "content_hash": record_content_hash(body),
        "body": body,
    }


def receipt_item(receipt_bytes: bytes, receipt: Receipt) -> dict[str, Any]:
    """Wrap a stored signed receipt as a record line (its id is stable per receipt)."""
    body = loads_object(receipt_bytes)
    rid = str(uuid.uuid5(_RECEIPT_NS, f"{receipt.bundle_id}/{receipt.receipt_seq}"))
    return {
        "record_id": rid,
        "rev": 1,
        "kind": RECEIPT_KIND,
        "content_hash": record_content_hash(body),
        "body": body,
    }


def seal_hq_bundle(
    device_id: str,
    ref_seq: int,
    prev_hash: str,
    items: list[dict[str, Any]],
    hq_sign_private: bytes,
    device_enc_public: bytes,
    env: str,
    issued_at: datetime,
    max_age: int = DEFAULT_MAX_AGE,
) -> bytes:
    """Seal one HQ→wing bundle (HQ side); `ref_seq` doubles as the bundle's seq."""
    extra = {"ref_seq": ref_seq, "issued_at": utc_text(issued_at), "max_age": max_age}
    return seal_bundle(
        KIND_HQ_TO_WING,
        device_id,
        ref_seq,
        prev_hash,
        items,
        hq_sign_private,
        device_enc_public,
        env,
        manifest_extra=extra,
    )


@dataclass(frozen=True)
class HqUpdate:
    """A verified HQ→wing bundle, split by content kind."""

    ref_seq: int
    issued_at: datetime
    max_age: int
    stale: bool
    bundle_hash: str
    prev_hash: str
    receipts: list[Receipt] = field(default_factory=list)
    roster: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    revocations: list[dict[str, Any]] = field(default_factory=list)
    recovery_keys: list[dict[str, Any]] = field(default_factory=list)  # HQ's signed recovery-recipient files
    agencies: list[dict[str, Any]] = field(default_factory=list)  # handover recipients (issue 19 item 2)
    retention_schedules: list[dict[str, Any]] = field(default_factory=list)  # HQ's retention schedule (issue 19)
    transfers: list[dict[str, Any]] = field(default_factory=list)  # peers, packages, receipts (issue 19 item 1)
    instruments: list[dict[str, Any]] = field(default_factory=list)  # HQ-signed instrument files (issue 17 item 3)
    modules: list[dict[str, Any]] = field(default_factory=list)  # HQ-signed training-module files (issue 17 item 3)
    translations: list[dict[str, Any]] = field(default_factory=list)  # HQ-signed translation updates (issue 17)
    code_lists: list[dict[str, Any]] = field(default_factory=list)  # HQ-signed code-list files (issue 17 item 3)
    hierarchies: list[dict[str, Any]] = field(default_factory=list)  # HQ-signed prison/wing hierarchy (issue 17)
    vetted_people: list[dict[str, Any]] = field(default_factory=list)  # vetted outside people (issue 17 item 3)


def open_hq_bundle(
    data: bytes,
    hq_sign_public: bytes,
    device_enc_private: bytes,
    device_id: str,
    env: str,
    now: datetime | None = None,
) -> HqUpdate:
    """Verify and open an HQ bundle on the wing. Where it stands in HQ's chain (new, a replay, a rollback) is for
    the caller to decide with `reference_chain.place`, from the ref_seq and hashes returned here."""
    opened = open_bundle(
        data,
        {keys.key_id(hq_sign_public): hq_sign_public},
        device_enc_private,
        expected_env=env,
        expected_kind=KIND_HQ_TO_WING,
    )
    header, manifest, records = opened
    if header.device_id != device_id:
        raise WrongRecipient("device_id")
    ref_seq = manifest.get("ref_seq")
    if ref_seq != header.seq or not isinstance(manifest.get("issued_at"), str) or "max_age" not in manifest.fields:
        raise ManifestMismatch("ref_seq")
    issued = utc_from_text(manifest["issued_at"])
    if issued is None:
        raise ManifestMismatch("issued_at")
    moment = now or datetime.now(UTC)
    update = HqUpdate(
        ref_seq,
        issued,
        manifest["max_age"],
        (moment - issued).total_seconds() > manifest["max_age"],  # max_age may exceed what a timedelta holds
        opened.bundle_hash,
        header.prev_hash,
    )
    by_kind: Mapping[str, list[Any]] = {
        "roster": update.roster,
        "user": update.users,
        "revocation": update.revocations,
        "recovery_key": update.recovery_keys,
        "agency": update.agencies,
        "retention_schedule": update.retention_schedules,
        **{kind: update.transfers for kind in TRANSFER_KINDS},
        "instrument": update.instruments,
        "training_module": update.modules,
        "translation": update.translations,
        "code_list": update.code_lists,
        "hierarchy": update.hierarchies,
        "vetted_person": update.vetted_people,
    }
    for record in records:
        # RecordInvalid("record.body") where RFC 8785 has no form for it (an integer beyond 2^53, a lone
        # surrogate): nothing hashed it
        if record_content_hash(record["body"]) != record["content_hash"]:
            raise RecordInvalid("content_hash")
        if record["kind"] == RECEIPT_KIND:
            update.receipts.append(receipt_from_object(record["body"], hq_sign_public, canonical(record["body"])))
        elif record["kind"] in by_kind:
            by_kind[record["kind"]].append(record)
        else:
            raise RecordInvalid("kind")
    return update
