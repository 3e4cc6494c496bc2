"""Field-level encryption of treatment notes under per-prisoner keys wrapped by the clinical key."""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wingdesk.domain.errors import AccessDenied, IntegrityError

_PREFIX = "wdf1:"


def _aad(*parts: str) -> bytes:
    return "\x00".join(("wingdesk/field/v1", *parts)).encode("utf-8")


def wrap_prisoner_key(clinical: bytearray, prisoner_id: str, prisoner_key: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(bytes(clinical)).encrypt(nonce, prisoner_key, _aad("pk", prisoner_id))


def unwrap_prisoner_key(clinical: bytearray, prisoner_id: str, wrapped: bytes) -> bytes:
    try:
        return AESGCM(bytes(clinical)).decrypt(wrapped[:12], wrapped[12:], _aad("pk", prisoner_id))
    except InvalidTag:
        raise IntegrityError("clinical_key_mismatch") from None


def encrypt_field(prisoner_key: bytes, record_id: str, name: str, plaintext: str) -> str:
    nonce = os.urandom(12)
    sealed = AESGCM(prisoner_key).encrypt(nonce, plaintext.encode("utf-8"), _aad("f", record_id, name))
    return _PREFIX + base64.b64encode(nonce + sealed).decode("ascii")


def decrypt_field(prisoner_key: bytes, record_id: str, name: str, token: str) -> str:
    if not token.startswith(_PREFIX):
        raise IntegrityError("field_not_encrypted")
    raw = base64.b64decode(token[len(_PREFIX):])
    try:
        return AESGCM(prisoner_key).decrypt(raw[:12], raw[12:], _aad("f", record_id, name)).decode("utf-8")
    except InvalidTag:
        raise AccessDenied("clinical_field") from None


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(_PREFIX)
