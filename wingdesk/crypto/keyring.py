"""The signed-in user's keys for one session: signing, and treatment-field sealing when allowed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from typing import Any

from wingdesk.crypto import agency_seal, discipline_keys, fields, signing
from wingdesk.crypto.secrets import SlotSecrets, wipe
from wingdesk.domain.errors import AccessDenied

LoadWrapped = Callable[[str, str, int], bytes | None]  # (discipline, prisoner_id, epoch) -> wrapped prisoner key
StoreWrapped = Callable[[str, str, int, bytes], None]
LoadLegacy = Callable[[str], str | None]  # SHA-256 of a schema-8 field -> the same text re-sealed by the upgrade


def _no_legacy(_digest: str) -> str | None:
    return None


class SessionKeyring:
    """Implements services.ports.Keyring; per-prisoner keys live wrapped in the database.

    Only the clinical key of the user's own discipline is ever here (docs/security.md): a field sealed for another
    discipline is AccessDenied before any key is tried.
    """

    def __init__(self, secrets: SlotSecrets, load_wrapped: LoadWrapped, store_wrapped: StoreWrapped,
                 load_legacy: LoadLegacy = _no_legacy) -> None:
        self._secrets = secrets
        self._load, self._store, self._legacy = load_wrapped, store_wrapped, load_legacy
        self._cache: dict[tuple[str, int], bytearray] = {}
        self._signer: Any = signing.private_key(secrets.sign_seed)  # dropped on wipe()

    def _discipline_key(self) -> tuple[str, int, bytearray]:
        clinical = self._secrets.clinical
        if clinical is None or not self._secrets.clinical_label:
            raise AccessDenied("no_clinical_key")
        discipline, generation = discipline_keys.parse_label(self._secrets.clinical_label)
        return discipline, generation, clinical

    @property
    def has_clinical(self) -> bool:
        return self._secrets.clinical is not None and bool(self._secrets.clinical_label)

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

    def sign_backup_manifest(self, manifest: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.BACKUP_PREFIX, manifest)

    def sign_user_key(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.USER_KEY_PREFIX, statement)

    def sign_tombstone(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.TOMBSTONE_PREFIX, statement)

    def sign_transfer(self, statement: dict[str, Any]) -> bytes:
        return signing.sign(self._signer, signing.TRANSFER_PREFIX, statement)

    def verify_signed(self, public: bytes, purpose: str, statement: dict[str, Any], signature: bytes) -> bool:
        """Any user's signature of one purpose (record, amendment, audit, audit_head, countersign)."""
        return signing.verify(public, signing.PREFIXES[purpose], statement, signature)

    def _prisoner_key(self, prisoner_id: str, epoch: int | None) -> tuple[int, bytearray]:
        """The prisoner key of this epoch (None: the current one, made if the prisoner has none yet)."""
        discipline, generation, clinical = self._discipline_key()
        create = epoch is None
        epoch = generation if epoch is None else epoch
        if (prisoner_id, epoch) in self._cache:
            return epoch, self._cache[(prisoner_id, epoch)]
        wrapped = self._load(discipline, prisoner_id, epoch)
        if wrapped is None:
            if not create:
                raise AccessDenied("no_clinical_key")
            key = bytearray(os.urandom(32))
            self._store(discipline, prisoner_id, epoch,
                        fields.wrap_prisoner_key(clinical, discipline, prisoner_id, epoch, bytes(key)))
        else:
            key = bytearray(fields.unwrap_prisoner_key(clinical, discipline, prisoner_id, epoch, wrapped))
        self._cache[(prisoner_id, epoch)] = key
        return epoch, key

    def seal_field(self, prisoner_id: str, record_id: str, name: str, plaintext: str) -> str:
        discipline = self._discipline_key()[0]
        epoch, key = self._prisoner_key(prisoner_id, None)
        return fields.encrypt_field(bytes(key), discipline, epoch, record_id, name, plaintext)

    def open_field(self, prisoner_id: str, record_id: str, name: str, token: str) -> str:
        if token.startswith(fields.LEGACY_PREFIX):
            resealed = self._legacy(hashlib.sha256(token.encode("utf-8")).hexdigest())
            if resealed is None:
                raise AccessDenied("no_clinical_key")
            token = resealed
        discipline, epoch = fields.token_key(token)
        if discipline != self._discipline_key()[0]:
            raise AccessDenied("clinical_field")
        key = self._prisoner_key(prisoner_id, epoch)[1]
        return fields.decrypt_field(bytes(key), record_id, name, token)

    def seal_for_agency(self, recipient: str, data: bytes) -> bytes:
        """A handover file sealed with age to an agency's public key (issue 19 item 2; crypto.agency_seal)."""
        return agency_seal.seal_to_agency(recipient, data)

    def clinical_key(self) -> bytearray | None:
        return self._secrets.clinical

    def wipe(self) -> None:
        for key in self._cache.values():
            wipe(key)
        self._cache.clear()
        self._signer = None
        self._secrets.wipe()
