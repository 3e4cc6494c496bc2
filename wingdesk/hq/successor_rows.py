"""SQL for a new PC from HQ (issue 22 item 4): which device replaced which, and the records HQ holds from one device.

A device is replaced at most once and a successor replaces at most one device (both columns are unique).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wingdesk.hq.repository import RowTuple


class SuccessorRows:
    """Mixed into hq.sql_repository.SqlRepository (it provides _one, _rows and _exec)."""

    _one: Callable[..., tuple[Any, ...] | None]
    _rows: Callable[..., list[tuple[Any, ...]]]
    _exec: Callable[..., int]

    def add_successor(self, old_device_id: str, new_device_id: str, at: str) -> None:
        self._exec("INSERT INTO device_successors (old_device_id, new_device_id, replaced_at) VALUES (?, ?, ?)",
                   (old_device_id, new_device_id, at))

    def successor_of(self, old_device_id: str) -> str | None:
        row = self._one("SELECT new_device_id FROM device_successors WHERE old_device_id = ?", (old_device_id,))
        return None if row is None else str(row[0])

    def predecessor_of(self, new_device_id: str) -> str | None:
        row = self._one("SELECT old_device_id FROM device_successors WHERE new_device_id = ?", (new_device_id,))
        return None if row is None else str(row[0])

    def device_records(self, device_id: str) -> list[RowTuple]:
        """(record id, rev, kind, content hash, body as UTF-8) of every record version HQ stored from the device."""
        rows = self._rows("SELECT record_id, rev, kind, content_hash, body FROM records WHERE device_id = ? "
                          "ORDER BY record_id, rev", (device_id,))
        return [(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]).encode("utf-8")) for r in rows]
