"""Bech32 (BIP 173) text encoding, needed to hand raw X25519 keys to age as `age1…`/`AGE-SECRET-KEY-1…`."""

from __future__ import annotations

_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def _polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i in range(5):
            chk ^= _GEN[i] if (top >> i) & 1 else 0
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _convert(data: bytes | list[int], from_bits: int, to_bits: int, pad: bool) -> list[int]:
    acc = bits = 0
    out: list[int] = []
    maxv = (1 << to_bits) - 1
    for value in data:
        acc = (acc << from_bits) | value
        bits += from_bits
        while bits >= to_bits:
            bits -= to_bits
            out.append((acc >> bits) & maxv)
    if pad and bits:
        out.append((acc << (to_bits - bits)) & maxv)
    elif not pad and (bits >= from_bits or (acc << (to_bits - bits)) & maxv):
        raise ValueError("bech32 padding")
    return out


def encode(hrp: str, data: bytes) -> str:
    """Encode bytes under a lower-case human-readable part."""
    five = _convert(data, 8, 5, True)
    chk = _polymod(_hrp_expand(hrp) + five + [0] * 6) ^ 1
    checksum = [(chk >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(_CHARSET[d] for d in five + checksum)


def decode(text: str) -> tuple[str, bytes]:
    """Decode a Bech32 string (either case) to (hrp, bytes); ValueError when malformed."""
    lowered = text.lower()
    if text not in (lowered, text.upper()) or "1" not in lowered:
        raise ValueError("bech32 case")
    pos = lowered.rfind("1")
    hrp, rest = lowered[:pos], lowered[pos + 1 :]
    if not hrp or len(rest) < 6 or any(c not in _CHARSET for c in rest):
        raise ValueError("bech32 chars")
    values = [_CHARSET.index(c) for c in rest]
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise ValueError("bech32 checksum")
    return hrp, bytes(_convert(values[:-6], 5, 8, False))
