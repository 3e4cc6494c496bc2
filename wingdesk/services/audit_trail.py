"""Appends hash-chained, actor-signed audit entries that hold hashes and identifiers, never content."""

from __future__ import annotations

import hashlib

from wingdesk.domain.audit import GENESIS, AuditEntry, chain
from wingdesk.domain.records import iso
from wingdesk.services.ports import Clock, Keyring
from wingdesk.services.repository_ports import AuditStore


def hash_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class AuditTrail:
    def __init__(self, repo: AuditStore, keyring: Keyring | None, clock: Clock) -> None:
        self.repo, self.keyring, self.clock = repo, keyring, clock

    def append(self, actor: str, action: str, obj: str = "", content_hash: str = "") -> AuditEntry:
        """Append one entry inside the caller's transaction (or a new one)."""
        with self.repo.transaction():
            last = self.repo.last_audit()
            entry = chain(AuditEntry(
                seq=(last.seq + 1) if last else 1,
                time=iso(self.clock.now()),
                actor=actor, action=action, object=obj, content_hash=content_hash,
                prev_hash=last.entry_hash if last else GENESIS))
            signature = self.keyring.sign_audit(entry.entry_hash) if self.keyring else None
            self.repo.append_audit(entry, signature)
        return entry
