"""HQ's side of a wing restored from a backup (issue 22): a declared restore is recorded, not quarantined as a fork.

A restored wing's first bundle continues HQ's chain after the last bundle HQ acknowledged (the usual prev_hash check
holds) and declares the restore (sync.restore_note). Its audit chain went back to the backup's, so its audit head
does not extend the head of the bundle just before: it must instead extend the head HQ kept for the bundle the
backup's chain last sent (`head_bundle_seq`), and be no shorter than the backup's head. Ingest then stores the
bundle, says "restored" in the receipt and writes `device_restored` into HQ's audit log with how many audit entries
the wing lost (HQ still holds the bundles and heads it received before the restore).
"""

from __future__ import annotations

import json

from wingdesk.hq.audit_heads import MISSING, REWRITTEN, SHORTENED, audit_head_failure
from wingdesk.hq.repository import HqRepository
from wingdesk.sync.audit_head import AuditHead
from wingdesk.sync.restore_note import RestoreNote

RESTORED = "restored"
INVALID = "restore_invalid"


def restore_failure(repo: HqRepository, device_id: str, bundle_seq: int, head: AuditHead | None,
                    note: RestoreNote) -> str | None:
    """None when the declared restore holds; else the reason the bundle is quarantined for."""
    if note.after_seq != bundle_seq - 1 or not note.head_bundle_seq <= note.backup_bundle_seq:
        return INVALID
    kept, later = repo.audit_heads_around(device_id, note.head_bundle_seq + 1)
    if head is None:
        return MISSING if kept or later else None
    if head.seq < note.backup_audit_seq:
        return SHORTENED
    if kept is not None:
        if kept[0] == note.head_bundle_seq and head.at_previous != kept[2]:
            return REWRITTEN  # the chain below the backup's last sent head is not the one HQ kept
        if head.seq < kept[1]:
            return SHORTENED
    if repo.audit_heads_around(device_id, bundle_seq)[1] is not None:
        return INVALID  # HQ holds a later bundle's head: the wing did not continue after HQ's last bundle
    return None


def restore_detail(repo: HqRepository, device_id: str, bundle_seq: int, note: RestoreNote) -> str:
    """What HQ's audit log keeps of the restore (identifiers and counts only)."""
    before, _ = repo.audit_heads_around(device_id, bundle_seq)
    lost = max(0, before[1] - note.backup_audit_seq) if before is not None else 0
    return json.dumps({"after_seq": note.after_seq, "backup_bundle_seq": note.backup_bundle_seq,
                       "bundles_lost": note.after_seq - note.backup_bundle_seq, "audit_entries_lost": lost,
                       "restored_at": note.restored_at}, sort_keys=True)


def head_failure(repo: HqRepository, device_id: str, bundle_seq: int, head: AuditHead | None,
                 note: RestoreNote | None) -> str | None:
    """The audit-head check of ingest: hq.audit_heads for an ordinary bundle, restore_failure for a declared restore."""
    if note is None:
        return audit_head_failure(repo, device_id, bundle_seq, head)
    return restore_failure(repo, device_id, bundle_seq, head, note)


def receipt_reason(conflict: bool, note: RestoreNote | None, skew: int | None) -> str:
    if conflict:
        return "record_conflict"
    return RESTORED if note is not None else ("clock_skew" if skew is not None else "")


def record_restore(repo: HqRepository, at: str, device_id: str, bundle_seq: int, bundle_id: str,
                   note: RestoreNote | None) -> None:
    """HQ's audit entry for a stored bundle that declared a restore (none for an ordinary bundle)."""
    if note is not None:
        repo.audit(at, "device_restored", device_id, bundle_id, restore_detail(repo, device_id, bundle_seq, note))
