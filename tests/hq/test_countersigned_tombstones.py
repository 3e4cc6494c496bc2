"""HQ's countersignature check accepts an entry an administrator deleted the way the wing does: only when the
record's tombstone lists that very version (and amendment) with the hash the supervisor signed."""

from __future__ import annotations

import json
import uuid

import pytest

from wingdesk.crypto import signing
from wingdesk.domain.tombstones import Tombstone
from wingdesk.hq.countersignatures import verify_countersignature

_SEED = signing.new_seed()
RECORD, NOTE = str(uuid.uuid4()), str(uuid.uuid4())
SIGNED, OTHER = "a" * 64, "b" * 64


def _line(revision: int = 2, digest: str = SIGNED, note_digest: str = SIGNED) -> dict:
    payload = {"signer_id": "sup-1", "day": "2026-11-26",
               "entries": [{"id": RECORD, "revision": revision, "content_sha256": digest}],
               "amendments": [{"id": NOTE, "content_sha256": note_digest}]}
    return {"signer_id": "sup-1", "day": "2026-11-26", "payload": json.dumps(payload),
            "signer_public_key": signing.public_key(_SEED).hex(),
            "signature": signing.sign(_SEED, signing.COUNTERSIGN_PREFIX, payload).hex()}


_STONE = Tombstone(RECORD, "log_entry", None, "off-1", "Officer", SIGNED, None, ((1, OTHER), (2, SIGNED)),
                   ((NOTE, SIGNED),), "adm-1", "Admin", "2026-11-27T10:00:00Z", "Court order")


def _nothing(*_args):
    return None


@pytest.mark.parametrize("line, buried, expected", [
    (_line(), {RECORD: _STONE, NOTE: _STONE}, (True, "")),  # deleted, listed with the signed hashes
    (_line(), {}, (True, "")),  # not held and no tombstone: not judged (it may come later)
    (_line(digest=OTHER), {RECORD: _STONE, NOTE: _STONE}, (False, "records_changed")),  # another hash
    (_line(revision=3), {RECORD: _STONE, NOTE: _STONE}, (False, "records_changed")),  # a version not deleted
    (_line(note_digest=OTHER), {RECORD: _STONE, NOTE: _STONE}, (False, "records_changed")),  # another amendment
])
def test_a_deleted_entry_holds_only_as_its_tombstone_lists_it(line, buried, expected):
    assert verify_countersignature(line, _nothing, _nothing, None, buried) == expected
