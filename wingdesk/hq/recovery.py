"""HQ's side of recovering a wing whose administrators are all gone (issue 22 item 3).

- `register_admin`: an HQ administrator's public key joins HQ's database (audited).
- `recipient_file`: the signed file that gives one device its recovery recipient (generation g of HQ's recovery key
  for that device, crypto.recovery_keys), queued for the device's next HQ→wing bundle (and returned, for a stick);
  the wing installs it on import (or its administrator by hand) and seals its data key to it.
- `issue_grant`: with the offline recovery key and two distinct registered HQ administrators' approvals, a grant
  signed with HQ's key, bound to the device and generation, expiring, with a random id the wing uses once. The
  device's identity inside it is sealed under a one-time code (returned, to be read out by phone); the grant also
  names the next generation's recipient, so after the recovery the identity that travelled opens nothing. HQ
  records the grant and its approvals and audits it; the next grant for the device is of the next generation.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from wingdesk.crypto import recovery_docs, recovery_keys
from wingdesk.crypto.secrets import wipe
from wingdesk.hq.admin_keys import AdminKey, approval_holds
from wingdesk.hq.errors import DeviceRevoked, UnknownDevice
from wingdesk.hq.repository import HqStore
from wingdesk.sync.errors import SyncError
from wingdesk.sync.reference import reference_item, utc_text

MIN_APPROVERS = 2


class ApprovalsMissing(SyncError):
    code = "recovery_approvals"


class AdminUnknown(SyncError):
    code = "admin_unknown"


class AdminExists(SyncError):
    code = "admin_exists"


@dataclass(frozen=True)
class IssuedGrant:
    grant_id: str
    generation: int
    expires_at: str
    code: str
    data: bytes


def register_admin(store: HqStore, key: AdminKey, now: datetime) -> None:
    with store.transaction() as repo:
        if repo.hq_admin_named(key.name):
            raise AdminExists()
        repo.add_hq_admin(key.admin_id, key.name, key.public_key(), utc_text(now))
        repo.audit(utc_text(now), "hq_admin_added", "", "", json.dumps({"admin_id": key.admin_id}))


def _live_device(store: HqStore, device_id: str) -> int:
    """The device's current recovery generation; UnknownDevice or DeviceRevoked (a lost PC is not recovered)."""
    with store.transaction(write=False) as repo:
        device = repo.get_device(device_id)
        if device is None:
            raise UnknownDevice()
        if device.revoked_after_seq is not None:
            raise DeviceRevoked()
        return repo.recovery_generation(device_id)


def recipient_file(store: HqStore, device_id: str, key_file: Path, sign_private: bytes, now: datetime) -> bytes:
    generation = _live_device(store, device_id)
    secret = recovery_keys.read_key_file(key_file)
    try:
        recipient = recovery_keys.device_recipient(secret, device_id, generation)
    finally:
        wipe(secret)
    data = recovery_docs.make_recipient_doc(device_id, generation, recipient, now, sign_private)
    item = reference_item("recovery_key", {"file": base64.b64encode(data).decode("ascii")})
    with store.transaction() as repo:
        repo.add_reference_item(device_id, item, utc_text(now))  # in the device's next HQ→wing bundle
        repo.audit(utc_text(now), "recovery_key_issued", device_id, "", json.dumps({"generation": generation}))
    return data


def _approvals(store: HqStore, approvers: list[AdminKey], body: dict[str, object]) -> dict[str, str]:
    """{admin id: approval signature}: every approver registered at HQ and distinct, at least two of them."""
    found: dict[str, str] = {}
    with store.transaction(write=False) as repo:
        for admin in approvers:
            registered = repo.hq_admin_key(admin.admin_id)
            if registered is None or registered[1] != admin.public_key():
                raise AdminUnknown()
            signature = admin.approve(dict(body))
            if not approval_holds(registered[1], dict(body), signature):
                raise AdminUnknown()
            found[admin.admin_id] = base64.b64encode(signature).decode("ascii")
    if len(found) < MIN_APPROVERS:
        raise ApprovalsMissing()
    return found


def issue_grant(store: HqStore, device_id: str, key_file: Path, approvers: list[AdminKey], sign_private: bytes,
                now: datetime, lifetime: timedelta = recovery_docs.GRANT_LIFETIME,
                generation: int | None = None) -> IssuedGrant:
    if len({a.admin_id for a in approvers}) < MIN_APPROVERS:
        raise ApprovalsMissing()  # before the recovery key is even read
    expected = _live_device(store, device_id)
    generation = expected if generation is None else generation
    secret = recovery_keys.read_key_file(key_file)
    code = recovery_keys.new_code()
    identity = recovery_keys.device_identity(secret, device_id, generation)
    try:
        sealed = recovery_keys.seal_identity(identity, code)
        next_recipient = recovery_keys.device_recipient(secret, device_id, generation + 1)
    finally:
        wipe(identity)
        wipe(secret)
    body = recovery_docs.grant_body(device_id, generation, next_recipient, sealed, now, lifetime)
    approvals = _approvals(store, approvers, body)
    data = recovery_docs.sign_grant(body, sorted(approvals), sign_private)
    detail = {"grant_id": body["grant_id"], "generation": generation, "approvers": sorted(approvals),
              "expires_at": body["expires_at"]}
    with store.transaction() as repo:
        repo.add_recovery_grant(body["grant_id"], device_id, generation, body["issued_at"], body["expires_at"],
                                json.dumps(approvals, sort_keys=True))
        repo.audit(utc_text(now), "recovery_granted", device_id, "", json.dumps(detail, sort_keys=True))
    return IssuedGrant(body["grant_id"], generation, body["expires_at"], code, data)
