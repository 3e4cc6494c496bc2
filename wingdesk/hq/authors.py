"""HQ's check of who wrote what: every record version and amendment a bundle carries must be signed by its author's
own key, as HQ holds it for that device (from enrolment, or an administrator's key announcement).

The device key only proves where a bundle comes from; anyone who can read the wing database can seal with it. The
authors' signatures prove the contents: a record line in another user's name fails here (`author_bad_signature`),
as does an unsigned one (`author_unsigned`) or one by an account HQ holds no key for (`author_unknown`). Ingest
quarantines the bundle with that reason and stores nothing of it. Devices enrolled without a list of users (before
this check existed) are not judged: HQ has no keys to judge them by.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from wingdesk.crypto import signing
from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.authorship import amendment_statement, record_statement
from wingdesk.hq.countersignatures import AMENDMENT, COUNTERSIGNATURE, amendment_hash
from wingdesk.hq.repository import RowTuple

USER_KEY = "user_key"  # an administrator's announcement of an account's signing key (hq.user_keys)
UNKNOWN, UNSIGNED, BAD = "author_unknown", "author_unsigned", "author_bad_signature"
Registry = Mapping[str, Sequence[bytes]]  # user id -> every signing key HQ holds for it on this device


class _Keys:
    """The registry's keys as verifier objects, each made once per bundle (weak keys never become one)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.made: dict[str, list[Ed25519PublicKey]] = {}

    def of(self, user_id: Any) -> list[Ed25519PublicKey]:
        if not isinstance(user_id, str):
            return []
        if user_id not in self.made:
            self.made[user_id] = [Ed25519PublicKey.from_public_bytes(key)
                                  for key in self.registry.get(user_id, ()) if not is_weak_ed25519(key)]
        return self.made[user_id]


def _valid(keys: list[Ed25519PublicKey], prefix: bytes, statement: dict[str, object], signature: bytes) -> bool:
    data = signing.signed_bytes(prefix, statement)
    for key in keys:
        try:
            key.verify(signature, data)
        except InvalidSignature:
            continue
        return True
    return False


def author_failure(rows: list[RowTuple], registry: Registry) -> str | None:
    """The quarantine reason for the first record or amendment line not signed by its author, else None."""
    verifiers = _Keys(registry)
    for row in rows:
        kind = row[2]
        if kind in (COUNTERSIGNATURE, USER_KEY):
            continue  # countersignatures: hq.countersignatures with these keys; announcements: hq.user_keys
        try:
            body = orjson.loads(row[4])
            author, prefix, statement = _statement(kind, body)
            signature = body.get("author_sig")
        except (KeyError, TypeError, ValueError, AttributeError, orjson.JSONDecodeError):
            return BAD  # not shaped as the statement a wing signs
        keys = verifiers.of(author)
        if not keys:
            return UNKNOWN
        if not isinstance(signature, str):
            return UNSIGNED
        try:
            raw = bytes.fromhex(signature)
        except ValueError:
            return BAD
        if not _valid(keys, prefix, statement, raw):
            return BAD
    return None


def _statement(kind: str, body: dict[str, Any]) -> tuple[Any, bytes, dict[str, object]]:
    if kind == AMENDMENT:
        statement = amendment_statement(body["id"], body["record_id"], body["author_id"], body["author_name"],
                                        amendment_hash(body))
        return body["author_id"], signing.AMENDMENT_PREFIX, statement
    record = body["record"]
    content_hash = hashlib.sha256(orjson.dumps(record, option=orjson.OPT_SORT_KEYS)).hexdigest()  # = canonical_bytes
    statement = record_statement(record["id"], record["revision"], record["author_id"], body["author_name"],
                                 content_hash)
    return record["author_id"], signing.RECORD_PREFIX, statement
