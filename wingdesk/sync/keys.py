"""Device and HQ key pairs as raw bytes, key ids, Ed25519 signing and age (X25519) key conversion."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from pyrage import x25519

from wingdesk.crypto import bech32
from wingdesk.crypto.public_keys import is_weak_ed25519, is_weak_x25519
from wingdesk.sync.errors import SignatureInvalid, WeakKeyRefused

KEY_LEN = 32
SIG_LEN = 64


def key_id(public_raw: bytes) -> str:
    """Key id: hex of the first 8 bytes of SHA-256 of the raw 32-byte public key."""
    return hashlib.sha256(public_raw).digest()[:8].hex()


def _raw_private(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def ed25519_public(sign_private: bytes) -> bytes:
    """Raw Ed25519 public key for a raw private key."""
    key = Ed25519PrivateKey.from_private_bytes(sign_private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def x25519_public(enc_private: bytes) -> bytes:
    """Raw X25519 public key for a raw private key."""
    key = X25519PrivateKey.from_private_bytes(enc_private)
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign(sign_private: bytes, message: bytes) -> bytes:
    """Ed25519 signature (64 bytes)."""
    return Ed25519PrivateKey.from_private_bytes(sign_private).sign(message)


def verify(sign_public: bytes, signature: bytes, message: bytes) -> None:
    """Verify an Ed25519 signature; raise SignatureInvalid (always, under a weak key)."""
    if is_weak_ed25519(sign_public):
        raise SignatureInvalid()
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, message)
    except (InvalidSignature, ValueError):
        raise SignatureInvalid() from None


def age_recipient(enc_public: bytes) -> x25519.Recipient:
    """pyrage recipient for a raw X25519 public key; WeakKeyRefused for a low-order one."""
    if is_weak_x25519(enc_public):
        raise WeakKeyRefused("enc_public")
    return x25519.Recipient.from_str(bech32.encode("age", enc_public))


def check_signing_key(sign_public: bytes) -> None:
    """WeakKeyRefused for a weak Ed25519 key: checked before its signature, which it would "verify" whatever it is."""
    if is_weak_ed25519(sign_public):
        raise WeakKeyRefused("sign_public")


def check_encryption_key(enc_public: bytes) -> None:
    """WeakKeyRefused for a low-order or non-canonical X25519 key (checked once the signature over it holds)."""
    if is_weak_x25519(enc_public):
        raise WeakKeyRefused("enc_public")


def age_identity(enc_private: bytes) -> x25519.Identity:
    """pyrage identity for a raw X25519 private key (the string is built and dropped at once)."""
    return x25519.Identity.from_str(bech32.encode("age-secret-key-", enc_private).upper())


def age_recipient_text(enc_public: bytes) -> str:
    """`age1…` text so staff can decrypt with the stock age tool."""
    return bech32.encode("age", enc_public)


@dataclass(frozen=True, repr=False)
class KeyPairs:
    """A signing (Ed25519) and an encryption (X25519) key pair, private halves as raw bytes."""

    sign_private: bytes
    enc_private: bytes

    @property
    def sign_public(self) -> bytes:
        return ed25519_public(self.sign_private)

    @property
    def enc_public(self) -> bytes:
        return x25519_public(self.enc_private)

    @property
    def sign_key_id(self) -> str:
        return key_id(self.sign_public)

    @property
    def enc_key_id(self) -> str:
        return key_id(self.enc_public)

    def __repr__(self) -> str:  # never print private bytes
        return f"KeyPairs(sign={self.sign_key_id}, enc={self.enc_key_id})"


DeviceKeys = KeyPairs


def generate_key_pairs() -> KeyPairs:
    """Fresh Ed25519 + X25519 private keys as raw bytes (the wing keeps them in its encrypted DB)."""
    return KeyPairs(_raw_private(Ed25519PrivateKey.generate()), _raw_private(X25519PrivateKey.generate()))


generate_device_keys = generate_key_pairs
