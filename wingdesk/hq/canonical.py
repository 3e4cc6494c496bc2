"""Content hashing of record bodies at HQ, byte-identical to `wingdesk.sync.payload.record_content_hash`."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.strict_json import canonical

_SORTED = orjson.OPT_SORT_KEYS


def hashed_body(body: Any, rfc8785_safe: bool = False) -> tuple[str, bytes]:
    """(SHA-256 hex, RFC 8785 bytes) of a record body; RecordInvalid when RFC 8785 refuses it (e.g. a huge int).

    `rfc8785_safe`: the body comes from a payload whose lines were all vouched for (payload.Decoded), so orjson's
    encoding needs no further checks; otherwise `canonical` decides (its fast path, or the reference).
    """
    try:
        text = orjson.dumps(body, option=_SORTED) if rfc8785_safe else canonical(body)
    except ValueError:  # rfc8785.CanonicalizationError, or a lone surrogate
        raise RecordInvalid("record.body") from None
    return hashlib.sha256(text).hexdigest(), text
