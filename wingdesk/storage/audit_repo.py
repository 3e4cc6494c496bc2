"""SQL for the audit chain."""

from __future__ import annotations

from collections.abc import Iterator

from wingdesk.domain.audit import AuditEntry
from wingdesk.storage.base_repo import BaseRepo

_COLS = "seq, time, actor, action, object, content_hash, prev_hash, entry_hash"


class AuditRepo(BaseRepo):
    def append_audit(self, entry: AuditEntry, signature: bytes | None) -> None:
        self.execute(f"INSERT INTO audit ({_COLS}, signature) VALUES (?,?,?,?,?,?,?,?,?)",
                     (entry.seq, entry.time, entry.actor, entry.action, entry.object, entry.content_hash,
                      entry.prev_hash, entry.entry_hash, signature))

    def last_audit(self) -> AuditEntry | None:
        row = self.query_one(f"SELECT {_COLS} FROM audit ORDER BY seq DESC LIMIT 1")
        return AuditEntry(*row) if row else None

    def iter_audit(self, batch: int = 5000) -> Iterator[AuditEntry]:
        after = 0
        while True:
            rows = self.query(f"SELECT {_COLS} FROM audit WHERE seq > ? ORDER BY seq LIMIT ?", (after, batch))
            if not rows:
                return
            for row in rows:
                yield AuditEntry(*row)
            after = rows[-1][0]

    def audit_page(self, offset: int, limit: int, newest_first: bool = True) -> list[AuditEntry]:
        order = "DESC" if newest_first else "ASC"
        rows = self.query(f"SELECT {_COLS} FROM audit ORDER BY seq {order} LIMIT ? OFFSET ?", (limit, offset))
        return [AuditEntry(*r) for r in rows]

    def audit_count(self) -> int:
        return int(self.query_one("SELECT count(*) FROM audit")[0])
