"""Ed25519 verification by libsodium (PyNaCl, in the hq extra): about half the CPU of OpenSSL's on HQ's hardware
(65 vs 124 µs a signature, measured on the 2-core test machine), which is most of the cost of ingesting signed
bundles.

Used only where a signature that holds spares work (`hq.authors.vouched_authors`); one it refuses is judged again
by `cryptography`, the library the wings sign with (`hq.authors.author_failure`), so every verdict that quarantines
is that library's. libsodium accepts nothing OpenSSL refuses: both require S < L and compare the encoding of R,
and libsodium also refuses small-order and non-canonical keys and R values. A signature must be exactly 64 bytes
here, because libsodium takes it and the message as one string. Without PyNaCl, `AVAILABLE` is False and
`hq.authors` verifies with `cryptography` alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_open: Callable[[bytes, bytes], bytes] | None
_REFUSED: tuple[type[Exception], ...] = (ValueError, TypeError)  # a key or signature libsodium cannot take
try:
    from nacl.bindings import crypto_sign_open as _open
    from nacl.exceptions import BadSignatureError

    _REFUSED = (BadSignatureError, ValueError, TypeError)
except ImportError:  # the hq extra not installed: hq.authors uses cryptography
    _open = None

AVAILABLE = _open is not None
SIGNATURE_BYTES = 64


def signer(keys: Sequence[bytes], data: bytes, signature: bytes) -> bytes | None:
    """The key among `keys` (raw 32-byte Ed25519 public keys) whose signature `signature` is over `data`, or None."""
    if _open is None or len(signature) != SIGNATURE_BYTES:
        return None
    signed = signature + data
    for key in keys:
        try:
            _open(signed, key)
        except _REFUSED:  # this key does not vouch
            continue
        return key
    return None
