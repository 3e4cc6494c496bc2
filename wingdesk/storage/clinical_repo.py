"""SQL for the clinical keys: one key generation per discipline, its wrapped prisoner keys, grants, schema-8 notes."""

from __future__ import annotations

from wingdesk.storage.base_repo import BaseRepo


class ClinicalRepo(BaseRepo):
    def discipline_state(self, discipline: str) -> tuple[int, bool] | None:
        """(current generation, rotation pending) of a discipline's key; None before its first member signed in."""
        row = self.query_one("SELECT generation, rotation_pending FROM discipline_keys WHERE discipline = ?",
                             (discipline,))
        return (int(row[0]), bool(row[1])) if row else None

    def set_discipline_generation(self, discipline: str, generation: int) -> None:
        self.execute("INSERT INTO discipline_keys (discipline, generation, rotation_pending) VALUES (?, ?, 0) "
                     "ON CONFLICT (discipline) DO UPDATE SET generation = excluded.generation, rotation_pending = 0",
                     (discipline, generation))

    def mark_rotation_pending(self, discipline: str) -> None:
        self.execute("UPDATE discipline_keys SET rotation_pending = 1 WHERE discipline = ?", (discipline,))

    def get_prisoner_key(self, discipline: str, prisoner_id: str, epoch: int) -> bytes | None:
        row = self.query_one("SELECT wrapped FROM discipline_prisoner_keys WHERE discipline = ? AND prisoner_id = ? "
                             "AND epoch = ?", (discipline, prisoner_id, epoch))
        return bytes(row[0]) if row else None

    def put_prisoner_key(self, discipline: str, prisoner_id: str, epoch: int, wrapped: bytes) -> None:
        self.execute("INSERT INTO discipline_prisoner_keys (discipline, prisoner_id, epoch, wrapped) VALUES (?,?,?,?) "
                     "ON CONFLICT (discipline, prisoner_id, epoch) DO UPDATE SET wrapped = excluded.wrapped",
                     (discipline, prisoner_id, epoch, wrapped))

    def prisoner_keys_of(self, discipline: str) -> list[tuple[str, int, bytes]]:
        rows = self.query("SELECT prisoner_id, epoch, wrapped FROM discipline_prisoner_keys WHERE discipline = ?",
                          (discipline,))
        return [(str(r[0]), int(r[1]), bytes(r[2])) for r in rows]

    def delete_prisoner_keys(self, discipline: str) -> None:
        self.execute("DELETE FROM discipline_prisoner_keys WHERE discipline = ?", (discipline,))

    def put_clinical_grant(self, user_id: str, sealed: bytes, at: str) -> None:
        self.execute("INSERT INTO clinical_grants (user_id, sealed, requested_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (user_id) DO UPDATE SET sealed = excluded.sealed", (user_id, sealed, at))

    def drop_clinical_grant(self, user_id: str) -> None:
        self.execute("DELETE FROM clinical_grants WHERE user_id = ?", (user_id,))

    # --- schema 8 and earlier --------------------------------------------------------------------------------
    def legacy_notes(self) -> list[tuple[str, str | None, str]]:
        """(record id, prisoner id, body JSON) of every stored progress-note revision."""
        rows = self.query("SELECT id, prisoner_id, body FROM records WHERE kind = 'progress_note' ORDER BY seq")
        return [(str(r[0]), r[1], str(r[2])) for r in rows]

    def put_legacy_field(self, legacy_sha256: str, token: str) -> None:
        self.execute("INSERT OR REPLACE INTO legacy_sealed_fields (legacy_sha256, token) VALUES (?, ?)",
                     (legacy_sha256, token))

    def get_legacy_field(self, legacy_sha256: str) -> str | None:
        row = self.query_one("SELECT token FROM legacy_sealed_fields WHERE legacy_sha256 = ?", (legacy_sha256,))
        return str(row[0]) if row else None

    def drop_legacy_clinical_keys(self) -> None:
        self.execute("DELETE FROM clinical_keys")
        self.execute("DELETE FROM meta WHERE key = 'clinical_legacy'")
