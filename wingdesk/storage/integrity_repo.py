"""SQL that reads every stored item with its hash and signature, for `wingdesk verify` (wingdesk.services.integrity)."""

from __future__ import annotations

from collections.abc import Iterator

from wingdesk.domain.daily_log_types import Countersignature
from wingdesk.domain.records import Amendment, AmendmentKind, Record
from wingdesk.storage.base_repo import BaseRepo
from wingdesk.storage.records_repo import _COLS as _RECORD_COLS
from wingdesk.storage.records_repo import _record


class IntegrityRepo(BaseRepo):
    def iter_record_versions(self, batch: int = 5000) -> Iterator[tuple[int, Record, str]]:
        """(seq, record version, stored content hash) for every version ever saved, in seq order."""
        after = 0
        while True:
            rows = self.query(f"SELECT r.seq, r.content_sha256, {_RECORD_COLS} FROM records r WHERE r.seq > ? "
                              "ORDER BY r.seq LIMIT ?", (after, batch))
            if not rows:
                return
            for row in rows:
                yield int(row[0]), _record(row[2:]), str(row[1])
            after = rows[-1][0]

    def iter_amendments(self) -> Iterator[tuple[int, Amendment, str]]:
        """(seq, amendment, stored content hash) in seq order."""
        for row in self.query("SELECT seq, id, record_id, kind, author_id, author_name, at, text, author_sig, "
                              "content_sha256 FROM amendments ORDER BY seq"):
            sig = bytes(row[8]) if row[8] is not None else None
            yield int(row[0]), Amendment(row[1], row[2], AmendmentKind(row[3]), row[4], row[5], row[6], row[7],
                                         sig), str(row[9])

    def all_countersignatures(self) -> list[Countersignature]:
        rows = self.query("SELECT id, wing, day, signer_id, payload, signature, signed_at FROM countersignatures "
                          "ORDER BY rowid")
        return [Countersignature(r[0], r[1], r[2], r[3], r[4], bytes(r[5]), r[6]) for r in rows]

    def stored_hashes(self) -> tuple[dict[tuple[str, int], str], dict[str, str]]:
        """Content hashes as stored: (record id, revision) -> hash, and amendment id -> hash."""
        records = {(r[0], int(r[1])): str(r[2]) for r in self.query("SELECT id, revision, content_sha256 FROM records")}
        amendments = {str(r[0]): str(r[1]) for r in self.query("SELECT id, content_sha256 FROM amendments")}
        return records, amendments

    def unsigned_through(self) -> tuple[int, int]:
        """Record and amendment seqs at or below which rows predate author signatures (migration 0009)."""
        found = {}
        for key in ("unsigned_through_record_seq", "unsigned_through_amendment_seq"):
            row = self.query_one("SELECT value FROM meta WHERE key = ?", (key,))
            found[key] = int(row[0]) if row and str(row[0]).isdigit() else 0
        return found["unsigned_through_record_seq"], found["unsigned_through_amendment_seq"]

    def sent_audit_heads(self) -> dict[int, str]:
        """Audit seq -> entry hash of every head a sealed bundle carried to HQ."""
        return {int(r[0]): str(r[1]) for r in self.query("SELECT audit_seq, audit_hash FROM sync_bundles "
                                                         "WHERE audit_seq IS NOT NULL")}

    def user_keys(self) -> dict[str, bytes]:
        """Every account's signing public key, removed accounts included (their signatures stay valid)."""
        return {str(r[0]): bytes(r[1]) for r in self.query("SELECT id, public_key FROM users")}


