"""Fast Ed25519 verification for HQ's check of the authors' signatures, restricted to signatures `cryptography`
(OpenSSL, the library the wings sign and verify with) accepts too.

Most of the CPU of ingesting a signed bundle is one verification per record. Measured on the 2-core test machine
(3,000 signatures over 250-byte statements, same run): ed25519-zebra (Rust, `py-ed25519-zebra-bindings`) 45-47 µs,
libsodium 71-74 µs (Debian's) and 77-82 µs (PyNaCl's), OpenSSL 124-149 µs. So ed25519-zebra is used when it is
installed (the hq extra), else libsodium (PyNaCl), else `AVAILABLE` is False and `hq.authors` uses `cryptography`.

Used only where a signature that holds spares work (`hq.authors.vouched_authors`); one this module does not vouch
for is judged again by `cryptography` (`hq.authors.author_failure`), so every verdict that quarantines is that
library's. What the fast path vouches for must therefore be a signature `cryptography` accepts:

* libsodium accepts nothing OpenSSL refuses: both require S < L and compare the encoding of R, and libsodium also
  refuses small-order and non-canonical keys and R values.
* ed25519-zebra implements ZIP 215: S < L, but any encoding of A and R that decodes, and the cofactored equation
  [8](S·B − R − k·A) = 0 where OpenSSL checks S·B − k·A = R byte for byte. Here it vouches only when, in addition,
  R is canonically encoded (y < p, and not x = 0 with the sign bit set: OpenSSL's byte comparison refuses every
  other spelling) and the key is a canonical point of the prime-order subgroup (libsodium's
  `crypto_core_ed25519_is_valid_point`, once per key), and R is not itself of small order (`SMALL_ORDER`).
  What remains between the two is an R of mixed order (a point of the prime-order subgroup plus one of small
  order): telling it apart costs a scalar multiplication per signature (57-60 µs with libsodium, more than the
  verification), and making one takes the signer's own private key, as the cofactored equation still binds S to
  it. So an author, and only that author, can sign their own line so that HQ stores it as theirs while
  `cryptography` refuses it: HQ's own exact check (`author_failure`, when the fast path did not settle a bundle)
  would quarantine it, and on a wing `wingdesk verify`, a PC rebuilt from HQ and a transfer's receiving wing
  name that line's signature as not holding. Wings sign with `cryptography`, which never makes such a signature;
  one found is evidence of a doctored signing tool, and under the cofactored equation still of its author.
  tests/hq/test_fast_verify.py holds each case.

A signature must be exactly 64 bytes here (libsodium takes it and the message as one string).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

SIGNATURE_BYTES = 64
_P = 2**255 - 19
_Y_MASK = (1 << 255) - 1
# The canonical encodings of the eight points of order dividing 8 (the identity, one of order 2, two of order 4,
# four of order 8): the whole torsion group, as tests/hq/test_fast_verify.py checks (closed under addition).
SMALL_ORDER = frozenset(bytes.fromhex(point) for point in (
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
))

_zebra: Callable[[bytes, bytes, bytes], bool] | None
try:
    from ed25519_zebra import ed_verify as _zebra
except ImportError:  # the hq extra not installed
    _zebra = None

_open: Callable[[bytes, bytes], bytes] | None
_valid_point: Callable[[bytes], bool] | None
_REFUSED: tuple[type[Exception], ...] = (ValueError, TypeError)  # a key or signature libsodium cannot take
try:
    from nacl.bindings import crypto_core_ed25519_is_valid_point as _valid_point
    from nacl.bindings import crypto_sign_open as _open
    from nacl.exceptions import BadSignatureError

    _REFUSED = (BadSignatureError, ValueError, TypeError)
except ImportError:
    _open = _valid_point = None

LIBRARY = "ed25519-zebra" if _zebra is not None and _valid_point is not None else "libsodium" if _open else ""
AVAILABLE = bool(LIBRARY)


def canonical_r(signature: bytes) -> bool:
    """The signature's R is the one encoding RFC 8032 gives its point: y < p, and not (x = 0 with the sign bit).
    x = 0 exactly for y = ±1; this does not decode R (ed25519-zebra does), it only refuses other spellings."""
    number = int.from_bytes(signature[:32], "little")
    y = number & _Y_MASK
    return y < _P and not (number >> 255 and y in (1, _P - 1))


@functools.lru_cache(maxsize=4096)  # the same few authors' keys are checked in every bundle
def prime_order_key(key: bytes) -> bool:
    """A canonical point of the prime-order subgroup (neither small nor mixed order)."""
    return _valid_point is not None and len(key) == 32 and bool(_valid_point(key))


def _zebra_signer(keys: Sequence[bytes], data: bytes, signature: bytes) -> bytes | None:
    assert _zebra is not None
    if not canonical_r(signature) or signature[:32] in SMALL_ORDER:
        return None
    for key in keys:
        if prime_order_key(key) and _zebra(signature, data, key):
            return key
    return None


def _sodium_signer(keys: Sequence[bytes], data: bytes, signature: bytes) -> bytes | None:
    assert _open is not None
    signed = signature + data
    for key in keys:
        try:
            _open(signed, key)
        except _REFUSED:  # this key does not vouch
            continue
        return key
    return None


def signer(keys: Sequence[bytes], data: bytes, signature: bytes, library: str | None = None) -> bytes | None:
    """The key among `keys` (raw 32-byte Ed25519 public keys) whose signature `signature` is over `data`, or None.
    `library` ("ed25519-zebra" or "libsodium") overrides the choice, for tests."""
    library = LIBRARY if library is None else library
    if len(signature) != SIGNATURE_BYTES:
        return None
    if library == "ed25519-zebra" and _zebra is not None and _valid_point is not None:
        return _zebra_signer(keys, data, signature)
    if library == "libsodium" and _open is not None:
        return _sodium_signer(keys, data, signature)
    return None
