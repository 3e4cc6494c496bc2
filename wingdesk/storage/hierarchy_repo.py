"""Installed revisions of HQ's prison/wing hierarchy (table `hierarchy_revisions`, schema v39): every revision
kept, none ever changed."""

from __future__ import annotations

from wingdesk.domain.hierarchy.installed import InstalledHierarchy
from wingdesk.storage.base_repo import BaseRepo, Row

_COLS = "revision, document, content_sha256, hq_key_id, signed_at, signature, installed_at, installed_by"


def _row(row: Row) -> InstalledHierarchy:
    return InstalledHierarchy(int(row[0]), row[1], row[2], row[3], row[4], bytes(row[5]), row[6], row[7])


class HierarchyRepo(BaseRepo):
    def add_hierarchy(self, h: InstalledHierarchy) -> None:
        self.execute(f"INSERT INTO hierarchy_revisions ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (h.revision, h.document, h.content_sha256, h.hq_key_id, h.signed_at, h.signature,
                      h.installed_at, h.installed_by))

    def hierarchy_revisions(self) -> list[InstalledHierarchy]:
        """Every installed revision, the newest first."""
        return [_row(r) for r in self.query(f"SELECT {_COLS} FROM hierarchy_revisions ORDER BY revision DESC", ())]

    def hierarchy_revision(self, revision: int) -> InstalledHierarchy | None:
        row = self.query_one(f"SELECT {_COLS} FROM hierarchy_revisions WHERE revision = ?", (revision,))
        return _row(row) if row is not None else None

    def hierarchy_versions(self) -> list[tuple[int, str]]:
        """(revision, content hash) of every installed revision, oldest first."""
        return [(int(r[0]), str(r[1])) for r in self.query(
            "SELECT revision, content_sha256 FROM hierarchy_revisions ORDER BY revision", ())]
