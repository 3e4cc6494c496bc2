"""What stays of a record an administrator deleted, or a governor erased once its retention ran out (domain.md §0
rule 1, §3 rules 6 and 10): the record's identity, whose it was and the hashes and signature it had, who deleted it,
when and why; never its text.

The administrator signs `statement()` with their own key (purpose "tombstone"); `wingdesk verify` checks that
signature, the statement's hash against the administrator's audit entry, and lets a countersigned day whose entry
was deleted hold when the deleted versions are the ones the tombstone lists (services.integrity). A retention
erasure's statement also names the schedule's rule (`rule`), and is signed by the governor who confirmed it
(services.retention); a governor's tombstone without a rule is refused.

A tombstone travels to HQ once, as a `tombstone` bundle line (`tombstone_fields`; docs/sync-bundle.md), and HQ
deletes its copy of the record when the signature is an administrator's of that wing, or a governor's naming a
rule (hq.tombstones).
"""

from __future__ import annotations

import uuid
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
    rule: str = ""  # a governor's retention erasure: the schedule's rule id (services.retention); "" for a hard delete

    @property
    def by_retention(self) -> bool:
        return bool(self.rule)

    def statement(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "kind": self.kind, "prisoner_id": self.prisoner_id,
                "author_id": self.author_id, "author_name": self.author_name,
                "content_sha256": self.content_sha256,
                "author_sig": self.author_sig.hex() if self.author_sig is not None else "",
                "revisions": [{"revision": rev, "content_sha256": digest} for rev, digest in self.revisions],
                "amendments": [{"id": aid, "content_sha256": digest} for aid, digest in self.amendments],
                "deleted_by": self.deleted_by, "deleted_by_name": self.deleted_by_name,
                "deleted_at": self.deleted_at, "reason": self.reason,
                **({"rule": self.rule} if self.rule else {})}  # absent from a hard delete's: old signatures hold


def tombstone_of(statement: dict[str, Any], signature: bytes) -> Tombstone:
    """The stored statement read back (KeyError, TypeError or ValueError when it is not one)."""
    sig = str(statement["author_sig"])
    return Tombstone(
        str(statement["record_id"]), str(statement["kind"]), statement["prisoner_id"], str(statement["author_id"]),
        str(statement["author_name"]), str(statement["content_sha256"]), bytes.fromhex(sig) if sig else None,
        tuple((int(r["revision"]), str(r["content_sha256"])) for r in statement["revisions"]),
        tuple((str(a["id"]), str(a["content_sha256"])) for a in statement["amendments"]),
        str(statement["deleted_by"]), str(statement["deleted_by_name"]), str(statement["deleted_at"]),
        str(statement["reason"]), signature, str(statement.get("rule", "")))


# The bundle line of a record's tombstone has an id of its own, derived from the record's, so it can never be
# taken for one of the record's own lines (record id, revision) at HQ.
_LINE_NAMESPACE = uuid.UUID("6f0b7c84-3c55-5d7e-9a43-2c1f1e0b7d11")


def tombstone_line_id(record_id: str) -> str:
    return str(uuid.uuid5(_LINE_NAMESPACE, record_id))


def tombstone_fields(record_id: str, statement: dict[str, Any], signer_id: str, signature: bytes) -> dict[str, Any]:
    """The body of a `tombstone` bundle line: the statement the administrator signed, who signed it and the
    signature; the statement holds ids, hashes, names and the reason, never the record's text."""
    return {"id": tombstone_line_id(record_id), "record_id": record_id, "statement": statement,
            "signer_id": signer_id, "signature": signature.hex()}
