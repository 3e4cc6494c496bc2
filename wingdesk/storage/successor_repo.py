"""SQL for a new PC rebuilt from HQ (issue 22 item 4, schema v33): the dead PC's record versions written in bulk,
outside the outbox (HQ acknowledged them already), and the packages and keys `wingdesk verify` needs for them."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import sqlcipher3

from wingdesk.domain.daily_log import DayEvent, DayState
from wingdesk.domain.errors import ValidationError
from wingdesk.domain.name_key import name_key
from wingdesk.domain.people import User
from wingdesk.storage.base_repo import BaseRepo

ImportedRow = tuple[object, ...]  # a record version's stored columns, in _COLUMNS order


_COLUMNS = ("id, revision, kind, subtype, wing, prisoner_id, author_id, author_name, author_role, occurred_at, "
            "recorded_at, sensitivity, day, shift_id, status, body, content_sha256, author_sig")
_BATCH = 5_000
# every table that names a prisoner by id (schema v1-v33): a row named in none of them may take another id
_PRISONER_TABLES = ("records", "movements", "clinical_keys", "discipline_prisoner_keys", "retention_decisions",
                    "transfers")
# while a package is written: each index is built by a scan of the new rows, which then stay in the page cache
# (60k records: indexes 3.0 s -> 0.8 s; the wing's usual cache is 32 MB, storage.database). A bound, not an
# allocation: the cache holds only the pages the import touches (the 200k-record wing's file is 343 MB; at 256 MB
# its index builds read pages back from the WAL: 2.3 s -> 1.3 s with this bound), and is set back after.
IMPORT_CACHE_KIB = -1_048_576


class SuccessorRepo(BaseRepo):
    def successor_import_known(self, package_sha256: str, predecessor_id: str) -> bool:
        """Whether this package, or any package for that dead PC, was already written here."""
        return self.query_one("SELECT 1 FROM successor_imports WHERE package_sha256 = ? OR predecessor_id = ?",
                              (package_sha256, predecessor_id)) is not None

    def prisoner_numbers(self, ids: Sequence[str]) -> dict[str, str]:
        """id -> number of the listed prisoners this wing already holds."""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update((str(r[0]), str(r[1])) for r in self.query(
                f"SELECT id, number FROM prisoners WHERE id IN ({marks})", tuple(chunk)))
        return found

    def take_over_unused_prisoner(self, number: str, prisoner_id: str) -> bool:
        """Give the dead PC's id to this PC's row of the same prison number when nothing here refers to that row
        yet (HQ's roster made it, before the package was written); False when anything does."""
        row = self.query_one("SELECT id FROM prisoners WHERE number = ?", (number,))
        if row is None or row[0] == prisoner_id:
            return False
        local = str(row[0])
        for table in _PRISONER_TABLES:
            if self.query_one(f"SELECT 1 FROM {table} WHERE prisoner_id = ? LIMIT 1", (local,)) is not None:
                return False
        if self.query_one("SELECT 1 FROM audit WHERE object = ? OR object LIKE ? LIMIT 1",
                          (f"prisoner:{local}", f"prisoner:{local}:%")) is not None:
            return False
        self.execute("UPDATE prisoners SET id = ? WHERE id = ?", (prisoner_id, local))
        return True

    def add_account_without_slot(self, user: User) -> bool:
        """An account HQ vouches for, with no passphrase (no key slot) yet; False when the id is already here."""
        if self.query_one("SELECT 1 FROM users WHERE id = ?", (user.id,)) is not None:
            return False
        self.execute("INSERT INTO users (id, username, display_name, role, discipline, public_key, created_at, "
                     "removed_at, grant_recipient) VALUES (?,?,?,?,?,?,?,NULL,'')",
                     (user.id, user.username, user.display_name, str(user.role), user.discipline, user.public_key,
                      user.created_at))
        return True

    def add_successor_import(self, package_sha256: str, predecessor_id: str, at: str, admin_id: str,
                             record_count: int, package: bytes, keys: Sequence[tuple[str, bytes]]) -> None:
        self.execute("INSERT INTO successor_imports (package_sha256, predecessor_id, imported_at, admin_id, "
                     "record_count, package) VALUES (?,?,?,?,?,?)",
                     (package_sha256, predecessor_id, at, admin_id, record_count, package))
        with self.db.lock:
            self.conn.executemany("INSERT OR IGNORE INTO successor_user_keys (user_id, public_key, package_sha256) "
                                  "VALUES (?,?,?)", [(user_id, key, package_sha256) for user_id, key in keys])

    def import_record_rows(self, rows: Sequence[ImportedRow], search: Sequence[tuple[int, str]]) -> None:
        """Store the versions (ordered by id and revision) with their heads and search text, none in the outbox;
        `search` pairs a row's index with its text. A version already here refuses the whole import."""
        with self.db.lock:
            cache = self.conn.execute("PRAGMA cache_size").fetchone()[0]
            self.conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")  # the new rows stay decrypted in memory
            try:
                self._import_rows(rows, search)
            finally:
                self.conn.execute(f"PRAGMA cache_size = {int(cache)}")

    def _import_rows(self, rows: Sequence[ImportedRow], search: Sequence[tuple[int, str]]) -> None:
        with self.db.lock:
            first, held = self.conn.execute("SELECT coalesce(max(seq), 0) + 1, count(*) FROM records").fetchone()
            # a new PC holds few records: its indexes are built once after the rows, not updated row by row (the
            # same definitions, dropped and made again inside this transaction; a refusal rolls both back)
            indexes = self.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                                        "tbl_name = 'records' AND sql IS NOT NULL").fetchall() if len(
                rows) > held else []
            for name, _sql in indexes:
                self.conn.execute(f'DROP INDEX "{name}"')
            try:
                for start in range(0, len(rows), _BATCH):
                    self.conn.executemany(
                        f"INSERT INTO records (seq, {_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        [(first + start + i, *row) for i, row in enumerate(rows[start:start + _BATCH])])
                self.conn.execute("INSERT INTO record_heads (id, seq) SELECT id, max(seq) FROM records "
                                  "WHERE seq >= ? GROUP BY id", (first,))
            except sqlcipher3.IntegrityError:  # a version (or a record) of the package is already on this PC
                raise ValidationError("successor_conflict") from None
            with ThreadPoolExecutor(1, thread_name_prefix="wingdesk-search-keys") as pool:
                # the search keys are Python work, the index builds SQLite's (which lets go of the interpreter while
                # it sorts): made side by side
                keys = pool.submit(_search_keys, first, search)
                for _name, sql in indexes:
                    self.conn.execute(sql)
                found = keys.result()
            self.conn.executemany("INSERT INTO records_fts (rowid, text) VALUES (?, ?)", found)

    def import_extra_rows(self, amendments: Sequence[ImportedRow], countersignatures: Sequence[ImportedRow]) -> None:
        """Amendments and countersignatures as their authors signed them, taken back out of the outbox (HQ holds
        them); one already here refuses the whole import."""
        with self.db.lock:
            after_amendment, after_signature = self.conn.execute(
                "SELECT (SELECT coalesce(max(seq), 0) FROM amendments), "
                "(SELECT coalesce(max(rowid), 0) FROM countersignatures)").fetchone()
            try:
                self.conn.executemany("INSERT INTO amendments (id, record_id, kind, author_id, author_name, at, text, "
                                      "content_sha256, author_sig) VALUES (?,?,?,?,?,?,?,?,?)", amendments)
                self.conn.executemany("INSERT INTO countersignatures (id, wing, day, signer_id, payload, signature, "
                                      "signed_at) VALUES (?,?,?,?,?,?,?)", countersignatures)
            except sqlcipher3.IntegrityError:
                raise ValidationError("successor_conflict") from None
            self.conn.execute("DELETE FROM outbox_extra WHERE (kind = 'amendment' AND item_seq > ?) OR "
                              "(kind = 'countersignature' AND item_seq > ?)", (after_amendment, after_signature))

    def import_tombstones(self, rows: Sequence[ImportedRow]) -> None:
        """Tombstones the dead PC wrote (record id, kind, statement, its hash, signer, signature), taken back out of
        the outbox (HQ holds them); one for a record that has one here already refuses the whole import."""
        with self.db.lock:
            after = self.conn.execute("SELECT coalesce(max(seq), 0) FROM tombstones").fetchone()[0]
            try:
                self.conn.executemany("INSERT INTO tombstones (record_id, kind, statement, content_sha256, signer_id, "
                                      "signature) VALUES (?,?,?,?,?,?)", rows)
            except sqlcipher3.IntegrityError:
                raise ValidationError("successor_conflict") from None
            self.conn.execute("DELETE FROM outbox_extra WHERE kind = 'tombstone' AND item_seq > ?", (after,))

    def import_days(self, wing: str, sealed: Sequence[tuple[str, str, str]], open_days: Sequence[str],
                    admin_id: str, at: str) -> None:
        """The dead PC's days: each countersigned one (day, signer, signed at) SEALED, with its countersign event
        (the signer's, when they signed) and its seal event (this import's); the other days OPEN unless this PC has
        the day already. A day this PC has is sealed all the same when the dead PC's countersignature covers it."""
        with self.db.lock:
            for day, signer, signed_at in sealed:
                self.conn.execute("INSERT INTO days (wing, day, state, updated_at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT (wing, day) DO UPDATE SET state = excluded.state, updated_at = ?",
                                  (wing, day, str(DayState.SEALED), signed_at, at))
                self.conn.executemany("INSERT INTO day_events (wing, day, event, actor_id, at) VALUES (?,?,?,?,?)",
                                      [(wing, day, str(DayEvent.COUNTERSIGN), signer, signed_at),
                                       (wing, day, str(DayEvent.SEAL), admin_id, at)])
            self.conn.executemany("INSERT INTO days (wing, day, state, updated_at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT (wing, day) DO NOTHING",
                                  [(wing, day, str(DayState.OPEN), at) for day in open_days])

    def successor_packages(self) -> dict[str, bytes]:
        """package SHA-256 -> the package as it came, for `wingdesk verify`."""
        return {str(r[0]): bytes(r[1]) for r in self.query("SELECT package_sha256, package FROM successor_imports")}


def _search_keys(first: int, search: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
    """The records_fts rows of the imported versions: (rowid, folded search text)."""
    return [(first + index, name_key(text)) for index, text in search]
