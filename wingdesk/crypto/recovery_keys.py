"""HQ's recovery key (issue 22 item 3): one offline secret, one age X25519 key per device and generation.

The secret lives in a file HQ's operator keeps offline (never in HQ's database). Each device's recovery identity
is derived from it (HKDF-SHA256 over the device id and a generation number), so a grant that hands one device's
identity to that device opens no other wing's recovery slot, and after a recovery the wing is moved to the next
generation. The identity travels inside a grant sealed (age scrypt) under a one-time code HQ reads out by phone.
"""

from __future__ import annotations

import json
import os
import secrets as pysecrets
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wingdesk.crypto import bech32, grants
from wingdesk.crypto.keyslots import RecoverySlot
from wingdesk.crypto.public_keys import require_age_recipient
from wingdesk.crypto.secrets import wipe
from wingdesk.domain.errors import IntegrityError

FORMAT = "wingdesk-hq-recovery-key/1"
_INFO = b"wingdesk/recovery-identity/v1\x00"
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out by phone
CODE_LEN = 20  # ~99 bits
MAX_KEY_FILE = 4096


def new_key_file() -> bytes:
    return json.dumps({"format": FORMAT, "secret": os.urandom(32).hex()}).encode("ascii")


def read_key_file(path: Path) -> bytearray:
    """The 32-byte recovery secret; IntegrityError for anything that is not a recovery key file."""
    with path.open("rb") as handle:
        data = handle.read(MAX_KEY_FILE + 1)
    try:
        doc = json.loads(data.decode("ascii"))
        secret = bytearray(bytes.fromhex(doc["secret"]))
        if doc.get("format") != FORMAT or len(secret) != 32:
            raise ValueError("format")
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise IntegrityError("recovery_key_invalid") from None
    return secret


def device_identity(secret: bytearray, device_id: str, generation: int) -> bytearray:
    """The age identity string (ASCII bytes, to be wiped) of one device's recovery key of one generation."""
    info = _INFO + device_id.encode("utf-8") + b"\x00" + str(generation).encode("ascii")
    raw = bytearray(HKDF(hashes.SHA256(), 32, salt=None, info=info).derive(bytes(secret)))
    try:
        return bytearray(bech32.encode("age-secret-key-", bytes(raw)).upper().encode("ascii"))
    finally:
        wipe(raw)


def recipient_of(identity: bytearray) -> str:
    key = pyrage.x25519.Identity.from_str(bytes(identity).decode("ascii"))
    return require_age_recipient(str(key.to_public()))


def device_recipient(secret: bytearray, device_id: str, generation: int) -> str:
    identity = device_identity(secret, device_id, generation)
    try:
        return recipient_of(identity)
    finally:
        wipe(identity)


def new_code() -> str:
    text = "".join(pysecrets.choice(_CODE_ALPHABET) for _ in range(CODE_LEN))
    return "-".join(text[i:i + 5] for i in range(0, CODE_LEN, 5))


def normalise_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def seal_identity(identity: bytearray, code: str) -> bytes:
    return pyrage.passphrase.encrypt(bytes(identity), normalise_code(code))


def open_identity(sealed: bytes, code: str) -> bytearray:
    try:
        return bytearray(pyrage.passphrase.decrypt(sealed, normalise_code(code)))
    except (pyrage.DecryptError, ValueError):
        raise IntegrityError("recovery_code_wrong") from None


def seal_dek(recipient: str, dek: bytearray) -> bytes:
    return grants.seal_to(recipient, dek)


def open_dek(identity: bytearray, sealed: bytes) -> bytearray:
    try:
        return grants.open_with(identity, sealed)
    except IntegrityError:
        raise IntegrityError("recovery_slot_mismatch") from None


def recovery_slot(recipient: str, generation: int, dek: bytearray) -> RecoverySlot:
    return RecoverySlot(require_age_recipient(recipient), generation, seal_dek(recipient, dek))


def resealed(slot: RecoverySlot | None, dek: bytearray) -> RecoverySlot | None:
    """The recovery slot for a new data key (a rotation): same recipient and generation, the new key sealed."""
    return None if slot is None else recovery_slot(slot.recipient, slot.generation, dek)
