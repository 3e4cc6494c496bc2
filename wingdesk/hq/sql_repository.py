"""The HQ repository in portable SQL, run on one connection inside one transaction (SQLite or PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from wingdesk.hq.intelligence_sql import IntelligenceSql
from wingdesk.hq.recovery_rows import RecoveryRows
from wingdesk.hq.repository import (
    Device,
    HeadRow,
    NewBundle,
    QuarantineEntry,
    RecordOutcome,
    RecordRow,
    RowTuple,
    StoredBundle,
)
from wingdesk.hq.research_sql import ResearchSql
from wingdesk.hq.subject_rows import SubjectRows
from wingdesk.hq.successor_rows import SuccessorRows
from wingdesk.hq.tombstone_sql import TombstoneSql

_DEVICE_COLS = (
    "device_id, wing_name, sign_public, enc_public, enrolled_at, revoked_after_seq, revoked_at, hcs, "
    "hcs_hash, max_seq, last_contact, receipt_seq, ref_seq, ref_hash"
)
_BUNDLE_COLS = "bundle_id, bundle_hash, device_id, seq, prev_hash, receipt"
ALL_DEVICES = ""
_SQLITE_ROWS_PER_INSERT = 190  # 5 parameters a row, + 2: under the 999 variables of SQLite builds before 3.32


class SqlRepository(TombstoneSql, RecoveryRows, ResearchSql, SuccessorRows, SubjectRows, IntelligenceSql):
    """One transaction's view of the HQ store; `?` placeholders are rewritten for psycopg."""

    def __init__(self, conn: Any, postgres: bool) -> None:
        self._conn = conn
        self._pg = postgres

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._pg else sql

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return list(self._conn.execute(self._sql(sql), params).fetchall())

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        row = self._conn.execute(self._sql(sql), params).fetchone()
        return None if row is None else tuple(row)

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> int:
        return int(self._conn.execute(self._sql(sql), params).rowcount)

    # devices ---------------------------------------------------------------------------------
    def add_device(self, device: Device) -> None:
        values = tuple(getattr(device, name.strip()) for name in _DEVICE_COLS.split(","))
        self._exec(f"INSERT INTO devices ({_DEVICE_COLS}) VALUES ({', '.join('?' * len(values))})", values)

    @staticmethod
    def _device(row: tuple[Any, ...] | None) -> Device | None:
        if row is None:
            return None
        values: list[Any] = [bytes(v) if isinstance(v, memoryview) else v for v in row]
        return Device(*values)

    def get_device(self, device_id: str) -> Device | None:
        return self._device(self._one(f"SELECT {_DEVICE_COLS} FROM devices WHERE device_id = ?", (device_id,)))

    def lock_device(self, device_id: str) -> Device | None:
        # SQLite already holds the write lock (BEGIN IMMEDIATE); PostgreSQL locks the row
        suffix = " FOR UPDATE" if self._pg else ""
        return self._device(self._one(f"SELECT {_DEVICE_COLS} FROM devices WHERE device_id = ?{suffix}", (device_id,)))

    def list_devices(self) -> list[Device]:
        rows = self._rows(f"SELECT {_DEVICE_COLS} FROM devices ORDER BY wing_name, device_id")
        return [d for d in map(self._device, rows) if d is not None]

    def revoke_device(self, device_id: str, after_seq: int, at: str) -> None:
        self._exec(
            "UPDATE devices SET revoked_after_seq = ?, revoked_at = ? WHERE device_id = ?",
            (after_seq, at, device_id),
        )

    def update_device_state(
        self, device_id: str, *, hcs: int, hcs_hash: str, max_seq: int, last_contact: str, receipt_seq: int
    ) -> None:
        self._exec(
            "UPDATE devices SET hcs = ?, hcs_hash = ?, max_seq = ?, last_contact = ?, receipt_seq = ? "
            "WHERE device_id = ?",
            (hcs, hcs_hash, max_seq, last_contact, receipt_seq, device_id),
        )

    def set_ref_state(self, device_id: str, ref_seq: int, ref_hash: str) -> None:
        self._exec("UPDATE devices SET ref_seq = ?, ref_hash = ? WHERE device_id = ?", (ref_seq, ref_hash, device_id))

    # bundles ---------------------------------------------------------------------------------
    @staticmethod
    def _bundle(row: tuple[Any, ...] | None) -> StoredBundle | None:
        return None if row is None else StoredBundle(row[0], row[1], row[2], row[3], row[4], bytes(row[5]))

    def bundle_by_id(self, bundle_id: str) -> StoredBundle | None:
        return self._bundle(self._one(f"SELECT {_BUNDLE_COLS} FROM bundles WHERE bundle_id = ?", (bundle_id,)))

    def bundle_at(self, device_id: str, seq: int) -> StoredBundle | None:
        return self._bundle(
            self._one(f"SELECT {_BUNDLE_COLS} FROM bundles WHERE device_id = ? AND seq = ?", (device_id, seq))
        )

    def seqs_above(self, device_id: str, seq: int, limit: int) -> list[int]:
        rows = self._rows(
            "SELECT seq FROM bundles WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (device_id, seq, limit),
        )
        return [r[0] for r in rows]

    def insert_bundle(self, bundle: NewBundle, receipt: bytes, receipt_seq: int) -> None:
        self._exec(
            "INSERT INTO bundles (bundle_id, bundle_hash, device_id, seq, prev_hash, received_at, "
            "record_count, "
            "clock_skew_s, raw, receipt, receipt_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                bundle.bundle_id,
                bundle.bundle_hash,
                bundle.device_id,
                bundle.seq,
                bundle.prev_hash,
                bundle.received_at,
                bundle.record_count,
                bundle.clock_skew_s,
                bundle.raw,
                receipt,
                receipt_seq,
            ),
        )

    def add_bundle(
        self, bundle: NewBundle, rows: list[RowTuple], sign: Callable[[RecordOutcome], tuple[bytes, int]]
    ) -> RecordOutcome:
        """Store a bundle row, its records and the receipt `sign(outcome)` returns, in the current transaction.

        SQLite rewrites a whole row on UPDATE, raw blob included, so there the records go in first (their foreign
        key is checked at COMMIT) and the bundle row is written once,
        receipt and all.
        PostgreSQL keeps the raw bytes out of line (TOAST) and cannot defer this key: row, records, receipt.
        """
        if self._pg:
            self.insert_bundle(bundle, b"", 0)
            outcome = self.insert_records(bundle, rows)
            receipt, receipt_seq = sign(outcome)
            self.set_receipt(bundle.bundle_id, receipt, receipt_seq)
            return outcome
        # stays on until this transaction ends (SQLite resets it): switching it off early would let an
        # outstanding violation through at COMMIT instead of refusing it
        self._exec("PRAGMA defer_foreign_keys = ON")
        outcome = self.insert_records(bundle, rows)
        receipt, receipt_seq = sign(outcome)
        self.insert_bundle(bundle, receipt, receipt_seq)
        return outcome

    def _insert_sqlite_records(self, bundle: NewBundle, rows: list[RowTuple]) -> int:
        """Multi-row INSERTs, a few hundred rows each: the sqlite3 module gives up and retakes the interpreter lock
        around every statement step, and with executemany (a step per row) a busy server made the single writer
        wait for the lock 800 times per bundle."""
        inserted = 0
        for start in range(0, len(rows), _SQLITE_ROWS_PER_INSERT):
            chunk = rows[start : start + _SQLITE_ROWS_PER_INSERT]
            params: list[object] = [bundle.device_id, bundle.bundle_id]
            for row in chunk:
                params += row  # record_id, rev, kind, content_hash, body
            cursor = self._conn.execute(
                "INSERT INTO records (record_id, rev, kind, content_hash, device_id, bundle_id, body) "
                "SELECT column1, column2, column3, column4, ?, ?, CAST(column5 AS TEXT) FROM (VALUES "
                + ",".join(["(?, ?, ?, ?, ?)"] * len(chunk))
                + ") WHERE true ON CONFLICT (record_id, rev) DO NOTHING",
                params,
            )
            inserted += cursor.rowcount
        return inserted

    def set_receipt(self, bundle_id: str, receipt: bytes, receipt_seq: int) -> None:
        self._exec(
            "UPDATE bundles SET receipt = ?, receipt_seq = ? WHERE bundle_id = ?",
            (receipt, receipt_seq, bundle_id),
        )

    def insert_records(self, bundle: NewBundle, rows: list[RowTuple]) -> RecordOutcome:
        """Insert new (record_id, rev); identical ones are duplicates; different content is quarantined."""
        if not rows:
            return RecordOutcome(0, 0, 0)
        cursor = self._conn.cursor()
        if self._pg:  # one statement over arrays: executemany pays a client round of work per row
            cursor.execute(
                "INSERT INTO records (record_id, rev, kind, content_hash, device_id, bundle_id, body) "
                "SELECT r, v, k, c, %s, %s, convert_from(b, 'UTF8') FROM unnest(%b::text[], %b::bigint[], "
                "%b::text[], %b::text[], %b::bytea[]) AS t(r, v, k, c, b) ON CONFLICT (record_id, rev) DO NOTHING",
                (bundle.device_id, bundle.bundle_id, *(list(column) for column in zip(*rows, strict=True))),
            )
            inserted = cursor.rowcount
        else:
            inserted = self._insert_sqlite_records(bundle, rows)
        if inserted == len(rows):
            return RecordOutcome(inserted, 0, 0)
        duplicate = conflicts = 0
        for row in map(RecordRow._make, rows):
            stored = self._one(
                "SELECT content_hash, bundle_id FROM records WHERE record_id = ? AND rev = ?",
                (row.record_id, row.rev),
            )
            if stored is None or stored[1] == bundle.bundle_id:
                continue
            if stored[0] == row.content_hash:
                duplicate += 1
            else:
                conflicts += 1
                self._exec(
                    "INSERT INTO quarantined_records (record_id, rev, content_hash, device_id, bundle_id, "
                    "body, "
                    "reason, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row.record_id,
                        row.rev,
                        row.content_hash,
                        bundle.device_id,
                        bundle.bundle_id,
                        row.body.decode("utf-8"),  # rare: one row, either database
                        "record_conflict",
                        bundle.received_at,
                    ),
                )
        return RecordOutcome(len(rows) - duplicate - conflicts, duplicate, conflicts)

    def stored_line(self, record_id: str, rev: int) -> tuple[str, str] | None:
        row = self._one("SELECT kind, body FROM records WHERE record_id = ? AND rev = ?", (record_id, rev))
        return (row[0], row[1]) if row else None

    # quarantine ------------------------------------------------------------------------------
    def quarantine_bundle(self, entry: QuarantineEntry, receipt: bytes | None, receipt_seq: int) -> None:
        self._exec(
            "INSERT INTO quarantined_bundles (bundle_hash, bundle_id, device_id, seq, reason, received_at, "
            "raw, "
            "receipt, receipt_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (bundle_hash) DO NOTHING",
            (
                entry.bundle_hash,
                entry.bundle_id,
                entry.device_id,
                entry.seq,
                entry.reason,
                entry.received_at,
                entry.raw,
                receipt,
                receipt_seq,
            ),
        )

    def quarantined_receipt(self, bundle_hash: str) -> tuple[bool, bytes | None]:
        row = self._one("SELECT receipt FROM quarantined_bundles WHERE bundle_hash = ?", (bundle_hash,))
        if row is None:
            return False, None
        return True, None if row[0] is None else bytes(row[0])

    def count_quarantined(self, device_id: str) -> tuple[int, int]:
        bundles = self._one("SELECT COUNT(*) FROM quarantined_bundles WHERE device_id = ?", (device_id,))
        records = self._one("SELECT COUNT(*) FROM quarantined_records WHERE device_id = ?", (device_id,))
        return (bundles[0] if bundles else 0), (records[0] if records else 0)

    def clock_skew(self, device_id: str) -> tuple[int | None, int]:
        flagged = self._rows("SELECT clock_skew_s FROM bundles WHERE device_id = ? AND clock_skew_s IS NOT NULL",
                             (device_id,))
        if not flagged:
            return None, 0
        return max((int(row[0]) for row in flagged), key=abs), len(flagged)

    def outbox_receipts(self, device_id: str, above_seq: int) -> list[bytes]:
        """Receipts of bundles above `above_seq`, plus the newest receipt of any kind (cumulative state)."""
        rows = self._rows(
            "SELECT receipt_seq, receipt FROM bundles WHERE device_id = ? AND seq > ?", (device_id, above_seq)
        )
        newest = self._rows(
            "SELECT receipt_seq, receipt FROM bundles WHERE device_id = ? UNION ALL "
            "SELECT receipt_seq, receipt FROM quarantined_bundles "
            "WHERE device_id = ? AND receipt IS NOT NULL "
            "ORDER BY 1 DESC LIMIT 1",
            (device_id, device_id),
        )
        found = {seq: bytes(raw) for seq, raw in rows + newest}
        return [found[k] for k in sorted(found)]

    # reference data and HQ->wing bundles -----------------------------------------------------
    def add_reference_item(self, device_id: str, item: dict[str, Any], created_at: str) -> None:
        body = json.dumps(item["body"], ensure_ascii=False, separators=(",", ":"))
        self._exec(
            "INSERT INTO reference_items (record_id, rev, device_id, kind, content_hash, body, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (item["record_id"], item["rev"], device_id, item["kind"], item["content_hash"], body, created_at),
        )

    def reference_items(self, device_id: str) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT record_id, rev, kind, content_hash, body FROM reference_items "
            "WHERE device_id = ? OR device_id = ? ORDER BY created_at, record_id, rev",
            (device_id, ALL_DEVICES),
        )
        return [
            {"record_id": r[0], "rev": r[1], "kind": r[2], "content_hash": r[3], "body": json.loads(r[4])} for r in rows
        ]

    def add_outbox_bundle(
        self, device_id: str, ref_seq: int, bundle_id: str, bundle_hash: str, raw: bytes, created_at: str
    ) -> None:
        self._exec(
            "INSERT INTO outbox_bundles (device_id, ref_seq, bundle_id, bundle_hash, raw, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (device_id, ref_seq, bundle_id, bundle_hash, raw, created_at),
        )

    def outbox_bundle(self, device_id: str, ref_seq: int) -> bytes | None:
        row = self._one("SELECT raw FROM outbox_bundles WHERE device_id = ? AND ref_seq = ?", (device_id, ref_seq))
        return None if row is None else bytes(row[0])

    # audit and inspection --------------------------------------------------------------------
    def audit(self, at: str, action: str, device_id: str, bundle_id: str, detail: str) -> None:
        self._exec(
            "INSERT INTO audit (at, action, device_id, bundle_id, detail) VALUES (?, ?, ?, ?, ?)",
            (at, action, device_id, bundle_id, detail),
        )

    # users' keys ---------------------------------------------------------------------------------------
    def add_user_key(self, device_id: str, user_id: str, role: str, public_key: bytes, at: str, source: str) -> None:
        self._exec("INSERT INTO user_keys (device_id, user_id, role, public_key, added_at, source) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (device_id, user_id, role, public_key, at, source))

    def user_keys(self, device_id: str) -> list[tuple[str, str, bytes]]:
        """(user id, role, signing key) for every key HQ holds on this device; [] for one enrolled without users."""
        rows = self._rows("SELECT user_id, role, public_key FROM user_keys WHERE device_id = ?", (device_id,))
        return [(r[0], r[1], bytes(r[2])) for r in rows]

    # audit heads --------------------------------------------------------------------------------------
    _HEAD_COLS = "bundle_seq, audit_seq, entry_hash, at_previous, signer, signature"

    def _head(self, row: tuple[Any, ...] | None) -> HeadRow | None:
        return None if row is None else (row[0], row[1], row[2], row[3], row[4], bytes(row[5]))

    def add_audit_head(self, device_id: str, bundle_seq: int, head: HeadRow) -> None:
        self._exec(f"INSERT INTO audit_heads (device_id, {self._HEAD_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (device_id, bundle_seq, *head[1:]))

    def audit_heads_around(self, device_id: str, bundle_seq: int) -> tuple[HeadRow | None, HeadRow | None]:
        """The stored heads nearest below and above one bundle seq."""
        below = self._one(f"SELECT {self._HEAD_COLS} FROM audit_heads WHERE device_id = ? AND bundle_seq < ? "
                          "ORDER BY bundle_seq DESC LIMIT 1", (device_id, bundle_seq))
        above = self._one(f"SELECT {self._HEAD_COLS} FROM audit_heads WHERE device_id = ? AND bundle_seq > ? "
                          "ORDER BY bundle_seq LIMIT 1", (device_id, bundle_seq))
        return self._head(below), self._head(above)

    def last_audit_head(self, device_id: str) -> HeadRow | None:
        return self._head(self._one(f"SELECT {self._HEAD_COLS} FROM audit_heads WHERE device_id = ? "
                                    "ORDER BY bundle_seq DESC LIMIT 1", (device_id,)))

    def last_quarantine(self, device_id: str) -> tuple[int, str] | None:
        row = self._one("SELECT seq, reason FROM quarantined_bundles WHERE device_id = ? "
                        "ORDER BY received_at DESC, seq DESC LIMIT 1", (device_id,))
        return (row[0], row[1]) if row else None

    def record_count(self) -> int:
        row = self._one("SELECT COUNT(*) FROM records")
        return row[0] if row else 0

    def snapshot(self) -> dict[str, Any]:
        """Order-independent view of the ingested state (for convergence tests)."""
        return {
            "bundles": sorted(self._rows("SELECT bundle_id, bundle_hash, device_id, seq FROM bundles")),
            "records": sorted(self._rows("SELECT record_id, rev, content_hash FROM records")),
            "devices": sorted(self._rows("SELECT device_id, hcs, hcs_hash, max_seq FROM devices")),
            "quarantined": sorted(self._rows("SELECT bundle_hash, reason FROM quarantined_bundles")),
        }
