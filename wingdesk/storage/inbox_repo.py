"""SQL for the users' inboxes: acknowledgements (append-only) and urgent observations found through their index."""

from __future__ import annotations

from wingdesk.domain.records import Record
from wingdesk.storage.base_repo import BaseRepo, disk_errors_as_store_errors
from wingdesk.storage.records_repo import _COLS, _record


class InboxRepo(BaseRepo):
    def add_inbox_ack(self, user_id: str, item_key: str, at: str) -> bool:
        """Keep one acknowledgement; False when this user had acknowledged the item already."""
        with self.db.lock, disk_errors_as_store_errors():
            cur = self.conn.execute("INSERT OR IGNORE INTO inbox_acks (user_id, item_key, acknowledged_at) "
                                    "VALUES (?,?,?)", (user_id, item_key, at))
            return bool(cur.rowcount)

    def inbox_acked(self, user_id: str, item_keys: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(item_keys), 500):
            chunk = item_keys[start:start + 500]
            rows = self.query(f"SELECT item_key FROM inbox_acks WHERE user_id = ? AND item_key IN "
                              f"({','.join('?' * len(chunk))})", (user_id, *chunk))
            found.update(str(r[0]) for r in rows)
        return found

    def urgent_observations(self, since: str, limit: int = 500) -> list[Record]:
        """Observation heads marked urgent that happened since `since` (index records_urgent_observations)."""
        rows = self.query(f"SELECT {_COLS} FROM records r INDEXED BY records_urgent_observations "
                          "JOIN record_heads h ON h.seq = r.seq "
                          "WHERE r.kind = 'observation' AND json_extract(r.body, '$.urgent') = 1 "
                          "AND r.occurred_at >= ? ORDER BY r.occurred_at DESC LIMIT ?", (since, limit))
        return [_record(r) for r in rows]
