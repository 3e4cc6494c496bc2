"""SQL for the tombstones HQ keeps and the deletes they make (hq.tombstones), on either database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class TombstoneSql:
    """Mixed into hq.sql_repository.SqlRepository (its `_one`, `_rows`, `_exec`)."""

    _one: Callable[[str, tuple[Any, ...]], tuple[Any, ...] | None]
    _rows: Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]
    _exec: Callable[[str, tuple[Any, ...]], int]

    def add_tombstone(self, device_id: str, record_id: str, kind: str, statement: str, statement_sha256: str,
                      signer_id: str, signature: bytes, bundle_id: str, at: str, items: tuple[str, ...]) -> bool:
        """Keep a tombstone and the ids of the items it buries; False when this device's record has one already."""
        added = self._exec(
            "INSERT INTO tombstones (device_id, record_id, kind, statement, statement_sha256, signer_id, signature, "
            "bundle_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, record_id) DO NOTHING",
            (device_id, record_id, kind, statement, statement_sha256, signer_id, signature, bundle_id, at))
        if not added:
            return False
        for item_id in items:
            self._exec("INSERT INTO tombstoned_items (device_id, item_id, record_id) VALUES (?, ?, ?) "
                       "ON CONFLICT (device_id, item_id) DO NOTHING", (device_id, item_id, record_id))
        return True

    def delete_items(self, device_id: str, items: tuple[str, ...]) -> tuple[int, int]:
        """Delete every stored and quarantined line of these ids on this device, and empty the raw bytes of the
        bundles that carried them; (lines deleted, bundles emptied)."""
        marks = ", ".join("?" * len(items))
        emptied = self._exec(
            f"UPDATE bundles SET raw = ? WHERE bundle_id IN (SELECT bundle_id FROM records WHERE device_id = ? AND "
            f"record_id IN ({marks}) UNION SELECT bundle_id FROM quarantined_records WHERE device_id = ? AND "
            f"record_id IN ({marks})) AND raw <> ?", (b"", device_id, *items, device_id, *items, b""))
        lines = self._exec(f"DELETE FROM records WHERE device_id = ? AND record_id IN ({marks})", (device_id, *items))
        lines += self._exec(f"DELETE FROM quarantined_records WHERE device_id = ? AND record_id IN ({marks})",
                            (device_id, *items))
        return lines, emptied

    def stored_versions(self, device_id: str, record_id: str) -> list[tuple[int, str]]:
        """(revision, line body) of every version HQ holds of one record of this device."""
        return [(int(r[0]), str(r[1])) for r in self._rows(
            "SELECT rev, body FROM records WHERE device_id = ? AND record_id = ? AND kind <> 'amendment'",
            (device_id, record_id))]

    def has_tombstones(self, device_id: str) -> bool:
        return self._one("SELECT 1 FROM tombstones WHERE device_id = ? LIMIT 1", (device_id,)) is not None

    def tombstoned_items(self, device_id: str) -> set[str]:
        return {str(r[0]) for r in self._rows("SELECT item_id FROM tombstoned_items WHERE device_id = ?",
                                              (device_id,))}

    def tombstone_statements(self, device_id: str) -> list[str]:
        return [str(r[0]) for r in self._rows("SELECT statement FROM tombstones WHERE device_id = ? "
                                              "ORDER BY received_at, record_id", (device_id,))]

    def tombstone_rows(self, device_id: str) -> list[tuple[str, str, str, bytes]]:
        """(record id, statement, signer id, signature) of every tombstone this device sent, oldest first: what a
        successor of the device takes over (hq.successors)."""
        return [(str(r[0]), str(r[1]), str(r[2]), bytes(r[3])) for r in self._rows(
            "SELECT record_id, statement, signer_id, signature FROM tombstones WHERE device_id = ? "
            "ORDER BY received_at, record_id", (device_id,))]
