"""The one-pass reader of record lines gives exactly what parsing all lines strictly and then hashing gives."""

from __future__ import annotations

import hashlib
import json
import uuid

import orjson
import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hq.conftest import make_record
from wingdesk.hq.contents import read_contents
from wingdesk.hq.record_rows import rows_of
from wingdesk.sync import payload
from wingdesk.sync.bundle import verify_bundle
from wingdesk.sync.errors import RecordInvalid, SyncError
from wingdesk.sync.record_lines import dump_line
from wingdesk.sync.strict_json import bmp_only, loads_strict

_IDS = [str(uuid.UUID(int=n, version=4)) for n in range(1, 4)]
# text that would mislead a reader cutting the body out of the line by searching for its neighbours
_TRICKY = ['"body":', ',"content_hash":', '},"content_hash":"', 'x"body', "\U0001f600", "\ue000", "ü", "\n", "\\"]
_TEXT = st.text(max_size=6) | st.sampled_from(_TRICKY)
_KEYS = st.sampled_from(["a", "body", "content_hash", 'x"body', "\ue000", "\U0001f600"]) | _TEXT
_PLAIN = st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | _TEXT
_LEAF = st.one_of(*[_PLAIN] * 8, st.sampled_from([2**53, 2**70, 1.5]))  # now and then what RFC 8785 refuses
_JSON = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3))
_ENVELOPE_VALUE = (
    _TEXT
    | st.none()
    | st.booleans()
    | st.sampled_from([0, 7, 2**53 - 1, 2**53, 2**64])
    | st.dictionaries(_KEYS, _JSON, max_size=2)
    | st.lists(_JSON, max_size=2)
)


def _hash(body) -> str:
    try:
        return hashlib.sha256(rfc8785.dumps(body)).hexdigest()
    except rfc8785.CanonicalizationError:
        return "0" * 64


_FLAWS = ["none"] * 14 + ["id", "rev", "kind", "hash", "field", "spaced", "cut", "flipped"]


@st.composite
def _line(draw) -> bytes:
    """A record line as a wing writes it, or now and then with one flaw."""
    body = draw(st.dictionaries(_KEYS, _JSON, max_size=4))
    record = {
        "record_id": draw(st.sampled_from(_IDS)),
        "rev": draw(st.sampled_from([1, 2])),
        "kind": "observation",
        "content_hash": _hash(body),
        "body": body,
    }
    for name in draw(st.lists(st.sampled_from(sorted(payload.RECORD_OPTIONAL)), max_size=3, unique=True)):
        record[name] = draw(_ENVELOPE_VALUE)
    flaw = draw(st.sampled_from(_FLAWS))
    record.update(
        {
            "id": {"record_id": "not-a-uuid"},
            "rev": {"rev": draw(st.sampled_from([0, True, "1"]))},
            "kind": {"kind": "\x00"},
            "hash": {"content_hash": draw(st.sampled_from(["f" * 64, "bad"]))},
            "field": {"zzz": 1},
        }.get(flaw, {})
    )
    try:
        line = dump_line(record)
    except RecordInvalid:  # a lone surrogate
        return b'{"record_id":1}'
    if flaw == "spaced":
        line = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    elif flaw == "cut":
        line = line[: draw(st.integers(0, len(line)))]
    elif flaw == "flipped":
        at = draw(st.integers(0, len(line) - 1))
        line = line[:at] + bytes([line[at] ^ draw(st.sampled_from([1, 2, 32, 64]))]) + line[at + 1 :]
    return line.replace(b"\n", b"\\n")


def _two_steps(text: bytes, count: int):
    """The reference: every line through the strict reader first, then each body hashed (the reader before)."""
    try:
        records = payload.decode_records(text, 0, count)
    except SyncError as error:
        return "unreadable", str(error)
    rows: dict = {}
    try:
        for record in records:
            digest, body = payload.hashed_body(record["body"])
            if digest != record["content_hash"]:
                raise RecordInvalid("content_hash")
            key = (record["record_id"], record["rev"])
            if key in rows and rows[key][3] != digest:
                raise RecordInvalid("duplicate_record")
            rows[key] = (key[0], key[1], record["kind"], digest, body)
    except SyncError as error:
        return "failed", str(error)
    return "rows", list(rows.values())


def _one_pass(text: bytes, count: int):
    try:
        rows, failure = rows_of(payload.record_lines(text, 0, count), bmp_only(text))
    except SyncError as error:
        return "unreadable", str(error)
    return ("failed", str(failure)) if failure else ("rows", rows)


