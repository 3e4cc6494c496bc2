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
    """`signer`: the signed-in user whose keyring signs every entry (usually the actor; for failed sign-ins
    recorded after the next unlock, the actor is the name that was tried and the signer is who unlocked)."""

    def __init__(self, repo: AuditStore, keyring: Keyring | None, clock: Clock, signer: str | None = None) -> None:
        self.repo, self.keyring, self.clock, self.signer = repo, keyring, clock, signer

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
            self.repo.append_audit(entry, signature, (self.signer or actor) if signature is not None else None)
        return entry
