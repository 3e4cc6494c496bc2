"""Installed code lists (table `code_lists`, schema v36): every version kept, none ever changed."""

from __future__ import annotations

from wingdesk.domain.code_lists.installed import InstalledCodeList
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("list_name, version, document, content_sha256, hq_key_id, signed_at, signature, installed_at, "
         "installed_by")


def _row(row: Row) -> InstalledCodeList:
    return InstalledCodeList(row[0], int(row[1]), row[2], row[3], row[4], row[5], bytes(row[6]), row[7], row[8])


class CodeListsRepo(BaseRepo):
    def add_code_list(self, c: InstalledCodeList) -> None:
        self.execute(f"INSERT INTO code_lists ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (c.list_name, c.version, c.document, c.content_sha256, c.hq_key_id, c.signed_at, c.signature,
                      c.installed_at, c.installed_by))

    def get_code_list(self, list_name: str, version: int) -> InstalledCodeList | None:
        row = self.query_one(f"SELECT {_COLS} FROM code_lists WHERE list_name = ? AND version = ?",
                             (list_name, version))
        return _row(row) if row is not None else None

    def code_lists(self, list_name: str) -> list[InstalledCodeList]:
        """Every installed version of the list, oldest first."""
        return [_row(r) for r in self.query(f"SELECT {_COLS} FROM code_lists WHERE list_name = ? ORDER BY version",
                                            (list_name,))]

    def code_list_versions(self, list_name: str) -> list[tuple[int, str]]:
        """(version, content hash) of every installed version of the list, oldest first."""
        return [(int(r[0]), str(r[1])) for r in self.query(
            "SELECT version, content_sha256 FROM code_lists WHERE list_name = ? ORDER BY version", (list_name,))]
