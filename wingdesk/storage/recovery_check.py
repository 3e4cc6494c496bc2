"""Checks of HQ's recovery documents against the wing's own database (issue 22 item 3): HQ's key, the device."""

from __future__ import annotations

from datetime import datetime

from wingdesk.crypto.keyslots import RecoverySlot
from wingdesk.crypto.recovery_docs import RecoveryGrant, RecoveryRecipient, read_recipient_doc
from wingdesk.domain.errors import IntegrityError, StoreError
from wingdesk.storage.repository import SqlRepository


def _hq_device(repo: SqlRepository) -> tuple[str, bytes]:
    device = repo.get_sync_device()
    if device is None or not device.hq_sign_public:
        raise StoreError("recovery_not_enrolled")
    return device.device_id, device.hq_sign_public


def checked_recipient(repo: SqlRepository, data: bytes, current: RecoverySlot | None) -> RecoveryRecipient:
    """HQ's recovery recipient for this device, signed by the HQ it enrolled with, not older than the one held."""
    device_id, hq_public = _hq_device(repo)
    found = read_recipient_doc(data, hq_public)
    if found.device_id != device_id:
        raise IntegrityError("recovery_key_other_device")
    if current is not None and found.generation < current.generation:
        raise IntegrityError("recovery_key_older")
    return found


def check_grant(repo: SqlRepository, grant: RecoveryGrant, db_uuid: str, now: datetime) -> None:
    """Signature by this wing's HQ, this device, not expired, not used before; raises for the first that fails."""
    device_id, hq_public = _hq_device(repo)
    if not grant.signed_by(hq_public):
        raise IntegrityError("recovery_grant_forged")
    if len(set(grant.approvers)) < 2:
        raise IntegrityError("recovery_grant_approvals")  # HQ never signs one; a check more on the wing
    if grant.device_id != device_id:
        raise IntegrityError("recovery_grant_other_device")
    if repo.get_meta("db_uuid") != db_uuid:
        raise IntegrityError("slot_file_foreign")
    if now >= grant.expires_at:
        raise IntegrityError("recovery_grant_expired")
    if repo.recovery_grant_used(grant.grant_id):
        raise IntegrityError("recovery_grant_used")
