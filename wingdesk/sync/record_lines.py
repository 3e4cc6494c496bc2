"""Record lines, fast: written as canonical JSON by orjson, read by orjson only where the strict reader agrees.

A wing writes every record line as RFC 8785 JSON (sorted keys, no spaces, UTF-8; what
`json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))` writes for the JSON a record holds).
The reader parses a line with orjson and keeps the result only when re-encoding it gives back the very same
bytes and the value is plain JSON (exact dict/list/str/int/bool/None, integers within ±(2^53 − 1), nesting
below the strict limit). Equal bytes rule out everything a lenient parse could hide: duplicate keys (the dict
loses one and re-encodes shorter), spaces, odd escapes, a byte-order mark, trailing data. Any other line —
non-canonical but perhaps valid, or invalid — goes to `strict_json.loads_object`, so its value or its error is
exactly the strict reader's (`payload.decode_records`). The fast path only ever decides "same as the
reference", never "accept".
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.strict_json import MAX_DEPTH

_SORTED = orjson.OPT_SORT_KEYS
_CANONICAL = orjson.OPT_SORT_KEYS | orjson.OPT_STRICT_INTEGER


def dump_line(record: dict[str, Any]) -> bytes:
    """One record line in canonical form (the caller has checked it is strict JSON)."""
    try:
        return orjson.dumps(record, option=_SORTED)
    except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits: the standard encoder writes it the same way
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: not text
        raise RecordInvalid("record.json") from None


def read_canonical(line: bytes) -> dict[str, Any] | None:
    """The line's object when the fast path can vouch for it (canonical and plain), else None.

    Re-encoding with orjson's 53-bit integer limit (it raises beyond ±(2^53 − 1)) and comparing bytes leaves
    two things to look for: a float, and nesting beyond the cap.
    """
    value = canonical_object(line)
    return value if value is not None and _shallow_without_floats(value, 0) else None


def canonical_object(line: bytes) -> dict[str, Any] | None:
    """The line's object when re-encoding it gives back the very same bytes (no duplicate key, space or odd
    escape; integers within ±(2^53 − 1)), else None. Unlike `read_canonical`, a float or deep nesting is not
    looked for: a reader that the strict one has already accepted the same line from may use it (its value is
    then the strict reader's)."""
    try:
        value = orjson.loads(line)
        if type(value) is not dict or orjson.dumps(value, option=_CANONICAL) != line:
            return None
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    return value


def _shallow_without_floats(container: dict[str, Any] | list[Any], depth: int) -> bool:
    """No float, and containers at depth < MAX_DEPTH, in a value orjson parsed (its only other types are dict,
    list, str, int, bool and None). Recursion is bounded by MAX_DEPTH; a record has two or three containers."""
    if depth >= MAX_DEPTH:
        return False
    child: Any  # a parsed JSON value
    for child in container.values() if type(container) is dict else container:
        kind = type(child)
        if kind is dict or kind is list:
            if not _shallow_without_floats(child, depth + 1):
                return False
        elif kind is float:
            return False
    return True
