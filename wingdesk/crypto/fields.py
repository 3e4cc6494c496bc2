"""Field-level encryption of treatment notes: per-prisoner keys of one discipline, wrapped by its clinical key.

A sealed field is `wdf2:<discipline>:<epoch>:<base64(nonce | AES-256-GCM)>`. The epoch is the generation of the
discipline key under which that prisoner key was first made: each rotation starts fresh prisoner keys for new
notes, and re-wraps the earlier ones under the new discipline key (docs/security.md). Discipline and epoch are in
the associated data of both the field and the wrapped prisoner key, so neither can be moved to another.
`wdf1:` fields are from schema 8 and earlier (one wing-wide clinical key); the upgrade re-seals them.
"""

from __future__ import annotations

import base64
import binascii
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wingdesk.domain.errors import AccessDenied, IntegrityError

LEGACY_PREFIX = "wdf1:"
_PREFIX = "wdf2:"
_TOKEN = re.compile(r"wdf2:([A-Z]{1,8}):([0-9]{1,9}):([A-Za-z0-9+/=]+)", re.ASCII)


def _aad(*parts: str) -> bytes:
    return "\x00".join(("wingdesk/field/v1", *parts)).encode("utf-8")


def _aad2(*parts: str) -> bytes:
    return "\x00".join(("wingdesk/field/v2", *parts)).encode("utf-8")


def wrap_prisoner_key(clinical: bytearray, discipline: str, prisoner_id: str, epoch: int, prisoner_key: bytes) -> bytes:
    nonce = os.urandom(12)
    aad = _aad2("pk", discipline, prisoner_id, str(epoch))
    return nonce + AESGCM(bytes(clinical)).encrypt(nonce, prisoner_key, aad)


def unwrap_prisoner_key(clinical: bytearray, discipline: str, prisoner_id: str, epoch: int, wrapped: bytes) -> bytes:
    try:
        return AESGCM(bytes(clinical)).decrypt(wrapped[:12], wrapped[12:],
                                               _aad2("pk", discipline, prisoner_id, str(epoch)))
    except (InvalidTag, ValueError):
        raise IntegrityError("clinical_key_mismatch") from None


def encrypt_field(prisoner_key: bytes, discipline: str, epoch: int, record_id: str, name: str, plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(prisoner_key).encrypt(nonce, plaintext.encode("utf-8"),
                                          _aad2("f", discipline, str(epoch), record_id, name))
    return f"{_PREFIX}{discipline}:{epoch}:" + base64.b64encode(nonce + sealed).decode("ascii")


def token_key(token: str) -> tuple[str, int]:
    """The (discipline, epoch) whose prisoner key opens a `wdf2:` field; IntegrityError for anything else."""
    match = _TOKEN.fullmatch(token)
    if match is None:
        raise IntegrityError("field_not_encrypted")
    return match.group(1), int(match.group(2))


def decrypt_field(prisoner_key: bytes, record_id: str, name: str, token: str) -> str:
    discipline, epoch = token_key(token)
    try:
        raw = base64.b64decode(token.rsplit(":", 1)[1], validate=True)
        return AESGCM(prisoner_key).decrypt(raw[:12], raw[12:],
                                            _aad2("f", discipline, str(epoch), record_id, name)).decode("utf-8")
    except (InvalidTag, ValueError, binascii.Error):
        raise AccessDenied("clinical_field") from None


# --- schema 8 and earlier: one wing-wide clinical key (read only, by the upgrade) --------------------------------

def unwrap_legacy_prisoner_key(clinical: bytearray, prisoner_id: str, wrapped: bytes) -> bytes:
    try:
        return AESGCM(bytes(clinical)).decrypt(wrapped[:12], wrapped[12:], _aad("pk", prisoner_id))
    except (InvalidTag, ValueError):
        raise IntegrityError("clinical_key_mismatch") from None


def decrypt_legacy_field(prisoner_key: bytes, record_id: str, name: str, token: str) -> str:
    if not token.startswith(LEGACY_PREFIX):
        raise IntegrityError("field_not_encrypted")
    try:
        raw = base64.b64decode(token[len(LEGACY_PREFIX):], validate=True)
        return AESGCM(prisoner_key).decrypt(raw[:12], raw[12:], _aad("f", record_id, name)).decode("utf-8")
    except (InvalidTag, ValueError, binascii.Error):
        raise AccessDenied("clinical_field") from None


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith((_PREFIX, LEGACY_PREFIX))
