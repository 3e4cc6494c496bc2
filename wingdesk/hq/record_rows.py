"""A bundle's record lines to the rows HQ stores: parsed, checked and hashed in one pass over each line.

The result is exactly that of the two-step reader — parse every line strictly (`payload.decode_records`), then
hash every body (`payload.hashed_body`) — including which error wins when several lines are bad: a line that
does not parse or fails its envelope check raises at once (the first such line, as the strict reader would); a
body whose hash is wrong, a record repeated with other content, or a body RFC 8785 refuses is only noted (the
first one), because the strict reader would have gone on to parse the lines after it and reported theirs first.

One pass is ~25% less CPU per 1 MB bundle than the two steps (each line is parsed, re-encoded and hashed while
it is in the cache), and a canonical line's body is hashed and stored as the very bytes it was sent in instead
of being encoded again: in a canonical line (`record_lines.read_canonical`) the body's bytes are its RFC 8785
form whenever the plaintext is BMP-only (`strict_json.bmp_only`). Where that is not established the body is
encoded by `hashed_body` as before.
"""

from __future__ import annotations

import hashlib
from typing import Any

from wingdesk.hq.clock_skew import WrittenBehind
from wingdesk.hq.repository import RowTuple
from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.payload import check_record, hashed_body
from wingdesk.sync.record_lines import read_canonical
from wingdesk.sync.strict_json import loads_object

_BODY = b'"body":'
# the key after "body" in every record: RFC 8785 sorts the envelope's keys, and no allowed key sorts between them
_AFTER_BODY = b',"content_hash":'
_SCALARS = frozenset({str, int, bool, type(None)})


def rows_of(lines: list[bytes], bmp_text: bool,
            clock: WrittenBehind | None = None) -> tuple[list[RowTuple], RecordInvalid | None]:
    """The rows of a bundle's record lines (RecordRow fields as tuples; a record sent twice with the same content
    is one row), and the first hash-time failure if there was one (then the rows are incomplete and not to be
    stored). Raises the first line's parse or envelope error. `bmp_text`: no line holds a character outside the
    Basic Multilingual Plane. `clock` sees each well-formed record line (hq.clock_skew)."""
    rows: dict[tuple[str, int], RowTuple] = {}
    failure: RecordInvalid | None = None
    sha256 = hashlib.sha256
    for line in lines:
        record = read_canonical(line)
        as_sent = record is not None and bmp_text
        if record is None:
            record = loads_object(line, RecordInvalid, "record")
        check_record(record)
        if clock is not None:
            clock.see(record)
        if failure is not None:  # only the later lines' parse errors matter now
            continue
        if as_sent and _flat_envelope(record):
            body = line[line.find(_BODY) + len(_BODY) : line.rfind(_AFTER_BODY)]
            digest = sha256(body).hexdigest()
        else:
            try:
                digest, body = hashed_body(record["body"])
            except RecordInvalid as error:
                failure = error
                continue
        if digest != record["content_hash"]:
            failure = RecordInvalid("content_hash")
            continue
        key = (record["record_id"], record["rev"])
        earlier = rows.get(key)
        if earlier is not None and earlier[3] != digest:
            failure = RecordInvalid("duplicate_record")
            continue
        rows[key] = (key[0], key[1], record["kind"], digest, body)
    return list(rows.values()), failure


def _flat_envelope(record: dict[str, Any]) -> bool:
    """Every value but the body is a string, number, boolean or null (the envelope's own fields: `check_record`
    has limited the keys to them). Then, in the canonical line, the first `"body":` is the record's own key (only
    `author_user_id` sorts before it, and a string cannot hold an unescaped quote), and the last
    `,"content_hash":` follows the body's closing brace: nothing after it holds a container."""
    containers = 0
    for value in record.values():
        if type(value) not in _SCALARS:
            containers += 1
    return containers == 1
