"""A tombstone's statement (what the administrator signs) reads back as the same tombstone, and names no text."""

import json

from wingdesk.domain.tombstones import Tombstone, tombstone_of


def _stone(author_sig):
    return Tombstone("r-1", "log_entry", "p-1", "u-off", "Olga Officer", "ab" * 32, author_sig,
                     ((1, "cd" * 32), (2, "ab" * 32)), (("a-1", "ef" * 32),), "u-adm", "Ada Admin",
                     "2026-12-07T07:00:00Z", "Court order 12/2026", b"\x01" * 64)


def test_the_statement_reads_back_as_the_same_tombstone():
    for author_sig in (b"\x02" * 64, None):
        stone = _stone(author_sig)
        assert tombstone_of(json.loads(json.dumps(stone.statement())), stone.signature) == stone


def test_the_statement_holds_ids_hashes_and_the_reason_only():
    statement = _stone(b"\x02" * 64).statement()
    assert set(statement) == {"record_id", "kind", "prisoner_id", "author_id", "author_name", "content_sha256",
                              "author_sig", "revisions", "amendments", "deleted_by", "deleted_by_name",
                              "deleted_at", "reason"}
    assert statement["revisions"] == [{"revision": 1, "content_sha256": "cd" * 32},
                                      {"revision": 2, "content_sha256": "ab" * 32}]
