"""Strict JSON parsing (no duplicate keys, floats, NaN or deep nesting) and canonical JSON (RFC 8785).

`canonical` writes RFC 8785 bytes with orjson (sorted keys) where that is provably the same text, and with the
reference implementation (`rfc8785`, pure Python, ~10x slower) otherwise. For the values this reader produces
(str keys; str, int, bool, None, list and dict values) orjson with sorted keys writes exactly the RFC 8785 bytes
(same escapes: `"`, `\\`, `\\b \\f \\n \\r \\t`, other control characters as lower-case `\\u00xx`, nothing else),
except in cases that are detected and handed to the reference, so the result and any error are the reference's:

* integers outside ±(2^53 − 1), which RFC 8785 refuses (checked while walking the value);
* key order: RFC 8785 sorts by UTF-16 code units, orjson by code points; they agree unless a character outside
  the Basic Multilingual Plane is present (a 4-byte UTF-8 sequence, lead byte 0xF0–0xF4), so any such text falls
  back; lone surrogates cannot be encoded to UTF-8 at all, so orjson refuses them and they fall back too;
* floats, tuples, subclasses, any other type, a top level that is not an object, and nesting beyond orjson's limit.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import rfc8785

from wingdesk.domain.canonical import MAX_INT
from wingdesk.sync.errors import BundleFormatError, SyncError

MAX_DEPTH = 32


def _no_float(_text: str) -> Any:
    raise ValueError("float")


def _no_constant(_text: str) -> Any:
    raise ValueError("constant")


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_float=_no_float, parse_constant=_no_constant, strict=True)


def depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Return True when containers nest no deeper than `limit` (iterative, no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            if depth >= limit:
                return False
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            if depth >= limit:
                return False
            stack.extend((v, depth + 1) for v in item)
    return True


def loads_strict(data: bytes | str, error: type[SyncError] = BundleFormatError, where: str = "json") -> Any:
    """Parse JSON strictly; raise `error(where)` on anything a lenient parser would let through."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes | bytearray | memoryview) else data
        value, end = _DECODER.raw_decode(text)
        if text[end:].strip(" \t\r\n"):
            raise ValueError("trailing data")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise error(where) from None
    if not depth_ok(value):
        raise error(where)
    return value


def loads_object(data: bytes | str, error: type[SyncError] = BundleFormatError, where: str = "json") -> dict[str, Any]:
    """Parse a strict JSON object."""
    value = loads_strict(data, error, where)
    if not isinstance(value, dict):
        raise error(where)
    return value


def has_version(doc: dict[str, Any], version: int) -> bool:
    """`doc["v"]` is exactly the integer `version` (JSON `true` equals 1 in Python, and is no version)."""
    return type(doc.get("v")) is int and doc["v"] == version


def canonical(value: Any) -> bytes:
    """RFC 8785 canonical bytes of a JSON value (used wherever JSON is signed or hashed); ValueError (e.g.
    rfc8785.CanonicalizationError) where RFC 8785 has no form for it."""
    fast = fast_canonical(value)
    return fast if fast is not None else rfc8785.dumps(value)


def fast_canonical(value: Any) -> bytes | None:
    """orjson's sorted-key bytes of an object when they are its RFC 8785 bytes (see above), else None."""
    if type(value) is not dict:
        return None
    try:
        text = orjson.dumps(value, option=_SORTED)  # first: it refuses circular structures, which the walk assumes
    except orjson.JSONEncodeError:
        return None
    if not _plain_json(value) or not bmp_only(text):
        return None
    return text


_SORTED = orjson.OPT_SORT_KEYS
_SCALARS = (str, bool, type(None))
_NON_BMP_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")  # one memchr each: 2x faster than a translate


def bmp_only(text: bytes) -> bool:
    """No 4-byte UTF-8 sequence (lead byte 0xF0–0xF4), i.e. no character outside the Basic Multilingual Plane:
    there, sorting keys by code point (orjson) and by UTF-16 code unit (RFC 8785) agree."""
    return text.isascii() or not any(lead in text for lead in _NON_BMP_LEADS)


def _plain_json(value: Any) -> bool:
    """Only exact dict/list/str/int/bool/None, integers within the RFC 8785 range, and str keys."""
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)
        if kind is str:
            continue
        if kind is dict:
            for key in item:
                if type(key) is not str:
                    return False
            extend(item.values())
        elif kind is list:
            extend(item)
        elif kind is int:
            if not -MAX_INT <= item <= MAX_INT:
                return False
        elif kind not in _SCALARS:
            return False
    return True
