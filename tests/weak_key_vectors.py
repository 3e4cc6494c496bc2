"""Crafted public keys every entry point must refuse (RFC 8032 / RFC 7748 small- and low-order points).

Shared by the tests of each place a public key enters WingDesk; the bytes are spelled out so that a test does
not depend on the code it checks to find them.
"""

from __future__ import annotations

_FF = "ff" * 30

# The eight points of order 1, 2, 4 and 8, each in its canonical encoding.
SMALL_ORDER_ED25519 = [
    bytes.fromhex(text)
    for text in (
        "01" + "00" * 31,  # identity (order 1)
        "ec" + _FF + "7f",  # y = p - 1 (order 2)
        "00" * 32,  # y = 0 (order 4)
        "00" * 31 + "80",  # y = 0, the other x (order 4)
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  # order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  # order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  # order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  # order 8
    )
]

# Other spellings of small-order points: y >= p, or x = 0 with the sign bit set.
NON_CANONICAL_ED25519 = [
    bytes.fromhex(text)
    for text in (
        "01" + "00" * 30 + "80",  # identity, sign bit set
        "ec" + _FF + "ff",  # order 2, sign bit set
        "ed" + _FF + "7f",  # y = p, i.e. 0
        "ed" + _FF + "ff",
        "ee" + _FF + "7f",  # y = p + 1, i.e. the identity
        "ee" + _FF + "ff",
    )
]

WEAK_ED25519 = SMALL_ORDER_ED25519 + NON_CANONICAL_ED25519

# The identity-key forgery: under this key, cofactorless verification accepts this signature on any message.
FORGERY_KEY = SMALL_ORDER_ED25519[0]
FORGERY_SIGNATURE = bytes([1]) + bytes(63)

# X25519 keys whose shared secret is all zeros (u = 0, 1, the two of order 8, p - 1, p, p + 1), and the same
# with the top bit set (RFC 7748 ignores it).
_LOW_ORDER_X25519 = [
    bytes.fromhex(text)
    for text in (
        "00" * 32,
        "01" + "00" * 31,
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ec" + _FF + "7f",
        "ed" + _FF + "7f",
        "ee" + _FF + "7f",
    )
]
WEAK_X25519 = _LOW_ORDER_X25519 + [key[:31] + bytes([key[31] | 0x80]) for key in _LOW_ORDER_X25519]


def ids(keys: list[bytes]) -> list[str]:
    return [key.hex()[:6] + "…" + key.hex()[-2:] for key in keys]
