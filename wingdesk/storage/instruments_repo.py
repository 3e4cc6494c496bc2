"""Installed assessment instruments (table `instruments`): every version kept, none ever changed."""

from __future__ import annotations

from wingdesk.domain.instruments.installed import InstalledInstrument
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("instrument_id, version, definition, content_sha256, source, installed_at, installed_by, hq_key_id, "
         "signed_at, signature")


def _row(row: Row) -> InstalledInstrument:
    return InstalledInstrument(row[0], int(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                               bytes(row[9]) if row[9] is not None else None)


class InstrumentsRepo(BaseRepo):
    def add_instrument(self, i: InstalledInstrument) -> None:
        self.execute(f"INSERT INTO instruments ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (i.instrument_id, i.version, i.definition, i.content_sha256, i.source, i.installed_at,
                      i.installed_by, i.hq_key_id, i.signed_at, i.signature))

    def get_instrument(self, instrument_id: str, version: int | None = None) -> InstalledInstrument | None:
        """That version, or (version None) the highest installed: the one in force."""
        if version is None:
            row = self.query_one(f"SELECT {_COLS} FROM instruments WHERE instrument_id = ? "
                                 "ORDER BY version DESC LIMIT 1", (instrument_id,))
        else:
            row = self.query_one(f"SELECT {_COLS} FROM instruments WHERE instrument_id = ? AND version = ?",
                                 (instrument_id, version))
        return _row(row) if row else None

    def instrument_versions(self, instrument_id: str) -> list[int]:
        return [int(r[0]) for r in self.query("SELECT version FROM instruments WHERE instrument_id = ? "
                                               "ORDER BY version", (instrument_id,))]

    def instruments_in_force(self) -> list[InstalledInstrument]:
        """The highest version of every installed instrument, by id."""
        rows = self.query(f"SELECT {_COLS} FROM instruments AS i WHERE version = "
                          "(SELECT max(version) FROM instruments WHERE instrument_id = i.instrument_id) "
                          "ORDER BY instrument_id")
        return [_row(r) for r in rows]
