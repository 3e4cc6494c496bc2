"""Which accounts HQ recovery made administrators, for `wingdesk verify` (issue 22 item 3; docs/security.md §6).

The `wing_recovered` audit entry is signed by the new account itself, so alone it proves nothing: anyone with the
database key could append one. It counts only when its object names a grant kept in `wing_recoveries` for that very
account, its content hash is the SHA-256 of that grant as it came, the grant is signed by the HQ key this PC
enrolled with and names this PC, and no earlier entry already used that grant.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from wingdesk.services.ports import Keyring
from wingdesk.services.repository_ports import EvidenceStore


class RecoveredAdmins:
    def __init__(self, store: EvidenceStore, keyring: Keyring) -> None:
        self.store, self.keyring = store, keyring
        self._grants: dict[str, tuple[str, bytes]] | None = None  # read at the first wing_recovered entry only
        self._used: set[str] = set()

    def holds(self, actor: str, obj: str, content_hash: str) -> bool:
        if self._grants is None:
            self._grants = self.store.recovery_grants()
        head, _sep, grant_id = obj.partition(":")
        kept = self._grants.get(grant_id)
        device = self.store.hq_device_keys()
        if head != "grant" or kept is None or kept[0] != actor or grant_id in self._used or device is None:
            return False
        if hashlib.sha256(kept[1]).hexdigest() != content_hash:
            return False
        body, signature = _signed(kept[1])
        if body is None or body.get("grant_id") != grant_id or body.get("device_id") != device[0]:
            return False
        if not self.keyring.verify_signed(device[1], "recovery_grant", body, signature):
            return False
        self._used.add(grant_id)
        return True


def _signed(doc: bytes) -> tuple[dict[str, Any] | None, bytes]:
    try:
        wrapper = json.loads(doc.decode("utf-8"))
        body, signature = wrapper["recovery_grant"], base64.b64decode(wrapper["sig"], validate=True)
        return (body if isinstance(body, dict) else None), signature
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError):
        return None, b""
