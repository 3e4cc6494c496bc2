"""A restored wing's first bundle declares the restore in its manifest, so HQ records a restore, not a fork.

    "restore": {"after_seq": 41, "after_hash": <hex>, "backup_bundle_seq": 37, "head_bundle_seq": 37,
                "backup_audit_seq": 1204, "backup_audit_hash": <hex>, "restored_at": "2026-12-07T06:00:00Z"}

A wing restored from a backup has lost the bundles it sealed after the backup: HQ may hold bundles up to
`after_seq` that the wing no longer knows. Its next bundle therefore continues HQ's chain after HQ's last
acknowledged bundle (`after_seq`, `after_hash`, learned from an HQ-signed receipt or typed in from HQ's status)
instead of re-using those numbers. `backup_bundle_seq` is the last bundle the backup held, `head_bundle_seq` the
bundle whose audit head the bundle's `at_previous` refers to, and `backup_audit_*` the backup's audit head: the audit
chain went back to there (HQ keeps the heads it had, wingdesk.hq.restores checks the new one extends the backup's).
The manifest is inside the device-signed bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wingdesk.services.backup_types import PendingRestore
from wingdesk.services.sync_types import SyncFailed
from wingdesk.sync.errors import BundleFormatError
from wingdesk.sync.header import GENESIS_HASH, MAX_SEQ, is_sha256_hex

FIELD = "restore"
_INTS = ("after_seq", "backup_bundle_seq", "head_bundle_seq", "backup_audit_seq")
_KEYS = frozenset({*_INTS, "after_hash", "backup_audit_hash", "restored_at"})


@dataclass(frozen=True)
class RestoreNote:
    after_seq: int
    after_hash: str
    backup_bundle_seq: int
    head_bundle_seq: int
    backup_audit_seq: int
    backup_audit_hash: str
    restored_at: str


def parse_restore_note(value: Any) -> RestoreNote:
    """The manifest field, strictly checked; BundleFormatError("manifest.restore") otherwise."""
    try:
        if type(value) is not dict or value.keys() != _KEYS:
            raise ValueError
        if any(type(value[k]) is not int or not 0 <= value[k] <= MAX_SEQ for k in _INTS):
            raise ValueError
        if value["after_hash"] != GENESIS_HASH and not is_sha256_hex(value["after_hash"]):
            raise ValueError
        if value["backup_audit_hash"] != "" and not is_sha256_hex(value["backup_audit_hash"]):
            raise ValueError
        if type(value["restored_at"]) is not str or len(value["restored_at"]) > 40:
            raise ValueError
    except (ValueError, TypeError):
        raise BundleFormatError("manifest.restore") from None
    return RestoreNote(**value)


def continue_after(restore: PendingRestore, last: tuple[int, str] | None, sealed: dict[int, str],
                   head_bundle_seq: int) -> tuple[int, str, dict[str, Any]]:
    """(seq, prev_hash, manifest field) of the restored wing's next bundle."""
    if restore.continue_seq is None or restore.continue_hash is None:
        raise SyncFailed("restore_position_unknown")
    last_seq, last_hash = last if last else (0, GENESIS_HASH)
    if restore.continue_seq > last_seq:
        seq, prev = restore.continue_seq + 1, restore.continue_hash
    elif sealed.get(restore.continue_seq) == restore.continue_hash:
        seq, prev = last_seq + 1, last_hash  # HQ has seen nothing this wing lost
    else:
        raise SyncFailed("restore_position_mismatch")
    note = {"after_seq": seq - 1, "after_hash": prev, "backup_bundle_seq": restore.backup_bundle_seq,
            "head_bundle_seq": head_bundle_seq, "backup_audit_seq": restore.backup_audit_seq,
            "backup_audit_hash": restore.backup_audit_hash, "restored_at": restore.restored_at}
    return seq, prev, note
