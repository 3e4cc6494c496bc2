"""HQ's public key file, which wings install: the signing key, the current encryption key, a fingerprint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wingdesk.sync import keys
from wingdesk.sync.errors import KeyFileInvalid
from wingdesk.sync.header import ENVS
from wingdesk.sync.signed_json import b64, check_doc, read_doc, short_code, sign_doc, unb64
from wingdesk.sync.strict_json import has_version

KEY_FILE_DOMAIN = b"wingdesk/hq-keys/v1\0"
_FIELDS = frozenset({"v", "env", "hq_name", "sign_public", "enc_public", "issued_at"})


@dataclass(frozen=True)
class HqPublicKeys:
    """What a wing needs to seal to HQ and to check HQ's receipts and bundles."""

    env: str
    hq_name: str
    sign_public: bytes
    enc_public: bytes
    issued_at: str
    fingerprint: str

    @property
    def sign_key_id(self) -> str:
        return keys.key_id(self.sign_public)

    @property
    def enc_key_id(self) -> str:
        return keys.key_id(self.enc_public)


def make_hq_key_file(hq_keys: keys.KeyPairs, env: str, hq_name: str, issued_at: str) -> bytes:
    """Self-signed public key file (HQ side)."""
    body = {
        "v": 1,
        "env": env,
        "hq_name": hq_name,
        "sign_public": b64(hq_keys.sign_public),
        "enc_public": b64(hq_keys.enc_public),
        "issued_at": issued_at,
    }
    return sign_doc("hq_keys", body, KEY_FILE_DOMAIN, hq_keys.sign_private)


def load_hq_public_keys(file_bytes: bytes) -> HqPublicKeys:
    """Parse, check the keys (WeakKeyRefused) and self-verify the key file; the wing compares `fingerprint` with the
    one HQ announced."""
    body, signature = read_doc(file_bytes, "hq_keys", KeyFileInvalid)
    if set(body) != _FIELDS or not has_version(body, 1) or body["env"] not in ENVS:
        raise KeyFileInvalid("fields")
    if not isinstance(body["hq_name"], str) or not isinstance(body["issued_at"], str):
        raise KeyFileInvalid("fields")
    sign_public = unb64(body["sign_public"], keys.KEY_LEN, KeyFileInvalid)
    enc_public = unb64(body["enc_public"], keys.KEY_LEN, KeyFileInvalid)
    keys.check_signing_key(sign_public)  # before the signature: a weak key "verifies" anything
    check_doc(body, signature, KEY_FILE_DOMAIN, sign_public, KeyFileInvalid)
    keys.check_encryption_key(enc_public)
    return HqPublicKeys(body["env"], body["hq_name"], sign_public, enc_public, body["issued_at"], fingerprint(body))


def fingerprint(body: dict[str, Any]) -> str:
    """The code read out by phone: over the keys, environment and HQ name, not the date the file was written, so
    every file HQ exports for the same keys shows the same code."""
    return short_code({name: value for name, value in body.items() if name != "issued_at"})