def _resent(line: bytes, other_kind: bool) -> bytes:
    """A record sent again: the same line, or the same record and body under another kind."""
    if not other_kind:
        return line
    try:
        record = orjson.loads(line)
        return dump_line(dict(record, kind="log_entry")) if type(record) is dict else line
    except (orjson.JSONDecodeError, RecordInvalid):
        return line


@settings(max_examples=600, deadline=None)
@given(lines=st.lists(_line(), min_size=1, max_size=5), repeat=st.integers(0, 5), other_kind=st.booleans())
def test_one_pass_equals_parse_then_hash(lines, repeat, other_kind):
    if repeat < len(lines):  # a record sent twice, as a wing may re-send it
        lines.append(_resent(lines[repeat], other_kind))
    text = b"\n".join(lines) + b"\n"
    outcome = _one_pass(text, len(lines))
    assert outcome == _two_steps(text, len(lines))
    if outcome[0] == "rows":  # and, independently of both readers: each stored body is its record's RFC 8785 text
        for _record_id, _rev, _kind, digest, body in outcome[1]:
            assert body == rfc8785.dumps(loads_strict(body)) and hashlib.sha256(body).hexdigest() == digest


def _record(body: dict, **envelope) -> dict:
    return {"record_id": _IDS[0], "rev": 1, "kind": "observation", "content_hash": _hash(body), "body": body} | envelope


def _rows(*records: dict):
    lines = [dump_line(record) for record in records]
    return rows_of(lines, bmp_only(b"".join(lines)))


def test_a_canonical_body_is_stored_as_the_bytes_it_came_in():
    body = {"z": ["Ђорђе", {"a": None}], "a": 'he said "body": no'}
    rows, failure = _rows(_record(body, author_user_id=_IDS[1], hlc="0001"))
    assert failure is None
    assert rows == [(_IDS[0], 1, "observation", _hash(body), rfc8785.dumps(body))]


@pytest.mark.parametrize(
    "body, envelope",
    [
        ({"note": "x"}, {"hlc": {"a": 1, "content_hash": _hash({"note": "y"})}}),  # a decoy after the body
        ({"note": "x"}, {"author_user_id": {"body": {"note": "y"}}}),  # and one before it
        ({"x": {"a": 1, "content_hash": "0" * 64}}, {}),  # the neighbour's key inside the body
        ({"\ue000": 1, "\U0001f600": 2}, {}),  # RFC 8785 orders these keys unlike the line (by UTF-16 units)
    ],
)
def test_the_stored_body_is_its_rfc8785_text_whatever_surrounds_it(body, envelope):
    rows, failure = _rows(_record(body, **envelope))
    assert failure is None and rows[0][4] == rfc8785.dumps(body)


def test_a_later_unparseable_line_outranks_an_earlier_wrong_hash():
    good = dump_line(_record({"n": 1}))
    wrong_hash = dump_line(_record({"n": 1}) | {"content_hash": "f" * 64})
    rows, failure = rows_of([wrong_hash, good], True)
    assert str(failure) == str(RecordInvalid("content_hash"))
    with pytest.raises(RecordInvalid) as raised:
        rows_of([wrong_hash, b'{"record_id":'], True)
    assert ("unreadable", str(raised.value)) == _two_steps(wrong_hash + b'\n{"record_id":\n', 2)


def _read(ctx, wing, data: bytes):
    verified = verify_bundle(data, lambda _header: wing.keys.sign_public)
    return read_contents(verified, ctx.keys.identities(), ctx.env)


@pytest.mark.parametrize(
    "flaw, expected",
    [
        ("hash", (False, "manifest_mismatch")),  # the manifest is checked before any record's hash
        ("line", (False, "record_invalid")),  # and after every record line has parsed
    ],
)
def test_read_contents_ranks_a_manifest_mismatch_between_lines_and_hashes(ctx, wing, monkeypatch, flaw, expected):
    """A quarantined bundle's reason is the first check it fails, in the order the strict reader had."""
    real_encode, real_dump = payload.encode_plaintext, payload.dump_line
    monkeypatch.setattr(
        payload, "encode_plaintext", lambda manifest, records: real_encode(dict(manifest, seq=99), records)
    )
    records = [make_record(i) for i in range(3)]
    if flaw == "hash":
        records[2]["content_hash"] = "f" * 64
    else:
        monkeypatch.setattr(payload, "dump_line", lambda r: b'{"record_id":' if r is records[2] else real_dump(r))
    contents = _read(ctx, wing, wing.bundle(records))
    assert (contents.readable, contents.failure) == expected
