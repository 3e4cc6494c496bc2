"""The hash-chained audit log: entries hold hashes and identifiers, never record content."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from wingdesk.domain.canonical import canonical_bytes

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    time: str
    actor: str
    action: str
    object: str
    content_hash: str
    prev_hash: str
    entry_hash: str = ""

    def fields(self) -> dict[str, str | int]:  # (`object` in here names the field above)
        return {"seq": self.seq, "time": self.time, "actor": self.actor, "action": self.action,
                "object": self.object, "content_hash": self.content_hash}


def compute_hash(entry: AuditEntry) -> str:
    """SHA-256 over a domain-separation byte, the canonical fields and the previous hash."""
    data = b"\x00" + canonical_bytes(entry.fields()) + bytes.fromhex(entry.prev_hash)
    return hashlib.sha256(data).hexdigest()


def chain(entry: AuditEntry) -> AuditEntry:
    return AuditEntry(**{**entry.__dict__, "entry_hash": compute_hash(entry)})


@dataclass(frozen=True)
class ChainReport:
    count: int
    first_bad_seq: int | None
    reason: str = ""
    head_hash: str = GENESIS

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


def verify(entries: Iterable[AuditEntry]) -> ChainReport:
    """Walk the chain in seq order and name the first entry that does not fit."""
    prev, expected_seq, count = GENESIS, 1, 0
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainReport(count, expected_seq, "missing_or_reordered", prev)
        if entry.prev_hash != prev:
            return ChainReport(count, entry.seq, "broken_link", prev)
        try:
            recomputed = compute_hash(entry)
        except ValueError:
            return ChainReport(count, entry.seq, "unreadable", prev)
        if recomputed != entry.entry_hash:
            return ChainReport(count, entry.seq, "hash_mismatch", prev)
        prev, expected_seq, count = entry.entry_hash, expected_seq + 1, count + 1
    return ChainReport(count, None, "", prev)
