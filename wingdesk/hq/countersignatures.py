"""HQ's check of a wing countersignature: the signature itself, and the record versions it covers.

The same check the wing runs (WingLogService.verify_day): the supervisor's Ed25519 signature over the canonical
payload, and every entry and amendment it lists recomputed from the record lines HQ received.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from wingdesk.crypto import signing
from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.records import Amendment, AmendmentKind

RecordLookup = Callable[[str, int], dict[str, Any] | None]  # (record_id, revision) -> bundle line body
AmendmentLookup = Callable[[str], dict[str, Any] | None]  # amendment id -> bundle line body


def _amendment_hash(fields: dict[str, Any]) -> str:
    return Amendment(
        fields["id"],
        fields["record_id"],
        AmendmentKind(fields["kind"]),
        fields["author_id"],
        fields.get("author_name", ""),
        fields["at"],
        fields["text"],
    ).content_sha256()


def verify_countersignature(
    line: dict[str, Any], record: RecordLookup, amendment: AmendmentLookup, trusted_key: bytes | None = None
) -> tuple[bool, str]:
    """(valid, reason). `trusted_key`, when HQ has the signer in its registry, overrides the key in the line.

    Never raises on what a bundle carries: without a registry key, the key in the line is all there is, so a
    correctly signed payload can still be any JSON; anything not shaped like a countersignature is "malformed".
    """
    try:
        payload = json.loads(line["payload"])
        public = trusted_key or bytes.fromhex(line["signer_public_key"])
        signature = bytes.fromhex(line["signature"])
    except (KeyError, ValueError, TypeError, RecursionError):
        return False, "malformed"
    if type(payload) is not dict:
        return False, "malformed"
    if payload.get("signer_id") != line.get("signer_id") or payload.get("day") != line.get("day"):
        return False, "payload_mismatch"
    if is_weak_ed25519(public):  # it would "verify" any payload (signing.verify refuses it as well)
        return False, "weak_key"
    if not signing.verify(public, signing.COUNTERSIGN_PREFIX, payload, signature):
        return False, "bad_signature"
    try:
        return _covered_versions_unchanged(payload, record, amendment)
    except (KeyError, ValueError, TypeError, AttributeError):
        return False, "malformed"


def _covered_versions_unchanged(
    payload: dict[str, Any], record: RecordLookup, amendment: AmendmentLookup
) -> tuple[bool, str]:
    for entry in payload.get("entries", []):
        body = record(entry["id"], entry["revision"])
        if body is None:
            return False, "record_missing"
        if hashlib.sha256(canonical_bytes(body["record"])).hexdigest() != entry["content_sha256"]:
            return False, "records_changed"
    for item in payload.get("amendments", []):
        body = amendment(item["id"])
        if body is None:
            return False, "amendment_missing"
        if _amendment_hash(body) != item["content_sha256"]:
            return False, "records_changed"
    return True, ""
