"""Record ids are UUIDv7: unique, and in creation order (what keeps HQ's record index append-mostly)."""

from __future__ import annotations

import uuid

from wingdesk.domain.records import new_id
from wingdesk.sync.header import is_uuid


def test_ids_are_version_7_and_accepted_by_the_bundle_format():
    ident = new_id()
    assert uuid.UUID(ident).version == 7
    assert is_uuid(ident)


def test_ids_sort_in_creation_order_and_never_repeat():
    ids = [new_id() for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
