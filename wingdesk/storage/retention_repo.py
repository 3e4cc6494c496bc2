"""SQL for retention review (schema v31): what the schedule needs of each record, the governor's decisions, and the
clean-up after an erasure that leaves nothing of the erased text in the database file or its WAL."""

from __future__ import annotations

from wingdesk.storage.base_repo import BaseRepo, disk_errors_as_store_errors

# (record id, kind, occurred at, prisoner id, prisoner status, left at) of the current version of every record
# about a prisoner; the ones already erased have no rows left.
_HELD = ("SELECT r.id, r.kind, r.occurred_at, p.id, p.status, p.left_at FROM record_heads h "
         "JOIN records r ON r.seq = h.seq JOIN prisoners p ON p.id = r.prisoner_id")


class RetentionRepo(BaseRepo):
    def held_for_retention(self, prisoner_id: str | None = None, dated_kinds: tuple[str, ...] | None = None
                           ) -> list[tuple[str, str, str, str, str, str | None]]:
        """Every record about a prisoner (or about one prisoner), as the retention schedule reads it. `dated_kinds`:
        only the records of prisoners who left the wing, and of these kinds (counted from the record's date) about
        anyone; None: every record."""
        if prisoner_id is None and dated_kinds is not None:
            marks = ",".join("?" * len(dated_kinds)) or "NULL"
            rows = self.query(_HELD + f" WHERE p.left_at IS NOT NULL OR r.kind IN ({marks})", dated_kinds)
        elif prisoner_id is None:
            rows = self.query(_HELD)
        else:
            rows = self.query(_HELD + " WHERE r.prisoner_id = ?", (prisoner_id,))
        return [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5]) for r in rows]

    def retention_kept_until(self) -> dict[str, str]:
        """Prisoner id -> the latest day a governor decided their records are kept until."""
        rows = self.query("SELECT prisoner_id, max(kept_until) FROM retention_decisions WHERE decision = 'extend' "
                          "GROUP BY prisoner_id")
        return {str(p): str(d) for p, d in rows}

    def add_retention_decision(self, prisoner_id: str, decision: str, kept_until: str | None, reason: str,
                               records: int, schedule_version: str, user_id: str, at: str) -> None:
        self.execute("INSERT INTO retention_decisions (prisoner_id, decision, kept_until, reason, records, "
                     "schedule_version, decided_by, decided_at) VALUES (?,?,?,?,?,?,?,?)",
                     (prisoner_id, decision, kept_until, reason, records, schedule_version, user_id, at))

    def retention_decisions(self, limit: int = 200) -> list[tuple[str, str, str | None, int, str, str]]:
        """The latest decisions: (prisoner id, decision, kept until, records, decided by, decided at)."""
        rows = self.query("SELECT prisoner_id, decision, kept_until, records, decided_by, decided_at "
                          "FROM retention_decisions ORDER BY seq DESC LIMIT ?", (limit,))
        return [(str(r[0]), str(r[1]), r[2], int(r[3]), str(r[4]), str(r[5])) for r in rows]

    def has_sealed_notes(self, prisoner_id: str) -> bool:
        """Any treatment note about the prisoner still stored (its sealed fields need the prisoner's keys)."""
        return self.query_one("SELECT 1 FROM records WHERE prisoner_id = ? AND kind = 'progress_note' LIMIT 1",
                              (prisoner_id,)) is not None

    def destroy_prisoner_keys(self, prisoner_id: str) -> int:
        """Delete every wrapped per-prisoner key of the prisoner (all disciplines, all epochs, and a schema-8 one):
        crypto-shredding of their sealed treatment fields. Returns the keys destroyed. Call in a transaction."""
        with self.db.lock, disk_errors_as_store_errors():
            gone = self.conn.execute("DELETE FROM discipline_prisoner_keys WHERE prisoner_id = ?",
                                     (prisoner_id,)).rowcount
            gone += self.conn.execute("DELETE FROM clinical_keys WHERE prisoner_id = ?", (prisoner_id,)).rowcount
        return int(gone)

    def compact_after_erasure(self) -> bool:
        """After an erasure has committed: merge the search index so no segment keeps an erased word, copy the WAL
        into the database and empty it, then VACUUM (secure_delete is on, so freed pages were zeroed; VACUUM also
        rebuilds the file without them) and empty the WAL again. Outside any transaction. False when another connection
        to the file (another process) kept the WAL from being emptied: its old frames are then overwritten as the
        WAL is reused, and emptied at the next checkpoint nobody blocks."""
        with self.db.lock, disk_errors_as_store_errors():
            conn = self.conn
            conn.execute("INSERT INTO records_fts (records_fts) VALUES ('optimize')")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        return not busy
