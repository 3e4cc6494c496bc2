"""SQL for an administrator's hard delete: a record's rows removed, its signed tombstone kept (schema v21)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from wingdesk.domain.tombstones import Tombstone
from wingdesk.storage.base_repo import BaseRepo


class TombstonesRepo(BaseRepo):
    def record_hashes(self, record_id: str) -> tuple[list[tuple[int, str]], list[tuple[str, str]]]:
        """Every stored version (revision, content hash) and amendment (id, content hash) of one record."""
        versions = self.query("SELECT revision, content_sha256 FROM records WHERE id = ? ORDER BY revision",
                              (record_id,))
        notes = self.query("SELECT id, content_sha256 FROM amendments WHERE record_id = ? ORDER BY seq",
                           (record_id,))
        return [(int(r), str(h)) for r, h in versions], [(str(i), str(h)) for i, h in notes]

    def bury_record(self, stone: Tombstone, statement_sha256: str) -> None:
        """Write the tombstone, then remove the record's versions, amendments, search rows and unsent outbox rows
        (the schema lets records and amendments go only once their tombstone is there). Call in a transaction."""
        statement = json.dumps(stone.statement(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        with self.db.lock:
            conn = self.conn
            conn.execute("INSERT INTO tombstones (record_id, kind, statement, content_sha256, signer_id, signature) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (stone.record_id, stone.kind, statement, statement_sha256,
                                                       stone.deleted_by, stone.signature))
            seqs = [row[0] for row in conn.execute("SELECT seq FROM records WHERE id = ?", (stone.record_id,))]
            notes = [row[0] for row in conn.execute("SELECT seq FROM amendments WHERE record_id = ?",
                                                    (stone.record_id,))]
            conn.executemany("DELETE FROM records_fts WHERE rowid = ?", [(s,) for s in seqs])
            conn.executemany("DELETE FROM outbox WHERE record_seq = ?", [(s,) for s in seqs])
            conn.executemany("DELETE FROM outbox_extra WHERE kind = 'amendment' AND item_seq = ?",
                             [(s,) for s in notes])
            conn.execute("DELETE FROM record_heads WHERE id = ?", (stone.record_id,))
            conn.execute("DELETE FROM amendments WHERE record_id = ?", (stone.record_id,))
            conn.execute("DELETE FROM records WHERE id = ?", (stone.record_id,))

    def iter_tombstones(self) -> Iterator[tuple[str, str, str, str, bytes]]:
        """(record id, statement JSON, stored hash, signer id, signature) in the order they were written."""
        for record_id, statement, digest, signer, signature in self.query(
                "SELECT record_id, statement, content_sha256, signer_id, signature FROM tombstones ORDER BY seq"):
            yield str(record_id), str(statement), str(digest), str(signer), bytes(signature)

    def tombstone_count(self) -> int:
        row = self.query_one("SELECT count(*) FROM tombstones")
        return int(row[0]) if row else 0

    def tombstone_statement(self, record_id: str) -> str | None:
        row = self.query_one("SELECT statement FROM tombstones WHERE record_id = ?", (record_id,))
        return str(row[0]) if row else None
