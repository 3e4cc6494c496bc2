"""A new PC from HQ (issue 22 item 4): a replacement device takes over from a dead one.

`replace_device(OLD, NEW)`: NEW was enrolled in the ordinary way (its own keys, request and spoken code). HQ
checks both are devices of the same wing, that OLD was not replaced before and NEW replaces nothing yet, then in
one transaction retires OLD (revoked at its last acknowledged bundle, so nothing it signs is applied again, and an
upload from it is refused as retired), links NEW as its successor, copies the users' signing keys HQ holds for OLD
to NEW (so HQ verifies the records NEW writes in their names) and audits `device_replaced`. It returns the
successor package (sync.successor_package): sealed to NEW, with only the records HQ ingested from OLD, and for each
prisoner those records name the identity HQ holds (`successor_prisoners`), and the tombstones HQ kept from OLD
(`tombstone_line`: what an administrator or a governor deleted there, whose records HQ no longer holds).

NEW keeps its own device id and keys, so its bundles start their own chain at HQ (seq 1): nothing is re-used and
nothing is flagged as a fork; HQ's audit log and the successor link carry the dead device's history on.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from wingdesk.domain.tombstones import tombstone_fields
from wingdesk.hq.errors import UnknownDevice
from wingdesk.hq.keystore import HqKeys
from wingdesk.hq.repository import HqStore
from wingdesk.hq.tombstones import TOMBSTONE
from wingdesk.sync.errors import SyncError
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.reference import utc_text
from wingdesk.sync.strict_json import loads_object
from wingdesk.sync.successor_package import SuccessorPackage, seal_package


class SuccessorInvalid(SyncError):
    """The pair cannot be a replacement: the same device, another wing, or one side already replaced."""

    code = "successor_invalid"


def replace_device(store: HqStore, hq: HqKeys, old_id: str, new_id: str, now: datetime) -> bytes:
    """Retire OLD, make NEW its successor and return NEW's sealed package (nothing changes if refused)."""
    at = utc_text(now)
    with store.transaction() as repo:
        old, new = repo.lock_device(old_id), repo.lock_device(new_id)
        if old is None or new is None:
            raise UnknownDevice()
        if old_id == new_id:
            raise SuccessorInvalid("same_device")
        if old.wing_name != new.wing_name:
            raise SuccessorInvalid("wing")
        if repo.successor_of(old_id) is not None or repo.predecessor_of(new_id) is not None:
            raise SuccessorInvalid("already_replaced")
        if new.revoked_after_seq is not None:
            raise SuccessorInvalid("successor_revoked")
        if old.revoked_after_seq is None:
            repo.revoke_device(old_id, old.hcs, at)
        repo.add_successor(old_id, new_id, at)
        users = repo.user_keys(old_id)
        held = {(user_id, key) for user_id, _, key in repo.user_keys(new_id)}
        for user_id, role, public_key in users:
            if (user_id, public_key) not in held:
                repo.add_user_key(new_id, user_id, role, public_key, at, "successor")
        records = [{"record_id": r[0], "rev": r[1], "kind": r[2], "content_hash": r[3],
                    "body": loads_object(r[4])} for r in repo.device_records(old_id)]
        stones = [tombstone_line(*row) for row in repo.tombstone_rows(old_id)]
        prisoners = successor_prisoners(records, repo.reference_items(old_id))
        head = repo.last_audit_head(old_id)
        detail = {"old_device_id": old_id, "new_device_id": new_id, "retired_after_seq": old.hcs
                  if old.revoked_after_seq is None else old.revoked_after_seq, "records": len(records),
                  "tombstones": len(stones)}
        repo.audit(at, "device_replaced", new_id, "", json.dumps(detail, sort_keys=True))
        package = SuccessorPackage(new_id, old_id, old.wing_name, old.hcs, old.hcs_hash,
                                   head[1] if head else 0, head[2] if head else "", users, records + stones,
                                   prisoners)
        return seal_package(package, hq.current.sign_private, new.enc_public, hq.env)


def tombstone_line(record_id: str, statement: str, signer_id: str, signature: bytes) -> dict[str, Any]:
    """A tombstone HQ kept from the dead device, as the `tombstone` line that brought it (sync.wing_records): the
    new PC keeps it so that what was deleted there stays accounted for, and so that a countersigned day that listed
    a deleted entry still verifies there (services.integrity)."""
    body = tombstone_fields(record_id, loads_object(statement), signer_id, signature)
    return {"record_id": body["id"], "rev": 1, "kind": TOMBSTONE, "content_hash": record_content_hash(body),
            "body": body}


ADMISSION_KIND = "admission"  # domain.kinds.admission: the identity as the wing admitted the prisoner
_STATUS_AFTER = {"admission": "IN_CUSTODY", "transfer_in": "IN_CUSTODY", "release": "RELEASED",
                 "transfer_out": "TRANSFERRED"}


def successor_prisoners(records: list[dict[str, Any]], roster: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per prisoner the records name: the dead PC's id for them, their prison number (each record line
    carries it), the identity HQ holds — the wing's own admission record (its latest version), else the last
    roster admission or transfer-in HQ sent for that number — or None when HQ holds neither (a prisoner who came by
    a sealed transfer, or one admitted before admission records existed), and the status HQ's roster last set."""
    found: dict[str, dict[str, Any]] = {}
    for line in records:  # ordered by record id and revision: a later version of an admission wins
        body = line["body"]
        record, number = body.get("record"), body.get("prisoner_number")
        if not isinstance(record, dict) or not isinstance(record.get("prisoner_id"), str) or not isinstance(
                number, str):
            continue
        entry = found.setdefault(record["prisoner_id"], {"prisoner_id": record["prisoner_id"], "number": number,
                                                         "identity": None, "status": "IN_CUSTODY"})
        if record.get("kind") == ADMISSION_KIND and isinstance(record.get("body"), dict):
            entry["identity"] = record["body"]
    by_number = {entry["number"]: entry for entry in found.values()}
    for item in roster:  # in the order HQ queued them
        body = item["body"]
        prisoner = body.get("prisoner") if isinstance(body.get("prisoner"), dict) else {}
        number = prisoner.get("number", body.get("number"))
        found_entry = by_number.get(number) if item["kind"] == "roster" and isinstance(number, str) else None
        if found_entry is None or body.get("event") not in _STATUS_AFTER:
            continue
        found_entry["status"] = _STATUS_AFTER[body["event"]]
        if body["event"] in ("admission", "transfer_in") and prisoner.get("given_name") and (
                found_entry["identity"] is None or found_entry.get("from_roster")):
            found_entry["identity"], found_entry["from_roster"] = prisoner, True
    for entry in found.values():
        entry.pop("from_roster", None)
    return list(found.values())
