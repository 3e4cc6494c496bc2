"""A service's exchange identity (issue 17 item 6, docs/exchange.md): the key pairs one HQ uses toward the other
prison services, apart from the keys its own wings trust.

- The private keys live in `hq-exchange-keys.json` beside HQ's key file, sealed exactly as that file is
  (hq.keystore: Argon2id over the same HQ passphrase at the same cost, AES-256-GCM): an Ed25519 key that signs
  exchange files and an X25519 key other services seal to (age). Made the first time an exchange command needs it.
- The public key file (`wingdesk-hq exchange keys --out`) is `{"exchange_key": {...}, "sig": …}`, self-signed
  under its own purpose prefix (sync.signed_json), naming the service, its environment, its Ed25519 verify key and
  its age recipient. Its fingerprint (16 characters of base32 over SHA-256 of that body) is read out by phone: the
  other service registers the file only when the typed fingerprint matches, as an enrolment code works.

Keeping the exchange keys apart means nothing an exchange key signs can ever pass as something HQ's signing key
signed for its own wings, and a file sealed to this service opens with no key a wing's bundle uses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from wingdesk.crypto import bech32
from wingdesk.crypto.public_keys import is_weak_age_recipient, is_weak_ed25519
from wingdesk.hq import keystore
from wingdesk.sync import keys
from wingdesk.sync.errors import SyncError
from wingdesk.sync.header import ENVS
from wingdesk.sync.reference import utc_text
from wingdesk.sync.signed_json import b64, check_doc, read_doc, sign_doc, unb64
from wingdesk.sync.strict_json import canonical

EXCHANGE_KEYS_NAME = "hq-exchange-keys.json"
KEY_FILE = "exchange_key"
KEY_DOMAIN = b"wingdesk/exchange-key/v1\0"
MAX_SERVICE_NAME = 80
_SERVICE_IDS = uuid.UUID("5d0b1f0e-8f4e-4c55-9a39-0e7f1c2b6a41")  # namespace: a service's id from its verify key
_FINGERPRINT_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


class ExchangeKeyInvalid(SyncError):
    """An exchange public key file is malformed, names a weak key, or its self-signature fails."""

    code = "exchange_key_invalid"


@dataclass(frozen=True)
class ServiceKey:
    """Another service's (or this one's) public exchange identity."""

    service: str
    env: str
    sign_public: bytes
    enc_public: bytes

    def body(self) -> dict[str, Any]:
        return {"v": 1, "service": self.service, "env": self.env, "sign_public": b64(self.sign_public),
                "recipient": keys.age_recipient_text(self.enc_public)}

    @property
    def service_id(self) -> str:
        """A stable id named in every file sealed to the service (the bundle header's device field)."""
        return str(uuid.uuid5(_SERVICE_IDS, self.sign_public.hex()))

    @property
    def sign_key_id(self) -> str:
        return keys.key_id(self.sign_public)

    @property
    def enc_key_id(self) -> str:
        return keys.key_id(self.enc_public)

    @property
    def fingerprint(self) -> str:
        """16 characters (80 bits) in four groups, over the whole body: name, environment and both keys."""
        digest = base64.b32encode(hashlib.sha256(canonical(self.body())).digest()[:10]).decode("ascii")
        return "-".join(digest[i : i + 4] for i in range(0, 16, 4))

    def matches(self, typed: str) -> bool:
        """The fingerprint as read out by phone: case, spaces and hyphens do not count."""
        cleaned = "".join(ch for ch in typed.upper() if ch not in " -")
        expected = self.fingerprint.replace("-", "")
        return hmac.compare_digest(cleaned.encode("ascii", "replace"), expected.encode("ascii"))


@dataclass(frozen=True, repr=False)
class ExchangeIdentity:
    """This service's exchange key pairs, unlocked."""

    service: str
    env: str
    pairs: keys.KeyPairs

    def public(self) -> ServiceKey:
        return ServiceKey(self.service, self.env, self.pairs.sign_public, self.pairs.enc_public)

    def __repr__(self) -> str:
        return f"ExchangeIdentity(service_sign={self.pairs.sign_key_id})"


def identity_path(data_dir: Path) -> Path:
    return data_dir / EXCHANGE_KEYS_NAME


def load_or_create(data_dir: Path, hq: keystore.HqKeys, passphrase: bytes, now: datetime) -> ExchangeIdentity:
    """The exchange identity of the HQ whose data folder this is; made (and sealed like HQ's own key file, at its
    cost) the first time. WrongPassphrase or KeystoreError as HQ's key file."""
    path = identity_path(data_dir)
    if not path.exists():
        kdf = keystore.public_info(data_dir / keystore.KEYSTORE_NAME)["kdf"]
        params = keystore.KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])
        fresh = keystore.HqKeys(hq.env, hq.hq_name, utc_text(now), keys.generate_key_pairs())
        keystore.save_keystore(path, fresh, passphrase, params)
    held = keystore.load_keystore(path, passphrase)
    return ExchangeIdentity(held.hq_name, held.env, held.current)


def key_file(identity: ExchangeIdentity) -> bytes:
    """The public key file another service registers (`exchange trust`)."""
    return sign_doc(KEY_FILE, identity.public().body(), KEY_DOMAIN, identity.pairs.sign_private)


def read_key_file(data: bytes) -> ServiceKey:
    """Parse and check a public key file; ExchangeKeyInvalid for anything but one this tool wrote, unchanged."""
    body, signature = read_doc(data, KEY_FILE, ExchangeKeyInvalid)
    if set(body) != {"v", "service", "env", "sign_public", "recipient"} or body["v"] != 1:
        raise ExchangeKeyInvalid("fields")
    service, env, recipient = body["service"], body["env"], body["recipient"]
    if not isinstance(service, str) or not 0 < len(service) <= MAX_SERVICE_NAME or not service.isprintable():
        raise ExchangeKeyInvalid("service")
    if env not in ENVS or not isinstance(recipient, str) or is_weak_age_recipient(recipient):
        raise ExchangeKeyInvalid("recipient")
    sign_public = unb64(body["sign_public"], keys.KEY_LEN, ExchangeKeyInvalid)
    if is_weak_ed25519(sign_public):
        raise ExchangeKeyInvalid("sign_public")
    check_doc(body, signature, KEY_DOMAIN, sign_public, ExchangeKeyInvalid)
    found = ServiceKey(service, env, sign_public, bech32.decode(recipient)[1])
    if found.body() != body:  # e.g. a recipient spelt in capitals: only the form this tool writes is read
        raise ExchangeKeyInvalid("form")
    return found


def well_formed(typed: str) -> bool:
    """A typed fingerprint of the right shape (16 base32 characters, hyphens and spaces aside)."""
    cleaned = "".join(ch for ch in typed.upper() if ch not in " -")
    return len(cleaned) == 16 and set(cleaned) <= _FINGERPRINT_ALPHABET
