"""SQL for restores from a backup (wing_restores, migration 0018) and the row counts a restore checks."""

from __future__ import annotations

from wingdesk.services.backup_types import PendingRestore
from wingdesk.storage.base_repo import BaseRepo

_COUNTABLE = frozenset({"records", "audit", "users", "prisoners", "amendments", "countersignatures", "sync_bundles"})


class RestoresRepo(BaseRepo):
    def count_rows(self, tables: tuple[str, ...]) -> dict[str, int]:
        if not set(tables) <= _COUNTABLE:
            raise ValueError("not a counted table")
        return {t: int(self.query_one(f"SELECT count(*) FROM {t}")[0]) for t in tables}

    def add_restore(self, backup_id: str, backup_created_at: str, restored_at: str, restored_by: str,
                    backup_audit: tuple[int, str], backup_bundle_seq: int,
                    continue_after: tuple[int, str] | None) -> None:
        after_seq, after_hash = continue_after if continue_after is not None else (None, None)
        self.execute("INSERT INTO wing_restores (backup_id, backup_created_at, restored_at, restored_by, "
                     "backup_audit_seq, backup_audit_hash, backup_bundle_seq, continue_seq, continue_hash, "
                     "learned_via) VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (backup_id, backup_created_at, restored_at, restored_by, backup_audit[0], backup_audit[1],
                      backup_bundle_seq, after_seq, after_hash, "operator" if continue_after else None))

    def pending_restore(self) -> PendingRestore | None:
        """The newest restore not yet declared to HQ in a bundle (earlier undeclared ones it supersedes)."""
        row = self.query_one("SELECT seq, backup_id, restored_at, backup_audit_seq, backup_audit_hash, "
                             "backup_bundle_seq, continue_seq, continue_hash FROM wing_restores "
                             "WHERE declared_in_bundle IS NULL ORDER BY seq DESC LIMIT 1")
        if row is None:
            return None
        return PendingRestore(int(row[0]), row[1], row[2], int(row[3]), row[4], int(row[5]),
                              None if row[6] is None else int(row[6]), row[7])

    def set_restore_position(self, seq: int, bundle_hash: str, via: str) -> bool:
        """HQ's last acknowledged bundle, learned from an HQ-signed receipt: only ever moves up."""
        pending = self.pending_restore()
        if pending is None or (pending.continue_seq is not None and pending.continue_seq >= seq):
            return False
        self.execute("UPDATE wing_restores SET continue_seq = ?, continue_hash = ?, learned_via = ? WHERE seq = ?",
                     (seq, bundle_hash, via, pending.seq))
        return True

    def mark_restore_declared(self, restore_seq: int, bundle_seq: int) -> None:
        self.execute("UPDATE wing_restores SET declared_in_bundle = ? WHERE declared_in_bundle IS NULL AND seq <= ?",
                     (bundle_seq, restore_seq))

    def last_head_bundle_seq(self) -> int:
        """The newest sealed bundle that carried an audit head (0: none)."""
        row = self.query_one("SELECT max(seq) FROM sync_bundles WHERE audit_seq IS NOT NULL")
        return int(row[0]) if row and row[0] is not None else 0
