"""Fast RFC 8785 content hashing for record bodies, byte-identical to `wingdesk.sync.payload.record_content_hash`.

For JSON as the strict reader produces it (str keys; str, int, bool, None, list and dict values), orjson with
sorted keys writes exactly the RFC 8785 bytes (same escapes: `"`, `\\`, `\\b \\f \\n \\r \\t`, other control
characters as lower-case `\\u00xx`, nothing else), except in cases that are detected and handed to the reference
(pure-Python) implementation, so the result and any error are the reference's:

* integers outside ±(2^53 − 1), which RFC 8785 refuses (checked while walking the value);
* key order: RFC 8785 sorts by UTF-16 code units, orjson by code points; they agree unless a character outside
  the Basic Multilingual Plane is present (a 4-byte UTF-8 sequence, lead byte 0xF0–0xF4), so any such text falls
  back; lone surrogates cannot be encoded to UTF-8 at all, so orjson refuses them and they fall back too;
* floats, tuples, subclasses, any other type, and nesting beyond orjson's limit.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from wingdesk.domain.canonical import MAX_INT
from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.record_lines import bmp_only
from wingdesk.sync.strict_json import canonical

_SORTED = orjson.OPT_SORT_KEYS
_SCALARS = (str, bool, type(None))


def canonical_bytes(body: Any) -> bytes | None:
    """RFC 8785 bytes of a strict-JSON object, or None when only the reference implementation can tell."""
    if type(body) is not dict:
        return None
    try:
        text = orjson.dumps(body, option=_SORTED)  # first: it refuses circular structures, which the walk assumes
    except orjson.JSONEncodeError:
        return None
    if not _plain_json(body) or not bmp_only(text):
        return None
    return text


def hashed_body(body: Any, rfc8785_safe: bool = False) -> tuple[str, str]:
    """(SHA-256 hex, RFC 8785 text) of a record body; RecordInvalid when RFC 8785 refuses it (e.g. a huge int).

    `rfc8785_safe`: the body comes from a payload whose lines were all vouched for (payload.Decoded), so orjson's
    encoding needs no further checks.
    """
    text = orjson.dumps(body, option=_SORTED) if rfc8785_safe else canonical_bytes(body)
    if text is None:
        try:
            text = canonical(body)
        except ValueError:  # rfc8785.CanonicalizationError, or a lone surrogate
            raise RecordInvalid("record.body") from None
    return hashlib.sha256(text).hexdigest(), text.decode("utf-8")


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
