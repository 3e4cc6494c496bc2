"""SQL for the audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wingdesk.domain.audit import AuditEntry
from wingdesk.storage.base_repo import BaseRepo

_COLS = "seq, time, actor, action, object, content_hash, prev_hash, entry_hash"


class AuditRepo(BaseRepo):
    def append_audit(self, entry: AuditEntry, signature: bytes | None, signer: str | None = None) -> None:
        """Append inside the caller's transaction, moving the head kept in meta with it."""
        self.execute(f"INSERT INTO audit ({_COLS}, signature, signer) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (entry.seq, entry.time, entry.actor, entry.action, entry.object, entry.content_hash,
                      entry.prev_hash, entry.entry_hash, signature, signer))
        # The head moves only from the entry this one follows: after a cut or a rewind it stays where it was, so
        # later appends never make a shortened chain look whole again.
        self.execute("UPDATE meta SET value = ? WHERE key = 'audit_head' AND value = ?",
                     (f"{entry.seq}:{entry.entry_hash}", f"{entry.seq - 1}:{entry.prev_hash}"))

    def audit_head(self) -> tuple[int, str] | None:
        """(seq, entry hash) of the head recorded in meta with the last append, or None if it is missing."""
        row = self.query_one("SELECT value FROM meta WHERE key = 'audit_head'")
        if row is None:
            return None
        seq, _, entry_hash = str(row[0]).partition(":")
        return (int(seq), entry_hash) if seq.isdigit() else None

    def iter_audit_rows(self, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Every entry's columns as stored, in seq order: AuditEntry's fields in order, then its signature (bytes
        or None) and signer (for `wingdesk verify`, which checks 200k+ of them without making an object of each)."""
        after = 0
        while True:
            rows = self.query(f"SELECT {_COLS}, signature, signer FROM audit WHERE seq > ? ORDER BY seq LIMIT ?",
                              (after, batch))
            if not rows:
                return
            yield from rows
            after = rows[-1][0]

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

    # --- the audit viewer's filters (services.audit_view.AuditFilter: actor, action, from, to) -----------------
    @staticmethod
    def _where(actor: str | None, action: str | None, since: str | None, until: str | None) -> tuple[str, list[str]]:
        clauses, params = [], []
        for clause, value in (("actor = ?", actor), ("action = ?", action), ("time >= ?", since),
                              ("time < ?", until)):
            if value:
                clauses.append(clause)
                params.append(value)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def audit_search(self, actor: str | None, action: str | None, since: str | None, until: str | None,
                     offset: int, limit: int) -> list[AuditEntry]:
        """Newest first; `since`/`until` are UTC ISO bounds (until exclusive)."""
        where, params = self._where(actor, action, since, until)
        rows = self.query(f"SELECT {_COLS} FROM audit{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                          (*params, limit, offset))
        return [AuditEntry(*r) for r in rows]

    def audit_search_count(self, actor: str | None, action: str | None, since: str | None,
                           until: str | None) -> int:
        where, params = self._where(actor, action, since, until)
        return int(self.query_one(f"SELECT count(*) FROM audit{where}", tuple(params))[0])

    def audit_actions(self) -> list[str]:
        """Every action code the log holds (for the viewer's filter)."""
        return [str(r[0]) for r in self.query("SELECT DISTINCT action FROM audit ORDER BY action")]
