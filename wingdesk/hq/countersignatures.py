"""HQ's check of the countersignatures a bundle carries: the signature itself, and the record versions it covers.

The same check the wing runs (WingLogService.verify_day): the supervisor's Ed25519 signature over the canonical
payload, and every entry and amendment it lists recomputed from the record lines HQ holds — those already stored,
else those in the same bundle. A version HQ holds neither way is not judged (bundles may arrive out of order: it
can come later), unless a tombstone HQ holds (or the same bundle carries) lists it: then, as on the wing, the
tombstone must list that version with the same hash (hq.tombstones). One it holds with other content fails.
Ingest quarantines a bundle whose countersignature fails, with the reason `countersignature_<reason>`, and
stores nothing of it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import orjson

from wingdesk.crypto import signing
from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.records import Amendment, AmendmentKind
from wingdesk.domain.tombstones import Tombstone
from wingdesk.hq.repository import RowTuple
from wingdesk.sync.header import MAX_SEQ, is_uuid

COUNTERSIGNATURE = "countersignature"
AMENDMENT = "amendment"
QUARANTINE_PREFIX = "countersignature_"

RecordLookup = Callable[[str, int], dict[str, Any] | None]  # (record_id, revision) -> bundle line body
AmendmentLookup = Callable[[str], dict[str, Any] | None]  # amendment id -> bundle line body
StoredLine = Callable[[str, int], tuple[str, str] | None]  # (record_id, rev) -> (kind, body JSON) HQ has stored


class _Malformed(Exception):
    pass


def countersignature_failure(
    rows: list[RowTuple], stored: StoredLine, registry: Mapping[str, Sequence[bytes]] | None = None,
    buried: Mapping[str, Tombstone] | None = None,
) -> str | None:
    """The quarantine reason for the first countersignature among a bundle's rows that does not hold, else None.

    `rows` are the bundle's checked rows (record_id, rev, kind, content_hash, RFC 8785 body bytes); `stored`
    looks a line up among those HQ has already stored. A bundle without countersignatures costs one scan of kinds.
    `registry` (hq.authors): the signer's keys HQ holds for the device; when given, only those count, never the
    key a line carries (`unknown_signer` when HQ holds none). `buried`: item id -> the tombstone that lists it.
    """
    signed = [row for row in rows if row[2] == COUNTERSIGNATURE]
    if not signed:
        return None
    sent = {(row[0], row[1]): (row[2], row[4]) for row in rows}

    def held(record_id: str, rev: int, kind: str | None) -> dict[str, Any] | None:
        line = stored(record_id, rev) or sent.get((record_id, rev))
        if line is None:
            return None
        found_kind, body = line
        if (found_kind == AMENDMENT) != (kind == AMENDMENT):
            raise _Malformed  # the id names another kind of line than the payload says
        value = orjson.loads(body)
        return value if isinstance(value, dict) else None

    for row in signed:
        line = orjson.loads(row[4])
        trusted: Sequence[bytes | None] = [None]
        if registry is not None:
            signer = line.get("signer_id") if isinstance(line, dict) else None
            trusted = (registry.get(signer) if isinstance(signer, str) else None) or []
            if not trusted:
                return QUARANTINE_PREFIX + "unknown_signer"
        reason = ""
        for key in trusted:
            ok, reason = verify_countersignature(
                line, lambda i, r: held(i, r, None), lambda i: held(i, 1, AMENDMENT), key, buried
            )
            if ok:
                break
        else:
            return QUARANTINE_PREFIX + reason
    return None


def amendment_hash(fields: dict[str, Any]) -> str:
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
    line: dict[str, Any], record: RecordLookup, amendment: AmendmentLookup, trusted_key: bytes | None = None,
    buried: Mapping[str, Tombstone] | None = None,
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
        return _covered_versions_unchanged(payload, record, amendment, buried or {})
    except (_Malformed, KeyError, ValueError, TypeError, AttributeError, RecursionError):
        return False, "malformed"


def _listed(payload: dict[str, Any], name: str, fields: dict[str, type]) -> list[dict[str, Any]]:
    items = payload.get(name, [])
    if type(items) is not list:
        raise _Malformed
    for item in items:
        if type(item) is not dict or any(type(item.get(key)) is not kind for key, kind in fields.items()):
            raise _Malformed
        if not is_uuid(item["id"]) or not 1 <= item.get("revision", 1) <= MAX_SEQ:
            raise _Malformed  # no line can have it (check_record), and the database is not asked
    return items


def _covered_versions_unchanged(
    payload: dict[str, Any], record: RecordLookup, amendment: AmendmentLookup, buried: Mapping[str, Tombstone]
) -> tuple[bool, str]:
    entries = _listed(payload, "entries", {"id": str, "revision": int, "content_sha256": str})
    amendments = _listed(payload, "amendments", {"id": str, "content_sha256": str})
    for entry in entries:
        body = record(entry["id"], entry["revision"])
        if body is None:  # deleted by an administrator: its tombstone must list this very version
            stone = buried.get(entry["id"])
            if stone is not None and (entry["revision"], entry["content_sha256"]) not in stone.revisions:
                return False, "records_changed"
        elif hashlib.sha256(canonical_bytes(body["record"])).hexdigest() != entry["content_sha256"]:
            return False, "records_changed"
    for item in amendments:
        body = amendment(item["id"])
        if body is None:
            stone = buried.get(item["id"])
            if stone is not None and (item["id"], item["content_sha256"]) not in stone.amendments:
                return False, "records_changed"
        elif amendment_hash(body) != item["content_sha256"]:
            return False, "records_changed"
    return True, ""
