"""Strict JSON parsing (no duplicate keys, floats, NaN or deep nesting) and canonical JSON (RFC 8785)."""

from __future__ import annotations

import json
from typing import Any

import rfc8785

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


def loads_object(data: bytes | str, error: type[SyncError] = BundleFormatError, where: str = "json") -> dict:
    """Parse a strict JSON object."""
    value = loads_strict(data, error, where)
    if not isinstance(value, dict):
        raise error(where)
    return value


def canonical(value: Any) -> bytes:
    """RFC 8785 canonical bytes of a JSON value (used wherever JSON is signed or hashed)."""
    return rfc8785.dumps(value)
