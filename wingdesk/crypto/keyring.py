"""The signed-in user's keys for one session: signing, and treatment-field sealing when allowed."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from wingdesk.crypto import fields, signing
from wingdesk.crypto.secrets import SlotSecrets, wipe
from wingdesk.domain.errors import AccessDenied


class SessionKeyring:
    """Implements services.ports.Keyring; per-prisoner keys live wrapped in the database."""

    def __init__(self, secrets: SlotSecrets, load_wrapped: Callable[[str], bytes | None],
                 store_wrapped: Callable[[str, bytes], None]) -> None:
        self._secrets = secrets
        self._load, self._store = load_wrapped, store_wrapped
        self._cache: dict[str, bytearray] = {}
        self._signer: Any = signing.private_key(secrets.sign_seed)  # dropped on wipe()

    @property
    def has_clinical(self) -> bool:
        return self._secrets.clinical is not None

    def public_key(self) -> bytes:
        return signing.public_key(self._secrets.sign_seed)

    def sign_countersignature(self, payload: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.COUNTERSIGN_PREFIX, payload)

    def verify_countersignature(self, public: bytes, payload: dict[str, Any], signature: bytes) -> bool:
        return signing.verify(public, signing.COUNTERSIGN_PREFIX, payload, signature)

    def sign_audit(self, entry_hash: str) -> bytes:
        return signing.sign(self._signer, signing.AUDIT_PREFIX, {"entry_hash": entry_hash})

    def sign_record(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.RECORD_PREFIX, statement)

    def sign_amendment(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.AMENDMENT_PREFIX, statement)

    def sign_audit_head(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.AUDIT_HEAD_PREFIX, statement)

    def sign_user_key(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.USER_KEY_PREFIX, statement)

    def verify_signed(self, public: bytes, purpose: str, statement: dict[str, Any], signature: bytes) -> bool:
        """Any user's signature of one purpose (record, amendment, audit, audit_head, countersign)."""
        return signing.verify(public, signing.PREFIXES[purpose], statement, signature)

    def _prisoner_key(self, prisoner_id: str, create: bool) -> bytearray:
        clinical = self._secrets.clinical
        if clinical is None:
            raise AccessDenied("no_clinical_key")
        if prisoner_id in self._cache:
            return self._cache[prisoner_id]
        wrapped = self._load(prisoner_id)
        if wrapped is None:
            if not create:
                raise AccessDenied("no_clinical_key")
            key = bytearray(os.urandom(32))
            self._store(prisoner_id, fields.wrap_prisoner_key(clinical, prisoner_id, bytes(key)))
        else:
            key = bytearray(fields.unwrap_prisoner_key(clinical, prisoner_id, wrapped))
        self._cache[prisoner_id] = key
        return key

    def seal_field(self, prisoner_id: str, record_id: str, name: str, plaintext: str) -> str:
        key = self._prisoner_key(prisoner_id, create=True)
        return fields.encrypt_field(bytes(key), record_id, name, plaintext)

    def open_field(self, prisoner_id: str, record_id: str, name: str, token: str) -> str:
        key = self._prisoner_key(prisoner_id, create=False)
        return fields.decrypt_field(bytes(key), record_id, name, token)

    def clinical_key(self) -> bytearray | None:
        return self._secrets.clinical

    def wipe(self) -> None:
        for key in self._cache.values():
            wipe(key)
        self._cache.clear()
        self._signer = None
        self._secrets.wipe()
