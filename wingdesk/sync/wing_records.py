"""Wing record revisions as bundle record lines: the stored envelope and body, exported as they are.

Treatment (progress) notes keep their sealed fields: the ciphertext tokens under the wing's clinical key go
into the bundle unchanged, so HQ stores them as evidence but cannot read them.

Each line is canonicalised and hashed once, for its `content_hash`. The record's own content hash (what the wing
stores and a countersignature lists) is not repeated in the body: it is the SHA-256 of the canonical JSON of
`body.record`, which HQ recomputes where it needs it (docs/sync-bundle.md §4.1). Nothing here holds a float: a
record's content hash refuses them when it is saved, and amendments and countersignatures are text.
"""

from __future__ import annotations

from typing import Any

from wingdesk.domain.records import Record
from wingdesk.sync.payload import record_content_hash


def record_line(record: Record, prisoner_number: str | None, device_id: str, hlc: str) -> dict[str, Any]:
    """One record line: `body` holds the full envelope (the record's content, status, author and prisoner)."""
    body = {
        "record": record.content(),
        "status": record.status,
        "author_name": record.author_name,
        "prisoner_number": prisoner_number,
    }
    if record.author_sig is not None:  # versions saved before signatures (migration 0009) have none
        body["author_sig"] = record.author_sig.hex()
    return {
        "record_id": record.id,
        "rev": record.revision,
        "kind": str(record.kind),
        "origin_device": device_id,
        "author_user_id": record.author_id,
        "hlc": hlc,
        "wall_time": record.recorded_at,
        "content_hash": record_content_hash(body),
        "body": body,
    }


def extra_line(kind: str, fields: dict[str, Any], device_id: str, hlc: str) -> dict[str, Any]:
    """An amendment (comment, annotation, correction) or a countersignature as a bundle line.

    A countersignature line carries the canonical payload the supervisor signed, the Ed25519 signature and the
    signer's public key, so HQ can verify it against the record lines it holds (wingdesk.hq.countersignatures).
    """
    body = dict(fields)
    return {
        "record_id": fields["id"],
        "rev": 1,
        "kind": kind,
        "origin_device": device_id,
        "author_user_id": fields.get("author_id") or fields.get("signer_id"),
        "hlc": hlc,
        "wall_time": fields.get("at") or fields.get("signed_at") or fields.get("announced_at"),
        "content_hash": record_content_hash(body),
        "body": body,
    }
