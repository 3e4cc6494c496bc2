"""A wing's record line: hashed once, and the record's own hash (what countersignatures list) derivable at HQ."""

from __future__ import annotations

import hashlib

from wingdesk.domain.canonical import canonical_bytes
from wingdesk.domain.records import Record, RecordKind, new_id
from wingdesk.sync.payload import record_content_hash
from wingdesk.sync.strict_json import canonical
from wingdesk.sync.wing_records import record_line


def test_the_line_carries_what_hq_needs_to_recompute_the_records_own_hash():
    at = "2026-11-26T18:00:00Z"
    record = Record(id=new_id(), kind=RecordKind.OBSERVATION, wing="B", prisoner_id=new_id(), author_id="o-1",
                    author_name="Officer Ђорђе", author_role="OFFICER", occurred_at=at, recorded_at=at,
                    body={"what_seen_heard": "Мирно вече 😀", "tone": "NEUTRAL"}, day="2026-11-26", revision=3)
    line = record_line(record, "T-0001", "device-1", "hlc")
    assert line["content_hash"] == record_content_hash(line["body"])
    assert set(line["body"]) == {"record", "status", "author_name", "prisoner_number"}
    assert hashlib.sha256(canonical_bytes(line["body"]["record"])).hexdigest() == record.content_sha256()
    assert hashlib.sha256(canonical(line["body"]["record"])).hexdigest() == record.content_sha256()
