"""Fast RFC 8785 content hashing for record bodies, byte-identical to `wingdesk.sync.payload.record_content_hash`.

For JSON as the strict reader produces it (str keys; str, int, bool, None, list and dict values), the C encoder
`json.dumps(sort_keys=True, ensure_ascii=False, separators=(",", ":"))` writes exactly the RFC 8785 bytes, except
in three cases, which are detected and handed to the reference (pure-Python) implementation, so the result and
any error are the reference's:

* integers outside ±(2^53 − 1), which RFC 8785 refuses (checked while walking the value);
* key order: RFC 8785 sorts by UTF-16 code units, Python by code points; they agree unless a non-BMP
  character is present, so any non-BMP character falls back;
* lone surrogates, which RFC 8785 refuses (its UTF-8 encoding fails): covered by the same check.

Floats, tuples, subclasses and any other type also fall back. Escaping is the same in both (`"`, `\\`,
`\\b \\f \\n \\r \\t`, other control characters as lower-case `\\u00xx`; nothing else is escaped).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from wingdesk.sync.payload import record_content_hash

_INT_MAX = 2**53 - 1
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
_OUTSIDE_BMP = re.compile("[\ud800-\udfff\U00010000-\U0010ffff]")
_SCALARS = (str, bool, type(None))


def canonical_text(body: Any) -> str | None:
    """RFC 8785 text of a strict-JSON object, or None when only the reference implementation can tell."""
    if type(body) is not dict:
        return None
    try:
        text = _ENCODER.encode(body)  # first: it refuses circular structures, which the walk below assumes
    except (TypeError, ValueError, RecursionError):
        return None
    if not _plain_json(body):
        return None
    if not text.isascii() and _OUTSIDE_BMP.search(text) is not None:
        return None
    return text


def content_hash(body: Any) -> str:
    """SHA-256 hex of the RFC 8785 bytes of `body`: same result (and errors) as `record_content_hash`."""
    text = canonical_text(body)
    if text is None:
        return record_content_hash(body)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
            if not -_INT_MAX <= item <= _INT_MAX:
                return False
        elif kind not in _SCALARS:
            return False
    return True
