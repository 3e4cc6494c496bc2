"""What an author signs for each item they write (signed with a per-kind prefix by wingdesk.crypto.signing).

Each statement names the item and its content hash; the content hash already covers every field of the item,
author included, so the signature binds the author to exactly that version. HQ rebuilds the same statements from
the bundle lines it receives (wingdesk.hq.authors).
"""

from __future__ import annotations

from wingdesk.domain.records import Amendment, Record


def record_statement(record_id: str, revision: int, author_id: str, author_name: str,
                     content_sha256: str) -> dict[str, object]:
    """The author's name is signed too: the content hash does not cover it, and HQ shows it."""
    return {"id": record_id, "revision": revision, "author_id": author_id, "author_name": author_name,
            "content_sha256": content_sha256}


def statement_of_record(record: Record, content_sha256: str | None = None) -> dict[str, object]:
    return record_statement(record.id, record.revision, record.author_id, record.author_name,
                            content_sha256 or record.content_sha256())


def amendment_statement(amendment_id: str, record_id: str, author_id: str, author_name: str,
                        content_sha256: str) -> dict[str, object]:
    return {"id": amendment_id, "record_id": record_id, "author_id": author_id, "author_name": author_name,
            "content_sha256": content_sha256}


def statement_of_amendment(amendment: Amendment) -> dict[str, object]:
    return amendment_statement(amendment.id, amendment.record_id, amendment.author_id, amendment.author_name,
                               amendment.content_sha256())


def user_key_statement(user_id: str, role: str, public_key: bytes, announced_at: str) -> dict[str, object]:
    """What an administrator signs when an account gets a signing key (added, or passphrase reset)."""
    return {"user_id": user_id, "role": role, "public_key": public_key.hex(), "announced_at": announced_at}


def audit_head_statement(device_id: str, seq: int, entry_hash: str) -> dict[str, object]:
    """The audit head a wing sends with each bundle: how long its chain is and where it ends."""
    return {"device_id": device_id, "seq": seq, "entry_hash": entry_hash}
