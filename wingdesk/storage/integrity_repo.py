"""SQL that reads every stored item with its hash and signature, for `wingdesk verify` (wingdesk.services.integrity)."""

from __future__ import annotations

from collections.abc import Iterator

from wingdesk.domain.daily_log_types import Countersignature
from wingdesk.domain.records import Amendment, AmendmentKind
from wingdesk.storage.base_repo import BaseRepo, Row

# The columns of Record.content(), under the same names (services.integrity rebuilds the content from them).
RECORD_CONTENT_COLUMNS = ("id, kind, revision, wing, prisoner_id, author_id, author_role, occurred_at, recorded_at, "
                          "sensitivity, day, shift_id, body")


class IntegrityRepo(BaseRepo):
    def iter_record_rows(self, batch: int = 5000) -> Iterator[Row]:
        """Every version's columns as stored, in seq order: (seq, content_sha256, author_sig, author_name, then
        the fields of Record.content() in `RECORD_CONTENT_COLUMNS` order, the body as its JSON text)."""
        after = 0
        while True:
            rows = self.query(f"SELECT seq, content_sha256, author_sig, author_name, {RECORD_CONTENT_COLUMNS} "
                              "FROM records WHERE seq > ? ORDER BY seq LIMIT ?", (after, batch))
            if not rows:
                return
            yield from rows
            after = rows[-1][0]

    def stored_hashes_of(self, record_keys: list[tuple[str, int]],
                         amendment_ids: list[str]) -> tuple[dict[tuple[str, int], str], dict[str, str]]:
        """Content hashes as stored, of the listed record versions and amendments."""
        records: dict[tuple[str, int], str] = {}
        for record_id, revision in record_keys:
            row = self.query_one("SELECT content_sha256 FROM records WHERE id = ? AND revision = ?",
                                 (record_id, revision))
            if row:
                records[(record_id, revision)] = str(row[0])
        amendments: dict[str, str] = {}
        for amendment_id in amendment_ids:
            row = self.query_one("SELECT content_sha256 FROM amendments WHERE id = ?", (amendment_id,))
            if row:
                amendments[amendment_id] = str(row[0])
        return records, amendments

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

    def user_keys(self) -> dict[str, list[bytes]]:
        """Every signing key each account has had (a passphrase reset makes a new one; old signatures stay valid),
        removed accounts included, and those HQ held for a dead PC's users (a new PC from HQ, schema v33)."""
        found: dict[str, list[bytes]] = {}
        for user_id, key in self.query("SELECT id, public_key FROM users UNION "
                                       "SELECT user_id, public_key FROM user_key_announcements UNION "
                                       "SELECT user_id, public_key FROM successor_user_keys"):
            found.setdefault(str(user_id), []).append(bytes(key))
        return found


