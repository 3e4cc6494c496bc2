"""Ed25519 signatures over canonical (RFC 8785) bytes with a purpose prefix; HQ runs the same checks.

The bytes are `domain.canonical.canonical_bytes` (checked against the `rfc8785` package by a property test): the
one canonical JSON for what is hashed or signed on the wing, and for the countersignatures HQ checks.
"""

from __future__ import annotations

from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.domain.canonical import canonical_bytes

# One domain-separation prefix per kind of signed statement, so a signature made for one can never pass as another.
COUNTERSIGN_PREFIX = b"WingDesk/countersign/v1"
AUDIT_PREFIX = b"WingDesk/audit/v1"
RECORD_PREFIX = b"WingDesk/record/v1"
AMENDMENT_PREFIX = b"WingDesk/amendment/v1"
AUDIT_HEAD_PREFIX = b"WingDesk/audit-head/v1"
USER_KEY_PREFIX = b"WingDesk/user-key/v1"
INSTRUMENT_PREFIX = b"WingDesk/instrument/v1"  # HQ's signing key over an assessment instrument (docs/instruments.md)
BACKUP_PREFIX = b"WingDesk/backup-manifest/v1"  # a backup's manifest, signed by the user who made it (issue 22)
TOMBSTONE_PREFIX = b"WingDesk/tombstone/v1"  # an administrator's hard delete (domain.tombstones)
RECOVERY_RECIPIENT_PREFIX = b"WingDesk/recovery-recipient/v1"  # HQ: a device's recovery recipient (issue 22)
RECOVERY_GRANT_PREFIX = b"WingDesk/recovery-grant/v1"  # HQ: a device-bound, single-use recovery grant (issue 22)
RECOVERY_APPROVAL_PREFIX = b"WingDesk/recovery-approval/v1"  # an HQ administrator's approval of that grant
TRANSFER_PREFIX = b"WingDesk/transfer/v1"  # a governor's transfer package between prisons (issue 19 item 1)
MODULE_PREFIX = b"WingDesk/module/v1"  # HQ's signing key over a training module package (issue 18, docs/training.md)
TRANSLATION_PREFIX = b"WingDesk/translation/v1"  # HQ's signing key over a translation update (docs/publishing.md)
CODE_LIST_PREFIX = b"WingDesk/code-list/v1"  # HQ's signing key over a code-list document (docs/publishing.md)
HIERARCHY_PREFIX = b"WingDesk/hierarchy/v1"  # HQ's signing key over the prison/wing hierarchy (docs/publishing.md)
PREFIXES = {"countersign": COUNTERSIGN_PREFIX, "audit": AUDIT_PREFIX, "record": RECORD_PREFIX,
            "amendment": AMENDMENT_PREFIX, "audit_head": AUDIT_HEAD_PREFIX, "user_key": USER_KEY_PREFIX,
            "instrument": INSTRUMENT_PREFIX, "backup": BACKUP_PREFIX, "tombstone": TOMBSTONE_PREFIX,
            "recovery_grant": RECOVERY_GRANT_PREFIX, "module": MODULE_PREFIX,
            "transfer": TRANSFER_PREFIX, "translation": TRANSLATION_PREFIX, "code_list": CODE_LIST_PREFIX,
            "hierarchy": HIERARCHY_PREFIX}


def new_seed() -> bytearray:
    key = Ed25519PrivateKey.generate()
    return bytearray(key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                       serialization.NoEncryption()))


def public_key(seed: bytearray) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(bytes(seed)).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def signed_bytes(prefix: bytes, payload: dict[str, Any]) -> bytes:
    return prefix + canonical_bytes(payload)


def private_key(seed: bytearray) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes(seed))


def sign(seed: bytearray | Ed25519PrivateKey, prefix: bytes, payload: dict[str, Any]) -> bytes:
    key = seed if isinstance(seed, Ed25519PrivateKey) else private_key(seed)
    return key.sign(signed_bytes(prefix, payload))


def verify(public: bytes, prefix: bytes, payload: dict[str, Any], signature: bytes) -> bool:
    """True only for a valid signature by `public` over exactly this payload (never under a weak key)."""
    if is_weak_ed25519(public):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed_bytes(prefix, payload))
    except (InvalidSignature, ValueError):
        return False
    return True
