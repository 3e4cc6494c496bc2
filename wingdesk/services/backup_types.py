"""What backup and restore hand between the layers: the ports storage implements, results, a restore's state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wingdesk.services.progress import Progress

if TYPE_CHECKING:
    from wingdesk.services.ports import WingAccess

DEFAULT_KEEP = 7  # backups kept in a folder: a week of daily backups (security.md §2.10: they expire on a schedule)


class StagedCopy(Protocol):
    """A checked copy waiting for its signature (storage.backup_store.StagedBackup)."""

    part: Path
    final: Path
    body: dict[str, Any]


class BackupPort(Protocol):
    def stage(self, to_dir: str | Path, progress: Progress = None) -> StagedCopy: ...
    def publish(self, staged: StagedCopy, signature: bytes, keep: int) -> list[str]: ...
    def discard(self, staged: StagedCopy) -> None: ...


class RestoreStager(Protocol):
    """Restoring into a data folder (storage.restore_files through storage.backend.LocalWing)."""

    def stage(self, backup: str | Path) -> tuple[dict[str, Any], bytes]: ...
    def staged_wing(self) -> WingAccess: ...
    def swap_in(self) -> str: ...
    def discard(self) -> None: ...
    def live_erasures(self, username: str, passphrase: str | bytearray) -> list[tuple[str, bytes]]: ...


@dataclass(frozen=True)
class BackupResult:
    folder: str
    backup_id: str
    counts: dict[str, int]
    expired: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BackupSchedule:
    folder: str  # "" until the administrator chooses one
    daily: bool
    last_at: str  # ISO time of the last backup this wing made, "" if none


@dataclass(frozen=True)
class RestoreResult:
    backup_id: str
    created_at: str
    counts: dict[str, int]
    replaced_folder: str  # where the wing that was here went ("" if there was none)
    waits_for_hq: bool  # an enrolled wing seals nothing until it knows HQ's last acknowledged bundle
    erasures_reapplied: int = 0  # records a retention erasure of the replaced wing buried again (issue 19 item 5)


@dataclass(frozen=True)
class PendingRestore:
    """A restore whose declaration has not yet gone to HQ in a bundle (wing_restores row)."""

    seq: int
    backup_id: str
    restored_at: str
    backup_audit_seq: int
    backup_audit_hash: str
    backup_bundle_seq: int
    continue_seq: int | None
    continue_hash: str | None


class RestoreStore(Protocol):
    """The wing_restores table and the counts a restore checks (storage.restores_repo)."""

    def count_rows(self, tables: tuple[str, ...]) -> dict[str, int]: ...
    def audit_hash_at(self, seq: int) -> str | None: ...
    def add_restore(self, backup_id: str, backup_created_at: str, restored_at: str, restored_by: str,
                    backup_audit: tuple[int, str], backup_bundle_seq: int,
                    continue_after: tuple[int, str] | None) -> None: ...
    def pending_restore(self) -> PendingRestore | None: ...
    def set_restore_position(self, seq: int, bundle_hash: str, via: str) -> bool: ...
