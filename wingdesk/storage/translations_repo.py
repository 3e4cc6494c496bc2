"""HQ's translation updates (table `translation_updates`, schema v37): every version kept, none ever changed."""

from __future__ import annotations

from wingdesk.domain.translations.installed import InstalledTranslation
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = "language, version, document, content_sha256, hq_key_id, signed_at, signature, installed_at, installed_by"


def _row(row: Row) -> InstalledTranslation:
    return InstalledTranslation(row[0], int(row[1]), row[2], row[3], row[4], row[5], bytes(row[6]), row[7], row[8])


class TranslationsRepo(BaseRepo):
    def add_translation_update(self, t: InstalledTranslation) -> None:
        self.execute(f"INSERT INTO translation_updates ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (t.language, t.version, t.document, t.content_sha256, t.hq_key_id, t.signed_at, t.signature,
                      t.installed_at, t.installed_by))

    def get_translation_update(self, language: str, version: int) -> InstalledTranslation | None:
        row = self.query_one(f"SELECT {_COLS} FROM translation_updates WHERE language = ? AND version = ?",
                             (language, version))
        return _row(row) if row else None

    def translation_updates(self) -> list[InstalledTranslation]:
        """Every installed version, by language, the newest first."""
        rows = self.query(f"SELECT {_COLS} FROM translation_updates ORDER BY language, version DESC")
        return [_row(r) for r in rows]

    def translation_updates_in_force(self) -> list[InstalledTranslation]:
        """The highest installed version of each language, by language."""
        rows = self.query(f"SELECT {_COLS} FROM translation_updates AS t WHERE version = (SELECT max(version) "
                          "FROM translation_updates WHERE language = t.language) ORDER BY language")
        return [_row(r) for r in rows]
