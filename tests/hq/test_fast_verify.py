"""hq.fast_verify vouches for no signature `cryptography` refuses, with either library, except the one documented
case that needs the private key (an R of mixed order).

The crafted signatures below are made with the private scalar, as only a key's holder could: with R of small
order, S = k·a satisfies the cofactored equation ed25519-zebra checks ([8](S·B − R − k·A) = 0) but not the
cofactorless one OpenSSL checks (S·B − k·A = R), unless R is the identity in its canonical encoding.
"""

from __future__ import annotations

import hashlib
import os

import ed25519_zebra
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nacl.bindings import crypto_core_ed25519_add, crypto_scalarmult_ed25519_base_noclamp

from wingdesk.crypto.public_keys import is_weak_ed25519
from wingdesk.hq import fast_verify

L = 2**252 + 27742317777372353535851937790883648493
P = 2**255 - 19
LIBRARIES = ("ed25519-zebra", "libsodium")
IDENTITY = (1).to_bytes(32, "little")
ORDER_TWO = (P - 1).to_bytes(32, "little")


def _keys() -> tuple[Ed25519PrivateKey, bytes, int]:
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())
    scalar = bytearray(hashlib.sha512(seed).digest()[:32])
    scalar[0] &= 248
    scalar[31] &= 127
    scalar[31] |= 64
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return key, public, int.from_bytes(scalar, "little")


def _challenge(r: bytes, public: bytes, data: bytes) -> int:
    return int.from_bytes(hashlib.sha512(r + public + data).digest(), "little") % L


def _with_r(r: bytes, public: bytes, scalar: int, data: bytes) -> bytes:
    """A signature with this R (of small order): S = k·a, which only the key's holder can compute."""
    return r + (_challenge(r, public, data) * scalar % L).to_bytes(32, "little")


def _openssl_accepts(public: bytes, data: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, data)
    except InvalidSignature:
        return False
    return True


def test_the_small_order_list_is_the_whole_torsion_group():
    assert len(fast_verify.SMALL_ORDER) == 8
    assert all(is_weak_ed25519(point) for point in fast_verify.SMALL_ORDER)
    for a in fast_verify.SMALL_ORDER:
        for b in fast_verify.SMALL_ORDER:
            assert crypto_core_ed25519_add(a, b) in fast_verify.SMALL_ORDER


def test_zebra_is_the_library_used_when_installed():
    assert fast_verify.AVAILABLE and fast_verify.LIBRARY == "ed25519-zebra"


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_genuine_signature_vouches_and_no_bit_flip_does(library):
    key, public, _ = _keys()
    data = b"WingDesk/record/v1{}" * 5
    signature = key.sign(data)
    assert fast_verify.signer([os.urandom(32), public], data, signature, library) == public
    for n in range(64 * 8):
        forged = bytearray(signature)
        forged[n // 8] ^= 1 << (n % 8)
        assert fast_verify.signer([public], data, bytes(forged), library) is None
        assert not _openssl_accepts(public, data, bytes(forged))


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_non_canonical_scalar_is_refused(library):
    key, public, _ = _keys()
    data = b"statement"
    signature = key.sign(data)
    high = signature[:32] + (int.from_bytes(signature[32:], "little") + L).to_bytes(32, "little")
    assert fast_verify.signer([public], data, high, library) is None
    assert not _openssl_accepts(public, data, high)


@pytest.mark.parametrize("r", [
    (P + 1).to_bytes(32, "little"),  # the identity spelt y = p + 1
    (1 | 1 << 255).to_bytes(32, "little"),  # the identity with the sign bit set (x = 0)
    ((P - 1) | 1 << 255).to_bytes(32, "little"),  # the point of order 2 with the sign bit set
    ORDER_TWO,  # canonical, small order
    *sorted(fast_verify.SMALL_ORDER - {IDENTITY}),
], ids=lambda r: r.hex())
@pytest.mark.parametrize("library", LIBRARIES)
def test_an_r_openssl_refuses_never_vouches(library, r):
    _, public, scalar = _keys()
    data = b"WingDesk/record/v1 crafted"
    signature = _with_r(r, public, scalar, data)
    assert not _openssl_accepts(public, data, signature)
    assert fast_verify.signer([public], data, signature, library) is None


def test_zebra_alone_would_accept_what_the_fast_path_refuses():
    """The checks around ed25519-zebra are needed: the crafted signatures pass its ZIP 215 rules."""
    _, public, scalar = _keys()
    data = b"WingDesk/record/v1 crafted"
    for r in ((P + 1).to_bytes(32, "little"), ORDER_TWO):
        signature = _with_r(r, public, scalar, data)
        assert ed25519_zebra.ed_verify(signature, data, public)
        assert fast_verify.signer([public], data, signature) is None


def test_the_canonical_identity_r_is_accepted_by_openssl_too():
    _, public, scalar = _keys()
    data = b"anything"
    signature = _with_r(IDENTITY, public, scalar, data)
    assert _openssl_accepts(public, data, signature)  # cofactorless, yet valid: S·B − k·A is the identity
    assert fast_verify.signer([public], data, signature, "libsodium") is None  # libsodium refuses small-order R
    assert fast_verify.signer([public], data, signature) is None  # left to the exact check, which accepts it


def test_a_mixed_order_key_never_vouches_through_zebra():
    """A key plus a point of order 8: ed25519-zebra's cofactored check accepts its holder's signatures whatever
    the small-order part; the fast path leaves such a key to `cryptography`."""
    key, public, scalar = _keys()
    mixed = crypto_core_ed25519_add(public, sorted(fast_verify.SMALL_ORDER)[0])
    assert not is_weak_ed25519(mixed)  # not refused as a key, only as a fast-path key
    data = b"statement"
    nonce = int.from_bytes(os.urandom(32), "little") % L
    r = crypto_scalarmult_ed25519_base_noclamp(nonce.to_bytes(32, "little"))
    signature = r + ((nonce + _challenge(r, mixed, data) * scalar) % L).to_bytes(32, "little")
    assert ed25519_zebra.ed_verify(signature, data, mixed)
    assert not fast_verify.prime_order_key(mixed)
    assert fast_verify.signer([mixed], data, signature) is None
    assert fast_verify.prime_order_key(public)


def test_the_documented_residual_needs_the_private_key():
    """An R of mixed order (nonce·B plus a point of order 2) with S = nonce + k·a: the cofactored equation holds,
    OpenSSL's does not. Making it takes the private scalar; a wing's signing library never makes one."""
    _, public, scalar = _keys()
    data = b"statement"
    nonce = int.from_bytes(os.urandom(32), "little") % L
    r = crypto_core_ed25519_add(crypto_scalarmult_ed25519_base_noclamp(nonce.to_bytes(32, "little")), ORDER_TWO)
    signature = r + ((nonce + _challenge(r, public, data) * scalar) % L).to_bytes(32, "little")
    assert not _openssl_accepts(public, data, signature)
    assert fast_verify.signer([public], data, signature) == public


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_short_signature_cannot_shift_the_message_it_covers(library):
    """libsodium takes signature and message as one string: a signature over `rest`, less its last byte, put
    before a message that starts with that byte, would pass as a signature over that message."""
    key, public, _ = _keys()
    rest = b'WingDesk/record/v1{"id":"x"}'
    signature = key.sign(rest)
    data, short = signature[63:] + rest, signature[:63]
    assert fast_verify.signer([public], data, short, library) is None
    assert fast_verify.signer([public], rest, signature, library) == public
