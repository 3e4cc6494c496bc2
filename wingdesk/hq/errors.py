"""HQ-only error codes (the shared bundle errors live in wingdesk.sync.errors)."""

from __future__ import annotations

from wingdesk.sync.errors import SyncError


class BundleConflict(SyncError):
    """Same bundle_id, different bytes: refused (HTTP 409), never merged."""

    code = "bundle_conflict"


class DeviceRevoked(SyncError):
    """The device was revoked and this bundle's seq is past the revocation point."""

    code = "device_revoked"


class UnknownDevice(SyncError):
    """No enrolled device has this id."""

    code = "unknown_device"


class DeviceExists(SyncError):
    """A device with this id (or these keys) is already enrolled."""

    code = "device_exists"


class KeystoreError(SyncError):
    """The HQ key file is missing, damaged, or the passphrase is wrong."""

    code = "keystore"


class WrongPassphrase(KeystoreError):
    code = "wrong_passphrase"


class KeystoreExists(KeystoreError):
    code = "keystore_exists"


class WeakKdfParameters(KeystoreError):
    code = "kdf_below_floor"


class DeviceRetired(DeviceRevoked):
    """The device was replaced by a successor (hq.successors): nothing it signs is accepted any more."""

    code = "device_retired"
