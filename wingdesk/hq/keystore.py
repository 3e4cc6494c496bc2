"""HQ private keys at rest: Argon2id over the HQ passphrase, AES-256-GCM, public parts bound as AAD."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from wingdesk.config.files import atomic_write
from wingdesk.hq.errors import KeystoreError, KeystoreExists, WeakKdfParameters, WrongPassphrase
from wingdesk.sync import keys
from wingdesk.sync.strict_json import canonical, loads_object

KEYSTORE_NAME = "hq-keys.json"
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_ITERATIONS = 3
CEILING_MEMORY_KIB = 4 * 1024 * 1024  # `wingdesk-hq init --kdf-memory-mib` allows up to 4096
_KEY = keys.KEY_LEN
RESEARCH_KEY_LEN = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost; never below 64 MiB / t=3 (security.md §2.2)."""

    memory_kib: int = 256 * 1024
    iterations: int = 3
    lanes: int = 4

    def check(self) -> None:
        if self.memory_kib < FLOOR_MEMORY_KIB or self.iterations < FLOOR_ITERATIONS or self.lanes < 1:
            raise WeakKdfParameters()

    def plausible(self) -> bool:
        """Whole numbers this tool could have written: a damaged key file must not ask for terabytes."""
        values = (self.memory_kib, self.iterations, self.lanes)
        return all(type(v) is int for v in values) and self.memory_kib <= CEILING_MEMORY_KIB and \
            self.iterations <= 64 and self.lanes <= 64


@dataclass(frozen=True, repr=False)
class HqKeys:
    """Unlocked HQ keys: hq-sign, the current hq-enc and retired hq-enc keys kept for late bundles, and the
    research pseudonym key (HMAC-SHA256 over prisoner ids, hq.research_derive): generated here, held only at HQ,
    never sent anywhere. A key file written before it existed gains one the next time it is opened
    (`with_research_key`)."""

    env: str
    hq_name: str
    created_at: str
    current: keys.KeyPairs
    retired_enc: tuple[bytes, ...] = field(default=())
    research_key: bytes = field(default_factory=lambda: os.urandom(RESEARCH_KEY_LEN))

    def identities(self) -> dict[str, bytes]:
        """{recipient key id: X25519 private} for every encryption key HQ still holds."""
        found = {keys.key_id(keys.x25519_public(k)): k for k in self.retired_enc}
        found[self.current.enc_key_id] = self.current.enc_private
        return found

    def __repr__(self) -> str:
        return f"HqKeys(env={self.env}, sign={self.current.sign_key_id}, enc={self.current.enc_key_id})"


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def _kek(passphrase: bytes, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt, length=32, iterations=params.iterations, lanes=params.lanes, memory_cost=params.memory_kib
    )
    return kdf.derive(passphrase)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _public_doc(hq: HqKeys, params: KdfParams, salt: bytes) -> dict[str, Any]:
    return {
        "v": 1,
        "env": hq.env,
        "hq_name": hq.hq_name,
        "created_at": hq.created_at,
        "sign_public": _b64(hq.current.sign_public),
        "enc_public": _b64(hq.current.enc_public),
        "retired_enc_public": [_b64(keys.x25519_public(k)) for k in hq.retired_enc],
        "research_key": 1,  # the sealed secret holds the research key after hq-sign and hq-enc (bound as AAD)
        "kdf": {
            "alg": "argon2id",
            "salt": _b64(salt),
            "memory_kib": params.memory_kib,
            "iterations": params.iterations,
            "lanes": params.lanes,
        },
    }


def save_keystore(path: Path, hq: HqKeys, passphrase: bytes, params: KdfParams, *, replace: bool = False) -> None:
    """Encrypt and atomically write the key file (config.files.atomic_write), mode 0600."""
    params.check()
    if path.exists() and not replace:
        raise KeystoreExists()
    salt, nonce = os.urandom(16), os.urandom(12)
    doc = _public_doc(hq, params, salt)
    secret = hq.current.sign_private + hq.current.enc_private + hq.research_key + b"".join(hq.retired_enc)
    sealed = AESGCM(_kek(passphrase, salt, params)).encrypt(nonce, secret, canonical(doc))
    data = canonical(dict(doc, nonce=_b64(nonce), ciphertext=_b64(sealed)))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, data)  # mkstemp's 0600; a failed write leaves no temp file behind


def load_keystore(path: Path, passphrase: bytes) -> HqKeys:
    """Decrypt the key file; WrongPassphrase when the tag fails, KeystoreError when the file is damaged."""
    try:
        raw = loads_object(path.read_bytes(), KeystoreError, "keystore")
        nonce = base64.b64decode(raw.pop("nonce"), validate=True)
        sealed = base64.b64decode(raw.pop("ciphertext"), validate=True)
        kdf = raw["kdf"]
        params = KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
        salt = base64.b64decode(kdf["salt"], validate=True)
    except (OSError, KeyError, TypeError, binascii.Error):
        raise KeystoreError("file") from None
    if not params.plausible():
        raise KeystoreError("file")
    params.check()
    try:
        secret = AESGCM(_kek(passphrase, salt, params)).decrypt(nonce, sealed, canonical(raw))
    except InvalidTag:
        raise WrongPassphrase() from None
    except (ValueError, TypeError):  # e.g. a salt or nonce of the wrong length in a damaged file
        raise KeystoreError("file") from None
    research = raw.get("research_key") == 1
    first_retired = 2 * _KEY + (RESEARCH_KEY_LEN if research else 0)
    if len(secret) < first_retired or len(secret) % _KEY:
        raise KeystoreError("secret")
    retired = tuple(secret[i : i + _KEY] for i in range(first_retired, len(secret), _KEY))
    hq = HqKeys(
        raw["env"],
        raw["hq_name"],
        raw["created_at"],
        keys.KeyPairs(secret[:_KEY], secret[_KEY : 2 * _KEY]),
        retired,
        secret[2 * _KEY : first_retired] if research else b"",
    )
    return hq


def with_research_key(path: Path, hq: HqKeys, passphrase: bytes) -> HqKeys:
    """The keys, with a research key: a key file written before research keys existed (loaded with an empty one)
    gets a new key, sealed into the file under the same passphrase and cost before anything uses it."""
    if hq.research_key:
        return hq
    kdf = public_info(path)["kdf"]
    fresh = dataclasses.replace(hq, research_key=os.urandom(RESEARCH_KEY_LEN))
    save_keystore(path, fresh, passphrase, KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"]),
                  replace=True)
    return load_keystore(path, passphrase)


def public_info(path: Path) -> dict[str, Any]:
    """The key file's public part, readable without the passphrase (for status and key export checks)."""
    try:
        return loads_object(path.read_bytes(), KeystoreError, "keystore")
    except OSError:
        raise KeystoreError("file") from None


def rotate_enc_key(hq: HqKeys) -> HqKeys:
    """New hq-enc key; the old one is kept (retired) so late bundles still decrypt."""
    fresh = keys.generate_key_pairs()
    return HqKeys(
        hq.env,
        hq.hq_name,
        hq.created_at,
        keys.KeyPairs(hq.current.sign_private, fresh.enc_private),
        (*hq.retired_enc, hq.current.enc_private),
        hq.research_key,
    )
