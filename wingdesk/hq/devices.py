"""Enrol devices from their signed requests and revoke lost ones (by sequence number, not by time)."""

from __future__ import annotations

from datetime import datetime

from wingdesk.hq.errors import DeviceExists, DeviceRevoked, UnknownDevice
from wingdesk.hq.repository import Device, HqStore
from wingdesk.sync.enrolment import EnrolmentRequest, parse_enrolment_request
from wingdesk.sync.errors import EnrolmentInvalid, EnvironmentMismatch
from wingdesk.sync.reference import utc_text


def enrol_device(store: HqStore, request_bytes: bytes, confirmation_code: str, env: str, now: datetime) -> Device:
    """Register a device once its self-signed request verifies and the spoken code matches."""
    request: EnrolmentRequest = parse_enrolment_request(request_bytes)
    if request.confirmation_code != confirmation_code.strip().upper():
        raise EnrolmentInvalid("confirmation_code")
    if request.env != env:
        raise EnvironmentMismatch()
    device = Device(
        request.device_id,
        request.wing_name,
        request.sign_public,
        request.enc_public,
        utc_text(now),
        None,
        None,
        0,
        "",
        0,
        None,
        0,
        0,
        "",
    )
    with store.transaction() as repo:
        if any(_same_device_or_keys(known, request) for known in repo.list_devices()):
            raise DeviceExists()  # before the write: the database's UNIQUE constraint is not the refusal
        repo.add_device(device)
        for user_id, role, public_key in request.users:  # bound to the request by the spoken code
            repo.add_user_key(device.device_id, user_id, role, public_key, utc_text(now), "enrolment")
        repo.audit(utc_text(now), "device_enrolled", device.device_id, "", "")
    return device


def _same_device_or_keys(known: Device, request: EnrolmentRequest) -> bool:
    """This device id, or either of its keys already enrolled (under any id, revoked devices included)."""
    return (known.device_id == request.device_id or known.sign_public == request.sign_public
            or known.enc_public == request.enc_public)


def revoke_device(store: HqStore, device_id: str, now: datetime, after_seq: int | None = None) -> int:
    """Accept nothing past `after_seq` (default: the contiguous sequence already received); returns it."""
    with store.transaction() as repo:
        device = repo.lock_device(device_id)
        if device is None:
            raise UnknownDevice()
        if device.revoked_after_seq is not None:  # moving the cutoff would let refused bundles in later
            raise DeviceRevoked()
        cutoff = device.hcs if after_seq is None else after_seq
        repo.revoke_device(device_id, cutoff, utc_text(now))
        repo.audit(utc_text(now), "device_revoked", device_id, "", str(cutoff))
    return cutoff
