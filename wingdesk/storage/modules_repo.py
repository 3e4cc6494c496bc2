"""Installed training modules (table `training_modules`): every version kept, none ever changed."""

from __future__ import annotations

from wingdesk.domain.modules.installed import InstalledModule
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = ("module_id, version, package, content_sha256, source, installed_at, installed_by, hq_key_id, signed_at, "
         "signature")


def _row(row: Row) -> InstalledModule:
    return InstalledModule(row[0], int(row[1]), row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                           bytes(row[9]) if row[9] is not None else None)


class ModulesRepo(BaseRepo):
    def add_module(self, m: InstalledModule) -> None:
        self.execute(f"INSERT INTO training_modules ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (m.module_id, m.version, m.package, m.content_sha256, m.source, m.installed_at,
                      m.installed_by, m.hq_key_id, m.signed_at, m.signature))

    def get_module(self, module_id: str, version: int | None = None) -> InstalledModule | None:
        """That version, or (version None) the highest installed: the one in force."""
        if version is None:
            row = self.query_one(f"SELECT {_COLS} FROM training_modules WHERE module_id = ? "
                                 "ORDER BY version DESC LIMIT 1", (module_id,))
        else:
            row = self.query_one(f"SELECT {_COLS} FROM training_modules WHERE module_id = ? AND version = ?",
                                 (module_id, version))
        return _row(row) if row else None

    def module_versions(self, module_id: str) -> list[int]:
        return [int(r[0]) for r in self.query("SELECT version FROM training_modules WHERE module_id = ? "
                                               "ORDER BY version", (module_id,))]

    def modules_in_force(self) -> list[tuple[str, int, str]]:
        """(id, highest version, its content hash) of every installed module, by id: enough to find a parsed
        copy without reading the package."""
        rows = self.query("SELECT module_id, version, content_sha256 FROM training_modules AS m WHERE version = "
                          "(SELECT max(version) FROM training_modules WHERE module_id = m.module_id) "
                          "ORDER BY module_id")
        return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]
