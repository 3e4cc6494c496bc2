"""Key slots: the data key (and role keys) wrapped with AES-256-GCM under each user's Argon2id key."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wingdesk.config.files import atomic_write
from wingdesk.crypto.kdf import KdfBelowFloor, KdfParams, derive
from wingdesk.crypto.secrets import SlotSecrets, wipe
from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.errors import AuthError, IntegrityError, StoreError

FORMAT = "wingdesk-slots/1"
_AAD_PREFIX = b"wingdesk/slot/v1\x00"
MAX_SLOT_FILE = 1024 * 1024


@dataclass(frozen=True)
class Slot:
    user_id: str
    username: str
    kdf: KdfParams
    nonce: bytes
    ciphertext: bytes

    def to_json(self) -> dict[str, object]:
        return {"user_id": self.user_id, "username": self.username, "kdf": self.kdf.to_json(),
                "nonce": self.nonce.hex(), "ct": self.ciphertext.hex()}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Slot:
        slot = cls(str(data["user_id"]), str(data["username"]), KdfParams.from_json(data["kdf"]),  # type: ignore[arg-type]
                   bytes.fromhex(str(data["nonce"])), bytes.fromhex(str(data["ct"])))
        if len(slot.nonce) != 12 or len(slot.ciphertext) < 16:  # what seal_slot writes (AES-GCM nonce, tag)
            raise ValueError("slot nonce or ciphertext")
        return slot


def _aad(db_uuid: str, user_id: str, username: str, kdf: KdfParams) -> bytes:
    return _AAD_PREFIX + canonical_bytes({"db": db_uuid, "user_id": user_id, "username": username,
                                          "kdf": kdf.to_json()})


def seal_slot(db_uuid: str, user_id: str, username: str, passphrase: bytes, kdf: KdfParams,
              secrets: SlotSecrets) -> Slot:
    kek = derive(passphrase, kdf)
    try:
        nonce = os.urandom(12)
        packed = secrets.pack()
        ciphertext = AESGCM(bytes(kek)).encrypt(nonce, packed, _aad(db_uuid, user_id, username, kdf))
    finally:
        wipe(kek)
    return Slot(user_id, username, kdf, nonce, ciphertext)


def open_slot(db_uuid: str, slot: Slot, passphrase: bytes) -> SlotSecrets:
    kek = derive(passphrase, slot.kdf)
    try:
        packed = AESGCM(bytes(kek)).decrypt(slot.nonce, slot.ciphertext,
                                            _aad(db_uuid, slot.user_id, slot.username, slot.kdf))
    except InvalidTag:
        raise AuthError("wrong_password") from None
    finally:
        wipe(kek)
    return SlotSecrets.unpack(packed)


@dataclass(frozen=True)
class RecoverySlot:
    """The data key sealed (age X25519) to HQ's recovery key for this device (crypto.recovery_keys)."""

    recipient: str
    generation: int
    sealed: bytes

    def to_json(self) -> dict[str, object]:
        return {"recipient": self.recipient, "generation": self.generation,
                "sealed": base64.b64encode(self.sealed).decode("ascii")}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RecoverySlot:
        generation = data["generation"]
        if type(generation) is not int or generation < 1:
            raise ValueError("recovery generation")
        return cls(str(data["recipient"]), generation, base64.b64decode(str(data["sealed"]), validate=True))


@dataclass
class SlotFile:
    """All slots plus the data key sealed (age) to each user's grant recipient."""

    db_uuid: str
    version: int
    slots: list[Slot] = field(default_factory=list)
    dek_grants: dict[str, bytes] = field(default_factory=dict)
    recovery: RecoverySlot | None = None

    def find(self, username: str) -> Slot | None:
        folded = username.casefold()
        return next((s for s in self.slots if s.username.casefold() == folded), None)

    def replace(self, slot: Slot) -> None:
        self.slots = [s for s in self.slots if s.user_id != slot.user_id] + [slot]

    def remove(self, user_id: str) -> None:
        self.slots = [s for s in self.slots if s.user_id != user_id]
        self.dek_grants.pop(user_id, None)

    def to_bytes(self) -> bytes:
        doc = {"format": FORMAT, "db_uuid": self.db_uuid, "version": self.version,
               "slots": [s.to_json() for s in self.slots],
               "dek_grants": {k: base64.b64encode(v).decode("ascii") for k, v in sorted(self.dek_grants.items())}}
        if self.recovery is not None:
            doc["recovery"] = self.recovery.to_json()
        return json.dumps(doc, indent=1, sort_keys=True).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> SlotFile:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT:
                raise ValueError("format")
            grants = {str(k): base64.b64decode(v, validate=True) for k, v in doc["dek_grants"].items()}
            recovery = RecoverySlot.from_json(doc["recovery"]) if "recovery" in doc else None
            return cls(str(doc["db_uuid"]), int(doc["version"]), [Slot.from_json(s) for s in doc["slots"]], grants,
                       recovery)
        except KdfBelowFloor as error:
            raise IntegrityError("slot_below_floor") from error
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError) as error:
            raise IntegrityError("slot_file_damaged") from error

    @classmethod
    def load(cls, path: Path) -> SlotFile:
        try:
            if path.stat().st_size > MAX_SLOT_FILE:
                raise IntegrityError("slot_file_damaged")
            return cls.from_bytes(path.read_bytes())
        except FileNotFoundError:
            raise StoreError("no_wing") from None

    def save(self, path: Path) -> None:
        try:
            atomic_write(path, self.to_bytes())
        except OSError as error:  # the file is as it was (atomic_write); say why in the user's words
            raise StoreError.from_failed_write(error) from None
