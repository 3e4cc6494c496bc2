"""Canonical JSON bytes for hashing and signing (RFC 8785 JCS for WingDesk's value set).

WingDesk only hashes strings, integers, booleans, null, lists and objects with ASCII keys, for which
sorted keys, no whitespace and UTF-8 output are exactly JCS; floats are refused because their JCS
form is subtle. A test cross-checks this against the `rfc8785` package.
"""

from __future__ import annotations

import json
from typing import Any

MAX_INT = 2**53 - 1  # RFC 8785 / I-JSON: integers beyond this have no exact interoperable form


def _check(value: Any, depth: int = 0) -> None:
    if depth > 32:
        raise ValueError("nesting too deep")
    if isinstance(value, float):
        raise ValueError("floats are not canonicalised")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not key.isascii():
                raise ValueError("keys must be ASCII strings")
            _check(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            _check(item, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise ValueError("integer out of the interoperable range")


def canonical_bytes(value: Any) -> bytes:
    _check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
