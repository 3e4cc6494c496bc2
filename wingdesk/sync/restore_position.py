"""Where a restored wing's next bundle goes: HQ's last acknowledged bundle, learned from HQ-signed receipts.

Every receipt HQ signs for this device carries HQ's cumulative state (`hcs`, `hcs_hash`) and the bundle it is for
(`seq`, `bundle_hash`). A restored wing takes the highest bundle HQ vouches for as the place to continue after
(sync.restore_note), from receipts that are current: an HTTPS reply, or an HQ→wing bundle issued after the restore.
A receipt file or an older HQ bundle lying on a stick could predate bundles HQ received later: never taught from.
"""

from __future__ import annotations

from datetime import datetime

from wingdesk.sync.receipts import ACKING_STATUSES, Receipt
from wingdesk.sync.wing_store import WingSyncStore


def learn_position(repo: WingSyncStore, receipt: Receipt) -> bool:
    """Move the pending restore's position up to what this (verified, own-device) receipt vouches for."""
    if repo.pending_restore() is None:
        return False
    known = [(receipt.hcs, receipt.hcs_hash)] if receipt.hcs and receipt.hcs_hash else []
    if receipt.status in ACKING_STATUSES:
        known.append((receipt.seq, receipt.bundle_hash))
    if not known:
        return False
    seq, bundle_hash = max(known)
    return repo.set_restore_position(seq, bundle_hash, "hq")


def issued_after_restore(repo: WingSyncStore, issued_at: datetime) -> bool:
    """Was this HQ bundle made after the pending restore (so its receipts show HQ's current state)?"""
    pending = repo.pending_restore()
    if pending is None:
        return False
    return issued_at.strftime("%Y-%m-%dT%H:%M:%SZ") >= pending.restored_at
