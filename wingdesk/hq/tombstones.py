"""An administrator's hard delete reaching HQ: the `tombstone` bundle line (docs/sync-bundle.md; security.md §5).

A wing sends each tombstone once, in the next bundle after the delete: the statement the administrator signed (ids,
hashes, original author, who deleted it, when and why; never the record's text), the signer's id and the Ed25519
signature (prefix WingDesk/tombstone/v1). HQ takes it only when the signer is an account it knows as an
administrator of that wing (enrolment, or an administrator's key announcement: hq.user_keys) and the signature holds
under that account's key; else the bundle is quarantined, nothing of it stored:

- `tombstone_malformed`: not shaped as a statement a wing signs;
- `tombstone_mismatch`: the line names another record, or another signer, than the statement does (a statement
  replayed for another record);
- `tombstone_not_admin`: signed in the name of an account HQ does not hold as an administrator of that wing (or,
  for a retention erasure naming its rule, as a governor of that wing: services.retention);
- `tombstone_bad_signature`: the statement was changed, or is not signed by that administrator's key;
- `tombstone_versions_differ`: HQ holds a version of the record with another content hash than the tombstone lists.

A tombstone that holds is kept (HQ's `tombstones` table) and HQ deletes what it holds of the record on that device:
every version, every amendment the tombstone lists, their quarantined copies, and the raw bytes of every bundle that
carried them (HQ could decrypt those). A record line that arrives later (a bundle re-sent, or out of order) for a
buried record or amendment is not stored, and the raw bytes of its bundle are not kept. HQ audits each delete
(ids and counts, never the reason or any text). Its countersignature check accepts a deleted entry the way the wing
does: listed, with the same hash, in the record's tombstone (hq.countersignatures).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import orjson

from wingdesk.crypto import signing
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.tombstones import Tombstone, tombstone_line_id, tombstone_of
from wingdesk.hq.countersignatures import COUNTERSIGNATURE
from wingdesk.hq.repository import HqRepository, RowTuple
from wingdesk.sync.header import is_uuid

TOMBSTONE = "tombstone"
UserKey = tuple[str, str, bytes]  # hq.user_keys.UserKey
_ADMIN = "admin"  # hq.user_keys.ADMIN
_GOVERNOR = "governor"  # a retention erasure (services.retention) is the governor's, and names its rule


@dataclass(frozen=True)
class Buried:
    """One tombstone line that held: the parsed statement, its canonical text and hash, and the signature."""

    stone: Tombstone
    text: str
    digest: str

    @property
    def items(self) -> tuple[str, ...]:
        """The ids of the lines HQ may hold of the record: the record's, and each amendment's."""
        return (self.stone.record_id, *(note for note, _hash in self.stone.amendments))


@dataclass(frozen=True)
class TombstoneCheck:
    """A bundle's tombstones under the device lock: those that held, the rows to store, how many lines of buried
    items were left out, the quarantine reason if one did not hold, and item id -> tombstone for the
    countersignature check."""

    buried: list[Buried]
    kept: list[RowTuple]
    dropped: int
    failure: str | None
    lookup: Mapping[str, Tombstone]


def check_tombstones(repo: HqRepository, device_id: str, rows: list[RowTuple], held: Sequence[UserKey]
                     ) -> TombstoneCheck:
    """Everything ingest needs to know of tombstones, new and kept, for one bundle of one device."""
    buried, failure = bundle_tombstones(rows, held)
    failure = failure or versions_failure(repo, device_id, buried)
    if not buried and not repo.has_tombstones(device_id):  # nearly every bundle: one indexed probe
        return TombstoneCheck([], rows, 0, failure, {})
    kept, dropped = unburied_rows(repo, device_id, rows, buried)
    signed = any(row[2] == COUNTERSIGNATURE for row in kept)  # only a countersignature needs the statements
    return TombstoneCheck(buried, kept, dropped, failure, tombstone_lookup(repo, device_id, buried) if signed else {})


def bundle_tombstones(rows: list[RowTuple], held: Sequence[UserKey]) -> tuple[list[Buried], str | None]:
    """The tombstones a bundle's rows carry, each checked against the administrators' keys `held` (HQ's, with the
    bundle's own announcements that held); the quarantine reason of the first that does not hold."""
    admins: dict[str, list[bytes]] = {}
    governors: dict[str, list[bytes]] = {}
    for user_id, role, key in held:
        if role in (_ADMIN, _GOVERNOR):
            (admins if role == _ADMIN else governors).setdefault(user_id, []).append(key)
    found: list[Buried] = []
    for row in rows:
        if row[2] != TOMBSTONE:
            continue
        try:
            body = orjson.loads(row[4])
            statement, signer, signature = body["statement"], body["signer_id"], bytes.fromhex(body["signature"])
            stone = tombstone_of(statement, signature)
            if not isinstance(signer, str) or stone.statement() != statement or not is_uuid(stone.record_id):
                raise ValueError("not a statement a wing signs")
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError):
            return found, "tombstone_malformed"
        if (body.get("record_id") != stone.record_id or row[0] != tombstone_line_id(stone.record_id)
                or signer != stone.deleted_by):
            return found, "tombstone_mismatch"
        keys = admins.get(signer) or (governors.get(signer) if stone.by_retention else None)
        if not keys:
            return found, "tombstone_not_admin"
        if not any(signing.verify(key, signing.TOMBSTONE_PREFIX, statement, signature) for key in keys):
            return found, "tombstone_bad_signature"
        text = canonical_bytes(statement)
        found.append(Buried(stone, text.decode("utf-8"), hashlib.sha256(text).hexdigest()))
    return found, None


