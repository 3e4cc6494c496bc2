"""SQL for HQ recovery (issue 22 item 3): HQ's administrators' public keys and the recovery grants issued.

The recovery key itself is never here: it is a file kept offline and read by the command that needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class RecoveryRows:
    """Mixed into hq.sql_repository.SqlRepository (it provides _one, _rows and _exec)."""

    _one: Callable[..., tuple[Any, ...] | None]
    _exec: Callable[..., int]

    def add_hq_admin(self, admin_id: str, name: str, public_key: bytes, at: str) -> None:
        self._exec("INSERT INTO hq_admins (admin_id, name, public_key, added_at) VALUES (?, ?, ?, ?)",
                   (admin_id, name, public_key, at))

    def hq_admin_key(self, admin_id: str) -> tuple[str, bytes] | None:
        """(name, public key) of a registered HQ administrator."""
        row = self._one("SELECT name, public_key FROM hq_admins WHERE admin_id = ?", (admin_id,))
        return None if row is None else (str(row[0]), bytes(row[1]))

    def hq_admin_named(self, name: str) -> bool:
        return self._one("SELECT 1 FROM hq_admins WHERE name = ?", (name,)) is not None

    def recovery_generation(self, device_id: str) -> int:
        """The generation the device's recovery slot is expected at: one more than the last grant's (a grant never
        used leaves the wing one behind; the wing names its own generation and HQ can be told with --generation)."""
        row = self._one("SELECT max(generation) FROM recovery_grants WHERE device_id = ?", (device_id,))
        return 1 if row is None or row[0] is None else int(row[0]) + 1

    def add_recovery_grant(self, grant_id: str, device_id: str, generation: int, issued_at: str, expires_at: str,
                           approvals: str) -> None:
        self._exec("INSERT INTO recovery_grants (grant_id, device_id, generation, issued_at, expires_at, approvals) "
                   "VALUES (?, ?, ?, ?, ?, ?)", (grant_id, device_id, generation, issued_at, expires_at, approvals))
