"""HQ administrators' own signing keys (issue 22 item 3): two of them must approve a recovery grant.

Each HQ administrator holds an Ed25519 key in a file of their own, sealed (age scrypt, pyrage) under their own
passphrase; HQ's database keeps only the public key, under the administrator's id and name. An approval is that
key's signature over the grant's body (prefix WingDesk/recovery-approval/v1), checked against the registered key
before HQ signs the grant; the approvals are kept with the grant at HQ.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyrage

from wingdesk.crypto import signing
from wingdesk.crypto.secrets import wipe
from wingdesk.sync.errors import SyncError

FORMAT = "wingdesk-hq-admin-key/1"
MAX_FILE = 16 * 1024


class AdminKeyInvalid(SyncError):
    code = "admin_key_invalid"


@dataclass
class AdminKey:
    admin_id: str
    name: str
    seed: bytearray = field(repr=False)

    def public_key(self) -> bytes:
        return signing.public_key(self.seed)

    def approve(self, body: dict[str, Any]) -> bytes:
        return signing.sign(self.seed, signing.RECOVERY_APPROVAL_PREFIX, body)

    def wipe(self) -> None:
        wipe(self.seed)


def new_admin_key(name: str) -> AdminKey:
    return AdminKey(str(uuid.uuid4()), name, signing.new_seed())


def seal_admin_key(key: AdminKey, passphrase: str) -> bytes:
    doc = json.dumps({"format": FORMAT, "admin_id": key.admin_id, "name": key.name, "seed": key.seed.hex()})
    return pyrage.passphrase.encrypt(doc.encode("utf-8"), passphrase, armored=True)


def open_admin_key(path: Path, passphrase: str) -> AdminKey:
    """The administrator's key from their file; AdminKeyInvalid for a wrong passphrase or another kind of file."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE + 1)
    try:
        if len(data) > MAX_FILE:
            raise ValueError("size")
        doc = json.loads(pyrage.passphrase.decrypt(data, passphrase).decode("utf-8"))
        seed = bytearray(bytes.fromhex(doc["seed"]))
        if doc.get("format") != FORMAT or len(seed) != 32:
            raise ValueError("format")
        return AdminKey(str(doc["admin_id"]), str(doc["name"]), seed)
    except (pyrage.DecryptError, ValueError, KeyError, TypeError, AttributeError):
        raise AdminKeyInvalid() from None


def approval_holds(public: bytes, body: dict[str, Any], signature: bytes) -> bool:
    return signing.verify(public, signing.RECOVERY_APPROVAL_PREFIX, body, signature)
