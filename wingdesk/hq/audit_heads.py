"""HQ's chain of audit heads per device: a wing whose audit chain was cut short or rewritten is flagged.

Each wing bundle carries the wing's signed audit head (sync.audit_head): the seq and hash of its last audit entry,
and the hash its chain now holds where the previous bundle's head was. HQ keeps every head it accepted, per device
and bundle seq, and compares a new one with its stored neighbours (bundles can arrive out of order):
- a head lower than an earlier bundle's, or higher than a later one's: `audit_chain_shortened`;
- a previous-head hash that differs from the head HQ holds for the bundle just before, or the same seq with
  another hash: `audit_chain_rewritten`;
- no head, from a device that has sent heads before: `audit_head_missing`.
Ingest quarantines such a bundle with that reason (stored nothing of it), and `wingdesk-hq status` shows it.
"""

from __future__ import annotations

from wingdesk.hq.repository import HeadRow, HqRepository
from wingdesk.sync.audit_head import AuditHead

SHORTENED, REWRITTEN, MISSING = "audit_chain_shortened", "audit_chain_rewritten", "audit_head_missing"


def head_row(bundle_seq: int, head: AuditHead) -> HeadRow:
    return (bundle_seq, head.seq, head.entry_hash, head.at_previous, head.signer, head.signature)


def audit_head_failure(repo: HqRepository, device_id: str, bundle_seq: int, head: AuditHead | None) -> str | None:
    below, above = repo.audit_heads_around(device_id, bundle_seq)
    if head is None:
        return MISSING if below or above else None
    if below is not None:
        b_seq, b_audit, b_hash = below[0], below[1], below[2]
        if head.seq < b_audit:
            return SHORTENED
        if head.seq == b_audit and head.entry_hash != b_hash:
            return REWRITTEN
        if b_seq == bundle_seq - 1 and head.at_previous != b_hash:
            return SHORTENED if head.at_previous == "" else REWRITTEN
    if above is not None:
        a_seq, a_audit, a_previous = above[0], above[1], above[3]
        if a_audit < head.seq:
            return SHORTENED
        if a_seq == bundle_seq + 1 and a_previous != head.entry_hash:
            return REWRITTEN
    return None
