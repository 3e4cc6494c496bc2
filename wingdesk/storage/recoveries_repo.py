"""SQL for HQ recoveries of this wing (wing_recoveries, migration 0026): used grant ids and the users' notice."""

from __future__ import annotations

import json

from wingdesk.storage.base_repo import BaseRepo


class RecoveriesRepo(BaseRepo):
    def recovery_grant_used(self, grant_id: str) -> bool:
        return self.query_one("SELECT 1 FROM wing_recoveries WHERE grant_id = ?", (grant_id,)) is not None

    def add_recovery(self, grant_id: str, device_id: str, generation: int, at: str, admin_id: str,
                     approvers: tuple[str, ...], grant_doc: bytes) -> None:
        self.execute("INSERT INTO wing_recoveries (grant_id, device_id, generation, recovered_at, admin_id, "
                     "approvers, grant_doc) VALUES (?,?,?,?,?,?,?)",
                     (grant_id, device_id, generation, at, admin_id, json.dumps(list(approvers)), grant_doc))

    def recovery_grants(self) -> dict[str, tuple[str, bytes]]:
        """grant id -> (the administrator it created, the HQ-signed grant as it came), for `wingdesk verify`."""
        rows = self.query("SELECT grant_id, admin_id, grant_doc FROM wing_recoveries")
        return {str(r[0]): (str(r[1]), bytes(r[2])) for r in rows}

    def hq_device_keys(self) -> tuple[str, bytes] | None:
        """(this PC's device id, HQ's signing key it enrolled with), or None before enrolment."""
        row = self.query_one("SELECT device_id, hq_sign_public FROM sync_device WHERE id = 1")
        return None if row is None or not row[1] else (str(row[0]), bytes(row[1]))

    def recoveries(self) -> list[tuple[str, str, str]]:
        """(grant id, when, new administrator's user id), newest first."""
        rows = self.query("SELECT grant_id, recovered_at, admin_id FROM wing_recoveries ORDER BY recovered_at DESC")
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]