def versions_failure(repo: HqRepository, device_id: str, buried: list[Buried]) -> str | None:
    """`tombstone_versions_differ` when HQ holds a version of a buried record that its tombstone does not list with
    that content hash (the record's own hash, as its author signed it), else None."""
    for item in buried:
        listed = set(item.stone.revisions)
        for rev, body in repo.stored_versions(device_id, item.stone.record_id):
            record = json.loads(body).get("record")
            if (rev, hashlib.sha256(canonical_bytes(record)).hexdigest()) not in listed:
                return "tombstone_versions_differ"
    return None


def bury(repo: HqRepository, device_id: str, bundle_id: str, at: str, buried: list[Buried]) -> None:
    """Keep each tombstone, delete what HQ holds of its record on this device, and audit it (ids and counts)."""
    for item in buried:
        stone = item.stone
        if not repo.add_tombstone(device_id, stone.record_id, stone.kind, item.text, item.digest, stone.deleted_by,
                                  stone.signature, bundle_id, at, item.items):
            continue  # already kept (the same tombstone sent again in another bundle)
        lines, raws = repo.delete_items(device_id, item.items)
        detail = {"record_id": stone.record_id, "kind": stone.kind, "signer_id": stone.deleted_by,
                  "statement_sha256": item.digest, "lines_deleted": lines, "bundles_emptied": raws}
        repo.audit(at, "record_deleted_by_administrator", device_id, bundle_id, json.dumps(detail, sort_keys=True))


def unburied_rows(repo: HqRepository, device_id: str, rows: list[RowTuple], buried: list[Buried]
                  ) -> tuple[list[RowTuple], int]:
    """The rows of a bundle HQ stores: neither a tombstone line (kept in its own table) nor a line of a record or
    amendment buried on this device; and how many lines of buried items were left out."""
    gone = {item_id for item in buried for item_id in item.items} | repo.tombstoned_items(device_id)
    kept = [row for row in rows if row[2] != TOMBSTONE and row[0] not in gone]
    return kept, sum(1 for row in rows if row[2] != TOMBSTONE and row[0] in gone)


def tombstone_lookup(repo: HqRepository, device_id: str, buried: list[Buried]) -> Mapping[str, Tombstone]:
    """Item id (record or amendment) -> the tombstone that lists it, for this device: those HQ keeps and the
    bundle's own (for the countersignature check, hq.countersignatures)."""
    stones = [tombstone_of(json.loads(text), b"") for text in repo.tombstone_statements(device_id)]
    stones += [item.stone for item in buried]
    found: dict[str, Tombstone] = {}
    for stone in stones:
        found[stone.record_id] = stone
        for note, _hash in stone.amendments:
            found[note] = stone
    return found

