"""The one check every public key passes before WingDesk stores it or verifies with it.

Rule (docs/sync-bundle.md §9):

* **Ed25519** (signing keys). Refused unless the 32 bytes are the canonical encoding of a curve point that is not
  of small order. Decoding follows RFC 8032 §5.1.3; refused are: a y coordinate >= p; bytes that decode to no
  point; x = 0 with the sign bit set; and any point P with [8]P = identity — the eight points of small order,
  under all their encodings. `cryptography` (cofactorless RFC 8032 verification) accepts *any* message under the
  identity key `01 00…00` with the signature `01 00…00 | 00…00`; key generation never makes such a key, so one
  that arrives was crafted.
* **X25519** (encryption keys, age recipients). Refused unless the 32 bytes are canonical (u < p, top bit clear)
  and an X25519 exchange with them does not give the all-zero shared secret — the low-order keys, with which the
  "secret" would be known to anyone. The exchange is `cryptography`'s, which refuses an all-zero result; one
  clamped private key suffices, since a clamped scalar is a multiple of 8 below 8·l and so maps exactly the
  points of order dividing 8 to zero.

Mixed-order points (a genuine point plus a small-order one) are not refused here: they do not let anyone sign
without the private key, and finding them needs a full scalar multiplication per key.
"""

from __future__ import annotations

import functools

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from wingdesk.crypto import bech32
from wingdesk.domain.errors import IntegrityError

KEY_LEN = 32
_P = 2**255 - 19
_D = -121665 * pow(121666, -1, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
_PROBE = X25519PrivateKey.generate()  # any private key will do (see above); never leaves this module


class WeakPublicKey(IntegrityError):
    """A public key WingDesk refuses (small order, low order or not canonical); nothing was stored."""

    code = "weak_public_key"


def _decode(raw: bytes) -> tuple[int, int] | None:
    """RFC 8032 §5.1.3: the point (x, y) for a canonical encoding, None for anything else."""
    number = int.from_bytes(raw, "little")
    sign, y = number >> 255, number & ((1 << 255) - 1)
    if y >= _P:
        return None
    u, v = (y * y - 1) % _P, (_D * y * y + 1) % _P
    x = u * pow(v, 3, _P) * pow(u * pow(v, 7, _P), (_P - 5) // 8, _P) % _P
    if v * x * x % _P == (-u) % _P:
        x = x * _SQRT_M1 % _P
    if v * x * x % _P != u:
        return None
    if x == 0 and sign:
        return None
    return (_P - x if x & 1 != sign else x), y


def _times_eight_is_identity(x: int, y: int) -> bool:
    """[8]P = identity, by three doublings in projective coordinates (X:Y:Z) on -x² + y² = 1 + d·x²·y².

    The doubling (Bernstein et al. 2008, "dbl-2008-bbjlp" with a = -1) is exact for every point on this curve:
    its denominators are 1 ± d·x²·y², never zero because d is not a square mod p.
    """
    big_x, big_y, big_z = x, y, 1
    for _ in range(3):
        b, c, d = (big_x + big_y) ** 2 % _P, big_x * big_x % _P, big_y * big_y % _P
        f = (d - c) % _P
        j = (f - 2 * big_z * big_z) % _P
        big_x, big_y, big_z = (b - c - d) * j % _P, f * (-c - d) % _P, f * j % _P
    return big_x == 0 and big_y == big_z


@functools.lru_cache(maxsize=4096)  # the same few user and device keys are checked at every verification
def _weak_ed25519(raw: bytes) -> bool:
    point = _decode(raw)
    return point is None or _times_eight_is_identity(*point)


def is_weak_ed25519(raw: bytes) -> bool:
    """True for anything but the canonical encoding of an Ed25519 point outside the small-order subgroup."""
    if not isinstance(raw, bytes | bytearray) or len(raw) != KEY_LEN:
        return True
    return _weak_ed25519(bytes(raw))


def is_weak_x25519(raw: bytes) -> bool:
    """True for a non-canonical X25519 key or one whose shared secret is all zeros."""
    if not isinstance(raw, bytes | bytearray) or len(raw) != KEY_LEN:
        return True
    return _weak_x25519(bytes(raw))


@functools.lru_cache(maxsize=1024)
def _weak_x25519(raw: bytes) -> bool:
    if int.from_bytes(raw, "little") >= _P:
        return True  # also catches the top bit set (RFC 7748 masks it: a second spelling of the same key)
    try:
        _PROBE.exchange(X25519PublicKey.from_public_bytes(raw))
    except ValueError:  # cryptography refuses the all-zero shared secret
        return True
    return False


def is_weak_age_recipient(text: str) -> bool:
    """True unless `text` is an `age1…` X25519 recipient whose key passes `is_weak_x25519`."""
    try:
        hrp, raw = bech32.decode(text)
    except (ValueError, TypeError, AttributeError):
        return True
    return hrp != "age" or is_weak_x25519(raw)


def require_ed25519(raw: bytes) -> bytes:
    """`raw` itself, or WeakPublicKey."""
    if is_weak_ed25519(raw):
        raise WeakPublicKey()
    return raw


def require_age_recipient(text: str) -> str:
    """`text` itself, or WeakPublicKey."""
    if is_weak_age_recipient(text):
        raise WeakPublicKey()
    return text
