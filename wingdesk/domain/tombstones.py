"""What stays of a record an administrator deleted (domain.md §0 rule 1, §3 rule 6): the record's identity, whose it
was and the hashes and signature it had, who deleted it, when and why; never its text.

The administrator signs `statement()` with their own key (purpose "tombstone"); `wingdesk verify` checks that
signature, the statement's hash against the administrator's audit entry, and lets a countersigned day whose entry
was deleted hold when the deleted versions are the ones the tombstone lists (services.integrity).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tombstone:
    record_id: str
    kind: str
    prisoner_id: str | None
    author_id: str  # the original author (of the first version)
    author_name: str
    content_sha256: str  # the last version's content hash, as its author signed it
    author_sig: bytes | None  # that version's author signature
    revisions: tuple[tuple[int, str], ...]  # every version deleted: (revision, content hash)
    amendments: tuple[tuple[str, str], ...]  # every amendment deleted: (id, content hash)
    deleted_by: str
    deleted_by_name: str
    deleted_at: str
    reason: str
    signature: bytes = b""  # the administrator's, over statement()

    def statement(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "kind": self.kind, "prisoner_id": self.prisoner_id,
                "author_id": self.author_id, "author_name": self.author_name,
                "content_sha256": self.content_sha256,
                "author_sig": self.author_sig.hex() if self.author_sig is not None else "",
                "revisions": [{"revision": rev, "content_sha256": digest} for rev, digest in self.revisions],
                "amendments": [{"id": aid, "content_sha256": digest} for aid, digest in self.amendments],
                "deleted_by": self.deleted_by, "deleted_by_name": self.deleted_by_name,
                "deleted_at": self.deleted_at, "reason": self.reason}


def tombstone_of(statement: dict[str, Any], signature: bytes) -> Tombstone:
    """The stored statement read back (KeyError, TypeError or ValueError when it is not one)."""
    sig = str(statement["author_sig"])
    return Tombstone(
        str(statement["record_id"]), str(statement["kind"]), statement["prisoner_id"], str(statement["author_id"]),
        str(statement["author_name"]), str(statement["content_sha256"]), bytes.fromhex(sig) if sig else None,
        tuple((int(r["revision"]), str(r["content_sha256"])) for r in statement["revisions"]),
        tuple((str(a["id"]), str(a["content_sha256"])) for a in statement["amendments"]),
        str(statement["deleted_by"]), str(statement["deleted_by_name"]), str(statement["deleted_at"]),
        str(statement["reason"]), signature)
