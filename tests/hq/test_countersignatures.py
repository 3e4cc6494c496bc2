"""HQ's countersignature check answers every line a bundle can carry, however it is shaped, and never raises."""

from __future__ import annotations

import json
import uuid

import pytest

from wingdesk.crypto import signing
from wingdesk.hq.countersignatures import verify_countersignature

_SEED = signing.new_seed()


def _line(payload: object, *, sign: bool = True) -> dict:
    """A countersignature line signed with a key of its own (what HQ checks when the signer is not registered)."""
    signature = signing.sign(_SEED, signing.COUNTERSIGN_PREFIX, payload) if sign else b"\0" * 64
    return {
        "signer_id": "sup-1",
        "day": "2026-11-26",
        "payload": json.dumps(payload),
        "signer_public_key": signing.public_key(_SEED).hex(),
        "signature": signature.hex(),
    }


def _no_records(record_id, revision):
    return {}.get((record_id, revision))  # as HQ looks them up: an unhashable id raises here


@pytest.mark.parametrize(
    "entries",
    [
        [1],
        ["x"],
        [{"id": "r1"}],
        [{"id": ["r1"], "revision": 1, "content_sha256": "0"}],
        "not-a-list",
        7,
        {"id": "r1"},
    ],
)
def test_a_correctly_signed_payload_of_the_wrong_shape_is_malformed(entries):
    payload = {"signer_id": "sup-1", "day": "2026-11-26", "entries": entries}
    assert verify_countersignature(_line(payload), _no_records, {}.get) == (False, "malformed")


def test_a_record_body_of_the_wrong_shape_is_malformed():
    entry = {"id": str(uuid.uuid4()), "revision": 1, "content_sha256": "0" * 64}
    payload = {"signer_id": "sup-1", "day": "2026-11-26", "entries": [entry]}
    assert verify_countersignature(_line(payload), lambda _i, _r: {"no": "record"}, {}.get) == (False, "malformed")


@pytest.mark.parametrize("entry", [{"id": "r1\x00"}, {"id": "not-a-uuid"}, {"revision": 0}, {"revision": True},
                                   {"content_sha256": None}])
def test_an_entry_no_line_can_match_is_malformed_and_never_looked_up(entry):
    """Ids that are not UUIDs and revisions out of range would reach the database (a NUL fails PostgreSQL)."""
    asked = []
    full = {"id": str(uuid.uuid4()), "revision": 1, "content_sha256": "0" * 64} | entry
    payload = {"signer_id": "sup-1", "day": "2026-11-26", "entries": [full]}
    assert verify_countersignature(_line(payload), lambda *key: asked.append(key), {}.get) == (False, "malformed")
    assert asked == []


@pytest.mark.parametrize("text", ["[]", '"text"', "1", "[" * 100_000 + "]" * 100_000, "{"])
def test_a_payload_that_is_not_a_json_object_is_malformed(text):
    line = dict(_line({"signer_id": "sup-1"}), payload=text)
    assert verify_countersignature(line, _no_records, {}.get) == (False, "malformed")


def test_the_shapes_above_are_checked_only_after_the_signature():
    payload = {"signer_id": "sup-1", "day": "2026-11-26", "entries": [1]}
    assert verify_countersignature(_line(payload, sign=False), _no_records, {}.get) == (False, "bad_signature")
