"""The fast record-line reader says exactly what the strict reader says, for any line, valid or hostile."""

from __future__ import annotations

import json
import uuid

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from wingdesk.sync import payload
from wingdesk.sync.errors import RecordInvalid
from wingdesk.sync.record_lines import dump_line, read_canonical
from wingdesk.sync.strict_json import MAX_DEPTH, loads_object

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=10) | st.sampled_from(
    ["", "\U0001f600", '"\\\b\f\n\r\t\x00\x1f\x7f', "\u2028", "ünïcödé", "Ђорђе"]
)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=12,
)


def _outcome(reader, line: bytes):
    try:
        return ("value", reader(line))
    except RecordInvalid as error:
        return ("error", error.code)


def _strict(line: bytes):
    return loads_object(line, RecordInvalid, "record")


def read_line(line: bytes):
    """What the payload reader does with one line: the fast path's value, else the strict reader's."""
    value = read_canonical(line)
    return _strict(line) if value is None else value


@settings(max_examples=400, deadline=None)
@given(value=st.dictionaries(_TEXT, _VALUES, max_size=5))
def test_canonical_lines_read_back_as_the_strict_reader_reads_them(value):
    line = dump_line(value)
    assert line == json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    assert _outcome(read_line, line) == _outcome(_strict, line)


_MUTATIONS = st.sampled_from(
    [
        lambda b: b.replace(b":", b": ", 1),
        lambda b: b[:-1] + b',"x":1,"x":1}',
        lambda b: b[:-1] + b',"f":1.0}',
        lambda b: b[:-1] + b',"f":1e400}',
        lambda b: b[:-1] + b',"f":[0,-2.5]}',
        lambda b: b[:-1] + b',"f":{"a":[1,{"b":1e+25}]}}',
        lambda b: b[:-1] + b',"f":-0.0}',
        lambda b: b[:-1] + b',"t":"at 08:15. [1.5,2e3]"}',
        lambda b: b[:-1] + b',"n":NaN}',
        lambda b: b"\xef\xbb\xbf" + b,
        lambda b: b + b" ",
        lambda b: b + b"{}",
        lambda b: b[:-1] + b',"s":"\\ud800"}',
        lambda b: b[:-1] + b',"s":"\\u0041"}',
        lambda b: b[:-1] + b',"s":"\\/"}',
        lambda b: b[:-1] + b',"s":"\xff"}',
        lambda b: b[:-1] + b',"big":123456789012345678901234567890}',
        lambda b: b[:-1] + b',"deep":' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}",
        lambda b: b[:-1] + b',"deep":' + b"[" * (MAX_DEPTH - 1) + b"]" * (MAX_DEPTH - 1) + b"}",
        lambda b: b"[" + b + b"]",
        lambda b: b[: len(b) // 2],
    ]
)


@settings(max_examples=300, deadline=None)
@given(value=st.dictionaries(_TEXT, _VALUES, max_size=4), mutate=_MUTATIONS)
def test_hostile_lines_get_the_strict_readers_answer(value, mutate):
    line = mutate(dump_line(value))
    assert _outcome(read_line, line) == _outcome(_strict, line)


def test_fast_path_is_taken_for_canonical_lines():
    """Guards the point of the module: a canonical line never needs the slow reader."""
    line = orjson.dumps({"body": {"text": "Ђорђе ü"}, "rev": 1}, option=orjson.OPT_SORT_KEYS)
    assert read_canonical(line) == {"body": {"text": "Ђорђе ü"}, "rev": 1}


def test_integer_beyond_64_bits_is_written_like_the_standard_encoder():
    assert dump_line({"n": 2**70, "a": 1}) == b'{"a":1,"n":1180591620717411303424}'


def _record(body: dict) -> dict:
    return {"record_id": str(uuid.uuid4()), "rev": 1, "kind": "k", "content_hash": "0" * 64, "body": body}


def _decode(records: list[dict], lines: list[bytes] | None = None):
    manifest = {"kind": "wing->hq", "env": "prod", "bundle_id": str(uuid.uuid4()), "device_id": str(uuid.uuid4())}
    compressed = payload.encode_plaintext(dict(manifest, seq=1), records)
    return payload.decode_plaintext(compressed)


@settings(max_examples=200, deadline=None)
@given(bodies=st.lists(st.dictionaries(_TEXT, _VALUES, max_size=4), min_size=1, max_size=4))
def test_bodies_round_trip(bodies):
    assert [r["body"] for r in _decode([_record(body) for body in bodies]).records] == bodies



def test_a_float_anywhere_leaves_the_fast_path_and_text_that_looks_like_one_does_not_mislead_it():
    """A float in a list, a nested dict or after a negative sign is found, and text shaped like a number token
    ("at 08:15.") or holding many brackets is not taken for a float or for deep nesting."""
    for tail in (b'"f":[0,-2.5]', b'"f":{"a":[1,{"b":1e+25}]}', b'"f":-0.0', b'"f":3E2'):
        line = b'{"a":1,' + tail + b"}"
        assert read_canonical(line) is None
    text = orjson.dumps({"t": "at 08:15. [1.5,2e3]", "n": 2}, option=orjson.OPT_SORT_KEYS)
    assert read_canonical(text) == {"n": 2, "t": "at 08:15. [1.5,2e3]"}
    brackets = orjson.dumps({"t": "[" * MAX_DEPTH}, option=orjson.OPT_SORT_KEYS)
    assert read_canonical(brackets) == {"t": "[" * MAX_DEPTH}
